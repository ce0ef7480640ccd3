"""Forms of the shift import (assistants/views/imports.py)."""

from django.urls import reverse_lazy

from core.importing.forms import ImportConfirmForm, ImportUploadForm


class ShiftImportForm(ImportUploadForm):
    """Upload of a CSV / XLSX file of historical shifts."""


class ShiftImportConfirmForm(ImportConfirmForm):
    action = reverse_lazy("shifts:import_confirm")

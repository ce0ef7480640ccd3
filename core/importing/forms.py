"""The two forms of every import: the upload of a file, and the confirmation of its preview."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.importing.uploads import TOKEN_PATTERN
from core.layout import Submit
from core.tabular import read_upload


class ImportUploadForm(forms.Form):
    """Upload of a CSV / XLSX file; a readable file leaves `content`, `extension` and `dataset`."""

    file = forms.FileField(label=_("Soubor CSV nebo XLSX"), widget=forms.FileInput(attrs={"accept": ".csv,.xlsx"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("Nejvýše %(size)s. CSV v kódování UTF-8 nebo windows-1250.") % {
            "size": filesizeformat(settings.IMPORT_MAX_BYTES)
        }
        self.content, self.extension, self.dataset = b"", "", None
        self.helper = FormHelper()
        self.helper.layout = Layout("file", Submit("submit", _("Nahrát a zkontrolovat"), css_class="btn-lg"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        table = read_upload(upload)
        self.content, self.extension, self.dataset = table.content, table.extension, table.dataset
        return upload


class ImportConfirmForm(forms.Form):
    """Confirms a previewed import; the token names the file kept on the server, never the data.

    A subclass sets `action`, the URL of its import's confirm step.
    """

    action = ""

    token = forms.RegexField(regex=TOKEN_PATTERN, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_action = self.action
        self.helper.layout = Layout("token", Submit("submit", _("Potvrdit import"), css_class="btn-lg"))

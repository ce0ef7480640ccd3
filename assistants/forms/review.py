"""Forms of the mentor's review: return, reopen, approve several (assistants/views/review.py)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assistants.models import Shift
from core.layout import StrictButton, Submit
from core.validators import validate_no_control_characters_multiline
from core.versioning import VersionedForm


class ReturnForm(VersionedForm):
    """Return a submitted shift to its assistants; the comment tells them what to fix."""

    comment = forms.CharField(
        label=_("Co je potřeba opravit"),
        widget=forms.Textarea(attrs={"rows": 3}),
        # The service saves the comment without a model form; the field checks it, so the error shows here.
        validators=[validate_no_control_characters_multiline],
        error_messages={"required": _("Napište, co je potřeba opravit.")},
    )

    def __init__(self, data=None, *, shift: Shift):
        super().__init__(data, version=shift.version, auto_id="return_%s")
        self.helper = FormHelper()
        self.helper.form_action = reverse("shifts:return", args=[shift.pk])
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "comment",
            "version",
            StrictButton(_("Vrátit k opravě"), type="submit", css_class="btn btn-lg btn-outline-danger"),
        )


class ReopenForm(VersionedForm):
    """Unlock an approved shift; the reason is kept in the status history."""

    reason = forms.CharField(
        label=_("Důvod znovuotevření"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Uveďte důvod znovuotevření.")},
        validators=[validate_no_control_characters_multiline],
    )

    def __init__(self, data=None, *, shift: Shift):
        super().__init__(data, version=shift.version, auto_id="reopen_%s")
        self.helper = FormHelper()
        self.helper.form_action = reverse("shifts:reopen", args=[shift.pk])
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "reason",
            "version",
            StrictButton(_("Znovu otevřít směnu"), type="submit", css_class="btn btn-lg btn-outline-danger"),
        )


class ShiftIdsField(forms.Field):
    """A list of shift ids from repeated checkboxes (name="shifts"); scoping is the view's job."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Vyberte alespoň jednu směnu."),
        "invalid": _("Neplatný výběr směn."),
    }

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        try:
            return sorted({int(item) for item in value})
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class ApproveManyForm(forms.Form):
    """Approve the shifts ticked in the review queue; the checkboxes sit in the table and name this form."""

    FORM_ID = "approve-many"

    shifts = ShiftIdsField()

    def __init__(self, data=None):
        super().__init__(data)
        self.helper = FormHelper()
        self.helper.form_id = self.FORM_ID
        self.helper.form_action = reverse("shifts:approve_many")
        self.helper.layout = Layout(Submit("submit", _("Schválit vybrané"), css_class="btn-lg"))

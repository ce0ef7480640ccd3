"""The form that picks a work log (assistants/views/worklog.py)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from core import dates
from core.layout import StrictButton


class WorklogChooseForm(forms.Form):
    """Pick an APK and a month for the monthly work log (GET)."""

    assistant = forms.ModelChoiceField(label=_("Asistent"), queryset=None, empty_label=None)
    month = forms.RegexField(
        label=_("Měsíc"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        widget=forms.DateInput(attrs={"type": "month"}),
        error_messages={"invalid": _("Zadejte měsíc ve tvaru RRRR-MM, např. 2026-11.")},
    )

    def __init__(self, data=None, *, assistants, initial=None):
        super().__init__(data, initial=initial)
        self.fields["assistant"].queryset = assistants
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.form_class = "card card-body mb-3"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Row(
                Column("assistant", css_class="col-md-6"),
                Column("month", css_class="col-md-3"),
                Column(
                    StrictButton(_("Zobrazit"), type="submit", css_class="btn btn-primary btn-lg"),
                    css_class="col-md-3 d-flex align-items-end mb-3",
                ),
            ),
        )

    def clean_month(self):
        year, month = self.cleaned_data["month"].split("-")
        # The months the work log PDF serves (core.dates.month_of, as its URL does).
        try:
            return dates.month_of(int(year), int(month))
        except ValueError:
            raise forms.ValidationError(_("Zadejte měsíc mezi lety 2000 a 2100.")) from None

    def year_month(self) -> tuple[int, int]:
        month = self.cleaned_data["month"]
        return month.year, month.month

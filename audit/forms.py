"""The audit list's filter."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit import registry
from audit.choices import AuditAction
from core.layout import Include


class AuditFilterForm(forms.Form):
    """Filters of the organisation's audit log (GET); an empty form means no filter."""

    account = forms.ModelChoiceField(
        label=_("Uživatel"), queryset=None, required=False, empty_label=_("všichni uživatelé")
    )
    date_from = forms.DateField(
        label=_("Od"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = forms.DateField(
        label=_("Do"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    object_type = forms.ChoiceField(label=_("Typ objektu"), required=False)
    action = forms.ChoiceField(label=_("Akce"), choices=[("", _("všechny akce")), *AuditAction.choices], required=False)

    def __init__(self, data=None, *, user):
        super().__init__(data)
        self.fields["account"].queryset = (
            get_user_model().objects.for_user(user).order_by("last_name", "first_name", "username")
        )
        self.fields["object_type"].choices = [("", _("všechny typy")), *registry.object_type_choices()]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.form_class = "card card-body mb-3"
        self.helper.attrs = {"role": "search", "aria-label": _("Filtr auditu"), "novalidate": ""}
        columns = [Column(name, css_class="col-sm-6 col-lg") for name in self.fields]
        self.helper.layout = Layout(
            Row(*columns, css_class="g-2 align-items-end"),
            # Plain buttons: a named submit would add "submit=…" to every filtered URL.
            Include("_filter_buttons.html", reset_url=reverse("audit:list")),
        )

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("Datum „do“ nesmí být před datem „od“."))
        return cleaned

    def filters(self) -> dict:
        """Keyword arguments for selectors.audit_event_list_for; an invalid field is left out (and shown)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

"""Forms of clients, their identity and the social service (cases/views/clients.py)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Layout, Row
from django import forms
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases import selectors
from cases.choices import (
    TargetGroup,
)
from cases.models import Client, ClientIdentity, SocialService
from cases.services import CLIENT_FIELDS, IDENTITY_FIELDS
from core.layout import Fieldset, Include, Submit
from core.versioning import VersionedForm


def _client_date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _set_empty_label(field, label):
    """Replace Django's "---------" of a model choice field with a Czech word."""
    field.choices = [("", label), *[choice for choice in field.choices if choice[0] != ""]]


def _identity_fields() -> dict:
    """The optional identifying data, as form fields (labels and validators from ClientIdentity)."""
    fields = {name: ClientIdentity._meta.get_field(name).formfield(required=False) for name in IDENTITY_FIELDS}
    this_year = timezone.localdate().year
    fields["birth_year"].validators.append(MaxValueValidator(this_year, _("Rok narození nemůže být v budoucnosti.")))
    fields["birth_year"].widget.attrs.update({"inputmode": "numeric", "min": 1900, "max": this_year})
    fields["phone"].widget.input_type = "tel"
    for field in fields.values():
        field.widget.attrs.setdefault("autocomplete", "off")
    return fields


def _identity_fieldset() -> Fieldset:
    return Fieldset(
        _("Identifikační údaje (důvěrné, nepovinné)"),
        Include(
            "_form_note.html",
            note=_(
                "Jméno, rok narození, telefon a adresu uvidí jen pracovníci přidělení k případům klienta "
                "a vedoucí služby. V seznamech, přehledech ani exportech se nikdy nezobrazují; "
                "všude jinde se klient uvádí jen kódem."
            ),
        ),
        "full_name",
        Row(Column("birth_year", css_class="col-sm-4"), Column("phone", css_class="col-sm-8")),
        "address",
        css_class="border border-warning rounded p-3 mb-3",
        data_testid="identity-fieldset",
    )


class ClientFormBase(forms.ModelForm):
    """Pseudonymous attributes of a client (Client) plus the optional identifying data (ClientIdentity)."""

    class Meta:
        model = Client
        fields = list(CLIENT_FIELDS)
        widgets = {
            "agreement_date": _client_date_input(),
            "consent_date": _client_date_input(),
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "note": _("Jen to, co služba potřebuje; poznámka se po uplynutí skartační lhůty maže."),
            "consent_scope": _("Např. „vedení dokumentace služby a předávání údajů policii se souhlasem klienta“."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_identity_fields())
        for name in ("gender", "age_band", "target_group"):
            _set_empty_label(self.fields[name], _("vyberte"))
        _set_empty_label(self.fields["agreement_form"], _("neuvedena"))
        self.helper = FormHelper()
        # Server-side validation gives Czech messages at each field; the browser's own would pre-empt them.
        self.helper.attrs = {"novalidate": ""}

    def _client_fieldsets(self) -> list:
        return [
            Fieldset(
                _("Klient"),
                Row(
                    Column("gender", css_class="col-md-4"),
                    Column("age_band", css_class="col-md-4"),
                    Column("target_group", css_class="col-md-4"),
                ),
            ),
            Fieldset(
                _("Dohoda o poskytování služby a souhlas se zpracováním údajů"),
                Row(Column("agreement_form", css_class="col-sm-6"), Column("agreement_date", css_class="col-sm-6")),
                Row(Column("consent_date", css_class="col-sm-4"), Column("consent_scope", css_class="col-sm-8")),
            ),
            "note",
            _identity_fieldset(),
        ]

    def client_arguments(self) -> dict:
        return {name: self.cleaned_data[name] for name in CLIENT_FIELDS}

    def identity_arguments(self) -> dict:
        return {name: self.cleaned_data[name] for name in IDENTITY_FIELDS}


class ClientCreateForm(ClientFormBase):
    """A new client. Before saving, the view checks for duplicates and may ask the worker to confirm."""

    service = forms.ModelChoiceField(label=_("Sociální služba"), queryset=None, empty_label=_("vyberte službu"))
    earlier_code = forms.CharField(
        label=_("Dřívější kód klienta"),
        required=False,
        max_length=20,
        help_text=_(
            "Pokud klient kód od služby už má (např. na kartičce), zadejte ho – ověříme, zda už není v evidenci."
        ),
    )
    confirm_duplicate = forms.BooleanField(label=_("Přesto založit nového klienta"), required=False)
    # The codes the worker was warned about; the confirmation covers these and no others.
    warned_codes = forms.CharField(widget=forms.HiddenInput, required=False)

    field_order = ["service"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        services = selectors.services_for(user)
        self.fields["service"].queryset = services
        only = list(services[:2])
        self.has_services = bool(only)
        if len(only) == 1:  # the usual case: the organisation runs one service; nothing to choose
            self.fields["service"].initial = only[0].pk
            self.fields["service"].widget = forms.HiddenInput()
        self.fields["earlier_code"].widget.attrs.update({"autocomplete": "off", "placeholder": _("např. K-2025-0012")})
        self.duplicate_codes: list[str] = []
        self._set_layout()

    def _set_layout(self):
        confirm = []
        if self.duplicate_codes:
            confirm = [Div("confirm_duplicate", css_class="alert alert-warning pb-1", data_testid="duplicate-confirm")]
        self.helper.layout = Layout(
            "service",
            *self._client_fieldsets(),
            Fieldset(_("Kontrola duplicity"), "earlier_code"),
            "warned_codes",
            *confirm,
            Submit("submit", _("Založit klienta"), css_class="btn-lg"),
        )

    def duplicate_check_arguments(self) -> dict:
        return {"full_name": self.cleaned_data["full_name"], "code": self.cleaned_data["earlier_code"]}

    def confirmed(self, codes: list[str]) -> bool:
        """Whether the worker ticked "create anyway" after being warned about (at least) these codes."""
        warned = set(filter(None, self.cleaned_data["warned_codes"].split(",")))
        return self.cleaned_data["confirm_duplicate"] and set(codes) <= warned

    def warn_about_duplicates(self, codes: list[str]) -> None:
        """Re-render with the warning: remember the codes shown and ask for a fresh confirmation."""
        self.duplicate_codes = codes
        self.data = self.data.copy()
        self.data["warned_codes"] = ",".join(codes)
        self.data.pop("confirm_duplicate", None)
        self._set_layout()


class ClientEditForm(VersionedForm, ClientFormBase):
    """Changes of a client's attributes and identity, with the version the worker saw (optimistic locking)."""

    def __init__(self, *args, client: Client, identity: ClientIdentity | None, **kwargs):
        initial = {}
        if identity is not None:
            initial.update({name: getattr(identity, name) for name in IDENTITY_FIELDS})
        super().__init__(*args, instance=client, initial=initial, **kwargs)
        self.helper.layout = Layout(
            *self._client_fieldsets(), *self.version_layout(), Submit("submit", _("Uložit změny"), css_class="btn-lg")
        )


class SocialServiceForm(VersionedForm, forms.ModelForm):
    """A registered social service of the organisation."""

    target_groups = forms.MultipleChoiceField(
        label=_("Cílové skupiny"), choices=TargetGroup.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = SocialService
        fields = ["name", "registration_number", "kind", "target_groups", "intervention_threshold_minutes"]
        widgets = {
            "registration_number": forms.TextInput(
                attrs={"inputmode": "numeric", "pattern": "[0-9]{7}", "maxlength": 7, "autocomplete": "off"}
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "name",
            Row(Column("registration_number", css_class="col-sm-6"), Column("kind", css_class="col-sm-6")),
            "target_groups",
            "intervention_threshold_minutes",
            *self.version_layout(),
            Submit("submit", _("Uložit"), css_class="btn-lg"),
        )

    def service_arguments(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

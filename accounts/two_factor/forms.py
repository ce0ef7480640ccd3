"""Forms of the two-factor login (accounts/two_factor/services.py) and of the organisation's settings."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from accounts.two_factor import services as two_factor
from core.layout import Submit
from core.versioning import VersionedForm

THROTTLED_MESSAGE = _("Příliš mnoho chybných pokusů. Počkejte chvíli a zadejte kód znovu.")


def _code_field(label, help_text):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=20,
        error_messages={"required": _("Zadejte kód.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autocapitalize": "off", "autofocus": True}
        ),
    )


class VerifyCodeForm(forms.Form):
    """The login's second step: a code from the authenticator app or one recovery code."""

    code = _code_field(
        _("Ověřovací kód"),
        _("Šestimístný kód z aplikace, nebo jeden ze záložních kódů."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        self.device = None
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template's form also carries "next"
        self.helper.layout = Layout("code", Submit("submit", _("Ověřit"), css_class="btn-lg w-100"))

    def clean_code(self):
        code = self.cleaned_data["code"]
        self.device, problem = two_factor.verify_code(user=self.user, code=code)
        if problem == "throttled":
            raise forms.ValidationError(THROTTLED_MESSAGE, code="throttled")
        if self.device is None:
            raise forms.ValidationError(_("Kód není správný nebo už byl použit."), code="invalid")
        return code


class SetupConfirmForm(forms.Form):
    """The set-up's last step: the first code the new authenticator app shows."""

    code = _code_field(_("Kód z aplikace"), _("Šestimístný kód, který aplikace právě ukazuje."))

    def __init__(self, *args, user, key_hex, **kwargs):
        self.user = user
        self.key_hex = key_hex
        self.device = None
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs["inputmode"] = "numeric"
        self.helper = FormHelper()
        self.helper.form_tag = False  # the template holds the form beside the QR code
        self.helper.layout = Layout("code", Submit("submit", _("Potvrdit a zapnout"), css_class="btn-lg"))

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not two_factor.TOTP_TOKEN_RE.match(code):
            raise forms.ValidationError(_("Zadejte šest číslic z aplikace."), code="format")
        self.device = two_factor.totp_device_confirm(user=self.user, key_hex=self.key_hex, token=code)
        if self.device is None:
            raise forms.ValidationError(
                _("Kód nesouhlasí. Zkontrolujte, že je v telefonu správný čas, a zadejte aktuální kód."),
                code="invalid",
            )
        return code


class OrganisationSettingsForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["require_two_factor_for_apk"]
        labels = {"require_two_factor_for_apk": _("Vyžadovat dvoufázové ověření i od asistentů prevence kriminality")}
        help_texts = {
            "require_two_factor_for_apk": _(
                "Ostatní role (mentor, asistent pro jednání s policií, vedoucí služby, koordinátor, správce) "
                "ho mají povinné vždy. Asistenti bez nastaveného ověření si ho nastaví při příštím přihlášení."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "require_two_factor_for_apk", *self.version_layout(), Submit("submit", _("Uložit"), css_class="btn-lg")
        )

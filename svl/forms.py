from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.password_validation import validate_password
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from svl import audit
from svl.choices import AuditAction, Role
from svl.layout import Include, Submit
from svl.models import User
from svl.versioning import VersionedForm


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", Role.choices)
        kwargs.setdefault("label", _("Role"))
        kwargs.setdefault("error_messages", {"required": _("Vyberte alespoň jednu roli.")})
        super().__init__(**kwargs)


class PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Heslo"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Heslo znovu"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def password_user(self) -> User | None:
        return None

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Hesla se neshodují."))
        elif password1:
            try:
                validate_password(password1, self.password_user())
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class UserCreateForm(PasswordPairMixin, forms.ModelForm):
    roles = RolesField()

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "username",
            Row(Column("first_name", css_class="col-md-6"), Column("last_name", css_class="col-md-6")),
            "email",
            "roles",
            Row(Column("password1", css_class="col-md-6"), Column("password2", css_class="col-md-6")),
            Submit("submit", _("Vytvořit uživatele"), css_class="btn-lg"),
        )

    def password_user(self):
        return User(
            username=self.cleaned_data.get("username", ""),
            first_name=self.cleaned_data.get("first_name", ""),
            last_name=self.cleaned_data.get("last_name", ""),
            email=self.cleaned_data.get("email", ""),
        )


class UserEditForm(VersionedForm, forms.ModelForm):
    roles = RolesField()

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "is_active"]
        labels = {"is_active": _("Aktivní (může se přihlásit)")}
        help_texts = {"is_active": ""}

    def __init__(self, *args, acting_user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].initial = self.instance.roles
        if self.instance.pk == acting_user.pk:
            # Nobody changes their own roles (svl.services.user_update): shown, not editable; a disabled field
            # ignores whatever is posted for it.
            self.fields["roles"].disabled = True
            self.fields["roles"].help_text = _(
                "Své vlastní role měnit nemůžete. Pokud je potřeba je změnit, musí to udělat jiný správce organizace."
            )
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Row(Column("first_name", css_class="col-md-6"), Column("last_name", css_class="col-md-6")),
            "email",
            "roles",
            "is_active",
            *self.version_layout(),
            Submit("submit", _("Uložit"), css_class="btn-lg"),
        )


class UserPasswordForm(PasswordPairMixin):
    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout("password1", "password2", Submit("submit", _("Nastavit heslo"), css_class="btn-lg"))

    def password_user(self):
        return self.user


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    """The user's own password change (Django's form), refused without checking the old password while too many
    wrong ones were typed recently (svl.lockout.password_change_retry_at)."""

    def __init__(self, user, *args, retry_at=None, **kwargs):
        self.retry_at = retry_at
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        if self.retry_at is not None:
            raise forms.ValidationError(
                _("Současné heslo bylo zadáno chybně příliš mnohokrát. Heslo můžete znovu změnit po %(time)s."),
                code="throttled",
                params={"time": formats.time_format(timezone.localtime(self.retry_at), "H:i")},
            )
        return super().clean_old_password()


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
        self.fields["account"].queryset = User.objects.for_user(user).order_by("last_name", "first_name", "username")
        self.fields["object_type"].choices = [("", _("všechny typy")), *audit.object_type_choices()]
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

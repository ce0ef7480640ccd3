from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.password_validation import validate_password
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from accounts.models import User
from core.layout import Submit
from core.versioning import VersionedForm


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
            # Nobody changes their own roles (accounts.services.user_update): shown, not editable; a disabled field
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
    wrong ones were typed recently (accounts.lockout.password_change_retry_at)."""

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

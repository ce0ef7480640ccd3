from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row, Submit
from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from svl.choices import Role
from svl.models import User


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


class UserEditForm(forms.ModelForm):
    roles = RolesField()

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "is_active"]
        labels = {"is_active": _("Aktivní (může se přihlásit)")}
        help_texts = {"is_active": ""}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].initial = self.instance.roles
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Row(Column("first_name", css_class="col-md-6"), Column("last_name", css_class="col-md-6")),
            "email",
            "roles",
            "is_active",
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

"""Forms of platforms, member institutions, representatives and outputs (platforms/views/platforms.py)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.layout import Submit
from core.versioning import VersionedForm
from platforms import selectors
from platforms.choices import OutputKind, Theme
from platforms.forms.fields import cancel_link, platform_date_input
from platforms.models import Institution, Platform, Representative
from platforms.services import ALLOWED_DOCUMENT_TYPES, INSTITUTION_FIELDS, PLATFORM_FIELDS, REPRESENTATIVE_FIELDS


class PlatformForm(VersionedForm, forms.ModelForm):
    """A platform: name, municipality, themes, usual frequency, coordinator (a coordinator of the organisation)."""

    themes = forms.MultipleChoiceField(
        label=_("Témata"), choices=Theme.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Platform
        fields = list(PLATFORM_FIELDS)
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, data=None, *, user, instance: Platform | None = None, cancel_url: str):
        initial = {} if instance is not None else {"coordinator": user.pk}
        super().__init__(data, instance=instance, initial=initial)
        current = instance.coordinator if instance is not None else None
        self.fields["coordinator"].queryset = selectors.coordinator_choices(user, include=current)
        self.fields["coordinator"].empty_label = _("vyberte koordinátora")
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-7"), Column("municipality", css_class="col-md-5")),
            "themes",
            Row(Column("frequency", css_class="col-md-5"), Column("coordinator", css_class="col-md-7")),
            "description",
            "is_active",
            *self.version_layout(),
            Submit("submit", _("Uložit"), css_class="btn-lg"),
            cancel_link(cancel_url),
        )

    def service_arguments(self) -> dict:
        return {name: self.cleaned_data[name] for name in PLATFORM_FIELDS}


class InstitutionForm(VersionedForm, forms.ModelForm):
    """A member institution of a platform (a record, not a user account)."""

    class Meta:
        model = Institution
        fields = list(INSTITUTION_FIELDS)

    def __init__(self, data=None, *, instance: Institution | None = None, cancel_url: str):
        super().__init__(data, instance=instance)
        self.fields["kind"].choices = [("", _("vyberte druh instituce")), *self.fields["kind"].choices[1:]]
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-7"), Column("kind", css_class="col-md-5")),
            "is_active",
            *self.version_layout(),
            Submit("submit", _("Uložit"), css_class="btn-lg"),
            cancel_link(cancel_url),
        )

    def service_arguments(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RepresentativeForm(VersionedForm, forms.ModelForm):
    """A person representing a member institution: name, function and contacts (a record, not an account)."""

    class Meta:
        model = Representative
        fields = list(REPRESENTATIVE_FIELDS)
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
        }

    def __init__(self, data=None, *, instance: Representative | None = None, cancel_url: str):
        super().__init__(data, instance=instance)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-6"), Column("function", css_class="col-md-6")),
            Row(Column("email", css_class="col-md-6"), Column("phone", css_class="col-md-6")),
            "is_active",
            *self.version_layout(),
            Submit("submit", _("Uložit"), css_class="btn-lg"),
            cancel_link(cancel_url),
        )

    def service_arguments(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, meeting):
        when = formats.date_format(timezone.localtime(meeting.starts_at), "j. n. Y")
        return f"{when} – {meeting.place or meeting.locality}"


class OutputForm(forms.Form):
    """An output of the platform with its document; services.output_create checks the document's type and size."""

    kind = forms.ChoiceField(label=_("Druh výstupu"), choices=[("", _("vyberte druh")), *OutputKind.choices])
    title = forms.CharField(label=_("Název"), max_length=300)
    date = forms.DateField(label=_("Datum"), widget=platform_date_input())
    document = forms.FileField(
        label=_("Dokument"),
        help_text=_("PDF, DOCX, XLSX nebo ODT, bez maker."),
        widget=forms.FileInput(attrs={"accept": ",".join(sorted(ALLOWED_DOCUMENT_TYPES))}),
        error_messages={"required": _("Nahrajte dokument.")},
    )
    meeting = MeetingChoiceField(
        label=_("Z jednání"), queryset=None, required=False, empty_label=_("bez vazby na jednání")
    )

    def __init__(self, data=None, files=None, *, platform: Platform, cancel_url: str):
        super().__init__(data, files)
        self.fields["meeting"].queryset = selectors.meetings_of(platform)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Row(Column("kind", css_class="col-md-6"), Column("date", css_class="col-md-6")),
            "title",
            "document",
            "meeting",
            Submit("submit", _("Uložit výstup"), css_class="btn-lg"),
            cancel_link(cancel_url),
        )

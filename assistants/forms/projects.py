"""Forms of projects and field-record categories (assistants/views/projects.py)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from assistants import selectors
from assistants.models import FieldRecordCategory, Project
from assistants.services import PROJECT_FIELDS
from core.layout import Submit
from core.versioning import VersionedForm


class ProjectForm(VersionedForm, forms.ModelForm):
    """A grant project: funder, registration number, period, members, target localities, planned hours."""

    class Meta:
        model = Project
        fields = [
            "name",
            "funder",
            "registration_number",
            "starts_on",
            "ends_on",
            "planned_hours",
            "assistants",
            "mentors",
            "localities",
            "is_active",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "assistants": forms.CheckboxSelectMultiple,
            "mentors": forms.CheckboxSelectMultiple,
            "localities": forms.CheckboxSelectMultiple,
        }

    def __init__(self, data=None, *, user, instance: Project | None = None):
        super().__init__(data, instance=instance)
        current = instance if instance is not None and instance.pk else None
        self.fields["assistants"].queryset = selectors.project_member_choices(
            user, Role.APK, include=current.assistants.all() if current else ()
        )
        self.fields["mentors"].queryset = selectors.project_member_choices(
            user, Role.MENTOR, include=current.mentors.all() if current else ()
        )
        self.fields["localities"].queryset = selectors.project_locality_choices(
            user, include=current.localities.all() if current else ()
        )
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-md-8"), Column("funder", css_class="col-md-4")),
            Row(
                Column("registration_number", css_class="col-md-6"),
                Column("starts_on", css_class="col-sm-6 col-md-3"),
                Column("ends_on", css_class="col-sm-6 col-md-3"),
            ),
            Row(Column("planned_hours", css_class="col-md-4"), Column("is_active", css_class="col-md-8 pt-md-4")),
            Row(
                Column("assistants", css_class="col-md-4"),
                Column("mentors", css_class="col-md-4"),
                Column("localities", css_class="col-md-4"),
            ),
            *self.version_layout(),
            Submit("submit", _("Uložit"), css_class="btn-lg"),
        )

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        # At the field, rather than the model's row-wide check constraint message.
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Konec projektu nemůže být před jeho začátkem."))
        return cleaned

    def service_arguments(self) -> dict:
        """Keyword arguments for services.project_create / project_update."""
        data = self.cleaned_data
        return {
            **{name: data[name] for name in PROJECT_FIELDS},
            "assistants": list(data["assistants"]),
            "mentors": list(data["mentors"]),
            "localities": list(data["localities"]),
        }


class CategoryCreateForm(forms.ModelForm):
    """A category the organisation adds to the shared default code list."""

    class Meta:
        model = FieldRecordCategory
        fields = ["name", "code", "position", "requires_syringe_count"]
        help_texts = {
            "code": _("Krátký stálý kód pro import a export: malá písmena bez diakritiky, číslice, pomlčky."),
            "position": _("Kategorie se řadí podle pořadí; výchozí číselník má pořadí 10 až 150."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "name",
            Row(Column("code", css_class="col-md-6"), Column("position", css_class="col-md-6")),
            "requires_syringe_count",
            Submit("submit", _("Uložit"), css_class="btn-lg"),
        )


class CategoryEditForm(VersionedForm, forms.ModelForm):
    """Rename, reorder or deactivate one of the organisation's categories (the code stays)."""

    class Meta:
        model = FieldRecordCategory
        fields = ["name", "position", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "name", "position", "is_active", *self.version_layout(), Submit("submit", _("Uložit"), css_class="btn-lg")
        )

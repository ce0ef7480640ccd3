from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.importing.forms import ImportConfirmForm, ImportUploadForm
from core.layout import Fieldset, Submit
from core.versioning import VersionedForm
from locations.choices import Problem
from locations.models import Locality, LocalityObservation


class LocalityForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Locality
        fields = [
            "name",
            "municipality_name",
            "municipality_code",
            "orp",
            "region",
            "housing_type",
            "estimated_population",
            "latitude",
            "longitude",
            "description",
            "source",
            "source_year",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "municipality_code": forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]{6}", "maxlength": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Czech users type a decimal comma ("50,0755").
        for name in ("latitude", "longitude"):
            self.fields[name].localize = True
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "decimal"})
            self.fields[name].widget.is_localized = True
        self.helper = FormHelper()
        # Server-side validation gives Czech messages at each field; the browser's own would pre-empt them.
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "name",
            Row(
                Column("municipality_name", css_class="col-md-5"),
                Column("municipality_code", css_class="col-md-3"),
                Column("orp", css_class="col-md-4"),
            ),
            Row(Column("region", css_class="col-md-6"), Column("housing_type", css_class="col-md-6")),
            Row(
                Column("estimated_population", css_class="col-md-4"),
                Column("latitude", css_class="col-md-4"),
                Column("longitude", css_class="col-md-4"),
            ),
            "description",
            Row(Column("source", css_class="col-md-8"), Column("source_year", css_class="col-md-4")),
            *self.version_layout(),
            Submit("submit", _("Uložit"), css_class="btn-lg"),
        )


class ObservationForm(forms.ModelForm):
    problems = forms.MultipleChoiceField(
        label=_("Problémy"), choices=Problem.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = LocalityObservation
        fields = ["observed_on", "score", "problems", "note"]
        widgets = {
            "observed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "score": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"note": _("Nepište jména obyvatel ani jiné osobní údaje.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["observed_on"].initial = timezone.localdate
        self.fields["score"].choices = [c for c in self.fields["score"].choices if c[0] != ""]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True  # the surrounding <form> in the template has the token
        self.helper.layout = Layout(
            Fieldset(
                "",
                "observed_on",
                "score",
                "problems",
                "note",
            ),
            Submit("submit", _("Přidat pozorování"), css_class="btn-lg"),
        )

    def clean_observed_on(self):
        value = self.cleaned_data["observed_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Datum pozorování nemůže být v budoucnosti."))
        return value


class LocalityImportForm(ImportUploadForm):
    """Upload of a CSV / XLSX file of localities."""


class LocalityImportConfirmForm(ImportConfirmForm):
    action = reverse_lazy("localities:import_confirm")

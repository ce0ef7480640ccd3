"""Forms of casework: cases, contacts, anonymous contacts, plans and referrals (cases/views/casework.py)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Field, Layout, Row
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases import selectors
from cases.choices import (
    BasicActivity,
    CaseRole,
    ContactForm,
    ContactPlace,
    CrimeType,
    ReferralTarget,
    SpecificTask,
)
from cases.models import Case, Contact, IndividualPlan, Referral
from core.layout import Include, StrictButton, Submit
from core.validators import validate_no_control_characters_multiline
from core.versioning import VersionedForm

# The quick choices of a contact's length (minutes), as big buttons next to the number input.
QUICK_DURATIONS = (15, 30, 45, 60, 90)

# Radios and checkboxes drawn as a grid of big toggle buttons (touch targets on a tablet).
CHOICE_BUTTONS = "cases/_choice_buttons.html"


def _casework_date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _duration_field():
    return forms.IntegerField(
        label=_("Délka (minut)"),
        min_value=1,
        max_value=24 * 60,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 24 * 60}),
        error_messages={
            "required": _("Zadejte délku kontaktu v minutách."),
            "invalid": _("Zadejte délku kontaktu v celých minutách."),
            "min_value": _("Kontakt trvá alespoň 1 minutu."),
            "max_value": _("Kontakt nemůže trvat déle než 24 hodin."),
        },
    )


def _quick_durations(field_id: str) -> Include:
    """Buttons that fill the duration input (static/js/contact_form.js); the number input works without them."""
    return Include("cases/_quick_durations.html", field_id=field_id, durations=QUICK_DURATIONS)


def _activities_field():
    return forms.MultipleChoiceField(
        label=_("Základní činnosti (§ 69)"),
        choices=BasicActivity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _workers_field(label):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vyberte alespoň jednoho pracovníka.")},
    )


class CaseForm(VersionedForm):
    """A new case of a client, or (with `case`) its role, crime type, opening date and workers."""

    role = forms.ChoiceField(
        label=_("Role klienta"),
        choices=CaseRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vyberte roli klienta.")},
    )
    crime_type = forms.ChoiceField(
        label=_("Druh trestné činnosti"),
        choices=[("", _("vyberte druh")), *CrimeType.choices],
        error_messages={"required": _("Vyberte druh trestné činnosti.")},
    )
    opened_on = forms.DateField(
        label=_("Otevřen"), widget=_casework_date_input(), error_messages={"required": _("Zadejte datum otevření.")}
    )
    workers = _workers_field(_("Přidělení pracovníci"))

    def __init__(self, data=None, *, user, case: Case | None = None):
        current = list(case.workers.all()) if case else []
        if case is None:
            initial = {"opened_on": timezone.localdate(), "workers": [user.pk]}
        else:
            initial = {
                "role": case.role,
                "crime_type": case.crime_type,
                "opened_on": case.opened_on,
                "workers": [worker.pk for worker in current],
            }
        super().__init__(data, initial=initial, version=case.version if case else None)
        self.fields["workers"].queryset = selectors.case_worker_choices(user, include=current)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            Field("role", template=CHOICE_BUTTONS, wrapper_class="choice-grid-3"),
            Row(Column("crime_type", css_class="col-md-7"), Column("opened_on", css_class="col-md-5")),
            Field("workers", template=CHOICE_BUTTONS, wrapper_class="choice-grid-2"),
            *self.version_layout(),
            Submit("submit", _("Uložit změny případu") if case else _("Založit případ"), css_class="btn-lg"),
        )

    def case_arguments(self) -> dict:
        """Keyword arguments for services.case_create / case_update."""
        data = self.cleaned_data
        return {
            "role": data["role"],
            "crime_type": data["crime_type"],
            "opened_on": data["opened_on"],
            "workers": list(data["workers"]),
        }


class CaseCloseForm(VersionedForm):
    """Close a case: the date and the reason (kept with the case)."""

    closed_on = forms.DateField(
        label=_("Datum uzavření"),
        widget=_casework_date_input(),
        error_messages={"required": _("Zadejte datum uzavření.")},
    )
    reason = forms.CharField(
        label=_("Důvod uzavření"),
        widget=forms.Textarea(attrs={"rows": 3}),
        # Saved as the case's closure_reason: the field checks it, so the error shows here and not above the form.
        validators=[validate_no_control_characters_multiline],
        error_messages={"required": _("Uveďte důvod uzavření případu.")},
    )

    def __init__(self, data=None, *, case: Case):
        self.case = case
        super().__init__(data, initial={"closed_on": timezone.localdate()}, version=case.version, auto_id="close_%s")
        self.helper = FormHelper()
        self.helper.form_action = reverse("cases:case_close", args=[case.pk])
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            "closed_on",
            "reason",
            "version",
            StrictButton(_("Uzavřít případ"), type="submit", css_class="btn btn-lg btn-outline-danger"),
        )

    def clean(self):
        cleaned = super().clean()
        closed_on = cleaned.get("closed_on")
        # At the field, rather than the model's row-wide check constraint message.
        if closed_on and closed_on < self.case.opened_on:
            self.add_error("closed_on", _("Případ nemůže být uzavřen před otevřením."))
        return cleaned


class CaseReopenForm(VersionedForm):
    """Reopen a closed case; the reason is kept with the case's closure history."""

    reason = forms.CharField(
        label=_("Důvod znovuotevření"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Uveďte důvod znovuotevření případu.")},
        validators=[validate_no_control_characters_multiline],
    )

    def __init__(self, data=None, *, case: Case):
        super().__init__(data, version=case.version, auto_id="reopen_%s")
        self.helper = FormHelper()
        self.helper.form_action = reverse("cases:case_reopen", args=[case.pk])
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            "reason",
            "version",
            StrictButton(_("Znovu otevřít případ"), type="submit", css_class="btn btn-lg btn-outline-primary"),
        )


def intervention_hint(threshold_minutes: int) -> str:
    return ngettext("Intervence od %(minutes)s minuty.", "Intervence od %(minutes)s minut.", threshold_minutes) % {
        "minutes": threshold_minutes
    }


class ContactEntryForm(VersionedForm):
    """A contact within `case`, new or (with `contact`) edited; services.contact_create / contact_update save it.

    Laid out for a tablet: the form, place, activities and tasks are big toggle buttons, the duration has quick
    choices, and the service's intervention threshold is shown at the duration.
    """

    date = forms.DateField(
        label=_("Datum"), widget=_casework_date_input(), error_messages={"required": _("Zadejte datum kontaktu.")}
    )
    duration_minutes = _duration_field()
    workers = _workers_field(_("Pracovníci"))
    form = forms.ChoiceField(
        label=_("Forma"),
        choices=ContactForm.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vyberte formu kontaktu.")},
    )
    place = forms.ChoiceField(
        label=_("Místo"),
        choices=ContactPlace.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vyberte místo kontaktu.")},
    )
    locality = forms.ModelChoiceField(
        label=_("Lokalita"), queryset=None, required=False, empty_label=_("vyberte lokalitu")
    )
    activities = _activities_field()
    specific_tasks = forms.MultipleChoiceField(
        label=_("Specifické úkony"), choices=SpecificTask.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("Poznámka"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Jen to, co je pro práci s klientem nezbytné."),
    )

    def __init__(self, data=None, *, user, case: Case, contact: Contact | None = None):
        self.case = case
        current = list(contact.workers.all()) if contact else []
        if contact is None:
            initial = {"date": timezone.localdate(), "workers": [user.pk]}
        else:
            initial = {
                "date": contact.date,
                "duration_minutes": contact.duration_minutes,
                "workers": [worker.pk for worker in current],
                "form": contact.form,
                "place": contact.place,
                "locality": contact.locality_id,
                "activities": contact.activities,
                "specific_tasks": contact.specific_tasks,
                "note": contact.note,
            }
        super().__init__(data, initial=initial, version=contact.version if contact else None)
        self.fields["workers"].queryset = selectors.case_worker_choices(user, include=current)
        self.fields["locality"].queryset = selectors.contact_locality_choices(
            user, include=contact.locality if contact else None
        )
        threshold = case.client.service.intervention_threshold_minutes
        self.fields["duration_minutes"].help_text = intervention_hint(threshold)
        self.fields["duration_minutes"].widget.attrs["data-threshold"] = threshold
        self.helper = FormHelper()
        self.helper.form_class = "contact-form"
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            Row(
                Column("date", css_class="col-sm-5"),
                Column("duration_minutes", css_class="col-sm-7"),
                css_class="g-2",
            ),
            _quick_durations("id_duration_minutes"),
            Include("cases/_intervention_live.html"),
            Field("form", template=CHOICE_BUTTONS, wrapper_class="choice-grid-4"),
            Field("place", template=CHOICE_BUTTONS, wrapper_class="choice-grid-3 contact-place"),
            Div("locality", css_id="contact-locality"),
            Field("activities", template=CHOICE_BUTTONS, wrapper_class="choice-grid-2"),
            Field("specific_tasks", template=CHOICE_BUTTONS, wrapper_class="choice-grid-2"),
            Field("workers", template=CHOICE_BUTTONS, wrapper_class="choice-grid-2"),
            "note",
            *self.version_layout(),
            Submit("submit", _("Uložit kontakt"), css_class="btn-lg w-100"),
        )

    def clean(self):
        cleaned = super().clean()
        date = cleaned.get("date")
        if date and date > timezone.localdate():
            self.add_error("date", _("Datum kontaktu nemůže být v budoucnosti."))
        if cleaned.get("place") == ContactPlace.LOCALITY:
            if not cleaned.get("locality"):
                self.add_error("locality", _("Vyberte lokalitu."))
        else:
            # The locality belongs to a contact in a locality only; a choice left from before is dropped.
            cleaned["locality"] = None
        return cleaned

    def contact_arguments(self) -> dict:
        """Keyword arguments for services.contact_create / contact_update."""
        data = self.cleaned_data
        return {
            "workers": list(data["workers"]),
            **{
                name: data[name]
                for name in (
                    "date",
                    "duration_minutes",
                    "form",
                    "place",
                    "locality",
                    "activities",
                    "specific_tasks",
                    "note",
                )
            },
        }


class AnonymousContactEntryForm(forms.Form):
    """A contact without a client record: how many persons, which activities, where; reported separately."""

    date = forms.DateField(
        label=_("Datum"), widget=_casework_date_input(), error_messages={"required": _("Zadejte datum kontaktu.")}
    )
    duration_minutes = _duration_field()
    persons_count = forms.IntegerField(
        label=_("Počet osob"),
        min_value=1,
        max_value=500,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 500}),
        error_messages={
            "required": _("Zadejte počet osob."),
            "invalid": _("Zadejte počet osob číslem."),
            "min_value": _("Počet osob je alespoň 1."),
            "max_value": _("Počet osob je nejvýše 500."),
        },
    )
    activities = _activities_field()
    locality = forms.ModelChoiceField(
        label=_("Lokalita"), queryset=None, required=False, empty_label=_("— bez lokality —")
    )
    service = forms.ModelChoiceField(
        label=_("Služba"),
        queryset=None,
        empty_label=_("vyberte službu"),
        error_messages={"required": _("Vyberte službu.")},
    )
    note = forms.CharField(
        label=_("Poznámka"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bez jmen a jiných údajů, podle kterých lze osoby poznat."),
    )

    def __init__(self, data=None, *, user):
        services = selectors.services_for(user)
        initial = {"date": timezone.localdate(), "persons_count": 1}
        only = list(services[:2])
        if len(only) == 1:  # the usual case: the organisation runs one service
            initial["service"] = only[0].pk
        super().__init__(data, initial=initial)
        self.fields["service"].queryset = services
        self.fields["locality"].queryset = selectors.contact_locality_choices(user)
        self.helper = FormHelper()
        self.helper.form_class = "contact-form"
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            Row(
                Column("date", css_class="col-sm-4"),
                Column("duration_minutes", css_class="col-sm-4"),
                Column("persons_count", css_class="col-sm-4"),
                css_class="g-2",
            ),
            _quick_durations("id_duration_minutes"),
            Row(Column("locality", css_class="col-md-6"), Column("service", css_class="col-md-6"), css_class="g-2"),
            Field("activities", template=CHOICE_BUTTONS, wrapper_class="choice-grid-2"),
            "note",
            Submit("submit", _("Uložit anonymní kontakt"), css_class="btn-lg w-100"),
        )

    def clean(self):
        cleaned = super().clean()
        date = cleaned.get("date")
        if date and date > timezone.localdate():
            self.add_error("date", _("Datum kontaktu nemůže být v budoucnosti."))
        return cleaned

    def contact_arguments(self) -> dict:
        """Keyword arguments for services.anonymous_contact_create."""
        data = self.cleaned_data
        names = ("date", "duration_minutes", "persons_count", "activities", "locality", "note")
        return {"service": data["service"], **{name: data[name] for name in names}}


class PlanForm(VersionedForm):
    """The individual plan of a case: new, or (with `plan`) edited with the version the user saw."""

    goals = forms.CharField(
        label=_("Cíle (slovy klienta)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Zapište cíle klienta.")},
    )
    steps = forms.CharField(
        label=_("Kroky"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Zapište kroky k cílům.")},
    )
    responsible = forms.CharField(label=_("Kdo co dělá"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    review_on = forms.DateField(
        label=_("Datum revize"),
        widget=_casework_date_input(),
        error_messages={"required": _("Zadejte datum revize plánu.")},
    )

    def __init__(self, data=None, *, plan: IndividualPlan | None = None):
        initial = {}
        if plan is not None:
            initial = {
                "goals": plan.goals,
                "steps": plan.steps,
                "responsible": plan.responsible,
                "review_on": plan.review_on,
            }
        super().__init__(data, initial=initial, version=plan.version if plan else None)
        if plan is not None:
            # A new-plan form sends no version; when a colleague's plan was saved meanwhile, the view edits that one
            # and the service refuses the missing version as stale, rather than the form calling itself incomplete.
            self.fields["version"].required = False
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            "goals",
            "steps",
            "responsible",
            Row(Column("review_on", css_class="col-sm-6")),
            *self.version_layout(),
            Submit("submit", _("Uložit plán"), css_class="btn-lg"),
        )

    def plan_arguments(self) -> dict:
        """Keyword arguments for services.plan_save (version None: the user saw no plan)."""
        data = self.cleaned_data
        return {
            "version": data.get("version"),
            **{name: data[name] for name in ("goals", "steps", "responsible", "review_on")},
        }


class PlanReviewForm(VersionedForm):
    """A review of the plan: the summary, when, and the next review date."""

    reviewed_on = forms.DateField(
        label=_("Datum revize"),
        widget=_casework_date_input(),
        error_messages={"required": _("Zadejte datum revize.")},
    )
    summary = forms.CharField(
        label=_("Zhodnocení"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Zapište zhodnocení plánu.")},
    )
    next_review_on = forms.DateField(
        label=_("Příští revize"),
        widget=_casework_date_input(),
        error_messages={"required": _("Zadejte datum příští revize.")},
    )

    def __init__(self, data=None, *, plan: IndividualPlan):
        super().__init__(data, initial={"reviewed_on": timezone.localdate()}, version=plan.version)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            Row(Column("reviewed_on", css_class="col-sm-6"), Column("next_review_on", css_class="col-sm-6")),
            "summary",
            "version",
            Submit("submit", _("Zapsat revizi"), css_class="btn-lg"),
        )

    def review_arguments(self) -> dict:
        """Keyword arguments for services.plan_review."""
        data = self.cleaned_data
        return {name: data[name] for name in ("version", "reviewed_on", "summary", "next_review_on")}


class ReferralForm(forms.Form):
    """A referral of the client to another service or institution."""

    target = forms.ChoiceField(
        label=_("Kam"),
        choices=ReferralTarget.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vyberte, kam klienta doporučujete.")},
    )
    target_other = forms.CharField(label=_("Název jiné instituce"), max_length=200, required=False)
    referred_on = forms.DateField(
        label=_("Datum"), widget=_casework_date_input(), error_messages={"required": _("Zadejte datum doporučení.")}
    )
    reason = forms.CharField(
        label=_("Důvod"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Uveďte důvod doporučení.")},
    )

    def __init__(self, data=None):
        super().__init__(data, initial={"referred_on": timezone.localdate()})
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            Field("target", template=CHOICE_BUTTONS, wrapper_class="choice-grid-3"),
            Row(Column("target_other", css_class="col-md-8"), Column("referred_on", css_class="col-md-4")),
            "reason",
            Submit("submit", _("Uložit doporučení"), css_class="btn-lg"),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") == ReferralTarget.OTHER:
            if not cleaned.get("target_other", "").strip():
                # At the field, as the model's constraint says it above the form.
                self.add_error("target_other", _("Uveďte název jiné instituce."))
        else:
            cleaned["target_other"] = ""
        return cleaned

    def referral_arguments(self) -> dict:
        """Keyword arguments for services.referral_create."""
        data = self.cleaned_data
        return {name: data[name] for name in ("target", "target_other", "referred_on", "reason")}


class ReferralOutcomeForm(VersionedForm):
    """The outcome of a referral, recorded when it is known."""

    outcome = forms.CharField(
        label=_("Výsledek"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Zapište výsledek doporučení.")},
    )

    def __init__(self, data=None, *, referral: Referral):
        super().__init__(data, initial={"outcome": referral.outcome}, version=referral.version)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            "outcome", *self.version_layout(), Submit("submit", _("Uložit výsledek"), css_class="btn-lg")
        )

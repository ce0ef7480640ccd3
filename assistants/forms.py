import datetime
import uuid
from collections.abc import Callable

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Field, Layout, Row
from django import forms
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from assistants import selectors
from assistants.choices import Outcome, ShiftKind
from assistants.models import FieldRecord, FieldRecordCategory, Project, Shift
from assistants.services import PROJECT_FIELDS, planned_end_date
from core import clock, dates
from core.forms import LocalDateTimeField, WallTimeMixin, after, fold_name, settled_instant
from core.importing.forms import ImportConfirmForm, ImportUploadForm
from core.layout import StrictButton, Submit
from core.validators import validate_no_control_characters_multiline
from core.versioning import VersionedForm

# === Planning and review forms (views/planning.py, views/review.py) ================================


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ShiftPlanForm(WallTimeMixin, VersionedForm):
    """Plan a shift or change the plan of one that has not started (`shift`); the services validate the rest."""

    project = forms.ModelChoiceField(label=_("Projekt"), queryset=None, empty_label=_("vyberte projekt"))
    date = forms.DateField(label=_("Datum"), widget=_date_input())
    start = forms.TimeField(label=_("Plánovaný začátek"), widget=_time_input())
    end = forms.TimeField(
        label=_("Plánovaný konec"),
        widget=_time_input(),
        help_text=_("Konec stejný jako začátek nebo dřívější znamená směnu přes půlnoc (končí následující den)."),
    )
    kind = forms.ChoiceField(label=_("Druh směny"), choices=ShiftKind.choices, initial=ShiftKind.PATROL)
    assistants = forms.ModelMultipleChoiceField(
        label=_("Asistenti"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("1 až 3 asistenti prevence kriminality."),
        error_messages={"required": _("Směnu slouží 1 až 3 asistenti.")},
    )
    localities = forms.ModelMultipleChoiceField(
        label=_("Lokality"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Lokality projektu jsou uvedeny jako první."),
    )
    priorities = forms.CharField(
        label=_("Priority dne"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Úkoly z porady před směnou."),
    )

    def __init__(self, data=None, *, user, shift: Shift | None = None, initial=None):
        self.user = user
        self.shift = shift
        initial = {**(self.initial_from_shift(shift) if shift else {}), **(initial or {})}
        super().__init__(data, initial=initial, version=shift.version if shift else None)
        projects = selectors.plannable_projects_for(user)
        self.fields["project"].queryset = projects
        if not self.is_bound and not self.initial.get("project"):
            only = list(projects[:2])
            if len(only) == 1:  # the usual case: a mentor mentors one project
                self.initial["project"] = only[0].pk
        current_assistants = list(shift.assistants.all()) if shift else []
        current_localities = list(shift.localities.all()) if shift else []
        self.fields["assistants"].queryset = selectors.plannable_assistants_for(user, include=current_assistants)
        self.fields["localities"].queryset = selectors.plan_localities_for(
            user, project_ids=self._project_ids(projects), include=current_localities
        )
        self.add_fold_field("start", stored=shift.planned_start if shift else None)
        self.add_fold_field("end", stored=shift.planned_end if shift else None)
        # A mentor plans as themself (and keeps the shift's mentor when editing); a coordinator names the mentor.
        if not user.has_role(Role.MENTOR):
            self.fields["mentor"] = forms.ModelChoiceField(
                label=_("Mentor"), queryset=selectors.shift_mentors_for(user), empty_label=_("vyberte mentora")
            )
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Row(
                Column("project", css_class="col-md-7"),
                *([Column("mentor", css_class="col-md-5")] if "mentor" in self.fields else []),
            ),
            Row(
                Column("date", css_class="col-sm-4"),
                Column("start", fold_name("start"), css_class="col-sm-4"),
                Column("end", fold_name("end"), css_class="col-sm-4"),
            ),
            "kind",
            Row(Column("assistants", css_class="col-md-6"), Column("localities", css_class="col-md-6")),
            "priorities",
            *self.version_layout(),
            Submit("submit", _("Uložit změny plánu") if shift else _("Naplánovat směnu"), css_class="btn-lg"),
        )

    @staticmethod
    def initial_from_shift(shift: Shift) -> dict:
        return {
            "project": shift.project_id,
            "mentor": shift.mentor_id,
            "date": shift.date,
            "start": timezone.localtime(shift.planned_start).time(),
            "end": timezone.localtime(shift.planned_end).time(),
            "kind": shift.kind,
            "assistants": [a.pk for a in shift.assistants.all()],
            "localities": [loc.pk for loc in shift.localities.all()],
            "priorities": shift.priorities,
            "version": shift.version,
        }

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("date"), cleaned.get("start"), cleaned.get("end")
        planned_start = self.wall_instant("start", day, start) if day and start else None
        if day and start and end:
            # An end after a start of 22:00 the evening before is still ambiguous: both 02:30s come after it.
            end_day = planned_end_date(day, start, end)
            planned_end = self.wall_instant("end", end_day, end, fits=after(planned_start))
            if planned_start is not None and planned_end is not None:
                cleaned["planned_start"], cleaned["planned_end"] = planned_start, planned_end
        return cleaned

    def _project_ids(self, projects):
        """The project whose localities are listed first: the chosen one, else all the user may plan for."""
        chosen = self.data.get("project") if self.is_bound else self.initial.get("project")
        try:
            return [int(chosen)]
        except (TypeError, ValueError):
            return projects.values("pk")

    def plan_arguments(self) -> dict:
        """Keyword arguments for services.shift_plan / shift_update_plan."""
        data = self.cleaned_data
        if "mentor" in self.fields:
            mentor = data["mentor"]
        else:
            mentor = self.shift.mentor if self.shift else self.user
        return {
            "project": data["project"],
            "mentor": mentor,
            "date": data["date"],
            "start": data["start"],
            "end": data["end"],
            # The services build the same instants from the wall times and which occurrence each one is.
            "start_fold": clock.occurrence(data["planned_start"]),
            "end_fold": clock.occurrence(data["planned_end"]),
            "kind": data["kind"],
            "assistants": list(data["assistants"]),
            "localities": list(data["localities"]),
            "priorities": data["priorities"],
        }


class ShiftVersionForm(VersionedForm):
    """The version of the shift the user saw; sent with every action on one shift (approve, cancel)."""

    def __init__(self, data=None, *, shift: Shift, action: str = "", label: str = "", css_class: str = ""):
        # No ids: the page may hold this form next to another form's hidden "version".
        super().__init__(data, version=shift.version, auto_id=False)
        self.helper = FormHelper()
        if action:
            self.helper.form_action = reverse(action, args=[shift.pk])
            self.helper.layout = Layout(
                "version", StrictButton(label, type="submit", css_class=f"btn btn-lg {css_class or 'btn-primary'}")
            )


class ReturnForm(VersionedForm):
    """Return a submitted shift to its assistants; the comment tells them what to fix."""

    comment = forms.CharField(
        label=_("Co je potřeba opravit"),
        widget=forms.Textarea(attrs={"rows": 3}),
        # The service saves the comment without a model form; the field checks it, so the error shows here.
        validators=[validate_no_control_characters_multiline],
        error_messages={"required": _("Napište, co je potřeba opravit.")},
    )

    def __init__(self, data=None, *, shift: Shift):
        super().__init__(data, version=shift.version, auto_id="return_%s")
        self.helper = FormHelper()
        self.helper.form_action = reverse("shifts:return", args=[shift.pk])
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "comment",
            "version",
            StrictButton(_("Vrátit k opravě"), type="submit", css_class="btn btn-lg btn-outline-danger"),
        )


class ReopenForm(VersionedForm):
    """Unlock an approved shift; the reason is kept in the status history."""

    reason = forms.CharField(
        label=_("Důvod znovuotevření"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Uveďte důvod znovuotevření.")},
        validators=[validate_no_control_characters_multiline],
    )

    def __init__(self, data=None, *, shift: Shift):
        super().__init__(data, version=shift.version, auto_id="reopen_%s")
        self.helper = FormHelper()
        self.helper.form_action = reverse("shifts:reopen", args=[shift.pk])
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "reason",
            "version",
            StrictButton(_("Znovu otevřít směnu"), type="submit", css_class="btn btn-lg btn-outline-danger"),
        )


class ShiftIdsField(forms.Field):
    """A list of shift ids from repeated checkboxes (name="shifts"); scoping is the view's job."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Vyberte alespoň jednu směnu."),
        "invalid": _("Neplatný výběr směn."),
    }

    def to_python(self, value):
        if not value:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        try:
            return sorted({int(item) for item in value})
        except (TypeError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class ApproveManyForm(forms.Form):
    """Approve the shifts ticked in the review queue; the checkboxes sit in the table and name this form."""

    FORM_ID = "approve-many"

    shifts = ShiftIdsField()

    def __init__(self, data=None):
        super().__init__(data)
        self.helper = FormHelper()
        self.helper.form_id = self.FORM_ID
        self.helper.form_action = reverse("shifts:approve_many")
        self.helper.layout = Layout(Submit("submit", _("Schválit vybrané"), css_class="btn-lg"))


class CopyWeekForm(forms.Form):
    """Copy the mentor's plan of the week starting `source` (a Monday) into the following week."""

    source = forms.DateField(widget=forms.HiddenInput)

    def __init__(self, data=None, *, source=None):
        super().__init__(data, initial={"source": source})
        self.helper = FormHelper()
        self.helper.form_action = reverse("shifts:copy_week")
        self.helper.form_class = "d-inline"
        self.helper.layout = Layout(
            "source",
            StrictButton(
                _("Zkopírovat plán z předchozího týdne"), type="submit", css_class="btn btn-lg btn-outline-primary"
            ),
        )


# === Projects, record categories, work logs and the shift import (views/projects.py, worklog.py, imports.py) ===


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


class WorklogChooseForm(forms.Form):
    """Pick an APK and a month for the monthly work log (GET)."""

    assistant = forms.ModelChoiceField(label=_("Asistent"), queryset=None, empty_label=None)
    month = forms.RegexField(
        label=_("Měsíc"),
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        widget=forms.DateInput(attrs={"type": "month"}),
        error_messages={"invalid": _("Zadejte měsíc ve tvaru RRRR-MM, např. 2026-11.")},
    )

    def __init__(self, data=None, *, assistants, initial=None):
        super().__init__(data, initial=initial)
        self.fields["assistant"].queryset = assistants
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.form_class = "card card-body mb-3"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            Row(
                Column("assistant", css_class="col-md-6"),
                Column("month", css_class="col-md-3"),
                Column(
                    StrictButton(_("Zobrazit"), type="submit", css_class="btn btn-primary btn-lg"),
                    css_class="col-md-3 d-flex align-items-end mb-3",
                ),
            ),
        )

    def clean_month(self):
        year, month = self.cleaned_data["month"].split("-")
        # The months the work log PDF serves (core.dates.month_of, as its URL does).
        try:
            return dates.month_of(int(year), int(month))
        except ValueError:
            raise forms.ValidationError(_("Zadejte měsíc mezi lety 2000 a 2100.")) from None

    def year_month(self) -> tuple[int, int]:
        month = self.cleaned_data["month"]
        return month.year, month.month


class ShiftImportForm(ImportUploadForm):
    """Upload of a CSV / XLSX file of historical shifts."""


class ShiftImportConfirmForm(ImportConfirmForm):
    action = reverse_lazy("shifts:import_confirm")


# === The shift on a tablet (views/tablet.py) ========================================================
# The APK's field-record form and the forms of the shift's work page.

DRAFT_KEY_PREFIX = "svl:record-draft"


def _shift_span(shift: Shift) -> tuple[datetime.datetime, datetime.datetime]:
    """The span a record's time should lie in: the actual times, else the planned; a running shift lasts until now."""
    start = shift.actual_start or shift.planned_start
    end = shift.actual_end or shift.planned_end
    if shift.actual_start is not None and shift.actual_end is None:
        end = max(end, timezone.now())  # still running, possibly past its planned end
    return start.astimezone(clock.UTC), end.astimezone(clock.UTC)


def during_shift(shift: Shift) -> Callable[[datetime.datetime], bool]:
    """Does an instant lie within the shift's span? Settles which of the autumn fold's two times a record means."""
    start, end = _shift_span(shift)
    return lambda moment: start <= moment <= end


def record_day(shift: Shift, time: datetime.time) -> datetime.date:
    """The day a time of day (Europe/Prague) names during the shift.

    The record form asks only for the time; the date is the shift's. For a shift over midnight, 01:30 means the
    next day: of the shift's date and the days either side, take the one whose time lies closest to the shift's
    span (measured between UTC instants, so the night the clocks change counts its real hours).
    """
    start, end = _shift_span(shift)

    def distance(moment):
        if moment < start:
            return start - moment
        return max(moment - end, datetime.timedelta(0))

    def closest(day):
        wall = clock.wall_time(day, time)
        # A time in the spring gap names no instant; it stands where the clock would show it before the jump, so
        # its day is still the one meant (and the form then says the time does not exist).
        moments = wall.instants or (wall.naive.replace(tzinfo=clock.zone()).astimezone(clock.UTC),)
        return min(distance(moment) for moment in moments)

    days = [shift.date + datetime.timedelta(days=offset) for offset in (0, 1, -1)]
    return min(days, key=closest)  # min keeps the first of equals: the shift's own date


def shift_moment(shift: Shift, time: datetime.time, *, fold: int | None = None) -> datetime.datetime:
    """The instant a time of day names during the shift (see record_day); raises clock.LocalTimeError.

    In the autumn fold the shift settles which 02:30 is meant when only one of the two lies in its span;
    otherwise `fold` must say (clock.AmbiguousTime without it).
    """
    day = record_day(shift, time)
    settled = settled_instant(clock.wall_time(day, time), during_shift(shift))
    return settled if settled is not None else clock.instant(day, time, fold=fold)


class CategoryRadioSelect(forms.RadioSelect):
    """Category radios; the syringes one is marked so the page's script can show the syringe count."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        category = getattr(value, "instance", None)
        if category is not None and category.requires_syringe_count:
            option["attrs"]["data-syringes"] = "true"
        return option


class FieldRecordForm(VersionedForm, WallTimeMixin, forms.ModelForm):
    """A field record of `shift`, new or (with `instance`) edited; services.record_create / record_update save it.

    New records carry a `client_token` made when the form is rendered, so a retried submit saves nothing twice;
    edits carry the record's `version` (optimistic locking).
    """

    time = forms.TimeField(
        label=_("Čas"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Zadejte čas."), "invalid": _("Zadejte čas ve tvaru 14:30.")},
    )
    client_token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FieldRecord
        fields = [
            "category",
            "locality",
            "place",
            "description",
            "persons_involved",
            "outcome",
            "handed_over_to",
            "follow_up",
            "syringe_count",
        ]
        widgets = {
            "category": CategoryRadioSelect,
            "description": forms.Textarea(attrs={"rows": 2}),
            "persons_involved": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": 999}),
            "syringe_count": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 10000}),
        }
        labels = {"place": _("Jiné místo"), "handed_over_to": _("Předáno komu")}
        help_texts = {"description": _("Nepište jména obyvatel.")}
        error_messages = {
            "category": {"required": _("Vyberte kategorii.")},
            "description": {"required": _("Popište stručně, co se stalo.")},
            "outcome": {"required": _("Vyberte výsledek.")},
        }

    def __init__(self, data=None, *, shift: Shift, instance: FieldRecord | None = None):
        self.shift = shift
        initial = {}
        if instance is None:
            planned = list(shift.localities.all())
            initial["locality"] = planned[0].pk if planned else None
            initial["client_token"] = str(uuid.uuid4())
            # Now, for a record written during the shift (the fold's initial answer too, on the night 02:30 repeats).
            shown = timezone.now() if shift.actual_end is None else None
        else:
            shown = instance.recorded_at
        if shown is not None:
            initial["time"] = timezone.localtime(shown).replace(second=0, microsecond=0).time()
        super().__init__(data, instance=instance, initial=initial)
        self.add_fold_field("time", stored=shown)
        categories = selectors.categories_for(shift.organisation_id)
        if instance is not None:  # keep the record's own category even if it has been deactivated since
            categories = categories | FieldRecordCategory.objects.filter(pk=instance.category_id)
        self.fields["category"].queryset = categories
        self.fields["category"].empty_label = None
        include = list(shift.localities.all()) + ([instance.locality] if instance and instance.locality else [])
        self.fields["locality"].queryset = selectors.record_localities_for(shift, include=include)
        self.fields["locality"].empty_label = _("— jen jiné místo —")
        self.fields["outcome"].choices = [("", _("vyberte výsledek")), *Outcome.choices]
        # A new record carries its client token, an edited one its version (VersionedForm).
        if instance is not None:
            del self.fields["client_token"]
        self.helper = FormHelper()
        self.helper.form_class = "record-form"
        # Server-side validation gives Czech messages at each field; the browser's own would pre-empt them.
        self.helper.attrs = {"novalidate": "", "data-submit-once": "", **self._draft_attrs(instance)}
        self.helper.layout = Layout(
            Field("category", template="assistants/_category_field.html"),
            Row(
                Column("time", css_class="col-3"),
                Column("locality", css_class="col-5"),
                Column("place", css_class="col-4"),
                css_class="g-2",
            ),
            fold_name("time"),
            Field("description", wrapper_class="record-description"),
            Row(
                Column("persons_involved", css_class="col-3"),
                Column("outcome", css_class="col-5"),
                Column("handed_over_to", css_class="col-4"),
                css_class="g-2",
            ),
            Row(
                Column("follow_up", css_class="col-5 pt-md-4"),
                Column(Div("syringe_count", css_id="syringe-count-field"), css_class="col-3"),
                Column(
                    Submit("submit", _("Uložit záznam"), css_class="btn-lg w-100"),
                    css_class="col-4 d-flex align-items-end mb-3",
                ),
                css_class="g-2",
            ),
            *(self.version_layout() if instance is not None else ["client_token"]),
        )

    @staticmethod
    def draft_prefix(shift: Shift) -> str:
        """The start of the localStorage keys of the shift's unsent record forms (see static/js/record_form.js)."""
        return f"{DRAFT_KEY_PREFIX}:{shift.pk}:"

    def _draft_attrs(self, instance):
        """Where the page's script keeps the unsent form: under the shift and the client_token (or the record)."""
        prefix = self.draft_prefix(self.shift)
        if instance is not None:
            return {
                "data-draft-key": f"{prefix}record-{instance.pk}",
                "data-draft-version": str(instance.version),
                "data-draft-restore": "" if self.is_bound else "true",
            }
        token = self.data.get("client_token") if self.is_bound else self.initial["client_token"]
        return {
            "data-draft-key": f"{prefix}{token}",
            "data-draft-prefix": prefix,
            "data-draft-restore": "" if self.is_bound else "true",
        }

    def clean_client_token(self):
        # A missing or mangled token cannot have been saved before: a fresh one still saves the record once.
        try:
            return uuid.UUID(self.cleaned_data["client_token"])
        except ValueError:
            return uuid.uuid4()

    def clean(self):
        cleaned = super().clean()
        # Said at the field (as the service says it), not only by the model's constraint above the form.
        if "locality" in cleaned and not cleaned.get("locality") and not cleaned.get("place", "").strip():
            self.add_error("locality", _("Vyberte lokalitu, nebo vyplňte jiné místo."))
        if (time := cleaned.get("time")) is not None:
            day = record_day(self.shift, time)
            recorded_at = self.wall_instant("time", day, time, fits=during_shift(self.shift))
            if recorded_at is not None:
                cleaned["recorded_at"] = recorded_at
        return cleaned

    def record_fields(self) -> dict:
        """Keyword arguments for services.record_create / record_update."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields}
        fields["recorded_at"] = data["recorded_at"]
        return fields


class OutlineSubmit(Submit):
    """A secondary submit button: crispy's Submit always adds btn-primary, which an outline class cannot undo."""

    field_classes = "btn btn-outline-primary"


class ShiftNoteForm(VersionedForm):
    """The shift note, sent when the APK submits an ended shift for review."""

    note = forms.CharField(
        label=_("Poznámka ke směně"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Co mentor potřebuje vědět. Nepište jména obyvatel."),
        validators=[validate_no_control_characters_multiline],
    )

    def __init__(self, data=None, *, shift: Shift):
        super().__init__(data, initial={"note": shift.note}, version=shift.version)
        self.helper = FormHelper()
        self.helper.form_action = reverse("shifts:submit", args=[shift.pk])
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            "note", "version", Submit("submit", _("Odevzdat směnu ke schválení"), css_class="btn-lg")
        )


class ShiftCorrectForm(WallTimeMixin, VersionedForm):
    """Correct the actual start and end of an ended or returned shift."""

    actual_start = LocalDateTimeField(label=_("Skutečný začátek"))
    actual_end = LocalDateTimeField(label=_("Skutečný konec"))

    def __init__(self, data=None, *, shift: Shift):
        initial = {"actual_start": shift.actual_start, "actual_end": shift.actual_end}
        super().__init__(data, initial=initial, version=shift.version)
        self.add_fold_field("actual_start", stored=shift.actual_start)
        self.add_fold_field("actual_end", stored=shift.actual_end)
        self.helper = FormHelper()
        self.helper.form_action = reverse("shifts:correct", args=[shift.pk])
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            Row(
                Column("actual_start", fold_name("actual_start"), css_class="col-sm-6"),
                Column("actual_end", fold_name("actual_end"), css_class="col-sm-6"),
                css_class="g-2",
            ),
            "version",
            OutlineSubmit("submit", _("Opravit časy")),
        )

    def clean(self):
        cleaned = super().clean()
        start = self.resolve_local("actual_start")
        self.resolve_local("actual_end", fits=after(start))
        return cleaned


class BreakAddForm(WallTimeMixin, VersionedForm):
    """A break recorded afterwards (its start and end known)."""

    started_at = LocalDateTimeField(label=_("Začátek přestávky"))
    ended_at = LocalDateTimeField(label=_("Konec přestávky"))

    def __init__(self, data=None, *, shift: Shift):
        self.shift = shift
        super().__init__(data, version=shift.version)
        self.add_fold_field("started_at")
        self.add_fold_field("ended_at")
        self.helper = FormHelper()
        self.helper.form_action = reverse("shifts:break_add", args=[shift.pk])
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}
        self.helper.layout = Layout(
            Row(
                Column("started_at", fold_name("started_at"), css_class="col-sm-6"),
                Column("ended_at", fold_name("ended_at"), css_class="col-sm-6"),
                css_class="g-2",
            ),
            "version",
            OutlineSubmit("submit", _("Přidat přestávku")),
        )

    def clean(self):
        cleaned = super().clean()
        # A break lies within the shift: that settles the fold when only one of the two times does.
        within = during_shift(self.shift)
        started_at = self.resolve_local("started_at", fits=within)
        after_start = after(started_at)
        ended_at = self.resolve_local("ended_at", fits=lambda moment: within(moment) and after_start(moment))
        if started_at and ended_at and ended_at <= started_at:
            self.add_error("ended_at", _("Konec přestávky musí být po jejím začátku."))
        return cleaned

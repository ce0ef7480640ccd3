"""Forms of meetings: agenda, guests, attendance, case discussions, tasks, finalising (platforms/views/meetings.py)."""

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Div, Layout, Row
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import WallTimeMixin, fold_name
from core.layout import Fieldset, Include, StrictButton, Submit
from core.validators import validate_no_control_characters, validate_no_control_characters_multiline
from core.versioning import VersionedForm
from platforms import selectors
from platforms.choices import AttendanceStatus, TaskReviewOutcome
from platforms.forms.fields import cancel_link, platform_date_input
from platforms.models import Meeting, Platform, Task

NO_PERSONAL_DATA = _("Nepište jména ani jiné osobní údaje.")

# Blank rows offered under the agenda items and the guests; static/js/formset_rows.js adds more on request.
AGENDA_EXTRA_ROWS = 3

GUEST_EXTRA_ROWS = 2


def _meeting_time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MeetingVersionForm(VersionedForm):
    """A form of a meeting page, carrying the version of the meeting the user saw (none for a new meeting)."""

    def __init__(self, data=None, *, meeting: Meeting | None, **kwargs):
        super().__init__(data, version=meeting.version if meeting is not None else None, **kwargs)
        self.helper = FormHelper()
        self.helper.attrs = {"novalidate": "", "data-submit-once": ""}


class MeetingForm(WallTimeMixin, MeetingVersionForm):
    """A new meeting (with its agenda, one item a line) or, with `meeting`, its date, place, chair and decisions."""

    date = forms.DateField(
        label=_("Datum"), widget=platform_date_input(), error_messages={"required": _("Zadejte datum jednání.")}
    )
    time = forms.TimeField(
        label=_("Začátek"), widget=_meeting_time_input(), error_messages={"required": _("Zadejte čas začátku.")}
    )
    place = forms.CharField(
        label=_("Místo"),
        max_length=200,
        required=False,
        help_text=_("Např. zasedací místnost úřadu. Koná-li se jednání přímo v lokalitě, stačí vybrat lokalitu."),
    )
    locality = forms.ModelChoiceField(
        label=_("Lokalita"),
        queryset=None,
        required=False,
        empty_label=_("— jednání není v lokalitě —"),
        error_messages={"invalid_choice": _("Vyberte lokalitu této organizace.")},
    )
    chair = forms.CharField(label=_("Předsedající"), max_length=200, required=False)
    agenda = forms.CharField(
        label=_("Program"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Každý bod programu na samostatný řádek. Zápis k bodům doplníte později."),
        # Each line becomes an agenda item's title; the field checks them, so the error shows here.
        validators=[validate_no_control_characters_multiline],
    )
    decisions = forms.CharField(
        label=_("Usnesení a rozhodnutí"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, data=None, *, user, platform: Platform, meeting: Meeting | None = None):
        initial = {"chair": platform.coordinator.get_full_name()} if meeting is None else {}
        if meeting is not None:
            starts_at = timezone.localtime(meeting.starts_at)
            initial = {
                "date": starts_at.date(),
                "time": starts_at.time(),
                "place": meeting.place,
                "locality": meeting.locality_id,
                "chair": meeting.chair,
                "decisions": meeting.decisions,
            }
        super().__init__(data, meeting=meeting, initial=initial)
        self.meeting = meeting
        self.add_fold_field("time", stored=meeting.starts_at if meeting else None)
        self.fields["locality"].queryset = selectors.meeting_locality_choices(
            user, include=meeting.locality if meeting else None
        )
        del self.fields["agenda" if meeting else "decisions"]
        self.helper.layout = Layout(
            Row(Column("date", css_class="col-sm-6"), Column("time", fold_name("time"), css_class="col-sm-6")),
            Row(Column("place", css_class="col-md-6"), Column("locality", css_class="col-md-6")),
            "chair",
            "decisions" if meeting else "agenda",
            *self.version_layout(),
            Submit("submit", _("Uložit změny") if meeting else _("Naplánovat jednání"), css_class="btn-lg"),
            cancel_link(meeting.get_absolute_url() if meeting else platform.get_absolute_url()),
        )

    def clean(self):
        cleaned = super().clean()
        # At the field, rather than the model's row-wide check constraint message.
        answered = "place" not in self.errors and "locality" not in self.errors
        if answered and not cleaned.get("place") and not cleaned.get("locality"):
            self.add_error("place", _("Uveďte místo jednání, nebo vyberte lokalitu."))
        if cleaned.get("date") and cleaned.get("time"):
            # The March gap is an error at the time; the October fold is asked (no context settles a meeting's).
            starts_at = self.wall_instant("time", cleaned["date"], cleaned["time"])
            if starts_at is not None:
                cleaned["starts_at"] = starts_at
        return cleaned

    def meeting_arguments(self) -> dict:
        """Keyword arguments for services.meeting_create (with the agenda) or meeting_update (with decisions)."""
        data = self.cleaned_data
        arguments = {
            "starts_at": data["starts_at"],
            "place": data["place"],
            "locality": data["locality"],
            "chair": data["chair"],
        }
        if self.meeting is None:
            arguments["agenda"] = data["agenda"].splitlines()
        else:
            arguments.update(version=data["version"], decisions=data["decisions"])
        return arguments


class _MeetingRowsFormSet(forms.BaseFormSet):
    """Rows of a meeting page (agenda items, guests): the delete box is labelled in Czech; rows come in a
    `.formset-row` box that static/js/formset_rows.js copies when the user asks for another row."""

    delete_label = _("Odstranit")

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if self.can_delete:
            form.fields[forms.formsets.DELETION_FIELD_NAME].label = self.delete_label
        if self.can_order:
            form.fields[forms.formsets.ORDERING_FIELD_NAME].label = _("Pořadí")
            form.fields[forms.formsets.ORDERING_FIELD_NAME].widget.attrs.update({"min": 1, "inputmode": "numeric"})

    def _kept_forms(self):
        """The filled-in rows that are not marked for deletion (after is_valid)."""
        deleted = set(map(id, self.deleted_forms)) if self.can_delete else set()
        return [form for form in self.forms if form.cleaned_data and id(form) not in deleted]


class AgendaItemForm(forms.Form):
    # Rows of a formset: a service's error could not be shown at its row, so the fields check the text themselves.
    title = forms.CharField(
        label=_("Bod programu"),
        max_length=300,
        error_messages={"required": _("Zadejte název bodu programu.")},
        validators=[validate_no_control_characters],
    )
    minutes = forms.CharField(
        label=_("Zápis k bodu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_no_control_characters_multiline],
    )


class BaseAgendaFormSet(_MeetingRowsFormSet):
    """The agenda with minutes: reorder by the order numbers, remove by the delete box, add in the blank rows."""

    delete_label = _("Odstranit bod")

    def __init__(self, data=None, *, meeting: Meeting | None = None, items=()):
        initial = [{"title": item.title, "minutes": item.minutes} for item in items]
        super().__init__(data, initial=initial, prefix="agenda")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Div(
                Row(Column("title", css_class="col-sm-9"), Column("ORDER", css_class="col-sm-3")),
                "minutes",
                "DELETE",
                css_class="formset-row agenda-item border rounded p-3 mb-3",
            )
        )

    def items(self) -> list[dict]:
        """Agenda items for services.agenda_save, in the order the user gave (rows without a number last)."""
        return [
            {"title": form.cleaned_data["title"], "minutes": form.cleaned_data["minutes"]}
            for form in self.ordered_forms
        ]


class GuestForm(forms.Form):
    # Rows of a formset: a service's error could not be shown at its row, so the fields check the text themselves.
    name = forms.CharField(
        label=_("Jméno hosta"),
        max_length=200,
        error_messages={"required": _("Zadejte jméno hosta.")},
        validators=[validate_no_control_characters],
    )
    affiliation = forms.CharField(
        label=_("Instituce / funkce"), max_length=200, required=False, validators=[validate_no_control_characters]
    )


class BaseGuestFormSet(_MeetingRowsFormSet):
    """Guests of the meeting (not members): name and institution or function."""

    delete_label = _("Odstranit hosta")

    def __init__(self, data=None, *, guests=()):
        initial = [{"name": guest.name, "affiliation": guest.affiliation} for guest in guests]
        super().__init__(data, initial=initial, prefix="guests")
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Div(
                Row(
                    Column("name", css_class="col-md-5"),
                    Column("affiliation", css_class="col-md-4"),
                    Column("DELETE", css_class="col-md-3 pt-md-4"),
                ),
                css_class="formset-row guest",
            )
        )

    def guests(self) -> list[dict]:
        return [
            {"name": form.cleaned_data["name"], "affiliation": form.cleaned_data["affiliation"]}
            for form in self._kept_forms()
        ]


class AttendanceForm(MeetingVersionForm):
    """Present, excused or absent for every representative in `representatives`, grouped by institution."""

    def __init__(self, data=None, *, meeting: Meeting, representatives, statuses: dict[int, str]):
        super().__init__(data, meeting=meeting)
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        groups: dict[int, list] = {}
        institutions = {}
        for representative in representatives:
            name = f"status_{representative.pk}"
            label = representative.name
            if representative.function:
                label = f"{representative.name}, {representative.function}"
            self.fields[name] = forms.ChoiceField(
                label=label,
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                initial=statuses.get(representative.pk, AttendanceStatus.ABSENT),
                error_messages={"required": _("Vyberte účast.")},
            )
            institutions[representative.institution_id] = representative.institution
            groups.setdefault(representative.institution_id, []).append(name)
        self.helper.layout = Layout(
            *[
                Fieldset(
                    institutions[institution_id].name,
                    *[InlineRadios(name) for name in names],
                    css_class="attendance-institution border rounded p-3 mb-3",
                )
                for institution_id, names in groups.items()
            ],
            "version",
        )

    def statuses(self) -> dict[int, str]:
        """representative id -> status, for services.attendance_save."""
        prefix = "status_"
        return {int(name[len(prefix) :]): value for name, value in self.cleaned_data.items() if name.startswith(prefix)}


class CaseDiscussionForm(MeetingVersionForm):
    """An anonymised case: what happened, where, which institutions; never a name, never a client record."""

    description = forms.CharField(
        label=_("Popis situace"),
        widget=forms.Textarea(attrs={"rows": 5, "autocomplete": "off"}),
        help_text=NO_PERSONAL_DATA,
        error_messages={"required": _("Popište projednávanou situaci.")},
    )
    locality = forms.ModelChoiceField(
        label=_("Lokalita"),
        queryset=None,
        required=False,
        empty_label=_("— bez lokality —"),
        error_messages={"invalid_choice": _("Vyberte lokalitu této organizace.")},
    )
    institutions = forms.ModelMultipleChoiceField(
        label=_("Zapojené instituce"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Vyberte instituce této platformy.")},
    )

    def __init__(self, data=None, *, user, meeting: Meeting):
        super().__init__(data, meeting=meeting)
        self.fields["locality"].queryset = selectors.meeting_locality_choices(user)
        self.fields["institutions"].queryset = selectors.meeting_institution_choices(meeting)
        warning = _(
            "Případ popište anonymně: bez jmen, adres, dat narození a jiných údajů, podle kterých lze osoby "
            "poznat. Anonymizovaný případ se s evidencí klientů nepropojuje."
        )
        self.helper.layout = Layout(
            Include("platforms/_no_personal_data.html", headline=NO_PERSONAL_DATA, warning=warning),
            "description",
            "locality",
            "institutions",
            "version",
            Submit("submit", _("Zapsat případ"), css_class="btn-lg"),
            cancel_link(meeting.get_absolute_url()),
        )

    def discussion_arguments(self) -> dict:
        """Keyword arguments for services.case_discussion_add."""
        data = self.cleaned_data
        return {
            "version": data["version"],
            "description": data["description"],
            "locality": data["locality"],
            "institutions": list(data["institutions"]),
        }


class TaskForm(MeetingVersionForm):
    """A task agreed at the meeting: what, which member institution (and person) is responsible, by when."""

    title = forms.CharField(
        label=_("Úkol"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Popište, co je úkolem.")},
    )
    responsible_institution = forms.ModelChoiceField(
        label=_("Odpovědná instituce"),
        queryset=None,
        empty_label=_("vyberte instituci"),
        error_messages={
            "required": _("Vyberte odpovědnou instituci."),
            "invalid_choice": _("Vyberte instituci této platformy."),
        },
    )
    responsible_person = forms.CharField(label=_("Odpovědná osoba"), max_length=200, required=False)
    due_on = forms.DateField(
        label=_("Termín"), widget=platform_date_input(), error_messages={"required": _("Zadejte termín splnění.")}
    )

    def __init__(self, data=None, *, meeting: Meeting):
        super().__init__(data, meeting=meeting)
        self.meeting = meeting
        self.fields["responsible_institution"].queryset = selectors.meeting_institution_choices(meeting)
        self.helper.layout = Layout(
            "title",
            Row(
                Column("responsible_institution", css_class="col-md-6"),
                Column("responsible_person", css_class="col-md-6"),
            ),
            Row(Column("due_on", css_class="col-sm-6")),
            "version",
            Submit("submit", _("Zadat úkol"), css_class="btn-lg"),
            cancel_link(meeting.get_absolute_url()),
        )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localtime(self.meeting.starts_at).date():
            raise forms.ValidationError(_("Termín nemůže být před datem jednání."))
        return due_on

    def task_arguments(self) -> dict:
        """Keyword arguments for services.task_create."""
        names = ("version", "title", "responsible_institution", "responsible_person", "due_on")
        return {name: self.cleaned_data[name] for name in names}


class TaskReviewForm(MeetingVersionForm):
    """Review of a task from an earlier meeting ("Kontrola úkolů"): done, cancelled or carried on with a note."""

    outcome = forms.ChoiceField(
        label=_("Výsledek kontroly"),
        choices=TaskReviewOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vyberte výsledek kontroly.")},
    )
    note = forms.CharField(
        label=_("Poznámka"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("U úkolu, který trvá, napište, jak pokročil."),
    )

    def __init__(self, data=None, *, meeting: Meeting, task: Task, review=None):
        initial = {"outcome": review.outcome, "note": review.note} if review is not None else {}
        super().__init__(data, meeting=meeting, initial=initial, auto_id=f"review_{task.pk}_%s")
        self.helper.form_action = reverse("platforms:task_review", args=[meeting.pk, task.pk])
        self.helper.layout = Layout(
            InlineRadios("outcome"),
            "note",
            "version",
            StrictButton(_("Uložit kontrolu"), type="submit", css_class="btn btn-primary"),
        )

    def review_arguments(self) -> dict:
        """Keyword arguments for services.task_review."""
        return {name: self.cleaned_data[name] for name in ("version", "outcome", "note")}


class MeetingFinaliseForm(MeetingVersionForm):
    """Mark the minutes final: the meeting becomes read-only."""

    def __init__(self, data=None, *, meeting: Meeting):
        super().__init__(data, meeting=meeting, auto_id="finalise_%s")
        self.helper.form_action = reverse("platforms:meeting_finalise", args=[meeting.pk])
        self.helper.layout = Layout(
            "version", StrictButton(_("Uzavřít zápis"), type="submit", css_class="btn btn-lg btn-success")
        )


class MeetingReopenForm(MeetingVersionForm):
    """Reopen final minutes; the reason is kept in the meeting's status history."""

    reason = forms.CharField(
        label=_("Důvod znovuotevření"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Uveďte důvod znovuotevření zápisu.")},
        validators=[validate_no_control_characters_multiline],
    )

    def __init__(self, data=None, *, meeting: Meeting):
        super().__init__(data, meeting=meeting, auto_id="reopen_%s")
        self.helper.form_action = reverse("platforms:meeting_reopen", args=[meeting.pk])
        self.helper.layout = Layout(
            "reason",
            "version",
            StrictButton(_("Znovu otevřít zápis"), type="submit", css_class="btn btn-lg btn-outline-primary"),
        )


AgendaFormSet = forms.formset_factory(
    AgendaItemForm,
    formset=BaseAgendaFormSet,
    extra=AGENDA_EXTRA_ROWS,
    can_order=True,
    can_delete=True,
    max_num=100,
    validate_max=True,
)

GuestFormSet = forms.formset_factory(
    GuestForm, formset=BaseGuestFormSet, extra=GUEST_EXTRA_ROWS, can_delete=True, max_num=100, validate_max=True
)

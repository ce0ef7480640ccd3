"""Forms of the mentor's week plan (assistants/views/planning.py)."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from assistants import selectors
from assistants.choices import ShiftKind
from assistants.models import Shift
from assistants.services import planned_end_date
from core import clock
from core.forms import WallTimeMixin, after, fold_name
from core.layout import StrictButton, Submit
from core.versioning import VersionedForm


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

"""Small pieces shared by the forms of every app: a service's errors at the fields, and wall times people type."""

import datetime
from collections.abc import Callable

from django import forms
from django.core.exceptions import ValidationError
from django.forms.fields import BaseTemporalField
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from core import clock


def posted_data(request):
    """The data a form is bound with: the POST on a POST (an empty POST is still a submitted form), None on GET."""
    return request.POST if request.method == "POST" else None


def apply_validation_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: at the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- wall times ------------------------------------------------------------------------------------
# A local date and time a person types names no instant in the spring gap and two in the autumn fold
# (core/clock.py). The forms below turn what was typed into the instant meant: the gap is an error at the
# field, the fold is settled by the form's context (a record's time lies in its shift) or else asked through
# a radio under the field, "fold", shown only on the night the time happens twice.

FOLD_SUFFIX = "_fold"


def local_datetime_input():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class LocalDateTimeField(forms.DateTimeField):
    """A datetime-local input cleaned to the wall time as typed (a naive datetime); WallTimeMixin makes the instant.

    Django's own DateTimeField makes the value aware through `from_current_timezone`, which refuses both the gap and
    the fold with one generic message and cannot be told which of the fold's two times was meant.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", local_datetime_input())
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return timezone.make_naive(value) if timezone.is_aware(value) else value
        if isinstance(value, datetime.date):
            return datetime.datetime(value.year, value.month, value.day)
        try:
            result = parse_datetime(value.strip())
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not result:
            # The field's input formats (strptime), as DateTimeField does; they give naive datetimes.
            result = BaseTemporalField.to_python(self, value)
        return timezone.make_naive(result) if timezone.is_aware(result) else result


class FoldField(forms.TypedChoiceField):
    """Which of the autumn night's two occurrences of a wall time is meant: hidden until the form needs to ask."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=[(clock.FIRST, _("první (letní čas)")), (clock.SECOND, _("druhý (zimní čas)"))],
            label=_("Který z těch dvou časů myslíte?"),
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.HiddenInput,
            error_messages={"invalid_choice": _("Vyberte jednu z nabízených možností.")},
            **kwargs,
        )

    def offer(self, instants: tuple[datetime.datetime, ...]) -> None:
        """Show the radio, its options naming the two times as the clock shows them."""
        wall = f"{timezone.localtime(instants[0]):%H:%M}"
        self.widget = forms.RadioSelect()
        self.choices = [
            (clock.FIRST, _("%(time)s letního času (SELČ, první)") % {"time": wall}),
            (clock.SECOND, _("%(time)s zimního času (SEČ, o hodinu později)") % {"time": wall}),
        ]


def after(start: datetime.datetime | None) -> Callable[[datetime.datetime], bool]:
    """An end comes after its start: settles the fold when one of the two would not (any time without a start)."""
    return lambda moment: start is None or moment > start


def fold_name(name: str) -> str:
    return f"{name}{FOLD_SUFFIX}"


class WallTimeMixin:
    """For a form in which a person types local times: each becomes the instant meant, through core.clock.

    In `__init__` call `add_fold_field(name, stored=...)` for every field holding a time of day (a TimeField, or a
    LocalDateTimeField) and put `fold_name(name)` into the layout under it; in `clean()` call `wall_instant()` (a date
    and a time) or `resolve_local()` (a LocalDateTimeField). A stored instant's occurrence is the fold's initial
    value, so an unchanged form saves the instant it showed.
    """

    def add_fold_field(self, name: str, *, stored: datetime.datetime | None = None) -> None:
        field = self.fields[fold_name(name)] = FoldField()
        occurrence = clock.occurrence(stored) if stored is not None else None
        if occurrence is None:
            return
        self.initial[fold_name(name)] = occurrence
        if not self.is_bound:
            local = timezone.localtime(stored)
            field.offer(clock.wall_time(local.date(), local.time()).instants)

    def wall_instant(
        self,
        name: str,
        day: datetime.date,
        time: datetime.time,
        *,
        fits: Callable[[datetime.datetime], bool] | None = None,
    ) -> datetime.datetime | None:
        """The instant `day` `time` names, or None with the error at field `name`.

        In the fold, `fits` (the form's context: does this instant make sense here?) settles it when only one of the
        two passes; otherwise the fold field's answer does, and without an answer the form asks.
        """
        wall = clock.wall_time(day, time)
        if (settled := settled_instant(wall, fits)) is not None:
            return settled
        try:
            moment = clock.instant(day, time, fold=self.cleaned_data.get(fold_name(name)))
        except clock.AmbiguousTime as error:
            self.fields[fold_name(name)].offer(error.choices)
            self.add_error(name, str(error))
            return None
        except clock.NonexistentTime as error:
            self.add_error(name, str(error))
            return None
        if wall.is_ambiguous:
            # Answered: keep the answer in sight in case the form comes back with another error.
            self.fields[fold_name(name)].offer(wall.instants)
        return moment

    def resolve_local(
        self, name: str, *, fits: Callable[[datetime.datetime], bool] | None = None
    ) -> datetime.datetime | None:
        """Replace a LocalDateTimeField's wall time in cleaned_data by its instant (see wall_instant)."""
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        moment = self.wall_instant(name, value.date(), value.time(), fits=fits)
        if moment is not None:
            self.cleaned_data[name] = moment
        return moment


def settled_instant(wall: clock.WallTime, fits: Callable[[datetime.datetime], bool] | None) -> datetime.datetime | None:
    """Of the fold's two instants, the only one that fits the context; None when the context does not settle it."""
    if not wall.is_ambiguous or fits is None:
        return None
    fitting = [moment for moment in wall.instants if fits(moment)]
    return fitting[0] if len(fitting) == 1 else None

"""Times shown on the night 02:00–02:59 happens twice say which one (SELČ / SEČ); other times are shown as ever."""

import re

import pytest
import time_machine
from django.urls import reverse

from assistants import services
from tests.assistants.factories import at
from tests.assistants.tablet_helpers import DAY, add_record, default_categories, planned_shift, started  # noqa: F401
from tests.assistants.wall_time_helpers import OCTOBER_22, OCTOBER_EVE, night_shift, utc
from tests.assistants.worklog_helpers import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_categories")]


def _cells(body: str, testid: str) -> str:
    """The text of the element marked data-testid=`testid`, tags removed and whitespace collapsed."""
    match = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</dd>', body, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def _first_record_time(body: str) -> str:
    return re.search(r'data-testid="records".*?<tbody>\s*<tr>\s*<td>(.*?)</td>', body, re.S).group(1)


def _worked_night(organisation, mentor, apk):
    """A night shift 22:00 SELČ – 02:40 SEČ with a break 02:40 SELČ – 02:10 SEČ and a record at 02:30 SEČ."""
    shift = night_shift(organisation, mentor, [apk], eve=OCTOBER_EVE)
    shift = services.shift_start(shift=shift, by=apk, at=OCTOBER_22)
    add_record(shift, recorded_at=utc(2026, 10, 25, 1, 30))
    services.break_start(shift=shift, by=apk, at=utc(2026, 10, 25, 0, 40))
    services.break_end(shift=shift, by=apk, at=utc(2026, 10, 25, 1, 10))
    return services.shift_end(shift=shift, by=apk, at=utc(2026, 10, 25, 1, 40))


def test_record_at_the_second_0230_shows_sec_on_the_shift_page(organisation, mentor, apk, login):
    shift = _worked_night(organisation, mentor, apk)

    body = login(apk).get(reverse("shifts:detail", args=[shift.pk])).content.decode()

    assert _first_record_time(body) == "02:30 SEČ"
    assert _cells(body, "actual-times") == "22:00–02:40 SEČ (do 25. 10.)"


def test_break_across_the_fold_shows_both_zones_on_the_work_page(organisation, mentor, apk, login):
    shift = _worked_night(organisation, mentor, apk)

    body = login(apk).get(reverse("shifts:work", args=[shift.pk])).content.decode()

    assert "02:40 SELČ–02:10 SEČ" in body
    assert _cells(body, "actual-times") == "22:00–02:40 SEČ (do 25. 10.)"


def test_a_normal_time_is_shown_without_a_zone(organisation, mentor, apk, login):
    # Started on an ordinary morning (at the suite's instant the start itself might be the October night's 02:30).
    with time_machine.travel(at(DAY, "08:05"), tick=False):
        shift = started(planned_shift(organisation, mentor, [apk]))
    add_record(shift, time="10:30")

    body = login(apk).get(reverse("shifts:detail", args=[shift.pk])).content.decode()

    assert _first_record_time(body) == "10:30"
    assert "SEČ" not in body and "SELČ" not in body
    assert _cells(body, "planned-times") == "08:00–16:00"


def test_work_log_shows_which_0240_a_shift_ended_at(organisation, mentor, apk, login):
    shift = _worked_night(organisation, mentor, apk)
    shift = services.shift_submit(shift=shift, by=apk, version=shift.version, note="")
    shift = services.shift_approve(shift=shift, by=mentor, version=shift.version)
    url = reverse("shifts:worklog", kwargs={"user_id": apk.pk, "year": 2026, "month": 10})

    text = " ".join(pdf_text(login(apk).get(url).content).split())

    assert "22:00–06:00" in text  # the plan: nothing ambiguous
    assert "22:00–02:40 SEČ" in text
    assert shift.worked_minutes == 5 * 60 + 40 - 30

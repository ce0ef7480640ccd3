"""The suite's clock (tests/conftest.py): every test starts at SVL_TEST_NOW or the default, the clock ticks, a test
may travel further, and `real_clock` opts out."""

import datetime
import threading
import time

import pytest
import time_machine
from django.utils import timezone

from tests import conftest

# A test takes well under this long to reach its first line; the clock starts ticking at the suite's instant.
SETUP_ALLOWANCE = datetime.timedelta(minutes=1)


def test_a_test_starts_at_the_suite_instant_and_its_clock_ticks():
    first = timezone.now()
    second = timezone.now()

    assert conftest.TEST_NOW <= first <= second < conftest.TEST_NOW + SETUP_ALLOWANCE
    assert second > first


def test_other_threads_see_the_suite_instant_as_the_live_server_does():
    seen = []
    thread = threading.Thread(target=lambda: seen.append(timezone.now()))
    thread.start()
    thread.join()

    assert conftest.TEST_NOW <= seen[0] < conftest.TEST_NOW + SETUP_ALLOWANCE


def test_a_test_travels_to_its_own_instant_and_back():
    elsewhere = datetime.datetime(2027, 10, 31, 2, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))

    with time_machine.travel(elsewhere, tick=False):
        assert timezone.now() == elsewhere

    assert conftest.TEST_NOW <= timezone.now() < conftest.TEST_NOW + SETUP_ALLOWANCE


@pytest.mark.real_clock
def test_real_clock_marker_runs_the_test_on_the_machines_clock(suite_clock):
    real = datetime.datetime.fromtimestamp(time.time(), datetime.UTC)

    assert suite_clock is None
    assert not time_machine.escape_hatch.is_travelling()
    assert abs(timezone.now() - real) < SETUP_ALLOWANCE


def test_the_offset_says_which_half_past_two_of_the_october_night_is_meant():
    first = conftest._test_instant("2027-10-31T02:30:00+02:00")
    second = conftest._test_instant("2027-10-31T02:30:00+01:00")

    assert second - first == datetime.timedelta(hours=1)
    assert first.astimezone(datetime.UTC) == datetime.datetime(2027, 10, 31, 0, 30, tzinfo=datetime.UTC)


@pytest.mark.real_clock  # as at session start, where SVL_TEST_NOW is read
def test_unset_means_the_default_and_now_means_the_real_time():
    real = datetime.datetime.fromtimestamp(time.time(), datetime.UTC)

    assert conftest._test_instant(None) == datetime.datetime.fromisoformat("2026-12-16T10:00:00+01:00")
    assert abs(conftest._test_instant("now") - real) < SETUP_ALLOWANCE


@pytest.mark.parametrize("value", ["2027-10-31T02:30:00", "31. 10. 2027", "tomorrow"])
def test_an_instant_without_its_offset_or_not_iso_is_refused(value):
    with pytest.raises(pytest.UsageError) as error:
        conftest._test_instant(value)

    assert str(error.value) == (
        "SVL_TEST_NOW must be an ISO 8601 instant with its UTC offset, e.g. SVL_TEST_NOW=2027-10-31T02:30:00+01:00, "
        f"or 'now'; got {value!r}."
    )

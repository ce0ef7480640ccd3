"""Random input for the project's forms, and the properties every form view must keep.

`form_data(form)` draws POST (or GET) data for the fields of an unbound form: either anything for every field, or
plausible values for all fields but one (so that the services behind a valid form are reached too). Plausible
values come from the form itself: its initial values, its choices (the organisation's localities, projects, …)
and the bounds of its fields.

`check_submission` sends the data through the real view and asserts that nothing broke (no exception, no 5xx)
and that nothing was saved from invalid input: the database is compared before and after, table by table.
Each submission runs in a savepoint that is rolled back, so every example starts from the same data.
"""

import datetime
import string

from django import forms
from django.apps import apps
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, event
from hypothesis import strategies as st

# For @settings(suppress_health_check=...) of every test here. Its fixtures are built once per test and shared by
# all its examples, which is safe: each submission runs in a savepoint that is rolled back (check_submission), so
# they never need resetting. Examples go through real views and the database, hence slower than hypothesis likes.
SHARED_FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]

MISSING = object()
PROJECT_APPS = ("svl", "audit", "locations", "assistants", "cases", "platforms")
# Written while reading or refusing, by design: the access log of client data and the audit log.
LOG_TABLES = {"cases_accesslog", "svl_auditevent"}

EDGE_TEXTS = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "0",
    "-1",
    "1e400",
    "NaN",
    "-Infinity",
    "9" * 40,
    "2026-02-30",
    "0000-00-00",
    "31. 12. 2026",
    "24:00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "١٢٣",
    "😀",
    "[]",
    "{}",
]
PLAIN = string.ascii_letters + string.digits + " áčďéěíňóřšťúůýžÁČŘŠŽ.,-"


def junk() -> st.SearchStrategy:
    return st.one_of(
        st.sampled_from(EDGE_TEXTS),
        st.text(max_size=40),
        st.integers(-(2**70), 2**70).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(str),
    )


def _is_multiple(field) -> bool:
    return bool(getattr(field.widget, "allow_multiple_selected", False)) or isinstance(
        field.widget, forms.MultipleHiddenInput
    )


def _choice_values(field) -> list[str]:
    values = []
    for value, label in field.choices:
        if isinstance(label, list | tuple):  # an optgroup
            values.extend(str(getattr(v, "value", v)) for v, _label in label)
        else:
            values.append(str(getattr(value, "value", value)))
    return [value for value in values if value != ""]


def _as_post(value):
    """An initial value as a browser sends it back."""
    if value is None:
        return ""
    if isinstance(value, list | tuple | set) or hasattr(value, "__iter__") and not isinstance(value, str | bytes):
        return [_as_post(item) for item in value]
    if hasattr(value, "pk"):
        return str(value.pk)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M") if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, bool):
        return "on" if value else MISSING
    return str(value)


def _today():
    return timezone.localdate()


def plausible(field) -> st.SearchStrategy:
    """A value that passes the field's own validation most of the time."""
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", MISSING])
    if isinstance(field, forms.FileField):
        return st.just(MISSING)
    if _is_multiple(field) and not hasattr(field, "choices"):
        return st.lists(st.integers(1, 10**6).map(str), min_size=1, max_size=3)
    if hasattr(field, "choices"):
        choices = _choice_values(field)
        if _is_multiple(field):
            return st.lists(st.sampled_from(choices), min_size=1, max_size=3, unique=True) if choices else st.just([])
        return st.sampled_from(choices) if choices else st.just("")
    if isinstance(field, forms.DateTimeField):
        return st.datetimes(
            min_value=datetime.datetime.combine(_today() - datetime.timedelta(days=60), datetime.time()),
            max_value=datetime.datetime.combine(_today() + datetime.timedelta(days=60), datetime.time()),
        ).map(lambda moment: moment.strftime("%Y-%m-%dT%H:%M"))
    if isinstance(field, forms.DateField):
        today = _today()
        return st.dates(today - datetime.timedelta(days=400), today + datetime.timedelta(days=400)).map(
            datetime.date.isoformat
        )
    if isinstance(field, forms.TimeField):
        return st.times().map(lambda moment: moment.strftime("%H:%M"))
    if isinstance(field, forms.IntegerField | forms.FloatField | forms.DecimalField):
        low = field.min_value if field.min_value is not None else 0
        high = field.max_value if field.max_value is not None else low + 5000
        numbers = st.integers(int(low), int(high)).map(str)
        if isinstance(field, forms.DecimalField):
            decimals = st.decimals(low, high, places=min(field.decimal_places or 0, 6), allow_nan=False)
            numbers = st.one_of(numbers, decimals.map(lambda number: str(number).replace(".", ",")))
        return numbers
    if isinstance(field, forms.EmailField):
        return st.sampled_from(["jana.novakova@example.cz", "info@mesto.cz"])
    if isinstance(field, forms.RegexField):
        return st.from_regex(field.regex, fullmatch=True)
    max_length = min(field.max_length or 60, 60) if isinstance(field, forms.CharField) else 60
    return st.text(PLAIN, min_size=1, max_size=max_length).filter(str.strip)


def anything(field) -> st.SearchStrategy:
    """Any value a client could send for the field: missing, plausible, or junk of any shape and size."""
    alternatives = [st.just(MISSING), plausible(field), junk()]
    if _is_multiple(field):
        alternatives.append(st.lists(st.one_of(plausible_item(field), junk()), max_size=4))
    if isinstance(field, forms.CharField) and field.max_length:
        alternatives.append(st.text(PLAIN, min_size=field.max_length + 1, max_size=field.max_length + 3))
    if isinstance(field, forms.DateField | forms.DateTimeField):
        alternatives.append(st.dates().map(datetime.date.isoformat))
    return st.one_of(alternatives)


def plausible_item(field) -> st.SearchStrategy:
    choices = _choice_values(field) if hasattr(field, "choices") else []
    return st.sampled_from(choices) if choices else st.integers(-5, 10**6).map(str)


@st.composite
def form_data(draw, form, *, fixed=None):
    """Data for the fields of `form` (with its prefix); `fixed` values are sent as they are (a formset's counts)."""
    fields = [
        (form.add_prefix(name), field, form.get_initial_for_field(field, name)) for name, field in form.fields.items()
    ]
    fields = [(key, field, initial) for key, field, initial in fields if not (fixed and key in fixed)]
    data = {}
    if fields and draw(st.booleans(), label="near valid"):
        # The initial value where the form has one, plausible values elsewhere, and (mostly) one field anything.
        odd = draw(st.one_of(st.none(), st.sampled_from([key for key, _field, _initial in fields])), label="odd field")
        for key, field, initial in fields:
            if key == odd:
                data[key] = draw(anything(field), label=key)
            elif initial not in (None, "", []):
                data[key] = _as_post(initial)
            else:
                data[key] = draw(plausible(field), label=key)
    else:
        for key, field, initial in fields:
            data[key] = draw(st.one_of(anything(field), st.just(_as_post(initial))), label=key)
    data.update(fixed or {})
    return {key: value for key, value in data.items() if value is not MISSING}


@st.composite
def formset_data(draw, formset):
    """Data for a formset: its management form (sometimes garbled) and its rows, each drawn like a form."""
    counts = {
        formset.add_prefix("TOTAL_FORMS"): str(len(formset.forms)),
        formset.add_prefix("INITIAL_FORMS"): str(formset.initial_form_count()),
        formset.add_prefix("MIN_NUM_FORMS"): "0",
        formset.add_prefix("MAX_NUM_FORMS"): "1000",
    }
    if draw(st.booleans(), label="garbled management form"):
        counts = draw(st.fixed_dictionaries({key: st.one_of(st.just(value), junk()) for key, value in counts.items()}))
    data = dict(counts)
    for row in formset.forms:
        data.update(draw(form_data(row)))
    return data


# --- the properties ---------------------------------------------------------------------------------


def _tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in PROJECT_APPS and model._meta.db_table not in LOG_TABLES
    )


def database_state() -> dict[str, tuple]:
    """Row count and a digest of the rows of every table of the project (one query).

    The rows are digested in the order of a sequential scan, which only a write changes (sorting them would cost
    ten times as much).
    """
    sql = " UNION ALL ".join(
        f"SELECT '{table}', count(*), md5(coalesce(string_agg(r::text, '|'), '')) FROM {table} r" for table in _tables()
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {table: (count, digest) for table, count, digest in cursor.fetchall()}


def changed_tables(before: dict, after: dict) -> list[str]:
    return [table for table in before if before[table] != after[table]]


def check_submission(client, url, data, *, valid: bool, method: str = "post") -> int:
    """Send `data` through the view; no server error, and nothing saved unless the form was valid.

    A POST answered with 200 re-rendered the form, so it saved nothing either (every saving view redirects);
    a GET never saves. Returns the status code.
    """
    before = database_state()
    with transaction.atomic():
        response = getattr(client, method)(url, data)
        after = database_state()
        transaction.set_rollback(True)
    event(f"{'valid' if valid else 'invalid'} form: {response.status_code}")  # --hypothesis-show-statistics
    assert response.status_code < 500, f"{method.upper()} {url} answered {response.status_code}"
    if not valid or method == "get" or response.status_code == 200:
        assert not changed_tables(before, after), (
            f"{method.upper()} {url} with invalid data (status {response.status_code}) changed "
            f"{changed_tables(before, after)}"
        )
    return response.status_code

"""Random input for the shift forms (assistants/forms/): planning, review, projects, categories, the work log,
the shift import and the tablet, each through its view with a user of the role that uses it."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from assistants import selectors, services
from assistants.filters import ShiftFilter
from assistants.forms import (
    ApproveManyForm,
    BreakAddForm,
    CategoryCreateForm,
    CategoryEditForm,
    CopyWeekForm,
    FieldRecordForm,
    ProjectForm,
    ReopenForm,
    ReturnForm,
    ShiftCorrectForm,
    ShiftImportConfirmForm,
    ShiftImportForm,
    ShiftNoteForm,
    ShiftPlanForm,
    ShiftVersionForm,
    WorklogChooseForm,
)
from assistants.models import FieldRecord, FieldRecordCategory, Project, Shift
from tests.assistants.factories import at
from tests.assistants.tablet_helpers import add_record, ended, planned_shift, started, submitted
from tests.property.fuzz import SHARED_FIXTURES, check_submission, form_data, junk
from tests.property.tables import shift_columns, upload

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 11, 16)


@pytest.fixture
def shifts(organisation, mentor, apk, colleague):
    """A shift of `apk` with `mentor` in every state the forms act on, on different days."""
    services.category_ensure_defaults()
    running = started(planned_shift(organisation, mentor, [apk], day=DAY))
    finished = ended(planned_shift(organisation, mentor, [apk], day=DAY + datetime.timedelta(days=1)))
    services.break_add(
        shift=finished,
        by=apk,
        version=finished.version,
        started_at=at(finished.date, "12:00"),
        ended_at=at(finished.date, "12:30"),
    )
    waiting = submitted(planned_shift(organisation, mentor, [apk, colleague], day=DAY + datetime.timedelta(days=2)))
    approved = submitted(planned_shift(organisation, mentor, [apk], day=DAY + datetime.timedelta(days=3)))
    approved = services.shift_approve(shift=approved, by=mentor, version=approved.version)
    return SimpleNamespace(
        planned=planned_shift(organisation, mentor, [apk, colleague], day=DAY + datetime.timedelta(days=7)),
        running=running,
        record=add_record(running, author=apk),
        ended=finished,
        waiting=waiting,
        approved=approved,
    )


def _fresh(shift) -> Shift:
    return Shift.objects.get(pk=shift.pk)


def _submit(data, http, url, form_class, *, method="post", **kwargs):
    """Draw data for `form_class(**kwargs)`, check it as the view does, and send it with the test client `http`."""
    drawn = data.draw(form_data(form_class(**kwargs)))
    valid = form_class(drawn, **kwargs).is_valid()
    return check_submission(http, url, drawn, valid=valid, method=method)


# --- planning and review --------------------------------------------------------------------------


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_plan_create_by_mentor(data, shifts, mentor, client_of):
    _submit(data, client_of(mentor), reverse("shifts:plan_create"), ShiftPlanForm, user=mentor)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_plan_create_by_coordinator(data, shifts, coordinator, client_of):
    _submit(data, client_of(coordinator), reverse("shifts:plan_create"), ShiftPlanForm, user=coordinator)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_plan_edit(data, shifts, mentor, client_of):
    url = reverse("shifts:plan_edit", args=[shifts.planned.pk])
    _submit(data, client_of(mentor), url, ShiftPlanForm, user=mentor, shift=_fresh(shifts.planned))


@pytest.mark.parametrize(
    ("action", "state"), [("plan_cancel", "planned"), ("approve", "waiting"), ("break_delete", "ended")]
)
@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_version_only_actions(data, action, state, shifts, mentor, apk, client_of):
    shift = _fresh(getattr(shifts, state))
    if action == "break_delete":
        url, user = reverse("shifts:break_delete", args=[shift.pk, shift.breaks.get().pk]), apk
    else:
        url, user = reverse(f"shifts:{action}", args=[shift.pk]), mentor
    _submit(data, client_of(user), url, ShiftVersionForm, shift=shift)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_return(data, shifts, mentor, client_of):
    url = reverse("shifts:return", args=[shifts.waiting.pk])
    _submit(data, client_of(mentor), url, ReturnForm, shift=_fresh(shifts.waiting))


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_reopen(data, shifts, mentor, client_of):
    url = reverse("shifts:reopen", args=[shifts.approved.pk])
    _submit(data, client_of(mentor), url, ReopenForm, shift=_fresh(shifts.approved))


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_approve_many(data, shifts, mentor, client_of):
    post = data.draw(form_data(ApproveManyForm()))
    if data.draw(st.booleans(), label="real shift ids"):
        ids = [str(shift.pk) for shift in vars(shifts).values() if isinstance(shift, Shift)]
        post["shifts"] = data.draw(st.lists(st.one_of(st.sampled_from(ids), junk()), max_size=4))
    valid = ApproveManyForm(post).is_valid()
    check_submission(client_of(mentor), reverse("shifts:approve_many"), post, valid=valid)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_copy_week(data, shifts, mentor, client_of):
    _submit(data, client_of(mentor), reverse("shifts:copy_week"), CopyWeekForm)


@pytest.mark.parametrize("role", ["mentor", "apk", "coordinator"])
@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_shift_list_filters_and_cursors(data, role, shifts, request, client_of):
    user = request.getfixturevalue(role)
    query = data.draw(form_data(ShiftFilter(queryset=Shift.objects.none(), user=user).form))
    query.update(data.draw(st.dictionaries(st.sampled_from(["after", "before"]), junk(), max_size=2)))
    check_submission(client_of(user), reverse("shifts:list"), query, valid=True, method="get")


# --- projects, categories, the work log -----------------------------------------------------------


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_project_create(data, shifts, coordinator, client_of):
    _submit(data, client_of(coordinator), reverse("shifts:project_create"), ProjectForm, user=coordinator)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_project_edit(data, shifts, org_admin, client_of):
    project = Project.objects.get(pk=shifts.planned.project_id)
    url = reverse("shifts:project_edit", args=[project.pk])
    _submit(data, client_of(org_admin), url, ProjectForm, user=org_admin, instance=project)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_category_create(data, coordinator, client_of):
    _submit(data, client_of(coordinator), reverse("shifts:category_create"), CategoryCreateForm)


@pytest.fixture
def own_category(organisation):
    return services.category_create(
        organisation=organisation, name="Kontrola hřiště", code="hriste", position=200, requires_syringe_count=False
    )


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_category_edit(data, own_category, coordinator, client_of):
    category = FieldRecordCategory.objects.get(pk=own_category.pk)
    url = reverse("shifts:category_edit", args=[category.pk])
    _submit(data, client_of(coordinator), url, CategoryEditForm, instance=category)


@pytest.mark.parametrize("role", ["apk", "mentor", "coordinator"])
@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_worklog_choice(data, role, shifts, request, client_of):
    user = request.getfixturevalue(role)
    assistants = selectors.worklog_assistants_for(user)
    url = reverse("shifts:worklog_index")
    _submit(data, client_of(user), url, WorklogChooseForm, method="get", assistants=assistants)


# --- the import of historical shifts --------------------------------------------------------------


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_shift_import_upload(data, shifts, apk, colleague, mentor, coordinator, client_of):
    categories = FieldRecordCategory.objects.filter(requires_syringe_count=False)
    columns = shift_columns(
        assistants=[apk.username, colleague.username],
        mentors=[mentor.username],
        projects=[project.name for project in Project.objects.all()],
        localities=["Zátiší – ubytovna"],
        categories=[str(category.name) for category in categories],
        day=DAY,
    )
    name, content = data.draw(upload(columns))
    valid = ShiftImportForm({}, {"file": SimpleUploadedFile(name, content)}).is_valid()
    post = {"file": SimpleUploadedFile(name, content)}
    check_submission(client_of(coordinator), reverse("shifts:import"), post, valid=valid)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_shift_import_confirm(data, coordinator, client_of):
    _submit(data, client_of(coordinator), reverse("shifts:import_confirm"), ShiftImportConfirmForm)


# --- the tablet -----------------------------------------------------------------------------------


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_record_create(data, shifts, apk, client_of):
    url = reverse("shifts:record_create", args=[shifts.running.pk])
    _submit(data, client_of(apk), url, FieldRecordForm, shift=_fresh(shifts.running))


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_record_edit(data, shifts, apk, client_of):
    record = FieldRecord.objects.get(pk=shifts.record.pk)
    url = reverse("shifts:record_edit", args=[record.pk])
    _submit(data, client_of(apk), url, FieldRecordForm, shift=_fresh(shifts.running), instance=record)


@pytest.mark.parametrize(
    ("action", "form_class"), [("submit", ShiftNoteForm), ("correct", ShiftCorrectForm), ("break_add", BreakAddForm)]
)
@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_finishing_forms(data, action, form_class, shifts, apk, client_of):
    url = reverse(f"shifts:{action}", args=[shifts.ended.pk])
    _submit(data, client_of(apk), url, form_class, shift=_fresh(shifts.ended))


@pytest.mark.parametrize("month", ["0000-01", "1999-12", "9999-12"])
def test_worklog_of_a_month_outside_the_served_years_is_refused(month, shifts, apk, client_of):
    # Found by test_worklog_choice: year 0 (and the month after 9999-12) made the page a server error.
    response = client_of(apk).get(reverse("shifts:worklog_index"), {"assistant": apk.pk, "month": month})
    assert response.status_code == 200
    assert "Zadejte měsíc mezi lety 2000 a 2100." in response.content.decode()

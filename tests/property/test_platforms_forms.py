"""Random input for the coordination platform forms (platforms/forms/), through their views as a coordinator."""

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from platforms import selectors, services
from platforms.filters import MeetingFilter, TaskFilter
from platforms.forms import (
    AgendaFormSet,
    AttendanceForm,
    CaseDiscussionForm,
    GuestFormSet,
    InstitutionForm,
    MeetingFinaliseForm,
    MeetingForm,
    MeetingReopenForm,
    MeetingVersionForm,
    OutputForm,
    PlatformForm,
    RepresentativeForm,
    TaskForm,
    TaskReviewForm,
)
from platforms.models import Institution, Meeting, Platform, Representative, Task
from tests.core.document_files import pdf_document
from tests.platforms.meeting_helpers import NOV, OCT, add_task, hold_meeting, platform_with_members
from tests.property.fuzz import SHARED_FIXTURES, check_submission, form_data, formset_data, junk

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform(organisation, coordinator):
    """A platform with members; a meeting with a task, the next meeting that reviews it, and final minutes."""
    members = platform_with_members(organisation, coordinator)
    first = hold_meeting(members.platform, OCT)
    task = add_task(first, members.police)
    final = hold_meeting(members.platform, OCT.replace(day=20))
    services.meeting_finalise(meeting=final, version=final.version, by=coordinator)
    return SimpleNamespace(
        members=members, first=first, task=task, next=hold_meeting(members.platform, NOV), final=final
    )


def _submit(data, http, url, form_class, *, method="post", **kwargs):
    """Draw data for `form_class(**kwargs)`, check it as the view does, and send it with the test client `http`."""
    drawn = data.draw(form_data(form_class(**kwargs)))
    valid = form_class(drawn, **kwargs).is_valid()
    return check_submission(http, url, drawn, valid=valid, method=method)


def _meeting(meeting) -> Meeting:
    return Meeting.objects.get(pk=meeting.pk)


# --- platforms, members, outputs, tasks -----------------------------------------------------------


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_platform_create(data, platform, coordinator, client_of):
    url = reverse("platforms:create")
    _submit(data, client_of(coordinator), url, PlatformForm, user=coordinator, cancel_url="/")


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_platform_edit(data, platform, coordinator, client_of):
    instance = Platform.objects.get(pk=platform.members.platform.pk)
    url = reverse("platforms:edit", args=[instance.pk])
    _submit(data, client_of(coordinator), url, PlatformForm, user=coordinator, instance=instance, cancel_url="/")


@pytest.mark.parametrize("existing", [False, True])
@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_institution(data, existing, platform, coordinator, client_of):
    if existing:
        instance = Institution.objects.get(pk=platform.members.police.pk)
        url = reverse("platforms:institution_edit", args=[instance.pk])
    else:
        instance, url = None, reverse("platforms:institution_create", args=[platform.members.platform.pk])
    _submit(data, client_of(coordinator), url, InstitutionForm, instance=instance, cancel_url="/")


@pytest.mark.parametrize("existing", [False, True])
@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_representative(data, existing, platform, coordinator, client_of):
    if existing:
        instance = Representative.objects.get(pk=platform.members.maly.pk)
        url = reverse("platforms:representative_edit", args=[instance.pk])
    else:
        instance, url = None, reverse("platforms:representative_create", args=[platform.members.police.pk])
    _submit(data, client_of(coordinator), url, RepresentativeForm, instance=instance, cancel_url="/")


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_output_create(data, platform, coordinator, client_of, tmp_path):
    the_platform = platform.members.platform
    post = data.draw(form_data(OutputForm(platform=the_platform, cancel_url="/")))
    name = data.draw(st.sampled_from(["zapis.pdf", "metodika.docx", "data.xlsx", "text.odt", "virus.exe", "bez"]))
    content = data.draw(st.one_of(st.binary(max_size=200), st.just(b"%PDF-1.4\n%%EOF\n"), st.just(pdf_document())))
    with_document = data.draw(st.booleans(), label="document")

    def files():
        return {"document": SimpleUploadedFile(name, content)} if with_document else {}

    valid = OutputForm(post, files(), platform=the_platform, cancel_url="/").is_valid()
    url = reverse("platforms:output_create", args=[the_platform.pk])
    with override_settings(MEDIA_ROOT=tmp_path):
        check_submission(client_of(coordinator), url, {**post, **files()}, valid=valid)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_task_list_filters(data, platform, service_lead, client_of):
    query = data.draw(form_data(TaskFilter(queryset=Task.objects.none(), user=service_lead).form))
    query.update(data.draw(st.dictionaries(st.just("page"), junk(), max_size=1)))
    check_submission(client_of(service_lead), reverse("platforms:task_list"), query, valid=True, method="get")


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_meeting_list_filters_and_cursors(data, platform, mentor, client_of):
    query = data.draw(form_data(MeetingFilter(queryset=Meeting.objects.none(), user=mentor).form))
    query.update(data.draw(st.dictionaries(st.sampled_from(["after", "before"]), junk(), max_size=2)))
    check_submission(client_of(mentor), reverse("platforms:meeting_list"), query, valid=True, method="get")


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_platform_detail_year(data, platform, org_admin, client_of):
    query = data.draw(st.dictionaries(st.just("year"), junk(), max_size=1))
    url = reverse("platforms:detail", args=[platform.members.platform.pk])
    check_submission(client_of(org_admin), url, query, valid=True, method="get")


# --- meetings -------------------------------------------------------------------------------------


@pytest.mark.parametrize("existing", [False, True])
@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_meeting_header(data, existing, platform, coordinator, client_of):
    the_platform = Platform.objects.select_related("coordinator").get(pk=platform.members.platform.pk)
    if existing:
        meeting = _meeting(platform.next)
        url = reverse("platforms:meeting_edit", args=[meeting.pk])
    else:
        meeting, url = None, reverse("platforms:meeting_create", args=[the_platform.pk])
    _submit(data, client_of(coordinator), url, MeetingForm, user=coordinator, platform=the_platform, meeting=meeting)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_meeting_agenda(data, platform, coordinator, client_of):
    meeting = _meeting(platform.next)
    items = meeting.agenda_items.all()
    post = data.draw(form_data(MeetingVersionForm(meeting=meeting)))
    post.update(data.draw(formset_data(AgendaFormSet(items=items))))
    valid = all([MeetingVersionForm(post, meeting=meeting).is_valid(), AgendaFormSet(post, items=items).is_valid()])
    check_submission(client_of(coordinator), reverse("platforms:meeting_agenda", args=[meeting.pk]), post, valid=valid)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_meeting_attendance(data, platform, coordinator, client_of):
    meeting = _meeting(platform.next)

    def forms(post=None):
        statuses = dict(meeting.attendance.values_list("representative_id", "status"))
        representatives = selectors.meeting_representatives(meeting)
        attendance = AttendanceForm(post, meeting=meeting, representatives=representatives, statuses=statuses)
        return attendance, GuestFormSet(post, guests=meeting.guests.all())

    attendance, guests = forms()
    post = {**data.draw(form_data(attendance)), **data.draw(formset_data(guests))}
    attendance, guests = forms(post)
    url = reverse("platforms:meeting_attendance", args=[meeting.pk])
    check_submission(client_of(coordinator), url, post, valid=all([attendance.is_valid(), guests.is_valid()]))


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_case_discussion(data, platform, coordinator, client_of):
    meeting = _meeting(platform.next)
    url = reverse("platforms:case_discussion_create", args=[meeting.pk])
    _submit(data, client_of(coordinator), url, CaseDiscussionForm, user=coordinator, meeting=meeting)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_task_create(data, platform, coordinator, client_of):
    meeting = _meeting(platform.next)
    _submit(
        data, client_of(coordinator), reverse("platforms:task_create", args=[meeting.pk]), TaskForm, meeting=meeting
    )


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_task_review(data, platform, coordinator, client_of):
    meeting, task = _meeting(platform.next), Task.objects.get(pk=platform.task.pk)
    url = reverse("platforms:task_review", args=[meeting.pk, task.pk])
    _submit(data, client_of(coordinator), url, TaskReviewForm, meeting=meeting, task=task)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_meeting_finalise(data, platform, coordinator, client_of):
    meeting = _meeting(platform.next)
    url = reverse("platforms:meeting_finalise", args=[meeting.pk])
    _submit(data, client_of(coordinator), url, MeetingFinaliseForm, meeting=meeting)


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_meeting_reopen(data, platform, coordinator, client_of):
    meeting = _meeting(platform.final)
    url = reverse("platforms:meeting_reopen", args=[meeting.pk])
    _submit(data, client_of(coordinator), url, MeetingReopenForm, meeting=meeting)

"""Random input for the report forms (reports/forms.py): the period and the report's own choice, through the
report pages (HTML, PDF, XLSX), and the narrative of the APK report."""

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from assistants.models import Project
from cases.models import SocialService
from reports.forms import NarrativeForm, ProjectReportForm, ServiceReportForm, SituationReportForm
from tests.assistants.factories import ProjectFactory
from tests.cases.factories import SocialServiceFactory
from tests.property.fuzz import SHARED_FIXTURES, check_submission, form_data, junk

pytestmark = pytest.mark.django_db

FORMATS = st.one_of(st.sampled_from(["html", "pdf", "xlsx"]), junk())
# The period is the report's main input: besides any dates, ones at the ends of the calendar.
EDGE_DATES = st.sampled_from(["0001-01-01", "1899-12-31", "2026-11-16", "9997-06-01", "9999-12-31"])


@pytest.fixture
def reported(organisation, mentor):
    return ProjectFactory(organisation=organisation, mentors=[mentor]), SocialServiceFactory(organisation=organisation)


@pytest.mark.parametrize(
    ("url_name", "form_class", "choices"),
    [
        ("reports:apk", ProjectReportForm, "projects"),
        ("reports:mpsv", ServiceReportForm, "services"),
        ("reports:situation", SituationReportForm, None),
    ],
)
@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_report_period_and_choice(data, url_name, form_class, choices, reported, coordinator, client_of):
    querysets = {
        "projects": Project.objects.for_user(coordinator),
        "services": SocialService.objects.for_user(coordinator),
    }
    kwargs = {choices: querysets[choices]} if choices else {}
    query = data.draw(form_data(form_class(**kwargs)))
    if data.draw(st.booleans(), label="edge period"):
        query["od"], query["do"] = sorted(data.draw(st.lists(EDGE_DATES, min_size=2, max_size=2), label="period"))
    if data.draw(st.booleans(), label="with format"):
        query["format"] = data.draw(FORMATS, label="format")
    valid = form_class(query, **kwargs).is_valid()
    check_submission(client_of(coordinator), reverse(url_name), query, valid=valid, method="get")


@settings(suppress_health_check=SHARED_FIXTURES)
@given(data=st.data())
def test_report_narrative(data, reported, coordinator, client_of):
    projects = Project.objects.for_user(coordinator)
    post = {
        **data.draw(form_data(ProjectReportForm(projects=projects))),
        **data.draw(form_data(NarrativeForm())),
    }
    valid = ProjectReportForm(post, projects=projects).is_valid() and NarrativeForm(post).is_valid()
    check_submission(client_of(coordinator), reverse("reports:apk_narrative"), post, valid=valid)


def test_narrative_of_a_project_id_that_is_no_number_is_404(reported, coordinator, client_of):
    # Found by test_report_narrative: the project lookup raised ValueError (a server error).
    post = {"project": " ", "od": "2026-11-01", "do": "2026-11-30", "text": "Hodnocení"}
    response = client_of(coordinator).post(reverse("reports:apk_narrative"), post)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "period", [("9998-06-01", "9999-01-01"), ("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-02")]
)
def test_a_period_at_the_end_of_the_calendar_is_refused(period, reported, coordinator, client_of):
    # Found by test_report_period_and_choice: the period's arithmetic went past year 9999 (a server error).
    start, end = period
    response = client_of(coordinator).get(reverse("reports:situation"), {"od": start, "do": end})
    assert response.status_code == 200
    assert "Zadejte datum mezi lety 1990 a 2100." in response.content.decode()

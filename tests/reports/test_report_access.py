"""Who may see which report under /reports/, and the narrative of the APK report."""

import datetime

import pytest
from django.urls import reverse

from assistants.models import ReportNarrative
from tests.assistants.factories import ProjectFactory
from tests.cases.factories import SocialServiceFactory
from tests.locations.factories import LocalityFactory, ObservationFactory
from tests.reports.helpers import parse_page, pdf_text

PERIOD = {"od": "2026-01-01", "do": "2026-03-31"}
PERIOD_DAY = datetime.date(2026, 2, 15)
# Django's own Czech message for a choice outside the queryset.
INVALID_CHOICE = "Vyberte platnou možnost. Tato není k dispozici."
NARRATIVE = "Asistenti se v prvním čtvrtletí soustředili na Předlice.\nSpolupráce s MP byla dobrá."


@pytest.fixture
def project(organisation, mentor):
    return ProjectFactory(organisation=organisation, name="APK Předlice", mentors=[mentor])


@pytest.fixture
def unmentored_project(organisation):
    return ProjectFactory(organisation=organisation, name="APK Krásné Březno")


@pytest.fixture
def service(organisation):
    return SocialServiceFactory(organisation=organisation, name="Terénní program Ústí")


@pytest.fixture
def urls(project, service):
    return {
        "index": (reverse("reports:index"), {}),
        "apk": (reverse("reports:apk"), {"project": project.pk, **PERIOD}),
        "mpsv": (reverse("reports:mpsv"), {"service": service.pk, **PERIOD}),
        "situation": (reverse("reports:situation"), PERIOD),
    }


ALLOWED = {
    "coordinator": {"index", "apk", "mpsv", "situation"},
    "org_admin": {"index", "apk", "mpsv", "situation"},
    "mentor": {"index", "apk"},
    "service_lead": {"index", "mpsv"},
    "apk": set(),
    "liaison": set(),
}


PAGES = [("index", "html")] + [
    (page, output) for page in ("apk", "mpsv", "situation") for output in ("html", "pdf", "xlsx")
]


@pytest.mark.parametrize("role", ALLOWED)
@pytest.mark.parametrize(("page", "output"), PAGES)
def test_role_access(request, urls, login, role, page, output):
    url, params = urls[page]
    params = {**params, "format": output} if output != "html" else params

    response = login(request.getfixturevalue(role)).get(url, params)

    assert response.status_code == (200 if page in ALLOWED[role] else 403)


@pytest.mark.parametrize("page", ["index", "apk", "mpsv", "situation"])
def test_login_required(client, urls, page):
    url, params = urls[page]

    response = client.get(url, params)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.parametrize("page", ["apk", "mpsv", "situation"])
def test_reports_accept_get_only(urls, coordinator, login, page):
    url, params = urls[page]

    assert login(coordinator).post(url, params).status_code == 405


@pytest.mark.parametrize(
    ("role", "links"),
    [
        ("coordinator", ["reports:apk", "reports:mpsv", "reports:situation"]),
        ("mentor", ["reports:apk"]),
        ("service_lead", ["reports:mpsv"]),
    ],
)
def test_index_links_the_reports_the_role_may_see(request, login, role, links):
    body = login(request.getfixturevalue(role)).get(reverse("reports:index")).content.decode()

    for name in ("reports:apk", "reports:mpsv", "reports:situation"):
        assert (f'href="{reverse(name)}"' in body) == (name in links), name


# --- mentors: their own projects only ----------------------------------------------------------------


def test_mentor_sees_the_report_of_a_project_they_mentor(project, unmentored_project, mentor, login):
    response = login(mentor).get(reverse("reports:apk"), {"project": project.pk, **PERIOD})

    assert response.status_code == 200
    assert response.context["report"].subtitle == "APK Předlice (MV-12345-1/PK-2026)"
    assert list(response.context["form"].fields["project"].queryset) == [project]


def test_mentor_cannot_select_another_project_of_the_organisation(project, unmentored_project, mentor, login):
    response = login(mentor).get(reverse("reports:apk"), {"project": unmentored_project.pk, **PERIOD})

    assert response.status_code == 200
    assert "report" not in response.context
    page = parse_page(response)
    assert page.errors == [INVALID_CHOICE]
    assert page.facts == []
    assert "APK Krásné Březno" not in response.content.decode()


def test_mentor_gets_no_pdf_of_another_project(project, unmentored_project, mentor, login):
    response = login(mentor).get(reverse("reports:apk"), {"project": unmentored_project.pk, **PERIOD, "format": "pdf"})

    assert response["Content-Type"].startswith("text/html")
    assert "report" not in response.context


# --- outsiders: another organisation's project, service and localities ----------------------------------


def test_outsider_cannot_select_another_organisations_project(project, outsider, login):
    response = login(outsider).get(reverse("reports:apk"), {"project": project.pk, **PERIOD, "format": "xlsx"})

    assert response.status_code == 200
    assert "report" not in response.context
    assert parse_page(response).errors == [INVALID_CHOICE]
    assert "APK Předlice" not in response.content.decode()


def test_outsider_cannot_select_another_organisations_service(service, outsider, login):
    response = login(outsider).get(reverse("reports:mpsv"), {"service": service.pk, **PERIOD})

    assert "report" not in response.context
    assert parse_page(response).errors == [INVALID_CHOICE]
    assert "Terénní program Ústí" not in response.content.decode()


def test_outsider_situation_report_lists_only_their_own_localities(organisation, other_organisation, outsider, login):
    ours = LocalityFactory(organisation=organisation, name="Předlice", municipality_name="Ústí nad Labem")
    ObservationFactory(locality=ours, observed_on=PERIOD_DAY, score=4, problems=["drugs"])
    theirs = LocalityFactory(organisation=other_organisation, name="Sídliště B", municipality_name="Ústí nad Labem")
    ObservationFactory(locality=theirs, observed_on=PERIOD_DAY, score=2, problems=["noise"])

    response = login(outsider).get(reverse("reports:situation"), PERIOD)

    assert response.context["report"].table("Lokality").rows == [
        ["Sídliště B (Ústí nad Labem)", "Plzeňský kraj", 2, "15. 2. 2026", "hluk a rušení nočního klidu", 0, 0]
    ]
    assert "Předlice" not in response.content.decode()


# --- the narrative -----------------------------------------------------------------------------------------


def _narrative(client, project, **overrides):
    return client.post(
        reverse("reports:apk_narrative"),
        # version 0: the coordinator saw no narrative of the period yet
        {"project": project.pk, **PERIOD, "text": NARRATIVE, "version": 0, **overrides},
    )


def test_coordinator_saves_the_narrative_and_it_goes_into_the_pdf(project, coordinator, login):
    client = login(coordinator)

    response = _narrative(client, project)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('reports:apk')}?project={project.pk}&od=2026-01-01&do=2026-03-31"
    narrative = ReportNarrative.objects.get()
    assert (narrative.text, narrative.updated_by, narrative.organisation) == (
        NARRATIVE,
        coordinator,
        project.organisation,
    )
    text = pdf_text(client.get(reverse("reports:apk"), {"project": project.pk, **PERIOD, "format": "pdf"}).content)
    assert (
        "Slovní hodnocení Asistenti se v prvním čtvrtletí soustředili na Předlice. Spolupráce s MP byla dobrá." in text
    )


def test_saving_again_replaces_the_narrative_of_the_period(project, coordinator, login):
    client = login(coordinator)
    _narrative(client, project)

    _narrative(client, project, text="Nové hodnocení.", version=1)

    assert list(ReportNarrative.objects.values_list("text", flat=True)) == ["Nové hodnocení."]


def test_narrative_belongs_to_its_period_only(project, coordinator, login):
    client = login(coordinator)
    _narrative(client, project)

    response = client.get(reverse("reports:apk"), {"project": project.pk, "od": "2026-01-01", "do": "2026-03-30"})

    assert response.context["report"].narrative == ""
    assert response.context["narrative_form"].initial == {"text": ""}


def test_mentor_reads_the_narrative_but_cannot_save_it(project, coordinator, mentor, login):
    _narrative(login(coordinator), project)
    client = login(mentor)

    assert _narrative(client, project, text="Přepsáno mentorem.").status_code == 403
    assert ReportNarrative.objects.get().text == NARRATIVE
    body = client.get(reverse("reports:apk"), {"project": project.pk, **PERIOD}).content.decode()
    assert "Asistenti se v prvním čtvrtletí soustředili na Předlice.<br>" in body
    assert reverse("reports:apk_narrative") not in body


@pytest.mark.parametrize("role", ["apk", "liaison", "service_lead", "org_admin"])
def test_other_roles_cannot_save_the_narrative(request, project, login, role):
    assert _narrative(login(request.getfixturevalue(role)), project).status_code == 403
    assert not ReportNarrative.objects.exists()


def test_narrative_of_another_organisations_project_is_not_found(project, outsider, login):
    assert _narrative(login(outsider), project).status_code == 404
    assert not ReportNarrative.objects.exists()


def test_narrative_with_an_invalid_period_saves_nothing(project, coordinator, login):
    response = _narrative(login(coordinator), project, od="2026-03-31", do="2026-01-01")

    assert response.status_code == 302
    assert response["Location"] == reverse("reports:apk")
    assert not ReportNarrative.objects.exists()


def test_narrative_accepts_post_only(project, coordinator, login):
    assert login(coordinator).get(reverse("reports:apk_narrative")).status_code == 405


def test_narrative_login_required(client, project):
    response = _narrative(client, project)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not ReportNarrative.objects.exists()

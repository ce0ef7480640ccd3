"""The work log page: choose an APK and a month, see the month's numbers, download the PDF."""

import datetime

import pytest
from django.urls import reverse

from accounts.choices import Role
from tests.accounts.factories import UserFactory
from tests.assistants.factories import ProjectFactory
from tests.assistants.worklog_helpers import november

URL = reverse("shifts:worklog_index")


@pytest.fixture
def month(apk, mentor):
    return november(apk, mentor)


def test_shows_the_chosen_months_summary_and_download_link(month, apk, mentor, login):
    response = login(mentor).get(URL, {"assistant": apk.pk, "month": "2026-11"})

    assert response.status_code == 200
    log = response.context["log"]
    assert (log.shift_count, log.worked_minutes, log.break_minutes) == (3, 1410, 30)
    assert (log.record_count, log.syringe_count) == (5, 17)
    html = response.content.decode()
    assert f'href="/shifts/worklog/{apk.pk}/2026-11/"' in html
    assert "23,50" in html
    assert "dohled u školy" in html
    assert "sběr použitých injekčních stříkaček" in html


def test_apk_chooses_only_themself(month, apk, colleague, login):
    response = login(apk).get(URL)

    assert list(response.context["form"].fields["assistant"].queryset) == [apk]
    assert response.context["log"].assistant == apk


def test_default_is_the_current_month(month, apk, login, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2026, 11, 22))

    response = login(apk).get(URL)

    assert response.context["log"].month == datetime.date(2026, 11, 1)
    assert response.context["log"].shift_count == 3


def test_mentor_chooses_from_their_team_only(month, apk, colleague, mentor, organisation, login):
    ProjectFactory(organisation=organisation, assistants=[colleague])  # a project the mentor does not mentor

    response = login(mentor).get(URL)

    assert list(response.context["form"].fields["assistant"].queryset) == [apk]


def test_coordinator_chooses_from_every_apk(month, apk, colleague, coordinator, login):
    response = login(coordinator).get(URL)

    assert set(response.context["form"].fields["assistant"].queryset) == {apk, colleague}


def test_another_apk_cannot_be_chosen(month, apk, colleague, login):
    response = login(colleague).get(URL, {"assistant": apk.pk, "month": "2026-11"})

    assert response.status_code == 200
    assert response.context["log"] is None
    assert response.context["form"].errors == {"assistant": ["Vyberte platnou možnost. Tato není k dispozici."]}


def test_invalid_month_is_shown_at_the_field(month, apk, login):
    response = login(apk).get(URL, {"assistant": apk.pk, "month": "2026-13"})

    assert response.context["form"].errors == {"month": ["Zadejte měsíc ve tvaru RRRR-MM, např. 2026-11."]}


def test_role_without_work_logs_gets_403(liaison, login):
    assert login(liaison).get(URL).status_code == 403


def test_outsider_sees_no_apk_of_another_organisation(month, apk, outsider, login):
    response = login(outsider).get(URL, {"assistant": apk.pk, "month": "2026-11"})

    assert response.status_code == 200
    assert response.context["log"] is None
    assert apk.get_full_name() not in response.content.decode()


def test_login_required(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={URL}"


def test_post_is_405(apk, login):
    assert login(apk).post(URL).status_code == 405


def test_former_apk_with_shifts_stays_listed_for_the_coordinator(month, apk, coordinator, login):
    apk.roles = [Role.LIAISON]
    apk.save()

    response = login(coordinator).get(URL)

    assert apk in response.context["form"].fields["assistant"].queryset


def test_navigation_shows_work_logs_and_projects_to_the_right_roles(organisation, login):
    def labels(*roles):
        user = UserFactory(organisation=organisation, roles=list(roles))
        return [item["label"] for item in login(user).get(reverse("localities:list")).context["nav_items"]]

    assert "Výkazy" in labels(Role.APK)
    assert "Projekty" not in labels(Role.APK)
    assert "Výkazy" in labels(Role.MENTOR)
    assert {"Výkazy", "Projekty"} <= set(labels(Role.COORDINATOR))
    assert {"Výkazy", "Projekty"} <= set(labels(Role.ORG_ADMIN))
    assert not {"Výkazy", "Projekty"} & set(labels(Role.LIAISON))

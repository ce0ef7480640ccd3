"""Who may use the casework pages: 403 for a role without client work, 404 for a case outside the user's scope.

Every casework URL is checked for every role: coordinators, mentors, APKs and organisation admins get a 403 before
anything is looked up; another liaison worker of the same organisation and any user of another organisation get
a 404 on a case they are not assigned to; anonymous users are sent to the login page.
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from cases.models import Case, Contact, IndividualPlan, Referral
from tests.cases.casework_helpers import add_anonymous, add_contact, add_plan, add_referral

pytestmark = pytest.mark.django_db


@dataclass
class World:
    case: Case
    contact: Contact
    plan: IndividualPlan
    referral: Referral


@pytest.fixture
def world(case, service, liaison):
    add_anonymous(service, liaison, note="ZZTAJNE anonymní")
    return World(
        case=case,
        contact=add_contact(case, liaison),
        plan=add_plan(case, liaison),
        referral=add_referral(case, liaison),
    )


# Pages about one case (or its contact, plan, referral): name -> URL kwargs.
CASE_PAGES = {
    "case_create": lambda w: {"pk": w.case.client_id},
    "case_detail": lambda w: {"pk": w.case.pk},
    "case_edit": lambda w: {"pk": w.case.pk},
    "contact_create": lambda w: {"pk": w.case.pk},
    "contact_edit": lambda w: {"pk": w.contact.pk},
    "plan_edit": lambda w: {"pk": w.case.pk},
    "plan_review": lambda w: {"pk": w.case.pk},
    "referral_create": lambda w: {"pk": w.case.pk},
    "referral_edit": lambda w: {"pk": w.referral.pk},
}
# POST-only actions on one case.
CASE_ACTIONS = {
    "case_close": lambda w: {"pk": w.case.pk},
    "case_reopen": lambda w: {"pk": w.case.pk},
}
# Pages about no single case.
OWN_PAGES = {"home", "anonymous_list", "anonymous_create"}
ALL_CASE_URLS = {**CASE_PAGES, **CASE_ACTIONS}
# Pages that take a POST (forms and actions); the rest are GET only.
CASE_FORMS = sorted(set(CASE_PAGES) - {"case_detail"})
FORBIDDEN_ROLES = ("coordinator", "mentor", "apk", "org_admin")


def _url(name, world):
    kwargs = ALL_CASE_URLS[name](world) if name in ALL_CASE_URLS else {}
    return reverse(f"cases:{name}", kwargs=kwargs)


def _request(client, name, world, data=None):
    url = _url(name, world)
    return client.post(url, data or {}) if name in CASE_ACTIONS else client.get(url)


@pytest.mark.parametrize("name", sorted(set(ALL_CASE_URLS) | OWN_PAGES))
@pytest.mark.parametrize("role", FORBIDDEN_ROLES)
def test_roles_without_client_work_get_403(name, role, world, login, request):
    user = request.getfixturevalue(role)
    assert _request(login(user), name, world).status_code == 403


@pytest.mark.parametrize("name", [*CASE_FORMS, "anonymous_create"])
@pytest.mark.parametrize("role", FORBIDDEN_ROLES)
def test_roles_without_client_work_get_403_on_post(name, role, world, login, request):
    user = request.getfixturevalue(role)
    assert login(user).post(_url(name, world), {"reason": "x"}).status_code == 403


@pytest.mark.parametrize("name", sorted(ALL_CASE_URLS))
def test_another_liaison_of_the_organisation_gets_404(name, world, other_liaison, login):
    assert _request(login(other_liaison), name, world).status_code == 404


@pytest.mark.parametrize("name", CASE_FORMS)
def test_another_liaison_cannot_post_either(name, world, other_liaison, login):
    response = login(other_liaison).post(_url(name, world), {"reason": "x", "outcome": "x"})
    assert response.status_code == 404


@pytest.mark.parametrize("name", sorted(ALL_CASE_URLS))
def test_another_organisation_gets_404(name, world, outsider, login):
    assert _request(login(outsider), name, world).status_code == 404


@pytest.mark.parametrize("name", CASE_FORMS)
def test_another_organisation_cannot_post_either(name, world, outsider, login):
    assert login(outsider).post(_url(name, world), {"reason": "x"}).status_code == 404


@pytest.mark.parametrize("name", sorted(ALL_CASE_URLS))
def test_assigned_worker_and_service_lead_get_in(name, world, liaison, service_lead, login):
    # Closing without its form data comes back to the case page with the errors; reopening an open case is
    # refused with a message on the case page.
    expected = 302 if name == "case_reopen" else 200
    for user in (liaison, service_lead):
        response = _request(login(user), name, world)
        assert response.status_code == expected, (user.username, response.status_code)


@pytest.mark.parametrize("name", sorted(OWN_PAGES))
def test_own_pages_open_for_liaison_and_lead(name, world, other_liaison, service_lead, login):
    for user in (other_liaison, service_lead):
        assert login(user).get(reverse(f"cases:{name}")).status_code == 200


@pytest.mark.parametrize("name", sorted(OWN_PAGES))
def test_another_organisation_sees_nothing_of_ours_on_its_own_pages(name, world, outsider, login):
    response = login(outsider).get(reverse(f"cases:{name}"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "ZZTAJNE" not in body and world.case.client.code not in body


@pytest.mark.parametrize("name", sorted(set(ALL_CASE_URLS) | OWN_PAGES))
def test_login_required(name, world, client):
    response = _request(client, name, world)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name", ["home", "case_detail", "anonymous_list"])
def test_read_only_pages_refuse_post(name, world, liaison, login):
    assert login(liaison).post(_url(name, world)).status_code == 405


@pytest.mark.parametrize("name", sorted(CASE_ACTIONS))
def test_actions_refuse_get(name, world, liaison, login):
    assert login(liaison).get(_url(name, world)).status_code == 405


@pytest.mark.parametrize("name", [*CASE_FORMS, "anonymous_create"])
def test_forms_refuse_other_methods(name, world, liaison, login):
    assert login(liaison).put(_url(name, world)).status_code == 405

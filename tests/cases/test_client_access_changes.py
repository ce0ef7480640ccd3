"""The service lead's home page lists who was given or lost a role that sees clients in the last 90 days, by whom and
when (accounts.selectors.client_access_changes_for): an admin granting it to themselves or to an accomplice is seen."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from accounts.choices import Role
from accounts.models import User
from accounts.selectors import ClientAccessChange
from audit import services as audit
from audit.choices import AuditAction
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("cases:home")
HEADING = "Nová oprávnění ke klientům"
# 11:00 UTC is 12:00 in Prague (CET).
GRANTED_AT = datetime.datetime(2026, 11, 20, 11, 0, tzinfo=datetime.UTC)
NEXT_DAY = GRANTED_AT + datetime.timedelta(days=1)


@pytest.fixture
def admin(organisation):
    return UserFactory(
        organisation=organisation, username="spravce", first_name="Alena", last_name="Správná", roles=[Role.ORG_ADMIN]
    )


@pytest.fixture
def worker(organisation):
    return UserFactory(
        organisation=organisation, username="pracovnik", first_name="Petr", last_name="Pracovitý", roles=[Role.APK]
    )


def _edit(client, user, roles):
    data = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email, "is_active": "on"}
    # The version an edit form opened now carries (core/versioning.py).
    data["version"] = User.objects.values_list("version", flat=True).get(pk=user.pk)
    response = client.post(reverse("users:edit", args=[user.pk]), {**data, "roles": roles})
    assert response.status_code == 302


def _changes(response):
    return [(c.granted, c.role_label, c.account, c.changed_by) for c in response.context["access_changes"]]


def test_service_lead_sees_who_got_client_access_from_whom_and_when(admin, worker, service_lead, login):
    with time_machine.travel(GRANTED_AT, tick=False):
        _edit(login(admin), worker, [Role.APK, Role.LIAISON])
    with time_machine.travel(NEXT_DAY, tick=False):
        response = login(service_lead).get(URL)

    assert response.context["access_changes"] == [
        ClientAccessChange(
            at=GRANTED_AT,
            granted=True,
            role_label="asistent pro jednání s policií",
            account=worker,
            account_username="pracovnik",
            changed_by=admin,
        )
    ]
    body = response.content.decode()
    card = body.split('data-testid="client-access-changes"')[1].split("</section>")[0]
    assert HEADING in card
    row = card.split("<tbody>")[1]
    assert '<td class="text-nowrap">20. 11. 2026 12:00</td>' in row
    assert "<td>Petr Pracovitý</td>" in row
    assert "<td>přidána role asistent pro jednání s policií</td>" in row
    assert "<td>Alena Správná</td>" in row


def test_removals_are_listed_and_roles_without_client_access_are_not(admin, worker, service_lead, login):
    worker.roles = [Role.SERVICE_LEAD]
    worker.save(update_fields=["roles"])

    _edit(login(admin), worker, [Role.COORDINATOR])
    response = login(service_lead).get(URL)

    assert _changes(response) == [(False, "vedoucí služby", worker, admin)]
    assert "<td>odebrána role vedoucí služby</td>" in response.content.decode()


def test_an_admin_given_client_access_by_another_admin_is_listed(admin, org_admin, service_lead, login):
    _edit(login(admin), org_admin, [Role.ORG_ADMIN, Role.SERVICE_LEAD])

    response = login(service_lead).get(URL)

    assert _changes(response) == [(True, "vedoucí služby", org_admin, admin)]


def test_changes_older_than_ninety_days_are_not_listed(admin, worker, service_lead, login):
    with time_machine.travel(GRANTED_AT, tick=False):
        _edit(login(admin), worker, [Role.APK, Role.LIAISON])
    with time_machine.travel(GRANTED_AT + datetime.timedelta(days=89, hours=23), tick=False):
        still_listed = _changes(login(service_lead).get(URL))
    with time_machine.travel(GRANTED_AT + datetime.timedelta(days=90), tick=False):
        response = login(service_lead).get(URL)

    assert still_listed == [(True, "asistent pro jednání s policií", worker, admin)]
    assert response.context["access_changes"] == []
    assert "Za posledních 90 dní se oprávnění ke klientům neměnila." in response.content.decode()


def test_a_change_made_by_a_command_names_no_one(worker, service_lead, login):
    audit.record(AuditAction.ROLE_GRANT, obj=worker, extra=Role.LIAISON)  # outside a request: no acting user

    response = login(service_lead).get(URL)

    assert _changes(response) == [(True, "asistent pro jednání s policií", worker, None)]
    assert "<td>systém</td>" in response.content.decode()


def test_another_organisations_changes_are_not_listed(admin, worker, service_lead, outsider, other_organisation, login):
    foreign_admin = UserFactory(organisation=other_organisation, username="cizi", roles=[Role.ORG_ADMIN])
    foreign_worker = UserFactory(organisation=other_organisation, username="cizi.apk", roles=[Role.APK])
    _edit(login(admin), worker, [Role.APK, Role.LIAISON])
    _edit(login(foreign_admin), foreign_worker, [Role.APK, Role.SERVICE_LEAD])

    ours = _changes(login(service_lead).get(URL))
    theirs = _changes(login(outsider).get(URL))

    assert ours == [(True, "asistent pro jednání s policií", worker, admin)]
    assert theirs == [(True, "vedoucí služby", foreign_worker, foreign_admin)]


def test_liaison_workers_do_not_see_the_card(admin, worker, liaison, service_lead, login):
    _edit(login(admin), worker, [Role.APK, Role.LIAISON])

    response = login(liaison).get(URL)
    leads_page = login(service_lead).get(URL)

    assert response.status_code == 200
    assert "access_changes" not in response.context
    assert HEADING not in response.content.decode()
    assert HEADING in leads_page.content.decode()


def test_query_count_does_not_grow_with_the_changes(organisation, service_lead, login, django_assert_num_queries):
    client = login(service_lead)
    for number in range(25):
        admin = UserFactory(organisation=organisation, username=f"spravce{number}", roles=[Role.ORG_ADMIN])
        target = UserFactory(organisation=organisation, username=f"cil{number}", roles=[Role.APK])
        audit.record(AuditAction.ROLE_GRANT, obj=target, user=admin, extra=Role.LIAISON)

    # session, user, OTP device, the request's savepoint and its release, the set_config of row-level security,
    # overdue reviews, my open cases; then the changes with who made them, and the accounts they were made to
    with django_assert_num_queries(10):
        response = client.get(URL)

    assert len(response.context["access_changes"]) == 20
    assert response.context["more_access_changes"]
    assert "Zobrazeny jsou jen nejnovější změny" in response.content.decode()

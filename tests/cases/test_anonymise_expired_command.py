"""`manage.py anonymise_expired`: clients past the retention period lose identity and notes, once."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

from cases.models import AccessLog, Client, ClientIdentity, Contact
from tests.cases.client_helpers import FULL_NAME, make_service
from tests.cases.factories import CaseFactory, ClientFactory, ClientIdentityFactory, ContactFactory

pytestmark = pytest.mark.django_db

# Frozen clock: with the default 10 years, cases closed before 1 July 2016 are past the retention period.
NOW = datetime.datetime(2026, 7, 1, 8, 0, tzinfo=datetime.UTC)


def _client(organisation, service, code, *cases, created=None):
    """A client with identity, a note and the given cases: (opened_on, closed_on or None) pairs."""
    client = ClientFactory(organisation=organisation, service=service, code=code, note="Citlivá poznámka")
    ClientIdentityFactory(client=client)
    for opened_on, closed_on in cases:
        case = CaseFactory(
            client=client,
            opened_on=opened_on,
            status="closed" if closed_on else "open",
            closed_on=closed_on,
            closure_reason="Podrobnosti." if closed_on else "",
        )
        ContactFactory(case=case, date=opened_on, note="Poznámka ke kontaktu")
    if created:
        Client.objects.filter(pk=client.pk).update(created_at=created)
    return client


@pytest.fixture
def clients(organisation, other_organisation):
    service = make_service(organisation)
    day = datetime.date
    return {
        "expired": _client(organisation, service, "K-2014-0001", (day(2014, 1, 1), day(2016, 6, 30))),
        "boundary": _client(organisation, service, "K-2014-0002", (day(2014, 1, 1), day(2016, 7, 1))),
        "recent": _client(organisation, service, "K-2019-0001", (day(2019, 1, 1), day(2020, 5, 1))),
        "open": _client(organisation, service, "K-2010-0001", (day(2010, 1, 1), None)),
        "mixed": _client(
            organisation, service, "K-2011-0001", (day(2011, 1, 1), day(2012, 1, 1)), (day(2018, 1, 1), day(2019, 1, 1))
        ),
        "old_without_case": _client(
            organisation, service, "K-2015-0001", created=datetime.datetime(2015, 3, 1, tzinfo=datetime.UTC)
        ),
        "new_without_case": _client(
            organisation, service, "K-2025-0001", created=datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC)
        ),
        "foreign_expired": _client(
            other_organisation, make_service(other_organisation), "K-2014-0001", (day(2014, 1, 1), day(2015, 1, 1))
        ),
    }


def _run(*args) -> str:
    out = StringIO()
    with mock.patch("django.utils.timezone.now", return_value=NOW):
        call_command("anonymise_expired", *args, stdout=out)
    return out.getvalue()


def _anonymised_codes():
    return sorted(
        f"{code} {ico}"
        for code, ico in Client.objects.filter(anonymised_at__isnull=False).values_list("code", "organisation__ico")
    )


def test_anonymises_clients_past_retention_and_keeps_the_rest(clients, organisation, other_organisation):
    output = _run()

    assert _anonymised_codes() == sorted(
        [f"K-2014-0001 {organisation.ico}", f"K-2015-0001 {organisation.ico}", f"K-2014-0001 {other_organisation.ico}"]
    )
    assert output.splitlines() == [
        "Anonymised 3 client(s) (retention 10 years, cases closed before 2016-07-01).",
        f"  K-2014-0001 (IČO {organisation.ico})",
        f"  K-2015-0001 (IČO {organisation.ico})",
        f"  K-2014-0001 (IČO {other_organisation.ico})",
    ]


def test_anonymised_client_loses_identity_and_notes_but_keeps_counts(clients):
    _run()

    expired = Client.objects.get(pk=clients["expired"].pk)
    assert (expired.note, expired.anonymised_at) == ("", NOW)
    assert not ClientIdentity.objects.filter(client=expired).exists()
    contact = Contact.objects.get(case__client=expired)
    assert (contact.note, contact.duration_minutes) == ("", 45)
    assert expired.cases.get().closure_reason == ""
    assert ClientIdentity.objects.filter(client=clients["recent"]).exists()
    assert Client.objects.get(pk=clients["open"].pk).note == "Citlivá poznámka"


def test_each_anonymisation_is_logged_as_a_system_action(clients):
    _run()

    rows = AccessLog.objects.filter(client=clients["expired"])
    assert list(rows.values_list("user", "action", "object_type")) == [(None, "anonymise", "client")]
    assert AccessLog.objects.filter(action="anonymise").count() == 3


def test_output_holds_no_identity(clients):
    output = _run("--dry-run") + _run()

    assert FULL_NAME not in output and "Citlivá" not in output


def test_second_run_changes_nothing(clients):
    _run()
    log_rows = AccessLog.objects.count()
    before = list(Client.objects.order_by("pk").values_list("pk", "anonymised_at", "note"))

    output = _run()

    assert output.splitlines() == ["Anonymised 0 client(s) (retention 10 years, cases closed before 2016-07-01)."]
    assert list(Client.objects.order_by("pk").values_list("pk", "anonymised_at", "note")) == before
    assert AccessLog.objects.count() == log_rows


def test_dry_run_lists_and_changes_nothing(clients, organisation, other_organisation):
    output = _run("--dry-run")

    assert output.splitlines() == [
        "Dry run, nothing changed: 3 client(s) due for anonymisation "
        "(retention 10 years, cases closed before 2016-07-01).",
        f"  K-2014-0001 (IČO {organisation.ico})",
        f"  K-2015-0001 (IČO {organisation.ico})",
        f"  K-2014-0001 (IČO {other_organisation.ico})",
    ]
    assert not Client.objects.filter(anonymised_at__isnull=False).exists()
    assert ClientIdentity.objects.count() == 8
    assert not AccessLog.objects.exists()


def test_retention_period_comes_from_the_settings(clients, settings, organisation):
    settings.CASE_RETENTION_YEARS = 6

    output = _run("--dry-run")

    assert "(retention 6 years, cases closed before 2020-07-01)." in output.splitlines()[0]
    assert f"  K-2019-0001 (IČO {organisation.ico})" in output  # closed 1 May 2020
    assert f"  K-2011-0001 (IČO {organisation.ico})" in output  # last case closed 1 January 2019
    assert f"  K-2010-0001 (IČO {organisation.ico})" not in output  # still open


def test_cutoff_of_29_february_falls_back_to_28_february():
    from cases.selectors import retention_cutoff

    assert retention_cutoff(today=datetime.date(2028, 2, 29), years=10) == datetime.date(2018, 2, 28)

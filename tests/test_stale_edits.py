"""No lost updates: every record edited in a form refuses a save based on a version someone changed meanwhile.

Through the real edit views (core/versioning.py does the check): a save on the version the user saw is kept and
bumps the version; a second save on that same version is re-rendered with the user's input, the record's own
message above the form and nothing saved; a missing or tampered version is a form error, never a 500. Below the
table: the writes without a form (an import, the deactivate button, a password set, an anonymisation) bump the
version too, so a form opened before them is stale.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from accounts.models import User
from assistants import services as assistant_services
from assistants.reports import narrative_save
from cases import services as case_services
from cases.models import Referral
from core.dates import Period
from locations import importing
from locations.models import Locality
from tests.assistants.factories import ProjectFactory
from tests.cases.casework_helpers import add_referral
from tests.cases.factories import CaseFactory, ClientFactory, SocialServiceFactory
from tests.locations.factories import LocalityFactory
from tests.locations.locality_import_helpers import dataset_of, locality_row
from tests.platforms.factories import InstitutionFactory, PlatformFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db

INCOMPLETE = "Formulář je neúplný. Načtěte stránku znovu."
RELOAD = "mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."
NARRATIVE_PERIOD = Period(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
LOCALITY_FORM = {
    "name": "Zátiší",
    "municipality_name": "Plzeň",
    "municipality_code": "554791",
    "orp": "Plzeň",
    "region": "CZ032",
    "housing_type": "hostel",
    "estimated_population": "120",
    "latitude": "49,7478",
    "longitude": "13,3776",
    "description": "Ubytovna u nádraží.",
    "source": "terénní šetření",
    "source_year": "2025",
}


@dataclass(frozen=True)
class Edit:
    """One edit form: who edits what, where it posts, and the field whose value the two saves differ in."""

    editor: str  # the fixture of the user who edits
    make: Callable  # (fixture getter) -> the record
    url: Callable  # (record) -> the URL the form posts to
    post: Callable  # (record, value) -> the form's data, without the version
    field: str
    values: tuple  # the first save's value, the second save's value
    stale: str  # the record's own message
    form: str = "form"  # the form's name in the page's context


def _read(record, field: str):
    return type(record)._default_manager.values_list(field, flat=True).get(pk=record.pk)


def _narrative(get):
    project = ProjectFactory(organisation=get("organisation"), name="APK Předlice")
    return narrative_save(
        project=project, period=NARRATIVE_PERIOD, text="Čtvrtletí bez potíží.", by=get("coordinator"), version=0
    )


def _referral(get):
    organisation, liaison = get("organisation"), get("liaison")
    client = ClientFactory(organisation=organisation, created_by=liaison)
    return add_referral(CaseFactory(client=client, workers=[liaison]), liaison)


def _platform_of(get):
    return PlatformFactory(organisation=get("organisation"), coordinator=get("coordinator"))


EDITS = {
    "locality": Edit(
        editor="coordinator",
        make=lambda get: LocalityFactory(organisation=get("organisation"), name="Zátiší"),
        url=lambda record: reverse("localities:edit", args=[record.pk]),
        post=lambda record, value: {**LOCALITY_FORM, "description": value},
        field="description",
        values=("Ubytovna, 40 obyvatel.", "Ubytovna, 60 obyvatel."),
        stale=f"Lokalitu {RELOAD}",
    ),
    "project": Edit(
        editor="coordinator",
        make=lambda get: ProjectFactory(organisation=get("organisation")),
        url=lambda record: reverse("shifts:project_edit", args=[record.pk]),
        post=lambda record, value: {
            "name": value,
            "funder": record.funder,
            "registration_number": record.registration_number,
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "planned_hours": "3000",
            "is_active": "on",
        },
        field="name",
        values=("APK Předlice 2026", "APK Předlice a Krásné Březno 2026"),
        stale=f"Projekt {RELOAD}",
    ),
    "category": Edit(
        editor="coordinator",
        make=lambda get: assistant_services.category_create(
            organisation=get("organisation"), code="market", name="tržnice"
        ),
        url=lambda record: reverse("shifts:category_edit", args=[record.pk]),
        post=lambda record, value: {"name": value, "position": "100", "is_active": "on"},
        field="name",
        values=("tržnice a trhy", "trhy"),
        stale=f"Kategorii {RELOAD}",
    ),
    "narrative": Edit(
        editor="coordinator",
        make=_narrative,
        url=lambda record: reverse("reports:apk_narrative"),
        post=lambda record, value: {
            "project": record.project_id,
            "od": "2026-01-01",
            "do": "2026-03-31",
            "text": value,
        },
        field="text",
        values=("Asistenti se soustředili na Předlice.", "Čtvrtletí bez mimořádných událostí."),
        stale=f"Slovní hodnocení {RELOAD}",
        form="narrative_form",
    ),
    "platform": Edit(
        editor="coordinator",
        make=_platform_of,
        url=lambda record: reverse("platforms:edit", args=[record.pk]),
        post=lambda record, value: {
            "name": value,
            "municipality": "Ústí nad Labem",
            "themes": ["security"],
            "frequency": "monthly",
            "coordinator": record.coordinator_id,
            "description": "",
            "is_active": "on",
        },
        field="name",
        values=("Platforma Předlice", "Pracovní skupina Předlice"),
        stale=f"Platformu {RELOAD}",
    ),
    "institution": Edit(
        editor="coordinator",
        make=lambda get: InstitutionFactory(platform=_platform_of(get)),
        url=lambda record: reverse("platforms:institution_edit", args=[record.pk]),
        post=lambda record, value: {"name": value, "kind": record.kind, "is_active": "on"},
        field="name",
        values=("Policie ČR, OOP Předlice", "Policie ČR, obvodní oddělení Předlice"),
        stale=f"Instituci {RELOAD}",
    ),
    "representative": Edit(
        editor="coordinator",
        make=lambda get: RepresentativeFactory(institution=InstitutionFactory(platform=_platform_of(get))),
        url=lambda record: reverse("platforms:representative_edit", args=[record.pk]),
        post=lambda record, value: {"name": "npor. Jan Malý", "function": value, "email": "", "phone": ""},
        field="function",
        values=("vedoucí OOP", "zástupce vedoucího OOP"),
        stale=f"Údaje zástupce {RELOAD}",
    ),
    "service": Edit(
        editor="service_lead",
        make=lambda get: SocialServiceFactory(organisation=get("organisation")),
        url=lambda record: reverse("cases:service_edit", args=[record.pk]),
        post=lambda record, value: {
            "name": value,
            "registration_number": record.registration_number,
            "kind": record.kind,
            "intervention_threshold_minutes": "30",
        },
        field="name",
        values=("Terénní program Most", "Terénní program Most a okolí"),
        stale=f"Službu {RELOAD}",
    ),
    "referral": Edit(
        editor="liaison",
        make=_referral,
        url=lambda record: reverse("cases:referral_edit", args=[record.pk]),
        post=lambda record, value: {"outcome": value},
        field="outcome",
        values=("Splátkový kalendář sjednán.", "Klientka poradnu nenavštívila."),
        stale=f"Doporučení {RELOAD}",
    ),
    "user": Edit(
        editor="org_admin",
        make=lambda get: get("apk"),
        url=lambda record: reverse("users:edit", args=[record.pk]),
        post=lambda record, value: {
            "first_name": "Jana",
            "last_name": value,
            "email": "",
            "roles": ["apk"],
            "is_active": "on",
        },
        field="last_name",
        values=("Nová", "Nováková"),
        stale=f"Uživatele {RELOAD}",
    ),
    "organisation": Edit(
        editor="org_admin",
        make=lambda get: get("organisation"),
        url=lambda record: reverse("organisation_settings"),
        post=lambda record, value: {"require_two_factor_for_apk": "on"} if value else {},
        field="require_two_factor_for_apk",
        values=(True, False),
        stale=f"Nastavení organizace {RELOAD}",
    ),
}


@pytest.fixture(params=EDITS, ids=str)
def edit(request):
    return EDITS[request.param]


@pytest.fixture
def record(edit, request):
    return edit.make(request.getfixturevalue)


@pytest.fixture
def editor(edit, request, login):
    return login(request.getfixturevalue(edit.editor))


def test_a_save_on_the_version_seen_is_kept_and_bumps_the_version(edit, record, editor):
    first, _second = edit.values

    response = editor.post(edit.url(record), {**edit.post(record, first), "version": record.version})

    assert response.status_code == 302
    assert (_read(record, edit.field), _read(record, "version")) == (first, record.version + 1)


def test_a_second_save_on_the_same_version_is_refused_and_the_first_kept(edit, record, editor, request, login):
    first, second = edit.values
    seen = record.version
    colleague = login(request.getfixturevalue(edit.editor))  # another browser with the same page open
    assert colleague.post(edit.url(record), {**edit.post(record, first), "version": seen}).status_code == 302

    response = editor.post(edit.url(record), {**edit.post(record, second), "version": seen})

    assert response.status_code == 200
    form = response.context[edit.form]
    assert form.non_field_errors() == [edit.stale]
    assert form[edit.field].value() == second
    assert edit.stale in response.content.decode()
    assert (_read(record, edit.field), _read(record, "version")) == (first, seen + 1)


@pytest.mark.parametrize(
    ("version", "message"),
    [(None, INCOMPLETE), ("", INCOMPLETE), ("abc", INCOMPLETE), ("-1", INCOMPLETE), ("99999999999999999999", None)],
    ids=["missing", "empty", "text", "negative", "huge"],
)
def test_a_missing_or_tampered_version_is_a_form_error_and_saves_nothing(edit, record, editor, version, message):
    first, _second = edit.values
    before = (_read(record, edit.field), _read(record, "version"))
    data = edit.post(record, first)
    if version is not None:
        data["version"] = version

    response = editor.post(edit.url(record), data)

    assert response.status_code == 200
    assert response.context[edit.form].non_field_errors() == [message or edit.stale]
    assert (_read(record, edit.field), _read(record, "version")) == before


# --- writes without a form bump the version too --------------------------------------------------------


def _locality_edit(client, locality, version, **fields):
    return client.post(reverse("localities:edit", args=[locality.pk]), {**LOCALITY_FORM, **fields, "version": version})


def test_deactivating_and_reactivating_a_locality_make_an_open_form_stale(organisation, coordinator, login):
    locality = LocalityFactory(organisation=organisation, name="Zátiší", description="Ubytovna u nádraží.")
    client = login(coordinator)
    seen = locality.version

    client.post(reverse("localities:deactivate", args=[locality.pk]))
    client.post(reverse("localities:activate", args=[locality.pk]))
    response = _locality_edit(client, locality, seen, description="Zastaralý popis.")

    assert response.context["form"].non_field_errors() == [EDITS["locality"].stale]
    locality.refresh_from_db()
    assert (locality.is_active, locality.description, locality.version) == (True, "Ubytovna u nádraží.", seen + 2)


def test_a_locality_import_that_changes_a_row_makes_an_open_form_stale(organisation, coordinator, login):
    importing.locality_import(organisation=organisation, dataset=dataset_of([locality_row()]), dry_run=False)
    locality = Locality.objects.get(organisation=organisation)
    seen = locality.version

    changed = locality_row(Popis="Po rekonstrukci.")
    summary = importing.locality_import(organisation=organisation, dataset=dataset_of([changed]), dry_run=False)
    response = _locality_edit(
        login(coordinator),
        locality,
        seen,
        name="Předlice",
        municipality_name="Ústí nad Labem",
        municipality_code="554804",
        description="Zastaralý popis.",
    )

    assert (summary.updated, summary.saved) == (1, True)
    assert response.context["form"].non_field_errors() == [EDITS["locality"].stale]
    locality.refresh_from_db()
    assert (locality.description, locality.version) == ("Po rekonstrukci.", seen + 1)


def test_a_locality_import_that_changes_nothing_keeps_the_version(organisation):
    importing.locality_import(organisation=organisation, dataset=dataset_of([locality_row()]), dry_run=False)

    summary = importing.locality_import(organisation=organisation, dataset=dataset_of([locality_row()]), dry_run=False)

    assert summary.unchanged == 1
    assert Locality.objects.get(organisation=organisation).version == 1


def test_a_password_set_by_the_admin_makes_an_open_user_form_stale(org_admin, apk, login):
    client = login(org_admin)
    seen, last_name = apk.version, apk.last_name

    client.post(
        reverse("users:password", args=[apk.pk]), {"password1": "úplně nové heslo", "password2": "úplně nové heslo"}
    )
    response = client.post(
        reverse("users:edit", args=[apk.pk]),
        {"first_name": "Jana", "last_name": "Nová", "email": "", "roles": ["apk"], "is_active": "on", "version": seen},
    )

    assert response.context["form"].non_field_errors() == [EDITS["user"].stale]
    apk.refresh_from_db()
    assert (apk.last_name, apk.version) == (last_name, seen + 1)


def test_changing_ones_own_password_makes_an_open_user_form_stale(org_admin, apk, login, password):
    admin, own = login(org_admin), login(apk)
    seen, last_name = apk.version, apk.last_name

    changed = own.post(
        reverse("password_change"),
        {"old_password": password, "new_password1": "úplně nové heslo", "new_password2": "úplně nové heslo"},
    )
    response = admin.post(
        reverse("users:edit", args=[apk.pk]),
        {"first_name": "Jana", "last_name": "Nová", "email": "", "roles": ["apk"], "is_active": "on", "version": seen},
    )

    assert changed.status_code == 302 and changed.url == reverse("password_change_done")
    assert own.get(reverse("shifts:today")).status_code == 200  # still signed in with the new password's hash
    assert response.context["form"].non_field_errors() == [EDITS["user"].stale]
    apk.refresh_from_db()
    assert (apk.last_name, apk.version, apk.check_password("úplně nové heslo")) == (last_name, seen + 1, True)


def test_anonymising_a_client_bumps_the_version_of_its_referrals(organisation, liaison):
    referral = _referral({"organisation": organisation, "liaison": liaison}.__getitem__)

    case_services.client_anonymise(
        client=referral.case.client, by=None, now=datetime.datetime(2031, 1, 1, tzinfo=datetime.UTC)
    )

    assert Referral.objects.values_list("reason", "outcome", "version").get() == ("", "", referral.version + 1)


def test_two_first_narratives_of_a_period_do_not_overwrite_each_other(organisation, coordinator, login):
    project = ProjectFactory(organisation=organisation)
    post = {"project": project.pk, "od": "2026-01-01", "do": "2026-03-31", "version": 0}
    url = reverse("reports:apk_narrative")
    assert login(coordinator).post(url, {**post, "text": "Hodnocení prvního koordinátora."}).status_code == 302

    response = login(coordinator).post(url, {**post, "text": "Hodnocení druhého koordinátora."})

    assert response.status_code == 200
    assert response.context["narrative_form"].non_field_errors() == [EDITS["narrative"].stale]
    assert response.context["narrative_form"]["text"].value() == "Hodnocení druhého koordinátora."
    assert list(project.narratives.values_list("text", "version")) == [("Hodnocení prvního koordinátora.", 1)]


def test_a_change_saved_in_django_admin_makes_an_open_form_stale(organisation, org_admin, login):
    superuser = User.objects.create_superuser("root", "root@example.cz", "x" * 16)
    seen = organisation.version

    response = login(superuser).post(
        reverse("admin:svl_organisation_change", args=[organisation.pk]),
        {"name": "Město A", "ico": organisation.ico, "kind": organisation.kind, "seat_municipality": "Ústí"},
    )
    stale = login(org_admin).post(
        reverse("organisation_settings"), {"require_two_factor_for_apk": "on", "version": seen}
    )

    assert response.status_code == 302
    assert stale.context["form"].non_field_errors() == [EDITS["organisation"].stale]
    organisation.refresh_from_db()
    assert (organisation.seat_municipality, organisation.require_two_factor_for_apk) == ("Ústí", False)
    assert organisation.version == seen + 1

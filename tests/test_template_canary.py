"""The template-injection canary: hostile text in every free-text field, every page, PDF, XLSX and CSV rendered.

A canary (`Z1{{7*7}}Z2{% now "Y" %}Z3<b>x</b>Z4`, shorter or e-mail-shaped where a field needs it) is written into
every CharField and TextField without choices of every row of one organisation's world: a row (at least) of every
model of svl, locations, assistants, cases and platforms, built through the services the UI uses. Then every page
that test_isolation.py classifies (DETAIL, LIST, ACCOUNT, PUBLIC), each role's home page, the reports as HTML, PDF
and XLSX, the work log, client file and minutes PDFs, the exports, the output download, the import previews and the
Django admin's lists are rendered, and every form on every page is sent back with the canary in each field.
Wherever the canary stood:

- no `Z149Z2` (a compiled `{{7*7}}`; Django refuses that expression, so a compiled canary is a 500, which fails the
  test too) and no `Z2<year>Z3` (a compiled `{% now "Y" %}`; the clock is frozen, so the year is known);
- no unescaped `<b>x</b>` in HTML and no double escaping; no `&lt;` (nor rendered markup) in a PDF, XLSX or CSV;
- the escaped canary is present on every page that shows one of the objects, outside the navigation (the positive
  control; NO_OBJECTS lists the pages that show none, with the reason), and literally in every document.

It cannot rot: `test_every_free_text_field_holds_the_canary` walks the models, so a new model or text field fails
until build_world() fills it (or FORMAT_CHECKED / SYSTEM_WRITTEN name it with the reason), and the pages come from
test_isolation.py's classification, which every new URL must join. tests/svl/test_template_injection.py checks the
source for the same rule (core/layout.py); this module checks what a user actually gets.
"""

import copy
import csv
import datetime
import io
import re
import uuid
import zoneinfo
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import time_machine
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve, reverse
from openpyxl import load_workbook
from pypdf import PdfWriter

from accounts.choices import Role
from accounts.two_factor import services as two_factor
from assistants import services as shift_services
from assistants.reports import narrative_save
from audit import services as audit
from audit.choices import AuditAction
from cases import services as case_services
from core.dates import Period
from locations import services as locality_services
from platforms import services as platform_services
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.accounts.two_factor_helpers import totp_device
from tests.assistants.factories import at
from tests.assistants.shift_import_helpers import HEADERS as SHIFT_HEADERS
from tests.assistants.shift_import_helpers import csv_bytes as shift_csv_bytes
from tests.assistants.shift_import_helpers import shift_row
from tests.locations.locality_import_helpers import HEADERS as LOCALITY_HEADERS
from tests.locations.locality_import_helpers import csv_bytes as locality_csv_bytes
from tests.locations.locality_import_helpers import locality_row
from tests.reports.helpers import pdf_text
from tests.test_isolation import ACCOUNT, DETAIL, LIST, PUBLIC, World

APPS = ("svl", "audit", "locations", "assistants", "cases", "platforms")
PRAGUE = zoneinfo.ZoneInfo("Europe/Prague")
# The instant every test runs at (and the world is built at): the year a compiled {% now "Y" %} would print.
FROZEN = datetime.datetime(2026, 11, 18, 12, 0, tzinfo=PRAGUE)
YEAR = str(FROZEN.year)
TODAY = FROZEN.date()
MONDAY = datetime.date(2026, 11, 16)
REPORT_PERIOD = Period(datetime.date(2026, 11, 1), datetime.date(2026, 11, 30))


# --- the canary ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Canary:
    """A hostile text and what the output would hold had it been compiled as a template."""

    text: str
    compiled: tuple[str, ...]

    @property
    def escaped(self) -> str:
        return escape(self.text)


# Markers between the payloads, so each can be checked where it stood.
FULL = Canary('Z1{{7*7}}Z2{% now "Y" %}Z3<b>x</b>Z4', compiled=("Z149Z2", f"Z2{YEAR}Z3"))  # 36 characters
# For the phone numbers (30 characters).
COMPACT = Canary('{{7*7}}Y{% now "Y" %}X<b>x</b>', compiled=("49Y", f"Y{YEAR}X"))
# An e-mail address may hold it too: Django's validator accepts a quoted local part with braces and markup (but no
# spaces, so no {% now %}).
EMAIL = Canary('"Z1{{7*7}}Z2<b>x</b>Z4"@example.cz', compiled=("Z149Z2",))
CANARIES = (FULL, COMPACT, EMAIL)
CANARY = FULL.text
ESCAPED_CANARY = "Z1{{7*7}}Z2{% now &quot;Y&quot; %}Z3&lt;b&gt;x&lt;/b&gt;Z4"
assert FULL.escaped == ESCAPED_CANARY
# The running header of every PDF and the second row of every report XLSX show the organisation's name: an
# occurrence of that one does not show that the document shows the objects.
AMBIENT_TAGS = {"[organisation.name]"}


def canary_for(model, field_name: str) -> str | None:
    """The canary a text field gets: the full one tagged with the field (so a failure or a page says where it came
    from), else the longest variant that fits; None if none fits (such a field needs an exemption)."""
    model_field = model._meta.get_field(field_name)
    if isinstance(model_field, models.EmailField):
        return EMAIL.text
    tagged = f"{FULL.text}[{model._meta.model_name}.{field_name}]"
    for candidate in (tagged, FULL.text, COMPACT.text):
        if model_field.max_length is None or len(candidate) <= model_field.max_length:
            return candidate
    return None


def _tagged_pattern(core: str) -> re.Pattern:
    return re.compile(re.escape(core) + r"(\[[a-z_]+\.[a-z_]+\])?")


# --- which fields hold it ------------------------------------------------------------------------

# Fields whose value is checked against a format at every input (form, import, model validator): the canary is no
# value they can hold, so no page can show it there.
FORMAT_CHECKED = {
    "svl.Organisation.ico": "IČO: eight digits with a check digit (core.validators.validate_ico)",
    "svl.User.username": "Django's user name validator: letters, digits and @.+-_ only",
    "locations.Locality.municipality_code": "the six-digit ČSÚ code (validate_municipality_code)",
    "assistants.FieldRecordCategory.code": "a slug (SlugField)",
    "cases.SocialService.registration_number": "seven digits (RegexValidator)",
}
# Fields only the system writes.
SYSTEM_WRITTEN = {
    "svl.User.password": "the password hash (set_password)",
    "audit.AuditEvent.object_type": "app_label.model of the recorded object (audit.services.record)",
    "cases.Client.code": "the pseudonymous code the service issues (K-2026-0001, editable=False)",
    "cases.AccessLog.object_type": "the model name of the object viewed or changed (access_log_write)",
}
NOT_CANARIED = FORMAT_CHECKED | SYSTEM_WRITTEN
# The audit log is append-only (a trigger refuses UPDATE): its rows are written with audit.services.record() after the
# update, so the labels, the user name typed at a failed login and the note carry the canary.
APPEND_ONLY = {"audit.AuditEvent"}


def _text_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices and not field.generated
    ]


def _models():
    return [model for app in APPS for model in apps.get_app_config(app).get_models()]


def _field_key(model, field) -> str:
    return f"{model._meta.label}.{field.name}"


def _contains_a_canary(field_name: str) -> models.Q:
    query = models.Q()
    for canary in CANARIES:
        query |= models.Q(**{f"{field_name}__contains": canary.text})
    return query


# --- the world -----------------------------------------------------------------------------------


@dataclass
class CanaryWorld(World):
    """test_isolation's World (its DETAIL kwargs read it) plus what the canary pages need besides."""

    organisation: object = None
    everyone: object = None  # every role, assigned to everything
    role_users: dict = field(default_factory=dict)  # role -> a user holding only that role
    superuser: object = None
    approved_shift: object = None
    submitted_shift: object = None
    returned_shift: object = None
    planned_shift: object = None
    closed_case: object = None
    service: object = None
    second_meeting: object = None
    final_meeting: object = None


def _minimal_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _hm(value: str) -> datetime.time:
    return datetime.time(*map(int, value.split(":")))


def _build_shifts(organisation, everyone, apk, mentor, locality, category):
    """A project with five shifts around the week of 16 November: approved (with records, a break, a return and a
    reopening in its history), submitted (the review queue), returned (its comment on the tablet), in progress today
    (the tablet) and planned."""
    project = shift_services.project_create(
        organisation=organisation,
        name="Asistent prevence kriminality 2026",
        funder="mv_prevention",
        registration_number="MV-12345-1/PK-2026",
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 12, 31),
        planned_hours=3000,
        assistants=[everyone, apk],
        mentors=[everyone, mentor],
        localities=[locality],
    )
    team = [everyone, apk]

    def plan(day, start="08:00", end="16:00"):
        return shift_services.shift_plan(
            project=project,
            mentor=everyone,
            date=day,
            start=_hm(start),
            end=_hm(end),
            kind="patrol",
            assistants=team,
            localities=[locality],
            priorities="Kontrola okolí školy.",
            planned_by=everyone,
        )

    def record(shift, hhmm):
        return shift_services.record_create(
            shift=shift,
            author=everyone,
            client_token=uuid.uuid4(),
            recorded_at=at(shift.date, hhmm),
            locality=locality,
            place="u zastávky",
            category=category,
            description="Skupina mladistvých, domluva.",
            persons_involved=3,
            outcome="handed_over",
            handed_over_to="OSPOD",
            follow_up=True,
            syringe_count=None,
        )[0]

    def work(shift, day):
        shift = shift_services.shift_start(shift=shift, by=everyone, at=at(day, "08:00"))
        record(shift, "10:00")
        shift_services.break_start(shift=shift, by=everyone, at=at(day, "12:00"))
        shift_services.break_end(shift=shift, by=everyone, at=at(day, "12:30"))
        return shift_services.shift_end(shift=shift, by=everyone, at=at(day, "16:00"))

    def submit(shift):
        return shift_services.shift_submit(shift=shift, by=everyone, version=shift.version, note="Klidná směna.")

    approved = submit(work(plan(MONDAY), MONDAY))
    approved = shift_services.shift_return(shift=approved, by=everyone, version=approved.version, comment="Doplňte.")
    approved = submit(approved)
    approved = shift_services.shift_approve(shift=approved, by=everyone, version=approved.version)
    approved = shift_services.shift_reopen(shift=approved, by=everyone, version=approved.version, reason="Oprava.")
    approved = submit(approved)
    approved = shift_services.shift_approve(shift=approved, by=everyone, version=approved.version)

    tuesday = MONDAY + datetime.timedelta(days=1)
    submitted = submit(work(plan(tuesday), tuesday))
    friday = MONDAY - datetime.timedelta(days=3)
    returned = submit(work(plan(friday), friday))
    returned = shift_services.shift_return(shift=returned, by=everyone, version=returned.version, comment="Opravte.")

    running = shift_services.shift_start(shift=plan(TODAY), by=everyone, at=at(TODAY, "08:00"))
    running_record = record(running, "09:00")
    shift_services.break_start(shift=running, by=everyone, at=at(TODAY, "10:00"))
    shift_services.break_end(shift=running, by=everyone, at=at(TODAY, "10:15"))

    planned = plan(TODAY + datetime.timedelta(days=1))
    narrative_save(project=project, period=REPORT_PERIOD, text="Slovní hodnocení.", by=everyone, version=0)
    return {
        "project": project,
        "shift": running,
        "record": running_record,
        "approved_shift": approved,
        "submitted_shift": submitted,
        "returned_shift": returned,
        "planned_shift": planned,
    }


def _build_casework(organisation, everyone, liaison, locality):
    """A service, a client with identity, an open case (contact, plan with a review, referral with its outcome), a
    closed case with its reason, and an anonymous contact."""
    service = case_services.service_create(
        organisation=organisation,
        name="Asistence obětem",
        registration_number="1234567",
        kind="field_programmes",
        target_groups=["crime_victims"],
        intervention_threshold_minutes=30,
    )
    client = case_services.client_create(
        service=service,
        by=everyone,
        identity={"full_name": "Marie Nováková", "birth_year": 1980, "phone": "777 123 456", "address": "Předlice 1"},
        gender="female",
        age_band="27-64",
        target_group="crime_victims",
        agreement_form="written",
        agreement_date=datetime.date(2026, 1, 10),
        consent_date=datetime.date(2026, 1, 10),
        consent_scope="evidence služby",
        note="Poznámka.",
    )
    workers = [everyone, liaison]
    case = case_services.case_create(
        client=client,
        by=everyone,
        role="victim",
        crime_type="usury",
        opened_on=datetime.date(2026, 1, 10),
        workers=workers,
    )
    contact = case_services.contact_create(
        case=case,
        by=everyone,
        workers=workers,
        date=datetime.date(2026, 11, 2),
        duration_minutes=45,
        form="in_person",
        place="locality",
        locality=locality,
        activities=["rights"],
        specific_tasks=["escort_police"],
        note="Doprovod.",
    )
    plan = case_services.plan_save(
        case=case,
        by=everyone,
        version=None,
        goals="Cíle.",
        steps="Kroky.",
        responsible="Pracovnice.",
        review_on=datetime.date(2026, 11, 10),
    )
    case_services.plan_review(
        plan=plan,
        by=everyone,
        version=plan.version,
        reviewed_on=datetime.date(2026, 11, 10),
        summary="Plní.",
        next_review_on=datetime.date(2026, 11, 15),
    )
    referral = case_services.referral_create(
        case=case,
        by=everyone,
        target="other",
        target_other="Poradna",
        referred_on=datetime.date(2026, 11, 3),
        reason="Dluhy.",
    )
    referral = case_services.referral_update(
        referral=referral, by=everyone, version=referral.version, outcome="Přijata."
    )
    closed = case_services.case_create(
        client=client,
        by=everyone,
        role="witness",
        crime_type="fraud",
        opened_on=datetime.date(2026, 2, 1),
        workers=workers,
    )
    closed = case_services.case_close(
        case=closed, by=everyone, version=closed.version, closed_on=datetime.date(2026, 10, 1), reason="Vyřešeno."
    )
    case_services.anonymous_contact_create(
        service=service,
        by=everyone,
        date=datetime.date(2026, 11, 4),
        duration_minutes=20,
        persons_count=2,
        activities=["counselling"],
        locality=locality,
        note="Anonymní.",
    )
    return {"case": case, "contact": contact, "referral": referral, "closed_case": closed, "service": service}


def _build_platforms(organisation, everyone, locality):
    """A platform with a member institution and its representative; a meeting with agenda and minutes, attendance,
    a guest, an anonymised case, decisions, a task and an output, finalised and reopened with a reason; a second
    meeting that reviews the task (carried on, so it stays open and overdue); an earlier meeting with final minutes."""
    platform = platform_services.platform_create(
        organisation=organisation,
        name="Koordinační platforma",
        municipality="Ústí nad Labem",
        themes=["security"],
        frequency="monthly",
        coordinator=everyone,
        description="Popis.",
    )
    institution = platform_services.institution_save(platform=platform, name="Městská policie", kind="mp")
    representative = platform_services.representative_save(
        institution=institution,
        name="Jana Svobodová",
        function="strážnice",
        email="jana@example.cz",
        phone="777 000 111",
    )
    meeting = platform_services.meeting_create(
        platform=platform,
        starts_at=at(datetime.date(2026, 10, 5), "14:00"),
        place="radnice",
        locality=locality,
        chair="Karel",
        agenda=["Bezpečnost"],
    )
    meeting = platform_services.agenda_save(
        meeting=meeting, version=meeting.version, items=[{"title": "Bezpečnost", "minutes": "Zápis."}]
    )
    meeting = platform_services.meeting_update(
        meeting=meeting,
        version=meeting.version,
        starts_at=meeting.starts_at,
        place="radnice",
        locality=locality,
        chair="Karel",
        decisions="Usnesení.",
    )
    meeting = platform_services.attendance_save(
        meeting=meeting,
        version=meeting.version,
        statuses={representative.pk: "present"},
        guests=[{"name": "Host", "affiliation": "škola"}],
    )
    platform_services.case_discussion_add(
        meeting=meeting,
        version=meeting.version,
        description="Situace.",
        locality=locality,
        institutions=[institution],
    )
    meeting.refresh_from_db()
    task = platform_services.task_create(
        meeting=meeting,
        version=meeting.version,
        title="Úkol",
        responsible_institution=institution,
        responsible_person="Jana",
        due_on=datetime.date(2026, 11, 10),
    )
    output = platform_services.output_create(
        platform=platform,
        kind="other",
        title="Metodika",
        date=datetime.date(2026, 10, 5),
        document=SimpleUploadedFile("metodika.pdf", _minimal_pdf(), content_type="application/pdf"),
        meeting=meeting,
    )
    meeting.refresh_from_db()
    meeting = platform_services.meeting_finalise(meeting=meeting, version=meeting.version, by=everyone)
    meeting = platform_services.meeting_reopen(meeting=meeting, version=meeting.version, by=everyone, reason="Oprava.")
    second = platform_services.meeting_create(
        platform=platform, starts_at=at(datetime.date(2026, 11, 2), "14:00"), place="radnice"
    )
    platform_services.task_review(meeting=second, version=second.version, task=task, outcome="carried_on", note="Trvá.")
    final = platform_services.meeting_create(
        platform=platform,
        starts_at=at(datetime.date(2026, 9, 7), "14:00"),
        place="radnice",
        chair="Karel",
        agenda=["Zahájení"],
    )
    final = platform_services.meeting_finalise(meeting=final, version=final.version, by=everyone)
    return {
        "platform": platform,
        "institution": institution,
        "representative": representative,
        "meeting": meeting,
        "second_meeting": second,
        "final_meeting": final,
        "task": task,
        "output": output,
    }


def _write_the_canary() -> None:
    """Every free-text field of every row (the world's and the shared default categories') gets its canary."""
    for model in _models():
        if model._meta.label in APPEND_ONLY:
            continue
        values = {
            field.name: canary_for(model, field.name)
            for field in _text_fields(model)
            if _field_key(model, field) not in NOT_CANARIED
        }
        if values:
            model._default_manager.all().update(**values)


def _record_audit_rows(world: CanaryWorld) -> None:
    """Audit rows whose labels carry the canary (recorded as if the objects had been created with these names), a
    note, a user name in the organisation's list, and a failed login whose typed user name is the canary (through
    the login page, as an attacker would)."""
    labelled = [
        world.organisation,
        world.everyone,
        world.locality,
        world.project,
        world.category,
        world.service,
        world.case.client,
        world.platform,
        world.institution,
        world.output,
    ]
    for obj in labelled:
        obj.refresh_from_db()
        audit.record(AuditAction.CREATE, obj=obj, user=world.everyone)
    audit.record(AuditAction.EXPORT, user=world.everyone, extra=canary_for(apps.get_model("audit.AuditEvent"), "extra"))
    audit.record(
        AuditAction.LOGIN_FAILED,
        username=canary_for(apps.get_model("audit.AuditEvent"), "username"),
        organisation_id=world.organisation.pk,
    )
    # The real thing: an unknown user name typed at the login page is kept as typed, in no organisation (superusers
    # see it in the Django admin), and so is the browser's User-Agent in the lockout's record of the attempt.
    response = Client(HTTP_USER_AGENT=CANARY).post(
        reverse("login"), {"username": CANARY, "password": "nesprávné heslo"}
    )
    assert response.status_code == 200


def build_world() -> CanaryWorld:
    organisation = OrganisationFactory(name="Město Canary", seat_municipality="Ústí nad Labem")
    everyone = UserFactory(organisation=organisation, username="canary", roles=list(Role.values))
    role_users = {
        role: UserFactory(organisation=organisation, username=f"canary-{role}", roles=[role]) for role in Role.values
    }
    superuser = UserFactory(organisation=None, username="canary-root", roles=[], is_staff=True, is_superuser=True)
    locality = locality_services.locality_create(
        organisation=organisation,
        name="Předlice",
        municipality_name="Ústí nad Labem",
        municipality_code="554804",
        orp="Ústí nad Labem",
        region="CZ042",
        housing_type="hostel",
        estimated_population=150,
        latitude=Decimal("50.661000"),
        longitude=Decimal("14.040000"),
        description="Popis.",
        source="terénní šetření",
        source_year=2025,
    )
    locality_services.observation_create(
        locality=locality,
        author=everyone,
        observed_on=datetime.date(2026, 11, 1),
        score=3,
        problems=["noise"],
        note="Hluk.",
    )
    category = shift_services.category_create(organisation=organisation, code="vlastni", name="Vlastní kategorie")
    world = CanaryWorld(
        locality=locality,
        user=role_users[Role.APK],
        category=category,
        organisation=organisation,
        everyone=everyone,
        role_users=role_users,
        superuser=superuser,
        **_build_shifts(organisation, everyone, role_users[Role.APK], role_users[Role.MENTOR], locality, category),
        **_build_casework(organisation, everyone, role_users[Role.LIAISON], locality),
        **_build_platforms(organisation, everyone, locality),
    )
    two_factor.recovery_codes_create(user=everyone)
    _write_the_canary()
    _record_audit_rows(world)
    return world


@pytest.fixture(scope="module")
def canary_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for the module inside a transaction that is rolled back at its end; every test runs in
    a savepoint of its own within it, at the frozen instant."""
    traveller = time_machine.travel(FROZEN, tick=False)
    traveller.start()
    media = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("canary-media"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    media.enable()
    try:
        with django_db_blocker.unblock():
            with transaction.atomic():
                yield build_world()
                transaction.set_rollback(True)
    finally:
        media.disable()
        traveller.stop()


@pytest.fixture
def world(canary_world, db):
    return canary_world


# --- the coverage: it fails until the world fills a new model or field -----------------------------


def test_every_free_text_field_holds_the_canary(world):
    missing = []
    for model in _models():
        for text_field in _text_fields(model):
            key = _field_key(model, text_field)
            if key in NOT_CANARIED:
                continue
            if not model._default_manager.filter(_contains_a_canary(text_field.name)).exists():
                missing.append(key)
    assert not missing, (
        "These free-text fields hold no canary: fill them in build_world() (or, for a field whose format is checked "
        f"at every input or that only the system writes, list it with the reason): {missing}"
    )


def test_every_model_has_a_row_in_the_world(world):
    empty = [model._meta.label for model in _models() if not model._default_manager.exists()]
    assert not empty, f"Give these models a row in build_world(): {empty}"


def test_the_exemptions_name_existing_fields_with_a_reason():
    keys = {_field_key(model, text_field) for model in _models() for text_field in _text_fields(model)}
    assert set(NOT_CANARIED) <= keys, sorted(set(NOT_CANARIED) - keys)
    assert all(reason.strip() for reason in NOT_CANARIED.values())
    too_short = [key for key in keys - set(NOT_CANARIED) if canary_for(*_model_and_field(key)) is None]
    assert not too_short, f"No canary fits these fields: add a shorter variant or an exemption: {too_short}"


def _model_and_field(key: str):
    app_label, model_name, field_name = key.split(".")
    return apps.get_model(app_label, model_name), field_name


# --- checking what came back ---------------------------------------------------------------------

HEADER = re.compile(r"<header\b[^>]*>.*?</header>", re.DOTALL)


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _tags_shown(text: str, cores) -> list[str]:
    """The tag of each canary occurrence in `text` ("" for an untagged one)."""
    return [match.group(1) or "" for core in cores for match in _tagged_pattern(core).finditer(text)]


def _context(text: str, needle: str, width: int = 80) -> str:
    index = text.find(needle)
    return text[max(0, index - width) : index + len(needle) + width]


# Random tokens a page carries (the CSRF token, an upload's token): base64 that may hold "49Y" by chance.
_RANDOM_TOKENS = re.compile(r'(name="(?:csrfmiddlewaretoken|token)" value=")[^"]*"')


def assert_not_compiled(text: str, where: str) -> None:
    text = _RANDOM_TOKENS.sub(r'\1"', text)
    for canary in CANARIES:
        for compiled in canary.compiled:
            assert compiled not in text, f"{where}: the canary was compiled as a template: …{_context(text, compiled)}…"


def assert_safe_html(html: str, where: str, *, shows_objects: bool) -> None:
    assert_not_compiled(html, where)
    assert "<b>x</b>" not in html, f"{where}: unescaped markup: …{_context(html, '<b>x</b>')}…"
    assert "&amp;lt;b&amp;gt;" not in html, f"{where}: escaped twice: …{_context(html, '&amp;lt;b&amp;gt;')}…"
    if shows_objects:
        # The navigation shows the user's and the organisation's names on every page: not what is checked here.
        main = HEADER.sub("", html)
        assert _tags_shown(main, [canary.escaped for canary in CANARIES]), (
            f"{where}: shows no escaped canary (the positive control); if the page shows none of the objects, list "
            "it in NO_OBJECTS with the reason"
        )


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_safe_text(texts: list[str], where: str, *, squeeze: bool = False) -> None:
    """A PDF's, XLSX's or CSV's text: the canary literally, never compiled, never HTML-escaped or rendered.

    With `squeeze`, whitespace is left out on both sides: a PDF wraps a long cell at any break opportunity (inside
    `%}Z3` too), and its extracted text has a space there.
    """
    joined = "\n".join(texts)
    cores = [canary.text for canary in CANARIES]
    if squeeze:
        joined, cores = _squeezed(joined), [_squeezed(core) for core in cores]
    assert_not_compiled(joined, where)
    for sign in ("&lt;", "&gt;", "&quot;", "Z3xZ4"):
        assert sign not in joined, f"{where}: text shown as markup or HTML-escaped: …{_context(joined, sign)}…"
    tags = set(_tags_shown(joined, cores))
    assert tags - AMBIENT_TAGS, f"{where}: shows no canary literally (the positive control); shown: {sorted(tags)}"


def assert_safe_pdf(content: bytes, where: str) -> None:
    assert content.startswith(b"%PDF-"), where
    assert_safe_text([pdf_text(content)], where, squeeze=True)


def assert_safe_xlsx(content: bytes, where: str) -> None:
    workbook = load_workbook(io.BytesIO(content))
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    if any(canary.text in cell.value for canary in CANARIES):
                        assert cell.data_type != "f", f"{where}: {cell.coordinate} is a formula: {cell.value}"
    assert_safe_text(texts, where)


def assert_safe_csv(content: bytes, where: str) -> None:
    text = content.decode("utf-8-sig")
    assert_not_compiled(text, where)
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    assert_safe_text(cells, where)


def assert_safe_response(response, where: str, *, shows_objects: bool = True) -> tuple[str, str]:
    """Check one response by its type; returns its kind (html, pdf, xlsx, csv, text) and an HTML page's text."""
    assert response.status_code == 200, f"{where}: {response.status_code}"
    content_type = response.get("Content-Type", "")
    content = _body(response)
    if content_type.startswith("text/html"):
        html = content.decode()
        assert_safe_html(html, where, shows_objects=shows_objects)
        return "html", html
    if content_type == "application/pdf":
        assert_safe_pdf(content, where)
        return "pdf", ""
    if content_type.startswith("application/vnd.openxmlformats-officedocument.spreadsheetml"):
        assert_safe_xlsx(content, where)
        return "xlsx", ""
    if content_type.startswith("text/csv"):
        assert_safe_csv(content, where)
        return "csv", ""
    if content_type.startswith("text/plain"):
        assert_not_compiled(content.decode(), where)
        return "text", ""
    raise AssertionError(f"{where}: unexpected content type {content_type}")


@pytest.mark.parametrize(
    "html",
    [
        pytest.param(f"<main>{FULL.escaped.replace('{{7*7}}', '49')}</main>", id="compiled-expression"),
        pytest.param(f"<main>{FULL.escaped.replace('{% now &quot;Y&quot; %}', YEAR)}</main>", id="compiled-tag"),
        pytest.param(f"<main>{FULL.text}</main>", id="unescaped"),
        pytest.param(f"<main>{escape(FULL.escaped)}</main>", id="escaped-twice"),
        pytest.param(f"<header>{FULL.escaped}</header><main>-</main>", id="only-in-the-navigation"),
    ],
)
def test_the_html_check_catches_each_failure(html):
    with pytest.raises(AssertionError):
        assert_safe_html(html, "page", shows_objects=True)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(FULL.text.replace("{{7*7}}", "49"), id="compiled-expression"),
        pytest.param(FULL.text.replace('{% now "Y" %}', YEAR), id="compiled-tag"),
        pytest.param(FULL.text.replace("<b>x</b>", "x"), id="markup-rendered"),
        pytest.param(FULL.escaped, id="html-escaped"),
        pytest.param(f"{FULL.text}[organisation.name]", id="only-the-organisation"),
    ],
)
def test_the_document_check_catches_each_failure(text):
    with pytest.raises(AssertionError):
        assert_safe_text([text], "document", squeeze=True)


def test_the_checks_pass_the_canary_shown_as_text():
    assert_safe_html(f"<header>x</header><main>{FULL.escaped}[locality.name]</main>", "page", shows_objects=True)
    assert_safe_text([f"{FULL.text[:20]} {FULL.text[20:]}[locality.name]"], "document", squeeze=True)


# --- the pages -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    url: object  # CanaryWorld -> str
    # "everyone", one Role value, "superuser", "anonymous", or everyone signed in with the password only:
    # "password_only" (no authenticator app yet) or "code_pending" (the app's code not yet typed)
    user: str = "everyone"
    follow: bool = False  # the home page redirects APKs and liaison workers to their own start page


def _detail(name, kwargs=None):
    return Page(lambda w: reverse(name, kwargs=(kwargs or DETAIL[name])(w)))


def _with_query(name, query):
    return Page(lambda w: f"{reverse(name)}?{query(w)}" if query(w) else reverse(name))


def _report(name, choice, output):
    period = f"od={REPORT_PERIOD.start}&do={REPORT_PERIOD.end}"
    suffix = "" if output == "html" else f"&format={output}"
    return Page(lambda w: f"{reverse(name)}?{choice(w)}{period}{suffix}")


# DETAIL kwargs that need another of the world's objects than test_isolation's: a plan can only be edited while the
# shift has not started.
DETAIL_KWARGS = {"shifts:plan_edit": lambda w: {"pk": w.planned_shift.pk}}
# ACCOUNT URLs that act on POST only (a GET is a 405; Django's set_language redirects back, changing nothing): no
# page to render, their effect is covered by their own tests.
ACCOUNT_POST_ONLY = {"logout", "set_language", "session_keepalive", "two_factor:recovery_codes_create"}
# The output download hands back the stored document itself: checked by its own test below.
DOWNLOADS = {"platforms:output_download"}

PAGES: dict[str, Page] = {}
PAGES.update({name: _detail(name, DETAIL_KWARGS.get(name)) for name in DETAIL if name not in DOWNLOADS})
PAGES.update({name: _with_query(name, lambda w, query=query: query) for name, query in LIST.items()})
PAGES.update({name: Page(lambda w, name=name: reverse(name)) for name in ACCOUNT - ACCOUNT_POST_ONLY - {"home"}})
# The second factor's set-up and code pages, as the user meets them: signed in with the password, not yet verified.
PAGES["two_factor:setup"] = Page(lambda w: reverse("two_factor:setup"), user="password_only")
PAGES["two_factor:verify"] = Page(lambda w: reverse("two_factor:verify"), user="code_pending")
# Public pages hold no organisation data (test_isolation.py); one may only send to the login page.
PAGES.update({name: Page(lambda w, name=name: reverse(name), user="anonymous", follow=True) for name in PUBLIC})
# The home page differs per role (an APK's is the tablet's day, a liaison's the open cases, a coordinator's the
# dashboard with the overdue tasks).
PAGES["home"] = Page(lambda w: reverse("home"), follow=True)
PAGES.update({f"home[{role}]": Page(lambda w: reverse("home"), user=role, follow=True) for role in Role.values})
# The reports over the month of the data, with their project or service, as HTML, PDF and XLSX.
for _output in ("html", "pdf", "xlsx"):
    PAGES[f"reports:apk[{_output}]"] = _report("reports:apk", lambda w: f"project={w.project.pk}&", _output)
    PAGES[f"reports:mpsv[{_output}]"] = _report("reports:mpsv", lambda w: f"service={w.service.pk}&", _output)
    PAGES[f"reports:situation[{_output}]"] = _report("reports:situation", lambda w: "", _output)
# The world's other objects of the same pages.
PAGES.update(
    {
        "shifts:detail[approved]": Page(lambda w: reverse("shifts:detail", args=[w.approved_shift.pk])),
        "shifts:detail[submitted]": Page(lambda w: reverse("shifts:detail", args=[w.submitted_shift.pk])),
        "shifts:detail[planned]": Page(lambda w: reverse("shifts:detail", args=[w.planned_shift.pk])),
        "shifts:detail[returned]": Page(lambda w: reverse("shifts:detail", args=[w.returned_shift.pk])),
        "shifts:work[returned]": Page(lambda w: reverse("shifts:work", args=[w.returned_shift.pk])),
        "cases:case_detail[closed]": Page(lambda w: reverse("cases:case_detail", args=[w.closed_case.pk])),
        "platforms:meeting_detail[second]": Page(
            lambda w: reverse("platforms:meeting_detail", args=[w.second_meeting.pk])
        ),
        "platforms:minutes_pdf[second]": Page(lambda w: reverse("platforms:minutes_pdf", args=[w.second_meeting.pk])),
        "platforms:meeting_detail[final]": Page(
            lambda w: reverse("platforms:meeting_detail", args=[w.final_meeting.pk])
        ),
        "platforms:minutes_pdf[final]": Page(lambda w: reverse("platforms:minutes_pdf", args=[w.final_meeting.pk])),
        "localities:export[xlsx]": Page(lambda w: f"{reverse('localities:export')}?format=xlsx"),
        # The Django admin (superusers): a user's and the organisation's change form (the changelists follow).
        "admin:svl_user_change": Page(lambda w: reverse("admin:svl_user_change", args=[w.everyone.pk]), "superuser"),
        "admin:svl_organisation_change": Page(
            lambda w: reverse("admin:svl_organisation_change", args=[w.organisation.pk]), "superuser"
        ),
    }
)
# Every changelist of the Django admin: every organisation's users, the audit log and the lockout records with the
# user names typed at failed logins (which belong to no organisation).
PAGES.update(
    {
        f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist": Page(
            lambda w, model=model: reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"),
            "superuser",
        )
        for model in admin.site._registry
    }
)
# The pages that are not HTML, by kind.
DOCUMENTS = {
    "shifts:worklog": "pdf",
    "cases:client_file": "pdf",
    "platforms:minutes_pdf": "pdf",
    "platforms:minutes_pdf[second]": "pdf",
    "platforms:minutes_pdf[final]": "pdf",
    "localities:export": "csv",
    "localities:export[xlsx]": "xlsx",
    "audit:export": "csv",
    "healthz": "text",
    **{f"reports:{report}[{output}]": output for report in ("apk", "mpsv", "situation") for output in ("pdf", "xlsx")},
}
_NEW_OBJECT_FORM = "a form for a new object: empty fields and fixed choices only"
_OWN_ACCOUNT = "the user's own account (password, second factor): no record's text"
# HTML pages that show none of the world's free text (the navigation aside), with the reason; and the public pages.
NO_OBJECTS = {
    **{name: "a public page: no organisation data (test_isolation.py)" for name in PUBLIC},
    "password_change": _OWN_ACCOUNT,
    "password_change_done": _OWN_ACCOUNT,
    "two_factor:account": _OWN_ACCOUNT,
    "two_factor:setup": _OWN_ACCOUNT,
    "two_factor:verify": _OWN_ACCOUNT,
    "two_factor:recovery_codes": _OWN_ACCOUNT,
    "users:create": _NEW_OBJECT_FORM,
    "users:password": "names the user by the user name only (format-checked)",
    "users:two_factor_reset": "names the user by the user name only (format-checked)",
    "reports:index": "links to the three reports",
    "localities:create": _NEW_OBJECT_FORM,
    "localities:import": "a file upload with the column help",
    "shifts:import": "a file upload with the column help",
    "shifts:category_create": _NEW_OBJECT_FORM,
    "cases:service_create": _NEW_OBJECT_FORM,
    "cases:client_create": _NEW_OBJECT_FORM + " (the organisation's one service is preselected, not listed)",
    "cases:referral_create": _NEW_OBJECT_FORM + "; the case is named by the client's code",
    "cases:home": "the worker's open cases by client code, crime type and dates",
    "home[liaison]": "the liaison's home is cases:home",
    "admin:auth_group_changelist": "SVL gives roles, not groups: there are none",
    "admin:axes_accesslog_changelist": "django-axes keeps no access log here (AXES_DISABLE_ACCESS_LOG)",
    "admin:axes_accessfailurelog_changelist": "django-axes keeps no failure log here (AXES_ENABLE_ACCESS_FAILURE_LOG)",
}


def _client_for(page: Page, world: CanaryWorld, login):
    if page.user == "anonymous":
        return Client()
    if page.user in ("password_only", "code_pending"):
        if page.user == "code_pending":
            totp_device(world.everyone)
        client = Client()
        client.force_login(world.everyone)
        return client
    if page.user == "everyone":
        return login(world.everyone)
    if page.user == "superuser":
        return login(world.superuser)
    return login(world.role_users[page.user])


@pytest.mark.parametrize("name", sorted(ACCOUNT_POST_ONLY))
def test_post_only_account_urls_render_no_page(name, world, login):
    response = login(world.everyone).get(reverse(name))

    assert response.status_code == (302 if name == "set_language" else 405)


@pytest.mark.parametrize("page_id", sorted(PAGES))
def test_page_shows_the_canary_as_text(page_id, world, login):
    page = PAGES[page_id]
    response = _client_for(page, world, login).get(page.url(world), follow=page.follow)

    kind, _html = assert_safe_response(response, page_id, shows_objects=page_id not in NO_OBJECTS)
    assert kind == DOCUMENTS.get(page_id, "html"), f"{page_id} is {kind}: classify it in DOCUMENTS"


# --- every form, sent back with the canary in each field -------------------------------------------

# Inputs a person types into: each gets the canary. A choice (select, radio, checkbox) gets it too, as an invalid
# choice whose error message may repeat it. Hidden inputs (CSRF token, version, client token) keep their value.
TYPED_INPUTS = {"text", "search", "email", "tel", "url", "number", "date", "time", "datetime-local", "month", "week"}
TYPED_INPUTS |= {"password"}
# What a form shows back when it comes back with errors (a password input never does).
SHOWN_BACK = TYPED_INPUTS - {"password"}
# Forms of the navigation and the idle-timeout warning, on every page: their effect is covered by their own tests.
NAVIGATION_FORMS = {"logout", "set_language", "session_keepalive", "admin:logout"}


@dataclass
class HtmlForm:
    action: str
    method: str
    form_id: str = ""
    data: dict = field(default_factory=dict)  # name -> [values]
    button: tuple | None = None  # the first named submit button
    shows_back_typed_text: bool = False


class _FormParser(HTMLParser):
    """The page's forms with the data a person could send (fields inside a <template> are a blueprint: left out)."""

    def __init__(self):
        super().__init__()
        self.forms: list[HtmlForm] = []
        self._form: HtmlForm | None = None
        self._orphans: list[tuple[str, dict]] = []  # inputs outside their form, tied to it by form="id"
        self._template_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "template":
            self._template_depth += 1
        if self._template_depth:
            return
        if tag == "form":
            self._form = HtmlForm(attrs.get("action", ""), attrs.get("method", "get").lower(), attrs.get("id", ""))
            self.forms.append(self._form)
        elif tag in ("input", "select", "textarea", "button"):
            if attrs.get("form"):
                self._orphans.append((tag, attrs))
            elif self._form is not None:
                _add_field(self._form, tag, attrs)

    def handle_endtag(self, tag):
        if tag == "template":
            self._template_depth -= 1
        elif tag == "form" and not self._template_depth:
            self._form = None

    def close(self):
        super().close()
        by_id = {form.form_id: form for form in self.forms if form.form_id}
        for tag, attrs in self._orphans:
            if attrs["form"] in by_id:
                _add_field(by_id[attrs["form"]], tag, attrs)


def _add_field(form: HtmlForm, tag: str, attrs: dict) -> None:
    name = attrs.get("name")
    kind = attrs.get("type", "submit" if tag == "button" else "text").lower()
    if not name or "disabled" in attrs:
        return
    if kind in ("submit", "button", "image", "reset") and tag in ("input", "button"):
        if form.button is None and kind == "submit":
            form.button = (name, attrs.get("value", ""))
        return
    if tag == "input" and kind == "hidden":
        form.data.setdefault(name, []).append(attrs.get("value", ""))
    elif tag == "input" and kind == "file":
        return
    elif tag in ("select", "textarea") or kind in TYPED_INPUTS | {"checkbox", "radio"}:
        form.data[name] = [CANARY]
        form.shows_back_typed_text |= tag == "textarea" or (tag == "input" and kind in SHOWN_BACK)


def page_forms(html: str) -> list[HtmlForm]:
    parser = _FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms


def _view_name(url: str) -> str:
    try:
        return resolve(urlsplit(url).path).view_name
    except Resolver404:
        return ""


def _send(client, form: HtmlForm, url: str):
    data = dict(form.data)
    if form.button is not None:
        data[form.button[0]] = [form.button[1]]
    if form.method == "post":
        return client.post(url, data, follow=True)
    return client.get(url, data, follow=True)


# Pages whose own form must come back with field errors and the typed canary (the brief's list, at least): a change
# here would mean the form no longer re-renders what was typed, and the check below would no longer see it.
MUST_RERENDER = {
    "localities:create",
    "localities:edit",
    "shifts:plan_create",
    "shifts:plan_edit",
    "shifts:record_create",
    "shifts:record_edit",
    "cases:client_create",
    "cases:client_edit",
    "cases:contact_create",
    "cases:contact_edit",
    "platforms:meeting_attendance",
    "platforms:create",
    "platforms:edit",
    "platforms:representative_create",
    "platforms:representative_edit",
}
FORM_PAGES = sorted(page_id for page_id in PAGES if page_id not in DOCUMENTS)


@pytest.mark.parametrize("page_id", FORM_PAGES)
def test_forms_sent_back_with_the_canary_show_it_as_text(page_id, world, login):
    """Every form of the page, each field typed or chosen as the canary; the answer (an error re-render, or the page
    a saved form redirects to) is checked like a page; a re-rendered form with a field a person types into shows
    the canary back."""
    page = PAGES[page_id]
    client = _client_for(page, world, login)
    response = client.get(page.url(world), follow=page.follow)
    assert response.status_code == 200
    query = response.request.get("QUERY_STRING")
    page_url = response.request["PATH_INFO"] + (f"?{query}" if query else "")
    own_form_rerendered = False
    for number, form in enumerate(page_forms(response.content.decode()), start=1):
        url = urljoin(page_url, form.action) if form.action else page_url
        if _view_name(url) in NAVIGATION_FORMS:
            continue
        where = f"{page_id}, form {number} ({form.method.upper()} {url})"
        # Each form is sent from the page as it was: whatever one saves (or a sign-out's cookies) is undone.
        cookies = copy.deepcopy(client.cookies)
        with transaction.atomic():
            sent = _send(client, form, url)
            rerendered = not sent.redirect_chain
            _kind, html = assert_safe_response(sent, where, shows_objects=rerendered and form.shows_back_typed_text)
            if rerendered and urlsplit(url).path == urlsplit(page_url).path and "is-invalid" in html:
                own_form_rerendered = True
            transaction.set_rollback(True)
        client.cookies = cookies
    if page_id in MUST_RERENDER:
        assert own_form_rerendered, f"{page_id}: its form did not come back with field errors"


def test_admin_gives_each_role_a_checkbox_and_saves_the_ticked_ones(world, login):
    """The canary's fix in accounts/admin.py: Django's comma-separated array field made a typed "%" a server error."""
    client = login(world.superuser)
    url = reverse("admin:svl_user_change", args=[world.user.pk])
    assert 'type="checkbox" name="roles" value="mentor"' in client.get(url).content.decode()

    response = client.post(
        url,
        {
            "username": world.user.username,
            "first_name": "Jan",
            "last_name": "Novák",
            "email": world.user.email,
            "is_active": "on",
            "date_joined_0": "18. 11. 2026",
            "date_joined_1": "12:00:00",
            "organisation": world.organisation.pk,
            "roles": [Role.APK, Role.MENTOR],
            "_save": "Uložit",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    # Read afresh: the world's objects are shared by the module's tests.
    assert apps.get_model("svl.User").objects.get(pk=world.user.pk).roles == [Role.APK, Role.MENTOR]


def test_admin_refuses_an_unknown_role_at_the_field_showing_it_as_text(world, login):
    client = login(world.superuser)
    url = reverse("admin:svl_user_change", args=[world.user.pk])

    response = client.post(url, {"username": world.user.username, "roles": [CANARY], "_save": "Uložit"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["roles"] == [
        f'Vyberte platnou možnost, "{CANARY}" není k dispozici.'
    ]
    assert_safe_html(response.content.decode(), "admin:svl_user_change", shows_objects=True)


def test_output_download_names_the_file_by_its_original_name_quoted(world, login):
    # An uploaded file's name has no "/" (output_create keeps Path(name).name; FileResponse would cut at one), so
    # the canary without its "</b>".
    Output = apps.get_model("platforms.Output")
    Output.objects.filter(pk=world.output.pk).update(original_filename='Z1{{7*7}}Z2{% now "Y" %}Z3.pdf')

    response = login(world.everyone).get(reverse("platforms:output_download", args=[world.output.pk]))

    assert response.status_code == 200
    with world.output.document.open("rb") as stored:
        assert _body(response) == stored.read()
    assert response["Content-Disposition"] == 'attachment; filename="Z1{{7*7}}Z2{% now \\"Y\\" %}Z3.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


# --- the import previews: an uploaded file's cells and name are user input too ------------------------

# A file name keeps no "/" (an upload's name is cut at one), so the canary without its closing tag.
FILE_NAME = 'Z1{{7*7}}Z2{% now "Y" %}Z3<i>x<i>Z4'


def _locality_rows(world, *, valid: bool) -> list[dict]:
    text = {name: CANARY for name in ("Název", "Obec", "ORP", "Popis", "Zdroj")}
    if valid:
        return [locality_row(**text)]
    return [{header: CANARY for header in LOCALITY_HEADERS}]


def _shift_rows(world, *, valid: bool) -> list[dict]:
    if not valid:
        return [{header: CANARY for header in SHIFT_HEADERS}]
    row = shift_row(
        Datum="10. 11. 2026",
        Asistent=world.user.username,
        Mentor=world.everyone.username,
        # The world's project, locality and category, found by their canary names.
        Projekt=world.project.name,
        Lokalita=world.locality.name,
        Kategorie=world.category.name,
        Místo=CANARY,
        Popis=CANARY,
        Předáno_komu=CANARY,
    )
    return [row]


def _imported_shift_url(world) -> str:
    record = apps.get_model("assistants.FieldRecord").objects.get(place=CANARY)
    return reverse("shifts:detail", args=[record.shift_id])


# kind -> upload URL, confirmation URL, rows, file, the page that shows what was imported
IMPORTS = {
    "localities": (
        "localities:import",
        "localities:import_confirm",
        _locality_rows,
        locality_csv_bytes,
        lambda world: reverse("localities:list"),
    ),
    "shifts": ("shifts:import", "shifts:import_confirm", _shift_rows, shift_csv_bytes, _imported_shift_url),
}


@pytest.mark.parametrize("valid", [True, False], ids=["valid-rows", "invalid-rows"])
@pytest.mark.parametrize("kind", sorted(IMPORTS))
def test_import_preview_and_confirmation_show_the_files_text_as_text(kind, valid, world, login):
    upload_name, confirm_name, rows, to_csv, imported_page = IMPORTS[kind]
    client = login(world.everyone)
    upload = SimpleUploadedFile(f"{FILE_NAME}.csv", to_csv(rows(world, valid=valid)), content_type="text/csv")

    preview = client.post(reverse(upload_name), {"file": upload})

    _kind, html = assert_safe_response(preview, f"{upload_name} preview", shows_objects=True)
    assert escape(f"{FILE_NAME}.csv") in html and FILE_NAME not in html
    token = re.search(r'name="token" value="([^"]+)"', html)
    assert bool(token) == valid, f"{upload_name}: a confirmation offered for a file with errors, or none for a good one"
    if valid:
        confirmed = client.post(reverse(confirm_name), {"token": token.group(1)}, follow=True)
        assert_safe_response(confirmed, confirm_name, shows_objects=False)
        assert_safe_response(client.get(imported_page(world)), f"{confirm_name}: the imported data", shows_objects=True)

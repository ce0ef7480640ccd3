"""Benchmark the grant reports on a large city's year, in a throw-away database.

    python manage.py bench_reports [--assistants 20] [--shifts 5000] [--records 50000] [--keep]

Creates a database next to the configured one, migrates it, generates one organisation with a project,
localities, approved shifts and field records (bulk inserts), a social service with clients and
contacts, then times each report's computation, HTML, PDF and XLSX. The database is dropped afterwards
unless --keep is given.
"""

import datetime
import random
import time
import uuid

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, connections
from django.test import RequestFactory
from django.utils import timezone

from core import clock, rls

BENCH_DATABASE = "svl_bench"


class Command(BaseCommand):
    help = "Time the MV ČR, MPSV and locality reports (HTML, PDF, XLSX) on generated data of a large city."

    def add_arguments(self, parser):
        parser.add_argument("--assistants", type=int, default=20)
        parser.add_argument("--shifts", type=int, default=5000)
        parser.add_argument("--records", type=int, default=50000)
        parser.add_argument("--clients", type=int, default=400)
        parser.add_argument("--contacts", type=int, default=6000)
        parser.add_argument("--keep", action="store_true", help="Keep the benchmark database afterwards.")

    def handle(self, *args, **options):
        original = connection.settings_dict["NAME"]
        self._create_database()
        try:
            self._switch_to(BENCH_DATABASE)
            call_command("migrate", verbosity=0)
            started = time.perf_counter()
            with rls.all_organisations():
                data = self._generate(options)
            self.stdout.write(f"Generated data in {time.perf_counter() - started:.1f} s: {data['summary']}")
            # Timed as the organisation's requests run them: under its row-level security (core/rls.py).
            with rls.organisation(data["organisation"].pk):
                self._time_reports(data)
        finally:
            self._switch_to(original)
            if not options["keep"]:
                self._drop_database()

    # --- database ------------------------------------------------------------------------------------

    def _admin_cursor(self):
        import psycopg

        db = settings.DATABASES["default"]
        return psycopg.connect(
            host=db["HOST"] or None,
            port=db["PORT"] or None,
            user=db["USER"],
            password=db["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )

    def _create_database(self):
        with self._admin_cursor() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}"')
            admin.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')

    def _drop_database(self):
        with self._admin_cursor() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}"')

    def _switch_to(self, name):
        connections["default"].close()
        settings.DATABASES["default"]["NAME"] = name
        connections["default"].settings_dict["NAME"] = name

    # --- data ----------------------------------------------------------------------------------------

    def _generate(self, options):
        from accounts.models import Organisation, User
        from assistants.choices import Outcome, ShiftStatus
        from assistants.models import FieldRecord, FieldRecordCategory, Project, Shift
        from assistants.services import category_ensure_defaults
        from cases.models import AnonymousContact, Case, Client, Contact, SocialService
        from locations.models import Locality

        rng = random.Random(42)
        year = timezone.localdate().year - 1
        organisation = Organisation.objects.create(name="Benchmark city", ico="12345679", kind="municipality")
        mentor = User.objects.create(username="bench_mentor", organisation=organisation, roles=["mentor"])
        coordinator = User.objects.create(
            username="bench_coordinator", organisation=organisation, roles=["coordinator", "service_lead"]
        )
        assistants = User.objects.bulk_create(
            User(
                username=f"bench_apk{n}",
                first_name="Asistent",
                last_name=f"č. {n}",
                organisation=organisation,
                roles=["apk"],
            )
            for n in range(options["assistants"])
        )
        localities = Locality.objects.bulk_create(
            Locality(
                organisation=organisation,
                name=f"Lokalita {n}",
                municipality_name="Ústí nad Labem",
                municipality_code="554804",
                region="CZ042",
                housing_type="hostel",
            )
            for n in range(40)
        )
        project = Project.objects.create(
            organisation=organisation,
            name="Benchmark APK",
            funder="mv_prevention",
            starts_on=datetime.date(year, 1, 1),
            ends_on=datetime.date(year, 12, 31),
            planned_hours=40000,
        )
        project.assistants.set(assistants)
        project.mentors.set([mentor])
        category_ensure_defaults()
        categories = list(FieldRecordCategory.objects.filter(organisation=None))
        syringes = next(c for c in categories if c.requires_syringe_count)

        shifts = []
        for n in range(options["shifts"]):
            day = datetime.date(year, 1, 1) + datetime.timedelta(days=n % 365)
            start = clock.instant(day, datetime.time(8))
            shifts.append(
                Shift(
                    organisation=organisation,
                    project=project,
                    mentor=mentor,
                    date=day,
                    planned_start=start,
                    planned_end=start + datetime.timedelta(hours=8),
                    actual_start=start,
                    actual_end=start + datetime.timedelta(hours=8),
                    worked_minutes=450,
                    status=ShiftStatus.APPROVED,
                    approved_by=mentor,
                    approved_at=start,
                )
            )
        shifts = Shift.objects.bulk_create(shifts, batch_size=2000)
        through = Shift.assistants.through
        through.objects.bulk_create(
            [through(shift_id=s.pk, user_id=assistants[i % len(assistants)].pk) for i, s in enumerate(shifts)]
            + [through(shift_id=s.pk, user_id=assistants[(i + 1) % len(assistants)].pk) for i, s in enumerate(shifts)],
            batch_size=5000,
        )
        outcomes = [choice for choice, _label in Outcome.choices]
        records = []
        for n in range(options["records"]):
            shift = shifts[n % len(shifts)]
            category = rng.choice(categories)
            records.append(
                FieldRecord(
                    organisation=organisation,
                    shift=shift,
                    author=assistants[n % len(assistants)],
                    recorded_at=shift.actual_start + datetime.timedelta(minutes=30 + n % 400),
                    locality=localities[n % len(localities)],
                    category=category,
                    description="Záznam z terénu",
                    persons_involved=n % 6,
                    outcome=rng.choice(outcomes),
                    handed_over_to="OSPOD" if n % 7 == 0 else "",
                    syringe_count=(n % 9) + 1 if category == syringes else None,
                    client_token=uuid.uuid4(),
                )
            )
        FieldRecord.objects.bulk_create(records, batch_size=5000)

        service = SocialService.objects.create(
            organisation=organisation, name="Terénní program", registration_number="1234567", kind="field_programmes"
        )
        clients = Client.objects.bulk_create(
            Client(
                organisation=organisation,
                service=service,
                code=f"K-{year}-{n:04d}",
                gender=rng.choice(["female", "male", "other"]),
                age_band=rng.choice(["15-17", "18-26", "27-64"]),
                target_group="crime_victims",
                created_by=coordinator,
            )
            for n in range(options["clients"])
        )
        cases = Case.objects.bulk_create(
            Case(
                organisation=organisation,
                client=client,
                role="victim",
                crime_type=rng.choice(["usury", "violence"]),
                opened_on=datetime.date(year, 1, 1),
            )
            for client in clients
        )
        Contact.objects.bulk_create(
            (
                Contact(
                    organisation=organisation,
                    case=cases[n % len(cases)],
                    date=datetime.date(year, 1, 1) + datetime.timedelta(days=n % 365),
                    duration_minutes=15 + n % 90,
                    form="in_person",
                    place="other",
                    activities=["counselling"],
                    specific_tasks=["victim_rights"] if n % 3 == 0 else [],
                    created_by=coordinator,
                )
                for n in range(options["contacts"])
            ),
            batch_size=5000,
        )
        AnonymousContact.objects.bulk_create(
            AnonymousContact(
                organisation=organisation,
                service=service,
                date=datetime.date(year, 1, 1) + datetime.timedelta(days=n % 365),
                duration_minutes=20,
                persons_count=1 + n % 4,
                activities=["social_contact"],
                created_by=coordinator,
            )
            for n in range(options["contacts"] // 3)
        )
        summary = (
            f"{len(assistants)} assistants, {len(shifts)} shifts, {len(records)} field records, "
            f"{len(clients)} clients, {options['contacts']} contacts"
        )
        return {
            "project": project,
            "service": service,
            "organisation": organisation,
            "coordinator": coordinator,
            "year": year,
            "summary": summary,
        }

    # --- timing --------------------------------------------------------------------------------------

    def _time_reports(self, data):
        from assistants.reports import apk_report
        from cases.reports import mpsv_report
        from core.dates import period_shortcut
        from reports.rendering import render_report
        from reports.situation import situation_report

        period = period_shortcut("year", data["year"])
        request = RequestFactory().get("/reports/")
        request.user = data["coordinator"]
        reports = [
            ("MV ČR (APK)", lambda: apk_report(data["project"], period)),
            ("MPSV", lambda: mpsv_report(data["service"], period)),
            ("Situační zpráva", lambda: situation_report(data["organisation"], period)),
        ]
        self.stdout.write(f"{'report':<18}{'compute':>10}{'HTML':>10}{'PDF':>10}{'XLSX':>10}{'queries':>9}")
        for name, build in reports:
            started = time.perf_counter()
            counter = _Counter()
            with connection.execute_wrapper(counter):
                report = build()
            compute = time.perf_counter() - started
            timings = []
            for output in ("html", "pdf", "xlsx"):
                request.GET = request.GET.copy()
                request.GET["format"] = output
                started = time.perf_counter()
                response = render_report(
                    request,
                    report,
                    template="reports/report_page.html",
                    pdf_template="reports/pdf/report.html",
                    filename="bench",
                    context={"form": None, "shortcuts": [], "title": name},
                )
                assert response.status_code == 200
                timings.append(time.perf_counter() - started)
            self.stdout.write(
                f"{name:<18}{compute:>9.2f}s{timings[0]:>9.2f}s{timings[1]:>9.2f}s{timings[2]:>9.2f}s{counter.count:>9}"
            )


class _Counter:
    """Counts the queries a report's computation runs (independent of DEBUG)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

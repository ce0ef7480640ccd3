import datetime
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts import services
from accounts.choices import OrganisationKind, Role
from accounts.models import Organisation, User
from accounts.two_factor import services as two_factor
from core import clock, rls
from locations import services as location_services
from locations.choices import HousingType, Problem, Region

DEMO_PASSWORD = "demo"
# Every demo user's authenticator app has this one published secret (base32), so anyone trying the demo can compute
# the second factor: `oathtool --totp -b JBSWY3DPEHPK3PXP` (README, Demo accounts).
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"
CITY_ICO = "12345679"
NGO_ICO = "24680133"

CITY_USERS = [
    # username, first name, last name, roles
    ("apk1", "Jana", "Horváthová", [Role.APK]),
    ("apk2", "Tomáš", "Baláž", [Role.APK]),
    ("mentor", "Petr", "Novák", [Role.MENTOR]),
    ("liaison", "Lucie", "Dvořáková", [Role.LIAISON]),
    ("lead", "Martina", "Králová", [Role.SERVICE_LEAD]),
    ("coordinator", "Karel", "Svoboda", [Role.COORDINATOR]),
    ("admin", "Eva", "Černá", [Role.ORG_ADMIN]),
]
NGO_USERS = [
    ("ngo_admin", "Marek", "Procházka", [Role.ORG_ADMIN]),
    ("ngo_liaison", "Veronika", "Kučerová", [Role.LIAISON]),
]

# name, municipality, code, ORP, region, housing, population, lat, lon, description
CITY_LOCALITIES = [
    (
        "Předlice",
        "Ústí nad Labem",
        "554804",
        "Ústí nad Labem",
        Region.USTECKY,
        HousingType.APARTMENT_BLOCKS,
        1800,
        "50.670600",
        "14.020300",
        "Bývalá dělnická čtvrť s bytovými domy, část domů ve špatném stavu.",
    ),
    (
        "Mojžíř – Sídliště",
        "Ústí nad Labem",
        "554804",
        "Ústí nad Labem",
        Region.USTECKY,
        HousingType.APARTMENT_BLOCKS,
        600,
        "50.677900",
        "14.108900",
        "Panelové sídliště na okraji města.",
    ),
    (
        "Ubytovna Krásné Březno",
        "Ústí nad Labem",
        "554804",
        "Ústí nad Labem",
        Region.USTECKY,
        HousingType.HOSTEL,
        120,
        "50.664200",
        "14.057500",
        "Komerční ubytovna, vysoká fluktuace obyvatel.",
    ),
    (
        "Chanov",
        "Most",
        "567027",
        "Most",
        Region.USTECKY,
        HousingType.APARTMENT_BLOCKS,
        1200,
        "50.489600",
        "13.633100",
        "Sídliště na okraji města, vyloučené od 70. let.",
    ),
    (
        "Janov",
        "Litvínov",
        "567256",
        "Litvínov",
        Region.USTECKY,
        HousingType.APARTMENT_BLOCKS,
        2500,
        "50.593800",
        "13.631400",
        "Sídliště s vysokou koncentrací sociálně slabých rodin.",
    ),
    (
        "Ubytovna U Nádraží",
        "Děčín",
        "562335",
        "Děčín",
        Region.USTECKY,
        HousingType.HOSTEL,
        90,
        "50.773900",
        "14.196800",
        "Ubytovna u hlavního nádraží.",
    ),
    (
        "Kamenná",
        "Chomutov",
        "562971",
        "Chomutov",
        Region.USTECKY,
        HousingType.MIXED,
        400,
        "50.460300",
        "13.406100",
        "Smíšená zástavba u průmyslové zóny.",
    ),
    (
        "Trnovany – Sídliště",
        "Teplice",
        "567442",
        "Teplice",
        Region.USTECKY,
        HousingType.APARTMENT_BLOCKS,
        700,
        "50.634400",
        "13.818100",
        "",
    ),
    (
        "Přednádraží",
        "Ostrava",
        "554821",
        "Ostrava",
        Region.MORAVSKOSLEZSKY,
        HousingType.FAMILY_HOUSES,
        300,
        "49.830300",
        "18.291900",
        "Kolonie dělnických domků u nádraží Ostrava-Přívoz.",
    ),
    (
        "Zárubecká",
        "Plzeň",
        "554791",
        "Plzeň",
        Region.PLZENSKY,
        HousingType.HOSTEL,
        150,
        "49.735800",
        "13.401200",
        "Ubytovny v průmyslové části města.",
    ),
    (
        "Cejl – Bratislavská",
        "Brno",
        "582786",
        "Brno",
        Region.JIHOMORAVSKY,
        HousingType.APARTMENT_BLOCKS,
        1500,
        "49.199700",
        "16.619500",
        "Vnitroblok v centru města („brněnský Bronx“).",
    ),
    (
        "Žižkov – Husitská",
        "Praha",
        "554782",
        "Praha",
        Region.PRAHA,
        HousingType.MIXED,
        None,
        None,
        None,
        "Lokalita bez přesné polohy (data z terénu).",
    ),
]
NGO_LOCALITIES = [
    (
        "Sídliště Jih",
        "Kladno",
        "532053",
        "Kladno",
        Region.STREDOCESKY,
        HousingType.APARTMENT_BLOCKS,
        800,
        "50.140000",
        "14.110000",
        "Lokalita spravovaná NNO.",
    ),
]

# days ago, score, problems, note
OBSERVATION_PATTERN = [
    (60, 3, [Problem.NOISE, Problem.WASTE], "Hluk v nočních hodinách, nepořádek u kontejnerů."),
    (30, 4, [Problem.USURY, Problem.NEIGHBOUR_CONFLICTS], "Zvýšené napětí mezi sousedy, zmínky o lichvě."),
    (7, 2, [Problem.WASTE], "Situace se zklidnila, proběhl úklid."),
]


class Command(BaseCommand):
    help = "Load demo organisations, users (password 'demo') and localities. Development only."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing (and succeed) when any organisation already exists."
        )

    def handle(self, *args, if_empty=False, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo refuses to run with DEBUG off: demo accounts have the password 'demo'.")
        if Organisation.objects.filter(ico__in=[CITY_ICO, NGO_ICO]).exists():
            # Demo data loaded before two-factor login existed gets its devices; otherwise nothing changes.
            self._seed_two_factor_devices()
            self.stdout.write("Demo data already present; nothing to do.")
            return
        if if_empty and Organisation.objects.exists():
            self.stdout.write("The database already has organisations; demo data not loaded.")
            return
        # Several organisations' records and audit rows (core/rls.py).
        with rls.all_organisations(), transaction.atomic():
            self._seed()
            self._seed_two_factor_devices()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo data loaded. Log in as apk1, mentor, coordinator, admin, … with password 'demo'; the second "
                f"factor is the TOTP code of the secret {DEMO_TOTP_SECRET} (oathtool --totp -b {DEMO_TOTP_SECRET})."
            )
        )

    def _seed(self):
        city = services.organisation_create(
            name="Statutární město Horní Lhota (demo)",
            ico=CITY_ICO,
            kind=OrganisationKind.MUNICIPALITY,
            seat_municipality="Horní Lhota",
        )
        ngo = services.organisation_create(
            name="Spolek Most k lidem, z. s. (demo)",
            ico=NGO_ICO,
            kind=OrganisationKind.SOCIAL_SERVICE,
            seat_municipality="Kladno",
        )
        users = {}
        for organisation, rows in ((city, CITY_USERS), (ngo, NGO_USERS)):
            for username, first_name, last_name, roles in rows:
                users[username] = services.user_create(
                    organisation=organisation,
                    username=username,
                    password=DEMO_PASSWORD,
                    roles=roles,
                    first_name=first_name,
                    last_name=last_name,
                    email=f"{username}@example.cz",
                    validate_password_strength=False,
                )
        today = timezone.localdate()
        localities = {}
        for organisation, rows, author in (
            (city, CITY_LOCALITIES, users["mentor"]),
            (ngo, NGO_LOCALITIES, users["ngo_liaison"]),
        ):
            for index, (name, municipality, code, orp, region, housing, population, lat, lon, description) in enumerate(
                rows
            ):
                locality = location_services.locality_create(
                    organisation=organisation,
                    name=name,
                    municipality_name=municipality,
                    municipality_code=code,
                    orp=orp,
                    region=region,
                    housing_type=housing,
                    estimated_population=population,
                    latitude=Decimal(lat) if lat else None,
                    longitude=Decimal(lon) if lon else None,
                    description=description,
                    source="Mapa sociálně vyloučených lokalit",
                    source_year=2015,
                )
                localities[name] = locality
                for days_ago, score, problems, note in OBSERVATION_PATTERN[: 1 + index % 3]:
                    location_services.observation_create(
                        locality=locality,
                        author=author,
                        observed_on=today - datetime.timedelta(days=days_ago + index),
                        score=min(5, score + index % 2),
                        problems=problems,
                        note=note,
                    )
        self._seed_shifts(city, users, localities, today)
        self._seed_cases(city, ngo, users, localities, today)

    def _seed_two_factor_devices(self):
        """One authenticator app with the published DEMO_TOTP_SECRET per demo user; idempotent."""
        usernames = [row[0] for row in CITY_USERS + NGO_USERS]
        demo_users = User.objects.filter(username__in=usernames, organisation__ico__in=[CITY_ICO, NGO_ICO])
        for user in demo_users.order_by("pk"):
            two_factor.demo_device_ensure(user=user, secret=DEMO_TOTP_SECRET)

    def _seed_shifts(self, city, users, localities, today):
        """A project with three weeks of shifts in every state: approved, submitted, returned, today's plan."""
        import uuid

        from assistants import services as shift_services
        from assistants.choices import Funder, Outcome, ShiftKind
        from assistants.models import FieldRecordCategory

        shift_services.category_ensure_defaults()
        apk1, apk2, mentor = users["apk1"], users["apk2"], users["mentor"]
        area = [localities["Předlice"], localities["Mojžíř – Sídliště"], localities["Ubytovna Krásné Březno"]]
        project = shift_services.project_create(
            organisation=city,
            name="Asistent prevence kriminality 2026",
            funder=Funder.MV_PREVENTION,
            registration_number="MV-95123-3/PK-2026",
            starts_on=datetime.date(today.year, 1, 1),
            ends_on=datetime.date(today.year, 12, 31),
            planned_hours=3600,
            assistants=[apk1, apk2],
            mentors=[mentor],
            localities=area,
        )
        categories = {c.code: c for c in FieldRecordCategory.objects.filter(organisation=None)}
        records = [
            (
                "09:10",
                "public_order",
                "Skupina mladistvých u obchodu, po domluvě se rozešli.",
                5,
                Outcome.SOLVED_ON_SPOT,
                "",
            ),
            ("10:40", "syringes", "Sběr stříkaček u garáží.", 0, Outcome.MONITORING_ONLY, ""),
            (
                "12:30",
                "help",
                "Obyvatelka žádala radu k exekuci, předán kontakt na dluhovou poradnu.",
                1,
                Outcome.HANDED_TO_SERVICE,
                "dluhová poradna",
            ),
            (
                "14:05",
                "cleanliness",
                "Černá skládka za domem č. 12, nahlášeno odboru ŽP.",
                0,
                Outcome.OTHER,
                "odbor ŽP",
            ),
        ]

        def at(day, hhmm):
            hours, minutes = map(int, hhmm.split(":"))
            return clock.instant(day, datetime.time(hours, minutes), fold=clock.FIRST)

        def worked_shift(day, team):
            shift = shift_services.shift_plan(
                project=project,
                mentor=mentor,
                date=day,
                start=datetime.time(8),
                end=datetime.time(16),
                kind=ShiftKind.PATROL,
                assistants=team,
                localities=area,
                priorities="Kontrola okolí školy, monitoring ubytovny.",
                planned_by=mentor,
            )
            shift = shift_services.shift_start(shift=shift, by=team[0], at=at(day, "08:00"))
            for index, (time, code, text, persons, outcome, handed) in enumerate(records[: 2 + day.day % 3]):
                shift_services.record_create(
                    shift=shift,
                    author=team[index % len(team)],
                    client_token=uuid.uuid4(),
                    recorded_at=at(day, time),
                    locality=area[index % len(area)],
                    place="",
                    category=categories[code],
                    description=text,
                    persons_involved=persons,
                    outcome=outcome,
                    handed_over_to=handed,
                    follow_up=bool(handed),
                    syringe_count=(3 + day.day % 7) if code == "syringes" else None,
                )
            shift_services.break_start(shift=shift, by=team[0], at=at(day, "12:00"))
            shift_services.break_end(shift=shift, by=team[0], at=at(day, "12:30"))
            shift = shift_services.shift_end(shift=shift, by=team[0], at=at(day, "16:00"))
            return shift_services.shift_submit(shift=shift, by=team[0], version=shift.version, note="Bez mimořádností.")

        monday = today - datetime.timedelta(days=today.weekday())
        for week in (3, 2, 1):
            for offset in (0, 2, 4):
                day = monday - datetime.timedelta(weeks=week) + datetime.timedelta(days=offset)
                shift = worked_shift(day, [apk1, apk2])
                shift_services.shift_approve(shift=shift, by=mentor, version=shift.version)
        last_week = monday - datetime.timedelta(days=4)  # last Thursday
        worked_shift(last_week, [apk1, apk2])  # waits in the mentor's review queue
        returned = worked_shift(monday - datetime.timedelta(days=1), [apk2])
        shift_services.shift_return(
            shift=returned, by=mentor, version=returned.version, comment="Doplňte prosím počet osob u prvního záznamu."
        )
        shift_services.shift_plan(
            project=project,
            mentor=mentor,
            date=today,
            start=datetime.time(8),
            end=datetime.time(16),
            kind=ShiftKind.PATROL,
            assistants=[apk1],
            localities=area,
            priorities="Ranní dohled u ZŠ Předlice, odpoledne ubytovna Krásné Březno.",
            planned_by=mentor,
        )

    def _seed_cases(self, city, ngo, users, localities, today):
        """A social service per organisation; clients with cases, contacts (one under and one over the intervention
        threshold), a plan whose review is overdue, referrals and anonymous contacts. Names are plainly made up."""
        from cases import services as case_services
        from cases.choices import ServiceKind, TargetGroup

        def days_ago(days):
            return today - datetime.timedelta(days=days)

        field_programmes = {
            "kind": ServiceKind.FIELD_PROGRAMMES,
            "target_groups": [TargetGroup.CRIME_VICTIMS, TargetGroup.TRAFFICKING_VICTIMS, TargetGroup.YOUTH_AT_RISK],
            "intervention_threshold_minutes": 30,
        }
        city_service = case_services.service_create(
            organisation=city,
            name="Terénní programy – pomoc obětem trestné činnosti (demo)",
            registration_number="4815162",
            **field_programmes,
        )
        ngo_service = case_services.service_create(
            organisation=ngo,
            name="Terénní programy Most k lidem (demo)",
            registration_number="2342108",
            **field_programmes,
        )
        liaison, lead, ngo_liaison = users["liaison"], users["lead"], users["ngo_liaison"]

        def new_client(service, by, full_name, **fields):
            return case_services.client_create(
                service=service,
                by=by,
                today=today,
                identity={"full_name": full_name, "birth_year": 1985, "phone": "", "address": ""},
                **fields,
            )

        def contact(case, by, days, minutes, **fields):
            values = {"form": "in_person", "place": "other", "activities": [], "specific_tasks": [], "note": ""}
            values.update(fields)
            return case_services.contact_create(
                case=case, by=by, workers=[by], date=days_ago(days), duration_minutes=minutes, **values
            )

        # A victim of usury: two contacts (a short call, an escort to the police), an overdue plan, a referral.
        usury_client = new_client(
            city_service,
            liaison,
            "Alena Smyšlená (demo)",
            gender="female",
            age_band="27-64",
            target_group="crime_victims",
        )
        usury = case_services.case_create(
            client=usury_client,
            by=liaison,
            role="victim",
            crime_type="usury",
            opened_on=days_ago(60),
            workers=[liaison],
        )
        contact(usury, liaison, 55, 20, form="phone", activities=["counselling"], note="Domluva první schůzky.")
        contact(
            usury,
            liaison,
            40,
            75,
            place="police_station",
            activities=["rights"],
            specific_tasks=["escort_police", "criminal_complaint", "victim_rights"],
            note="Doprovod k podání trestního oznámení.",
        )
        case_services.plan_save(
            case=usury,
            by=liaison,
            version=None,
            goals="Chci přestat platit lichváři a mít na nájem.",
            steps="Trestní oznámení; dluhová poradna; splátkový kalendář u oprávněných věřitelů.",
            responsible="klientka: doklady o dluzích; pracovnice: doprovod a kontakt s poradnou",
            review_on=days_ago(7),
        )
        referral = case_services.referral_create(
            case=usury,
            by=liaison,
            target="debt_counselling",
            target_other="",
            referred_on=days_ago(35),
            reason="Sestavení přehledu dluhů a splátkového kalendáře.",
        )
        case_services.referral_update(
            referral=referral,
            by=liaison,
            version=referral.version,
            outcome="Klientka poradnu navštívila, přehled dluhů hotový.",
        )

        # A young witness of drug dealing met in a locality; a referral to OSPOD.
        witness_client = new_client(
            city_service,
            liaison,
            "Tomáš Vymyšlený (demo)",
            gender="male",
            age_band="15-17",
            target_group="youth_at_risk",
        )
        witness = case_services.case_create(
            client=witness_client,
            by=liaison,
            role="witness",
            crime_type="drug_dealing",
            opened_on=days_ago(20),
            workers=[liaison, lead],
        )
        contact(
            witness, liaison, 12, 45, place="locality", locality=localities["Předlice"], activities=["social_contact"]
        )
        case_services.referral_create(
            case=witness,
            by=lead,
            target="ospod",
            target_other="",
            referred_on=days_ago(10),
            reason="Nezletilý svědek, spolupráce s OSPOD.",
        )

        # A closed case of the service lead.
        closed_client = new_client(
            city_service, lead, "Božena Ukázková (demo)", gender="female", age_band="65+", target_group="crime_victims"
        )
        fraud = case_services.case_create(
            client=closed_client, by=lead, role="victim", crime_type="fraud", opened_on=days_ago(120), workers=[lead]
        )
        contact(fraud, lead, 110, 30, form="phone", activities=["rights"], specific_tasks=["victim_rights"])
        case_services.case_close(
            case=fraud, by=lead, version=fraud.version, closed_on=days_ago(90), reason="Škoda uhrazena, cíle splněny."
        )

        # The NGO: a victim of pimping, referred to La Strada.
        ngo_client = new_client(
            ngo_service,
            ngo_liaison,
            "Klára Nevymyšlená-Nepravá (demo)",
            gender="female",
            age_band="18-26",
            target_group="commercially_exploited",
        )
        pimping = case_services.case_create(
            client=ngo_client,
            by=ngo_liaison,
            role="victim",
            crime_type="pimping",
            opened_on=days_ago(30),
            workers=[ngo_liaison],
        )
        contact(
            pimping,
            ngo_liaison,
            25,
            50,
            place="locality",
            locality=localities["Sídliště Jih"],
            activities=["therapeutic", "counselling"],
            specific_tasks=["victim_rights"],
        )
        case_services.referral_create(
            case=pimping,
            by=ngo_liaison,
            target="la_strada",
            target_other="",
            referred_on=days_ago(20),
            reason="Specializovaná pomoc obětem vykořisťování.",
        )

        for service, by, locality, days, persons in (
            (city_service, liaison, localities["Předlice"], 3, 4),
            (city_service, liaison, localities["Mojžíř – Sídliště"], 10, 2),
            (ngo_service, ngo_liaison, localities["Sídliště Jih"], 5, 3),
        ):
            case_services.anonymous_contact_create(
                service=service,
                by=by,
                date=days_ago(days),
                duration_minutes=20,
                persons_count=persons,
                activities=["counselling", "social_contact"],
                locality=locality,
                note="",
            )

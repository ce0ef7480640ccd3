"""The social service of the MPSV statistics tests: the first quarter of 2026, every contact written out.

Service "Terénní program Ústí" (intervention threshold 30 minutes). Report period 1. 1. – 31. 3. 2026.

Clients (gender, age band, target group) and their contacts (date, minutes, activities / specific tasks, case):
  C1 žena, 27–64, oběti trestné činnosti
     K1 1. 1. 30 min, rights + counselling / escort_police + criminal_complaint (lichva)
     K2 20. 1. 29 min, counselling (lichva)
  C2 muž, 18–26, děti a mládež ohrožené
     K0 15. 12. 2025, 40 min: the first contact ever is before the period, so C2 is not new (kriminalita mládeže)
     K3 31. 3. 60 min, social_contact / escort_office (kriminalita mládeže)
  C3 žena, 15–17, oběti obchodu s lidmi
     K4 10. 2. 90 min, rights + therapeutic / police_contact + interrogation (obchod s lidmi)
     K5 11. 2. 15 min, counselling / victim_rights (obchod s lidmi)
  C4 muž, 27–64, oběti trestné činnosti
     contacts on 31. 12. 2025 and 1. 4. 2026 only: no client of the period (lichva)
  C5 jiné, 65+, osoby v krizi
     K6 5. 3. 45 min, rights / escort_police (lichva)
     K7 6. 3. 20 min, nothing ticked (podvod: a second case of the same client)
Anonymous contacts: A1 1. 1. 40 min, 3 persons, social_contact + counselling; A2 31. 3. 20 min, 1 person,
counselling; not counted: 31. 12. 2025 (60 min, 5 persons) and 1. 4. 2026.
Not counted either: C6, a client of the organisation's other service "Krizová pomoc" (threshold 45 minutes:
contacts of 44 and 45 minutes, and an anonymous contact), and C7, a client of another organisation's service.
"""

import datetime
from dataclasses import dataclass

from accounts.choices import Role
from cases.choices import AgeBand, CrimeType, Gender, TargetGroup
from cases.models import AnonymousContact
from tests.accounts.factories import UserFactory
from tests.cases.factories import CaseFactory, ClientFactory, ContactFactory, SocialServiceFactory

PERIOD = {"od": "2026-01-01", "do": "2026-03-31"}


@dataclass
class MpsvData:
    service: object
    crisis_service: object
    outside_service: object
    worker: object


def day(year: int, month: int, dom: int) -> datetime.date:
    return datetime.date(year, month, dom)


def build_mpsv_data(organisation, other_organisation) -> MpsvData:
    worker = UserFactory(organisation=organisation, username="terenni", roles=[Role.LIAISON])
    service = SocialServiceFactory(
        organisation=organisation,
        name="Terénní program Ústí",
        registration_number="1234567",
        intervention_threshold_minutes=30,
    )
    crisis_service = SocialServiceFactory(
        organisation=organisation,
        name="Krizová pomoc",
        registration_number="7654321",
        intervention_threshold_minutes=45,
    )

    def client(code, gender, age_band, target_group, of_service=service):
        # A client of another organisation gets a worker of that organisation from the factory.
        own = {"created_by": worker} if of_service.organisation == organisation else {}
        return ClientFactory(
            organisation=of_service.organisation,
            service=of_service,
            code=code,
            gender=gender,
            age_band=age_band,
            target_group=target_group,
            **own,
        )

    def case(of_client, crime_type):
        return CaseFactory(
            client=of_client, crime_type=crime_type, opened_on=day(2025, 12, 1), workers=[of_client.created_by]
        )

    def contact(of_case, when, minutes, activities=(), tasks=()):
        return ContactFactory(
            case=of_case,
            date=when,
            duration_minutes=minutes,
            activities=list(activities),
            specific_tasks=list(tasks),
            created_by=of_case.client.created_by,
        )

    def anonymous(of_service, when, minutes, persons, activities):
        return AnonymousContact.objects.create(
            organisation=of_service.organisation,
            service=of_service,
            date=when,
            duration_minutes=minutes,
            persons_count=persons,
            activities=activities,
            created_by=worker,
        )

    c1 = case(client("K-2026-0001", Gender.FEMALE, AgeBand.ADULT, TargetGroup.CRIME_VICTIMS), CrimeType.USURY)
    contact(c1, day(2026, 1, 1), 30, ["rights", "counselling"], ["escort_police", "criminal_complaint"])
    contact(c1, day(2026, 1, 20), 29, ["counselling"])

    c2 = case(client("K-2025-0007", Gender.MALE, AgeBand.YOUNG_ADULT, TargetGroup.YOUTH_AT_RISK), CrimeType.YOUTH_CRIME)
    contact(c2, day(2025, 12, 15), 40, ["counselling"])
    contact(c2, day(2026, 3, 31), 60, ["social_contact"], ["escort_office"])

    c3 = case(
        client("K-2026-0002", Gender.FEMALE, AgeBand.ADOLESCENT, TargetGroup.TRAFFICKING_VICTIMS), CrimeType.TRAFFICKING
    )
    contact(c3, day(2026, 2, 10), 90, ["rights", "therapeutic"], ["police_contact", "interrogation"])
    contact(c3, day(2026, 2, 11), 15, ["counselling"], ["victim_rights"])

    c4 = case(client("K-2025-0009", Gender.MALE, AgeBand.ADULT, TargetGroup.CRIME_VICTIMS), CrimeType.USURY)
    contact(c4, day(2025, 12, 31), 50, ["rights"], ["escort_police"])
    contact(c4, day(2026, 4, 1), 50, ["rights"], ["escort_police"])

    c5 = client("K-2026-0003", Gender.OTHER, AgeBand.SENIOR, TargetGroup.IN_CRISIS)
    contact(case(c5, CrimeType.USURY), day(2026, 3, 5), 45, ["rights"], ["escort_police"])
    contact(case(c5, CrimeType.FRAUD), day(2026, 3, 6), 20)

    anonymous(service, day(2026, 1, 1), 40, 3, ["social_contact", "counselling"])
    anonymous(service, day(2026, 3, 31), 20, 1, ["counselling"])
    anonymous(service, day(2025, 12, 31), 60, 5, ["counselling"])
    anonymous(service, day(2026, 4, 1), 60, 5, ["counselling"])

    c6 = case(
        client("K-2026-0004", Gender.FEMALE, AgeBand.CHILD, TargetGroup.HOMELESS, crisis_service), CrimeType.VIOLENCE
    )
    contact(c6, day(2026, 2, 1), 44, ["counselling"], ["escort_police"])
    contact(c6, day(2026, 2, 2), 45, ["counselling"], ["escort_police"])
    anonymous(crisis_service, day(2026, 2, 1), 30, 2, ["counselling"])

    outside_service = SocialServiceFactory(organisation=other_organisation, name="Služba města B")
    c7 = case(
        client("K-2026-0001", Gender.FEMALE, AgeBand.CHILD, TargetGroup.OTHER, outside_service), CrimeType.PIMPING
    )
    contact(c7, day(2026, 2, 1), 120, ["counselling"], ["escort_police"])
    return MpsvData(service=service, crisis_service=crisis_service, outside_service=outside_service, worker=worker)


def grow_mpsv_data(data: MpsvData, copies: int) -> None:
    """More clients, cases, contacts and anonymous contacts in the period (query-count test)."""
    service = data.service
    for n in range(copies):
        for index, (gender, age_band, target_group, crime) in enumerate(
            [
                (Gender.MALE, AgeBand.CHILD, TargetGroup.HOMELESS, CrimeType.VIOLENCE),
                (Gender.FEMALE, AgeBand.SENIOR, TargetGroup.OTHER, CrimeType.HATE_CRIME),
                (Gender.OTHER, AgeBand.ADULT, TargetGroup.COMMERCIALLY_EXPLOITED, CrimeType.PIMPING),
            ]
        ):
            extra = ClientFactory(
                organisation=service.organisation,
                service=service,
                code=f"K-2026-{100 + 10 * n + index:04d}",
                gender=gender,
                age_band=age_band,
                target_group=target_group,
                created_by=data.worker,
            )
            extra_case = CaseFactory(client=extra, crime_type=crime, opened_on=day(2026, 1, 1), workers=[data.worker])
            for month in (1, 2, 3):
                ContactFactory(
                    case=extra_case,
                    date=day(2026, month, 10 + n),
                    duration_minutes=35,
                    activities=["rights"],
                    specific_tasks=["escort_police"],
                    created_by=data.worker,
                )
            AnonymousContact.objects.create(
                organisation=service.organisation,
                service=service,
                date=day(2026, 2, 10 + n),
                duration_minutes=25,
                persons_count=2,
                activities=["counselling"],
                created_by=data.worker,
            )

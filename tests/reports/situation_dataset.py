"""The localities of the situation report tests: the first quarter of 2026, every entry written out.

Localities of organisation A (region, municipality) and what happened there:
  Vltavínská     Plzeňský kraj, Plzeň              observation 15. 2. 2026 score 1, no problems
                                                   record 1. 3. (dohled nad veřejným pořádkem); meeting 20. 2.
  Janov          Ústecký kraj, Litvínov            nothing at all
  Krásné Březno  Ústecký kraj, Ústí nad Labem      observation 10. 11. 2025 score 2, vandalismus (before the period)
                                                   records 1. 2. (sousedské spory), 1. 2. (pomoc a poradenství);
                                                   a meeting on 31. 12. 2025 23:30 (before the period)
  Předlice       Ústecký kraj, Ústí nad Labem      observations 20. 12. 2025 score 2 hluk; 1. 1. 2026 score 3 lichva,
                                                   drogy; 31. 3. 2026 score 4 drogy, odpad; 1. 4. 2026 score 5
                                                   extremismus (after the period: ignored)
                                                   records 1. 1. 08:30 and 31. 3. 23:30 (shift over midnight)
                                                   dohled nad veřejným pořádkem, 10. 2. stříkačky; not counted:
                                                   1. 4. 00:30, 31. 12. 2025, and 11. 2. on a returned shift
                                                   meetings 1. 1. 00:30 and 31. 3. 18:00; not counted: 1. 4.
Not listed: an inactive locality in Ústí nad Labem and another organisation's "Předlice".
"""

import datetime
from dataclasses import dataclass

from accounts.choices import Role
from assistants.choices import Outcome, ShiftStatus
from locations.choices import Region
from tests.accounts.factories import UserFactory
from tests.assistants.factories import FieldRecordFactory, ProjectFactory, at, category
from tests.assistants.worklog_helpers import approved_shift
from tests.locations.factories import LocalityFactory, ObservationFactory
from tests.platforms.factories import MeetingFactory, PlatformFactory

PERIOD = {"od": "2026-01-01", "do": "2026-03-31"}

USTI = {"municipality_name": "Ústí nad Labem", "municipality_code": "554804", "region": Region.USTECKY}
LITVINOV = {"municipality_name": "Litvínov", "municipality_code": "567256", "region": Region.USTECKY}
PLZEN = {"municipality_name": "Plzeň", "municipality_code": "554791", "region": Region.PLZENSKY}


@dataclass
class SituationData:
    predlice: object
    brezno: object
    janov: object
    vltavinska: object
    project: object
    mentor: object
    platform: object


def day(year: int, month: int, dom: int) -> datetime.date:
    return datetime.date(year, month, dom)


def build_situation_data(organisation, other_organisation) -> SituationData:
    predlice = LocalityFactory(organisation=organisation, name="Předlice", **USTI)
    brezno = LocalityFactory(organisation=organisation, name="Krásné Březno", **USTI)
    janov = LocalityFactory(organisation=organisation, name="Janov", **LITVINOV)
    vltavinska = LocalityFactory(organisation=organisation, name="Vltavínská", **PLZEN)
    inactive = LocalityFactory(organisation=organisation, name="Střekov", is_active=False, **USTI)
    outside = LocalityFactory(organisation=other_organisation, name="Předlice", **USTI)

    author = UserFactory(organisation=organisation, roles=[Role.APK])

    def observe(where, when, score, problems):
        ObservationFactory(locality=where, author=author, observed_on=when, score=score, problems=problems)

    observe(predlice, day(2025, 12, 20), 2, ["noise"])
    observe(predlice, day(2026, 1, 1), 3, ["usury", "drugs"])
    observe(predlice, day(2026, 3, 31), 4, ["drugs", "waste"])
    observe(predlice, day(2026, 4, 1), 5, ["extremism"])
    observe(brezno, day(2025, 11, 10), 2, ["vandalism"])
    observe(vltavinska, day(2026, 2, 15), 1, [])
    observe(inactive, day(2026, 2, 1), 5, ["drugs"])
    ObservationFactory(locality=outside, observed_on=day(2026, 2, 1), score=5, problems=["usury"])

    mentor = UserFactory(organisation=organisation, roles=[Role.MENTOR])
    project = ProjectFactory(organisation=organisation, assistants=[author], mentors=[mentor])

    def shift(when, start="08:00", end="16:00", **extra):
        return approved_shift(
            project=project, mentor=mentor, assistants=[author], date=when, start=start, end=end, **extra
        )

    def record(on_shift, where, when, hhmm, code):
        FieldRecordFactory(
            shift=on_shift,
            author=author,
            locality=where,
            recorded_at=at(when, hhmm),
            category=category(code),
            outcome=Outcome.SOLVED_ON_SPOT,
            syringe_count=4 if code == "syringes" else None,
        )

    first_day = shift(day(2026, 1, 1))
    record(first_day, predlice, day(2026, 1, 1), "08:30", "public_order")
    last_night = shift(day(2026, 3, 31), start="22:00", end="06:00")
    record(last_night, predlice, day(2026, 3, 31), "23:30", "public_order")
    record(last_night, predlice, day(2026, 4, 1), "00:30", "public_order")
    february = shift(day(2026, 2, 10))
    record(february, predlice, day(2026, 2, 10), "10:00", "syringes")
    record(shift(day(2025, 12, 31)), predlice, day(2025, 12, 31), "10:00", "public_order")
    returned = shift(day(2026, 2, 11), status=ShiftStatus.RETURNED, return_comment="Doplňte popis.")
    record(returned, predlice, day(2026, 2, 11), "10:00", "public_order")
    brezno_shift = shift(day(2026, 2, 1))
    record(brezno_shift, brezno, day(2026, 2, 1), "09:00", "neighbours")
    record(brezno_shift, brezno, day(2026, 2, 1), "11:00", "help")
    plzen_shift = shift(day(2026, 3, 1))
    record(plzen_shift, vltavinska, day(2026, 3, 1), "10:00", "public_order")
    record(plzen_shift, inactive, day(2026, 3, 1), "11:00", "public_order")

    platform = PlatformFactory(organisation=organisation, name="Platforma Ústí")

    def meeting(where, when, hhmm):
        MeetingFactory(platform=platform, locality=where, place="", starts_at=at(when, hhmm))

    meeting(predlice, day(2026, 1, 1), "00:30")
    meeting(predlice, day(2026, 3, 31), "18:00")
    meeting(predlice, day(2026, 4, 1), "09:00")
    meeting(brezno, day(2025, 12, 31), "23:30")
    meeting(vltavinska, day(2026, 2, 20), "14:00")
    MeetingFactory(platform=platform, place="zasedací místnost MMÚ", starts_at=at(day(2026, 2, 3), "14:00"))
    return SituationData(
        predlice=predlice,
        brezno=brezno,
        janov=janov,
        vltavinska=vltavinska,
        project=project,
        mentor=mentor,
        platform=platform,
    )


def grow_situation_data(data: SituationData, copies: int) -> None:
    """More localities, each with observations, records and a meeting (query-count test)."""
    organisation = data.project.organisation
    author = data.project.assistants.first()
    worked = approved_shift(
        project=data.project, mentor=data.mentor, assistants=[author], date=day(2026, 2, 20), start="08:00", end="16:00"
    )
    for n in range(copies):
        for index in range(3):
            where = LocalityFactory(organisation=organisation, name=f"Lokalita {n}-{index}", **USTI)
            ObservationFactory(locality=where, author=author, observed_on=day(2026, 2, 1), score=2, problems=["noise"])
            ObservationFactory(locality=where, author=author, observed_on=day(2026, 3, 1), score=3, problems=["waste"])
            for code in ("public_order", "hostels"):
                FieldRecordFactory(
                    shift=worked,
                    author=author,
                    locality=where,
                    recorded_at=at(day(2026, 2, 20), "10:00"),
                    category=category(code),
                )
            MeetingFactory(platform=data.platform, locality=where, place="", starts_at=at(day(2026, 2, 25), "14:00"))

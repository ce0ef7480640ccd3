"""The APK project of the MV ČR report tests: March–April 2026, every shift and record written out.

Project "APK Předlice" (1. 1. – 31. 12. 2026, 365 days, 3000 planned hours), mentor Milan Dvořák,
assistants Alena Bílá and Petr Černý. Report period 1. 3. – 30. 4. 2026.

Shifts (approved unless noted)                                  minutes  counts?
  S1  1. 3.  Bílá          08:00–16:00, 30 min break            450      yes (first day)
  S2  10. 3. Bílá + Černý  08:00–16:00 (shared)                 480      yes, once in totals, for each assistant
  S3  15. 4. Černý         12:00–18:15                          375      yes
  S4  30. 4. Bílá          22:00–06:00 (over midnight)          480      yes (last day, all hours on its start date)
  S5  28. 2. Bílá          22:00–06:00 (over midnight)          480      no (day before)
  S6  1. 5.  Černý         08:00–16:00                          480      no (day after)
  S7  20. 3. Bílá          returned                             480      no
  S8  21. 3. Černý         submitted                            480      no
  S9  15. 3. Bílá          another project of the organisation  480      no
  S10 15. 3. another organisation's project                     480      no

Field records (a record counts by its own date, Europe/Prague)
  R1  1. 3. 08:30   S1  Předlice       dohled nad veřejným pořádkem  vyřešeno domluvou na místě
  R2  1. 3. 10:00   S1  Předlice       stříkačky (12)                pouze monitoring
  R3  10. 3. 09:00  S2  Krásné Březno  sousedské spory               přivolána hlídka MP → "MP Ústí"
  R4  10. 3. 11:00  S2  jiné místo     stříkačky (5)                 oznámeno PČR → "OO PČR Ústí"
  R5  10. 3. 13:00  S2  Předlice       pomoc a poradenství           předáno OSPOD / soc. službě → "OSPOD Ústí"
  R6  15. 4. 13:00  S3  Krásné Březno  pomoc a poradenství           předáno OSPOD / soc. službě → "Bílý kruh bezpečí"
  R7  15. 4. 14:00  S3  jiné místo     dohled nad veřejným pořádkem  jiné
  R8  30. 4. 23:30  S4  Předlice       dohled nad veřejným pořádkem  vyřešeno domluvou na místě
  R9  1. 3. 01:00   S5  Krásné Březno  čistota, černé skládky        vyřešeno domluvou na místě
      (the shift S5 is outside the period, the record's own date is inside: it counts)
Not counted: 1. 5. 00:30 on S4 (after midnight, 7 syringes); 28. 2. 23:00 on S5 (100 syringes);
records of S6, S7, S8, S9 and S10.
"""

import datetime
from dataclasses import dataclass

from accounts.choices import Role
from assistants.choices import Outcome, ShiftStatus
from tests.accounts.factories import UserFactory
from tests.assistants.factories import FieldRecordFactory, ProjectFactory, at, category
from tests.assistants.worklog_helpers import approved_shift
from tests.locations.factories import LocalityFactory

PERIOD = {"od": "2026-03-01", "do": "2026-04-30"}


@dataclass
class ApkData:
    project: object
    other_project: object
    alena: object
    petr: object
    predlice: object
    brezno: object


def day(month: int, dom: int) -> datetime.date:
    return datetime.date(2026, month, dom)


def locality(organisation, name: str):
    return LocalityFactory(
        organisation=organisation, name=name, municipality_name="Ústí nad Labem", municipality_code="554804"
    )


def build_apk_data(organisation, mentor, other_organisation) -> ApkData:
    mentor.first_name, mentor.last_name = "Milan", "Dvořák"
    mentor.save()
    alena = UserFactory(organisation=organisation, username="bila", first_name="Alena", last_name="Bílá")
    petr = UserFactory(organisation=organisation, username="cerny", first_name="Petr", last_name="Černý")
    project = ProjectFactory(
        organisation=organisation,
        name="APK Předlice",
        registration_number="MV-2026-042",
        starts_on=day(1, 1),
        ends_on=day(12, 31),
        planned_hours=3000,
        assistants=[alena, petr],
        mentors=[mentor],
    )
    other_project = ProjectFactory(organisation=organisation, name="APK Krásné Březno", assistants=[alena])
    predlice = locality(organisation, "Předlice")
    brezno = locality(organisation, "Krásné Březno")

    def shift(when, team, start="08:00", end="16:00", **extra):
        extra.setdefault("project", project)
        return approved_shift(mentor=mentor, assistants=team, date=when, start=start, end=end, **extra)

    def record(on_shift, when, hhmm, place, code, outcome, **extra):
        where = {"locality": place} if place is not None else {"locality": None, "place": "nádraží"}
        return FieldRecordFactory(
            shift=on_shift,
            author=on_shift.assistants.first(),
            recorded_at=at(when, hhmm),
            category=category(code),
            outcome=outcome,
            **where,
            **extra,
        )

    s1 = shift(day(3, 1), [alena], break_minutes=30)
    s2 = shift(day(3, 10), [alena, petr])
    s3 = shift(day(4, 15), [petr], start="12:00", end="18:15")
    s4 = shift(day(4, 30), [alena], start="22:00", end="06:00")
    s5 = shift(day(2, 28), [alena], start="22:00", end="06:00")
    s6 = shift(day(5, 1), [petr])
    s7 = shift(day(3, 20), [alena], status=ShiftStatus.RETURNED, return_comment="Doplňte popis.")
    s8 = shift(day(3, 21), [petr], status=ShiftStatus.SUBMITTED)
    s9 = shift(day(3, 15), [alena], project=other_project)

    record(s1, day(3, 1), "08:30", predlice, "public_order", Outcome.SOLVED_ON_SPOT)
    record(s1, day(3, 1), "10:00", predlice, "syringes", Outcome.MONITORING_ONLY, syringe_count=12)
    record(s2, day(3, 10), "09:00", brezno, "neighbours", Outcome.MUNICIPAL_POLICE_CALLED, handed_over_to="MP Ústí")
    record(
        s2,
        day(3, 10),
        "11:00",
        None,
        "syringes",
        Outcome.REPORTED_TO_POLICE,
        syringe_count=5,
        handed_over_to="OO PČR Ústí",
    )
    record(s2, day(3, 10), "13:00", predlice, "help", Outcome.HANDED_TO_SERVICE, handed_over_to="OSPOD Ústí")
    record(s3, day(4, 15), "13:00", brezno, "help", Outcome.HANDED_TO_SERVICE, handed_over_to="Bílý kruh bezpečí")
    record(s3, day(4, 15), "14:00", None, "public_order", Outcome.OTHER)
    record(s4, day(4, 30), "23:30", predlice, "public_order", Outcome.SOLVED_ON_SPOT)
    record(s5, day(3, 1), "01:00", brezno, "cleanliness", Outcome.SOLVED_ON_SPOT)
    # Not counted.
    record(s4, day(5, 1), "00:30", predlice, "syringes", Outcome.MONITORING_ONLY, syringe_count=7)
    record(s5, day(2, 28), "23:00", predlice, "syringes", Outcome.MONITORING_ONLY, syringe_count=100)
    record(s6, day(5, 1), "10:00", predlice, "public_order", Outcome.SOLVED_ON_SPOT)
    record(s7, day(3, 20), "10:00", predlice, "public_order", Outcome.SOLVED_ON_SPOT)
    record(s8, day(3, 21), "10:00", brezno, "neighbours", Outcome.MUNICIPAL_POLICE_CALLED, handed_over_to="MP Ústí")
    record(s9, day(3, 15), "10:00", predlice, "syringes", Outcome.MONITORING_ONLY, syringe_count=40)

    outside_mentor = UserFactory(organisation=other_organisation, roles=[Role.MENTOR])
    outside_apk = UserFactory(organisation=other_organisation, roles=[Role.APK])
    outside_project = ProjectFactory(organisation=other_organisation, name="APK Města B", assistants=[outside_apk])
    s10 = approved_shift(
        project=outside_project,
        mentor=outside_mentor,
        assistants=[outside_apk],
        date=day(3, 15),
        start="08:00",
        end="16:00",
    )
    FieldRecordFactory(shift=s10, author=outside_apk, recorded_at=at(day(3, 15), "10:00"), syringe_count=None)
    return ApkData(
        project=project, other_project=other_project, alena=alena, petr=petr, predlice=predlice, brezno=brezno
    )


def grow_apk_data(data: ApkData, mentor, copies: int) -> None:
    """More of everything the report lists per row: assistants, shifts, localities and records (query-count test)."""
    organisation = data.project.organisation
    for n in range(copies):
        assistant = UserFactory(organisation=organisation, first_name="Extra", last_name=f"Asistent{n}")
        data.project.assistants.add(assistant)
        for dom in (2, 3, 4):
            place = locality(organisation, f"Lokalita {n}-{dom}")
            for month in (3, 4):
                worked = approved_shift(
                    project=data.project,
                    mentor=mentor,
                    assistants=[assistant],
                    date=day(month, dom),
                    start="08:00",
                    end="12:00",
                )
                for code, outcome, receiver in [
                    ("hostels", Outcome.MUNICIPAL_POLICE_CALLED, f"MP {n}"),
                    ("syringes", Outcome.MONITORING_ONLY, ""),
                ]:
                    FieldRecordFactory(
                        shift=worked,
                        author=assistant,
                        recorded_at=at(day(month, dom), "09:00"),
                        locality=place,
                        category=category(code),
                        outcome=outcome,
                        handed_over_to=receiver,
                        syringe_count=3 if code == "syringes" else None,
                    )

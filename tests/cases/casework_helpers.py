"""Helpers of the casework view tests (the fixtures are in conftest.py): constants and service shortcuts."""

import datetime

from cases import services
from cases.models import AnonymousContact, IndividualPlan, Referral

CODE = "K-2026-0042"
# Identifying data of the client: none of these may appear on a case page, the home page or in a message.
IDENTITY = {
    "full_name": "Marie Nováková",
    "birth_year": 1979,
    "phone": "+420 777 123 456",
    "address": "Předlická 12, Ústí nad Labem",
}
CLOSED = "Případ je uzavřený; pro změny ho nejdřív znovu otevřete."
INCOMPLETE = "Formulář je neúplný. Načtěte stránku znovu."
OPENED = datetime.date(2026, 1, 10)


def stale(what: str) -> str:
    return f"{what} mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def add_contact(case, by, *, minutes=45, day=datetime.date(2026, 2, 1), **fields):
    values = {"form": "in_person", "place": "police_station", "activities": ["rights"], "specific_tasks": []}
    values.update(fields)
    return services.contact_create(case=case, by=by, workers=[by], date=day, duration_minutes=minutes, **values)


def add_plan(case, by, *, review_on=datetime.date(2026, 3, 1)) -> IndividualPlan:
    return services.plan_save(
        case=case,
        by=by,
        version=None,
        goals="Chci splatit dluh bez lichváře.",
        steps="Dluhová poradna, splátkový kalendář.",
        responsible="klientka, pracovnice",
        review_on=review_on,
    )


def add_referral(case, by, **fields) -> Referral:
    values = {
        "target": "debt_counselling",
        "target_other": "",
        "referred_on": datetime.date(2026, 2, 3),
        "reason": "Splátkový kalendář.",
    }
    values.update(fields)
    return services.referral_create(case=case, by=by, **values)


def add_anonymous(service, by, *, day=datetime.date(2026, 2, 1), **fields) -> AnonymousContact:
    values = {"duration_minutes": 20, "persons_count": 3, "activities": ["counselling"], "note": ""}
    values.update(fields)
    return services.anonymous_contact_create(service=service, by=by, date=day, **values)


def close(case, by, *, reason="Cíle splněny."):
    case.refresh_from_db()
    return services.case_close(
        case=case, by=by, version=case.version, closed_on=datetime.date(2026, 6, 1), reason=reason
    )

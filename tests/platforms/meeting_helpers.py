"""Shared set-up of the meeting page tests: a platform with three member institutions, meetings, POST data."""

import datetime
import io
from dataclasses import dataclass

from django.urls import reverse
from pypdf import PdfReader

from platforms import services
from tests.platforms.factories import InstitutionFactory, PlatformFactory, RepresentativeFactory, at

OCT, NOV, DEC = datetime.date(2026, 10, 5), datetime.date(2026, 11, 2), datetime.date(2026, 12, 7)
STALE = "Jednání mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."
FINAL = "Zápis je uzavřený; jednání nelze měnit, dokud ho koordinátor znovu neotevře."


@dataclass
class Members:
    """A platform of organisation A with three member institutions and four representatives."""

    platform: object
    police: object
    city: object
    ngo: object
    maly: object
    vesela: object
    riha: object
    stastny: object


def platform_with_members(organisation, coordinator, *, name="Koordinační platforma Předlice") -> Members:
    platform = PlatformFactory(organisation=organisation, coordinator=coordinator, name=name)
    police = InstitutionFactory(platform=platform, name="Policie ČR, OOP Ústí nad Labem", kind="pcr")
    city = InstitutionFactory(platform=platform, name="Magistrát – odbor sociálních věcí", kind="municipality")
    ngo = InstitutionFactory(platform=platform, name="Člověk v tísni", kind="ngo")
    return Members(
        platform=platform,
        police=police,
        city=city,
        ngo=ngo,
        maly=RepresentativeFactory(institution=police, name="npor. Jan Malý", function="vedoucí oddělení"),
        vesela=RepresentativeFactory(institution=city, name="Mgr. Eva Veselá", function="kurátorka pro mládež"),
        riha=RepresentativeFactory(institution=city, name="Bc. Petr Říha", function="sociální pracovník"),
        stastny=RepresentativeFactory(institution=ngo, name="Jiří Šťastný", function="terénní pracovník"),
    )


def hold_meeting(
    platform, day=OCT, *, hhmm="14:00", place="KC Předlice", chair="Karel Svoboda", agenda=("Úvod",), **fields
):
    return services.meeting_create(
        platform=platform, starts_at=at(day, hhmm), place=place, chair=chair, agenda=agenda, **fields
    )


def add_task(meeting, institution, *, title="Posílit hlídky u ZŠ", due_on=datetime.date(2026, 10, 31), **fields):
    meeting.refresh_from_db()
    return services.task_create(
        meeting=meeting,
        version=meeting.version,
        title=title,
        responsible_institution=institution,
        due_on=due_on,
        **fields,
    )


def url(name: str, obj, **extra) -> str:
    return reverse(f"platforms:{name}", kwargs={"pk": obj.pk, **extra})


def version_of(meeting) -> int:
    meeting.refresh_from_db()
    return meeting.version


def formset_data(prefix: str, rows: list[dict], *, initial: int = 0) -> dict:
    """POST data of a formset: the management form and each row's fields (keys as the row names them)."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def attendance_data(version: int, statuses: dict, guests: list[dict] = ()) -> dict:
    """POST data of the attendance page: representative -> status, and the guests."""
    data = {"version": str(version), **formset_data("guests", list(guests))}
    for representative, status in statuses.items():
        data[f"status_{representative.pk}"] = status
    return data


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def pdf_text(content: bytes) -> str:
    return "\n".join(pdf_pages(content))


def flat(text: str) -> str:
    """PDF text with all runs of whitespace as one space (table cells wrap unpredictably)."""
    return " ".join(text.split())

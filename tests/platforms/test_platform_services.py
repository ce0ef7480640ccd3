"""Platform services: tasks carried over and their history, finalising and reopening, uploads."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from platforms import selectors, services
from platforms.models import Attendance, Output
from tests.core.document_files import pdf_document
from tests.platforms.factories import InstitutionFactory, PlatformFactory, RepresentativeFactory, at

OCT, NOV, DEC = datetime.date(2026, 10, 5), datetime.date(2026, 11, 2), datetime.date(2026, 12, 7)


@pytest.fixture
def platform(organisation, coordinator):
    return PlatformFactory(organisation=organisation, coordinator=coordinator)


@pytest.fixture
def police(platform):
    institution = InstitutionFactory(platform=platform, name="Policie ČR, OOP Ústí", kind="pcr")
    RepresentativeFactory(institution=institution, name="npor. Jan Malý")
    return institution


@pytest.fixture
def city(platform):
    institution = InstitutionFactory(platform=platform, name="Magistrát – odbor sociálních věcí", kind="municipality")
    RepresentativeFactory(institution=institution, name="Mgr. Eva Veselá")
    return institution


def _meeting(platform, day):
    return services.meeting_create(platform=platform, starts_at=at(day), place="KC Předlice", agenda=["Úvod"])


@pytest.mark.django_db
def test_new_meeting_lists_every_active_representative_as_absent(platform, police, city):
    meeting = _meeting(platform, OCT)
    assert sorted(Attendance.objects.filter(meeting=meeting).values_list("representative__name", "status")) == [
        ("Mgr. Eva Veselá", "absent"),
        ("npor. Jan Malý", "absent"),
    ]
    assert list(meeting.agenda_items.values_list("position", "title")) == [(1, "Úvod")]


@pytest.mark.django_db
def test_open_tasks_carry_over_until_done_with_their_history(platform, police, city):
    october = _meeting(platform, OCT)
    patrols = services.task_create(
        meeting=october,
        version=october.version,
        title="Posílit hlídky u ZŠ",
        responsible_institution=police,
        due_on=datetime.date(2026, 10, 31),
    )
    october.refresh_from_db()
    survey = services.task_create(
        meeting=october,
        version=october.version,
        title="Připravit dotazník bezpečí",
        responsible_institution=city,
        due_on=datetime.date(2026, 11, 30),
    )
    november = _meeting(platform, NOV)
    assert [t.title for t in selectors.tasks_to_review(november)] == [
        "Posílit hlídky u ZŠ",
        "Připravit dotazník bezpečí",
    ]
    services.task_review(meeting=november, version=november.version, task=patrols, outcome="done")
    november.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.task_review(meeting=november, version=november.version, task=survey, outcome="carried_on")
    assert error.value.message_dict == {"note": ["U pokračujícího úkolu uveďte, jak pokročil."]}
    services.task_review(
        meeting=november, version=november.version, task=survey, outcome="carried_on", note="Návrh hotov z poloviny."
    )
    december = _meeting(platform, DEC)
    assert [t.title for t in selectors.tasks_to_review(december)] == ["Připravit dotazník bezpečí"]
    assert [t.title for t in selectors.tasks_to_review(november)] == [
        "Posílit hlídky u ZŠ",
        "Připravit dotazník bezpečí",
    ]
    patrols.refresh_from_db()
    assert (patrols.status, patrols.closed_at_meeting) == ("done", november)
    assert list(survey.reviews.values_list("meeting__starts_at__month", "outcome", "note")) == [
        (11, "carried_on", "Návrh hotov z poloviny.")
    ]


@pytest.mark.django_db
def test_task_cannot_be_reviewed_at_its_own_meeting(platform, police):
    october = _meeting(platform, OCT)
    task = services.task_create(
        meeting=october, version=october.version, title="Úkol", responsible_institution=police, due_on=NOV
    )
    october.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.task_review(meeting=october, version=october.version, task=task, outcome="done")
    assert error.value.messages == ["Tento úkol na tomto jednání nelze kontrolovat."]


@pytest.mark.django_db
def test_final_minutes_lock_the_meeting_until_a_coordinator_reopens(platform, police, coordinator, org_admin):
    meeting = _meeting(platform, OCT)
    meeting = services.meeting_finalise(meeting=meeting, version=meeting.version, by=coordinator)
    with pytest.raises(ValidationError) as error:
        services.agenda_save(meeting=meeting, version=meeting.version, items=[{"title": "Nový bod"}])
    assert error.value.messages == ["Zápis je uzavřený; jednání nelze měnit, dokud ho koordinátor znovu neotevře."]
    with pytest.raises(ValidationError) as error:
        services.meeting_reopen(meeting=meeting, version=meeting.version, by=coordinator, reason=" ")
    assert error.value.message_dict == {"reason": ["Uveďte důvod znovuotevření zápisu."]}
    with pytest.raises(ValidationError):
        services.meeting_reopen(meeting=meeting, version=meeting.version, by=org_admin, reason="oprava")
    meeting = services.meeting_reopen(
        meeting=meeting, version=meeting.version, by=coordinator, reason="Překlep v usnesení."
    )
    assert meeting.status == "draft"
    assert list(meeting.status_changes.values_list("to_status", "reason")) == [
        ("final", ""),
        ("draft", "Překlep v usnesení."),
    ]


@pytest.mark.django_db
def test_stale_meeting_edit_is_refused(platform):
    meeting = _meeting(platform, OCT)
    seen = meeting.version
    services.agenda_save(meeting=meeting, version=seen, items=[{"title": "Bod A"}])
    with pytest.raises(ValidationError) as error:
        services.agenda_save(meeting=meeting, version=seen, items=[{"title": "Bod B"}])
    assert error.value.messages == ["Jednání mezitím změnil někdo jiný. Načtěte stránku znovu a změnu zopakujte."]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("skript.exe", b"MZ....", "Nahrajte dokument PDF, DOCX, XLSX nebo ODT."),
        ("metodika.pdf", b"not a pdf", "Soubor není platný dokument PDF."),
        ("metodika.pdf", b"%PDF-<html><script>alert(1)</script></html>", "Soubor není platný dokument PDF."),
    ],
)
def test_upload_of_wrong_type_is_refused_with_a_clear_error(platform, name, content, message):
    with pytest.raises(ValidationError) as error:
        services.output_create(
            platform=platform,
            kind="other",
            title="Dokument",
            date=OCT,
            document=SimpleUploadedFile(name, content),
        )
    assert error.value.message_dict == {"document": [message]}
    assert not Output.objects.exists()


@pytest.mark.django_db
def test_upload_over_the_size_limit_is_refused(platform, settings):
    settings.PLATFORM_DOCUMENT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("metodika.pdf", b"%PDF-1.7 " + b"0" * (1024 * 1024))
    with pytest.raises(ValidationError) as error:
        services.output_create(platform=platform, kind="other", title="Velký", date=OCT, document=big)
    assert error.value.message_dict == {"document": ["Dokument je příliš velký (nejvýše 1 MB)."]}


@pytest.mark.django_db
def test_valid_document_is_stored_under_a_random_name(platform, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    output = services.output_create(
        platform=platform,
        kind="emergency_methodology",
        title="Metodika pochodů",
        date=OCT,
        document=SimpleUploadedFile("Metodika – pochody extremistů.pdf", pdf_document()),
    )
    assert output.original_filename == "Metodika – pochody extremistů.pdf"
    assert "Metodika" not in output.document.name
    assert output.document.name.endswith(".pdf")

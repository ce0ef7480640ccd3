"""Outputs of a platform with their documents: only PDF, DOCX, XLSX and ODT within the size limit are accepted."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from platforms.models import Output
from tests.core.document_files import DOCM_MAIN, docx_document, odt_document, xlsx_document
from tests.platforms.factories import PlatformFactory
from tests.platforms.platform_helpers import PDF, meeting, pdf_upload

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def platform(organisation, coordinator):
    return PlatformFactory(organisation=organisation, coordinator=coordinator, name="Platforma Předlice")


def _url(platform):
    return reverse("platforms:output_create", args=[platform.pk])


def _data(document, **overrides):
    data = {
        "kind": "safety_survey",
        "title": "Průzkum vnímání bezpečí 2026",
        "date": "2026-10-20",
        "document": document,
    }
    data.update(overrides)
    return data


def test_coordinator_uploads_an_output_linked_to_a_meeting(platform, coordinator, login, media):
    october = meeting(platform, datetime.date(2026, 10, 5))

    response = login(coordinator).post(
        _url(platform), _data(pdf_upload("Průzkum – výsledky.pdf"), meeting=october.pk), follow=True
    )

    output = Output.objects.get()
    assert response.redirect_chain == [(f"{reverse('platforms:detail', args=[platform.pk])}#outputs", 302)]
    assert [str(m) for m in response.context["messages"]] == ["Výstup Průzkum vnímání bezpečí 2026 byl uložen."]
    assert (output.platform, output.organisation, output.kind, output.title, output.date, output.meeting) == (
        platform,
        platform.organisation,
        "safety_survey",
        "Průzkum vnímání bezpečí 2026",
        datetime.date(2026, 10, 20),
        october,
    )
    assert output.original_filename == "Průzkum – výsledky.pdf"
    stored = media / output.document.name
    assert stored.read_bytes() == PDF
    assert "Průzkum" not in output.document.name


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Záměr projektu.docx", docx_document(), DOCX),
        ("Průzkum bezpečí.xlsx", xlsx_document(), XLSX),
        ("Metodika.odt", odt_document(), ODT),
    ],
)
def test_office_documents_are_stored_under_their_validated_type(
    platform, coordinator, login, media, name, content, content_type
):
    browser = login(coordinator)
    # Browsers often declare Office files as octet streams; only the content decides the type.
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")

    response = browser.post(_url(platform), _data(upload))

    output = Output.objects.get()
    assert response.status_code == 302
    assert output.original_filename == name
    assert (media / output.document.name).read_bytes() == content
    assert Path(output.document.name).suffix == Path(name).suffix
    download = browser.get(reverse("platforms:output_download", args=[output.pk]))
    assert download["Content-Type"] == content_type


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("skript.exe", b"MZ\x90\x00"), "Nahrajte dokument PDF, DOCX, XLSX nebo ODT."),
        (SimpleUploadedFile("obrazek.png", b"\x89PNG\r\n"), "Nahrajte dokument PDF, DOCX, XLSX nebo ODT."),
        (SimpleUploadedFile("metodika.pdf", b"<html>not a pdf</html>"), "Soubor není platný dokument PDF."),
        (SimpleUploadedFile("zamer.docx", b"%PDF-1.7 renamed"), "Soubor není platný dokument DOCX."),
        (
            SimpleUploadedFile("metodika.pdf", b"%PDF-<html><script>alert(document.cookie)</script></html>"),
            "Soubor není platný dokument PDF.",
        ),
        (SimpleUploadedFile("metodika.pdf", PDF[: len(PDF) // 2]), "Soubor není platný dokument PDF."),
        (
            SimpleUploadedFile("pruzkum.xlsx", docx_document()),
            "Obsah souboru neodpovídá příponě .xlsx: jde o dokument DOCX. Opravte příponu a nahrajte ho znovu.",
        ),
        (
            SimpleUploadedFile("zamer.docx", docx_document(main_content_type=DOCM_MAIN)),
            "Dokument obsahuje makra; uložte ho jako DOCX bez maker a nahrajte ho znovu.",
        ),
        (
            SimpleUploadedFile("zamer.docx", docx_document(extra=[("word/media/image1.png", b"\0" * 2**21)])),
            "Dokument DOCX je po rozbalení příliš velký nebo má příliš mnoho částí; takový soubor nelze nahrát.",
        ),
    ],
    ids=["exe", "png", "html-as-pdf", "pdf-signature-as-docx", "polyglot", "truncated", "renamed", "macros", "bomb"],
)
def test_wrong_type_or_unsound_document_is_refused_at_the_field(platform, coordinator, login, media, upload, message):
    response = login(coordinator).post(_url(platform), _data(upload))

    assert response.status_code == 200
    assert response.context["form"].errors == {"document": [message]}
    assert message in response.content.decode()
    assert not Output.objects.exists()
    assert not any(media.rglob("*.*"))


def test_document_over_the_size_limit_is_refused(platform, coordinator, login, settings, media):
    settings.PLATFORM_DOCUMENT_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("metodika.pdf", b"%PDF-1.7 " + b"0" * (1024 * 1024))

    response = login(coordinator).post(_url(platform), _data(big))

    assert response.context["form"].errors == {"document": ["Dokument je příliš velký (nejvýše 1 MB)."]}
    assert not Output.objects.exists()


def test_document_kind_title_and_date_are_required(platform, coordinator, login):
    response = login(coordinator).post(_url(platform), {"kind": "", "title": "", "date": ""})

    assert response.context["form"].errors == {
        "kind": ["Toto pole je třeba vyplnit."],
        "title": ["Toto pole je třeba vyplnit."],
        "date": ["Toto pole je třeba vyplnit."],
        "document": ["Nahrajte dokument."],
    }


def test_meeting_of_another_platform_cannot_be_chosen(platform, coordinator, organisation, login):
    other = PlatformFactory(organisation=organisation, coordinator=coordinator)
    foreign_meeting = meeting(other, datetime.date(2026, 10, 5))

    response = login(coordinator).post(_url(platform), _data(pdf_upload(), meeting=foreign_meeting.pk))

    assert response.context["form"].errors == {"meeting": ["Vyberte platnou možnost. Tato není k dispozici."]}
    assert not Output.objects.exists()


def test_form_offers_the_output_kinds_and_the_platforms_meetings(platform, coordinator, login):
    october = meeting(platform, datetime.date(2026, 10, 5), place="KC Předlice")

    response = login(coordinator).get(_url(platform))

    form = response.context["form"]
    assert [label for _value, label in form.fields["kind"].choices] == [
        "vyberte druh",
        "metodika postupu při mimořádné události",
        "projektový záměr",
        "průzkum vnímání bezpečí",
        "jiné",
    ]
    assert list(form.fields["meeting"].queryset) == [october]
    body = response.content.decode()
    assert "5. 10. 2026 – KC Předlice" in body
    assert 'enctype="multipart/form-data"' in body
    assert 'accept=".docx,.odt,.pdf,.xlsx"' in body

"""Outputs of a platform with their documents: only PDF, DOCX, XLSX and ODT within the size limit are accepted."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from platforms.models import Output
from tests.platforms.factories import PlatformFactory
from tests.platforms.platform_helpers import PDF, meeting, pdf_upload


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
    ("upload", "message"),
    [
        (SimpleUploadedFile("skript.exe", b"MZ\x90\x00"), "Nahrajte dokument PDF, DOCX, XLSX nebo ODT."),
        (SimpleUploadedFile("obrazek.png", b"\x89PNG\r\n"), "Nahrajte dokument PDF, DOCX, XLSX nebo ODT."),
        (SimpleUploadedFile("metodika.pdf", b"<html>not a pdf</html>"), "Soubor není platný dokument typu pdf."),
        (SimpleUploadedFile("zamer.docx", b"%PDF-1.7 renamed"), "Soubor není platný dokument typu docx."),
    ],
)
def test_wrong_type_or_fake_signature_is_refused_at_the_field(platform, coordinator, login, media, upload, message):
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

"""core/pdf.py: the shared PDF rendering (A4, Czech font, header, "strana X z Y").

The download response is core.responses.attachment_response (tests/core/test_responses.py).
"""

import io

import pytest
from django.template import engines
from pypdf import PdfReader

from core import pdf
from tests.accounts.factories import OrganisationFactory

TEMPLATE = """{% extends "pdf/base.html" %}{% block content %}<h1>Zápis z jednání</h1>
{% for n in rows %}<p>Řádek {{ n }}: příliš žluťoučký kůň úpěl ďábelské ódy</p>{% endfor %}
<img src="https://example.com/tracker.png" alt=""><img src="file:///etc/hostname" alt="">{% endblock %}"""


@pytest.fixture
def document_template(settings, tmp_path):
    (tmp_path / "doc.html").write_text(TEMPLATE, encoding="utf-8")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    engines._engines = {}  # the template engines are cached; the new directory must be seen
    yield "doc.html"
    engines._engines = {}


def _pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


@pytest.mark.django_db
def test_renders_a4_with_header_czech_text_and_page_numbers(document_template):
    organisation = OrganisationFactory(name="Město Žďár")

    content = pdf.render_pdf(
        document_template, {"organisation": organisation, "header_lines": ["Platforma Předlice"], "rows": range(3)}
    )

    reader = PdfReader(io.BytesIO(content))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) * 25.4 / 72), round(float(height) * 25.4 / 72)) == (210, 297)
    text = _pages(content)[0]
    assert "Zápis z jednání" in text
    assert "Řádek 2: příliš žluťoučký kůň úpěl ďábelské ódy" in text
    assert f"Město Žďár · IČO {organisation.ico}" in text
    assert "Platforma Předlice" in text
    assert "strana 1 z 1" in text


@pytest.mark.django_db
def test_every_page_carries_the_header_and_its_number(document_template):
    organisation = OrganisationFactory(name="Město Žďár")

    pages = _pages(pdf.render_pdf(document_template, {"organisation": organisation, "rows": range(120)}))

    assert len(pages) > 2
    for number, text in enumerate(pages, start=1):
        assert f"strana {number} z {len(pages)}" in text
        assert "Město Žďár" in text


@pytest.mark.django_db
def test_remote_and_outside_files_are_never_fetched(document_template, monkeypatch):
    from weasyprint.urls import URLFetcher

    opened = []
    real_fetch = URLFetcher.fetch

    def spy(self, url, headers=None):
        opened.append(url)
        return real_fetch(self, url, headers)

    monkeypatch.setattr(URLFetcher, "fetch", spy)

    content = pdf.render_pdf(document_template, {"organisation": OrganisationFactory(), "rows": []})

    assert content.startswith(b"%PDF-")
    # Only the local font files pass the fetcher; the remote image and /etc/hostname never reach it.
    assert opened == [
        (pdf.FONT_DIR / "DejaVuSans.ttf").resolve().as_uri(),
        (pdf.FONT_DIR / "DejaVuSans-Bold.ttf").resolve().as_uri(),
    ]


def test_fetcher_refuses_remote_urls_and_files_outside_the_allowed_directories():
    fetcher = pdf._url_fetcher()

    with pytest.raises(ValueError, match="no remote resources"):
        fetcher.fetch("https://example.com/logo.png")
    with pytest.raises(ValueError, match="outside the static and font directories"):
        fetcher.fetch("file:///etc/passwd")
    font = fetcher.fetch((pdf.FONT_DIR / "DejaVuSans.ttf").resolve().as_uri())
    assert font.read(4) == b"\x00\x01\x00\x00"

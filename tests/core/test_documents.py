"""Uploaded documents are accepted only when they are sound documents of the type their extension names."""

import io
import random
import zipfile

import pytest

from core import documents
from core.documents import DocumentError, validate_document
from tests.core.document_files import (
    DOCM_MAIN,
    WORD_NS,
    XLSM_MAIN,
    XLSX_MAIN,
    docx_document,
    encrypted_pdf_document,
    handmade_pdf,
    member,
    odt_document,
    pdf_document,
    rezip,
    xlsx_document,
)

NOT_PDF = "Soubor není platný dokument PDF."
NOT_DOCX = "Soubor není platný dokument DOCX."
NOT_XLSX = "Soubor není platný dokument XLSX."
NOT_ODT = "Soubor není platný dokument ODT."


def _refusal(content: bytes, filename: str) -> str:
    with pytest.raises(DocumentError) as error:
        validate_document(content, filename=filename)
    return error.value.message


def _bomb(name: str, size: int = 2 * 1024 * 1024) -> tuple[str, bytes]:
    """A member of zeros: deflate packs 2 MB of them into about 2 kB (a ratio near 1000)."""
    return name, b"\0" * size


def _xlsm() -> bytes:
    """openpyxl's workbook declared as a macro-enabled one (what Excel writes for .xlsm)."""
    types = member(xlsx_document(), "[Content_Types].xml").replace(XLSX_MAIN.encode(), XLSM_MAIN.encode())
    return rezip(xlsx_document(), replace={"[Content_Types].xml": types})


# --- valid documents ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "content", "expected"),
    [
        ("Metodika.pdf", pdf_document(), documents.PDF),
        ("Metodika.PDF", pdf_document(pages=3), documents.PDF),
        ("Metodika.pdf", handmade_pdf(), documents.PDF),
        ("Záměr.docx", docx_document(), documents.DOCX),
        ("Průzkum.xlsx", xlsx_document(), documents.XLSX),
        ("Metodika.odt", odt_document(), documents.ODT),
    ],
)
def test_sound_documents_are_accepted_as_their_type(filename, content, expected):
    assert validate_document(content, filename=filename) == expected


def test_pdf_written_by_weasyprint_with_an_xref_stream_is_accepted():
    import weasyprint

    content = weasyprint.HTML(string="<h1>Zápis z jednání</h1>").write_pdf()

    assert b"/Type /XRef" in content  # the compressed cross-reference form, as the minutes PDFs use
    assert validate_document(content, filename="zapis.pdf") == documents.PDF


def test_each_type_is_served_with_its_own_content_type_and_anything_else_as_a_download():
    assert documents.content_type_of("platform-outputs/2026/ab12.pdf") == "application/pdf"
    assert documents.content_type_of("ab12.docx") == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert documents.content_type_of("ab12.xlsx") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert documents.content_type_of("ab12.odt") == "application/vnd.oasis.opendocument.text"
    assert documents.content_type_of("ab12.html") == "application/octet-stream"


def test_unknown_extension_is_refused():
    assert _refusal(pdf_document(), "metodika.html") == "Nahrajte dokument PDF, DOCX, XLSX nebo ODT."
    assert _refusal(pdf_document(), "metodika") == "Nahrajte dokument PDF, DOCX, XLSX nebo ODT."


# --- PDF --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"%PDF-<html><script>alert(document.cookie)</script></html>", id="signature-then-html"),
        pytest.param(handmade_pdf(after_header=b"%<html><script>alert(1)</script>\n"), id="sound-pdf-with-html"),
        pytest.param(b"<html><script>alert(1)</script></html>\n" + pdf_document(), id="html-then-pdf"),
        pytest.param(pdf_document() + xlsx_document(), id="pdf-with-a-zip-appended"),
    ],
)
def test_pdf_polyglots_are_refused(content):
    assert _refusal(content, "metodika.pdf") == NOT_PDF


def test_the_sound_pdf_polyglot_differs_from_an_accepted_pdf_only_by_its_markup():
    assert validate_document(handmade_pdf(after_header=b"%komentar\n"), filename="a.pdf") == documents.PDF


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda pdf: pdf[: len(pdf) // 2], id="truncated-half"),
        pytest.param(lambda pdf: pdf[:-6], id="without-eof-marker"),
        pytest.param(lambda pdf: pdf.replace(b"%PDF-1.3", b"%PDF-x.y", 1), id="header-without-version"),
        pytest.param(lambda pdf: b"\n" + pdf, id="header-not-at-byte-0"),
        pytest.param(lambda pdf: pdf.replace(b"startxref\n", b"startxref\n1"), id="startxref-past-the-xref"),
        pytest.param(lambda pdf: pdf.replace(b"\nxref\n", b"\nxfer\n"), id="xref-table-missing"),
        pytest.param(lambda pdf: pdf.replace(b"/Root", b"/Rote"), id="trailer-without-root"),
    ],
)
def test_damaged_pdf_is_refused(spoil):
    assert _refusal(spoil(pdf_document()), "metodika.pdf") == NOT_PDF


def test_pdf_without_pages_is_refused():
    assert _refusal(pdf_document(pages=0), "prazdny.pdf") == "Dokument PDF nemá žádnou stránku."


def test_encrypted_pdf_is_refused():
    assert _refusal(encrypted_pdf_document(), "tajne.pdf") == (
        "Dokument PDF je zašifrovaný nebo chráněný heslem; uložte ho bez ochrany a nahrajte ho znovu."
    )


# --- renamed files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (pdf_document(), "zamer.docx", "Obsah souboru neodpovídá příponě .docx: jde o dokument PDF."),
        (xlsx_document(), "zamer.docx", "Obsah souboru neodpovídá příponě .docx: jde o dokument XLSX."),
        (docx_document(), "pruzkum.xlsx", "Obsah souboru neodpovídá příponě .xlsx: jde o dokument DOCX."),
        (odt_document(), "zamer.docx", "Obsah souboru neodpovídá příponě .docx: jde o dokument ODT."),
        (docx_document(), "metodika.odt", "Obsah souboru neodpovídá příponě .odt: jde o dokument DOCX."),
        (xlsx_document(), "metodika.pdf", "Obsah souboru neodpovídá příponě .pdf: jde o dokument XLSX."),
    ],
)
def test_a_document_under_another_types_extension_is_refused_naming_what_it_is(content, filename, message):
    assert _refusal(content, filename) == f"{message} Opravte příponu a nahrajte ho znovu."


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"%PDF-1.7 renamed", "zamer.docx", NOT_DOCX),
        (b"<html>not a pdf</html>", "metodika.pdf", NOT_PDF),
        (b"PK\x03\x04 not a zip", "pruzkum.xlsx", NOT_XLSX),
        (b"MZ\x90\x00", "metodika.odt", NOT_ODT),
    ],
)
def test_content_that_is_no_document_is_refused_as_not_the_claimed_type(content, filename, message):
    assert _refusal(content, filename) == message


def test_legacy_office_or_password_protected_file_is_explained():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504

    assert _refusal(ole, "pruzkum.xlsx") == (
        "Soubor je ve starém formátu Office nebo je chráněný heslem; uložte ho jako XLSX bez hesla a nahrajte ho znovu."
    )


# --- DOCX and XLSX ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        pytest.param(docx_document(main_content_type=DOCM_MAIN), "zamer.docx", id="docm-content-type"),
        pytest.param(docx_document(extra=[("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")]), "zamer.docx", id="docx-vba"),
        pytest.param(_xlsm(), "pruzkum.xlsx", id="xlsm-content-type"),
        pytest.param(
            rezip(xlsx_document(), add=[("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0")]), "pruzkum.xlsx", id="xlsx-vba"
        ),
    ],
)
def test_macro_enabled_office_documents_are_refused(content, filename):
    label = filename.rsplit(".", 1)[1].upper()
    assert (
        _refusal(content, filename) == f"Dokument obsahuje makra; uložte ho jako {label} bez maker a nahrajte ho znovu."
    )


@pytest.mark.parametrize(
    ("build", "filename", "message"),
    [
        (docx_document, "zamer.docx", NOT_DOCX),
        (xlsx_document, "pruzkum.xlsx", NOT_XLSX),
        (odt_document, "metodika.odt", NOT_ODT),
    ],
)
def test_truncated_archives_are_refused(build, filename, message):
    content = build()
    assert _refusal(content[: len(content) - 40], filename) == message
    assert _refusal(content[: len(content) // 2], filename) == message


def test_docx_without_its_main_part_is_refused():
    without_document = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_document())) as source, zipfile.ZipFile(without_document, "w") as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info))

    assert _refusal(without_document.getvalue(), "zamer.docx") == NOT_DOCX


@pytest.mark.parametrize(
    "document",
    [
        pytest.param(f"<w:document xmlns:w='{WORD_NS}'><w:body>".encode(), id="unclosed"),
        pytest.param(b"<html><body>Metodika</body></html>", id="wrong-root"),
        pytest.param(
            f'<!DOCTYPE d [<!ENTITY a "aaaa">]><w:document xmlns:w="{WORD_NS}">&a;</w:document>'.encode(),
            id="entity-declaration",
        ),
    ],
)
def test_docx_whose_main_part_is_not_a_word_document_is_refused(document):
    content = rezip(docx_document(), replace={"word/document.xml": document})

    assert _refusal(content, "zamer.docx") == NOT_DOCX


def test_xlsx_whose_content_types_do_not_name_the_workbook_is_refused():
    types = member(xlsx_document(), "[Content_Types].xml").replace(b'PartName="/xl/workbook.xml"', b'PartName="/x"')

    assert _refusal(rezip(xlsx_document(), replace={"[Content_Types].xml": types}), "pruzkum.xlsx") == NOT_XLSX


def test_xlsx_with_a_damaged_member_is_refused():
    content = xlsx_document()
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        info = archive.getinfo("xl/workbook.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    damaged = content[:start] + bytes(byte ^ 0xFF for byte in content[start : start + 20]) + content[start + 20 :]

    assert _refusal(damaged, "pruzkum.xlsx") == NOT_XLSX


# --- ODT --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(odt_document(mimetype=b"application/vnd.oasis.opendocument.spreadsheet"), id="spreadsheet"),
        pytest.param(odt_document(mimetype=b"application/vnd.oasis.opendocument.text\n"), id="mimetype-with-newline"),
        pytest.param(odt_document(first="content.xml"), id="mimetype-not-first"),
        pytest.param(rezip(odt_document(), replace={"content.xml": b"<html><body/></html>"}), id="content-not-odf"),
        pytest.param(rezip(odt_document(), replace={"content.xml": b"<office:document-content"}), id="content-broken"),
    ],
)
def test_odt_not_shaped_as_an_opendocument_text_is_refused(content):
    assert _refusal(content, "metodika.odt") == NOT_ODT


def test_odt_without_content_is_refused():
    without_content = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(odt_document())) as source, zipfile.ZipFile(without_content, "w") as target:
        for info in source.infolist():
            if info.filename != "content.xml":
                target.writestr(info, source.read(info))

    assert _refusal(without_content.getvalue(), "metodika.odt") == NOT_ODT


def test_odt_with_basic_macros_is_refused():
    content = odt_document(extra=[("Basic/Standard/Module1.xml", b"<script:module/>")])

    assert (
        _refusal(content, "metodika.odt")
        == "Dokument obsahuje makra; uložte ho jako ODT bez maker a nahrajte ho znovu."
    )


# --- zip bombs ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "filename", "label"),
    [
        (docx_document(extra=[_bomb("word/media/image1.png")]), "zamer.docx", "DOCX"),
        (rezip(xlsx_document(), add=[_bomb("xl/media/image1.png")]), "pruzkum.xlsx", "XLSX"),
        (odt_document(extra=[_bomb("Pictures/obrazek.png")]), "metodika.odt", "ODT"),
        (docx_document(extra=[(f"word/media/{n}.xml", b"<a/>") for n in range(1001)]), "zamer.docx", "DOCX"),
    ],
    ids=["docx-ratio", "xlsx-ratio", "odt-ratio", "docx-member-count"],
)
def test_zip_bombs_are_refused_before_anything_is_decompressed(content, filename, label):
    assert len(content) < 200_000
    assert _refusal(content, filename) == (
        f"Dokument {label} je po rozbalení příliš velký nebo má příliš mnoho částí; takový soubor nelze nahrát."
    )


def test_total_uncompressed_size_is_limited(monkeypatch):
    photo = random.Random(11).randbytes(1024 * 1024)  # incompressible, like a photograph
    content = docx_document(extra=[("word/media/image1.png", photo)])
    assert validate_document(content, filename="zamer.docx") == documents.DOCX

    monkeypatch.setattr(documents, "MAX_UNCOMPRESSED_BYTES", 1024 * 1024)

    assert _refusal(content, "zamer.docx") == (
        "Dokument DOCX je po rozbalení příliš velký nebo má příliš mnoho částí; takový soubor nelze nahrát."
    )


def test_small_well_compressible_members_are_not_a_bomb():
    # 512 kB of zeros packs to about 500 bytes: a ratio of 1000, but too small to matter.
    content = docx_document(extra=[("word/media/blank.bmp", b"\0" * 512 * 1024)])

    assert validate_document(content, filename="zamer.docx") == documents.DOCX

"""Real documents generated in the test (pypdf, openpyxl, zipfile), and ways of spoiling them.

No binary fixtures: each builder writes a document the way its format's producers do, so what the validator
accepts is known to be a genuine file, and every spoilt variant differs from it in one stated way.
"""

import io
import zipfile

import openpyxl
from pypdf import PdfWriter

WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA_PROJECT = "application/vnd.ms-office.vbaProject"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def pdf_document(pages: int = 1) -> bytes:
    """A PDF of `pages` blank A4 pages, as pypdf writes it (classic xref table)."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf_document() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("heslo")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def handmade_pdf(*, after_header: bytes = b"") -> bytes:
    """A one-page PDF written byte by byte with a correct xref, with `after_header` right after `%PDF-1.7`.

    pypdf's writer escapes everything it writes; this is how a polyglot that is also a sound PDF is made.
    """
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    content = b"%PDF-1.7\n" + after_header
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(content))
        content += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(content)
    content += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    content += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return content


def _zip(members: list[tuple[str, bytes]], *, stored: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _content_types(overrides: dict[str, str]) -> bytes:
    entries = "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides.items())
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{entries}</Types>'
    ).encode()


def docx_document(*, main_content_type: str = DOCX_MAIN, extra: list[tuple[str, bytes]] = ()) -> bytes:
    """A one-paragraph Word document with the parts Word itself needs to open it."""
    overrides = {"/word/document.xml": main_content_type}
    if any(name == "word/vbaProject.bin" for name, _data in extra):
        overrides["/word/vbaProject.bin"] = VBA_PROJECT
    relationships = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Target="word/document.xml" Type='
        b'"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{WORD_NS}"><w:body><w:p><w:r><w:t>Metodika postupu</w:t></w:r></w:p></w:body>'
        "</w:document>"
    ).encode()
    return _zip(
        [
            ("[Content_Types].xml", _content_types(overrides)),
            ("_rels/.rels", relationships),
            ("word/document.xml", document),
            *extra,
        ]
    )


def xlsx_document() -> bytes:
    """A one-sheet workbook as openpyxl writes it."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["Lokalita", "Počet"])
    workbook.active.append(["Předlice", 12])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt_document(*, mimetype: bytes = ODT_MIMETYPE, extra: list[tuple[str, bytes]] = (), first: str = "mimetype"):
    """A one-paragraph OpenDocument text: `mimetype` first and uncompressed, the manifest, content.xml."""
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        b' manifest:version="1.3">'
        b'<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        b'<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        b"</manifest:manifest>"
    )
    content = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        b' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        b"<office:body><office:text><text:p>Metodika postupu</text:p></office:text></office:body>"
        b"</office:document-content>"
    )
    members = [("mimetype", mimetype), ("META-INF/manifest.xml", manifest), ("content.xml", content), *extra]
    members.sort(key=lambda member: member[0] != first)  # `first` leads, the rest keep their order
    return _zip(members, stored=("mimetype",))


def rezip(content: bytes, *, replace: dict[str, bytes] | None = None, add: list[tuple[str, bytes]] = ()) -> bytes:
    """The same archive with some members' data replaced and others added."""
    replace = replace or {}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        members = [(info.filename, replace.get(info.filename, archive.read(info))) for info in archive.infolist()]
        stored = tuple(info.filename for info in archive.infolist() if info.compress_type == zipfile.ZIP_STORED)
    return _zip([*members, *add], stored=stored)


def member(content: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(name)

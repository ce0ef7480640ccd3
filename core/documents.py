"""Uploaded documents (PDF, DOCX, XLSX, ODT): checked for being what they claim to be, and stored privately.

A signature check alone lets polyglots through (`%PDF-<html><script>…` starts like a PDF, and a browser that
sniffs may run it as a page). Each type is therefore opened the way its reader would open it:
- PDF: the header at byte 0, `%%EOF` at the end, a `startxref` pointing at an xref table or stream, a trailer
  pypdf can read, and at least one page. Encrypted PDFs are refused: their content cannot be checked.
- DOCX / XLSX (Office Open XML): a sound zip whose `[Content_Types].xml` names the format's main part
  (word/document.xml, xl/workbook.xml) with the main content type, that part well-formed; macro-enabled
  content types and `vbaProject.bin` are refused.
- ODT (OpenDocument): a sound zip whose first member `mimetype` holds exactly the ODT media type, with a
  well-formed content.xml; Basic and script libraries (macros) are refused.
Archives are measured from their directory before any member is decompressed (zip bombs), XML parts are read as
a stream with document type declarations refused (entity expansion), and the extension of the file name must be
the type the content turns out to be. `validate_document` returns the type, whose content type is the only one
the file is ever served with.
"""

import io
import logging
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from django.utils.translation import gettext as _

from core import archives

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocumentType:
    extension: str
    content_type: str
    label: str  # the format's name in messages ("PDF")


PDF = DocumentType(".pdf", "application/pdf", "PDF")
DOCX = DocumentType(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX")
XLSX = DocumentType(".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX")
ODT = DocumentType(".odt", "application/vnd.oasis.opendocument.text", "ODT")
DOCUMENT_TYPES = {document_type.extension: document_type for document_type in (PDF, DOCX, XLSX, ODT)}
# What a stored file of unknown type is served as: a download, never something a browser renders.
FALLBACK_CONTENT_TYPE = "application/octet-stream"

# Zip bomb limits, checked on the archive's directory before anything is decompressed (core/archives.py: members,
# ratio). Real documents stay far below them: a 100,000-row XLSX has 9 members, its sheet 15 MB at a ratio of 14;
# a DOCX with images a few dozen members.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
# The small parts read whole: [Content_Types].xml and ODF's mimetype.
MAX_SMALL_PART_BYTES = 1024 * 1024

# Browsers that sniff content look for markup in the first bytes; a document carrying any there is a polyglot.
_SNIFF_WINDOW = 1024
_MARKUP = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed)\b", re.IGNORECASE)
_PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")
_PDF_XREF_TARGET = re.compile(rb"\s*(?:xref\b|\d+\s+\d+\s+obj\b)")
_ZIP_SIGNATURE = b"PK\x03\x04"

_CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
# Main part of each Office Open XML format: where it lives, its content type, and its root element (transitional
# and strict namespaces).
_OOXML_MAIN_PARTS = {
    DOCX: (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        {
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main document",
            "http://purl.oclc.org/ooxml/wordprocessingml/main document",
        },
    ),
    XLSX: (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        {
            "http://schemas.openxmlformats.org/spreadsheetml/2006/main workbook",
            "http://purl.oclc.org/ooxml/spreadsheetml/main workbook",
        },
    ),
}
_ODF_CONTENT_ROOT = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 document-content"
# Where OpenDocument keeps macros: Basic libraries and scripts of other languages.
_ODF_MACRO_FOLDERS = ("basic/", "scripts/")


class DocumentError(Exception):
    """The upload is not an acceptable document; the message is for the user, at the file field."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def document_type_of(filename: str) -> DocumentType | None:
    """The accepted type a file name's extension stands for, or None."""
    return DOCUMENT_TYPES.get(Path(filename or "").suffix.lower())


def content_type_of(stored_name: str) -> str:
    """The content type a stored document is served with: its validated type's (the stored name carries it)."""
    document_type = document_type_of(stored_name)
    return document_type.content_type if document_type else FALLBACK_CONTENT_TYPE


def validate_document(content: bytes, *, filename: str) -> DocumentType:
    """Check that `content` is a sound document of the type its file name's extension says; return that type.

    Raises DocumentError with a Czech message saying what is wrong.
    """
    expected = document_type_of(filename)
    if expected is None:
        raise DocumentError(_("Nahrajte dokument PDF, DOCX, XLSX nebo ODT."))
    if _MARKUP.search(content[:_SNIFF_WINDOW]):
        raise _invalid(expected)
    if content.startswith(b"%PDF-"):
        if expected != PDF:
            try:
                _check_pdf(content)
            except DocumentError:
                raise _invalid(expected) from None  # not a PDF either: only say what it is not
            _check_matches(PDF, expected)
        _check_pdf(content)
    elif content.startswith(_ZIP_SIGNATURE):
        _check_package(content, expected)
    elif content.startswith(archives.OLE_SIGNATURE) and expected in (DOCX, XLSX):
        raise DocumentError(
            _(
                "Soubor je ve starém formátu Office nebo je chráněný heslem; uložte ho jako %(type)s bez hesla "
                "a nahrajte ho znovu."
            )
            % {"type": expected.label}
        )
    else:
        raise _invalid(expected)
    return expected


def _invalid(expected: DocumentType) -> DocumentError:
    return DocumentError(_("Soubor není platný dokument %(type)s.") % {"type": expected.label})


def _check_matches(detected: DocumentType, expected: DocumentType) -> None:
    if detected != expected:
        raise DocumentError(
            _(
                "Obsah souboru neodpovídá příponě %(extension)s: jde o dokument %(type)s. Opravte příponu "
                "a nahrajte ho znovu."
            )
            % {"extension": expected.extension, "type": detected.label}
        )


def _macros(expected: DocumentType) -> DocumentError:
    return DocumentError(
        _("Dokument obsahuje makra; uložte ho jako %(type)s bez maker a nahrajte ho znovu.") % {"type": expected.label}
    )


# --- PDF ---------------------------------------------------------------------------------------------


def _check_pdf(content: bytes) -> None:
    from pypdf import PdfReader

    if not _PDF_HEADER.match(content):
        raise _invalid(PDF)
    # The file ends with "startxref <offset> %%EOF"; readers tolerate a little trailing junk (up to 1 KiB).
    tail = content[-1024:]
    if b"%%EOF" not in tail:
        raise _invalid(PDF)
    marker = content.rfind(b"startxref")
    found = re.match(rb"startxref\s+(\d+)\s+%%EOF", content[marker:]) if marker >= 0 else None
    if found is None or not _PDF_XREF_TARGET.match(content, int(found.group(1))):
        raise _invalid(PDF)
    # Lenient parsing tolerates the small flaws real producers leave; the structure checks above are the strict
    # part. pypdf caps what one stream may decompress to (pypdf.Configuration, 75 MB), so a PDF bomb stops there.
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise DocumentError(
                _("Dokument PDF je zašifrovaný nebo chráněný heslem; uložte ho bez ochrany a nahrajte ho znovu.")
            )
        if "/Root" not in reader.trailer:
            raise _invalid(PDF)
        pages = len(reader.pages)
    except DocumentError:
        raise
    except Exception as error:  # hostile input: pypdf fails in many ways, and every one of them is a refusal
        logger.info("Refused a PDF upload pypdf cannot read: %s", type(error).__name__)
        raise _invalid(PDF) from None
    if pages < 1:
        raise DocumentError(_("Dokument PDF nemá žádnou stránku."))


# --- zip packages (DOCX, XLSX, ODT) -------------------------------------------------------------------


# A truncated or damaged archive (BadZipFile, EOFError, zlib.error; a bad CRC is BadZipFile too), an encrypted
# member (RuntimeError), an unsupported compression method (NotImplementedError), malformed or oversized XML.
_UNREADABLE_ARCHIVE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
    ValueError,
    zlib.error,
    expat.ExpatError,  # archives.parse_xml: not well-formed; its refusals are ValueErrors
)


def _check_package(content: bytes, expected: DocumentType) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
            _check_archive_limits(members, expected)
            names = {member.filename.lower(): member.filename for member in members}
            if members and members[0].filename == "mimetype":
                _check_opendocument(archive, names, expected)
            elif "[content_types].xml" in names:
                _check_office_open_xml(archive, names, expected)
            else:
                raise _invalid(expected)
    except DocumentError:
        raise
    except _UNREADABLE_ARCHIVE:
        raise _invalid(expected) from None


def _check_archive_limits(members: list[zipfile.ZipInfo], expected: DocumentType) -> None:
    try:
        archives.check_members(members, total_limit=MAX_UNCOMPRESSED_BYTES)
    except archives.ArchiveTooLarge as error:
        if error.reason == "encrypted":
            raise _invalid(expected) from None  # its content cannot be checked
        raise DocumentError(
            _("Dokument %(type)s je po rozbalení příliš velký nebo má příliš mnoho částí; takový soubor nelze nahrát.")
            % {"type": expected.label}
        ) from None


def _check_office_open_xml(archive: zipfile.ZipFile, names: dict[str, str], expected: DocumentType) -> None:
    defaults, overrides = {}, {}

    def content_type_entry(name, attributes):
        if name == f"{_CONTENT_TYPES_NS} Default":
            defaults[attributes.get("Extension", "").lower()] = attributes.get("ContentType", "")
        elif name == f"{_CONTENT_TYPES_NS} Override":
            overrides[attributes.get("PartName", "").lower()] = attributes.get("ContentType", "")

    root = _parse_xml(archive, names["[content_types].xml"], on_element=content_type_entry, limit=MAX_SMALL_PART_BYTES)
    if root != f"{_CONTENT_TYPES_NS} Types":
        raise _invalid(expected)
    content_types = [*defaults.values(), *overrides.values()]
    if any("macroenabled" in value.lower() or "vbaproject" in value.lower() for value in content_types):
        raise _macros(expected)
    if any(Path(name).name == "vbaproject.bin" for name in names):
        raise _macros(expected)

    def part_content_type(part: str) -> str:
        return overrides.get(f"/{part}", defaults.get(Path(part).suffix.lstrip(".")))

    detected = [
        document_type
        for document_type, (part, content_type, _roots) in _OOXML_MAIN_PARTS.items()
        if part in names and part_content_type(part) == content_type
    ]
    if len(detected) != 1:
        raise _invalid(expected)
    _check_matches(detected[0], expected)
    part, _content_type, roots = _OOXML_MAIN_PARTS[expected]
    if _parse_xml(archive, names[part]) not in roots:
        raise _invalid(expected)


def _check_opendocument(archive: zipfile.ZipFile, names: dict[str, str], expected: DocumentType) -> None:
    with archive.open("mimetype") as member:
        mimetype = member.read(MAX_SMALL_PART_BYTES)
    if mimetype != ODT.content_type.encode("ascii"):
        raise _invalid(expected)  # another OpenDocument format (a spreadsheet, a presentation), or a fake
    _check_matches(ODT, expected)
    if any(name.startswith(_ODF_MACRO_FOLDERS) for name in names):
        raise _macros(expected)
    if "content.xml" not in names or _parse_xml(archive, names["content.xml"]) != _ODF_CONTENT_ROOT:
        raise _invalid(expected)


def _parse_xml(archive: zipfile.ZipFile, name: str, *, on_element=None, limit: int | None = None) -> str:
    """Check a member is well-formed XML without declarations, reading it as a stream; return its root element."""
    with archive.open(name) as member:
        return archives.parse_xml(iter(lambda: member.read(64 * 1024), b""), on_element=on_element, limit=limit)


# --- private storage ---------------------------------------------------------------------------------

PRIVATE_DIRECTORY_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_directory(path: Path) -> Path:
    """Make sure `path` exists and only the server's own user can list or enter it (0700); return it.

    Missing levels are created 0700 one by one (mkdir's parents=True would give them the default mode); an
    existing directory is tightened. Uploads are the organisation's working documents: no other local account
    of the server may read them.
    """
    path = Path(path)
    missing, current = [], path
    while not current.exists():
        missing.append(current)
        current = current.parent
    for directory in reversed(missing):
        directory.mkdir(mode=PRIVATE_DIRECTORY_MODE, exist_ok=True)
        _restrict(directory, PRIVATE_DIRECTORY_MODE)  # the umask may have taken more than it should
    _restrict(path, PRIVATE_DIRECTORY_MODE)
    return path


def write_private_file(path: Path, content: bytes) -> None:
    """Write a new file readable by the server's own user only (0600 from the start, never briefly wider)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)


def _restrict(path: Path, mode: int) -> None:
    try:
        if stat.S_IMODE(path.stat().st_mode) != mode:
            path.chmod(mode)
    except PermissionError:
        # Not ours to change (e.g. created by an administrator for a group); the files in it stay 0600.
        logger.warning("Cannot restrict %s to mode %o", path, mode)

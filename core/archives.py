"""Zip archives and the XML inside them, checked before anything is unpacked.

The one place where uploads of office documents (core/documents.py) and spreadsheet imports (core/tabular.py)
measure an archive and read its XML; each of them says in its own words what is wrong.

A small upload can unpack to hundreds of megabytes (a zip bomb), and a short XML part can expand its entity
declarations without end ("billion laughs"). So an archive is measured from its directory first (ZipInfo.file_size
is all zipfile ever unpacks of a member), and XML is read by expat as a stream with every document type and entity
declaration refused: no Office or OpenDocument format has one.
"""

from collections.abc import Callable, Iterable
from xml.parsers import expat

# Legacy Office files (DOC, XLS) and password-protected Office Open XML files are both OLE compound files.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_MEMBERS = 1000
# Apache POI's default limit; real documents and workbooks compress 5–20 times.
MAX_RATIO = 100
RATIO_CHECKED_FROM_BYTES = 1024 * 1024  # a small member cannot do harm, however compressed


class ArchiveTooLarge(Exception):
    """An archive breaks a limit. `reason` is "members", "encrypted", "size" or "ratio"; `value` is what the archive
    has (members, bytes, compression ratio) and `limit` what is allowed."""

    def __init__(self, reason: str, *, value: float = 0, limit: float = 0):
        super().__init__(reason)
        self.reason = reason
        self.value = value
        self.limit = limit


class XmlDeclarationRefused(ValueError):
    """An XML part declares a document type or an entity."""


def check_members(members, *, total_limit: int, part_limit: Callable[[str], int] | None = None) -> None:
    """Refuse an archive from its directory alone, raising ArchiveTooLarge at the first limit it breaks.

    In order: the number of members; then for each member whether it is encrypted, its own unpacked size (at most
    `part_limit(name)`, else `total_limit`), the running total (at most `total_limit`) and its compression ratio.
    """
    if len(members) > MAX_MEMBERS:
        raise ArchiveTooLarge("members", value=len(members), limit=MAX_MEMBERS)
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise ArchiveTooLarge("encrypted")
        limit = part_limit(member.filename) if part_limit is not None else total_limit
        if member.file_size > limit:
            raise ArchiveTooLarge("size", value=member.file_size, limit=limit)
        total += member.file_size
        if total > total_limit:
            raise ArchiveTooLarge("size", value=total, limit=total_limit)
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_FROM_BYTES and ratio > MAX_RATIO:
            raise ArchiveTooLarge("ratio", value=ratio, limit=MAX_RATIO)


def parse_xml(chunks: Iterable[bytes], *, on_element=None, limit: int | None = None) -> str:
    """Read XML from `chunks` with expat; return its root element as "namespace local-name".

    `on_element(name, attributes)` sees every element (an exception it raises stops the reading). Raises
    XmlDeclarationRefused for a document type or entity declaration, ValueError past `limit` bytes, and
    expat.ExpatError for XML that is not well-formed.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    root = []

    def start(element, attributes):
        if not root:
            root.append(element)
        if on_element is not None:
            on_element(element, attributes)

    def refuse(*_args):
        raise XmlDeclarationRefused("document type or entity declaration")

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    read = 0
    for chunk in chunks:
        read += len(chunk)
        if limit is not None and read > limit:
            raise ValueError(f"XML larger than {limit} bytes")
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return root[0] if root else ""

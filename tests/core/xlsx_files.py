"""XLSX files built in memory for the import reader's tests: real workbooks, and damaged or hostile ones made
from them by replacing, removing or adding archive members."""

import io
import zipfile

import openpyxl

MAIN_NAMESPACE = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def workbook_bytes(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezipped(parts: dict[str, bytes], *, compresslevel: int = 6) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return stream.getvalue()


def with_parts(content: bytes, *, replace: dict[str, bytes] | None = None, remove: tuple[str, ...] = ()) -> bytes:
    parts = {name: data for name, data in members(content).items() if name not in remove}
    parts.update(replace or {})
    return rezipped(parts)


def sheet_xml(rows_xml: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        + f'<worksheet xmlns="{MAIN_NAMESPACE}"><sheetData>'.encode()
        + rows_xml
        + b"</sheetData></worksheet>"
    )


def inline_cell(reference: str, text: str) -> bytes:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'.encode()


def row_xml(number: int, cells: list[bytes]) -> bytes:
    return f'<row r="{number}">'.encode() + b"".join(cells) + b"</row>"


def with_sheet(content: bytes, rows_xml: bytes) -> bytes:
    return with_parts(content, replace={SHEET: sheet_xml(rows_xml)})


def encrypted(content: bytes) -> bytes:
    """`content` with the zip's "encrypted" flag set on every member, as a password-protected zip has it.

    zipfile cannot write encrypted members, so the flag bit is set in the local and central headers.
    """
    data = bytearray(content)
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        while start != -1:
            data[start + flags_at] |= 0x1
            start = data.find(signature, start + 4)
    return bytes(data)


UNREADABLE = "Soubor XLSX se nepodařilo přečíst; uložte ho v Excelu znovu jako sešit XLSX."

_DTD_SHEET = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    + f'<worksheet xmlns="{MAIN_NAMESPACE}"><sheetData>'.encode()
    + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
)


def damaged_files(valid: bytes) -> dict[str, tuple[bytes, str]]:
    """Damaged or disguised versions of the valid workbook `valid`, each with the Czech error the import shows."""
    content_types = members(valid)["[Content_Types].xml"]
    return {
        "malformed-sheet-xml": (with_parts(valid, replace={SHEET: b"<worksheet><sheetData><row>"}), UNREADABLE),
        "malformed-workbook-xml": (with_parts(valid, replace={"xl/workbook.xml": b"<workbook><sheets"}), UNREADABLE),
        "bad-zip": (valid[: len(valid) // 2], UNREADABLE),
        "zip-but-not-xlsx": (
            rezipped({"word/document.xml": b"<document/>", "readme.txt": b"hello"}),
            "Soubor není sešit XLSX, ale jiný archiv ZIP. Nahrajte tabulku uloženou v Excelu jako sešit XLSX.",
        ),
        "no-workbook-part": (with_parts(valid, remove=("xl/workbook.xml",)), UNREADABLE),
        "missing-sheet": (with_parts(valid, remove=(SHEET,)), "Sešit XLSX neobsahuje žádný list s tabulkou."),
        "ole-renamed": (
            OLE_SIGNATURE + bytes(1024),
            "Soubor není sešit XLSX: je to starý formát XLS, nebo je sešit chráněný heslem. "
            "Uložte ho v Excelu jako „Sešit Excelu (*.xlsx)“ bez hesla.",
        ),
        "encrypted-zip": (encrypted(valid), "Soubor XLSX je zašifrovaný; uložte ho v Excelu znovu bez hesla."),
        "dtd-with-entities": (with_parts(valid, replace={SHEET: _DTD_SHEET}), UNREADABLE),
        "sheet-declared-as-workbook": (
            with_parts(
                valid,
                replace={
                    "[Content_Types].xml": content_types.replace(
                        b"spreadsheetml.worksheet+xml", b"spreadsheetml.sheet.main+xml"
                    )
                },
            ),
            UNREADABLE,
        ),
    }


def zip_bomb(valid: bytes, *, unpacked_bytes: int) -> bytes:
    """`valid` with its sheet padded by the same row over and over: tiny packed, `unpacked_bytes` unpacked."""
    row = row_xml(2, [inline_cell("A2", "x" * 200)])
    rows = row * (unpacked_bytes // len(row) + 1)
    return rezipped({**members(valid), SHEET: sheet_xml(rows)}, compresslevel=9)


def sheet_info(content: bytes) -> zipfile.ZipInfo:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.getinfo(SHEET)

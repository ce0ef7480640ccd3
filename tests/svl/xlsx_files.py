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

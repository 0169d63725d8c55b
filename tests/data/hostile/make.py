#!/usr/bin/env python3
"""Writes the hostile-spreadsheet corpus of tests/hostile.rs (see README.md).

Deterministic (fixed zip dates, fixed order) and Python's standard library
only: `python3 tests/data/hostile/make.py` rewrites every file beside it.
Each is small on disk; some claim or unpack to far more.
"""

import os
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DATE = (2026, 1, 1, 0, 0, 0)
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""

PACKAGE_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""

WORKBOOK = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook {NS} xmlns:r="{REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"""

WORKBOOK_RELS = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""


def cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_rows():
    """The header and one customer: what every case has besides its trap."""
    return (
        f'<row r="1">{cell("A1", "code")}{cell("B1", "name")}</row>'
        f'<row r="2">{cell("A2", "C-9001")}{cell("B2", "Hostile Ltd")}</row>'
    )


def sheet(rows, before=""):
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f"<worksheet {NS}>{before}<sheetData>{rows}</sheetData></worksheet>"
    )


def info(name):
    zi = zipfile.ZipInfo(name, DATE)
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi.external_attr = 0o644 << 16
    return zi


def book(path, sheet_xml, strings=None, stream=None):
    """A workbook with `sheet_xml` (text, or None when `stream` writes it)."""
    with zipfile.ZipFile(path, "w", compresslevel=9) as z:
        z.writestr(info("[Content_Types].xml"), CONTENT_TYPES)
        z.writestr(info("_rels/.rels"), PACKAGE_RELS)
        z.writestr(info("xl/workbook.xml"), WORKBOOK)
        z.writestr(info("xl/_rels/workbook.xml.rels"), WORKBOOK_RELS)
        if strings is not None:
            z.writestr(info("xl/sharedStrings.xml"), strings)
        if stream is not None:
            with z.open(info("xl/worksheets/sheet1.xml"), "w", force_zip64=True) as out:
                for chunk in stream:
                    out.write(chunk)
        else:
            z.writestr(info("xl/worksheets/sheet1.xml"), sheet_xml)


def huge_cell(total):
    """A sheet whose cell B3 holds `total` bytes of text, in chunks."""
    yield (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{header_rows()}'
        f'<row r="3"><c r="A3" t="inlineStr"><is><t>C-9002</t></is></c>'
        f'<c r="B3" t="inlineStr"><is><t>'
    ).encode()
    chunk = b"a" * (1 << 20)
    for _ in range(total >> 20):
        yield chunk
    yield b"</t></is></c></row></sheetData></worksheet>"


def patch_declared_size(path, member, size):
    """Writes `size` as `member`'s uncompressed size in its local header and
    in the central directory, which the data then overruns."""
    with zipfile.ZipFile(path) as z:
        zi = z.getinfo(member)
    data = bytearray(open(path, "rb").read())
    local = zi.header_offset
    assert data[local : local + 4] == b"PK\x03\x04"
    data[local + 22 : local + 26] = size.to_bytes(4, "little")
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_len = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_len] == name:
            data[at + 24 : at + 28] = size.to_bytes(4, "little")
            break
        at = data.find(b"PK\x01\x02", at + 4)
    assert at != -1
    open(path, "wb").write(bytes(data))


def main():
    out = lambda name: os.path.join(HERE, name)
    book(out("far_cell.xlsx"), sheet(header_rows() + f'<row r="1048576">{cell("XFD1048576", "x")}</row>'))
    rows = "".join(
        f'<row r="{r}">{cell(f"A{r}", f"C-{r:05}")}{cell(f"B{r}", "name")}</row>' for r in range(2, 40_002)
    )
    note = f'<row r="1">{cell("A1", "code")}{cell("B1", "name")}{cell("XFD1", "note")}</row>'
    book(out("note_in_xfd1.xlsx"), sheet(note + rows))
    sst = (
        f'<?xml version="1.0" encoding="UTF-8"?><sst {NS} count="100000000000" '
        f'uniqueCount="100000000000"><si><t>code</t></si><si><t>name</t></si></sst>'
    )
    shared = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    book(out("unique_count_1e11.xlsx"), sheet(shared), strings=sst)
    book(out("cell_3gib.xlsx"), None, stream=huge_cell(3 << 30))
    book(out("cell_2mib.xlsx"), None, stream=huge_cell(2 << 20))
    runs = "<r><t>ab</t></r>" * 200_000
    rich = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}><si><t>code</t></si><si>{runs}</si></sst>'
    book(out("rich_string_runs.xlsx"), sheet(shared), strings=rich)
    dim = '<dimension ref="A1:XFD1048576"/>'
    book(out("huge_dimension.xlsx"), sheet(header_rows(), before=dim))
    book(out("reversed_dimension.xlsx"), sheet(header_rows(), before='<dimension ref="B2:A1"/>'))
    laughs = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    doctype = f'<!DOCTYPE worksheet [<!ENTITY lol0 "lol">{laughs}]>'
    text = sheet(f'<row r="1">{cell("A1", "code")}{cell("B1", "&lol9;")}</row>')
    text = text.replace("<worksheet ", doctype + "<worksheet ", 1)
    book(out("billion_laughs.xlsx"), text)
    deep = "<x>" * 100_000 + "</x>" * 100_000
    book(out("deep_nesting.xlsx"), sheet(header_rows(), before=deep))
    book(out("bad_reference.xlsx"), sheet(header_rows() + f'<row r="3">{cell("AAAAAAAAAAAAAAAA3", "x")}</row>'))
    book(out("row_2000000.xlsx"), sheet(header_rows() + f'<row r="2000000">{cell("A2000000", "C-9003")}</row>'))
    order = f'<row r="5">{cell("A5", "C-9005")}</row><row r="3">{cell("A3", "C-9003")}</row>'
    book(out("rows_out_of_order.xlsx"), sheet(header_rows() + order))
    many = "".join(f"<si><t>s{i % 10}</t></si>" for i in range(1000)) * 20_000
    strings = f'<?xml version="1.0" encoding="UTF-8"?><sst {NS}>{many}</sst>'
    book(out("shared_strings_300mib.xlsx"), sheet(shared), strings=strings)
    book(out("wrong_size.xlsx"), sheet(header_rows() + rows[:20_000]))
    patch_declared_size(out("wrong_size.xlsx"), "xl/worksheets/sheet1.xml", 1000)
    book(out("whole.tmp"), sheet(header_rows() + rows[:20_000]))
    whole = open(out("whole.tmp"), "rb").read()
    os.remove(out("whole.tmp"))
    open(out("truncated_zip.xlsx"), "wb").write(whole[: len(whole) * 2 // 3])


if __name__ == "__main__":
    main()

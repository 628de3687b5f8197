#!/usr/bin/python3
"""A copy of openpyxl.xlsx (tools/make-xlsx-fixture.py) whose worksheet XML is damaged: cut off
inside its rows with tags left open, as a partly written or corrupted download. The reader must
refuse it with one line instead of returning the rows before the damage. Run from the repository
root (standard library only):
    /usr/bin/python3 tools/make-damaged-xlsx-fixture.py
Writes Tests/TrustPathImportTests/Fixtures/damaged-sheet.xlsx."""
import zipfile

fixtures = "Tests/TrustPathImportTests/Fixtures/"
with zipfile.ZipFile(fixtures + "openpyxl.xlsx") as source, \
        zipfile.ZipFile(fixtures + "damaged-sheet.xlsx", "w", zipfile.ZIP_DEFLATED) as damaged:
    for name in source.namelist():
        data = source.read(name)
        if name == "xl/worksheets/sheet1.xml":
            text = data.decode()
            data = (text[:text.find("</sheetData>") // 2 + 5] + '<row r="99"><c r="A99"><v>1</c></row>').encode()
        damaged.writestr(name, data)

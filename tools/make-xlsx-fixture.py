#!/usr/bin/python3
"""An .xlsx written by openpyxl (Debian's python3-openpyxl 3.0), the other writer the import tests
read besides R's openxlsx: inline and shared strings, integers and decimals, a date cell with a
date format, a boolean, an empty cell and Chinese text. Run from the repository root:
    /usr/bin/python3 tools/make-xlsx-fixture.py
Writes Tests/TrustPathImportTests/Fixtures/openpyxl.xlsx; the values a reader must return are
in the test (PlatformExportTests.swift, OpenpyxlWorkbookTests)."""
import datetime
from openpyxl import Workbook

book = Workbook()
sheet = book.active
sheet.title = "问卷"
sheet.append(["id", "信任", "score", "submitted", "agreed", "comment"])
sheet.append([1, 7, 3.25, datetime.date(2026, 3, 1), True, "很好"])
sheet.append([2, 5, 4.5, datetime.date(2026, 3, 2), False, None])
sheet.append([3, None, 1, datetime.datetime(2026, 3, 3, 14, 30), True, "a, \"quoted\" note"])
book.save("Tests/TrustPathImportTests/Fixtures/openpyxl.xlsx")

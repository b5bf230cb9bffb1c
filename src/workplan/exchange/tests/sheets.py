"""Workbooks for the import tests: the register as exported, edited the way a person would."""

import datetime

from openpyxl import Workbook, load_workbook

from workplan.exchange.activities_xlsx import write_register
from workplan.exchange.activity_columns import HEADERS, register_rows
from workplan.plans.models import Activity


def exported(plan, path, activities=None):
    """The register's Excel export, written to `path`."""
    rows = activities if activities is not None else Activity.objects.filter(plan=plan)
    write_register(path, plan, register_rows(rows.order_by("code")))
    return path


def row(**cells) -> dict:
    """A new activity's cells, by header; keyword names use underscores for spaces."""
    values = {
        "Code": None,
        "Title": "Maritime law enforcement course",
        "Description": "",
        "Priority area": "Sea piracy",
        "Commitments served": "Maintain maritime security",
        "Lead party": "Indonesia",
        "Partner parties": "Japan; Viet Nam",
        "Modality": "Training",
        "Planned start": datetime.date(2025, 2, 1),
        "Planned end": datetime.date(2025, 3, 31),
        "Actual start": None,
        "Actual end": None,
        "Status": "Planned",
        "Classification": "Plan-internal",
        "Funding source": "Japan-ASEAN Integration Fund (JAIF)",
        "Budget": 25000,
        "Currency": "USD",
        "Weight": 1,
    }
    values.update({name.replace("_", " ").capitalize(): value for name, value in cells.items()})
    return values


def workbook(path, rows: list[dict], headers=HEADERS):
    """A workbook with one header row and the rows given (cells by header)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Activities"
    sheet.append(headers)
    for cells in rows:
        sheet.append([cells.get(header) for header in headers])
    book.save(path)
    return path


def edit(path, changes: dict[tuple[int, str], object]):
    """Changes cells of a saved workbook: {(row number, header): value}."""
    book = load_workbook(path)
    sheet = book["Activities"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for (number, header), value in changes.items():
        sheet.cell(row=number, column=columns[header], value=value)
    book.save(path)
    return path

"""The activity register as an Excel workbook: written in openpyxl's write-only mode and read in
its read-only mode, so memory stays flat however long the register is.

Sheet "Activities": one header row (the columns of `activity_columns`), one row per activity.
Sheet "Lists": the names the cells may use. The template is this workbook with no activity.
"""

from dataclasses import dataclass, field
from zipfile import BadZipFile

from django.utils.translation import gettext, gettext_lazy, ngettext
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from workplan.core.office import OfficeFileRefused, check_office_file
from workplan.exchange.activity_columns import COLUMNS, HEADERS, file_labels, neutralise, normal
from workplan.plans.models import Activity, FundingSource, WorkPlan

SHEET = "Activities"
LISTS_SHEET = "Lists"
NOT_EXCEL = gettext_lazy(
    "This file is not an Excel workbook (.xlsx). Save it from your spreadsheet program as "
    "“Excel Workbook (.xlsx)” and upload it again; older .xls files and CSV are not read."
)
# How the XML parsers (ElementTree's and lxml's errors are SyntaxErrors) and openpyxl's cell
# readers fail on a damaged workbook.
UNREADABLE = (SyntaxError, ValueError, TypeError, KeyError, IndexError)


class FileProblem(ValueError):
    """What is wrong with the file as a whole: not a workbook, missing columns."""

    def __init__(self, messages: list[str]):
        self.messages = [str(message) for message in messages]  # in the reader's language
        super().__init__(" ".join(self.messages))


# Writing


def write_register(target, plan: WorkPlan, rows) -> None:
    """Writes the workbook: `rows` are lists of cells in column order (from `activity_row`)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.append([_header(sheet, column.header) for column in COLUMNS])
    for row in rows:
        sheet.append([neutralise(value) for value in row])
    _write_lists(workbook.create_sheet(LISTS_SHEET), plan)
    workbook.save(target)


def _header(sheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = Font(bold=True)
    cell.alignment = Alignment(vertical="top")
    return cell


def _write_lists(sheet, plan: WorkPlan) -> None:
    """The names each column accepts, side by side."""
    lists = _lists(plan)
    sheet.append([_header(sheet, title) for title in lists])
    for index in range(max(len(values) for values in lists.values())):
        sheet.append([neutralise(v[index]) if index < len(v) else None for v in lists.values()])


def _lists(plan: WorkPlan) -> dict[str, list[str]]:
    areas = list(plan.areas.prefetch_related("commitments"))
    return {
        "Priority area": [area.name for area in areas],
        "Commitments served (area: text)": [
            f"{area.name}: {c.text}" for area in areas for c in area.commitments.all()
        ],
        "Party": [party.name for party in plan.parties.order_by("name")],
        "Party code": [party.code for party in plan.parties.order_by("name")],
        "Modality": list(file_labels(Activity.Modality).values()),
        "Status": list(file_labels(Activity.Status).values()),
        "Classification": list(file_labels(Activity.Classification).values()),
        "Funding source": [source.name for source in FundingSource.objects.all()],
    }


# Reading


@dataclass
class Sheet:
    """An uploaded register, open for reading row by row."""

    workbook: object
    rows: object  # iterator of (row number, {field: cell value})
    total: int
    ignored_columns: list[str] = field(default_factory=list)

    def close(self) -> None:
        self.workbook.close()


def open_register(path, *, count: bool = False) -> Sheet:
    """Opens the workbook and checks its header row; raises FileProblem. The number of rows is
    read from the file, or counted (a second reading) when asked and the file does not say."""
    try:
        check_office_file(path)
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OfficeFileRefused as refused:
        raise FileProblem([str(refused)]) from None
    except (InvalidFileException, BadZipFile, OSError, *UNREADABLE):
        raise FileProblem([NOT_EXCEL]) from None
    sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        positions, ignored = _columns(next(rows, None) or ())
        total = sheet.max_row - 1 if sheet.max_row else _count(path) if count else 0
    except FileProblem:
        workbook.close()
        raise
    except UNREADABLE:
        workbook.close()
        raise FileProblem([_damaged()]) from None
    return Sheet(workbook, _records(rows, positions), max(total, 0), ignored)


def _columns(header) -> tuple[dict[str, int], list[str]]:
    by_name = {normal(column.header): column.field for column in COLUMNS}
    positions, ignored = {}, []
    for index, cell in enumerate(header):
        name = normal(cell) if cell is not None else ""
        if name in by_name and by_name[name] not in positions:
            positions[by_name[name]] = index
        elif name:
            ignored.append(str(cell))
    missing = [column.header for column in COLUMNS if column.field not in positions]
    if missing:
        raise FileProblem([_missing(missing)])
    return positions, ignored


def _missing(missing: list[str]) -> str:
    return ngettext(
        "Column %(names)s is missing. The first row must hold the template's headers: "
        "%(headers)s. Download the template to start from the right columns.",
        "Columns %(names)s are missing. The first row must hold the template's headers: "
        "%(headers)s. Download the template to start from the right columns.",
        len(missing),
    ) % {"names": ", ".join(f"“{name}”" for name in missing), "headers": ", ".join(HEADERS)}


def _records(rows, positions: dict[str, int]):
    """(row number, {field: value}) of the rows that hold something; FileProblem where the
    sheet cannot be read further."""
    number = 1
    try:
        for number, row in enumerate(rows, start=2):
            if not any(value not in (None, "") for value in row):
                continue
            yield number, {name: row[i] if i < len(row) else None for name, i in positions.items()}
    except UNREADABLE:
        raise FileProblem([_damaged(number)]) from None


def _damaged(number: int | None = None) -> str:
    if number:
        return gettext(
            "The file is damaged: its rows could not be read after row %(row)s. Open it in Excel, "
            "save it again and upload that file."
        ) % {"row": number}
    return gettext(
        "The file is damaged: its rows could not be read. Open it in Excel, save it again and "
        "upload that file."
    )


def _count(path) -> int:
    """Rows of a sheet whose size is not recorded in the file (as openpyxl writes them)."""
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
        return sum(1 for _ in sheet.iter_rows(min_row=2, values_only=True))
    finally:
        workbook.close()

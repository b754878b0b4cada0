"""CSV and XLSX downloads of exactly what a page shows: the protected figures, a suppressed value as
the mark "c" (never the number), the legend at the end."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from strom.stats.figures import SUPPRESSED_MARK, Figure, display


def legend(threshold: int) -> str:
    return _("%(mark)s: suppressed to protect the people counted (fewer than %(threshold)s, or a value "
             "that could otherwise be recomputed from the others).") % {"mark": SUPPRESSED_MARK,
                                                                          "threshold": threshold}


def lines(figures: list[Figure], heading: list[str], threshold: int) -> list[list[str]]:
    """The rows both formats write: a heading, then per table its title, header and grid."""
    rows: list[list[str]] = [heading, []]
    for figure in figures:
        rows.append([figure.title])
        rows.append(figure.header())
        rows.extend([label, *[display(cell) for cell in cells]] for label, cells in figure.grid())
        rows.append([])
    rows.append([legend(threshold)])
    return rows


def as_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_safe(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheet programs read UTF-8


def as_xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Statistics")[:31]
    for row in rows:
        sheet.append([_number_or_text(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _safe(value: str) -> str:
    # A spreadsheet runs a cell that starts with = + - @ as a formula; organisation names are typed by people.
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _number_or_text(value: str):
    return int(value) if str(value).isdigit() else _safe(value)

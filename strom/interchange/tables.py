"""Reading a spreadsheet (CSV or XLSX) as a header and rows of cells, without loading it whole."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator


class UnreadableFile(ValueError):
    pass


def read_table(stream, file_format: str) -> tuple[list, Iterator[list]]:
    """The first row (header) and an iterator over the others. CSV: UTF-8 (a BOM is fine), commas."""
    if file_format == "xlsx":
        return _read_xlsx(stream)
    return _read_csv(stream)


def _read_csv(stream):
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.reader(text)
    try:
        header = next(reader)
    except (StopIteration, UnicodeDecodeError, csv.Error):
        raise UnreadableFile("empty or not UTF-8 CSV") from None
    return header, _guarded(reader)


def _guarded(reader):
    try:
        yield from reader
    except (UnicodeDecodeError, csv.Error):
        raise UnreadableFile("not UTF-8 CSV") from None


def _read_xlsx(stream):
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(stream, read_only=True, data_only=True).worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = list(next(rows))
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise UnreadableFile("not an XLSX workbook") from None
    return header, (list(row) for row in rows)

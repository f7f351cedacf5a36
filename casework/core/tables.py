"""Reading spreadsheet uploads (shared by the tracing-request and DNA-profile imports)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from casework.core.errors import ImportRejected


def xlsx_values(path: Path) -> list[tuple[Any, ...]]:
    """Every row of the workbook's active sheet as openpyxl cell values.

    The workbook is opened read-only and closed again; a file openpyxl cannot
    read is rejected with an ``ImportRejected`` that names the file.
    """
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise ImportRejected([f"file: not a readable XLSX workbook ({exc})"]) from None
    try:
        ws = wb.active
        assert ws is not None
        return list(ws.iter_rows(values_only=True))
    finally:
        wb.close()

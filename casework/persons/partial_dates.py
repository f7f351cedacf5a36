"""Partial dates: year only, year–month, full date, each possibly "about".

Testimonies rarely give full dates ("spring 1992", "about 1950"). A partial date is
stored as three nullable integers and an ``approximate`` flag; it is never padded to
a fake full date. Text forms accepted by the parser and produced by ``str()``:
``1992``, ``1992-05``, ``1992-05-14``, each optionally prefixed ``~`` or ``about``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(
    r"^\s*(?P<about>~|about\s+|ca\.?\s*|c\.\s*)?(?P<y>\d{4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?\s*$",
    re.IGNORECASE,
)

NOT_A_DATE = "not a date: use YYYY, YYYY-MM or YYYY-MM-DD, optionally prefixed with ~ or 'about'"


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    def __post_init__(self):
        if not 1800 <= self.year <= 2100:
            raise ValueError(f"year {self.year} is out of range 1800–2100")
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} does not exist")
        if self.day is not None:
            try:
                dt.date(self.year, self.month or 1, self.day)
            except ValueError:
                raise ValueError(
                    f"{self.year:04d}-{self.month:02d}-{self.day:02d} does not exist"
                ) from None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _PATTERN.match(text or "")
        if not match:
            raise ValueError(NOT_A_DATE)
        return cls(
            year=int(match["y"]),
            month=int(match["m"]) if match["m"] else None,
            day=int(match["d"]) if match["d"] else None,
            approximate=bool(match["about"]),
        )

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        if self.day is not None:
            return self.earliest
        if self.month is None:
            return dt.date(self.year, 12, 31)
        nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)

    @property
    def sort_key(self) -> int:
        """An integer YYYYMMDD with unknown parts as 00, for ordering and range filters."""
        return self.year * 10000 + (self.month or 0) * 100 + (self.day or 0)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return f"about {text}" if self.approximate else text

    def is_future(self, today: dt.date | None = None) -> bool:
        return self.earliest > (today or dt.date.today())


def parse_optional(text: str | None) -> PartialDate | None:
    if text is None or not str(text).strip():
        return None
    return PartialDate.parse(str(text))

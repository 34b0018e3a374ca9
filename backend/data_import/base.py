"""What every parser hands the loader, and the one error a bad data file produces."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


class DataFileError(Exception):
    """A data file that cannot be loaded; nothing from it was stored.

    The message names the file and, when known, the physical line, so a user can open the file there.
    `also_failed` carries the other bad files of the same run, so one run reports them all.
    """

    def __init__(
        self,
        file: str,
        problem: str,
        line: int | None = None,
        also_failed: Sequence[DataFileError] = (),
    ) -> None:
        self.file = file
        self.problem = problem
        self.line = line
        self.also_failed = tuple(also_failed)
        super().__init__(self._message())

    def _message(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line is not None else self.file
        message = f"{where}: {self.problem}"
        if self.also_failed:
            others = "; ".join(str(e) for e in self.also_failed)
            message += f" (and {len(self.also_failed)} more bad file(s): {others})"
        return message

    def with_others(self, others: Sequence[DataFileError]) -> DataFileError:
        return DataFileError(self.file, self.problem, self.line, also_failed=others)


class FieldError(ValueError):
    """One cell that does not hold what its column promises; the parser adds file and line."""

    def __init__(self, column: str, value: str, expected: str) -> None:
        self.column = column
        super().__init__(f"column {column}: {value!r} is not {expected}")


@dataclass
class ParsedFile:
    """A whole file turned into COPY-ready records (tuples in `columns` order) for one table."""

    table: str
    columns: tuple[str, ...]
    layout: str
    records: list[tuple[Any, ...]] = field(default_factory=list)

    def as_dicts(self) -> list[dict[str, Any]]:
        """Records keyed by column, for tests and debugging (the loader COPYs the tuples)."""
        return [dict(zip(self.columns, record, strict=True)) for record in self.records]

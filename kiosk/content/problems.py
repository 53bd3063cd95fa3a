from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Position:
    """A place in a source file, 1-based as editors show it."""

    file: Path
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an exhibit, reported to the curator compiler-style."""

    file: Path
    line: int | None
    column: int | None
    message: str
    key_path: str = ""
    severity: Severity = Severity.ERROR

    @classmethod
    def at(cls, position: Position, message: str, key_path: str = "") -> "Problem":
        return cls(position.file, position.line, position.column, message, key_path)

    def format(self, relative_to: Path | None = None) -> str:
        file = _display_path(self.file, relative_to)
        where = file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        subject = f"{self.key_path}: " if self.key_path else ""
        return f"{where}: {self.severity}: {subject}{self.message}"


def _display_path(path: Path, relative_to: Path | None) -> str:
    if relative_to is not None:
        try:
            # The file's folder resolved, not the file: a problem may be about a link itself.
            return str((path.parent.resolve() / path.name).relative_to(relative_to.resolve()))
        except ValueError:
            pass
    return str(path)


def sort_key(problem: Problem) -> tuple[str, int, int]:
    return (str(problem.file), problem.line or 0, problem.column or 0)

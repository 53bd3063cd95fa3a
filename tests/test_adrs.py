"""The decision records keep one head and one set of sections, and their index lists them all.

A record's status says whether a later record changed it, so that nobody follows a decision that no
longer holds; its alternatives say what was weighed, so that nobody weighs it again unknowingly.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPOSITORY

ADR_DIR = REPOSITORY / "docs" / "adr"
RECORDS = sorted(ADR_DIR.glob("[0-9][0-9][0-9][0-9]-*.md"))
INDEX = ADR_DIR / "README.md"

REQUIRED_SECTIONS = ("Context", "Decision", "Alternatives rejected")
SECTIONS = (*REQUIRED_SECTIONS, "Consequences")
STATUS_WORDS = re.compile(
    r"^(proposed|accepted|rejected|deprecated|superseded by ADR \d+)(; amended by ADR \d+.*)?$"
)
ADR_REFERENCE = re.compile(r"\bADR (\d+)\b")
INDEX_ROW = re.compile(
    r"^\| (?P<number>\d+) \| \[(?P<title>[^\]]+)\]\((?P<file>[^)]+)\) \| (?P<status>[^|]+) \| (?P<date>[^|]+) \|$"
)


@dataclass(frozen=True)
class Record:
    number: int
    title: str
    status: str
    date: str
    sections: dict[str, str]

    @property
    def status_summary(self) -> str:
        """The status up to its explanation: `accepted; amended by ADR 14` of `…: what changed`."""
        return self.status.split(":", 1)[0]


def read_record(path: Path) -> Record:
    lines = path.read_text(encoding="utf-8").splitlines()
    title = re.fullmatch(r"# (\d+)\. (\S.*)", lines[0]) if lines else None
    assert title, f"{path.name}: the first line is not '# N. Title'"
    head = lines[1:4]
    assert head[0] == "", f"{path.name}: a blank line follows the title"
    status = re.fullmatch(r"- Status: (\S.*)", head[1])
    date = re.fullmatch(r"- Date: (\S+)", head[2])
    assert status, f"{path.name}: line 3 is not '- Status: …'"
    assert date, f"{path.name}: line 4 is not '- Date: YYYY-MM-DD'"
    sections: dict[str, str] = {}
    current = None
    for line in lines[4:]:
        if line.startswith("## "):
            current = line[3:].strip()
            assert current not in sections, f"{path.name}: section '{current}' appears twice"
            sections[current] = ""
        elif current is not None:
            sections[current] += line + "\n"
        else:
            assert not line.strip(), f"{path.name}: text between the head and the first section: {line!r}"
    return Record(int(title[1]), title[2], status[1], date[1], sections)


def test_there_are_records() -> None:
    assert len(RECORDS) >= 22


@pytest.mark.parametrize("path", RECORDS, ids=[path.name for path in RECORDS])
def test_record_has_the_shared_head_and_sections(path: Path) -> None:
    record = read_record(path)
    assert record.number == int(path.name[:4]), f"{path.name}: the title's number is {record.number}"
    assert STATUS_WORDS.match(record.status_summary), (
        f"{path.name}: status {record.status_summary!r} is not proposed, accepted, rejected, deprecated "
        "or 'superseded by ADR N', optionally followed by '; amended by ADR N'"
    )
    assert datetime.date.fromisoformat(record.date).isoformat() == record.date, (
        f"{path.name}: date {record.date!r} is not YYYY-MM-DD"
    )
    unknown = [name for name in record.sections if name not in SECTIONS]
    assert not unknown, f"{path.name}: sections other than {', '.join(SECTIONS)}: {unknown}"
    missing = [name for name in REQUIRED_SECTIONS if name not in record.sections]
    assert not missing, f"{path.name}: missing sections {missing}"
    order = [name for name in SECTIONS if name in record.sections]
    assert list(record.sections) == order, f"{path.name}: sections in the order {', '.join(SECTIONS)}"
    empty = [name for name, text in record.sections.items() if not text.strip()]
    assert not empty, f"{path.name}: empty sections {empty}"


def test_record_numbers_are_unique() -> None:
    numbers = [int(path.name[:4]) for path in RECORDS]
    repeated = sorted({number for number in numbers if numbers.count(number) > 1})
    assert not repeated, f"two records share the numbers {repeated}"


def test_a_status_names_only_records_that_exist() -> None:
    numbers = {int(path.name[:4]) for path in RECORDS}
    dangling = {
        path.name: named
        for path in RECORDS
        if (named := {int(n) for n in ADR_REFERENCE.findall(read_record(path).status_summary)} - numbers)
    }
    assert not dangling, f"statuses naming records that do not exist: {dangling}"


def test_index_lists_every_record_as_it_stands() -> None:
    rows = {}
    for line in INDEX.read_text(encoding="utf-8").splitlines():
        row = INDEX_ROW.match(line)
        if row:
            rows[row["file"]] = row
    expected = {path.name: read_record(path) for path in RECORDS}
    assert sorted(rows) == sorted(expected), "docs/adr/README.md lists other records than docs/adr holds"
    for name, record in expected.items():
        row = rows[name]
        listed = (int(row["number"]), row["title"], row["status"].strip(), row["date"].strip())
        assert listed == (record.number, record.title, record.status_summary, record.date), (
            f"docs/adr/README.md's row for {name} does not match the record's title, status or date"
        )

"""Reads one YAML file into plain Python data, remembering where every key and value came from.

Only plain YAML is accepted: mappings, lists, text, numbers, booleans and null. The event
stream is composed here rather than by PyYAML's composer so that nesting depth, alias
expansion and duplicate keys are checked in one iterative pass, whatever the input.

Unquoted values are read by YAML 1.2's rules (its core schema), as editors and other tools read
them, not by PyYAML's YAML 1.1: `yes`, `no`, `on`, `off`, `y` and `n` are text, and so are `10:00`
(not 600, base 60) and `1933-11-16`; only `true` and `false` are true/false, and `010` is ten.
"""

import math
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import events

from kiosk.content.problems import Position, Problem

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
#: Values in one file, aliases expanded. A valid section holds a few thousand at most (12 panels of
#: 12 items in a few languages); the largest shipped file holds about 150.
MAX_VALUES = 20_000
#: Problems listed per file: past this many, more are only counted (see `SourceDocument.more_problems`).
MAX_PROBLEMS = 100

KeyPath = tuple[str | int, ...]

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STANDARD_TAG = "tag:yaml.org,2002:"
_MAP_TAG = _STANDARD_TAG + "map"
_SEQ_TAG = _STANDARD_TAG + "seq"
_SCALAR_TAGS = {_STANDARD_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")}


class SourceError(Exception):
    """The file cannot be read as exhibit YAML at all.

    A syntax error keeps what was read before it (`partial`), so that the rest of the exhibit, and
    what comes before the error, can still be checked.
    """

    def __init__(self, problem: Problem, partial: "SourceDocument | None" = None) -> None:
        super().__init__(problem.message)
        self.problem = problem
        self.partial = partial


@dataclass
class SourceDocument:
    path: Path
    data: Any
    values: dict[KeyPath, Position] = field(default_factory=dict)
    keys: dict[KeyPath, Position] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: True when the file has more problems than the MAX_PROBLEMS listed.
    more_problems: bool = False
    #: After a syntax error: the lists and mappings it cut off before their end.
    unfinished: set[KeyPath] = field(default_factory=set)

    def report(self, problem: Problem) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        else:
            self.more_problems = True


def read_yaml(path: Path) -> SourceDocument:
    text = _read_text(path)
    return _Composer(path, text).compose()


def _read_text(path: Path) -> str:
    def fail(message: str, line: int | None = None, column: int | None = None) -> SourceError:
        return SourceError(Problem(path, line, column, message))

    too_large = (
        f"an exhibit file may be at most {MAX_FILE_BYTES // (1024 * 1024)} MB: "
        "split it or move long texts into files of their own"
    )
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise fail("expected a YAML file, found a folder")
        if not stat.S_ISREG(status.st_mode):
            # A pipe, device or socket: opening or reading it may never end.
            raise fail(f"expected a YAML file, found {_special_file(status.st_mode)}")
        if status.st_size > MAX_FILE_BYTES:
            raise fail(f"file is too large ({status.st_size / 1_000_000:.1f} MB); {too_large}")
        with path.open("rb") as file:
            raw = file.read(status.st_size + 1)
            if len(raw) > status.st_size:  # it has grown, or does not know its size: read up to the limit
                raw += file.read(MAX_FILE_BYTES + 1 - len(raw))
        if len(raw) > MAX_FILE_BYTES:
            raise fail(f"file is too large; {too_large}")
    except FileNotFoundError:
        raise fail("file not found") from None
    except IsADirectoryError:
        raise fail("expected a YAML file, found a folder") from None
    except OSError as error:
        raise fail(f"cannot read the file: {error.strerror}") from None

    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise fail("file is saved as UTF-16; save it as UTF-8", 1, 1)
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if b"\x00" in raw:
        line, column = _line_column(raw, raw.index(b"\x00"))
        raise fail("this is a binary file, not YAML text", line, column)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_column(raw, error.start)
        raise fail(
            f"text is not UTF-8 (byte 0x{raw[error.start]:02x}); save the file with UTF-8 encoding",
            line,
            column,
        ) from None
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise fail("file is empty", 1, 1)
    return text


def _special_file(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "something that is not a file"


def _line_column(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


@dataclass
class _Open:
    """A mapping or list being built, with where it stands in the document."""

    container: dict[str, Any] | list[Any]
    path: KeyPath
    anchor: str | None
    start: Position
    pending_key: str | None = None
    size: int = 1


class _Composer:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.document = SourceDocument(path=path, data=None)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.value_count = 0
        self.aliases_used = False

    def position(self, mark: Any) -> Position:
        return Position(self.path, mark.line + 1, mark.column + 1)

    def fail(self, mark: Any, message: str) -> SourceError:
        position = self.position(mark)
        return SourceError(Problem.at(position, message))

    def compose(self) -> SourceDocument:
        stack: list[_Open] = []
        documents = 0
        try:
            for event in self._events():
                if isinstance(event, events.DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        raise self.fail(
                            event.start_mark,
                            "the file holds more than one YAML document ('---'); keep one per file",
                        )
                    continue
                if isinstance(
                    event, events.StreamStartEvent | events.StreamEndEvent | events.DocumentEndEvent
                ):
                    continue
                if isinstance(event, events.MappingEndEvent | events.SequenceEndEvent):
                    done = stack.pop()
                    if done.anchor is not None:
                        self.open_anchors.discard(done.anchor)
                        self.anchors[done.anchor] = (done.container, done.size)
                    if stack:
                        stack[-1].size += done.size
                    continue
                self._add(stack, event)
        except yaml.MarkedYAMLError as error:
            failure = self._syntax_error(error)
            self.document.unfinished = {opened.path for opened in stack}
            failure.partial = self.document
            raise failure from None
        except yaml.YAMLError as error:
            raise SourceError(Problem(self.path, None, None, f"YAML error: {error}")) from None
        return self.document

    def _events(self) -> Iterator[events.Event]:
        loader = _Loader(self.text)
        try:
            while loader.check_event():
                yield loader.get_event()
        finally:
            loader.dispose()

    def _add(self, stack: list[_Open], event: events.Event) -> None:
        parent = stack[-1] if stack else None
        if parent is not None and isinstance(parent.container, dict) and parent.pending_key is None:
            self._take_key(parent, event)
            return

        if parent is None:
            path: KeyPath = ()
        elif isinstance(parent.container, dict):
            assert parent.pending_key is not None
            path = (*parent.path, parent.pending_key)
        else:
            path = (*parent.path, len(parent.container))
        start = self.position(event.start_mark)
        self.document.values[path] = start

        if isinstance(event, events.AliasEvent):
            value, size = self._alias(event)
        elif isinstance(event, events.ScalarEvent):
            value, size = self._scalar(event, path), 1
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, 1)
        else:
            # What is left opens a mapping or a list: their ends are taken before _add.
            assert isinstance(event, events.CollectionStartEvent)
            if len(stack) >= MAX_DEPTH:
                raise self.fail(
                    event.start_mark,
                    f"nesting is too deep (more than {MAX_DEPTH} levels); is the indentation right?",
                )
            self._check_collection_tag(event, path)
            container: dict[str, Any] | list[Any] = {} if isinstance(event, events.MappingStartEvent) else []
            if event.anchor is not None:
                self.open_anchors.add(event.anchor)
            self._count(event.start_mark, 1)
            self._attach(parent, container)
            stack.append(_Open(container, path, event.anchor, start))
            return
        self._count(event.start_mark, size)
        if parent is not None:
            parent.size += size
        self._attach(parent, value)

    def _attach(self, parent: _Open | None, value: Any) -> None:
        if parent is None:
            self.document.data = value
        elif isinstance(parent.container, dict):
            key = parent.pending_key
            assert key is not None
            parent.pending_key = None
            if key is not _DISCARD:
                parent.container[key] = value
        else:
            parent.container.append(value)

    def _take_key(self, parent: _Open, event: events.Event) -> None:
        if not isinstance(event, events.ScalarEvent):
            raise self.fail(event.start_mark, "a key must be plain text, not a list, mapping or alias")
        key = event.value
        if event.tag == _STANDARD_TAG + "merge" or (key == "<<" and event.implicit[0]):
            raise self.fail(event.start_mark, "merge keys ('<<') are not supported; write the keys out")
        key_path = (*parent.path, key)
        position = self.position(event.start_mark)
        if key in parent.container:
            first = self.document.keys[key_path]
            self.document.report(
                Problem.at(
                    position,
                    f"duplicate key '{key}' (first given at line {first.line}); remove one of them",
                    _format_path(key_path),
                )
            )
            # The duplicate's value is parsed but discarded: the first one stays.
            parent.pending_key = _DISCARD
            return
        self.document.keys[key_path] = position
        parent.pending_key = key

    def _alias(self, event: events.AliasEvent) -> tuple[Any, int]:
        if event.anchor in self.open_anchors:
            raise self.fail(event.start_mark, f"alias '*{event.anchor}' refers to a value that contains it")
        if event.anchor not in self.anchors:
            raise self.fail(
                event.start_mark, f"alias '*{event.anchor}' has no matching anchor '&{event.anchor}'"
            )
        self.aliases_used = True
        return self.anchors[event.anchor]

    def _count(self, mark: Any, size: int) -> None:
        self.value_count += size
        if self.value_count > MAX_VALUES:
            how = "expands to" if self.aliases_used else "holds"
            through = " through its aliases ('*')" if self.aliases_used else ""
            raise self.fail(
                mark,
                f"the file {how} more than {MAX_VALUES} values{through}; exhibit files should not need that many",
            )

    def _scalar(self, event: events.ScalarEvent, path: KeyPath) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolve_scalar_tag(event)
        elif tag in _CORE_TAGS and not _CORE_TAGS[tag].fullmatch(event.value):
            self.document.report(
                Problem.at(
                    self.position(event.start_mark),
                    f"'{event.value}' is not a value of the tag '{_short_tag(tag)}'",
                    _format_path(path),
                )
            )
            return None
        if tag not in _SCALAR_TAGS:
            self.document.report(
                Problem.at(
                    self.position(event.start_mark),
                    f"unsupported tag '{_short_tag(tag)}'; exhibit files hold only text, numbers, "
                    "true/false, lists and mappings",
                    _format_path(path),
                )
            )
            return None
        if tag in _CORE_VALUES:
            return _CORE_VALUES[tag](event.value)
        return event.value  # !!timestamp: kept as written

    def _check_collection_tag(self, event: events.CollectionStartEvent, path: KeyPath) -> None:
        tag = event.tag
        expected = _MAP_TAG if isinstance(event, events.MappingStartEvent) else _SEQ_TAG
        if tag is not None and tag != "!" and tag != expected:
            self.document.report(
                Problem.at(
                    self.position(event.start_mark),
                    f"unsupported tag '{_short_tag(tag)}'; exhibit files hold only text, numbers, "
                    "true/false, lists and mappings",
                    _format_path(path),
                )
            )

    def _character_at(self, mark: yaml.error.Mark | None) -> str:
        if mark is None:
            return ""
        lines = self.text.splitlines()
        if mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
            return ""
        return lines[mark.line][mark.column]

    def _syntax_error(self, error: yaml.MarkedYAMLError) -> SourceError:
        mark = error.problem_mark or error.context_mark
        problem = (error.problem or error.context or "syntax error").strip()
        hint = _hint_for(problem, error.context or "")
        if self._character_at(mark) == "\t" or "'\\t'" in problem:
            problem, hint = "a tab character is used for indentation", "YAML needs spaces, not tabs"
        if "maximum nesting depth" in problem:
            return SourceError(
                Problem.at(self.position(mark), f"nesting is too deep (more than {MAX_DEPTH} levels)")
            )
        message = f"YAML syntax error: {problem}" + (f" ({hint})" if hint else "")
        if mark is None:
            return SourceError(Problem(self.path, None, None, message))
        return SourceError(Problem.at(self.position(mark), message))


class _Discard(str):
    """Marks the value of a duplicate key, which is parsed and then dropped."""


_DISCARD = _Discard("\x00duplicate")


#: YAML 1.2's core schema: what an unquoted value is, tried in this order; anything else is text.
_CORE_SCHEMA = (
    ("null", re.compile(r"~|null|Null|NULL|")),
    ("bool", re.compile(r"true|True|TRUE|false|False|FALSE")),
    ("int", re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")),
    (
        "float",
        re.compile(
            r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
        ),
    ),
)
_CORE_TAGS = {_STANDARD_TAG + name: pattern for name, pattern in _CORE_SCHEMA}


def _core_int(text: str) -> int:
    if text.startswith(("0o", "0x")):
        return int(text[2:], 8 if text[1] == "o" else 16)
    return int(text, 10)


def _core_float(text: str) -> float:
    if text.lstrip("+-").lower() == ".inf":
        return -math.inf if text.startswith("-") else math.inf
    if text.lower() == ".nan":
        return math.nan
    return float(text)


#: How an unquoted value of the core schema becomes Python data.
_CORE_VALUES: dict[str, Callable[[str], Any]] = {
    _STANDARD_TAG + "null": lambda text: None,
    _STANDARD_TAG + "bool": lambda text: text.lower() == "true",
    _STANDARD_TAG + "int": _core_int,
    _STANDARD_TAG + "float": _core_float,
    _STANDARD_TAG + "str": lambda text: text,
}


def _resolve_scalar_tag(event: events.ScalarEvent) -> str:
    if not event.implicit[0]:
        return _STANDARD_TAG + "str"
    for tag, pattern in _CORE_TAGS.items():
        if pattern.fullmatch(event.value):
            return tag
    return _STANDARD_TAG + "str"


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_STANDARD_TAG) if tag.startswith(_STANDARD_TAG) else tag


def _hint_for(problem: str, context: str) -> str:
    if "mapping values are not allowed" in problem:
        return "is there a ':' inside unquoted text? put the text in quotes"
    if "could not find expected ':'" in problem:
        return "a line is missing its ':' or is indented wrongly"
    if "found unexpected end of stream" in problem and "quoted" in context:
        return "a quotation mark is not closed"
    if "did not find expected key" in problem or "expected <block end>" in problem:
        return "check the indentation of this line and the one before"
    if "found undefined alias" in problem:
        return "an '*' at the start of text makes an alias; put the text in quotes"
    if "found character '@'" in problem or "found character '`'" in problem:
        return "text cannot start with this character unless it is quoted"
    return ""


def _format_path(path: KeyPath) -> str:
    return format_key_path(path)


def format_key_path(path: KeyPath) -> str:
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text

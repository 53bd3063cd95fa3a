"""Loads an exhibit folder into an `Exhibit`, or into every problem found, each with file:line:col."""

import dataclasses
import difflib
import posixpath
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Tag, ValidationError

from kiosk.content.glossary import GLOSSARY_FILE, GlossaryProblem, glossary_problems
from kiosk.content.house_rules import SourceMap, check_data, check_exhibit
from kiosk.content.localized import describe_value
from kiosk.content.media import MediaRoots
from kiosk.content.models import (
    NARRATION_FORMS,
    PANEL_KINDS,
    PANEL_MODELS,
    SIDES_OF_EVERY_EXHIBIT,
    Exhibit,
    annotation_problems,
    excerpt_problems,
    sides_used,
)
from kiosk.content.paths import DEFAULT_ASSETS_DIR, EXHIBIT_FILE, OutsideExhibitError, resolve_inside
from kiosk.content.pictures import DEFAULT_LIMITS, SizeLimits
from kiosk.content.problems import Position, Problem, Severity, sort_key
from kiosk.content.versions import exhibit_entries
from kiosk.content.video_checks import video_findings
from kiosk.content.yaml_source import (
    MAX_PROBLEMS,
    KeyPath,
    SourceDocument,
    SourceError,
    format_key_path,
    read_yaml,
)

#: Section files read at most: twice what the home screen shows, so that the problems of a section
#: or two too many are still found, and a list of thousands costs no more than twelve.
MAX_SECTION_FILES = 12


@dataclass(frozen=True)
class LoadResult:
    exhibit: Exhibit | None
    problems: tuple[Problem, ...]
    exhibit_dir: Path
    files: tuple[Path, ...] = ()
    #: The house rules the exhibit breaks: it still opens (see kiosk.content.house_rules).
    warnings: tuple[Problem, ...] = ()
    #: Where each key and value was written, for checks that report on the loaded exhibit.
    source: SourceMap | None = None

    @property
    def ok(self) -> bool:
        return self.exhibit is not None


def exhibit_file_for(path: Path) -> Path:
    return path / EXHIBIT_FILE if path.is_dir() else path


def load_exhibit(
    path: Path, *, assets_dir: Path = DEFAULT_ASSETS_DIR, limits: SizeLimits = DEFAULT_LIMITS
) -> LoadResult:
    """Never raises for bad content: everything wrong comes back as problems.

    `limits` are the installation's: how many megapixels a picture, and a document page, may have.
    """
    root_file = exhibit_file_for(path)
    exhibit_dir = root_file.parent
    if not root_file.exists():
        message = f"no {EXHIBIT_FILE} in this folder" if path.is_dir() else "no such exhibit file or folder"
        return LoadResult(None, (Problem(root_file, None, None, message),), exhibit_dir)
    if root_file.suffix not in (".yaml", ".yml"):
        problem = Problem(root_file, None, None, f"expected an exhibit folder or its {EXHIBIT_FILE}")
        return LoadResult(None, (problem,), exhibit_dir)
    return _Load(root_file, MediaRoots(exhibit_dir, assets_dir, limits)).run()


class _Load:
    def __init__(self, root_file: Path, roots: MediaRoots) -> None:
        self.root_file = root_file
        self.roots = roots
        self.problems: list[Problem] = []
        self.values: dict[KeyPath, Position] = {}
        self.keys: dict[KeyPath, Position] = {}
        self.files: list[Path] = [root_file]
        self.reported: set[KeyPath] = set()
        self.warnings: list[Problem] = []
        #: Each section file read, by its real path, with where it is first listed.
        self.section_files: dict[Path, Position] = {}
        #: Sections from this index on are listed but not read (MAX_SECTION_FILES).
        self.unread_from: int | None = None
        self.more_problems = False
        self._source_map: SourceMap | None = None
        #: What exhibit.yaml holds, section files' text in place of their paths once read.
        self.data: Any = None
        #: Files with a YAML syntax error, and where it is: what was read before it is checked.
        self.syntax_errors: dict[Path, Problem] = {}
        #: The lists and mappings a syntax error cut off: what they hold is checked, not they.
        self.unfinished: set[KeyPath] = set()

    def result(self, exhibit: Exhibit | None) -> LoadResult:
        self.problems.extend(self.refused_links())
        self.warnings = [warning for warning in self.warnings if not self.cut_off(warning, "")]
        problems = tuple(sorted(self.problems, key=sort_key))
        if self.more_problems or len(problems) > MAX_PROBLEMS:
            note = Problem(
                self.root_file,
                None,
                None,
                f"more than {MAX_PROBLEMS} problems: only the first {MAX_PROBLEMS} are listed; "
                "fix them and check again",
            )
            problems = (note, *problems[:MAX_PROBLEMS])
        return LoadResult(
            exhibit if not problems else None,
            problems,
            self.roots.exhibit_dir,
            tuple(self.files),
            tuple(sorted(self.warnings, key=sort_key)),
            self.source_map(),
        )

    def refused_links(self) -> list[Problem]:
        """Links in the folder that publishing would refuse, at the link: those no exhibit file names.

        A link that a picture's or a section's path goes through is reported there instead.
        """
        named = set(_strings(self.data))
        problems = []
        for entry in exhibit_entries(self.roots.exhibit_dir):
            if entry.refusal is None:
                continue
            link = entry.relative.as_posix()
            if not any(path == link or path.startswith(link + "/") for path in named):
                problems.append(Problem(self.roots.exhibit_dir / entry.relative, None, None, entry.refusal))
        return problems

    def source_map(self) -> SourceMap:
        return SourceMap(self.root_file, self.values, self.keys)

    def cut_off(self, problem: Problem, kind: str) -> bool:
        """Whether a problem may only be that its file stops at a syntax error: a key or an item
        missing, or anything found at or after the error, which is reported already."""
        error = self.syntax_errors.get(problem.file)
        if error is None or problem is error:
            return False
        if kind in ("missing", "too_short"):
            return True
        here = (problem.line or 0, problem.column or 0)
        return here >= (error.line or 0, error.column or 0)

    def run(self) -> LoadResult:
        document = self.read(self.root_file, ())
        if document is None:
            return self.result(None)
        data = self.data = document.data
        if not isinstance(data, dict) and self.root_file in self.syntax_errors:
            return self.result(None)
        if not isinstance(data, dict):
            self.problems.append(
                Problem(
                    self.root_file,
                    1,
                    1,
                    f"expected the exhibit's settings as keys and values (title:, sections: …), "
                    f"found {describe_value(data)}",
                )
            )
            return self.result(None)
        sections = data.get("sections")
        if isinstance(sections, list):
            self.check_section_count(sections)
            data["sections"] = [self.include_section(index, item) for index, item in enumerate(sections)]
        self.include_glossary(data)
        try:
            exhibit = Exhibit.model_validate(data, context={"media_roots": self.roots})
        except ValidationError as error:
            details = error.errors(include_url=False)
            misspelt = _misspelt_keys(data, details[: MAX_PROBLEMS * 2])
            for detail in details:
                if len(self.problems) > MAX_PROBLEMS:
                    self.more_problems = True
                    break
                self.add_validation_problem(data, detail, misspelt)
            self.warnings = check_data(data, self.source_map(), self.roots)
            return self.result(None)
        errors_before = len(self.problems)
        glossary_warnings = self.check_glossary(exhibit)
        film_warnings: list[Problem] = []
        checks = (
            self.check_sides(exhibit)
            | self.check_annotations(exhibit)
            | self.check_excerpts(exhibit)
            | self.check_films(exhibit, film_warnings)
        )
        if checks or len(self.problems) > errors_before:
            return self.result(None)
        self.warnings = check_exhibit(exhibit, self.source_map()) + glossary_warnings + film_warnings
        return self.result(exhibit)

    def include_glossary(self, data: dict[str, Any]) -> None:
        """The terms of glossary.yaml, beside exhibit.yaml, as the exhibit's `glossary`."""
        if "glossary" in data:
            self.problems.append(
                Problem.at(
                    self.keys[("glossary",)],
                    f"the glossary is kept in a file of its own, {GLOSSARY_FILE} beside exhibit.yaml; "
                    "move the terms there",
                    "glossary",
                )
            )
            self.reported.add(("glossary",))
            del data["glossary"]
        exhibit_dir = self.roots.exhibit_dir
        if not (exhibit_dir / GLOSSARY_FILE).exists() and not (exhibit_dir / GLOSSARY_FILE).is_symlink():
            return
        try:
            file = resolve_inside(exhibit_dir, GLOSSARY_FILE)
        except OutsideExhibitError as outside:
            self.problems.append(
                Problem(exhibit_dir / GLOSSARY_FILE, None, None, f"{GLOSSARY_FILE} {outside}")
            )
            return
        self.files.append(file)
        self.values[("glossary",)] = Position(file, 1, 1)
        document = self.read(file, ("glossary",))
        if document is None or document.data is None:
            return  # unreadable (reported), or empty: no terms
        if not isinstance(document.data, dict):
            if file not in self.syntax_errors:
                self.problems.append(
                    Problem(
                        file,
                        1,
                        1,
                        "expected the glossary's terms by id (kerensky: headword: … definition: …), "
                        f"found {describe_value(document.data)}",
                    )
                )
            return
        data["glossary"] = document.data

    def check_glossary(self, exhibit: Exhibit) -> list[Problem]:
        """Marked terms the glossary lacks and definitions without a language are errors (added to
        the problems); the warnings (unused, too long) are returned."""
        warnings = []
        for found in glossary_problems(exhibit):
            problem = self.glossary_problem(found)
            if found.warning:
                warnings.append(dataclasses.replace(problem, severity=Severity.WARNING))
            else:
                self.problems.append(problem)
        return warnings

    def glossary_problem(self, found: GlossaryProblem) -> Problem:
        key_path = format_key_path(found.path)
        if found.path == ("glossary", found.path[-1]) and found.path in self.keys:
            position: Position | None = self.keys[found.path]  # a whole term: its id
        else:
            position = self.nearest_position(found.path)
        if position is None:
            return Problem(self.root_file, None, None, found.message, key_path)
        if found.fragment is not None:
            position = self.source_map().locate(position, found.fragment)
        return Problem.at(position, found.message, key_path)

    def check_sides(self, exhibit: Exhibit) -> bool:
        """Every `side:` names one of the exhibit's accents, or both or none; whether any did not."""
        known = [*exhibit.theme.accents, *SIDES_OF_EVERY_EXHIBIT]
        found = False
        for path, side in sides_used(exhibit):
            if side in known or path not in self.values:
                continue
            found = True
            close = difflib.get_close_matches(side, known, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            message = (
                f"side '{side}' is not one of this exhibit's sides{hint}; the sides are the names of "
                f"the theme's accents ({', '.join(exhibit.theme.accents)}), and both and none"
            )
            self.problems.append(Problem.at(self.values[path], message, format_key_path(path)))
        return found

    def check_annotations(self, exhibit: Exhibit) -> bool:
        """Every note points at words the transcript has and a place inside its page; whether any did not."""
        found = False
        for path, message in annotation_problems(exhibit):
            found = True
            position = self.nearest_position(path)
            if position is None:
                self.problems.append(Problem(self.root_file, None, None, message, format_key_path(path)))
            else:
                self.problems.append(Problem.at(position, message, format_key_path(path)))
        return found

    def check_excerpts(self, exhibit: Exhibit) -> bool:
        """Every excerpt is the transcript's own words, in a language it is written in; whether any was not."""
        found = False
        for path, message, piece in excerpt_problems(exhibit):
            found = True
            position = self.nearest_position(path)
            if position is not None and piece:
                position = self.source_map().locate(position, piece)
            if position is None:
                self.problems.append(Problem(self.root_file, None, None, message, format_key_path(path)))
            else:
                self.problems.append(Problem.at(position, message, format_key_path(path)))
        return found

    def check_films(self, exhibit: Exhibit, warnings: list[Problem]) -> bool:
        """Every film is what its panel asks of it (kiosk.content.video_checks); whether any was not.

        The warnings are added to `warnings`."""
        found = False
        for finding in video_findings(exhibit):
            position = self.nearest_position(finding.path)
            key_path = format_key_path(finding.path)
            severity = Severity.WARNING if finding.warning else Severity.ERROR
            if position is None:
                problem = Problem(self.root_file, None, None, finding.message, key_path, severity)
            else:
                problem = dataclasses.replace(
                    Problem.at(position, finding.message, key_path), severity=severity
                )
            if finding.warning:
                warnings.append(problem)
            else:
                found = True
                self.problems.append(problem)
        return found

    def read(self, file: Path, prefix: KeyPath) -> SourceDocument | None:
        """The file's document, or what was read of it before a syntax error; None if nothing."""
        try:
            document = read_yaml(file)
        except SourceError as error:
            self.problems.append(error.problem)
            if error.partial is None:
                return None
            self.syntax_errors[file] = error.problem
            document = error.partial
            self.unfinished.update(prefix + path for path in document.unfinished)
        for path, position in document.values.items():
            self.values[prefix + path] = position
        for path, position in document.keys.items():
            self.keys[prefix + path] = position
        for problem in document.problems:
            # A section file's key paths are the exhibit's, as every other message's are.
            if problem.key_path and prefix:
                problem = dataclasses.replace(
                    problem, key_path=f"{format_key_path(prefix)}.{problem.key_path}"
                )
            self.problems.append(problem)
        self.more_problems |= document.more_problems
        self.reported.update(prefix + path for path in _problem_paths(document))
        return document

    def check_section_count(self, sections: list[Any]) -> None:
        unread = [index for index, item in enumerate(sections) if isinstance(item, str)][MAX_SECTION_FILES:]
        if not unread:
            return
        self.unread_from = unread[0]
        self.problems.append(
            Problem.at(
                self.keys[("sections",)],
                f"lists {len(sections)} sections, far more than the home screen shows; "
                f"the section files after the first {MAX_SECTION_FILES} were not read",
                "sections",
            )
        )

    def include_section(self, index: int, item: Any) -> Any:
        """A section may be written inline or as the path of a YAML file of its own."""
        if not isinstance(item, str) or (self.unread_from is not None and index >= self.unread_from):
            return item
        path: KeyPath = ("sections", index)
        position = self.values[path]
        failure: str | None
        if "\0" in item:  # no file name holds one, and the system refuses to look a path with one up
            shown = item.replace("\0", "\\0")
            failure = (
                f"section file '{shown}' holds a NUL character (\\0), which no file name can hold; "
                "write the file's name as it is"
            )
            self.problems.append(Problem.at(position, failure, format_key_path(path)))
            self.reported.add(path)
            return item
        try:
            file = resolve_inside(self.roots.exhibit_dir, item)
        except OutsideExhibitError as outside:
            failure = _section_outside(item, outside)
        else:
            failure = self.section_file_problem(item, file)
        if failure:
            self.problems.append(Problem.at(position, failure, format_key_path(path)))
            self.reported.add(path)
            return item
        self.section_files[file] = position
        self.files.append(file)
        document = self.read(file, path)
        if document is None or (file in self.syntax_errors and not isinstance(document.data, dict)):
            self.reported.add(path)
            return item
        if not isinstance(document.data, dict):
            self.problems.append(
                Problem(
                    file,
                    1,
                    1,
                    f"expected a section (id:, title:, panels: …), found {describe_value(document.data)}",
                )
            )
            self.reported.add(path)
        self.values[path] = Position(file, 1, 1)
        return document.data

    def section_file_problem(self, item: str, file: Path) -> str | None:
        if file.suffix not in (".yaml", ".yml"):
            return f"a section is a mapping, or the path of a .yaml file; found '{item}'"
        if not file.is_file():
            return f"section file not found: '{item}'"
        if file in self.section_files:
            first = self.section_files[file]
            return f"section file '{item}' is listed already, at line {first.line}; list each section once"
        return None

    def is_unread(self, path: KeyPath) -> bool:
        if self.unread_from is None or len(path) < 2 or path[0] != "sections":
            return False
        return isinstance(path[1], int) and path[1] >= self.unread_from

    def add_validation_problem(self, data: Any, detail: Any, misspelt: set[KeyPath]) -> None:
        loc: tuple[str | int, ...] = tuple(detail["loc"])
        path, node, missing_key = _walk(data, loc)
        if any(path[: len(done)] == done for done in self.reported):
            return
        if self.is_unread(path):
            return  # a section file not read: the count is reported on `sections`
        if path in self.unfinished and detail["type"] != "extra_forbidden":
            return  # cut off by a syntax error, which is reported
        if missing_key is not None and (*path, missing_key) in misspelt:
            return  # the unknown key beside it is this one misspelt, and says so
        kind = detail["type"]
        if kind == "too_short" and isinstance(node, list) and len(node) >= detail["ctx"]["min_length"]:
            # Pydantic counts only the items that validated; the broken ones are reported on their own.
            return
        message = _message(kind, detail, loc, node, missing_key)
        if kind in ("plain_text_markup", "term_mark"):
            path, position = self.markup_position(path, detail["ctx"])
        elif kind in ("media", "video") and "language" in (detail.get("ctx") or {}):
            # One language's picture (or film) of a map of languages: its path is where the eye finds it.
            if (*path, detail["ctx"]["language"]) in self.values:
                path = (*path, detail["ctx"]["language"])
            position = self.nearest_position(path)
        elif kind == "extra_forbidden":
            position = self.keys.get(path)
        elif kind == "union_tag_invalid":
            position = self.values.get((*path, "kind"))
        elif isinstance(node, dict | list) and missing_key is None and path in self.keys:
            # A list or mapping as a whole is wrong: its key is where the eye finds it.
            position = self.keys[path]
        else:
            position = self.nearest_position(path)
        shown_path = (*path, missing_key) if missing_key is not None else path
        key_path = format_key_path(shown_path)
        if position is None:
            self.problems.append(Problem(self.root_file, None, None, message, key_path))
        elif not self.cut_off(problem := Problem.at(position, message, key_path), kind):
            self.problems.append(problem)

    def markup_position(self, path: KeyPath, context: dict[str, str]) -> tuple[KeyPath, Position | None]:
        """The language's text of a map of languages, and the tag or entity within it."""
        if (*path, context["language"]) in self.values:
            path = (*path, context["language"])
        position = self.nearest_position(path)
        if position is None:
            return path, None
        if self._source_map is None:
            self._source_map = self.source_map()
        return path, self._source_map.locate(position, context["fragment"])

    def nearest_position(self, path: KeyPath) -> Position | None:
        for length in range(len(path), -1, -1):
            if (position := self.values.get(path[:length])) is not None:
                return position
        return None


def _strings(data: Any) -> Iterator[str]:
    """Every text in the data, as the path it would name if it is one."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            yield posixpath.normpath(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def _section_outside(item: str, outside: OutsideExhibitError) -> str:
    if outside.link is None and not outside.circular:
        return f"section file '{item}' is outside the exhibit folder"
    return f"section file {outside}"


def _problem_paths(document: SourceDocument) -> list[KeyPath]:
    """Values already reported by the YAML reader (an unsupported tag), so they are not reported twice."""
    paths = []
    for problem in document.problems:
        if "unsupported tag" in problem.message:
            for path, position in document.values.items():
                if (position.line, position.column) == (problem.line, problem.column):
                    paths.append(path)
    return paths


def _walk(data: Any, loc: tuple[str | int, ...]) -> tuple[KeyPath, Any, str | None]:
    """Follows pydantic's location through the data, skipping its union tags and validator names."""
    path: list[str | int] = []
    node = data
    tag_of: Any = None
    for index, part in enumerate(loc):
        if part in NARRATION_FORMS:
            continue
        if isinstance(node, dict) and node.get("kind") == part and tag_of is not node:
            tag_of = node  # the panel's kind, as pydantic names its member of the union: not a key
            continue
        if isinstance(node, dict) and isinstance(part, str):
            if part in node:
                path.append(part)
                node = node[part]
            elif index == len(loc) - 1:
                return tuple(path), node, part
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
    return tuple(path), node, None


def _message(kind: str, detail: Any, loc: tuple[str | int, ...], node: Any, missing: str | None) -> str:
    context = detail.get("ctx") or {}
    found = detail.get("input")
    if kind == "missing":
        return f"missing required key '{missing}'"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _allowed_keys(loc[:-1])
        if suggestion := _suggested_key(loc):
            return f"unknown key '{key}' (did you mean '{suggestion}'?)"
        return (
            f"unknown key '{key}'; expected one of: {', '.join(allowed)}"
            if allowed
            else f"unknown key '{key}'"
        )
    if kind == "union_tag_invalid":
        tag = str(context.get("tag", ""))
        close = difflib.get_close_matches(tag, PANEL_KINDS, n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown panel kind '{tag}'{hint}; panel kinds are: {', '.join(PANEL_KINDS)}"
    if kind == "union_tag_not_found":
        return f"a panel needs a 'kind': one of {', '.join(PANEL_KINDS)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected keys and values (a mapping), found {describe_value(found)}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list (lines starting with '- '), found {describe_value(found)}"
    if kind == "too_short":
        return f"needs at least {_items(context.get('min_length'))}, found {context.get('actual_length')}"
    if kind == "too_long":
        return f"allows at most {_items(context.get('max_length'))}, found {context.get('actual_length')}"
    if kind == "literal_error":
        return f"expected one of {context.get('expected')}, found {_show(found)}"
    if kind == "string_type":
        return f"expected text, found {describe_value(found)}"
    if kind == "string_pattern_mismatch":
        return _pattern_message(str(context.get("pattern", "")), found)
    if kind == "string_too_long":
        return f"is too long: at most {context.get('max_length')} characters"
    if kind.startswith("value_error"):
        return str(detail["msg"]).removeprefix("Value error, ")
    return str(detail["msg"])


def _suggested_key(loc: tuple[str | int, ...]) -> str | None:
    """The known key an unknown one most resembles, if any resembles it closely."""
    matches = difflib.get_close_matches(str(loc[-1]), _allowed_keys(loc[:-1]), n=1, cutoff=0.75)
    return matches[0] if matches else None


def _misspelt_keys(data: Any, details: list[Any]) -> set[KeyPath]:
    """The key paths of required keys that are present, but misspelt as an unknown key."""
    misspelt: set[KeyPath] = set()
    for detail in details:
        if detail["type"] == "extra_forbidden":
            loc = tuple(detail["loc"])
            if suggestion := _suggested_key(loc):
                path, _, _ = _walk(data, loc)
                misspelt.add((*path[:-1], suggestion))
    return misspelt


def _items(count: Any) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _pattern_message(pattern: str, found: Any) -> str:
    if pattern.startswith("^#"):
        return f"expected a colour written #RRGGBB (such as #1F3A66), found {_show(found)}"
    if "a-z0-9" in pattern:
        return f"expected an id of lowercase letters, digits and '-' (such as 'the-letters'), found {_show(found)}"
    if "{2,3}" in pattern:
        return f"expected a language code such as 'en' or 'ru', found {_show(found)}"
    return f"has the wrong form: {_show(found)}"


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else describe_value(value)


def _allowed_keys(loc: tuple[str | int, ...]) -> list[str]:
    model = _model_at(loc)
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items()]


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    current: Any = Exhibit
    for part in loc:
        current = _unwrap(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next((f for name, f in current.model_fields.items() if (f.alias or name) == part), None)
            if field is None:
                return None
            current = field.annotation
        elif typing.get_origin(current) is tuple and isinstance(part, int):
            current = typing.get_args(current)[0]
        elif _is_union(current) and isinstance(part, str) and part in PANEL_MODELS:
            current = PANEL_MODELS[part]
        elif _is_union(current) and isinstance(part, str) and (member := _tagged(current, part)) is not None:
            current = member  # a narration's form: one for every language, or one per language
        elif typing.get_origin(current) is dict and isinstance(part, str):
            current = typing.get_args(current)[1]
        else:
            return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _tagged(union: Any, tag: str) -> Any:
    """The member of a union that pydantic's errors name by `tag`, if any."""
    for member in typing.get_args(union):
        if typing.get_origin(member) is typing.Annotated and any(
            isinstance(meta, Tag) and meta.tag == tag for meta in typing.get_args(member)[1:]
        ):
            return member
    return None


def _unwrap(annotation: Any) -> Any:
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        if _is_union(annotation):
            members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(members) == 1:
                annotation = members[0]
                continue
        return annotation


def _is_union(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType)

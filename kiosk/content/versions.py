"""The published versions of an exhibit: the copies a kiosk shows, never the folder being edited.

Curators edit the exhibit folder while the kiosk runs. Publishing copies the folder into a version
of its own and validates the copy, so what is checked is exactly what will be shown, byte for byte,
and a later edit cannot change it under the visitor's eyes. Only a valid copy becomes a version;
the store keeps the last few, and one of them is *current*: the one the kiosk shows. Staff can make
an earlier one current again (a rollback); the edited folder is left as it is.

    <store>/
      current                      the name of the version on show
      20261126-101502-3f9a1c0e/    a version: the copied exhibit folder, and
        .version.json              when it was published and from what (written last)
"""

import enum
import errno
import hashlib
import json
import logging
import math
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.paths import EXHIBIT_FILE, OutsideExhibitError, is_link, resolve_inside
from kiosk.content.pictures import DEFAULT_LIMITS, SizeLimits
from kiosk.content.problems import Problem

if TYPE_CHECKING:
    from kiosk.content.models import Exhibit

logger = logging.getLogger(__name__)

#: How many versions are kept, the current one included; older ones are removed when publishing.
KEEP_VERSIONS = 5
VERSION_FILE = ".version.json"
CURRENT_FILE = "current"
#: What a copied file takes on disk beyond its bytes is rounded to this: file systems allocate blocks.
_BLOCK = 4096
#: Room kept beside the copy's files: folders, the version's metadata, the name of the current one.
_ROOM_FOR_METADATA = 64 * 1024
#: No space left, or the user's quota reached (EDQUOT is not defined on every system).
_DISK_FULL_ERRORS = frozenset(code for code in (errno.ENOSPC, getattr(errno, "EDQUOT", None)) if code)
#: An editor's swap, backup and lock files, and hidden files, are never part of an exhibit.
_IGNORED_SUFFIXES = (".swp", ".swo", ".swx", ".tmp", ".part", ".crdownload", "~", ".bak")


def is_exhibit_file(path: Path) -> bool:
    """Whether a file in the exhibit folder belongs to the exhibit, rather than to an editor."""
    name = path.name
    return not (name.startswith((".", "#", "~$")) or name.endswith(_IGNORED_SUFFIXES))


@dataclass(frozen=True, slots=True)
class ExhibitEntry:
    """A file of the exhibit folder: where it stands in the exhibit, and the file to read.

    A link inside the folder reads the file it leads to; a link that leads out, or to a folder
    that holds it, has no file to read but the reason it is refused (see kiosk.content.paths).
    """

    relative: Path
    real: Path | None
    refusal: str | None = None


def exhibit_entries(folder: Path) -> Iterator[ExhibitEntry]:
    """The exhibit's own files under its folder, in a stable order, links resolved and checked.

    Links to folders inside the exhibit are followed, never round in a circle; nothing outside
    the folder is ever read.
    """
    root = folder.resolve()
    yield from _entries(folder, Path(), root, (root,))


def _entries(folder: Path, relative: Path, real: Path, chain: tuple[Path, ...]) -> Iterator[ExhibitEntry]:
    try:
        paths = sorted(real.iterdir())
    except OSError:
        return  # removed while we looked, or unreadable: the next look sees the folder as it is then
    for path in paths:
        name = path.name
        entry = relative / name
        if is_link(path):
            if is_exhibit_file(path):
                yield from _linked(folder, entry, chain)
        elif path.is_dir():
            if not name.startswith("."):
                yield from _entries(folder, entry, path, (*chain, path))
        elif path.is_file() and is_exhibit_file(path):
            yield ExhibitEntry(entry, path)


def _linked(folder: Path, link: Path, chain: tuple[Path, ...]) -> Iterator[ExhibitEntry]:
    """What a link in the folder stands for: its file, its folder's files, or why it is refused."""
    try:
        target = resolve_inside(folder, link)
    except OutsideExhibitError as outside:
        yield ExhibitEntry(link, None, str(outside))
        return
    if target.is_dir():
        if any(target == held or held.is_relative_to(target) for held in chain):
            yield ExhibitEntry(link, None, _holds_itself(link))
        else:
            yield from _entries(folder, link, target, (*chain, target))
    elif target.is_file():
        yield ExhibitEntry(link, target)


def _holds_itself(link: Path) -> str:
    return (
        f"'{link.as_posix()}' is a link to a folder that holds it, which would copy the exhibit into "
        "itself; remove the link"
    )


def exhibit_files(folder: Path) -> Iterator[Path]:
    """The exhibit's own files under its folder, relative to it, in a stable order.

    Links refused for leading out are listed too, so that adding one is a change to publish (and
    refuse), not one that goes unnoticed.
    """
    for entry in exhibit_entries(folder):
        yield entry.relative


def folder_fingerprint(folder: Path) -> str:
    """Changes whenever a file of the exhibit is added, removed, renamed or rewritten."""
    digest = hashlib.sha256()
    for relative in exhibit_files(folder):
        path = folder / relative
        try:
            status = path.stat()
        except FileNotFoundError:
            try:
                status = path.lstat()  # a link to nothing: a change all the same
            except OSError:
                continue  # removed while we looked: the next look sees the folder as it is then
        except OSError:
            continue
        digest.update(f"{relative.as_posix()}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


class LinksRefusedError(Exception):
    """The folder holds links that lead outside it: nothing was copied."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        super().__init__(f"{len(problems)} link(s) lead outside the exhibit folder")
        self.problems = problems


@dataclass(frozen=True)
class Version:
    """One published copy of the exhibit."""

    name: str
    folder: Path
    published: datetime
    source_fingerprint: str
    title: str
    #: The git commit the version was published from (a git content source); "" for a folder.
    commit: str = ""

    def describe(self) -> str:
        commit = f"  (commit {self.commit[:12]})" if self.commit else ""
        return f"{self.published.astimezone():%Y-%m-%d %H:%M:%S}  {self.title}{commit}"


class Obstacle(enum.Enum):
    """Why publishing stopped short of validating: nothing the curator could fix in the exhibit."""

    #: The exhibit folder is not there (moved, deleted, an unmounted share) or holds nothing.
    SOURCE_MISSING = "source missing"
    #: The disk of the versions has no room for the copy: worth trying again once it has.
    DISK_FULL = "disk full"
    #: A file could not be read, or the data folder written, for another reason (named in the message).
    STORAGE_ERROR = "storage error"


@dataclass(frozen=True)
class Stop:
    """Publishing stopped before the copy was validated; `message` says what happened, with the facts."""

    obstacle: Obstacle
    message: str


@dataclass(frozen=True)
class Publication:
    """What publishing the folder came to: a new version, the one already made from it, problems
    with the exhibit (validation), or a stop for a reason outside it (a missing folder, a full disk)."""

    version: Version | None
    problems: tuple[Problem, ...] = ()
    #: The new version's validated exhibit; None when the folder had been published already.
    exhibit: "Exhibit | None" = None
    #: The files the new version was read from.
    files: tuple[Path, ...] = ()
    #: Why publishing stopped before validation; None when it got that far.
    stop: Stop | None = None

    @property
    def is_new(self) -> bool:
        return self.exhibit is not None


class VersionStore:
    """The versions of one exhibit folder, in a folder of their own (the platform's data folder)."""

    def __init__(
        self,
        root: Path,
        source: Path,
        keep: int = KEEP_VERSIONS,
        limits: SizeLimits = DEFAULT_LIMITS,
        *,
        free_space: Callable[[Path], int] | None = None,
        source_is_private: bool = False,
    ) -> None:
        self.root = root
        self.source = source
        self.keep = max(1, keep)
        #: The installation's limits on pictures' sizes, which a version is validated against.
        self.limits = limits
        #: Bytes free on the disk holding a path, as the system reports them.
        self._free_space = free_space or (lambda path: shutil.disk_usage(path).free)
        #: The source folder is the kiosk's own, never changed in place but only replaced whole (the
        #: tree exported from a git commit): a version links its files rather than copying them.
        self.source_is_private = source_is_private

    @classmethod
    def for_exhibit(
        cls,
        data_dir: Path,
        source: Path,
        keep: int = KEEP_VERSIONS,
        limits: SizeLimits = DEFAULT_LIMITS,
        *,
        free_space: Callable[[Path], int] | None = None,
    ) -> "VersionStore":
        """Each exhibit folder gets its own store, named after it and its full path."""
        resolved = source.resolve()
        key = hashlib.sha256(str(resolved).encode()).hexdigest()[:12]
        return cls(
            data_dir / "versions" / f"{resolved.name}-{key}", source, keep, limits, free_space=free_space
        )

    def versions(self) -> list[Version]:
        """Every kept version, the newest first."""
        found: list[Version] = []
        if not self.root.is_dir():
            return found
        for folder in self.root.iterdir():
            if folder.is_dir():
                version = _read_version(folder)
                if version is not None:
                    found.append(version)
        return sorted(found, key=lambda version: (version.published, version.name), reverse=True)

    def current(self) -> Version | None:
        """The version on show: the one named current, else the newest one kept."""
        name = self.current_name()
        versions = self.versions()
        named = next((version for version in versions if version.name == name), None)
        return named or (versions[0] if versions else None)

    def current_name(self) -> str:
        """The name the store gives the version on show, as text whatever the file holds ("" when
        it cannot be read): damaged, it names no version, and the newest one is shown."""
        try:
            with (self.root / CURRENT_FILE).open("rb") as file:
                return file.read(_LONGEST_NAME).decode("utf-8", errors="replace").strip()
        except OSError:
            return ""

    def make_current(self, name: str) -> Version:
        """Shows this version from now on (a rollback, or a return to the newest)."""
        version = next((version for version in self.versions() if version.name == name), None)
        if version is None:
            raise KeyError(f"no version named '{name}'")
        _write_atomically(self.root / CURRENT_FILE, version.name + "\n")
        logger.info("exhibit version %s is now current", version.name)
        return version

    def find_published(self, fingerprint: str) -> Version | None:
        """The version published from the folder exactly as it is now, if there is one."""
        return next((v for v in self.versions() if v.source_fingerprint == fingerprint), None)

    def publish(self, protect: frozenset[str] = frozenset(), *, commit: str = "") -> Publication:
        """Copies the exhibit folder as it is now, validates the copy, and keeps it if valid.

        A folder unchanged since it was last published gives that version back, current or not:
        publishing again what staff rolled back from does not undo the rollback. Versions named in
        `protect` (the one on screen) are never removed to make room. A folder that is not there, a
        copy that would not fit on the disk, and any other failure to read or write are a `Stop`,
        never validation problems: nothing is wrong with the exhibit, and nothing half-copied stays.
        `commit` names the git commit the folder was exported from, kept with the version.
        """
        if not self.source.is_dir():
            return _stopped(Obstacle.SOURCE_MISSING, f"the exhibit folder {self.source} is not there")
        fingerprint = folder_fingerprint(self.source)
        if commit:
            # Two commits may leave files of the same sizes and times: the commit tells them apart.
            fingerprint = hashlib.sha256(f"{fingerprint}\0{commit}".encode()).hexdigest()
        if (known := self.find_published(fingerprint)) is not None:
            return Publication(known)
        if not _has_entries(self.source):
            return _stopped(Obstacle.SOURCE_MISSING, f"the exhibit folder {self.source} is empty")
        exhibit_file = self.source / EXHIBIT_FILE
        if not exhibit_file.is_file():
            if os.path.lexists(exhibit_file):
                # A device, a pipe, a folder or a broken link: the loader says which, without
                # reading it, in the words validation uses.
                from kiosk.content.loader import load_exhibit

                return Publication(None, load_exhibit(self.source, limits=self.limits).problems)
            return Publication(None, (Problem(exhibit_file, None, None, "file not found"),))
        needed = self._space_needed()
        free = self._free_bytes()
        if free is not None and free < needed:
            # Not even started: a copy that cannot fit would only fill the disk for everyone else.
            return _stopped(Obstacle.DISK_FULL, self._disk_full(needed, free))
        published = datetime.now(UTC)
        name = f"{published:%Y%m%d-%H%M%S}-{fingerprint[:8]}"
        folder = self.root / name
        try:
            self._copy(folder)
        except LinksRefusedError as refusal:
            return Publication(None, refusal.problems)
        except OSError as error:
            shutil.rmtree(folder, ignore_errors=True)
            return self._stopped_by(error, needed)
        # Imported here: building the models takes longer than the kiosk's whole first frame.
        from kiosk.content.loader import load_exhibit

        result = load_exhibit(folder, limits=self.limits)
        if result.exhibit is None:
            shutil.rmtree(folder, ignore_errors=True)
            # The curator fixes the files they edit, not the copy: problems name those.
            return Publication(
                None, tuple(_in_source(problem, folder, self.source) for problem in result.problems)
            )
        exhibit = result.exhibit
        metadata = {
            "published": published.isoformat(),
            "source_fingerprint": fingerprint,
            "title": exhibit.title.resolve(exhibit.languages[0]),
            **({"commit": commit} if commit else {}),
        }
        try:
            # Written last: a folder without it is a copy that never finished, and is not a version.
            _write_atomically(folder / VERSION_FILE, json.dumps(metadata, indent=1))
            _write_atomically(self.root / CURRENT_FILE, name + "\n")
        except OSError as error:
            shutil.rmtree(folder, ignore_errors=True)
            return self._stopped_by(error, needed)
        self._prune(keep={name, *protect})
        version = _read_version(folder)
        assert version is not None
        logger.info("published %s as version %s", self.source, name)
        return Publication(version, (), exhibit, result.files)

    def _space_needed(self) -> int:
        """About how many bytes a new version takes: its files, less those shared with the last one."""
        previous = self.current()
        needed = _ROOM_FOR_METADATA
        for relative in exhibit_files(self.source):
            source = self.source / relative
            if previous is not None and _same_file(source, previous.folder / relative):
                continue  # shared with the last version, not copied
            try:
                size = source.stat().st_size
            except OSError:
                continue  # gone meanwhile: the copy will say so if it matters
            needed += -(-size // _BLOCK) * _BLOCK
        return needed

    def _free_bytes(self) -> int | None:
        """Bytes free on the disk of the versions; None when the system cannot say."""
        try:
            return self._free_space(_nearest_existing(self.root))
        except OSError:
            return None

    def _disk_full(self, needed: int, free: int | None) -> str:
        room = f"{_megabytes(free)} free" if free is not None else "no free space reported"
        return f"the disk holding {self.root} is full (needs about {_megabytes(needed)}, {room})"

    def _stopped_by(self, error: OSError, needed: int) -> Publication:
        """A failure to read or write, in words: a full disk as such, anything else with its file."""
        free = self._free_bytes()  # after the partial copy was removed
        if error.errno in _DISK_FULL_ERRORS or (free is not None and free < needed):
            return _stopped(Obstacle.DISK_FULL, self._disk_full(needed, free))
        reason = error.strerror or str(error)
        if error.filename and error.filename2:
            # A copy names both ends and cannot tell which one failed.
            message = f"could not copy {error.filename} to {error.filename2}: {reason}"
        elif error.filename and Path(error.filename).is_relative_to(self.source):
            message = f"could not read {error.filename}: {reason}"
        else:
            message = f"could not write {error.filename or self.root}: {reason}"
        return _stopped(Obstacle.STORAGE_ERROR, message)

    def _copy(self, target: Path) -> None:
        """Copies the exhibit's files into `target` as plain files, links resolved; never a link out.

        Raises LinksRefusedError, having copied nothing, when a link leads outside the exhibit folder.
        """
        entries = list(exhibit_entries(self.source))
        refused = [(entry.relative, entry.refusal) for entry in entries if entry.refusal is not None]
        if refused:
            raise LinksRefusedError(
                tuple(Problem(self.source / relative, None, None, refusal) for relative, refusal in refused)
            )
        target.mkdir(parents=True)
        previous = self.current()
        for entry in entries:
            assert entry.real is not None
            destination = target / entry.relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            if previous is not None and _same_file(entry.real, previous.folder / entry.relative):
                # Large scans unchanged since the last version are shared, not copied again.
                try:
                    os.link(previous.folder / entry.relative, destination)
                    continue
                except OSError:
                    pass
            if self.source_is_private:
                try:
                    os.link(entry.real, destination)
                    continue
                except OSError:
                    pass
            shutil.copy2(entry.real, destination)

    def _prune(self, keep: set[str]) -> None:
        versions = self.versions()
        for version in versions[self.keep :]:
            if version.name not in keep:
                shutil.rmtree(version.folder, ignore_errors=True)
        kept = {version.folder for version in versions}
        for folder in self.root.iterdir():
            if folder.is_dir() and folder not in kept:
                shutil.rmtree(folder, ignore_errors=True)  # a copy that a crash left unfinished


def _stopped(obstacle: Obstacle, message: str) -> Publication:
    return Publication(None, stop=Stop(obstacle, message))


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _megabytes(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return f"{megabytes:.1f} MB" if megabytes < 10 else f"{math.ceil(megabytes)} MB"


def _has_entries(folder: Path) -> bool:
    """Whether the folder holds anything at all (an unmounted share's mount point holds nothing)."""
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is not None
    except OSError:
        return False


def _same_file(source: Path, kept: Path) -> bool:
    try:
        one, other = source.stat(), kept.stat()
    except OSError:
        return False
    return one.st_size == other.st_size and one.st_mtime_ns == other.st_mtime_ns


def _read_version(folder: Path) -> Version | None:
    """The version kept in `folder`; None for a folder that is not one, or whose record is damaged.

    A damaged record makes the copy no version at all (the next publishing removes it): it is never
    shown, and never stops the others from being listed, sorted and shown.
    """
    try:
        metadata = json.loads((folder / VERSION_FILE).read_text(encoding="utf-8"))
        published = datetime.fromisoformat(metadata["published"])
        fingerprint = metadata["source_fingerprint"]
        title = metadata.get("title", "")
        commit = metadata.get("commit", "")
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    # Every version is published with its time zone: a time without one could not be sorted
    # among the others.
    if published.tzinfo is None or not isinstance(fingerprint, str) or not isinstance(title, str):
        return None
    if not isinstance(commit, str) or not re.fullmatch(r"(?:[0-9a-f]{40}|[0-9a-f]{64})?", commit):
        commit = ""  # damaged: the version stays, without a commit to name
    return Version(folder.name, folder, published, fingerprint, title[:_MAX_TITLE], commit)


#: Far longer than a version's name ("20261126-101502-3f9a1c0e"): what the file naming the
#: current one may hold beyond this is not read.
_LONGEST_NAME = 1024
#: Longer than any exhibit's title; a longer one is shortened for the staff screen.
_MAX_TITLE = 300


def _in_source(problem: Problem, copy: Path, source: Path) -> Problem:
    try:
        relative = problem.file.resolve().relative_to(copy.resolve())
    except ValueError:
        return problem
    return Problem(
        source / relative, problem.line, problem.column, problem.message, problem.key_path, problem.severity
    )


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)

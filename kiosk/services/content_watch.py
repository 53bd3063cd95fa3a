"""Notices when an exhibit folder has been changed, and says so only once the change is complete.

An editor saving a file, or a copy of a new version arriving over the network, writes in bursts:
a half-written file must never be read. The watcher waits until the folder has been quiet for a
moment and two looks a moment apart find it the same (every file's name, size and modification
time), and only then reports it, with the fingerprint of what it found.

The folder itself may go and come back: renamed away and back, deleted and restored, replaced by a
new folder renamed into its place, or a network share unmounted (leaving an empty mount point) and
mounted again. File-system events follow inodes, not names, so a watch on a folder that was
replaced keeps watching the old one; the watcher therefore also watches the folder's parent, tells
folders apart by device and inode, and watches everything again when another folder stands at the
path. Mounting a share, and changes made on a file server, send no events at all: a slow poll (a
stat walk of the folder, well under a millisecond for an exhibit of some dozens of files) finds
those. A folder that is not there, or holds nothing, is reported as such and never as a change.
"""

import stat
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal, Slot

from kiosk.content.versions import exhibit_files, folder_fingerprint
from kiosk.services.clock import SYSTEM_CLOCK, Clock

#: A running kiosk waits this long between looks: files copied by hand or over a network settle slowly.
KIOSK_SETTLE_MS = 1000
#: The preview answers a save quickly: editors write a file in one go.
PREVIEW_SETTLE_MS = 60
#: How often the folder is looked at without any event: what shares and mounts do not announce.
POLL_MS = 5000

#: Device and inode: which folder stands at the path.
Identity = tuple[int, int]


class ContentWatcher(QObject):
    """Watches a folder, its subfolders and their files; reports each settled change once."""

    #: The folder changed and has settled; the argument is its fingerprint.
    settled = Signal(str)
    #: The folder is gone (moved, deleted, unmounted); True: it is there, but empty or unreadable.
    disappeared = Signal(bool)
    #: The folder, gone or empty before, has files again; a `settled` follows if they are new.
    appeared = Signal()
    #: Another folder now stands at the path (a new one renamed into place, a share mounted over
    #: it); a `settled` follows if its files differ.
    replaced = Signal()

    def __init__(
        self,
        folder: Path,
        settle_ms: int = KIOSK_SETTLE_MS,
        parent: QObject | None = None,
        *,
        fingerprint: Callable[[Path], str] = folder_fingerprint,
        clock: Clock = SYSTEM_CLOCK,
    ) -> None:
        super().__init__(parent)
        self._folder = folder.absolute()
        self._fingerprint = fingerprint
        self._identity = _identity(self._folder)
        self._present = self._identity is not None and _has_files(self._folder)
        # A folder missing at the start has reported nothing: when it appears, it is new.
        self._reported: str | None = fingerprint(self._folder) if self._present else None
        self._last_look: str | None = None
        self._watched_identity: Identity | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._changed)
        self._watcher.fileChanged.connect(self._changed)
        self._settle_timer = clock.timer("contentSettle", self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(settle_ms)
        self._settle_timer.timeout.connect(self._look)
        self._poll_timer = clock.timer("contentPoll", self)
        self._poll_timer.setInterval(POLL_MS)
        self._poll_timer.timeout.connect(self._poll)
        self._watch_everything()
        self._poll_timer.start()

    @property
    def folder(self) -> Path:
        return self._folder

    @property
    def present(self) -> bool:
        """Whether the folder is there, with files in it."""
        return self._present

    def accept(self, fingerprint: str) -> None:
        """The folder as it is now counts as reported (it was just published by other means)."""
        self._reported = fingerprint

    def _watch_everything(self) -> None:
        # Editors save by writing a new file and renaming it over the old one, which drops the old
        # file from the watch list: everything is (re)added after every change.
        if self._identity != self._watched_identity:
            # Another folder, or none, at the path: the old watches follow the old folder's inodes.
            stale = self._watcher.files() + self._watcher.directories()
            if stale:
                self._watcher.removePaths(stale)
            self._watched_identity = self._identity
        # The parent sees the folder renamed, deleted or replaced; the nearest one that exists
        # sees a folder that has not been made yet.
        paths = [str(_nearest_folder(self._folder.parent))]
        if self._identity is not None:
            paths.append(str(self._folder))
            for relative in exhibit_files(self._folder):
                paths.append(str(self._folder / relative))
                for parent in relative.parents:
                    if parent != Path():
                        paths.append(str(self._folder / parent))
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        missing = [path for path in dict.fromkeys(paths) if path not in watched]
        if missing:
            self._watcher.addPaths(missing)

    @Slot(str)
    def _changed(self, _path: str = "") -> None:
        self._last_look = None
        self._settle_timer.start()

    @Slot()
    def _poll(self) -> None:
        if self._settle_timer.isActive():
            return  # a look is due anyway
        identity = _identity(self._folder)
        present = identity is not None and _has_files(self._folder)
        if (
            identity != self._identity
            or present != self._present
            or (present and self._fingerprint(self._folder) != self._reported)
        ):
            self._changed()

    @Slot()
    def _look(self) -> None:
        identity = _identity(self._folder)
        replaced = identity != self._identity and self._identity is not None and identity is not None
        self._identity = identity
        self._watch_everything()
        if identity is None or not _has_files(self._folder):
            self._last_look = None
            if self._present:
                self._present = False
                self.disappeared.emit(identity is not None)
            return
        if not self._present:
            self._present = True
            self.appeared.emit()
        elif replaced:
            self.replaced.emit()
        found = self._fingerprint(self._folder)
        if found != self._last_look:
            # Still changing, or the first look since the change: look once more, a moment later.
            self._last_look = found
            self._settle_timer.start()
            return
        self._last_look = None
        if found != self._reported:
            self._reported = found
            self.settled.emit(found)


def _identity(folder: Path) -> Identity | None:
    """Which folder stands at the path (following a symbolic link), or None when no folder does."""
    try:
        status = folder.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino) if stat.S_ISDIR(status.st_mode) else None


def _has_files(folder: Path) -> bool:
    return next(exhibit_files(folder), None) is not None


def _nearest_folder(path: Path) -> Path:
    while not path.is_dir() and path != path.parent:
        path = path.parent
    return path

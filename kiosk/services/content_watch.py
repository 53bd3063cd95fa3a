"""Notices when an exhibit folder has been changed, and says so only once the change is complete.

An editor saving a file, or a copy of a new version arriving over the network, writes in bursts:
a half-written file must never be read. The watcher waits until the folder has been quiet for a
moment and two looks a moment apart find it the same (every file's name, size and modification
time), and only then reports it, with the fingerprint of what it found.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.content.versions import exhibit_files, folder_fingerprint

#: A running kiosk waits this long between looks: files copied by hand or over a network settle slowly.
KIOSK_SETTLE_MS = 1000
#: The preview answers a save quickly: editors write a file in one go.
PREVIEW_SETTLE_MS = 60


class ContentWatcher(QObject):
    """Watches a folder, its subfolders and their files; reports each settled change once."""

    #: The folder changed and has settled; the argument is its fingerprint.
    settled = Signal(str)

    def __init__(
        self,
        folder: Path,
        settle_ms: int = KIOSK_SETTLE_MS,
        parent: QObject | None = None,
        *,
        fingerprint: Callable[[Path], str] = folder_fingerprint,
        settle_timer: QTimer | None = None,
    ) -> None:
        super().__init__(parent)
        self._folder = folder
        self._fingerprint = fingerprint
        self._reported = fingerprint(folder)
        self._last_look: str | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._changed)
        self._watcher.fileChanged.connect(self._changed)
        self._settle_timer = settle_timer or QTimer(self)
        self._settle_timer.setObjectName("contentSettle")
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(settle_ms)
        self._settle_timer.timeout.connect(self._look)
        self._watch_everything()

    @property
    def folder(self) -> Path:
        return self._folder

    def accept(self, fingerprint: str) -> None:
        """The folder as it is now counts as reported (it was just published by other means)."""
        self._reported = fingerprint

    def _watch_everything(self) -> None:
        # Editors save by writing a new file and renaming it over the old one, which drops the old
        # file from the watch list: everything is (re)added after every change.
        paths = [str(self._folder)]
        for relative in exhibit_files(self._folder):
            paths.append(str(self._folder / relative))
            for parent in relative.parents:
                if parent != Path():
                    paths.append(str(self._folder / parent))
        watched = set(self._watcher.files()) | set(self._watcher.directories())
        missing = [path for path in dict.fromkeys(paths) if path not in watched]
        if missing:
            self._watcher.addPaths(missing)

    def _changed(self, _path: str) -> None:
        self._last_look = None
        self._settle_timer.start()

    def _look(self) -> None:
        self._watch_everything()
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

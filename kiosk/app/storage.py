"""The folders a kiosk writes to, checked when they are chosen: one that cannot be used is replaced.

A data or cache folder may be unusable on the day: a file in its place, a read-only file system, a
permission taken away, a disk that was removed. None of that may keep the kiosk from starting. The
folder is made if missing and a probe file is written and removed in it; when that fails, a
temporary folder of the kiosk's own is used instead, and the reason is said once, in the log and on
the staff screen ("Needs attention"). The probe file is empty on purpose: a full disk still holds
the kept versions and is handled where the room runs out (publishing retries), not by moving away.
"""

import contextlib
import getpass
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from kiosk.app.notices import notify


@dataclass(frozen=True)
class FolderUse:
    """What a folder is for, in the words of the notice that says it was replaced."""

    #: "data folder"
    name: str
    #: What it keeps, as the subject of "... are kept in <folder> instead".
    keeps: str
    #: The name of its stand-in inside the kiosk's temporary folder.
    stand_in: str


DATA_FOLDER = FolderUse("data folder", "the published versions and the staff PIN lockout", "data")
CACHE_FOLDER = FolderUse("cache folder", "snapshots and page tiles", "cache")


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("kiosk", appauthor=False))


def usable_folder(preferred: Path, use: FolderUse) -> Path:
    """`preferred` if it can be written (made if missing), else a temporary folder, said once."""
    try:
        _check_writable(preferred)
        return preferred
    except OSError as error:
        reason = unusable_reason(error, preferred)
    stand_in = _stand_in(use)
    if stand_in is None:
        notify(
            f"{use.stand_in}-folder",
            f"the {use.name} {preferred} cannot be used ({reason}), nor any temporary folder; "
            f"{use.keeps} are not kept",
        )
        return preferred
    notify(
        f"{use.stand_in}-folder",
        f"the {use.name} {preferred} cannot be used ({reason}); {use.keeps} are kept in {stand_in} "
        "instead, which the system may empty when it restarts",
    )
    return stand_in


def unusable_reason(error: OSError, folder: Path) -> str:
    """Why a folder cannot be used, in a few words."""
    if isinstance(error, FileExistsError) and Path(error.filename or folder) == folder:
        return "a file is in its place"
    reason = error.strerror or str(error)
    if error.filename and Path(error.filename) != folder:
        return f"{reason}: {error.filename}"
    return reason


def _check_writable(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, probe = tempfile.mkstemp(prefix=".kiosk-probe-", dir=folder)
    os.close(descriptor)
    Path(probe).unlink()


def _stand_in(use: FolderUse) -> Path | None:
    """The kiosk's own folder for `use` under the system's temporary folder, or None if none works.

    The same one at every start while the system keeps it, so a kiosk restarted by its supervisor
    finds the versions it published. Another account could have made that name first: it is
    used only when it is a real folder of this user's, closed to others; else a fresh one is made.
    """
    shared = Path(tempfile.gettempdir()) / f"kiosk-{_user()}"
    with contextlib.suppress(OSError):
        shared.mkdir(mode=0o700, exist_ok=True)
        if _is_private(shared):
            folder = shared / use.stand_in
            _check_writable(folder)
            return folder
    try:
        folder = Path(tempfile.mkdtemp(prefix=f"kiosk-{use.stand_in}-"))
        _check_writable(folder)
    except OSError:
        return None
    return folder


def _is_private(folder: Path) -> bool:
    status = folder.lstat()
    if not stat.S_ISDIR(status.st_mode):
        return False
    if os.name == "nt":
        return True  # the temporary folder is the user's own there
    return status.st_uid == os.getuid() and not status.st_mode & 0o077


def _user() -> str:
    try:
        name = getpass.getuser()
    except (OSError, KeyError):
        name = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return "".join(character if character.isalnum() else "_" for character in name)

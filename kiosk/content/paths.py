"""Where an exhibit's files are, and the one check that a path of the exhibit stays inside it.

Validation (pictures, sounds, captions, section files) and publishing (the copy of the folder)
ask `resolve_inside` the same question, so they cannot disagree: a path written as leading out
(`../x`, `/etc/x`) is refused, and so is a link (symbolic link, or Windows junction) whose target
lies outside the exhibit folder, wherever it stands on the way to the file. A link inside the
folder to another of its files is followed; publishing copies what it leads to as a plain file.
"""

import os
import stat
import sys
from pathlib import Path, PurePath, PurePosixPath

#: The shared folder of media and fonts beside `exhibits/`.
DEFAULT_ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
#: The file at the root of every exhibit folder.
EXHIBIT_FILE = "exhibit.yaml"
#: The exhibit a kiosk shows when neither the command line nor the installation settings name one:
#: here, or beside the program of a frozen kiosk (tools/freeze.py), which may start anywhere.
DEFAULT_EXHIBIT = (Path(sys.executable).parent if getattr(sys, "frozen", False) else Path()) / (
    "exhibits/recognition-1933"
)


def user_cache_dir() -> Path:
    """The kiosk's cache folder on this machine (tile pyramids): safe to delete, rebuilt on use."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("kiosk", appauthor=False))


class OutsideExhibitError(ValueError):
    """A path of the exhibit that leads outside its folder: as written, or through a link.

    `link` is the link that leads out, relative to the exhibit folder (None: the path as written
    leaves the folder, with `..` or from the root).
    """

    def __init__(
        self,
        written: str,
        link: PurePosixPath | None = None,
        link_to_folder: bool = False,
        *,
        circular: bool = False,
    ) -> None:
        super().__init__(written)
        self.written = written
        self.link = link
        self.link_to_folder = link_to_folder
        self.circular = circular

    def __str__(self) -> str:
        if self.circular:
            return f"'{self.written}' goes through links that lead round in a circle; remove them"
        if self.link is None:
            return f"'{self.written}' leaves the exhibit folder"
        link, tail = self.link.as_posix(), _link_outside(folder=self.link_to_folder)
        if self.link == PurePosixPath(self.written):
            return f"'{link}' is {tail}"
        return f"'{self.written}' is inside '{link}', {tail}"


def _link_outside(*, folder: bool) -> str:
    kind = "folder" if folder else "file"
    return (
        f"a link to a {kind} outside the exhibit folder, which the kiosk never shows; "
        f"copy the {kind} itself into the exhibit folder"
    )


def resolve_inside(folder: Path, written: str | PurePath, *, also: tuple[Path, ...] = ()) -> Path:
    """The file `written` (relative to the exhibit `folder`) names, links resolved.

    Raises OutsideExhibitError unless it lies inside `folder`, or inside one of the folders `also`
    allows (the shared assets) when the path is written to reach it: a link in the exhibit folder
    must lead to a file of the exhibit folder, as publishing requires.
    """
    relative = PurePath(written)
    roots = (folder.resolve(), *(root.resolve() for root in also))
    lexical = Path(os.path.normpath(roots[0] / relative))
    root = next((root for root in roots if lexical.is_relative_to(root)), None)
    if root is None:
        raise OutsideExhibitError(str(written))
    try:
        resolved = (folder / relative).resolve()
    except (OSError, RuntimeError):  # links that lead to one another, round and round
        raise OutsideExhibitError(str(written), circular=True) from None
    if is_link(resolved):  # the same, where Python leaves such a link unresolved rather than raise
        raise OutsideExhibitError(str(written), circular=True)
    if resolved.is_relative_to(root):
        return resolved
    raise _link_leading_out(folder, relative, root, str(written))


def _link_leading_out(folder: Path, relative: PurePath, root: Path, written: str) -> OutsideExhibitError:
    """The first link on the way to `relative` whose target lies outside `root`."""
    parts = relative.parts
    for count in range(1, len(parts) + 1):
        step = folder.joinpath(*parts[:count])
        if not is_link(step):
            continue
        target = step.resolve()
        if not target.is_relative_to(root):
            return OutsideExhibitError(written, PurePosixPath(*parts[:count]), target.is_dir())
    # The way out was a link followed by '..' beyond it: the path as written leaves.
    return OutsideExhibitError(written)


def is_link(path: Path) -> bool:
    """A symbolic link, or a Windows junction (which Python does not count as one)."""
    if path.is_symlink():
        return True
    try:
        status = path.lstat()
    except OSError:
        return False
    return getattr(status, "st_reparse_tag", 0) == getattr(stat, "IO_REPARSE_TAG_MOUNT_POINT", -1)

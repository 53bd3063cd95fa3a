"""The installation settings of an unchanged file, kept once validated, so that the kiosk starts
without pydantic.

Validating the settings (kiosk.services.settings) imports pydantic and builds the models' schemas:
about 130 ms of processor time, before the window, at every start. A file that read without a
single problem is kept here, in the cache folder, as its values; the next start whose file is
byte for byte the same, read by the same code, takes them from here instead
(docs/adr/0030-the-installation-settings-from-a-snapshot.md). Anything else is validated in full,
with its problems at file:line:col: a changed file, a missing or damaged snapshot, a new version
of the kiosk or of the settings' code, a file with problems (whose problems are said at every
start).

The snapshot is a cache, read as hostile: its values must be those it was written with (a digest
of them is kept beside them), of the types a setting may have; a snapshot that is not is removed
and the file validated instead, so a damaged snapshot costs a moment, never the kiosk.

This module imports neither pydantic nor kiosk.services.settings: it is what a kiosk reads before
its first frame. It also holds what the renderer's choice needs of the settings.
"""

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Mapping
from datetime import time
from pathlib import Path
from typing import Any

import platformdirs

from kiosk import __version__
from kiosk.content.pictures import SizeLimits
from kiosk.content.stored import StaleDocumentError, parse_document, write_whole
from kiosk.services.schedule import OpeningHours
from kiosk.services.screen import DEFAULT_SCREEN_BOTTOM_MM, ScreenPlacement

#: How long visitor events are kept, and the most they may take (kiosk.services.analytics).
DEFAULT_ANALYTICS_RETENTION_DAYS = 400
DEFAULT_ANALYTICS_MAX_MB = 200
#: How Qt Quick draws: chosen by what the machine has, or forced.
RENDERER_AUTO = "auto"
RENDERER_SOFTWARE = "software"
RENDERER_HARDWARE = "hardware"
RENDERERS = (RENDERER_AUTO, RENDERER_SOFTWARE, RENDERER_HARDWARE)

logger = logging.getLogger(__name__)
SETTINGS_FILE = "settings.yaml"
#: The installation settings of the machine, for every account that has none of its own.
SYSTEM_SETTINGS = Path("/etc/kiosk") / SETTINGS_FILE
FORMAT = 1
#: A snapshot is well under a kilobyte; one far larger is damage, and is not read into memory.
MAX_SNAPSHOT_BYTES = 200_000
#: The code that validates the settings: when it changes, what it once accepted is checked again.
#: The settings' module may import only these two layers (import-linter), so hashing them covers
#: every rule, whatever the kiosk's version says.
_SETTINGS_CODE = (Path(__file__).parent, Path(__file__).parents[1] / "content")


class SettingsQueries:
    """What the settings answer beyond their values, kept or validated alike."""

    screen_width_mm: float | None
    screen_height_mm: float | None
    screen_bottom_mm: float | None
    picture_limit_megapixels: float | None
    page_limit_megapixels: float | None
    video_volume: float
    video_volume_min: float
    video_volume_max: float

    def screen_placement(self) -> ScreenPlacement:
        bottom = DEFAULT_SCREEN_BOTTOM_MM if self.screen_bottom_mm is None else self.screen_bottom_mm
        return ScreenPlacement(self.screen_width_mm, self.screen_height_mm, bottom)

    def size_limits(self) -> SizeLimits:
        """How many megapixels a picture, and a document page, may have on this installation."""
        defaults = SizeLimits()
        return SizeLimits(
            self.picture_limit_megapixels or defaults.picture_megapixels,
            self.page_limit_megapixels or defaults.page_megapixels,
        )

    def video_volume_limits(self) -> tuple[float, float, float]:
        """The films' starting level and the visitor's range (lowest, highest): limits written the
        wrong way round are taken in order, and a starting level outside them is brought within."""
        lowest, highest = sorted((self.video_volume_min, self.video_volume_max))
        return min(highest, max(lowest, self.video_volume)), lowest, highest


class KeptSettings(SettingsQueries):
    """Settings read back from a snapshot: the attributes of `InstallationSettings`, read-only.

    They are the values the file gave when it last validated; nothing here validates them again.
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_values", dict(values))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"the installation settings are read-only: {name}")

    def __repr__(self) -> str:
        shown = ", ".join(f"{key}={value!r}" for key, value in self._values.items() if key != "pin_hash")
        return f"KeptSettings({shown})"


class SettingsRead:
    """What the snapshot gave for a settings file: its settings, or None and, if it was damaged, why."""

    def __init__(
        self, settings: KeptSettings | None, fingerprint: str | None, damage: str | None = None
    ) -> None:
        self.settings = settings
        #: The file as it was read (None: it cannot be read), to be kept with its settings.
        self.fingerprint = fingerprint
        self.damage = damage


class StartSettings:
    """The settings for a kiosk's start, and their problems: those kept, when the file is unchanged
    since it last read without a problem, else the file validated in full (pydantic is imported
    only then)."""

    def __init__(self, settings_path: Path, cache_dir: Path | None) -> None:
        """`cache_dir` None: no snapshot is read (safe mode trusts none)."""
        self.path = settings_path
        read = (
            load_kept_settings(cache_dir, settings_path)
            if cache_dir is not None
            else SettingsRead(None, fingerprint(settings_path))
        )
        self._fingerprint = read.fingerprint
        #: Why the snapshot could not be used, when it was damaged: for the log.
        self.damage = read.damage
        if read.settings is not None:
            self.settings: Any = read.settings
            self.problems: list[Any] = []
            return
        from kiosk.services.settings import load_settings

        self.settings, self.problems = load_settings(settings_path)

    @property
    def validated(self) -> bool:
        """Whether the file was validated now, rather than taken from the snapshot."""
        return not isinstance(self.settings, KeptSettings)

    def keep(self, cache_dir: Path) -> None:
        """Keeps settings validated now without a problem, for the next start; a file with
        problems is validated at every start, so that they are said at every start."""
        if self.validated and not self.problems:
            keep_settings(cache_dir, self.path, self.settings, self._fingerprint)


def default_settings_path() -> Path:
    """settings.yaml in the user's configuration folder (~/.config/kiosk on Linux); without one
    there, the machine's, which the Debian package installs (/etc/kiosk), if the user may read it."""
    user = Path(platformdirs.user_config_dir("kiosk", appauthor=False)) / SETTINGS_FILE
    if not user.exists() and os.access(SYSTEM_SETTINGS, os.R_OK):
        return SYSTEM_SETTINGS
    return user


def snapshot_path(cache_dir: Path, settings_path: Path) -> Path:
    key = hashlib.sha256(str(settings_path.absolute()).encode()).hexdigest()[:20]
    return cache_dir / "settings" / f"{key}.json"


def fingerprint(settings_path: Path) -> str | None:
    """The settings file as it is (None when it cannot be read), with all else its values depend on:
    where it is (relative paths), the home folder (~), and the code that validates it (about 2 ms
    for the 400 kB of it)."""
    digest = hashlib.sha256(f"{FORMAT} {__version__} {settings_path.absolute()}\0".encode())
    digest.update(f"{_home()}\0".encode())
    try:
        for module in sorted(path for folder in _SETTINGS_CODE for path in folder.rglob("*.py")):
            digest.update(module.read_bytes() + b"\0")
    except OSError:
        return None
    try:
        digest.update(settings_path.read_bytes())
    except FileNotFoundError:
        if settings_path.exists():
            return None  # there, but not a file that can be read: validation says why
        digest.update(b"\0no file")
    except OSError:
        return None
    return digest.hexdigest()


def _home() -> str:
    try:
        return str(Path("~").expanduser())
    except RuntimeError:  # no home folder to be found: "~" stays as written
        return "~"


def load_kept_settings(cache_dir: Path, settings_path: Path) -> SettingsRead:
    """The settings kept for `settings_path` if the file is as it was when they were validated."""
    now = fingerprint(settings_path)
    path = snapshot_path(cache_dir, settings_path)
    try:
        with path.open("rb") as file:
            raw = file.read(MAX_SNAPSHOT_BYTES + 1)
    except FileNotFoundError:
        return SettingsRead(None, now)
    except OSError as error:
        return SettingsRead(None, now, f"cannot be read ({error})")
    try:
        settings = _read(raw, now)
    except StaleDocumentError:
        return SettingsRead(None, now)
    except (ValueError, KeyError, TypeError, RecursionError) as error:
        discard_kept_settings(cache_dir, settings_path)
        return SettingsRead(None, now, f"was damaged ({str(error)[:300]}); removed it")
    return SettingsRead(settings, now)


def keep_settings(cache_dir: Path, settings_path: Path, settings: Any, fingerprint_then: str | None) -> None:
    """Keeps `settings`, validated from the file whose fingerprint was `fingerprint_then`, unless
    the file has changed since. A snapshot that cannot be written is said in the log."""
    if fingerprint_then is None or fingerprint(settings_path) != fingerprint_then:
        return  # changed while it was read: the next start validates it again
    values = {key: _to_plain(getattr(settings, key)) for key in type(settings).model_fields}
    document = {"format": FORMAT, "fingerprint": fingerprint_then, "values": values, "check": _digest(values)}
    path = snapshot_path(cache_dir, settings_path)
    try:
        write_whole(path, document)
    except OSError as error:
        logger.warning("could not keep the installation settings' snapshot in %s: %s", path, error)


def discard_kept_settings(cache_dir: Path, settings_path: Path) -> None:
    with contextlib.suppress(OSError):
        snapshot_path(cache_dir, settings_path).unlink()


def _read(raw: bytes, now: str | None) -> KeptSettings:
    document = parse_document(raw, MAX_SNAPSHOT_BYTES, FORMAT)
    kept = document.get("fingerprint")
    if not isinstance(kept, str):
        raise ValueError("it has no fingerprint")
    values = document.get("values")
    if not isinstance(values, dict) or document.get("check") != _digest(values):
        raise ValueError("its values are not those it was written with")
    if now is None or kept != now:
        raise StaleDocumentError
    return KeptSettings({key: _from_plain(value) for key, value in values.items()})


def _digest(values: Mapping[str, Any]) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


# A setting's value in JSON: plain values as they are, the others tagged with their type.


def _to_plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Path):
        return {"path": str(value)}
    if isinstance(value, time):
        return {"time": value.isoformat()}
    if isinstance(value, OpeningHours):
        return {"opening_hours": value.as_text()}
    if isinstance(value, tuple):
        return {"tuple": [_to_plain(item) for item in value]}
    raise TypeError(f"a setting of type {type(value).__name__} cannot be kept")


def _from_plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if not isinstance(value, dict) or len(value) != 1:
        raise ValueError(f"not a setting's value: {str(value)[:100]}")
    ((kind, content),) = value.items()
    if kind == "path" and isinstance(content, str) and "\0" not in content:
        return Path(content)
    if kind == "time" and isinstance(content, str):
        return time.fromisoformat(content)
    if (
        kind == "opening_hours"
        and isinstance(content, dict)
        and all(isinstance(v, str) for v in content.values())
    ):
        return OpeningHours.from_text(content)
    if kind == "tuple" and isinstance(content, list):
        return tuple(_from_plain(item) for item in content)
    raise ValueError(f"not a setting's value: {str(value)[:100]}")

"""The installation's own settings, kept by operations staff apart from the exhibit's content.

One YAML file, `settings.yaml` in the user's configuration folder (`~/.config/kiosk` on Linux),
says which exhibit this kiosk shows and how it runs there. Every key may be left out::

    exhibit: /srv/exhibits/recognition-1933   # relative paths are read from this file's folder
    pin_hash: "scrypt$n=16384,r=8,p=1$...$..."  # the staff PIN's hash, never the PIN
    opening_hours:                              # none: always open
      everyday: "10:00-18:00"                   # for every day not named below
      monday: closed
      friday: "10:00-13:00, 14:00-22:00"
    daily_restart: "04:30"
    memory_ceiling_mb: 900                      # restart when the kiosk uses more memory than this
    log_dir: logs
    idle_timeout: 90                            # seconds; none: the exhibit's own
    countdown: 30                               # seconds, at least 20; none: the exhibit's own
    screen_width_mm: 952                        # the picture's size as mounted, in millimetres
    screen_height_mm: 535
    screen_bottom_mm: 800                       # the picture's bottom edge above the floor
    picture_limit_megapixels: 24                # the largest picture an exhibit may show
    page_limit_megapixels: 100                  # the largest page of a document, cut into tiles
    renderer: auto                              # auto, software or hardware
    kiosk_name: gallery-2-recognition           # this kiosk's name in its metrics; default: the host's
    metrics_address: "127.0.0.1:9633"           # where Prometheus scrapes the metrics; none: nowhere
    metrics_textfile: /var/lib/node_exporter/textfile_collector/kiosk.prom   # also written here
    content_git: https://git.museum.org/exhibits/recognition.git   # follow a git repository
    content_ref: main                           # a branch, or a tag to pin; none: the default branch
    content_path: recognition-1933              # the exhibit's folder in the repository; none: its root
    content_check_every: 300                    # seconds between checks of the repository
    allowed_signers: /etc/kiosk/allowed_signers # whose signed commits are shown (OpenSSH format)
    screens: ["1920x1080", "1080x1920"]         # the screens `kiosk validate` checks that text fits

With `opening_hours`, days neither named nor covered by `everyday` are closed. Reading never
raises for what the file holds: what is wrong comes back as problems at file:line:column, and
the setting concerned keeps its default.

The screen's size makes touch targets 20 mm on the glass, whatever the screen (Colle and Hiszem
found 20 mm keys as quick and sure as larger ones); its height above the floor tells the reach
mode which part of the picture a seated visitor can touch (ADA 308: 15 to 48 inches). Without
them the kiosk assumes a 43-inch 16:9 screen, 952 x 535 mm in landscape (535 x 952 in
portrait), with its bottom edge 800 mm above the floor.

The two limits bound what a picture may decode to, since a small file may state a huge size (a
"decompression bomb"): validation and publishing refuse a picture over `picture_limit_megapixels`
(default 24, at most 64, which is all Qt decodes) and a document page over
`page_limit_megapixels` (default 100, at most 400); see kiosk.content.pictures for why.

`renderer` says how Qt Quick draws (kiosk.app.renderer): `auto` uses the graphics card when
there is one and Qt Quick's software renderer when OpenGL is only emulated on the processor
(Mesa's llvmpipe, say) or missing; `software` and `hardware` force either. QT_QUICK_BACKEND or
QSG_RHI_BACKEND in the environment overrides it.

The metrics (kiosk.app.metrics) are served on `metrics_address`, `host:port` (`[::1]:9633` for
IPv6, `0.0.0.0:9633` for every interface), 127.0.0.1:9633 when left out; with
`metrics_textfile` they are also written to that file every 15 s, for node_exporter's textfile
collector.
`content_git` makes the kiosk follow a git repository (kiosk.services.git_content): it shows only
commits signed by a key in `allowed_signers`, and nothing from git at all without that file. When
the repository has given a good commit, it is shown rather than `exhibit`; until then `exhibit`
is (docs/adr/0020-content-from-a-signed-git-repository.md).
"""

import contextlib
import difflib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field, fields
from datetime import time
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.content.bounds import COUNTDOWN_S, IDLE_TIMEOUT_S
from kiosk.content.localized import describe_value
from kiosk.content.pictures import PAGE_MEGAPIXELS_RANGE, PICTURE_MEGAPIXELS_RANGE, SizeLimits
from kiosk.content.problems import Position, Problem, Severity, sort_key
from kiosk.content.yaml_source import KeyPath, SourceDocument, SourceError, format_key_path, read_yaml
from kiosk.services.schedule import CLOSED, WEEKDAYS, OpeningHours, format_time, parse_periods, parse_time
from kiosk.services.screen import DEFAULT_SCREEN_BOTTOM_MM, ScreenPlacement
from kiosk.services.staff_access import is_pin_hash

SETTINGS_FILE = "settings.yaml"
EVERYDAY = "everyday"

#: WCAG 2.2.1 (Timing Adjustable) asks for at least 20 seconds to answer a timeout warning.
MINIMUM_COUNTDOWN_S, MAXIMUM_COUNTDOWN_S = COUNTDOWN_S
IDLE_TIMEOUT_RANGE_S = IDLE_TIMEOUT_S
#: Below this the kiosk would restart over and over: Qt Quick alone takes 150 MB or so.
MINIMUM_MEMORY_CEILING_MB = 256
MAXIMUM_MEMORY_CEILING_MB = 1024 * 1024
SCREEN_SIDE_RANGE_MM = (100.0, 5000.0)
SCREEN_BOTTOM_RANGE_MM = (0.0, 3000.0)
_MEGAPIXEL_RANGES = {
    "picture_limit_megapixels": PICTURE_MEGAPIXELS_RANGE,
    "page_limit_megapixels": PAGE_MEGAPIXELS_RANGE,
}
#: How Qt Quick draws: chosen by what the machine has, or forced.
RENDERER_AUTO = "auto"
RENDERER_SOFTWARE = "software"
RENDERER_HARDWARE = "hardware"
RENDERERS = (RENDERER_AUTO, RENDERER_SOFTWARE, RENDERER_HARDWARE)
#: Where the metrics are served when the settings do not say: this machine only.
DEFAULT_METRICS_ADDRESS = ("127.0.0.1", 9633)
_METRICS_ADDRESS = re.compile(
    r"(?:\[(?P<ipv6>[0-9A-Fa-f:.]+)\]|(?P<host>[A-Za-z0-9.-]+)):(?P<port>[0-9]{1,5})"
)
#: Checking a content repository more often would only load its server; less often, and a day's
#: change waits too long.
CONTENT_CHECK_EVERY_RANGE_S = (30.0, 86400.0)
DEFAULT_CONTENT_CHECK_EVERY_S = 300.0
#: A remote URL (scheme://… or scp-like user@host:path), rather than a path on this machine.
_REMOTE_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^[^/\\:]+@[^/\\:]+:|^[A-Za-z0-9.-]{2,}:(?![\\/])")


@dataclass(frozen=True)
class InstallationSettings:
    """How this kiosk runs; None everywhere means the default (for the timings: the exhibit's own)."""

    exhibit: Path | None = None
    pin_hash: str | None = field(default=None, repr=False)
    #: None: always open.
    opening_hours: OpeningHours | None = None
    daily_restart: time | None = None
    memory_ceiling_mb: int | None = None
    log_dir: Path | None = None
    idle_timeout: float | None = None
    countdown: float | None = None
    screen_width_mm: float | None = None
    screen_height_mm: float | None = None
    screen_bottom_mm: float | None = None
    picture_limit_megapixels: float | None = None
    page_limit_megapixels: float | None = None
    renderer: str = RENDERER_AUTO
    #: This kiosk's name in its metrics; None: the machine's host name.
    kiosk_name: str | None = None
    #: (host, port) the metrics are served on; None: not served.
    metrics_address: tuple[str, int] | None = DEFAULT_METRICS_ADDRESS
    #: A file the metrics are also written to, for node_exporter's textfile collector.
    metrics_textfile: Path | None = None
    #: A git repository to follow (URL, or path on this machine); None: the exhibit folder only.
    content_git: str | None = None
    #: The branch, or the tag to pin; None: the repository's default branch.
    content_ref: str | None = None
    #: The exhibit's folder inside the repository; None: the repository's root.
    content_path: str | None = None
    content_check_every: float = DEFAULT_CONTENT_CHECK_EVERY_S
    #: The OpenSSH allowed_signers file naming whose signed commits are shown.
    allowed_signers: Path | None = None
    #: The screens, in pixels (width, height), on which `kiosk validate` checks that text fits.
    screens: tuple[tuple[int, int], ...] = ((1920, 1080), (1080, 1920))

    def __post_init__(self) -> None:
        if self.countdown is not None and not MINIMUM_COUNTDOWN_S <= self.countdown <= MAXIMUM_COUNTDOWN_S:
            raise ValueError(f"countdown must be {MINIMUM_COUNTDOWN_S:g} to {MAXIMUM_COUNTDOWN_S:g} seconds")
        if self.idle_timeout is not None and not (
            IDLE_TIMEOUT_RANGE_S[0] <= self.idle_timeout <= IDLE_TIMEOUT_RANGE_S[1]
        ):
            raise ValueError("idle_timeout must be {:g} to {:g} seconds".format(*IDLE_TIMEOUT_RANGE_S))
        if self.memory_ceiling_mb is not None and not (
            MINIMUM_MEMORY_CEILING_MB <= self.memory_ceiling_mb <= MAXIMUM_MEMORY_CEILING_MB
        ):
            raise ValueError(
                f"memory_ceiling_mb must be {MINIMUM_MEMORY_CEILING_MB} to {MAXIMUM_MEMORY_CEILING_MB} MB"
            )
        if self.pin_hash is not None and not is_pin_hash(self.pin_hash):
            raise ValueError("pin_hash is not a PIN hash made by hash_pin")
        low, high = SCREEN_SIDE_RANGE_MM
        for side in (self.screen_width_mm, self.screen_height_mm):
            if side is not None and not low <= side <= high:
                raise ValueError(f"the screen's sides must be {low:g} to {high:g} mm")
        low, high = SCREEN_BOTTOM_RANGE_MM
        if self.screen_bottom_mm is not None and not low <= self.screen_bottom_mm <= high:
            raise ValueError(f"screen_bottom_mm must be {low:g} to {high:g} mm")
        for key, (low, high) in _MEGAPIXEL_RANGES.items():
            value = getattr(self, key)
            if value is not None and not low <= value <= high:
                raise ValueError(f"{key} must be {low:g} to {high:g} megapixels")
        if self.renderer not in RENDERERS:
            raise ValueError(f"renderer must be one of {', '.join(RENDERERS)}")
        low, high = CONTENT_CHECK_EVERY_RANGE_S
        if not low <= self.content_check_every <= high:
            raise ValueError(f"content_check_every must be {low:g} to {high:g} seconds")

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


KEYS = tuple(item.name for item in fields(InstallationSettings))


def default_settings_path() -> Path:
    """settings.yaml in the user's configuration folder: ~/.config/kiosk on Linux."""
    return Path(platformdirs.user_config_dir("kiosk", appauthor=False)) / SETTINGS_FILE


def load_settings(path: Path) -> tuple[InstallationSettings, list[Problem]]:
    """The settings in `path`, and every problem with them; never raises for what the file holds.

    A missing or empty file is all defaults and no problem. A setting that cannot be read keeps
    its default, and the problems say where and why.
    """
    if not path.exists():
        return InstallationSettings(), []
    try:
        document = read_yaml(path)
    except SourceError as error:
        if error.problem.message == "file is empty":  # comments alone, or nothing
            return InstallationSettings(), []
        if not path.exists():  # removed since
            return InstallationSettings(), []
        return InstallationSettings(), [error.problem]
    return _Reader(path, document).read()


class _InvalidValueError(Exception):
    """A value that cannot be used; the reader reports it where the value stands."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Reader:
    def __init__(self, path: Path, document: SourceDocument) -> None:
        self.path = path
        self.folder = path.absolute().parent
        self.document = document
        self.problems: list[Problem] = list(document.problems)
        self._lines: list[str] | None = None

    def read(self) -> tuple[InstallationSettings, list[Problem]]:
        data = self.document.data
        if data is None:
            return InstallationSettings(), self.sorted_problems()
        if not isinstance(data, dict):
            self.error(
                (),
                f"expected settings as keys and values (exhibit:, opening_hours: …), found {describe_value(data)}",
            )
            return InstallationSettings(), self.sorted_problems()

        values: dict[str, Any] = {}
        for key, value in data.items():
            if key not in KEYS:
                self.unknown_key((key,), KEYS)
                continue
            try:
                values[key] = getattr(self, f"read_{key}")(value)
            except _InvalidValueError as invalid:
                self.error((key,), invalid.message)
        self.one_side_only(values)
        self.signers_for_git(values)
        try:
            settings = InstallationSettings(**values)
        except ValueError as error:  # the readers check what the constructor does; this is a safety net
            self.error((), str(error))
            settings = InstallationSettings()
        return settings, self.sorted_problems()

    # One reader per key, named after it: each returns the value or raises _InvalidValueError.

    def read_exhibit(self, value: Any) -> Path | None:
        return self.path_value(value, "the exhibit's folder")

    def read_log_dir(self, value: Any) -> Path | None:
        return self.path_value(value, "the folder for the log files")

    def read_pin_hash(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not is_pin_hash(value):
            raise _InvalidValueError(
                "is not a PIN hash (scrypt$n=…,r=…,p=…$…$…); set the PIN again to write a new one. "
                "Until then staff access is refused"
            )
        return value.strip()

    def read_opening_hours(self, value: Any) -> OpeningHours | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise _InvalidValueError(
                f'expected days and their hours (monday: "10:00-18:00", sunday: closed …), '
                f"found {describe_value(value)}"
            )
        days = (*WEEKDAYS, EVERYDAY)
        texts: dict[str, str] = {}
        broken = False
        for day, hours in value.items():
            key_path: KeyPath = ("opening_hours", day)
            if day not in days:
                self.unknown_key(key_path, days)
                broken = True
                continue
            try:
                texts[day] = self.day_hours(hours, key_path)
            except _InvalidValueError as invalid:
                self.error(key_path, invalid.message)
                broken = True
        if broken:
            # Hours half read could close the kiosk while the museum is open: keep it open instead.
            return None
        opening_hours = OpeningHours.from_text(texts)
        if opening_hours.never_open:
            position = self.key_position(("opening_hours",))
            self.problems.append(
                Problem(
                    position.file,
                    position.line,
                    position.column,
                    "every day is closed, so the kiosk never opens; name the days it is open "
                    f'(monday: "10:00-18:00") or use {EVERYDAY}:',
                    "opening_hours",
                    Severity.WARNING,
                )
            )
        return opening_hours

    def day_hours(self, hours: Any, key_path: KeyPath) -> str:
        if hours is False:  # YAML reads an unquoted 'no' or 'off' as false
            return CLOSED
        text = self.scalar_text(hours, key_path)
        if text is None:
            raise _InvalidValueError(
                f'expected hours like "10:00-18:00", or {CLOSED}; found {describe_value(hours)}'
            )
        try:
            parse_periods(text)
        except ValueError as error:
            raise _InvalidValueError(str(error)) from None
        return text

    def read_daily_restart(self, value: Any) -> time | None:
        if value is None:
            return None
        text = self.scalar_text(value, ("daily_restart",))
        if text is None:
            raise _InvalidValueError(f'expected a time like "04:30", found {describe_value(value)}')
        try:
            return parse_time(text)
        except ValueError as error:
            raise _InvalidValueError(str(error)) from None

    def read_memory_ceiling_mb(self, value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise _InvalidValueError(f"expected a whole number of megabytes, found {describe_value(value)}")
        if value < MINIMUM_MEMORY_CEILING_MB:
            raise _InvalidValueError(
                f"{value} MB is too low: the kiosk needs more than that to run, and would restart over "
                f"and over; give at least {MINIMUM_MEMORY_CEILING_MB}"
            )
        if value > MAXIMUM_MEMORY_CEILING_MB:
            raise _InvalidValueError(f"{value} MB is more than any kiosk has; is a digit too many?")
        return value

    def read_idle_timeout(self, value: Any) -> float | None:
        low, high = IDLE_TIMEOUT_RANGE_S
        seconds = self.seconds(value)
        if seconds is not None and not low <= seconds <= high:
            raise _InvalidValueError(f"must be {low:g} to {high:g} seconds, found {seconds:g}")
        return seconds

    def read_countdown(self, value: Any) -> float | None:
        seconds = self.seconds(value)
        if seconds is not None and seconds < MINIMUM_COUNTDOWN_S:
            raise _InvalidValueError(
                f"must be at least {MINIMUM_COUNTDOWN_S:g} seconds, so that visitors have time to answer "
                f"(WCAG 2.2.1, Timing Adjustable); found {seconds:g}"
            )
        if seconds is not None and seconds > MAXIMUM_COUNTDOWN_S:
            raise _InvalidValueError(f"must be at most {MAXIMUM_COUNTDOWN_S:g} seconds, found {seconds:g}")
        return seconds

    def read_screen_width_mm(self, value: Any) -> float | None:
        return self.millimetres(value, SCREEN_SIDE_RANGE_MM, "the picture's width")

    def read_screen_height_mm(self, value: Any) -> float | None:
        return self.millimetres(value, SCREEN_SIDE_RANGE_MM, "the picture's height")

    def read_screen_bottom_mm(self, value: Any) -> float | None:
        return self.millimetres(value, SCREEN_BOTTOM_RANGE_MM, "the height of the picture's bottom edge")

    def read_picture_limit_megapixels(self, value: Any) -> float | None:
        return self.megapixels(
            value,
            PICTURE_MEGAPIXELS_RANGE,
            "Qt decodes a picture whole, and refuses one of more than 256 MB (64 megapixels)",
        )

    def read_page_limit_megapixels(self, value: Any) -> float | None:
        return self.megapixels(
            value, PAGE_MEGAPIXELS_RANGE, "no page is cut into tiles over 20000 x 20000 pixels"
        )

    def read_renderer(self, value: Any) -> str:
        if value is None:
            return RENDERER_AUTO
        choices = ", ".join(RENDERERS)
        if not isinstance(value, str):
            raise _InvalidValueError(f"expected one of {choices}, found {describe_value(value)}")
        word = value.strip().lower()
        if word in RENDERERS:
            return word
        if matches := difflib.get_close_matches(word, RENDERERS, n=1, cutoff=0.6):
            raise _InvalidValueError(f"unknown renderer '{value}' (did you mean '{matches[0]}'?)")
        raise _InvalidValueError(f"unknown renderer '{value}'; expected one of {choices}")

    def read_kiosk_name(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise _InvalidValueError(f"expected a name for this kiosk, found {describe_value(value)}")
        name = str(value).strip()
        if not name:
            raise _InvalidValueError(
                "is empty; give this kiosk a name, or leave the key out for the host's name"
            )
        if not name.isprintable():
            raise _InvalidValueError("a kiosk's name cannot hold control characters")
        return name

    def read_metrics_address(self, value: Any) -> tuple[str, int] | None:
        if value is None or (isinstance(value, str) and value.strip().lower() == "none") or value is False:
            return None
        expected = 'expected host:port, such as "127.0.0.1:9633" or "[::1]:9633", or none'
        if not isinstance(value, str):
            raise _InvalidValueError(f"{expected}; found {describe_value(value)}")
        match = _METRICS_ADDRESS.fullmatch(value.strip())
        if match is None:
            raise _InvalidValueError(f"{expected}; found '{value}'")
        port = int(match["port"])
        if not 1 <= port <= 65535:
            raise _InvalidValueError(f"the port must be 1 to 65535, found {port}")
        return match["ipv6"] or match["host"], port

    def read_metrics_textfile(self, value: Any) -> Path | None:
        path = self.path_value(value, "the file node_exporter's textfile collector reads")
        if path is not None and path.suffix != ".prom":
            raise _InvalidValueError(
                f"must end in .prom, or node_exporter's textfile collector does not read it; found '{value}'"
            )
        return path

    def read_content_git(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise _InvalidValueError(
                f"expected the URL or path of a git repository, found {describe_value(value)}"
            )
        text = value.strip()
        if text.startswith("-") or any(character in text for character in "\x00\n\r"):
            raise _InvalidValueError(f"'{text}' is not a URL or path of a git repository")
        if _REMOTE_URL.match(text):
            return text
        path = self.path_value(text, "the git repository")
        return str(path)

    def read_content_ref(self, value: Any) -> str | None:
        if value is None:
            return None
        text = (
            str(value).strip()
            if isinstance(value, str | int | float) and not isinstance(value, bool)
            else None
        )
        if not text or text.startswith("-") or ".." in text or re.search(r"[\s~^:?*\[\\\x00-\x1f]", text):
            raise _InvalidValueError(
                f"expected the name of a branch or a tag (main, gallery-2027), found {describe_value(value)}"
            )
        return text

    def read_content_path(self, value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise _InvalidValueError(
                f"expected a folder inside the repository, found {describe_value(value)}"
            )
        text = value.strip().strip("/")
        parts = text.split("/")
        # Read from the repository's root, a leading / or not; never above it.
        if "\x00" in text or "\\" in text or any(part in ("..", ".") for part in parts):
            raise _InvalidValueError(
                f"expected a folder inside the repository, relative to its root (exhibits/recognition-1933), "
                f"found '{value}'"
            )
        return text or None

    def read_content_check_every(self, value: Any) -> float:
        if value is None:
            return DEFAULT_CONTENT_CHECK_EVERY_S
        seconds = self.seconds(value)
        assert seconds is not None
        low, high = CONTENT_CHECK_EVERY_RANGE_S
        if not low <= seconds <= high:
            raise _InvalidValueError(f"must be {low:g} to {high:g} seconds, found {seconds:g}")
        return seconds

    def read_allowed_signers(self, value: Any) -> Path | None:
        return self.path_value(value, "the OpenSSH allowed_signers file")

    def read_screens(self, value: Any) -> tuple[tuple[int, int], ...]:
        if value is None:
            return InstallationSettings.screens
        if not isinstance(value, list) or not value:
            raise _InvalidValueError(
                f'expected a list of screen sizes such as ["1920x1080", "1080x1920"], found {describe_value(value)}'
            )
        screens: list[tuple[int, int]] = []
        for item in value:
            match = _SCREEN_SIZE.fullmatch(item) if isinstance(item, str) else None
            if match is None:
                raise _InvalidValueError(
                    f"expected a screen size such as 1920x1080, found {describe_value(item)}"
                )
            size = (int(match[1]), int(match[2]))
            if not all(SCREEN_PIXELS_RANGE[0] <= side <= SCREEN_PIXELS_RANGE[1] for side in size):
                raise _InvalidValueError(
                    "a screen's sides must be {:d} to {:d} pixels, found {}".format(
                        *SCREEN_PIXELS_RANGE, item
                    )
                )
            if size not in screens:
                screens.append(size)
        return tuple(screens)

    def signers_for_git(self, values: dict[str, Any]) -> None:
        if values.get("content_git") is None or values.get("allowed_signers") is not None:
            return
        self.error(
            ("content_git",),
            "allowed_signers is required with content_git: name the OpenSSH allowed_signers file of "
            "the keys that sign the content; until then nothing from the repository is shown",
        )

    def one_side_only(self, values: dict[str, Any]) -> None:
        width, height = values.get("screen_width_mm"), values.get("screen_height_mm")
        if (width is None) == (height is None):
            return
        given, missing = (
            ("screen_width_mm", "screen_height_mm")
            if height is None
            else (
                "screen_height_mm",
                "screen_width_mm",
            )
        )
        position = self.key_position((given,))
        self.problems.append(
            Problem(
                position.file,
                position.line,
                position.column,
                f"{given} without {missing}: the kiosk takes the picture to be 16:9; give {missing} "
                "as well, so that touch targets are 20 mm on the glass",
                given,
                Severity.WARNING,
            )
        )

    # Helpers.

    def millimetres(self, value: Any, limits: tuple[float, float], what: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _InvalidValueError(f"expected {what} in millimetres, found {describe_value(value)}")
        if value != value:
            raise _InvalidValueError(f"expected {what} in millimetres, found .nan (not a number)")
        low, high = limits
        if not low <= value <= high:
            hint = "; is it in centimetres or inches?" if value < low and value > 0 else ""
            raise _InvalidValueError(f"must be {low:g} to {high:g} mm, found {value:g}{hint}")
        return float(value)

    def megapixels(self, value: Any, limits: tuple[float, float], why: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _InvalidValueError(
                f"expected a number of megapixels (such as 24), found {describe_value(value)}"
            )
        if value != value:
            raise _InvalidValueError(
                "expected a number of megapixels (such as 24), found .nan (not a number)"
            )
        low, high = limits
        if not low <= value <= high:
            raise _InvalidValueError(f"must be {low:g} to {high:g} megapixels ({why}); found {value:g}")
        return float(value)

    def seconds(self, value: Any) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _InvalidValueError(f"expected a number of seconds, found {describe_value(value)}")
        if value != value:
            raise _InvalidValueError("expected a number of seconds, found .nan (not a number)")
        return float(value)

    def path_value(self, value: Any, what: str) -> Path | None:
        if value is None:
            return None
        if not isinstance(value, str):
            raise _InvalidValueError(f"expected the path of {what}, found {describe_value(value)}")
        if not value.strip():
            raise _InvalidValueError(f"is empty; give the path of {what}, or leave the key out")
        if "\x00" in value:
            raise _InvalidValueError("a path cannot hold a NUL character")
        try:
            path = Path(value.strip()).expanduser()
        except RuntimeError:  # ~someone, and there is no such user
            raise _InvalidValueError(f"no such user's home folder in '{value.strip()}'") from None
        return path if path.is_absolute() else self.folder / path

    def scalar_text(self, value: Any, key_path: KeyPath) -> str | None:
        """Text as written. YAML 1.1 reads an unquoted 10:00 as the number 600 (base 60): take it back."""
        if isinstance(value, str):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            position = self.document.values.get(key_path)
            if position is not None:
                line = self.lines()[position.line - 1] if position.line <= len(self.lines()) else ""
                match = re.match(r"[0-9][0-9:_]*", line[position.column - 1 :])
                if match and ":" in match[0]:
                    return match[0]
        return None

    def lines(self) -> list[str]:
        if self._lines is None:
            try:
                text = self.path.read_text(encoding="utf-8").removeprefix("\ufeff")
            except (OSError, UnicodeDecodeError):
                text = ""
            self._lines = text.splitlines()
        return self._lines

    def unknown_key(self, key_path: KeyPath, known: tuple[str, ...]) -> None:
        key = str(key_path[-1])
        if key_path == ("pin",):
            message = "the PIN itself must not be stored: remove this line, and set pin_hash, the PIN's hash, instead"
        elif matches := difflib.get_close_matches(key, known, n=1, cutoff=0.6):
            message = f"unknown key '{key}' (did you mean '{matches[0]}'?)"
        else:
            message = f"unknown key '{key}'; expected one of: {', '.join(known)}"
        self.problems.append(Problem.at(self.key_position(key_path), message, format_key_path(key_path)))

    def error(self, key_path: KeyPath, message: str) -> None:
        position = self.document.values.get(key_path) or self.key_position(key_path)
        self.problems.append(Problem.at(position, message, format_key_path(key_path)))

    def key_position(self, key_path: KeyPath) -> Position:
        return (
            self.document.keys.get(key_path)
            or self.document.values.get(key_path)
            or Position(self.path, 1, 1)
        )

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=sort_key)


def save_settings(path: Path, settings: InstallationSettings) -> None:
    """Writes `settings` to `path` at once or not at all, creating its folder.

    The file is written beside the old one and then put in its place, so a power cut leaves the
    old settings or the new, never half of them. Settings left at their default are left out.
    A new file is readable by its owner only (it holds the PIN's hash); an existing file keeps
    its permissions.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    text = format_settings(settings, path.absolute().parent)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).chmod(path.stat().st_mode & 0o7777)
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()
        raise
    _sync_folder(path.parent)


def format_settings(settings: InstallationSettings, folder: Path) -> str:
    """The YAML text `save_settings` writes, with paths inside `folder` written relative to it."""
    lines = ["# Installation settings of the kiosk. Leave a key out for its default.", ""]
    if settings.exhibit is not None:
        lines.append(f"exhibit: {_quote(_relative(settings.exhibit, folder))}")
    if settings.pin_hash is not None:
        lines.append(f"pin_hash: {_quote(settings.pin_hash)}")
    if settings.opening_hours is not None:
        lines.append("opening_hours:")
        lines.extend(
            f"  {day}: {hours if hours == CLOSED else _quote(hours)}"
            for day, hours in settings.opening_hours.as_text().items()
        )
    if settings.daily_restart is not None:
        lines.append(f"daily_restart: {_quote(format_time(settings.daily_restart))}")
    if settings.memory_ceiling_mb is not None:
        lines.append(f"memory_ceiling_mb: {settings.memory_ceiling_mb}")
    if settings.log_dir is not None:
        lines.append(f"log_dir: {_quote(_relative(settings.log_dir, folder))}")
    if settings.idle_timeout is not None:
        lines.append(f"idle_timeout: {_number(settings.idle_timeout)}")
    if settings.countdown is not None:
        lines.append(f"countdown: {_number(settings.countdown)}")
    for key in (
        "screen_width_mm",
        "screen_height_mm",
        "screen_bottom_mm",
        "picture_limit_megapixels",
        "page_limit_megapixels",
    ):
        if (number := getattr(settings, key)) is not None:
            lines.append(f"{key}: {_number(number)}")
    if settings.renderer != RENDERER_AUTO:
        lines.append(f"renderer: {settings.renderer}")
    if settings.kiosk_name is not None:
        lines.append(f"kiosk_name: {_quote(settings.kiosk_name)}")
    if settings.metrics_address != DEFAULT_METRICS_ADDRESS:
        lines.append(f"metrics_address: {_format_address(settings.metrics_address)}")
    if settings.metrics_textfile is not None:
        lines.append(f"metrics_textfile: {_quote(_relative(settings.metrics_textfile, folder))}")
    for key in ("content_git", "content_ref", "content_path"):
        if (text := getattr(settings, key)) is not None:
            lines.append(f"{key}: {_quote(text)}")
    if settings.content_check_every != DEFAULT_CONTENT_CHECK_EVERY_S:
        lines.append(f"content_check_every: {_number(settings.content_check_every)}")
    if settings.allowed_signers is not None:
        lines.append(f"allowed_signers: {_quote(_relative(settings.allowed_signers, folder))}")
    if settings.screens != InstallationSettings.screens:
        lines.append(
            f"screens: [{', '.join(_quote(f'{width}x{height}') for width, height in settings.screens)}]"
        )
    return "\n".join(lines) + "\n"


def _format_address(address: tuple[str, int] | None) -> str:
    if address is None:
        return "none"
    host, port = address
    return _quote(f"[{host}]:{port}" if ":" in host else f"{host}:{port}")


def _quote(text: str) -> str:
    # A JSON string is a YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def _relative(path: Path, folder: Path) -> str:
    return str(path.relative_to(folder)) if path.is_relative_to(folder) else str(path)


def _sync_folder(folder: Path) -> None:
    """Makes the rename itself durable, where the system allows opening a folder."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


#: A screen size in `screens`, WIDTHxHEIGHT in pixels, and the sides the views are made for.
_SCREEN_SIZE = re.compile(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*")
SCREEN_PIXELS_RANGE = (320, 16384)

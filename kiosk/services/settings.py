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
    analytics: true                             # record what visitors do (docs/privacy.md); false: nothing
    analytics_retention_days: 400               # visitor events older than this are deleted
    analytics_max_mb: 200                       # and the oldest, when they take more than this
    video_volume: 0.7                           # films' sound level at the start of a visit, 0 to 1
    video_volume_min: 0.2                       # the visitor's sound control moves from here
    video_volume_max: 1.0                       # to here
    video_idle_cap_s: 900                       # longest a playing film keeps the kiosk from going idle

With `opening_hours`, days neither named nor covered by `everyday` are closed. Reading never
raises for what the file holds: what is wrong comes back as problems at file:line:column, and
the setting concerned keeps its default.

The settings are a pydantic model, like the exhibit (docs/adr/0027-installation-settings-as-typed-models.md):
each setting's type, bounds and messages are declared once, on its field, and hold for the file
and for settings made in code alike. The file is read by the exhibit's own YAML reader
(kiosk.content.yaml_source), by YAML 1.2's rules: `yes`, `no`, `off` and `10:00` are text.

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
import math
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import time
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, PlainValidator, ValidationError
from pydantic import ValidationInfo as Info
from pydantic_core import PydanticCustomError, core_schema

from kiosk.content.bounds import COUNTDOWN_S, IDLE_TIMEOUT_S
from kiosk.content.localized import describe_value
from kiosk.content.pictures import PAGE_MEGAPIXELS_RANGE, PICTURE_MEGAPIXELS_RANGE
from kiosk.content.problems import Position, Problem, Severity, sort_key
from kiosk.content.yaml_source import KeyPath, SourceDocument, SourceError, format_key_path, read_yaml
from kiosk.services.schedule import CLOSED, WEEKDAYS, OpeningHours, format_time, parse_periods, parse_time
from kiosk.services.settings_snapshot import (
    DEFAULT_ANALYTICS_MAX_MB,
    DEFAULT_ANALYTICS_RETENTION_DAYS,
    RENDERER_AUTO,
    RENDERERS,
    SettingsQueries,
)
from kiosk.services.settings_snapshot import SETTINGS_FILE as SETTINGS_FILE
from kiosk.services.settings_snapshot import default_settings_path as default_settings_path
from kiosk.services.staff_access import is_pin_hash

EVERYDAY = "everyday"

#: WCAG 2.2.1 (Timing Adjustable) asks for at least 20 seconds to answer a timeout warning.
MINIMUM_COUNTDOWN_S, MAXIMUM_COUNTDOWN_S = COUNTDOWN_S
IDLE_TIMEOUT_RANGE_S = IDLE_TIMEOUT_S
#: Below this the kiosk would restart over and over: Qt Quick alone takes 150 MB or so.
MINIMUM_MEMORY_CEILING_MB = 256
MAXIMUM_MEMORY_CEILING_MB = 1024 * 1024
SCREEN_SIDE_RANGE_MM = (100.0, 5000.0)
SCREEN_BOTTOM_RANGE_MM = (0.0, 3000.0)
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


# What a setting's value may be. Each check raises `_invalid(message)`; the message is said to
# staff after the setting's file:line:col and name.


ANALYTICS_RETENTION_RANGE_DAYS = (1, 3660)
ANALYTICS_MAX_MB_RANGE = (1, 100_000)
DEFAULT_VIDEO_VOLUME = 0.7
DEFAULT_VIDEO_VOLUME_MIN = 0.2
DEFAULT_VIDEO_VOLUME_MAX = 1.0
#: A film shown in a gallery rarely runs past a quarter of an hour; a visitor watching longer than
#: the cap is asked, as after any stillness, whether they are still there.
DEFAULT_VIDEO_IDLE_CAP_S = 900.0
VIDEO_IDLE_CAP_RANGE_S = (30.0, 4 * 3600.0)


def _invalid(message: str) -> PydanticCustomError:
    # The message travels as context: a value quoted in it may hold braces.
    return PydanticCustomError("setting", "{message}", {"message": message})


@dataclass(frozen=True)
class Within:
    """A number's bounds, and how staff are told when it is out of them: `below` and `above` are
    formatted with low, high, unit and value."""

    low: float
    high: float
    unit: str
    below: str = "must be {low:g} to {high:g} {unit}, found {value:g}"
    above: str = "must be {low:g} to {high:g} {unit}, found {value:g}"

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def check(self, value: float | None) -> float | None:
        if value is None or self.low <= value <= self.high:
            return value
        template = self.below if value < self.low else self.above
        raise _invalid(template.format(low=self.low, high=self.high, unit=self.unit, value=value))


_LEVEL_RANGE = "must be from 0 (silent) to 1 (the film's own level), found {value:g}"
_SOUND_LEVEL = Within(0.0, 1.0, "", _LEVEL_RANGE, _LEVEL_RANGE)


def _switch(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _invalid(f"expected true or false, found {describe_value(value)}")
    return value


def _number_of(what: str, *, whole: bool = False, default: float | None = None) -> PlainValidator:
    """A number (`what` names it for staff, as in "expected a number of seconds"); none is `default`."""

    def check(value: Any) -> float | int | None:
        if value is None:
            return default
        expected = int if whole else int | float
        if isinstance(value, bool) or not isinstance(value, expected):
            raise _invalid(f"expected {what}, found {describe_value(value)}")
        if isinstance(value, float) and math.isnan(value):
            raise _invalid(f"expected {what}, found .nan (not a number)")
        return value if whole else float(value)

    return PlainValidator(check)


def _read_path(value: Any, what: str, info: Info) -> Path | None:
    """A path, read from the settings file's folder when relative."""
    if value is None or isinstance(value, Path):
        return value
    if not isinstance(value, str):
        raise _invalid(f"expected the path of {what}, found {describe_value(value)}")
    if not value.strip():
        raise _invalid(f"is empty; give the path of {what}, or leave the key out")
    if "\x00" in value:
        raise _invalid("a path cannot hold a NUL character")
    try:
        path = Path(value.strip()).expanduser()
    except RuntimeError:  # ~someone, and there is no such user
        raise _invalid(f"no such user's home folder in '{value.strip()}'") from None
    folder = (info.context or {}).get("folder")
    return folder / path if folder is not None and not path.is_absolute() else path


def _path(what: str, check: Callable[[Path, Any], None] | None = None) -> PlainValidator:
    """The path of `what`; `check` raises for a path that cannot serve."""

    def read(value: Any, info: Info) -> Path | None:
        path = _read_path(value, what, info)
        if check is not None and path is not None:
            check(path, value)
        return path

    return PlainValidator(read)


def _textfile(path: Path, written: Any) -> None:
    if path.suffix != ".prom":
        raise _invalid(
            f"must end in .prom, or node_exporter's textfile collector does not read it; found '{written}'"
        )


def _pin_hash(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not is_pin_hash(value):
        raise _invalid(
            "is not a PIN hash (scrypt$n=…,r=…,p=…$…$…); set the PIN again to write a new one. "
            "Until then staff access is refused"
        )
    return value.strip()


#: What YAML 1.1 read as false, and some still write for a day without hours.
_NOT_OPEN = ("no", "off", "false", "n")


def _day_hours(value: Any) -> str | None:
    if not isinstance(value, str):
        raise _invalid(f'expected hours like "10:00-18:00", or {CLOSED}; found {describe_value(value)}')
    if value.strip().lower() in _NOT_OPEN:
        raise _invalid(
            f'expected hours like "10:00-18:00", or {CLOSED} for a day without any; found "{value}"'
        )
    try:
        parse_periods(value)
    except ValueError as error:
        raise _invalid(str(error)) from None
    return value


#: One day's hours as written: "10:00-18:00", "10:00-13:00, 14:00-22:00" or closed.
DayHours = Annotated[str | None, PlainValidator(_day_hours)]


class Week(BaseModel):
    """`opening_hours` as written: each day's hours, and `everyday` for the days not named."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    monday: DayHours = None
    tuesday: DayHours = None
    wednesday: DayHours = None
    thursday: DayHours = None
    friday: DayHours = None
    saturday: DayHours = None
    sunday: DayHours = None
    everyday: DayHours = None

    def opening_hours(self) -> OpeningHours:
        return OpeningHours.from_text(self.model_dump(exclude_none=True))


assert tuple(Week.model_fields) == (*WEEKDAYS, EVERYDAY)


class FromWeek:
    """Opening hours, read as a `Week` (so each day's problem is reported at that day)."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(
            self.as_written,
            core_schema.no_info_after_validator_function(Week.opening_hours, handler.generate_schema(Week)),
        )

    @staticmethod
    def as_written(value: Any) -> Any:
        if isinstance(value, OpeningHours):
            return value.as_text()
        if not isinstance(value, Mapping):
            raise _invalid(
                f'expected days and their hours (monday: "10:00-18:00", sunday: closed …), '
                f"found {describe_value(value)}"
            )
        return value


def _time_of_day(value: Any) -> time | None:
    if value is None or isinstance(value, time):
        return value
    if not isinstance(value, str):
        raise _invalid(f'expected a time like "04:30", found {describe_value(value)}')
    try:
        return parse_time(value)
    except ValueError as error:
        raise _invalid(str(error)) from None


def _renderer(value: Any) -> str:
    if value is None:
        return RENDERER_AUTO
    choices = ", ".join(RENDERERS)
    if not isinstance(value, str):
        raise _invalid(f"expected one of {choices}, found {describe_value(value)}")
    word = value.strip().lower()
    if word in RENDERERS:
        return word
    if matches := difflib.get_close_matches(word, RENDERERS, n=1, cutoff=0.6):
        raise _invalid(f"unknown renderer '{value}' (did you mean '{matches[0]}'?)")
    raise _invalid(f"unknown renderer '{value}'; expected one of {choices}")


def _kiosk_name(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise _invalid(f"expected a name for this kiosk, found {describe_value(value)}")
    name = str(value).strip()
    if not name:
        raise _invalid("is empty; give this kiosk a name, or leave the key out for the host's name")
    if not name.isprintable():
        raise _invalid("a kiosk's name cannot hold control characters")
    return name


def _metrics_address(value: Any) -> tuple[str, int] | None:
    if isinstance(value, tuple):
        value = _format_address(value).strip('"')
    if value is None or value is False or (isinstance(value, str) and value.strip().lower() == "none"):
        return None
    expected = 'expected host:port, such as "127.0.0.1:9633" or "[::1]:9633", or none'
    if not isinstance(value, str):
        raise _invalid(f"{expected}; found {describe_value(value)}")
    match = _METRICS_ADDRESS.fullmatch(value.strip())
    if match is None:
        raise _invalid(f"{expected}; found '{value}'")
    port = int(match["port"])
    if not 1 <= port <= 65535:
        raise _invalid(f"the port must be 1 to 65535, found {port}")
    return match["ipv6"] or match["host"], port


def _content_git(value: Any, info: Info) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _invalid(f"expected the URL or path of a git repository, found {describe_value(value)}")
    text = value.strip()
    if text.startswith("-") or any(character in text for character in "\x00\n\r"):
        raise _invalid(f"'{text}' is not a URL or path of a git repository")
    if _REMOTE_URL.match(text):
        return text
    return str(_read_path(text, "the git repository", info))


def _content_ref(value: Any) -> str | None:
    if value is None:
        return None
    text = (
        str(value).strip() if isinstance(value, str | int | float) and not isinstance(value, bool) else None
    )
    if not text or text.startswith("-") or ".." in text or re.search(r"[\s~^:?*\[\\\x00-\x1f]", text):
        raise _invalid(
            f"expected the name of a branch or a tag (main, gallery-2027), found {describe_value(value)}"
        )
    return text


def _content_path(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _invalid(f"expected a folder inside the repository, found {describe_value(value)}")
    text = value.strip().strip("/")
    parts = text.split("/")
    # Read from the repository's root, a leading / or not; never above it.
    if "\x00" in text or "\\" in text or any(part in ("..", ".") for part in parts):
        raise _invalid(
            f"expected a folder inside the repository, relative to its root (exhibits/recognition-1933), "
            f"found '{value}'"
        )
    return text or None


#: A screen size in `screens`, WIDTHxHEIGHT in pixels, and the sides the views are made for.
_SCREEN_SIZE = re.compile(r"\s*(\d{3,5})\s*[xX×]\s*(\d{3,5})\s*")
SCREEN_PIXELS_RANGE = (320, 16384)
DEFAULT_SCREENS = ((1920, 1080), (1080, 1920))


def _screens(value: Any) -> tuple[tuple[int, int], ...]:
    if value is None:
        return DEFAULT_SCREENS
    if not isinstance(value, list | tuple) or not value:
        raise _invalid(
            f'expected a list of screen sizes such as ["1920x1080", "1080x1920"], found {describe_value(value)}'
        )
    screens: list[tuple[int, int]] = []
    for item in value:
        if isinstance(item, tuple) and len(item) == 2 and all(type(side) is int for side in item):
            size, written = (item[0], item[1]), f"{item[0]}x{item[1]}"
        elif isinstance(item, str) and (match := _SCREEN_SIZE.fullmatch(item)):
            size, written = (int(match[1]), int(match[2])), item
        else:
            raise _invalid(f"expected a screen size such as 1920x1080, found {describe_value(item)}")
        if not all(SCREEN_PIXELS_RANGE[0] <= side <= SCREEN_PIXELS_RANGE[1] for side in size):
            raise _invalid(
                f"a screen's sides must be {SCREEN_PIXELS_RANGE[0]} to {SCREEN_PIXELS_RANGE[1]} pixels, found {written}"
            )
        if size not in screens:
            screens.append(size)
    return tuple(screens)


_SECONDS = "a number of seconds"
_MEGAPIXELS = "a number of megapixels (such as 24)"
_MEGAPIXEL_LIMIT = "must be {low:g} to {high:g} megapixels ({why}); found {value:g}"
_PICTURE_LIMIT = _MEGAPIXEL_LIMIT.replace(
    "{why}", "Qt decodes a picture whole, and refuses one of more than 256 MB (64 megapixels)"
)
_PAGE_LIMIT = _MEGAPIXEL_LIMIT.replace("{why}", "no page is cut into tiles over 20000 x 20000 pixels")
_TOO_SMALL_A_SCREEN = "must be {low:g} to {high:g} mm, found {value:g}; is it in centimetres or inches?"


class InstallationSettings(SettingsQueries, BaseModel):
    """How this kiosk runs; None everywhere means the default (for the timings: the exhibit's own).

    Made in code, the settings are checked as the file is: a value out of bounds raises
    pydantic's ValidationError (a ValueError), with the message staff would read.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    exhibit: Annotated[Path | None, _path("the exhibit's folder")] = None
    pin_hash: Annotated[str | None, PlainValidator(_pin_hash), Field(repr=False)] = None
    #: None: always open.
    opening_hours: Annotated[OpeningHours | None, FromWeek()] = None
    daily_restart: Annotated[time | None, PlainValidator(_time_of_day)] = None
    memory_ceiling_mb: Annotated[
        int | None,
        _number_of("a whole number of megabytes", whole=True),
        Within(
            MINIMUM_MEMORY_CEILING_MB,
            MAXIMUM_MEMORY_CEILING_MB,
            "MB",
            below="{value} MB is too low: the kiosk needs more than that to run, and would restart over "
            "and over; give at least {low}",
            above="{value} MB is more than any kiosk has; is a digit too many?",
        ),
    ] = None
    log_dir: Annotated[Path | None, _path("the folder for the log files")] = None
    idle_timeout: Annotated[float | None, _number_of(_SECONDS), Within(*IDLE_TIMEOUT_RANGE_S, "seconds")] = (
        None
    )
    countdown: Annotated[
        float | None,
        _number_of(_SECONDS),
        Within(
            *COUNTDOWN_S,
            "seconds",
            below="must be at least {low:g} seconds, so that visitors have time to answer "
            "(WCAG 2.2.1, Timing Adjustable); found {value:g}",
            above="must be at most {high:g} seconds, found {value:g}",
        ),
    ] = None
    screen_width_mm: Annotated[
        float | None,
        _number_of("the picture's width in millimetres"),
        Within(*SCREEN_SIDE_RANGE_MM, "mm", below=_TOO_SMALL_A_SCREEN),
    ] = None
    screen_height_mm: Annotated[
        float | None,
        _number_of("the picture's height in millimetres"),
        Within(*SCREEN_SIDE_RANGE_MM, "mm", below=_TOO_SMALL_A_SCREEN),
    ] = None
    screen_bottom_mm: Annotated[
        float | None,
        _number_of("the height of the picture's bottom edge in millimetres"),
        Within(*SCREEN_BOTTOM_RANGE_MM, "mm"),
    ] = None
    picture_limit_megapixels: Annotated[
        float | None,
        _number_of(_MEGAPIXELS),
        Within(
            *PICTURE_MEGAPIXELS_RANGE,
            "megapixels",
            below=_PICTURE_LIMIT,
            above=_PICTURE_LIMIT,
        ),
    ] = None
    page_limit_megapixels: Annotated[
        float | None,
        _number_of(_MEGAPIXELS),
        Within(
            *PAGE_MEGAPIXELS_RANGE,
            "megapixels",
            below=_PAGE_LIMIT,
            above=_PAGE_LIMIT,
        ),
    ] = None
    renderer: Annotated[str, PlainValidator(_renderer)] = RENDERER_AUTO
    #: This kiosk's name in its metrics; None: the machine's host name.
    kiosk_name: Annotated[str | None, PlainValidator(_kiosk_name)] = None
    #: (host, port) the metrics are served on; None: not served.
    metrics_address: Annotated[tuple[str, int] | None, PlainValidator(_metrics_address)] = (
        DEFAULT_METRICS_ADDRESS
    )
    #: A file the metrics are also written to, for node_exporter's textfile collector.
    metrics_textfile: Annotated[
        Path | None, _path("the file node_exporter's textfile collector reads", _textfile)
    ] = None
    #: A git repository to follow (URL, or path on this machine); None: the exhibit folder only.
    content_git: Annotated[str | None, PlainValidator(_content_git)] = None
    #: The branch, or the tag to pin; None: the repository's default branch.
    content_ref: Annotated[str | None, PlainValidator(_content_ref)] = None
    #: The exhibit's folder inside the repository; None: the repository's root.
    content_path: Annotated[str | None, PlainValidator(_content_path)] = None
    content_check_every: Annotated[
        float,
        _number_of(_SECONDS, default=DEFAULT_CONTENT_CHECK_EVERY_S),
        Within(*CONTENT_CHECK_EVERY_RANGE_S, "seconds"),
    ] = DEFAULT_CONTENT_CHECK_EVERY_S
    #: The OpenSSH allowed_signers file naming whose signed commits are shown.
    allowed_signers: Annotated[Path | None, _path("the OpenSSH allowed_signers file")] = None
    #: The screens, in pixels (width, height), on which `kiosk validate` checks that text fits.
    screens: Annotated[tuple[tuple[int, int], ...], PlainValidator(_screens)] = DEFAULT_SCREENS
    #: Whether what visitors do is recorded (docs/privacy.md); off, nothing is written.
    analytics: Annotated[bool, PlainValidator(_switch)] = True
    #: Visitor events older than this many days are deleted.
    analytics_retention_days: Annotated[
        int,
        _number_of("a whole number of days", whole=True, default=DEFAULT_ANALYTICS_RETENTION_DAYS),
        Within(*ANALYTICS_RETENTION_RANGE_DAYS, "days"),
    ] = DEFAULT_ANALYTICS_RETENTION_DAYS
    #: The most the visitor events may take on disk; the oldest are deleted first.
    analytics_max_mb: Annotated[
        int,
        _number_of("a whole number of megabytes", whole=True, default=DEFAULT_ANALYTICS_MAX_MB),
        Within(*ANALYTICS_MAX_MB_RANGE, "MB"),
    ] = DEFAULT_ANALYTICS_MAX_MB
    #: Films' sound level at the start of every visit, from 0 (silent) to 1 (the file's own level).
    video_volume: Annotated[
        float, _number_of("a sound level from 0 to 1", default=DEFAULT_VIDEO_VOLUME), _SOUND_LEVEL
    ] = DEFAULT_VIDEO_VOLUME
    #: The visitor's sound control moves between these two levels (the room, the neighbours).
    video_volume_min: Annotated[
        float, _number_of("a sound level from 0 to 1", default=DEFAULT_VIDEO_VOLUME_MIN), _SOUND_LEVEL
    ] = DEFAULT_VIDEO_VOLUME_MIN
    video_volume_max: Annotated[
        float, _number_of("a sound level from 0 to 1", default=DEFAULT_VIDEO_VOLUME_MAX), _SOUND_LEVEL
    ] = DEFAULT_VIDEO_VOLUME_MAX
    #: The longest a playing film keeps the kiosk from asking whether anyone is still there.
    video_idle_cap_s: Annotated[
        float,
        _number_of(_SECONDS, default=DEFAULT_VIDEO_IDLE_CAP_S),
        Within(*VIDEO_IDLE_CAP_RANGE_S, "seconds"),
    ] = DEFAULT_VIDEO_IDLE_CAP_S


KEYS = tuple(InstallationSettings.model_fields)
#: The keys of each mapping in the file, by where it stands.
_KEYS_AT: dict[KeyPath, tuple[str, ...]] = {(): KEYS, ("opening_hours",): tuple(Week.model_fields)}


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
    reading = _Reading(path, document)
    return reading.settings(), sorted(reading.problems, key=sort_key)


class _Reading:
    """The model's verdict on one file, put at the file's lines and columns."""

    def __init__(self, path: Path, document: SourceDocument) -> None:
        self.document = document
        self.context = {"folder": path.absolute().parent}
        self.problems: list[Problem] = list(document.problems)
        self.fallback = Position(path, 1, 1)

    def settings(self) -> InstallationSettings:
        data = self.document.data
        if data is None:
            return InstallationSettings()
        if not isinstance(data, dict):
            self.error(
                (),
                f"expected settings as keys and values (exhibit:, opening_hours: …), found {describe_value(data)}",
            )
            return InstallationSettings()
        try:
            settings = InstallationSettings.model_validate(data, context=self.context)
        except ValidationError as error:
            broken = set()
            for detail in error.errors(include_url=False):
                location: KeyPath = tuple(detail["loc"])
                broken.add(location[0])
                if detail["type"] == "extra_forbidden":
                    self.unknown_key(location)
                else:
                    self.error(
                        location, detail["ctx"]["message"] if detail["type"] == "setting" else detail["msg"]
                    )
            # What was wrong keeps its default (opening hours half read would close the kiosk while
            # the museum is open: it stays open instead); the rest holds.
            kept = {key: value for key, value in data.items() if key not in broken}
            settings = InstallationSettings.model_validate(kept, context=self.context)
        self.check_together(settings)
        return settings

    def check_together(self, settings: InstallationSettings) -> None:
        """What is wrong with settings that are right one by one."""
        if settings.content_git is not None and settings.allowed_signers is None:
            self.error(
                ("content_git",),
                "allowed_signers is required with content_git: name the OpenSSH allowed_signers file of "
                "the keys that sign the content; until then nothing from the repository is shown",
            )
        if (settings.screen_width_mm is None) != (settings.screen_height_mm is None):
            given, missing = (
                ("screen_width_mm", "screen_height_mm")
                if settings.screen_height_mm is None
                else ("screen_height_mm", "screen_width_mm")
            )
            self.warning(
                (given,),
                f"{given} without {missing}: the kiosk takes the picture to be 16:9; give {missing} "
                "as well, so that touch targets are 20 mm on the glass",
            )
        if settings.opening_hours is not None and settings.opening_hours.never_open:
            self.warning(
                ("opening_hours",),
                "every day is closed, so the kiosk never opens; name the days it is open "
                f'(monday: "10:00-18:00") or use {EVERYDAY}:',
            )

    def unknown_key(self, key_path: KeyPath) -> None:
        key = str(key_path[-1])
        known = _KEYS_AT.get(key_path[:-1], ())
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

    def warning(self, key_path: KeyPath, message: str) -> None:
        position = self.key_position(key_path)
        self.problems.append(
            Problem(
                position.file,
                position.line,
                position.column,
                message,
                format_key_path(key_path),
                Severity.WARNING,
            )
        )

    def key_position(self, key_path: KeyPath) -> Position:
        return self.document.keys.get(key_path) or self.document.values.get(key_path) or self.fallback


def save_settings(path: Path, settings: InstallationSettings) -> None:
    """Writes `settings` to `path` at once or not at all, creating its folder.

    The file is written beside the old one and then put in its place, so a power cut leaves the
    old settings or the new, never half of them. Settings left at their default are left out.
    A new file is readable by its owner only (it holds the PIN's hash); an existing file keeps
    its permissions, and, written by root, its owner and group.
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
            old = path.stat()
            # Its owner and group too (the Debian package's file is root's, readable by the group
            # kiosk); only root may give a file away, and only root needs to.
            if os.geteuid() == 0:
                os.chown(temporary, old.st_uid, old.st_gid)
            Path(temporary).chmod(old.st_mode & 0o7777)
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
    if settings.screens != DEFAULT_SCREENS:
        lines.append(
            f"screens: [{', '.join(_quote(f'{width}x{height}') for width, height in settings.screens)}]"
        )
    if not settings.analytics:
        lines.append("analytics: false")
    if settings.analytics_retention_days != DEFAULT_ANALYTICS_RETENTION_DAYS:
        lines.append(f"analytics_retention_days: {settings.analytics_retention_days}")
    if settings.analytics_max_mb != DEFAULT_ANALYTICS_MAX_MB:
        lines.append(f"analytics_max_mb: {settings.analytics_max_mb}")
    for key, default in (
        ("video_volume", DEFAULT_VIDEO_VOLUME),
        ("video_volume_min", DEFAULT_VIDEO_VOLUME_MIN),
        ("video_volume_max", DEFAULT_VIDEO_VOLUME_MAX),
        ("video_idle_cap_s", DEFAULT_VIDEO_IDLE_CAP_S),
    ):
        if (value := getattr(settings, key)) != default:
            lines.append(f"{key}: {_number(value)}")
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

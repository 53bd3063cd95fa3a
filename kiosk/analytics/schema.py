"""The visitor events a kiosk records: their kinds, their fields, and how they are stored.

One row per event, in SQLite on the kiosk (table `events`) and in the exported Parquet files, with
the same columns. Nothing in a row identifies a person: a visit is a random id drawn at its start
and forgotten at its end, there is no visitor id that lasts longer than a visit, and the only other
values are the exhibit's own names (sections, panels, notes, options) and times. docs/privacy.md
says what is kept and why it is anonymous.

The schema's version is SQLite's `PRAGMA user_version` and the Parquet file's key-value metadata
`kiosk.analytics.schema`; a reader refuses a version it does not know, with the file named.
"""

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final

SCHEMA_VERSION: Final = 1


class Kind(StrEnum):
    """What happened. The comment after each says which optional fields it fills."""

    #: A visitor's first touch after the attract loop or on an empty home screen. detail: Start.
    VISIT_STARTED = "visit_started"
    #: The visit is over. detail: End; duration_ms: the visit's length.
    VISIT_ENDED = "visit_ended"
    #: The attract loop gave way to a visitor's touch. detail: the attract slide shown (its number, 1-based).
    ATTRACT_INTERRUPTED = "attract_interrupted"
    #: A section opened from home. section.
    SECTION_OPENED = "section_opened"
    #: A panel was on screen and is left. section, panel (its number in the section, 1-based, as in
    #: every event), panel_title (in the exhibit's first language); detail: Navigation (how the
    #: visitor came to it); duration_ms: how long it was shown (its dwell time).
    PANEL_SHOWN = "panel_shown"
    #: A document was zoomed in. section, panel; detail: Zoom.
    DOCUMENT_ZOOMED = "document_zoomed"
    #: A document's page was turned. section, panel; detail: the page now shown (1-based).
    DOCUMENT_PAGE_TURNED = "document_page_turned"
    #: A letter's note was opened. section, panel; detail: the note's number in its letter (1-based).
    NOTE_OPENED = "note_opened"
    #: A timeline event was opened. section, panel; detail: the event's number (1-based).
    TIMELINE_EVENT_OPENED = "timeline_event_opened"
    #: A gallery picture was opened full size. section, panel; detail: the picture's number (1-based).
    GALLERY_PICTURE_OPENED = "gallery_picture_opened"
    #: A glossary term was opened in a panel's text. section, panel; detail: the term's id.
    TERM_OPENED = "term_opened"
    #: A narration began. section, panel.
    NARRATION_STARTED = "narration_started"
    #: A narration played to its end. section, panel; duration_ms: its length.
    NARRATION_FINISHED = "narration_finished"
    #: A narration was stopped before its end. section, panel; duration_ms: how much was heard.
    NARRATION_STOPPED = "narration_stopped"
    #: A film began to play, from its start or where it was paused or moved to. section, panel;
    #: detail: VideoStart; duration_ms: the position it played from.
    VIDEO_PLAYED = "video_played"
    #: A film was paused. section, panel; duration_ms: the position.
    VIDEO_PAUSED = "video_paused"
    #: The visitor moved a film with its scrubber. section, panel; detail: Seek (the direction);
    #: duration_ms: the position moved to.
    VIDEO_SOUGHT = "video_sought"
    #: A film played to its end. section, panel; duration_ms: its length.
    VIDEO_FINISHED = "video_finished"
    #: The visitor showed or hid a film's captions. section, panel; detail: Switch.
    VIDEO_CAPTIONS_TOGGLED = "video_captions_toggled"
    #: A film began to play with its audio description (chosen in the Access sheet). section,
    #: panel; detail: Description (a track of the film, or a sound file beside it).
    VIDEO_DESCRIPTION_CHOSEN = "video_description_chosen"
    #: The visitor chose another language. detail: the language chosen (its code).
    LANGUAGE_SWITCHED = "language_switched"
    #: An access option was turned on. detail: AccessOption.
    ACCESS_OPTION_ON = "access_option_on"
    #: The "are you still there?" countdown appeared.
    COUNTDOWN_SHOWN = "countdown_shown"
    #: The countdown was answered by a touch (the visit goes on). duration_ms: how long it showed.
    COUNTDOWN_ANSWERED = "countdown_answered"
    #: Something went wrong in front of a visitor (there should be none). detail: what, in the
    #: kiosk's own words (a fixed message, never a visitor's input).
    ERROR_SHOWN = "error_shown"


class Start(StrEnum):
    ATTRACT = "attract"
    HOME = "home"


class End(StrEnum):
    #: Nobody touched the home screen for the idle timeout, and the visitor had not gone back
    #: there from a section (a glance at the home screen, or a touch and nothing more).
    IDLE_TIMEOUT = "idle_timeout"
    #: The countdown ran out without an answer: the visitor walked away inside a section.
    COUNTDOWN = "countdown"
    #: The visitor went back to the home screen from a section (Home, Back from a first panel,
    #: All sections) and left from there; or the visit was ended on request (KioskSession.endVisit).
    HOME = "home"
    CLOSING_HOURS = "closing_hours"
    RESTART = "restart"
    #: The kiosk met an unexpected error and started over (an error_shown comes just before).
    ERROR = "error"


class Navigation(StrEnum):
    SWIPE = "swipe"
    BUTTON = "button"
    #: The first panel of a section, shown on opening it.
    OPENED = "opened"
    #: Progress dots, a keyboard, or anything else that jumps to a panel.
    JUMP = "jump"


class Zoom(StrEnum):
    PINCH = "pinch"
    BUTTON = "button"
    DOUBLE_TAP = "double_tap"
    WHEEL = "wheel"


class AccessOption(StrEnum):
    LARGER_TEXT = "larger_text"
    HIGH_CONTRAST = "high_contrast"
    REDUCED_MOTION = "reduced_motion"
    CAPTIONS = "captions"
    AUDIO_DESCRIPTION = "audio_description"
    #: The controls brought within reach of a seated visitor.
    REACH = "reach"


class VideoStart(StrEnum):
    START = "start"
    RESUME = "resume"
    #: Again from the start, after it had played to its end.
    REPLAY = "replay"


class Seek(StrEnum):
    FORWARD = "forward"
    BACK = "back"


class Switch(StrEnum):
    ON = "on"
    OFF = "off"


class Description(StrEnum):
    TRACK = "track"
    FILE = "file"


@dataclass(frozen=True, slots=True)
class Event:
    """One row. Times: wall_time_us is UTC microseconds since the Unix epoch, utc_offset_s the
    kiosk's local offset from UTC then (for hours of the day as the gallery lived them),
    monotonic_us the kiosk's monotonic clock (orders events and measures durations across clock
    changes; it restarts with the kiosk)."""

    kiosk: str
    content_version: str
    visit: str | None
    wall_time_us: int
    utc_offset_s: int
    monotonic_us: int
    kind: Kind
    language: str | None = None
    section: str | None = None
    panel: int | None = None
    panel_title: str | None = None
    detail: str | None = None
    duration_ms: int | None = None


#: The columns, in order, with their SQLite and Parquet (DuckDB) types.
COLUMNS: Final[tuple[tuple[str, str, str], ...]] = (
    ("kiosk", "TEXT NOT NULL", "VARCHAR"),
    ("content_version", "TEXT NOT NULL", "VARCHAR"),
    ("visit", "TEXT", "VARCHAR"),
    ("wall_time_us", "INTEGER NOT NULL", "BIGINT"),
    ("utc_offset_s", "INTEGER NOT NULL", "INTEGER"),
    ("monotonic_us", "INTEGER NOT NULL", "BIGINT"),
    ("kind", "TEXT NOT NULL", "VARCHAR"),
    ("language", "TEXT", "VARCHAR"),
    ("section", "TEXT", "VARCHAR"),
    ("panel", "INTEGER", "INTEGER"),
    ("panel_title", "TEXT", "VARCHAR"),
    ("detail", "TEXT", "VARCHAR"),
    ("duration_ms", "INTEGER", "BIGINT"),
)

SQLITE_DDL: Final = (
    "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, "
    + ", ".join(f"{name} {sqlite_type}" for name, sqlite_type, _ in COLUMNS)
    + ")",
    "CREATE INDEX IF NOT EXISTS events_by_time ON events (wall_time_us)",
)


def database_in(data_dir: Path) -> Path:
    """Where a kiosk keeps its events: under its data folder (platformdirs' user data folder
    for "kiosk" unless the installation says otherwise), never in the exhibit or the cache."""
    return data_dir / "analytics" / "events.sqlite3"

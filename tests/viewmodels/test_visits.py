"""Whatever visitors do, no recorded event holds anything that could tell who they were."""

import re
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.analytics.schema import (
    AccessOption,
    Description,
    End,
    Kind,
    Navigation,
    Seek,
    Start,
    Switch,
    VideoStart,
    Zoom,
    database_in,
)
from kiosk.content.loader import load_exhibit
from kiosk.content.summary import summarize
from kiosk.services.analytics import AnalyticsRecorder
from kiosk.services.idle import IdleService
from kiosk.services.navigation import NavigationService
from kiosk.viewmodels.access import KioskAccess
from kiosk.viewmodels.exhibit import KioskExhibit
from kiosk.viewmodels.navigation import KioskNavigation
from kiosk.viewmodels.session import KioskSession
from kiosk.viewmodels.video import KioskVideo
from kiosk.viewmodels.visits import KioskVisits
from tests.clock import ManualClock
from tests.conftest import MINI_EXHIBIT

EXHIBIT = load_exhibit(MINI_EXHIBIT).exhibit
assert EXHIBIT is not None
SECTIONS = len(EXHIBIT.sections)
IDLE_S, COUNTDOWN_S = 60.0, 20.0

Visitor = tuple[KioskVisits, KioskNavigation, IdleService, KioskExhibit, KioskAccess, ManualClock, KioskVideo]
Action = Callable[[Visitor], None]


def actions() -> st.SearchStrategy[Action]:
    number = st.integers(min_value=-2, max_value=12)
    position = st.integers(min_value=0, max_value=4 * 3600 * 1000)
    return st.one_of(
        st.just(lambda v: v[0].touched()),
        number.map(lambda n: lambda v: v[1].openSection(n)),
        number.map(lambda n: lambda v: v[1].showPanel(n)),
        number.map(lambda n: lambda v: v[1].swipedTo(n)),
        st.just(lambda v: v[1].advance()),
        st.just(lambda v: v[1].back()),
        st.just(lambda v: v[1].goHome()),
        st.floats(min_value=0, max_value=2 * IDLE_S).map(lambda s: lambda v: v[5].advance(s)),
        st.sampled_from(EXHIBIT.languages).map(lambda code: lambda v: v[3].chooseLanguage(code)),
        st.booleans().map(lambda on: lambda v: v[4].setLargeText(on)),
        st.booleans().map(lambda on: lambda v: v[4].setReducedMotion(on)),
        st.booleans().map(lambda on: lambda v: v[4].setReachMode(on)),
        st.sampled_from([*(zoom.value for zoom in Zoom), "shake"]).map(
            lambda how: lambda v: v[0].documentZoomed(how)
        ),
        number.map(lambda n: lambda v: v[0].pageTurned(n)),
        number.map(lambda n: lambda v: v[0].noteOpened(n)),
        number.map(lambda n: lambda v: v[0].timelineEventOpened(n)),
        number.map(lambda n: lambda v: v[0].pictureOpened(n)),
        # Whatever a view passes as a term, only a term's id may be kept.
        st.one_of(st.sampled_from(["kerensky", "mukden-incident"]), st.text(max_size=40)).map(
            lambda term: lambda v: v[0].termOpened(term)
        ),
        st.just(lambda v: v[2].end_session()),
        st.just(lambda v: v[2].suspend()),
        st.just(lambda v: v[2].end_after_error()),
        number.map(lambda n: lambda v: v[0].attractSlideShown(n)),
        st.booleans().map(lambda on: lambda v: v[4].setAudioDescription(on)),
        # What a film's player tells, with whatever positions (the mini exhibit has no film).
        st.tuples(st.sampled_from(list(VideoStart)), position).map(
            lambda args: lambda v: v[6].played.emit(args[0].value, args[1])
        ),
        position.map(lambda ms: lambda v: v[6].paused.emit(ms)),
        st.tuples(position, position).map(lambda args: lambda v: v[6].sought.emit(*args)),
        position.map(lambda ms: lambda v: v[6].finished.emit(ms)),
        st.booleans().map(lambda on: lambda v: v[6].captionsToggled.emit(on)),
        st.sampled_from(list(Description)).map(lambda how: lambda v: v[6].describedPlay.emit(how.value)),
    )


def allowed_details() -> dict[str, Callable[[str], bool]]:
    def one_of(*values: str) -> Callable[[str], bool]:
        return lambda detail: detail in values

    def numeral(detail: str) -> bool:
        return detail.isdigit()

    return {
        Kind.VISIT_STARTED: one_of(*Start),
        Kind.VISIT_ENDED: one_of(*End),
        Kind.PANEL_SHOWN: one_of(*Navigation),
        Kind.DOCUMENT_ZOOMED: one_of(*Zoom),
        Kind.ACCESS_OPTION_ON: one_of(*AccessOption),
        Kind.LANGUAGE_SWITCHED: one_of(*EXHIBIT.languages),
        Kind.TERM_OPENED: lambda detail: re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", detail) is not None,
        Kind.DOCUMENT_PAGE_TURNED: numeral,
        Kind.NOTE_OPENED: numeral,
        Kind.TIMELINE_EVENT_OPENED: numeral,
        Kind.GALLERY_PICTURE_OPENED: numeral,
        Kind.ATTRACT_INTERRUPTED: numeral,
        Kind.ERROR_SHOWN: one_of("unexpected error: the kiosk started over"),
        Kind.VIDEO_PLAYED: one_of(*VideoStart),
        Kind.VIDEO_SOUGHT: one_of(*Seek),
        Kind.VIDEO_CAPTIONS_TOGGLED: one_of(*Switch),
        Kind.VIDEO_DESCRIPTION_CHOSEN: one_of(*Description),
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(actions(), max_size=60))
def test_no_event_holds_anything_but_the_exhibit_s_names_numbers_and_a_visit_s_random_id(
    steps: list[Action],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = database_in(Path(folder))
        rows = record(steps, database)
    titles = {
        panel.title.resolve(EXHIBIT.languages[0]) for section in EXHIBIT.sections for panel in section.panels
    }
    section_ids = {section.id for section in EXHIBIT.sections}
    details = allowed_details()
    visits_started = 0
    for row in rows:
        kind = Kind(row["kind"])
        assert row["kiosk"] == "gallery-2"
        assert row["content_version"] == "v1"
        assert row["language"] in EXHIBIT.languages
        assert row["section"] is None or row["section"] in section_ids
        assert row["panel"] is None or 1 <= row["panel"] <= 12
        assert row["panel_title"] is None or row["panel_title"] in titles
        assert row["duration_ms"] is None or row["duration_ms"] >= 0
        if row["detail"] is not None:
            assert kind in details, (kind, row["detail"])
            assert details[kind](row["detail"]), (kind, row["detail"])
        assert row["visit"] is None or re.fullmatch(r"[0-9a-f]{32}", row["visit"])
        visits_started += kind is Kind.VISIT_STARTED
    # A visit's id is its own: never seen in another visit.
    ids = [row["visit"] for row in rows if row["kind"] == Kind.VISIT_STARTED]
    assert len(set(ids)) == visits_started
    for visit in ids:
        kinds = [row["kind"] for row in rows if row["visit"] == visit]
        assert kinds.count(Kind.VISIT_STARTED) == 1
        assert kinds.count(Kind.VISIT_ENDED) == 1


def record(steps: list[Action], database: Path) -> list[sqlite3.Row]:
    clock = ManualClock()
    recorder = AnalyticsRecorder(database, kiosk="gallery-2", content_version="v1", clock=clock)
    exhibit = KioskExhibit(summarize(EXHIBIT))
    exhibit.attach(EXHIBIT)
    exhibit.stop_background_work()
    service = NavigationService(exhibit.panel_counts())
    navigation = KioskNavigation(exhibit, service)
    idle = IdleService(IDLE_S, COUNTDOWN_S, clock=clock)
    session = KioskSession(idle)
    access = KioskAccess()
    service.changed.connect(lambda: idle.set_at_home(service.at_home))
    idle.sessionEnded.connect(service.go_home)
    idle.sessionEnded.connect(exhibit.reset_language)
    idle.sessionEnded.connect(access.reset)
    video = KioskVideo(exhibit, service, session, access, clock=clock, use_sound=False)
    visits = KioskVisits()
    visits.attach(
        recorder,
        exhibit=exhibit,
        service=service,
        navigation=navigation,
        idle=idle,
        session=session,
        access=access,
        narration=None,
        video=video,
    )
    visitor = (visits, navigation, idle, exhibit, access, clock, video)
    try:
        for step in steps:
            step(visitor)
        visits.close()
    finally:
        idle.stop()
        recorder.close()
    with sqlite3.connect(database) as connection:
        connection.row_factory = sqlite3.Row
        return connection.execute("SELECT * FROM events ORDER BY id").fetchall()


@pytest.mark.parametrize("term", ["kerensky", "charge-d-affaires"])
def test_a_term_s_id_is_recorded_as_it_is(term: str, tmp_path: Path) -> None:
    rows = record([lambda v: v[0].touched(), lambda v: v[0].termOpened(term)], database_in(tmp_path))
    assert [(row["kind"], row["detail"]) for row in rows][1] == ("term_opened", term)


def test_a_visit_cut_short_by_an_unexpected_error_says_so(tmp_path: Path) -> None:
    rows = record(
        [lambda v: v[0].touched(), lambda v: v[1].openSection(0), lambda v: v[2].end_after_error()],
        database_in(tmp_path),
    )
    assert [(row["kind"], row["detail"]) for row in rows][-2:] == [
        ("error_shown", "unexpected error: the kiosk started over"),
        ("visit_ended", "error"),
    ]


def test_a_films_events_are_recorded_on_the_panel_on_show(tmp_path: Path) -> None:
    rows = record(
        [
            lambda v: v[0].touched(),
            lambda v: v[1].openSection(0),
            lambda v: v[6].played.emit("start", 0),
            lambda v: v[6].describedPlay.emit("file"),
            lambda v: v[6].sought.emit(5000, 1200),
            lambda v: v[6].paused.emit(1500),
            lambda v: v[6].captionsToggled.emit(False),
            lambda v: v[6].played.emit("resume", 1500),
            lambda v: v[6].finished.emit(9000),
            lambda v: v[4].setAudioDescription(True),
        ],
        database_in(tmp_path),
    )
    films = [
        (row["kind"], row["section"], row["panel"], row["detail"], row["duration_ms"])
        for row in rows
        if row["kind"].startswith("video") or row["kind"] == "access_option_on"
    ]
    section = EXHIBIT.sections[0].id
    assert films == [
        ("video_played", section, 1, "start", 0),
        ("video_description_chosen", section, 1, "file", None),
        ("video_sought", section, 1, "back", 1200),
        ("video_paused", section, 1, None, 1500),
        ("video_captions_toggled", section, 1, "off", None),
        ("video_played", section, 1, "resume", 1500),
        ("video_finished", section, 1, None, 9000),
        ("access_option_on", None, None, "audio_description", None),
    ]

"""tools/film: the 1933 exhibit's film is built from its script, and what ships is what the script makes.

A visitor who reads the captions must read what the voice says, and a visitor who chooses audio
description must hear the same film with the descriptions in its pauses: the captions are checked
against the script's words, the film's tracks and length against what the script makes now.
"""

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

from kiosk.content.captions import read_webvtt
from tools.film.build import HEIGHT, WIDTH, build, check, outputs_for, probe
from tools.film.picture import Drawing, between
from tools.film.script import Framing, ScriptError, exhibit_folder, load_script
from tools.film.timeline import DESCRIPTION_GAP_S, FRAMES_PER_SECOND, Sound, Speaker, plan
from tools.narrate import pieces_of

REPOSITORY = Path(__file__).resolve().parents[1]
EXHIBIT = REPOSITORY / "exhibits" / "recognition-1933"
SCRIPT = REPOSITORY / "tools" / "film" / "recognition-1933.yaml"
#: The committed film stays small: still drawings under a slow camera compress well.
MAX_FILM_BYTES = 8_000_000


def test_every_shot_is_one_of_the_exhibits_own_drawings() -> None:
    script = load_script(SCRIPT)
    assert exhibit_folder(SCRIPT, script) == EXHIBIT
    for shot in script.shots:
        drawing = EXHIBIT / shot.drawing
        assert drawing.suffix == ".svg", shot.drawing
        assert drawing.is_file(), shot.drawing
        assert drawing.parent == EXHIBIT / "media"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_shipped_captions_show_the_scripts_words(language: str) -> None:
    # The script edited without building the film again: the visitor would hear one text and read
    # another. Build it again with `python -m tools.film`.
    script = load_script(SCRIPT)
    expected = [piece.text for shot in script.shots for piece in pieces_of(shot.words[language])]
    captions = outputs_for(script, EXHIBIT).captions[language]
    assert [cue.text for cue in read_webvtt(captions)] == expected


def test_the_shipped_film_has_the_tracks_and_length_the_script_makes_now() -> None:
    assert check(SCRIPT) == []


def test_the_shipped_film_is_h264_high_1080p30_with_a_track_per_language_and_a_described_one() -> None:
    outputs = outputs_for(load_script(SCRIPT), EXHIBIT)
    film = probe(outputs.film)
    video = film.video
    assert (video["codec_name"], video["profile"], video["pix_fmt"]) == ("h264", "High", "yuv420p")
    assert (video["width"], video["height"], video["avg_frame_rate"]) == (WIDTH, HEIGHT, "30/1")
    assert [(stream["codec_name"], stream["tags"]["language"]) for stream in film.audio] == [
        ("aac", "eng"),
        ("aac", "rus"),
        ("aac", "eng"),
        ("aac", "rus"),
    ]
    # Every track as long as the film: a described track plays in step with the picture.
    for stream in film.audio:
        assert float(stream["duration"]) == pytest.approx(film.seconds, abs=0.1)
    assert 60 <= film.seconds <= 90
    assert outputs.film.stat().st_size < MAX_FILM_BYTES
    # The moov atom first (+faststart): the kiosk can start playing before reading the whole file.
    assert b"moov" in outputs.film.read_bytes()[: 64 * 1024]


def test_the_poster_is_the_films_opening_frame_at_its_size(qapp: Any) -> None:
    poster = QImage(str(outputs_for(load_script(SCRIPT), EXHIBIT).poster))
    assert (poster.width(), poster.height()) == (WIDTH, HEIGHT)


def test_a_short_partial_build_makes_a_film_with_every_track_and_the_shipped_captions(
    qapp: Any, tmp_path: Path
) -> None:
    timeline, outputs = build(SCRIPT, tmp_path, size=(320, 180), seconds=1.0)
    film = probe(outputs.film)
    assert (film.video["width"], film.video["height"]) == (320, 180)
    assert film.seconds == pytest.approx(1.0, abs=0.1)
    assert [stream["tags"]["language"] for stream in film.audio] == ["eng", "rus", "eng", "rus"]
    shipped = outputs_for(load_script(SCRIPT), EXHIBIT)
    for language, path in outputs.captions.items():
        assert path.read_text(encoding="utf-8") == shipped.captions[language].read_text(encoding="utf-8")
    assert QImage(str(outputs.poster)).size().width() == 320
    assert timeline.frames > FRAMES_PER_SECOND * 60


class SilentSpeaker(Speaker):
    """Says every text as silence a tenth of a second per word, without eSpeak NG."""

    def __init__(self) -> None:
        super().__init__(170)

    def say(self, text: str, voice: str, language: str) -> Sound:
        return Sound(b"\x01\x00" * (2205 * len(text.split())), 22050)


def test_the_narration_falls_at_the_same_times_with_and_without_description() -> None:
    script = load_script(SCRIPT)
    speaker = SilentSpeaker()
    try:
        timeline = plan(script, speaker)
    finally:
        speaker.close()
    for language in script.languages:
        plain, described = (
            next(track for track in timeline.tracks if track.language == language and track.described == flag)
            for flag in (False, True)
        )
        assert set(plain.sounds) < set(described.sounds)
        descriptions = [placed for placed in described.sounds if placed not in plain.sounds]
        assert len(descriptions) == len(script.shots)
        for shot, description in zip(timeline.shots, descriptions, strict=True):
            # Each description is said within its own shot, before any of the shot's narration.
            narration = [placed.start for placed in plain.sounds if shot.start <= placed.start < shot.end]
            assert shot.start < description.start
            assert description.start + description.sound.seconds + DESCRIPTION_GAP_S <= min(narration) + 1e-9
        cue_starts = [cue.start for cue in timeline.cues[language]]
        assert cue_starts == [placed.start for placed in plain.sounds]
    lengths = {len(timeline.track_samples(track)) for track in timeline.tracks}
    assert lengths == {round(timeline.frames * 22050 / FRAMES_PER_SECOND) * 2}


def test_the_camera_starts_and_ends_on_the_shots_framings_and_eases_between() -> None:
    start, end = Framing(zoom=1.0, x=0.3, y=0.5), Framing(zoom=1.44, x=0.7, y=0.5)
    assert between(start, end, 0.0) == between(start, end, -1.0)
    assert (between(start, end, 0.0).zoom, between(start, end, 0.0).x) == (1.0, 0.3)
    assert between(start, end, 1.0).zoom == pytest.approx(1.44)
    assert between(start, end, 1.0).x == pytest.approx(0.7)
    # Half-way in time is half-way across, and the zoom is even in scale (1.2 is half of 1.44's).
    assert between(start, end, 0.5).x == pytest.approx(0.5)
    assert between(start, end, 0.5).zoom == pytest.approx(1.2)
    # Slow at the ends: the first tenth of the time covers far less than a tenth of the way.
    assert between(start, end, 0.1).x - 0.3 < 0.01


def test_a_script_that_leaves_out_a_language_is_refused(tmp_path: Path) -> None:
    text = SCRIPT.read_text(encoding="utf-8").replace("      ru: Глобус.", "      de: Globus.", 1)
    (tmp_path / "script.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ScriptError, match="shot 1 description"):
        load_script(tmp_path / "script.yaml")


def test_a_script_must_name_an_exhibits_folder(tmp_path: Path) -> None:
    text = SCRIPT.read_text(encoding="utf-8").replace(
        "exhibit: ../../exhibits/recognition-1933", "exhibit: ."
    )
    (tmp_path / "script.yaml").write_text(text, encoding="utf-8")
    script = load_script(tmp_path / "script.yaml")
    with pytest.raises(ScriptError, match="not an exhibit's folder"):
        exhibit_folder(tmp_path / "script.yaml", script)


def test_beyond_a_drawings_edges_the_picture_continues_its_paper(qapp: Any) -> None:
    # The paper was once read from a small rendering, where the drawing's thin frame near its
    # corner blurred into it: a darker band showed on either side of every 4:3 drawing.
    for name in ("two-letters.svg", "attract-globe.svg"):
        assert Drawing(EXHIBIT / "media" / name).paper.name() == "#f3ecdf", name

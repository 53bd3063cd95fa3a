"""Narrations and their captions: WebVTT read as a kiosk shows it, and every mistake found with its line."""

from pathlib import Path

import pytest

from kiosk.content.captions import CaptionError, Cue, parse_time, parse_webvtt
from kiosk.content.loader import load_exhibit
from kiosk.content.media import MediaError, MediaRoots, resolve_audio, resolve_media
from kiosk.content.models import narrations
from tests.conftest import write_wav

EXHIBIT = """\
title: Sounds
sections:
  - id: one
    title: One
    teaser: A section
    panels:
      - kind: text
        title: A panel
        body: Words.
        narration:
{narration}
"""


@pytest.fixture
def exhibit_dir(tmp_path: Path) -> Path:
    (tmp_path / "media").mkdir()
    write_wav(tmp_path / "media" / "reading.wav", 6.0)
    return tmp_path


def messages(exhibit_dir: Path, narration: str) -> list[str]:
    indented = "\n".join("          " + line for line in narration.strip("\n").splitlines())
    (exhibit_dir / "exhibit.yaml").write_text(EXHIBIT.format(narration=indented), encoding="utf-8")
    result = load_exhibit(exhibit_dir)
    return [problem.format(relative_to=exhibit_dir) for problem in result.problems]


def test_a_webvtt_file_becomes_its_cues_without_notes_styles_settings_or_markup() -> None:
    cues = parse_webvtt(
        "WEBVTT - a reading\n"
        "Kind: captions\n"
        "\n"
        "NOTE made by hand\n"
        "over two lines\n"
        "\n"
        "STYLE\n"
        "::cue { color: yellow }\n"
        "\n"
        "first\n"
        "00:00.500 --> 00:02.000 align:start position:10%\n"
        "<v Roosevelt>My dear</v> Mr. President:\n"
        "a second line &amp; more\n"
        "\n"
        "01:00:01.000 --> 01:00:03.250\n"
        "<i>An hour</i> in\n"
    )
    assert cues == (
        Cue(0.5, 2.0, "My dear Mr. President:\na second line & more", 11),
        Cue(3601.0, 3603.25, "An hour in", 15),
    )


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("1\n00:01.000 --> 00:02.000\nHello\n", 1, "starts with the line WEBVTT"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n\n00:03.5 --> 00:04.000\nThere\n", 6, "found '00:03.5'"),
        (
            "WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n\n00:05.000 --> 00:04.000\nThere\n",
            6,
            "ends (0:04.000) before it begins (0:05.000)",
        ),
        (
            "WEBVTT\n\n00:01.000 --> 00:05.000\nHello\n\n00:04.000 --> 00:06.000\nThere\n",
            6,
            "before the one before it ends (0:05.000)",
        ),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\nHello\n\nthere\n", 6, "a line outside any cue"),
        ("WEBVTT\n\nname\nHello\n", 4, "expected the cue's timings"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n<i></i>\n", 3, "the cue has no text"),
        ("WEBVTT\n\n00:01.000 -->\nHello\n", 3, "found nothing"),
    ],
)
def test_a_mistake_in_a_webvtt_file_names_its_line(text: str, line: int, words: str) -> None:
    with pytest.raises(CaptionError) as caught:
        parse_webvtt(text)
    assert caught.value.line == line
    assert words in caught.value.message


def test_a_webvtt_file_without_cues_is_refused() -> None:
    with pytest.raises(CaptionError, match="no cues"):
        parse_webvtt("WEBVTT\n\nNOTE nothing yet\n")


@pytest.mark.parametrize(
    ("written", "seconds"),
    [(4, 4.0), (4.5, 4.5), ("4.5", 4.5), ("01:04.500", 64.5), ("1:04", 64.0), ("1:02:03.25", 3723.25)],
)
def test_cue_times_are_seconds_or_minutes_and_seconds(written: object, seconds: float) -> None:
    assert parse_time(written) == seconds


@pytest.mark.parametrize("written", ["-1", -1, "1:75", "soon", True, "1e3"])
def test_a_time_written_wrongly_is_refused(written: object) -> None:
    with pytest.raises(ValueError, match="time"):
        parse_time(written)


def test_a_narration_with_a_caption_file_loads(exhibit_dir: Path) -> None:
    (exhibit_dir / "media" / "reading.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\nOne\n\n00:02.500 --> 00:05.900\nTwo\n", encoding="utf-8"
    )
    assert messages(exhibit_dir, "audio: media/reading.wav\ncaptions: media/reading.vtt\ncredit: Me") == []
    exhibit = load_exhibit(exhibit_dir).exhibit
    assert exhibit is not None
    narration = exhibit.sections[0].panels[0].narration
    assert narration is not None
    assert narration.audio.duration == 6.0
    assert narration.captions is not None
    assert [cue.text for cue in narration.captions.cues] == ["One", "Two"]


def test_a_narration_with_cues_in_yaml_loads_with_either_way_of_writing_times(exhibit_dir: Path) -> None:
    narration = """
audio: media/reading.wav
credit: Me
cues:
  - {start: 0, end: 1.5, text: One}
  - {start: "00:01.500", end: 00:03.000, text: {en: Two, ru: Два}}
"""
    assert messages(exhibit_dir, narration) == []
    exhibit = load_exhibit(exhibit_dir).exhibit
    assert exhibit is not None
    cues = exhibit.sections[0].panels[0].narration.cues  # type: ignore[union-attr]
    assert [(cue.start, cue.end) for cue in cues] == [(0, 1.5), (1.5, 3.0)]


def test_sound_without_captions_is_refused(exhibit_dir: Path) -> None:
    [message] = messages(exhibit_dir, "audio: media/reading.wav\ncredit: Me")
    assert "exhibit.yaml:10:9: error: sections[0].panels[0].narration:" in message
    assert "a narration needs captions, for visitors who cannot hear it" in message


def test_captions_given_twice_are_refused(exhibit_dir: Path) -> None:
    (exhibit_dir / "media" / "reading.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\nOne\n", encoding="utf-8"
    )
    narration = "audio: media/reading.wav\ncaptions: media/reading.vtt\ncues: [{start: 0, end: 1, text: One}]\ncredit: Me"
    [message] = messages(exhibit_dir, narration)
    assert "not both" in message


def test_cues_out_of_order_are_refused_naming_the_cue(exhibit_dir: Path) -> None:
    narration = """
audio: media/reading.wav
credit: Me
cues:
  - {start: 2, end: 3, text: Two}
  - {start: 0, end: 1, text: One}
"""
    [message] = messages(exhibit_dir, narration)
    assert "sections[0].panels[0].narration.cues" in message
    assert "cue 2: the cue begins at 0:00.000, before the one before it ends (0:03.000)" in message


def test_a_mistake_in_the_caption_file_names_the_file_and_its_line(exhibit_dir: Path) -> None:
    (exhibit_dir / "media" / "reading.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\nOne\n\n00:03.000 --> 00:02.500\nTwo\n", encoding="utf-8"
    )
    [message] = messages(exhibit_dir, "audio: media/reading.wav\ncaptions: media/reading.vtt\ncredit: Me")
    assert message.startswith("exhibit.yaml:12:21: error: sections[0].panels[0].narration.captions: ")
    assert "in media/reading.vtt, line 6: the cue ends (0:02.500) before it begins (0:03.000)" in message


def test_a_caption_file_not_in_webvtt_offers_the_conversion_or_cues_in_the_yaml(exhibit_dir: Path) -> None:
    (exhibit_dir / "media" / "reading.srt").write_text("1\n00:00:00,000 --> 00:00:02,000\nOne\n", "utf-8")
    [message] = messages(exhibit_dir, "audio: media/reading.wav\ncaptions: media/reading.srt\ncredit: Me")
    assert message == (
        "exhibit.yaml:12:21: error: sections[0].panels[0].narration.captions: captions are a WebVTT file "
        "ending in '.vtt', found 'media/reading.srt'; convert the captions to WebVTT (ffmpeg -i "
        "media/reading.srt media/reading.vtt), or write the cues in the YAML under cues:"
    )


def test_captions_that_outlast_the_sound_are_refused(exhibit_dir: Path) -> None:
    (exhibit_dir / "media" / "reading.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\nOne\n\n00:05.000 --> 00:09.000\nTwo\n", encoding="utf-8"
    )
    [message] = messages(exhibit_dir, "audio: media/reading.wav\ncaptions: media/reading.vtt\ncredit: Me")
    assert (
        "line 6: the last caption ends at 0:09.000, after the sound 'media/reading.wav' ends (0:06.000)"
        in message
    )


def test_a_missing_sound_file_suggests_the_one_meant(exhibit_dir: Path) -> None:
    narration = "audio: media/readin.wav\ncues: [{start: 0, end: 1, text: One}]\ncredit: Me"
    [message] = messages(exhibit_dir, narration)
    assert "sections[0].panels[0].narration.audio: file not found: 'media/readin.wav'" in message
    assert "(did you mean 'media/reading.wav'?)" in message


def test_sound_stays_inside_the_exhibit_folder_and_is_what_its_name_says(exhibit_dir: Path) -> None:
    roots = MediaRoots(exhibit_dir, exhibit_dir / "assets")
    with pytest.raises(MediaError, match="leaves the exhibit folder"):
        resolve_audio("../elsewhere.wav", roots)
    (exhibit_dir / "media" / "fake.ogg").write_bytes(b"RIFF not Ogg at all")
    with pytest.raises(MediaError, match="cannot be read as Ogg sound"):
        resolve_audio("media/fake.ogg", roots)
    with pytest.raises(MediaError, match=r"unsupported sound format '\.aiff'"):
        resolve_audio("media/reading.aiff", roots)


def test_sound_and_pictures_are_not_taken_for_one_another(exhibit_dir: Path) -> None:
    roots = MediaRoots(exhibit_dir, exhibit_dir / "assets")
    (exhibit_dir / "media" / "map.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(MediaError, match="is a picture; a narration needs a sound file"):
        resolve_audio("media/map.png", roots)
    with pytest.raises(MediaError, match="is a sound file, and a picture is needed here"):
        resolve_media("media/reading.wav", roots)


def test_the_shipped_narrations_are_captioned_within_their_sound() -> None:
    exhibit_dir = Path(__file__).resolve().parents[2] / "exhibits" / "recognition-1933"
    exhibit = load_exhibit(exhibit_dir).exhibit
    assert exhibit is not None
    narrated = [
        panel.narration for section in exhibit.sections for panel in section.panels if panel.narration
    ]
    assert narrated
    # Every narrated panel is read in each of the exhibit's languages, each reading captioned.
    assert all({code for code, _ in narrations(panel)} == set(exhibit.languages) for panel in narrated)
    for narration in (narration for panel in narrated for _, narration in narrations(panel)):
        assert narration.captions is not None
        assert narration.audio.duration is not None
        assert narration.captions.cues[-1].end <= narration.audio.duration
        assert "synthetic voice" in narration.credit.resolve("en")

"""Films: a probe says what a video file holds, and a video panel loads from YAML with it."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content import video as video_module
from kiosk.content.loader import load_exhibit
from kiosk.content.localized import ANY_LANGUAGE
from kiosk.content.media import AudioFile
from kiosk.content.models import VideoPanel
from kiosk.content.summary import SummaryError, from_plain, media_paths, summarize, to_plain
from kiosk.content.video import AudioTrack, VideoError, language_code, probe_video, sound_duration
from tests.conftest import REPOSITORY
from tests.video_clips import Track, make_clip, make_sound

Write = Callable[..., Path]


def test_a_probe_finds_the_films_size_codecs_tracks_and_length(tmp_path: Path) -> None:
    path = make_clip(tmp_path / "film.mp4", seconds=2, tracks=(Track("eng"), Track("rus", pitch=330)))
    film = probe_video("media/film.mp4", path)
    assert (film.source, film.path) == ("media/film.mp4", path)
    assert (film.width, film.height, film.frame_rate) == (320, 180, 25)
    assert film.container == "mov,mp4,m4a,3gp,3g2,mj2"
    assert film.video_codec == "h264"
    assert film.video_duration == pytest.approx(2.0, abs=0.01)
    assert film.duration == pytest.approx(2.0, abs=0.05)
    assert [(track.index, track.language, track.codec) for track in film.audio_tracks] == [
        (0, "en", "aac"),
        (1, "ru", "aac"),
    ]
    assert all(track.duration == pytest.approx(2.0, abs=0.05) for track in film.audio_tracks)
    assert film.subtitle_languages == ()
    assert film.has_sound


def test_a_probe_finds_the_languages_of_embedded_subtitles(tmp_path: Path) -> None:
    film = probe_video("film.mkv", make_clip(tmp_path / "film.mkv", subtitles=("fre", "rus")))
    assert film.subtitle_languages == ("fr", "ru")


def test_a_probe_reads_the_words_of_embedded_subtitles_as_plain_cues(tmp_path: Path) -> None:
    # Shown by the kiosk's own captions, as a caption file's words are: plain lines, in order.
    cues = (
        "00:00.500 --> 00:01.200\nThe <i>first</i> words\nand their second line\n\n"
        "00:01.400 --> 00:01.900\nMore &amp; last\n"
    )
    film = probe_video("film.mkv", make_clip(tmp_path / "film.mkv", subtitles=("rus",), subtitle_cues=cues))
    [track] = film.subtitle_tracks
    assert track.language == "ru"
    assert [(cue.start, cue.end, cue.text) for cue in track.cues] == [
        (0.5, 1.2, "The first words\nand their second line"),
        (1.4, 1.9, "More & last"),
    ]
    assert film.subtitles_in("ru") == track
    assert film.subtitles_in("en") is None


def test_a_webm_film_with_opus_sound_plays_and_its_lengths_come_from_its_packets(tmp_path: Path) -> None:
    path = make_clip(
        tmp_path / "film.webm", video_codec="libvpx-vp9", tracks=(Track("rus", codec="opus", seconds=1.5),)
    )
    film = probe_video("film.webm", path)
    assert (film.container, film.video_codec) == ("matroska,webm", "vp9")
    assert film.audio_tracks == (AudioTrack(0, "ru", "opus", pytest.approx(1.5, abs=0.03)),)  # type: ignore[arg-type]
    assert film.video_duration == pytest.approx(2.0, abs=0.05)


def test_a_silent_film_has_no_sound(tmp_path: Path) -> None:
    film = probe_video("loop.mp4", make_clip(tmp_path / "loop.mp4", tracks=()))
    assert film.audio_tracks == ()
    assert not film.has_sound


def test_a_probe_is_remembered_until_the_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_clip(tmp_path / "film.mp4")
    calls: list[Path] = []
    real = video_module._probe

    def counted(source: str, where: Path) -> video_module.VideoFile:
        calls.append(where)
        return real(source, where)

    monkeypatch.setattr(video_module, "_probe", counted)
    first = probe_video("film.mp4", path)
    assert probe_video("film.mp4", path) is first
    assert len(calls) == 1
    make_clip(path, seconds=3)
    assert probe_video("film.mp4", path).video_duration == pytest.approx(3.0, abs=0.01)
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("tag", "code"), [("eng", "en"), ("rus", "ru"), ("ger", "de"), ("en", "en"), ("und", None), ("", None)]
)
def test_a_files_language_tag_reads_as_the_exhibits_codes(tag: str, code: str | None) -> None:
    assert language_code(tag) == code


def test_a_file_that_is_not_a_film_is_an_error_in_words(tmp_path: Path) -> None:
    path = tmp_path / "film.mp4"
    path.write_bytes(b"not a film at all " * 200)
    with pytest.raises(VideoError, match=r"'film.mp4' cannot be read as a film; is the file damaged"):
        probe_video("film.mp4", path)


def test_a_pipe_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "film.mp4")
    with pytest.raises(VideoError, match=r"'film.mp4' is not a file \(a folder, a pipe or a device\)"):
        probe_video("film.mp4", tmp_path / "film.mp4")
    with pytest.raises(VideoError, match=r"is not a file"):
        sound_duration("film.mp4", tmp_path / "film.mp4")


# --- Loading a video panel ------------------------------------------------------------------------

SECTION = """\
title: Films
languages: [en, ru]
sections:
  - id: films
    title: Films
    teaser: Moving pictures
    panels:
      - kind: video
        title: {{en: A film, ru: Фильм}}
        video: media/film.mp4
        poster: media/square.svg
        alt: {{en: A grey square that darkens, ru: Серый квадрат темнеет}}
        caption: {{en: The film's caption, ru: Подпись к фильму}}
        credit: Made for the tests
        captions: {{en: media/film.en.vtt, ru: media/film.ru.vtt}}
{extra}
"""

CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:01.500\nWords spoken.\n"


def write_film_exhibit(exhibit_dir: Path, write: Write, extra: str = "", **clip: object) -> Path:
    make_clip(exhibit_dir / "media" / "film.mp4", **clip)  # type: ignore[arg-type]
    for language in ("en", "ru"):
        (exhibit_dir / "media" / f"film.{language}.vtt").write_text(CAPTIONS, encoding="utf-8")
    return write(SECTION.format(extra=extra))


def test_a_video_panel_loads_with_what_the_probe_found(exhibit_dir: Path, write: Write) -> None:
    write_film_exhibit(
        exhibit_dir,
        write,
        "        audio: {en: 0, ru: 1}\n"
        "        description: {en: 2, ru: media/described.ogg}\n"
        "        body: Some *words* beside the film.",
        tracks=(Track("eng"), Track("rus"), Track("eng")),
    )
    make_sound(exhibit_dir / "media" / "described.ogg")
    result = load_exhibit(exhibit_dir)
    problems = [problem.format() for problem in result.problems]
    assert result.exhibit is not None, problems
    [panel] = result.exhibit.sections[0].panels
    assert isinstance(panel, VideoPanel)
    film = panel.video.resolve("ru")
    assert (film.source, film.width, film.height, len(film.audio_tracks)) == ("media/film.mp4", 320, 180, 3)
    assert panel.audio == {"en": 0, "ru": 1}
    assert panel.description["en"] == 2
    assert isinstance(panel.description["ru"], AudioFile)
    assert panel.captions["ru"].cues[0].text == "Words spoken."
    assert panel.loop is False
    assert panel.body is not None


def test_a_film_per_language_loads_each(exhibit_dir: Path, write: Write) -> None:
    write_film_exhibit(exhibit_dir, write)
    make_clip(exhibit_dir / "media" / "film-ru.mp4", seconds=3, tracks=(Track("rus"),))
    text = (exhibit_dir / "exhibit.yaml").read_text(encoding="utf-8")
    text = text.replace("video: media/film.mp4", "video: {en: media/film.mp4, ru: media/film-ru.mp4}")
    (exhibit_dir / "exhibit.yaml").write_text(text, encoding="utf-8")
    result = load_exhibit(exhibit_dir)
    assert result.exhibit is not None, [problem.format() for problem in result.problems]
    panel = result.exhibit.sections[0].panels[0]
    assert isinstance(panel, VideoPanel)
    assert panel.video.resolve("ru").video_duration == pytest.approx(3.0, abs=0.01)
    assert panel.video.resolve("en").video_duration == pytest.approx(2.0, abs=0.01)
    assert panel.model_dump(mode="json")["video"] == {"en": "media/film.mp4", "ru": "media/film-ru.mp4"}


def test_an_attract_slide_may_play_a_loop_over_its_picture(exhibit_dir: Path, write: Write) -> None:
    write_film_exhibit(exhibit_dir, write)
    make_clip(exhibit_dir / "media" / "loop.mp4", tracks=())
    text = (exhibit_dir / "exhibit.yaml").read_text(encoding="utf-8")
    slide = (
        "attract:\n  slides:\n    - image: media/square.svg\n      video: media/loop.mp4\n"
        "      alt: A square\n      credit: Tests\n      headline: Watch\n"
    )
    (exhibit_dir / "exhibit.yaml").write_text(text.replace("sections:\n", slide + "sections:\n", 1), "utf-8")
    result = load_exhibit(exhibit_dir)
    assert result.exhibit is not None, [problem.format() for problem in result.problems]
    assert result.exhibit.attract is not None
    slide_video = result.exhibit.attract.slides[0].video
    assert slide_video is not None
    assert slide_video.resolve("en").audio_tracks == ()


def test_the_templates_films_are_small_and_what_the_guide_recommends() -> None:
    media = REPOSITORY / "kiosk" / "templates" / "new_exhibit" / "media"
    for name in ("example-film.mp4", "example-loop.mp4"):
        path = media / name
        assert path.stat().st_size < 300 * 1024
        film = probe_video(name, path)
        assert (film.container, film.video_codec) == ("mov,mp4,m4a,3gp,3g2,mj2", "h264")
        assert all(track.codec == "aac" for track in film.audio_tracks)
        assert name in (REPOSITORY / "tools" / "template_films.sh").read_text(encoding="utf-8")


def test_an_attract_slides_loop_is_kept_in_the_summary_the_kiosk_starts_from(
    exhibit_dir: Path, write: Write
) -> None:
    write_film_exhibit(exhibit_dir, write)
    make_clip(exhibit_dir / "media" / "loop.mp4", tracks=())
    text = (exhibit_dir / "exhibit.yaml").read_text(encoding="utf-8")
    slide = (
        "attract:\n  slides:\n    - image: media/square.svg\n      video: media/loop.mp4\n"
        "      alt: A square\n      credit: Tests\n      headline: Watch\n"
    )
    (exhibit_dir / "exhibit.yaml").write_text(text.replace("sections:\n", slide + "sections:\n", 1), "utf-8")
    exhibit = load_exhibit(exhibit_dir).exhibit
    assert exhibit is not None
    loop, film = (
        (exhibit_dir / "media" / "loop.mp4").resolve(),
        (exhibit_dir / "media" / "film.mp4").resolve(),
    )
    # The films are files the exhibit shows: the snapshot watches them, the URL policy lets them through.
    assert {loop, film} <= set(media_paths(exhibit))
    plain = to_plain(summarize(exhibit))
    [read_back] = from_plain(plain).slides
    assert read_back.video == ((ANY_LANGUAGE, loop),)
    plain["slides"][0]["video"] = [["*", "/etc/passwd"]]
    with pytest.raises(SummaryError, match="is not one of the exhibit's"):
        from_plain(plain, allowed=lambda path: path.is_relative_to(exhibit_dir.resolve()))

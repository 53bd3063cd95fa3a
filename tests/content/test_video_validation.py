"""A curator's film that the kiosk cannot play, or that does not match its panel, is reported with
file:line:col and what to do; a film that plays but will not play well is a warning."""

import re
from pathlib import Path

import pytest

from kiosk.content.loader import LoadResult, load_exhibit
from kiosk.content.video import CONVERT_COMMAND
from tests.video_clips import Track, make_clip, make_sound

EXHIBIT = """\
title: Films
languages: [{languages}]
sections:
  - id: films
    title: Films
    teaser: Moving pictures
    panels:
      - kind: video
        title: A film
        video: {video}
        poster: media/square.svg
        alt: A grey square that darkens
        caption: The film's caption.
        credit: Made for the tests
{keys}
"""
CUES = "WEBVTT\n\n00:00.000 --> 00:01.500\nWords spoken.\n"


def write_exhibit(
    folder: Path,
    keys: str = "        captions: {en: media/film.en.vtt}",
    *,
    video: str = "media/film.mp4",
    languages: str = "en",
) -> Path:
    for code in ("en", "ru"):
        (folder / "media" / f"film.{code}.vtt").write_text(CUES, encoding="utf-8")
    path = folder / "exhibit.yaml"
    path.write_text(EXHIBIT.format(languages=languages, video=video, keys=keys), encoding="utf-8")
    return path


def load(folder: Path) -> LoadResult:
    return load_exhibit(folder)


def errors(folder: Path) -> list[str]:
    result = load(folder)
    assert not result.ok, "the exhibit loaded"
    return [problem.format() for problem in result.problems]


def warnings(folder: Path) -> list[str]:
    result = load(folder)
    assert result.ok, [problem.format() for problem in result.problems]
    return [problem.format() for problem in result.warnings]


def only(found: list[str], words: str) -> str:
    matching = [message for message in found if words in message]
    assert len(matching) == 1, found
    return matching[0]


def test_a_good_film_with_captions_loads_without_a_word(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4")
    write_exhibit(exhibit_dir)
    assert not [message for message in warnings(exhibit_dir) if "film" in message]


# --- The file -------------------------------------------------------------------------------------


def test_a_missing_film_names_the_file_and_the_one_meant(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4")
    path = write_exhibit(exhibit_dir, video="media/flim.mp4")
    assert errors(exhibit_dir) == [
        f"{path}:10:16: error: sections[0].panels[0].video: file not found: 'media/flim.mp4' "
        "(did you mean 'media/film.mp4'?)"
    ]


def test_a_film_outside_the_exhibit_is_refused(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir.parent / "film.mp4")
    path = write_exhibit(exhibit_dir, video="../film.mp4")
    assert errors(exhibit_dir) == [
        f"{path}:10:16: error: sections[0].panels[0].video: path leaves the exhibit folder: "
        "'../film.mp4'; keep media in the exhibit folder or assets/"
    ]


def test_one_languages_missing_film_is_pointed_at_in_the_map(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4")
    path = write_exhibit(
        exhibit_dir,
        "        captions: {en: media/film.en.vtt, ru: media/film.ru.vtt}",
        video="{en: media/film.mp4, ru: media/film-ru.mp4}",
        languages="en, ru",
    )
    assert errors(exhibit_dir) == [
        f"{path}:10:41: error: sections[0].panels[0].video.ru: file not found: 'media/film-ru.mp4' "
        "(did you mean 'media/film.mp4'?)"
    ]


@pytest.mark.parametrize(
    ("name", "words"),
    [
        (
            "film.avi",
            "unsupported film format '.avi' in 'media/film.avi'; use one of .m4v, .mkv, .mov, .mp4, .webm",
        ),
        ("film.png", "'media/film.png' is a picture; a film is needed here"),
        ("film.ogg", "'media/film.ogg' is a sound file; a film is needed here"),
    ],
)
def test_a_file_of_another_kind_says_what_a_film_is(exhibit_dir: Path, name: str, words: str) -> None:
    (exhibit_dir / "media" / name).write_bytes(b"data")
    write_exhibit(exhibit_dir, video=f"media/{name}")
    only(errors(exhibit_dir), words)


def test_a_codec_the_kiosk_does_not_play_says_which_to_use_and_how_to_convert(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mkv", video_codec="libx265", seconds=0.4)
    path = write_exhibit(exhibit_dir, video="media/film.mkv")
    message = only(errors(exhibit_dir), "HEVC")
    assert message.startswith(
        f"{path}:10:16: error: sections[0].panels[0].video: 'media/film.mkv' holds HEVC"
    )
    assert "use H.264 or VP9 or VP8" in message
    assert message.endswith(f"Convert it to H.264 video with AAC sound in an MP4 file: {CONVERT_COMMAND}")


def test_a_film_too_large_to_decode_is_refused_before_its_picture_is_decoded(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4", width=4112, height=2304, seconds=0.04, tracks=())
    write_exhibit(exhibit_dir, "")
    message = only(errors(exhibit_dir), "4112 x 2304 pixels")
    assert "more than a kiosk decodes (4096 x 2304 at most); scale it to 1920 x 1080: ffmpeg" in message


def test_a_sound_the_kiosk_does_not_play_is_named_with_its_track(exhibit_dir: Path) -> None:
    make_clip(
        exhibit_dir / "media" / "film.mkv", tracks=(Track(codec="aac"), Track(codec="flac")), seconds=0.4
    )
    write_exhibit(exhibit_dir, video="media/film.mkv")
    assert "its audio track 1 is FLAC" in only(errors(exhibit_dir), "audio track 1")


def test_a_sound_file_named_mp4_has_no_picture(exhibit_dir: Path) -> None:
    make_sound(exhibit_dir / "media" / "film.mp4", codec="aac")
    write_exhibit(exhibit_dir)
    only(errors(exhibit_dir), "'media/film.mp4' holds sound but no picture")


@pytest.mark.parametrize("kept", [0.0, 0.3, 0.6])
def test_a_film_cut_short_or_not_a_film_at_all_is_an_error_in_words(exhibit_dir: Path, kept: float) -> None:
    whole = make_clip(exhibit_dir / "media" / "whole.mp4", seconds=4, faststart=True).read_bytes()
    (exhibit_dir / "media" / "film.mp4").write_bytes(whole[: int(len(whole) * kept)] or b"not a film " * 99)
    path = write_exhibit(exhibit_dir)
    assert errors(exhibit_dir) == [
        f"{path}:10:16: error: sections[0].panels[0].video: 'media/film.mp4' cannot be read as a film; "
        "is the file damaged or cut short?"
    ]


def test_a_git_lfs_pointer_in_place_of_the_film_says_so(exhibit_dir: Path) -> None:
    (exhibit_dir / "media" / "film.mp4").write_text(
        "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a2146\nsize 6149601\n", encoding="utf-8"
    )
    write_exhibit(exhibit_dir)
    only(
        errors(exhibit_dir),
        "'media/film.mp4' is a git LFS pointer, not the film: kiosks do not fetch LFS files",
    )


# --- Captions ---------------------------------------------------------------------------------------


def test_captions_that_do_not_parse_give_the_caption_files_own_line(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4")
    path = write_exhibit(exhibit_dir)
    (exhibit_dir / "media" / "film.en.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:01.000\nOne\n\n00:02.000 -> 00:03.000\nTwo\n", encoding="utf-8"
    )
    message = only(errors(exhibit_dir), "film.en.vtt")
    assert message.startswith(
        f"{path}:15:24: error: sections[0].panels[0].captions.en: in media/film.en.vtt, line 7: expected the "
        "cue's timings"
    )


def test_captions_not_in_webvtt_say_so_without_offering_a_narrations_cues(exhibit_dir: Path) -> None:
    # A narration may write its cues in the YAML instead; a film may not, and its message said it could.
    make_clip(exhibit_dir / "media" / "film.mp4")
    path = write_exhibit(exhibit_dir, "        captions: {en: media/film.en.srt}")
    (exhibit_dir / "media" / "film.en.srt").write_text("1\n00:00:00,000 --> 00:00:01,500\nWords.\n", "utf-8")
    message = only(errors(exhibit_dir), "film.en.srt")
    assert message == (
        f"{path}:15:24: error: sections[0].panels[0].captions.en: captions are a WebVTT file ending in "
        "'.vtt', found 'media/film.en.srt'; convert the captions to WebVTT (ffmpeg -i media/film.en.srt "
        "media/film.en.vtt)"
    )


def test_captions_past_the_films_end_say_where_the_last_one_ends(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4", seconds=2)
    path = write_exhibit(exhibit_dir)
    (exhibit_dir / "media" / "film.en.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:01.000\nOne\n\n00:01.000 --> 00:02.600\nTwo\n", encoding="utf-8"
    )
    assert errors(exhibit_dir) == [
        f"{path}:15:24: error: sections[0].panels[0].captions.en: in media/film.en.vtt, line 6: the last "
        "caption ends at 0:02.600, after the film 'media/film.mp4' ends (0:02.005)"
    ]


def test_captions_may_outlast_the_film_by_as_little_as_a_narrations(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4", seconds=2)
    write_exhibit(exhibit_dir)
    (exhibit_dir / "media" / "film.en.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.400\nOne\n", encoding="utf-8"
    )
    assert load(exhibit_dir).ok


def test_captions_too_fast_to_read_are_a_warning_with_the_caption_files_line(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4", seconds=2)
    write_exhibit(exhibit_dir)
    (exhibit_dir / "media" / "film.en.vtt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:00.500\nFar too many words to read in half a second, shown at once.\n",
        encoding="utf-8",
    )
    message = only(warnings(exhibit_dir), "characters a second are hard to read")
    assert (
        "sections[0].panels[0].captions.en: in media/film.en.vtt, line 3: 59 characters shown for 0.5 s"
        in message
    )


def test_a_film_with_sound_needs_captions_in_every_language(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4")
    path = write_exhibit(exhibit_dir, languages="en, ru")
    assert errors(exhibit_dir) == [
        f"{path}:15:19: error: sections[0].panels[0].captions: the film 'media/film.mp4' has sound, and no "
        "captions in 'ru': add captions: {ru: media/....ru.vtt}, a WebVTT file timed to the film, for "
        "visitors who cannot hear it"
    ]


def test_without_any_captions_the_film_itself_is_pointed_at(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4")
    path = write_exhibit(exhibit_dir, "")
    assert errors(exhibit_dir) == [
        f"{path}:10:16: error: sections[0].panels[0].video: the film 'media/film.mp4' has sound, and no "
        "captions in 'en': add captions: {en: media/....en.vtt}, a WebVTT file timed to the film, for "
        "visitors who cannot hear it"
    ]


def test_an_embedded_subtitle_track_stands_for_the_captions_of_its_language(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mkv", subtitles=("rus",))
    write_exhibit(exhibit_dir, video="media/film.mkv", languages="en, ru")
    assert load(exhibit_dir).ok


def test_a_silent_film_needs_no_captions(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4", tracks=())
    write_exhibit(exhibit_dir, "", languages="en, ru")
    assert load(exhibit_dir).ok


# --- Audio tracks and description --------------------------------------------------------------------


def test_an_audio_track_the_file_does_not_have_lists_those_it_has(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4", tracks=(Track("eng"), Track("rus")))
    path = write_exhibit(exhibit_dir, "        captions: {en: media/film.en.vtt}\n        audio: {en: 2}")
    assert errors(exhibit_dir) == [
        f"{path}:16:21: error: sections[0].panels[0].audio.en: 'media/film.mp4' has no audio track 2: it has "
        "2 audio tracks, counted from 0: 0 (en), 1 (ru)"
    ]


def test_an_audio_track_marked_in_another_language_is_a_warning(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4", tracks=(Track("eng"), Track("rus")))
    write_exhibit(exhibit_dir, "        captions: {en: media/film.en.vtt}\n        audio: {en: 1}")
    only(warnings(exhibit_dir), "audio track 1 of 'media/film.mp4' is marked as speaking 'ru', not 'en'")


def test_several_audio_tracks_without_audio_ask_which_speaks_each_language(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4", tracks=(Track("eng"), Track("rus")))
    write_exhibit(exhibit_dir)
    only(warnings(exhibit_dir), "has 2 audio tracks (it has 2 audio tracks, counted from 0: 0 (en), 1 (ru))")


def test_a_description_track_the_file_does_not_have_is_an_error(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4")
    path = write_exhibit(
        exhibit_dir, "        captions: {en: media/film.en.vtt}\n        description: {en: 1}"
    )
    assert errors(exhibit_dir) == [
        f"{path}:16:27: error: sections[0].panels[0].description.en: 'media/film.mp4' has no audio track 1: "
        "it has 1 audio track, counted from 0: 0 (en)"
    ]


def test_a_description_file_as_long_as_the_film_loads_and_one_of_another_length_does_not(
    exhibit_dir: Path,
) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4", seconds=2)
    make_sound(exhibit_dir / "media" / "described.m4a", seconds=2.3, codec="aac")
    path = write_exhibit(
        exhibit_dir,
        "        captions: {en: media/film.en.vtt}\n        description: {en: media/described.m4a}",
    )
    assert load(exhibit_dir).ok
    make_sound(exhibit_dir / "media" / "described.m4a", seconds=3, codec="aac")
    [message] = errors(exhibit_dir)
    assert re.fullmatch(
        rf"{re.escape(str(path))}:16:27: error: sections\[0\]\.panels\[0\]\.description\.en: the description "
        r"'media/described\.m4a' is 0:03\.0\d\d long and the film 'media/film\.mp4' 0:02\.005: a description plays "
        r"in step with the film, the film's own sound muted, so it must be as long \(within 0\.5 s\)",
        message,
    )


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (
            "true",
            "expected the number of one of the film's audio tracks (counted from 0) or a sound file's path",
        ),
        ("-1", "expected the number of one of the film's audio tracks, counted from 0, found a number (-1)"),
        ("media/film.mp4", "unsupported sound format '.mp4' in 'media/film.mp4'"),
        ("media/square.svg", "'media/square.svg' is a picture; a narration needs a sound file"),
    ],
)
def test_a_description_that_is_neither_a_track_nor_a_sound_file_says_what_it_must_be(
    exhibit_dir: Path, value: str, words: str
) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4")
    write_exhibit(
        exhibit_dir, f"        captions: {{en: media/film.en.vtt}}\n        description: {{en: {value}}}"
    )
    only(errors(exhibit_dir), words)


def test_a_description_file_that_does_not_read_as_sound_is_an_error(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4")
    (exhibit_dir / "media" / "described.m4a").write_bytes(b"\x00\x00\x00\x18ftypM4A " + b"\x00" * 200)
    path = write_exhibit(
        exhibit_dir,
        "        captions: {en: media/film.en.vtt}\n        description: {en: media/described.m4a}",
    )
    assert errors(exhibit_dir) == [
        f"{path}:16:27: error: sections[0].panels[0].description.en: 'media/described.m4a' cannot be read "
        "as sound; is the file damaged?"
    ]


def test_a_video_panel_has_no_narration(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4")
    make_sound(exhibit_dir / "media" / "voice.ogg")
    write_exhibit(
        exhibit_dir,
        "        captions: {en: media/film.en.vtt}\n"
        "        narration: {audio: media/voice.ogg, captions: media/film.en.vtt, credit: A voice}",
    )
    only(errors(exhibit_dir), "a film carries its own sound: give a video panel no narration")


# --- Loops --------------------------------------------------------------------------------------------


def test_a_loop_whose_sound_and_picture_end_apart_is_an_error(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4", seconds=2, tracks=(Track(seconds=2.5),))
    path = write_exhibit(exhibit_dir, "        loop: true")
    [message] = errors(exhibit_dir)
    assert re.fullmatch(
        rf"{re.escape(str(path))}:10:16: error: sections\[0\]\.panels\[0\]\.video: 'media/film\.mp4' loops, "
        r"and its audio track 0 \(0:02\.5\d\d\) and its picture \(0:02\.000\) end 0\.5\d s apart: it would "
        r"pause or jump at every turn; a loop plays silent, so remove its sound \(ffmpeg -i IN -c:v copy -an "
        r"OUT\.mp4\), or cut both to one length",
        message,
    )


def test_a_loop_whose_sound_ends_within_a_frame_of_its_picture_loads(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4", seconds=2)
    write_exhibit(exhibit_dir, "        loop: true")
    assert load(exhibit_dir).ok


def test_a_loop_with_captions_or_a_description_is_warned_they_are_never_shown(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4")
    write_exhibit(
        exhibit_dir,
        "        captions: {en: media/film.en.vtt}\n        description: {en: 0}\n        loop: true",
    )
    found = warnings(exhibit_dir)
    only(found, "a loop plays silent, without controls: its captions are never shown or heard")
    only(found, "a loop plays silent, without controls: its description are never shown or heard")


def test_an_attract_slides_loop_is_checked_as_a_loop(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4")
    make_clip(exhibit_dir / "media" / "loop.mp4", seconds=2, tracks=(Track(seconds=1),))
    path = write_exhibit(exhibit_dir)
    text = path.read_text(encoding="utf-8").replace(
        "sections:\n",
        "attract:\n  slides:\n    - image: media/square.svg\n      video: media/loop.mp4\n"
        "      alt: A square\n      credit: Tests\n      headline: Watch\nsections:\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    only(errors(exhibit_dir), f"{path}:6:14: error: attract.slides[0].video: 'media/loop.mp4' loops")


# --- What plays, but not well ------------------------------------------------------------------------


def test_a_poster_smaller_than_the_films_box_says_the_size_needed(exhibit_dir: Path) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4")
    path = write_exhibit(exhibit_dir)
    path.write_text(path.read_text(encoding="utf-8").replace("media/square.svg", "media/paper.png"), "utf-8")
    message = only(warnings(exhibit_dir), "the poster")
    assert re.search(
        r"smaller than the film's box \(1038x584 on a 1920x1080 screen\): give a poster of at least \d+x584",
        message,
    )


@pytest.mark.parametrize(
    ("clip", "words"),
    [
        (
            {"width": 2560, "height": 1440, "seconds": 0.2, "tracks": ()},
            "is 2560 x 1440 pixels, more than a 1920 x 1080 screen shows",
        ),
        (
            {"fps": 120, "seconds": 0.2, "width": 64, "height": 36, "tracks": ()},
            "has 120 frames a second, more than 60",
        ),
        ({"fps": 1, "seconds": 601, "width": 16, "height": 16, "tracks": ()}, "is 10:01.000 long"),
    ],
)
def test_a_film_larger_faster_or_longer_than_a_kiosk_plays_well_is_a_warning(
    exhibit_dir: Path, clip: dict[str, object], words: str
) -> None:
    make_clip(exhibit_dir / "media" / "film.mp4", **clip)  # type: ignore[arg-type]
    write_exhibit(exhibit_dir, "")
    only(warnings(exhibit_dir), words)

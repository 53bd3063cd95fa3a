"""What a video panel, or an attract slide's loop, asks of its film, checked against what its probe found.

Errors stop the exhibit from loading, as a missing file does: captions that run past the film's end,
a film with sound without captions in a language of the exhibit, an audio track the file does not
have, a description that is not as long as the film, a loop whose sound and picture end apart.
Warnings let it open: a film larger, faster or longer than a kiosk plays well, a loop with captions
or a description (a loop is silent and plays no description), a language no visitor reads.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from kiosk.content.captions import format_time
from kiosk.content.localized import ANY_LANGUAGE
from kiosk.content.media import AudioFile
from kiosk.content.models import CAPTION_OVERRUN_S, Exhibit, VideoPanel
from kiosk.content.placeholders import is_example_media
from kiosk.content.video import RECOMMENDED, Film, VideoError, VideoFile, sound_duration
from kiosk.content.yaml_source import KeyPath

#: A film the kiosk plays well: at most a 1080p screen's pixels, 60 frames a second, ten minutes.
#: Larger is decoded in software at a cost a kiosk PC may not have; longer holds a visitor past the
#: time most stand at a screen, and the kiosk from going idle (see video_idle_cap_s).
MAX_FILM_PIXELS = 1920 * 1080
MAX_FRAME_RATE = 60
MAX_FILM_SECONDS = 10 * 60
#: A description plays in step with the film: as long as it, within this much.
DESCRIPTION_SLACK_S = 0.5
#: A loop's sound and picture may end apart by one frame, or by an AAC frame's 1024 samples at
#: 44.1 kHz (23 ms) where that is longer: encoders pad sound to a whole frame of their own.
LOOP_SLACK_FLOOR_S = 0.025


@dataclass(frozen=True)
class VideoFinding:
    """A problem with a film, where it is written (a key path), in words; a warning lets it open."""

    path: KeyPath
    message: str
    warning: bool = False


def video_findings(exhibit: Exhibit) -> Iterator[VideoFinding]:
    """Every problem of every film in the exhibit: its video panels' and its attract loop's."""
    languages = exhibit.languages
    if exhibit.attract is not None:
        for index, slide in enumerate(exhibit.attract.slides):
            if slide.video is not None:
                path: KeyPath = ("attract", "slides", index, "video")
                yield from _film_findings(slide.video, path, languages)
                yield from _loop_findings(slide.video, path)
    for index, section in enumerate(exhibit.sections):
        for number, panel in enumerate(section.panels):
            if isinstance(panel, VideoPanel):
                yield from _panel_findings(panel, ("sections", index, "panels", number), languages)


def _panel_findings(panel: VideoPanel, path: KeyPath, languages: tuple[str, ...]) -> Iterator[VideoFinding]:
    yield from _film_findings(panel.video, (*path, "video"), languages)
    for key, table in (
        ("captions", panel.captions),
        ("audio", panel.audio),
        ("description", panel.description),
    ):
        for code in table:
            if code not in languages:
                yield VideoFinding(
                    (*path, key, code),
                    f"'{code}' is not one of the exhibit's languages ({', '.join(languages)}): no visitor "
                    f"will get these {key}; declare the language under languages:, or remove them",
                    warning=True,
                )
    if panel.loop:
        yield from _loop_findings(panel.video, (*path, "video"))
        for key, table in (("captions", panel.captions), ("description", panel.description)):
            if table:
                yield VideoFinding(
                    (*path, key),
                    f"a loop plays silent, without controls: its {key} are never shown or heard; "
                    f"remove {key}:, or make the film a film with loop: false",
                    warning=True,
                )
        return
    for code in languages:
        film = panel.video.resolve(code)
        yield from _sound_findings(panel, path, code, film)
    for code, track in panel.captions.items():
        film = panel.video.resolve(code)
        last = track.cues[-1]
        if last.end > film.duration + CAPTION_OVERRUN_S:
            yield VideoFinding(
                (*path, "captions", code),
                f"in {track.source}, line {last.line}: the last caption ends at {format_time(last.end)}, "
                f"after the film '{film.source}' ends ({format_time(film.duration)})",
            )
    for code, description in panel.description.items():
        yield from _description_findings(panel, (*path, "description", code), code, description)


def _sound_findings(panel: VideoPanel, path: KeyPath, code: str, film: VideoFile) -> Iterator[VideoFinding]:
    """The audio track that speaks `code`, and the captions it needs."""
    tracks = film.audio_tracks
    if code in panel.audio:
        number = panel.audio[code]
        if number >= len(tracks):
            yield VideoFinding(
                (*path, "audio", code), f"'{film.source}' has no audio track {number}: {_tracks(film)}"
            )
        elif (found := tracks[number].language) is not None and found.split("-")[0] != code.split("-")[0]:
            yield VideoFinding(
                (*path, "audio", code),
                f"audio track {number} of '{film.source}' is marked as speaking '{found}', not '{code}': "
                f"{_tracks(film)}; check which track speaks '{code}'",
                warning=True,
            )
    elif len(tracks) > 1:
        yield VideoFinding(
            (*path, "video"),
            f"'{film.source}' has {len(tracks)} audio tracks ({_tracks(film)}); say which speaks '{code}' "
            f"with audio: {{{code}: N}}, or the first plays",
            warning=True,
        )
    if tracks and code not in panel.captions and code not in film.subtitle_languages:
        embedded = (
            f" (its subtitle tracks are in {', '.join(film.subtitle_languages)})"
            if film.subtitle_languages
            else ""
        )
        yield VideoFinding(
            (*path, "captions") if panel.captions else (*path, "video"),
            f"the film '{film.source}' has sound, and no captions in '{code}'{embedded}: add captions: "
            f"{{{code}: media/....{code}.vtt}}, a WebVTT file timed to the film, for visitors who cannot hear it",
        )


def _description_findings(
    panel: VideoPanel, path: KeyPath, code: str, description: int | AudioFile
) -> Iterator[VideoFinding]:
    film = panel.video.resolve(code)
    if isinstance(description, int):
        if description >= len(film.audio_tracks):
            yield VideoFinding(path, f"'{film.source}' has no audio track {description}: {_tracks(film)}")
        elif description == panel.audio.get(code, 0):
            yield VideoFinding(
                path,
                f"the description is audio track {description}, the track the film speaks '{code}' in "
                "already; give the track (or the sound file) that describes what is seen",
                warning=True,
            )
        return
    try:
        length = sound_duration(description.source, description.path)
    except VideoError as error:
        yield VideoFinding(path, str(error))
        return
    if length is not None and abs(length - film.duration) > DESCRIPTION_SLACK_S:
        yield VideoFinding(
            path,
            f"the description '{description.source}' is {format_time(length)} long and the film "
            f"'{film.source}' {format_time(film.duration)}: a description plays in step with the film, "
            f"the film's own sound muted, so it must be as long (within {DESCRIPTION_SLACK_S} s)",
        )


def _film_findings(film: Film, path: KeyPath, languages: tuple[str, ...]) -> Iterator[VideoFinding]:
    """What a kiosk plays well, for each file; a film per language in each language of the exhibit."""
    table = dict(film.by_language)
    if ANY_LANGUAGE not in table:
        for code in table:
            if code not in languages:
                yield VideoFinding(
                    (*path, code),
                    f"'{code}' is not one of the exhibit's languages ({', '.join(languages)}): no visitor "
                    "will see this film; declare the language under languages:, or remove it",
                    warning=True,
                )
        if missing := [code for code in languages if code not in table]:
            yield VideoFinding(
                path,
                f"the film has no version in {', '.join(missing)}: visitors reading it see the "
                f"'{next(iter(table))}' film; add {', '.join(f'{code}: ...' for code in missing)}",
                warning=True,
            )
    for code, video in film.by_language:
        where = path if code == ANY_LANGUAGE else (*path, code)
        if is_example_media(video.source):
            yield VideoFinding(
                where,
                f"'{video.source}' is an example film that kiosk new wrote; replace it with a film of your own",
                warning=True,
            )
        for too_much in _heavy(video):
            yield VideoFinding(where, too_much, warning=True)


def _heavy(video: VideoFile) -> Iterator[str]:
    advice = (
        f"the kiosk may drop frames; {RECOMMENDED} at 1920 x 1080 and 25 or 30 frames a second plays smoothly"
    )
    if video.width * video.height > MAX_FILM_PIXELS:
        yield f"'{video.source}' is {video.width} x {video.height} pixels, more than a 1920 x 1080 screen shows: {advice}"
    if video.frame_rate is not None and video.frame_rate > MAX_FRAME_RATE + 0.5:
        yield f"'{video.source}' has {video.frame_rate:g} frames a second, more than {MAX_FRAME_RATE}: {advice}"
    if video.duration > MAX_FILM_SECONDS:
        yield (
            f"'{video.source}' is {format_time(video.duration)} long; few visitors stand at a screen for "
            f"more than {MAX_FILM_SECONDS // 60} minutes: cut it, or show a part of it"
        )


def _loop_findings(film: Film, path: KeyPath) -> Iterator[VideoFinding]:
    """A loop's sound and picture end together, or it jumps (or pauses) at every turn."""
    for code, video in film.by_language:
        if video.video_duration is None:
            continue
        slack = max(video.frame_time, LOOP_SLACK_FLOOR_S) + 0.001
        for track in video.audio_tracks:
            if track.duration is None or abs(track.duration - video.video_duration) <= slack:
                continue
            yield VideoFinding(
                path if code == ANY_LANGUAGE else (*path, code),
                f"'{video.source}' loops, and its audio track {track.index} ({format_time(track.duration)}) "
                f"and its picture ({format_time(video.video_duration)}) end "
                f"{abs(track.duration - video.video_duration):.2f} s apart: it would pause or jump at every "
                "turn; a loop plays silent, so remove its sound (ffmpeg -i IN -c:v copy -an OUT.mp4), or cut "
                "both to one length",
            )
            break


def _tracks(film: VideoFile) -> str:
    if not film.audio_tracks:
        return "it has no sound"
    listed = ", ".join(
        f"{track.index} ({track.language or 'language not marked'})" for track in film.audio_tracks
    )
    count = len(film.audio_tracks)
    return f"it has {count} audio track{'s' if count != 1 else ''}, counted from 0: {listed}"

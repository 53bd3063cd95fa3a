"""Films: what a probe of a video file finds, and whether the kiosk can play it.

A film is probed once per file version (its size and modification time) with PyAV, which carries
FFmpeg's own demuxers and decoders (docs/adr/0038-films.md): the container, the video codec, size
and frame rate, each audio track's codec, language and length, the words of embedded text subtitle
tracks (which the kiosk shows as it shows a caption file's, never through the player). The probe decodes the first picture, and reads the last few seconds of packets, so that a
damaged or cut-short file is found here, by the curator, and not on the floor by a visitor.

Everything PyAV raises becomes a `VideoError` in words; the view models read a `VideoFile` and never
probe.
"""

import math
import re
import stat
import threading
from collections import OrderedDict
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

import av
import av.error
import langcodes

from kiosk.content.captions import MAX_CUE_CHARACTERS, MAX_CUES, Cue, cue_text
from kiosk.content.localized import ANY_LANGUAGE, in_language

#: FFmpeg's demuxer names of those containers.
PLAYABLE_CONTAINERS = {"mov,mp4,m4a,3gp,3g2,mj2": "MP4", "matroska,webm": "Matroska/WebM"}
#: Video a kiosk PC decodes in software at 1080p30 without dropping frames (FFmpeg's names).
#: HEVC and AV1 are left out: FFmpeg decodes AV1 only with a hardware decoder, and HEVC in software
#: costs several times H.264's processor time on the small PCs kiosks run on.
PLAYABLE_VIDEO_CODECS = {"h264": "H.264", "vp9": "VP9", "vp8": "VP8"}
PLAYABLE_AUDIO_CODECS = {"aac": "AAC", "mp3": "MP3", "opus": "Opus", "vorbis": "Vorbis"}
#: What the guide and every message recommend: plays everywhere, encodes everywhere.
RECOMMENDED = "H.264 video with AAC sound in an MP4 file"
CONVERT_COMMAND = (
    "ffmpeg -i INPUT -c:v libx264 -crf 20 -preset slow -pix_fmt yuv420p -c:a aac -b:a 160k "
    "-movflags +faststart OUTPUT.mp4"
)

#: The largest picture a film may have: 4K cinema's (DCI 4096 x 2160), 16:9 (4096 x 2304).
MAX_PIXELS = 4096 * 2304
MAX_SIZE_WORDS = "4096 x 2304 at most"
#: A probe gives up on a file that does not answer within this long (a read, or the opening).
PROBE_TIMEOUT_S = 5.0
#: From this far before the declared end the last packets are read, to find where each stream ends.
TAIL_S = 4.0
#: Packets read from the tail at most: a few seconds of even a high-rate film.
MAX_TAIL_PACKETS = 4000
#: Packets read from the start at most while looking for the first picture.
MAX_HEAD_PACKETS = 600
#: A file whose last packets end this much earlier than it says is cut short.
TRUNCATION_SLACK_S = 1.0
#: Files remembered: the films of a few exhibits.
CACHE_SIZE = 256


@dataclass(frozen=True, slots=True)
class AudioTrack:
    """One audio track of a film: `index` counts the file's audio tracks from 0, as `audio:` does."""

    index: int
    #: ISO 639-1 where the file names the language ("eng" in the file is "en" here); None if it does not.
    language: str | None
    codec: str
    #: Seconds, where the file states it or its last packets tell.
    duration: float | None


@dataclass(frozen=True, slots=True)
class SubtitleTrack:
    """A text subtitle track inside the film, read into cues as a caption file is."""

    #: ISO 639-1 where the file names the language; None if it does not.
    language: str | None
    cues: tuple[Cue, ...]


@dataclass(frozen=True, slots=True)
class VideoFile:
    """A film that exists, opens and decodes, and what a probe found in it."""

    source: str
    path: Path
    #: Seconds: the longest of the film's picture and sound.
    duration: float
    width: int
    height: int
    #: The container as FFmpeg names its demuxer, such as "mov,mp4,m4a,3gp,3g2,mj2".
    container: str
    #: FFmpeg's name of the video codec, such as "h264".
    video_codec: str
    audio_tracks: tuple[AudioTrack, ...]
    #: The text subtitle tracks inside the file that have words, with them.
    subtitle_tracks: tuple[SubtitleTrack, ...]
    #: Frames a second (the stream's average rate); None where the file does not tell.
    frame_rate: float | None
    #: Seconds of picture alone (the sound may run a little longer or shorter).
    video_duration: float | None = None

    @property
    def has_sound(self) -> bool:
        return bool(self.audio_tracks)

    @property
    def subtitle_languages(self) -> tuple[str, ...]:
        """The languages (ISO 639-1) of the subtitle tracks inside the file that say which."""
        return tuple(track.language for track in self.subtitle_tracks if track.language is not None)

    def subtitles_in(self, language: str) -> SubtitleTrack | None:
        """The file's own subtitles in `language`, if it has them."""
        return next((track for track in self.subtitle_tracks if track.language == language), None)

    @property
    def frame_time(self) -> float:
        """One frame's length in seconds (a 25 fps frame's when the rate is unknown)."""
        return 1 / self.frame_rate if self.frame_rate else 1 / 25


class VideoError(ValueError):
    """A film the kiosk cannot play, said in words a curator can act on."""


def language_code(tag: str | None) -> str | None:
    """A file's language tag as the exhibit writes languages: "eng" -> "en", "rus" -> "ru".

    None for a tag that names no language ("und", empty, or one langcodes cannot read).
    """
    if not tag or tag.lower() in ("und", "mul", "zxx", "mis"):
        return None
    try:
        return str(langcodes.standardize_tag(tag))
    except ValueError:
        return None


#: By the curator's path and the file's version: its inode, size and times (a coarse clock may give
#: two quick saves of one size the same modification time, not the same change time and inode).
_cache: OrderedDict[tuple[str, str, int, int, int, int], VideoFile | VideoError] = OrderedDict()
#: Exhibits load on more than one thread (the preview's reloads, publishing): the caches are shared.
_cache_lock = threading.Lock()


def probe_video(source: str, path: Path) -> VideoFile:
    """What the film at `path` (written `source` by the curator) holds; `VideoError` if it cannot play.

    Remembered per file version: a second look at an unchanged file costs a `stat`.
    """
    try:
        status = path.stat()
    except OSError as error:
        raise VideoError(f"'{source}' cannot be read ({error.strerror or error})") from None
    if not stat.S_ISREG(status.st_mode):
        raise VideoError(f"'{source}' is not a file (a folder, a pipe or a device); a film is a file")
    key = (source, str(path), status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    with _cache_lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
    if found is None:
        try:
            found = _probe(source, path)
        except VideoError as error:
            found = error
        with _cache_lock:
            _cache[key] = found
            while len(_cache) > CACHE_SIZE:
                _cache.popitem(last=False)
    if isinstance(found, VideoError):
        raise VideoError(str(found))
    return found


#: How a git LFS pointer begins: what a film kept in LFS is, in a checkout that did not fetch it.
LFS_POINTER = b"version https://git-lfs.github.com/spec/"


def _probe(source: str, path: Path) -> VideoFile:
    damaged = f"'{source}' cannot be read as a film; is the file damaged or cut short?"
    try:
        with path.open("rb") as file:
            head = file.read(len(LFS_POINTER))
    except OSError as error:
        raise VideoError(f"'{source}' cannot be read ({error.strerror or error})") from None
    if head == LFS_POINTER:
        raise VideoError(
            f"'{source}' is a git LFS pointer, not the film: kiosks do not fetch LFS files; commit the "
            'film itself (see "Large media" in the guide)'
        )
    try:
        container = av.open(str(path), timeout=(PROBE_TIMEOUT_S, PROBE_TIMEOUT_S), metadata_errors="ignore")
    except av.error.ExitError:
        raise VideoError(f"'{source}' took too long to open; is the file damaged?") from None
    except (av.error.FFmpegError, OSError, ValueError, UnicodeDecodeError):
        raise VideoError(damaged) from None
    try:
        with container:
            return _inspect(source, path, container, damaged)
    except VideoError:
        raise
    except av.error.ExitError:
        raise VideoError(f"reading '{source}' took too long; is the file damaged?") from None
    except (av.error.FFmpegError, OSError, ValueError, ArithmeticError, EOFError, MemoryError):
        raise VideoError(damaged) from None


def _inspect(source: str, path: Path, container: Any, damaged: str) -> VideoFile:
    name = str(container.format.name)
    videos = [stream for stream in container.streams.video if not _is_cover_art(stream)]
    if not videos:
        if container.streams.audio:
            raise VideoError(
                f"'{source}' holds sound but no picture; a film needs its picture (a narration: "
                "takes a sound file)"
            )
        raise VideoError(f"'{source}' holds no film; is it a video file? {_advice()}")
    if name not in PLAYABLE_CONTAINERS:
        raise VideoError(
            f"'{source}' is a {container.format.long_name or name} file, which the kiosk does not "
            f"play; use MP4, MOV, M4V, WebM or MKV. {_advice()}"
        )
    video = videos[0]
    codec = str(video.codec_context.name)
    if codec not in PLAYABLE_VIDEO_CODECS:
        raise VideoError(
            f"'{source}' holds {_codec_name(video)} video, which the kiosk does not play smoothly "
            f"everywhere; use {' or '.join(PLAYABLE_VIDEO_CODECS.values())}. {_advice()}"
        )
    audios = list(container.streams.audio)
    for number, audio in enumerate(audios):
        if str(audio.codec_context.name) not in PLAYABLE_AUDIO_CODECS:
            raise VideoError(
                f"'{source}': its audio track {number} is {_codec_name(audio)}, which the kiosk does not "
                f"play; use {', '.join(PLAYABLE_AUDIO_CODECS.values())}. {_advice()}"
            )
    width, height = int(video.codec_context.width), int(video.codec_context.height)
    if width <= 0 or height <= 0:
        raise VideoError(damaged)
    if width * height > MAX_PIXELS:
        # Refused before a picture is decoded: its frames alone would fill a kiosk's memory.
        raise VideoError(
            f"'{source}' is {width} x {height} pixels, more than a kiosk decodes ({MAX_SIZE_WORDS}); "
            "scale it to 1920 x 1080: ffmpeg -i INPUT -vf scale=1920:-2 -c:v libx264 -crf 20 "
            "-pix_fmt yuv420p -c:a copy OUTPUT.mp4"
        )
    _first_picture(container, video, damaged)
    declared = container.duration / av.time_base if container.duration else None
    ends = _stream_ends(container, declared)
    # A file whose last packets end well before the length it declares is cut short (its index,
    # written first for streaming, still lists what was cut off): the kiosk would stop early.
    if declared is not None and (not ends or max(ends.values()) < declared - TRUNCATION_SLACK_S):
        raise VideoError(damaged)
    video_duration = _length(video, ends)
    if video_duration is None or video_duration <= 0:
        raise VideoError(f"'{source}': the length of its picture cannot be read; is the file damaged?")
    tracks = tuple(
        AudioTrack(
            number,
            language_code(audio.metadata.get("language")),
            str(audio.codec_context.name),
            _length(audio, ends),
        )
        for number, audio in enumerate(audios)
    )
    duration = max([video_duration, *(track.duration or 0 for track in tracks)])
    rate = video.average_rate or video.guessed_rate
    subtitles = _subtitle_tracks(container)
    return VideoFile(
        source=source,
        path=path,
        duration=duration,
        width=width,
        height=height,
        container=name,
        video_codec=codec,
        audio_tracks=tracks,
        subtitle_tracks=subtitles,
        frame_rate=float(rate) if rate else None,
        video_duration=video_duration,
    )


#: Subtitle codecs that carry words (FFmpeg's names); pictures of words (DVD, Blu-ray) are not read.
TEXT_SUBTITLE_CODECS = frozenset({"webvtt", "subrip", "srt", "mov_text", "ass", "ssa", "text"})
#: An ASS event's override blocks ({\i1}, {\pos(…)}) and its hard line breaks and spaces.
_ASS_OVERRIDE = re.compile(r"\{[^}]*\}")
_ASS_BREAK = re.compile(r"\\[Nn]")


def _subtitle_tracks(container: Any) -> tuple[SubtitleTrack, ...]:
    """The words of the file's text subtitle tracks: read here, once, so that the kiosk shows them
    in its own captions (styled for the room, switched by the visitor) and a VideoOutput never draws
    them a second time."""
    streams = [
        stream
        for stream in container.streams.subtitles
        if str(stream.codec_context.name) in TEXT_SUBTITLE_CODECS
    ]
    if not streams:
        return ()
    container.seek(0)
    found: dict[int, list[Cue]] = {stream.index: [] for stream in streams}
    for packet in container.demux(*streams):
        if packet.pts is None or packet.duration is None or packet.time_base is None:
            continue
        cues = found[packet.stream.index]
        if len(cues) >= MAX_CUES:
            continue
        start = float(packet.pts * packet.time_base)
        end = start + float(packet.duration * packet.time_base)
        try:
            decoded = packet.decode()
        except av.error.FFmpegError:
            continue  # one damaged cue: the others are still the film's words
        # Text codecs decode to ASS events; anything else has no words to show.
        words = "\n".join(_ass_text(bytes(getattr(subtitle, "dialogue", b""))) for subtitle in decoded)
        words = words.strip()[:MAX_CUE_CHARACTERS]
        if words and end > start >= 0:
            cues.append(Cue(round(start, 3), round(end, 3), words))
    return tuple(
        SubtitleTrack(
            language_code(stream.metadata.get("language")),
            tuple(sorted(found[stream.index], key=attrgetter("start"))),
        )
        for stream in streams
        if found[stream.index]
    )


def _ass_text(dialogue: bytes) -> str:
    """An ASS event's text as plain lines, as FFmpeg gives every text subtitle."""
    text = _ASS_BREAK.sub("\n", _ASS_OVERRIDE.sub("", dialogue.decode("utf-8", "replace")))
    return cue_text(text.replace("\\h", " "))


def _is_cover_art(stream: Any) -> bool:
    # An MP4's or MKV's attached picture (its cover) is a one-frame "video" stream: not the film.
    return bool(stream.disposition & av.stream.Disposition.attached_pic)


def _first_picture(container: Any, video: Any, damaged: str) -> None:
    """Decodes the film's first picture: proof that its codec and data are what they claim."""
    for count, packet in enumerate(container.demux(video)):
        if count >= MAX_HEAD_PACKETS:
            break
        try:
            if packet.decode():
                return
        except av.error.InvalidDataError:
            continue  # a broken packet before the first key frame: look on
    raise VideoError(damaged)


def _stream_ends(container: Any, declared: float | None) -> dict[int, float]:
    """Where each stream's last packet ends, in seconds from the stream's start, read from the tail."""
    if declared is not None and declared > TAIL_S:
        container.seek(int((declared - TAIL_S) * av.time_base), backward=True, any_frame=False)
    else:
        container.seek(0)
    ends: dict[int, float] = {}
    for count, packet in enumerate(container.demux()):
        if count >= MAX_TAIL_PACKETS:
            break
        if packet.pts is None or packet.time_base is None:
            continue
        stream = packet.stream
        start = stream.start_time or 0
        end = (packet.pts - start + (packet.duration or 0)) * packet.time_base
        ends[stream.index] = max(ends.get(stream.index, 0.0), float(end))
    return ends


def _length(stream: Any, ends: dict[int, float]) -> float | None:
    if stream.duration and stream.time_base:
        seconds = float(stream.duration * stream.time_base)
        if math.isfinite(seconds) and seconds > 0:
            return seconds
    return ends.get(stream.index)


def _codec_name(stream: Any) -> str:
    context = stream.codec_context
    return str(getattr(context.codec, "long_name", None) or context.name)


def _advice() -> str:
    return f"Convert it to {RECOMMENDED}: {CONVERT_COMMAND}"


@dataclass(frozen=True, slots=True)
class Film:
    """A film for every language, or one per language ({en: film-en.mp4, ru: film-ru.mp4}).

    Written as one path, the film serves every language (under `ANY_LANGUAGE`), as a picture does.
    """

    by_language: tuple[tuple[str, VideoFile], ...]

    @classmethod
    def plain(cls, video: VideoFile) -> "Film":
        return cls(((ANY_LANGUAGE, video),))

    @property
    def languages(self) -> frozenset[str]:
        return frozenset(code for code, _ in self.by_language if code != ANY_LANGUAGE)

    def files(self) -> tuple[VideoFile, ...]:
        return tuple(video for _, video in self.by_language)

    def resolve(self, language: str, fallbacks: tuple[str, ...] = ()) -> VideoFile:
        return in_language(self.by_language, language, fallbacks, self.by_language[0][1])

    def serialized(self) -> str | dict[str, str]:
        """As the curator wrote it: one path, or a map of language codes to paths."""
        table = {code: video.source for code, video in self.by_language}
        return table[ANY_LANGUAGE] if list(table) == [ANY_LANGUAGE] else table


_sound_cache: OrderedDict[tuple[str, int, int, int, int], float | None] = OrderedDict()


def sound_duration(source: str, path: Path) -> float | None:
    """A sound file's length in seconds as FFmpeg reads it (None where it cannot tell); remembered
    per file version. `VideoError` if the file does not read as sound."""
    try:
        status = path.stat()
    except OSError as error:
        raise VideoError(f"'{source}' cannot be read ({error.strerror or error})") from None
    if not stat.S_ISREG(status.st_mode):
        raise VideoError(f"'{source}' is not a file (a folder, a pipe or a device)")
    key = (str(path), status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
    with _cache_lock:
        if key in _sound_cache:
            return _sound_cache[key]
    length = _sound_length(source, path)
    with _cache_lock:
        _sound_cache[key] = length
        while len(_sound_cache) > CACHE_SIZE:
            _sound_cache.popitem(last=False)
    return length


def _sound_length(source: str, path: Path) -> float | None:
    damaged = f"'{source}' cannot be read as sound; is the file damaged?"
    try:
        with av.open(
            str(path), timeout=(PROBE_TIMEOUT_S, PROBE_TIMEOUT_S), metadata_errors="ignore"
        ) as container:
            if not container.streams.audio:
                raise VideoError(f"'{source}' holds no sound")
            declared = container.duration / av.time_base if container.duration else None
            ends = _stream_ends(container, declared)
            return _length(container.streams.audio[0], ends)
    except av.error.ExitError:
        raise VideoError(f"reading '{source}' took too long; is the file damaged?") from None
    except (av.error.FFmpegError, OSError, ValueError, ArithmeticError, EOFError, MemoryError):
        raise VideoError(damaged) from None

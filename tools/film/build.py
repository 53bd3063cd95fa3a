"""Builds the film, its poster and captions from the script, and checks the built ones against it."""

import json
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.film.picture import Frames
from tools.film.script import FilmScript, ScriptError, exhibit_folder, load_script
from tools.film.timeline import FRAMES_PER_SECOND, AudioTrack, Speaker, Timeline, plan

WIDTH, HEIGHT = 1920, 1080
#: Speech, mono, at eSpeak NG's own sample rate: 4 KB a second per track.
AUDIO_BITRATE = "32k"
#: Drawings under a slow camera compress well: at 28 their lines stay clean, at about 50 KB a second.
QUALITY_CRF = "28"
#: A key frame every two seconds, so that a finger on the scrubber lands near one.
KEY_FRAME_INTERVAL = str(2 * FRAMES_PER_SECOND)
#: Fixed, so that building again gives the same encode (x264's output depends on its threads).
ENCODER_THREADS = "2"
#: The three-letter codes MP4 tags audio tracks with.
ISO_639_2 = {"en": "eng", "ru": "rus"}
TRACK_TITLES = {
    ("en", False): "English",
    ("ru", False): "Русский",
    ("en", True): "English, audio description",
    ("ru", True): "Русский, тифлокомментарий",
}


class FilmError(Exception):
    pass


@dataclass(frozen=True)
class Outputs:
    film: Path
    poster: Path
    captions: dict[str, Path]


def outputs_for(script: FilmScript, exhibit: Path, folder: Path | None = None) -> Outputs:
    """Where the script says its files go, or the same names in `folder`."""

    def place(path: str) -> Path:
        return exhibit / path if folder is None else folder / Path(path).name

    return Outputs(
        place(script.film),
        place(script.poster),
        {code: place(path) for code, path in script.captions.items()},
    )


def three_letter(language: str) -> str:
    if language not in ISO_639_2:
        raise ScriptError(f"no three-letter language code known for '{language}': add it to ISO_639_2")
    return ISO_639_2[language]


def require(*tools: str) -> None:
    for tool in tools:
        if shutil.which(tool) is None:
            raise FilmError(f"{tool} is not installed: apt-get install ffmpeg espeak-ng")


def write_wave(path: Path, samples: bytes, rate: int) -> None:
    with wave.open(str(path), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(samples)


def encoder_arguments(timeline: Timeline, sounds: list[Path], size: tuple[int, int], out: Path) -> list[str]:
    width, height = size
    command = ["ffmpeg", "-nostdin", "-y", "-hide_banner", "-loglevel", "error"]
    command += ["-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}"]
    command += ["-framerate", str(FRAMES_PER_SECOND), "-i", "pipe:0"]
    for sound in sounds:
        command += ["-i", str(sound)]
    command += ["-map", "0:v"] + [
        argument for number in range(len(sounds)) for argument in ("-map", f"{number + 1}:a")
    ]
    command += ["-c:v", "libx264", "-profile:v", "high", "-preset", "slow", "-tune", "animation"]
    command += ["-crf", QUALITY_CRF, "-g", KEY_FRAME_INTERVAL, "-threads", ENCODER_THREADS]
    command += ["-vf", "scale=out_color_matrix=bt709:out_range=tv", "-pix_fmt", "yuv420p"]
    command += ["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709"]
    command += ["-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ar", str(timeline.rate), "-ac", "1"]
    for number, track in enumerate(timeline.tracks):
        command += [f"-metadata:s:a:{number}", f"language={three_letter(track.language)}"]
        # MP4 keeps a track's name as its handler's name (FFmpeg's bit-exact mode would replace it).
        command += [
            f"-metadata:s:a:{number}",
            f"handler_name={TRACK_TITLES[(track.language, track.described)]}",
        ]
        disposition = "default" if number == 0 else "visual_impaired+descriptions" if track.described else "0"
        command += [f"-disposition:a:{number}", disposition]
    command += ["-map_metadata", "-1", "-flags:v", "+bitexact", "-flags:a", "+bitexact"]
    command += ["-movflags", "+faststart", str(out)]
    return command


def build(
    script_path: Path,
    folder: Path | None = None,
    size: tuple[int, int] = (WIDTH, HEIGHT),
    seconds: float | None = None,
) -> tuple[Timeline, Outputs]:
    """Writes the film, its poster and its captions; `folder`, `size` and `seconds` make a quick
    partial build elsewhere (the captions are always whole)."""
    require("espeak-ng", "ffmpeg")
    script = load_script(script_path)
    exhibit = exhibit_folder(script_path, script)
    outputs = outputs_for(script, exhibit, folder)
    timeline = make_timeline(script)
    frames = timeline.frames if seconds is None else min(timeline.frames, round(seconds * FRAMES_PER_SECOND))
    pictures = Frames(list(script.shots), timeline, exhibit, *size)
    outputs.film.parent.mkdir(parents=True, exist_ok=True)
    for language, path in outputs.captions.items():
        path.write_text(timeline.captions(language), encoding="utf-8")
    if not pictures.draw(0).save(str(outputs.poster)):
        raise FilmError(f"could not write {outputs.poster}")
    with tempfile.TemporaryDirectory(prefix="film-") as work:
        tracks = []
        for number, track in enumerate(timeline.tracks):
            tracks.append(Path(work) / f"{number}.wav")
            write_wave(tracks[-1], timeline.track_samples(track, frames), timeline.rate)
        partial = outputs.film.with_name(f".{outputs.film.name}.part.mp4")
        encoder = subprocess.Popen(encoder_arguments(timeline, tracks, size, partial), stdin=subprocess.PIPE)
        assert encoder.stdin is not None
        try:
            for number in range(frames):
                encoder.stdin.write(pictures.rgb(number))
        except BrokenPipeError:
            pass
        finally:
            encoder.stdin.close()
        if encoder.wait() != 0:
            partial.unlink(missing_ok=True)
            raise FilmError(f"FFmpeg could not encode the film (exit status {encoder.returncode})")
        partial.replace(outputs.film)
    return timeline, outputs


def make_timeline(script: FilmScript) -> Timeline:
    speaker = Speaker(script.speed)
    try:
        return plan(script, speaker)
    finally:
        speaker.close()


@dataclass(frozen=True)
class Probed:
    seconds: float
    video: dict[str, Any]
    audio: list[dict[str, Any]]


def probe(film: Path) -> Probed:
    require("ffprobe")
    found = json.loads(
        subprocess.run(
            ["ffprobe", "-v", "error", "-print_format", "json", "-show_format", "-show_streams", str(film)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    streams = found["streams"]
    video = [stream for stream in streams if stream["codec_type"] == "video"]
    return Probed(
        seconds=float(found["format"]["duration"]),
        video=video[0] if video else {},
        audio=[stream for stream in streams if stream["codec_type"] == "audio"],
    )


def expected_tracks(timeline: Timeline) -> list[tuple[str, str]]:
    return [
        (three_letter(track.language), TRACK_TITLES[(track.language, track.described)])
        for track in timeline.tracks
    ]


def check(script_path: Path) -> list[str]:
    """What of the built film no longer matches its script: empty when it is up to date."""
    require("espeak-ng", "ffprobe")
    script = load_script(script_path)
    outputs = outputs_for(script, exhibit_folder(script_path, script))
    timeline = make_timeline(script)
    stale = []
    for language, path in outputs.captions.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != timeline.captions(language):
            stale.append(f"{path}: the captions differ from the script's words or their times")
    if not outputs.poster.is_file():
        stale.append(f"{outputs.poster}: missing")
    if not outputs.film.is_file():
        return [*stale, f"{outputs.film}: missing"]
    film = probe(outputs.film)
    if abs(film.seconds - timeline.seconds) > 2 / FRAMES_PER_SECOND:
        stale.append(
            f"{outputs.film}: {film.seconds:.2f} s long; the script now makes {timeline.seconds:.2f} s"
        )
    tracks = [
        (str(stream.get("tags", {}).get("language")), str(stream.get("tags", {}).get("handler_name")))
        for stream in film.audio
    ]
    if tracks != expected_tracks(timeline):
        stale.append(f"{outputs.film}: audio tracks {tracks}; the script makes {expected_tracks(timeline)}")
    return stale


def track_summary(track: AudioTrack) -> str:
    return TRACK_TITLES[(track.language, track.described)]

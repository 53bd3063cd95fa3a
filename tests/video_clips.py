"""Tiny films for tests, encoded with PyAV (the kiosk's own FFmpeg) in a moment: never kept in the repo.

`make_clip(path)` writes a 2 s 320x180 H.264 film at 25 fps with a 440 Hz tone in AAC, in MP4;
every part can be changed: the length of picture and of sound, the codecs, the audio tracks and
their languages, embedded subtitles.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np

#: Encoders for the containers the tests write (PyAV's names).
_AUDIO_ENCODERS = {"aac": "aac", "opus": "libopus", "mp3": "libmp3lame", "vorbis": "libvorbis"}


@dataclass(frozen=True)
class Track:
    """One audio track: its language as the file writes it ("eng", "rus") and its length."""

    language: str = "eng"
    seconds: float | None = None
    codec: str = "aac"
    pitch: float = 440.0


def make_clip(
    path: Path,
    *,
    seconds: float = 2.0,
    width: int = 320,
    height: int = 180,
    fps: int = 25,
    video_codec: str = "libx264",
    tracks: Sequence[Track] = (Track(),),
    subtitles: Sequence[str] = (),
    subtitle_cues: str = "00:00.000 --> 00:01.000\nEmbedded words.\n",
    faststart: bool = False,
) -> Path:
    """A film at `path` (its container from the suffix): `seconds` of picture, each track's sound.

    `subtitles`: languages of embedded WebVTT subtitle tracks (Matroska or WebM), each with the cues
    of `subtitle_cues`, written as in a WebVTT file.
    `faststart`: an MP4's index before its data, as `-movflags +faststart` writes it for streaming.
    """
    sources = [_subtitle_source(path, language, subtitle_cues) for language in subtitles]
    with av.open(str(path), "w", options={"movflags": "faststart"} if faststart else {}) as output:
        video = output.add_stream(video_codec, rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        if video_codec == "libx264":
            video.options = {"preset": "ultrafast"}
        audio_streams = []
        for track in tracks:
            encoder = _AUDIO_ENCODERS.get(track.codec, track.codec)
            stream = output.add_stream(encoder, rate=48000)
            stream.layout = "stereo"
            stream.metadata["language"] = track.language
            audio_streams.append((stream, track))
        subtitle_streams = []
        for source, language in zip(sources, subtitles, strict=True):
            subtitle = output.add_stream_from_template(source.streams.subtitles[0])
            subtitle.metadata["language"] = language
            subtitle_streams.append((source, subtitle))
        _write_picture(output, video, seconds, width, height, fps)
        for stream, track in audio_streams:
            _write_tone(output, stream, track.seconds if track.seconds is not None else seconds, track.pitch)
        for source, subtitle in subtitle_streams:
            with source:
                for packet in source.demux(source.streams.subtitles[0]):
                    if packet.dts is not None:
                        packet.stream = subtitle
                        output.mux(packet)
    return path


def _subtitle_source(path: Path, language: str, text: str) -> av.container.InputContainer:
    cues = path.with_name(f"{path.stem}.embedded.{language}.vtt")
    cues.write_text(f"WEBVTT\n\n{text}", encoding="utf-8")
    return av.open(str(cues))


def _write_picture(
    output: av.container.OutputContainer,
    stream: av.VideoStream,
    seconds: float,
    width: int,
    height: int,
    fps: int,
) -> None:
    for number in range(round(seconds * fps)):
        shade = (number * 7) % 256
        frame = av.VideoFrame.from_ndarray(np.full((height, width, 3), shade, np.uint8), format="rgb24")
        frame.pts = number
        for packet in stream.encode(frame):
            output.mux(packet)
    for packet in stream.encode():
        output.mux(packet)


def _write_tone(
    output: av.container.OutputContainer, stream: av.AudioStream, seconds: float, pitch: float
) -> None:
    rate = 48000
    size = stream.codec_context.frame_size or 1024
    total = round(seconds * rate)
    for start in range(0, total, size):
        count = min(size, total - start)
        times = np.arange(start, start + count) / rate
        wave = (0.2 * np.sin(2 * np.pi * pitch * times)).astype(np.float32)
        if count < size and stream.codec_context.name != "vorbis":
            wave = np.pad(wave, (0, size - count))
        frame = av.AudioFrame.from_ndarray(np.stack([wave, wave]), format="fltp", layout="stereo")
        frame.sample_rate = rate
        frame.pts = start
        for packet in stream.encode(frame):
            output.mux(packet)
    for packet in stream.encode():
        output.mux(packet)


def make_sound(path: Path, seconds: float = 2.0, codec: str = "opus", pitch: float = 550.0) -> Path:
    """A sound file of a tone, `seconds` long (its container from the suffix: .opus, .ogg, .m4a)."""
    with av.open(str(path), "w", format="ogg" if path.suffix in (".ogg", ".opus") else None) as output:
        stream = output.add_stream(_AUDIO_ENCODERS.get(codec, codec), rate=48000)
        stream.layout = "stereo"
        _write_tone(output, stream, seconds, pitch)
    return path

"""The film's time: each shot's speech in every language, where it falls, the soundtracks and the
captions. Only eSpeak NG runs here; nothing is drawn or encoded."""

import array
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

from tools.film.script import FilmScript
from tools.narrate import pieces_of, speak, webvtt

FRAMES_PER_SECOND = 30
#: From a shot's first frame (mid-way through the cross-fade into it) to its description.
LEAD_S = 0.5
#: After the longest description of a shot, before its narration.
DESCRIPTION_GAP_S = 0.5
#: After the longest narration of a shot, before the next shot.
TAIL_S = 0.7
#: Quieter than this is silence: eSpeak NG's lead-in and its trailing pause are cut to a short margin.
SILENCE_LEVEL = 250
MARGIN_S = 0.05
#: The last shot is held this much longer, and fades to black over it.
END_S = 1.5
CROSSFADE_S = 0.8
CREDIT = {
    "en": "Narration of the film, read by a synthetic voice (eSpeak NG, {voice}); made by tools/film",
    "ru": "Текст фильма читает синтезатор речи (eSpeak NG, {voice}); сделано tools/film",
}


@dataclass(frozen=True)
class Sound:
    """Mono 16-bit samples at `rate` a second."""

    samples: bytes
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.samples) / 2 / self.rate


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Placed:
    """A sound placed at `start` seconds into the film."""

    start: float
    sound: Sound


@dataclass(frozen=True)
class ShotTime:
    start: float
    end: float


@dataclass(frozen=True)
class AudioTrack:
    language: str
    described: bool
    sounds: tuple[Placed, ...]


@dataclass(frozen=True)
class Timeline:
    shots: tuple[ShotTime, ...]
    frames: int
    rate: int
    tracks: tuple[AudioTrack, ...]
    cues: dict[str, tuple[Cue, ...]]
    voices: dict[str, str]

    @property
    def seconds(self) -> float:
        return self.frames / FRAMES_PER_SECOND

    def captions(self, language: str) -> str:
        cues = [(cue.start, cue.end, cue.text) for cue in self.cues[language]]
        return webvtt(cues, CREDIT[language].format(voice=self.voices[language])) + "\n"

    def track_samples(self, track: AudioTrack, frames: int | None = None) -> bytes:
        """The track's whole soundtrack, as long as the film (or its first `frames` frames)."""
        length = round((self.frames if frames is None else frames) * self.rate / FRAMES_PER_SECOND) * 2
        samples = bytearray(length)
        for placed in track.sounds:
            at = round(placed.start * self.rate) * 2
            piece = placed.sound.samples[: max(0, length - at)]
            samples[at : at + len(piece)] = piece
        return bytes(samples)


class Speaker:
    """eSpeak NG, saying each text once however often it is asked."""

    def __init__(self, speed: int) -> None:
        self.speed = speed
        self._said: dict[tuple[str, str, str], Sound] = {}
        self._folder = tempfile.TemporaryDirectory(prefix="film-speech-")

    def close(self) -> None:
        self._folder.cleanup()

    def say(self, text: str, voice: str, language: str) -> Sound:
        key = (text, voice, language)
        if key not in self._said:
            path = Path(self._folder.name) / f"{len(self._said)}.wav"
            speak(text, path, voice, self.speed, language)
            with wave.open(str(path), "rb") as sound:
                if sound.getnchannels() != 1 or sound.getsampwidth() != 2:
                    raise ValueError(f"eSpeak NG wrote {path} in a form other than mono 16-bit")
                self._said[key] = trimmed(Sound(sound.readframes(sound.getnframes()), sound.getframerate()))
        return self._said[key]


def trimmed(sound: Sound) -> Sound:
    """The sound without the silence eSpeak NG puts before and after the words, bar a margin."""
    samples = array.array("h", sound.samples)
    if sys.byteorder == "big":
        samples.byteswap()
    loud = [index for index, value in enumerate(samples) if abs(value) > SILENCE_LEVEL]
    if not loud:
        return sound
    margin = round(MARGIN_S * sound.rate)
    start, end = max(0, loud[0] - margin), min(len(samples), loud[-1] + 1 + margin)
    return Sound(sound.samples[start * 2 : end * 2], sound.rate)


def plan(script: FilmScript, speaker: Speaker) -> Timeline:
    languages = script.languages
    shots: list[ShotTime] = []
    plain: dict[str, list[Placed]] = {language: [] for language in languages}
    described: dict[str, list[Placed]] = {language: [] for language in languages}
    cues: dict[str, list[Cue]] = {language: [] for language in languages}
    rates: set[int] = set()
    start = 0.0
    for shot in script.shots:
        descriptions = {
            language: speaker.say(shot.description[language], script.voices.description[language], language)
            for language in languages
        }
        narration_at = (
            start + LEAD_S + max(sound.seconds for sound in descriptions.values()) + DESCRIPTION_GAP_S
        )
        longest = 0.0
        for language in languages:
            described[language].append(Placed(start + LEAD_S, descriptions[language]))
            at = narration_at
            for index, piece in enumerate(pieces := pieces_of(shot.words[language])):
                sound = speaker.say(piece.text, script.voices.narration[language], language)
                rates.add(sound.rate)
                placed = Placed(at, sound)
                plain[language].append(placed)
                described[language].append(placed)
                cues[language].append(Cue(at, at + sound.seconds, piece.text))
                at += sound.seconds + (piece.pause_after if index < len(pieces) - 1 else 0.0)
            longest = max(longest, at - narration_at)
        end = narration_at + longest + TAIL_S
        shots.append(ShotTime(start, end))
        start = end
    rates.update(sound.rate for placed in described.values() for sound in (p.sound for p in placed))
    if len(rates) != 1:
        raise ValueError(f"eSpeak NG spoke at several sample rates: {sorted(rates)}")
    frames = round((start + END_S) * FRAMES_PER_SECOND)
    shots[-1] = ShotTime(shots[-1].start, frames / FRAMES_PER_SECOND)
    tracks = [AudioTrack(language, False, tuple(plain[language])) for language in languages]
    tracks += [AudioTrack(language, True, tuple(described[language])) for language in languages]
    return Timeline(
        shots=tuple(shots),
        frames=frames,
        rate=rates.pop(),
        tracks=tuple(tracks),
        cues={language: tuple(found) for language, found in cues.items()},
        voices=dict(script.voices.narration),
    )

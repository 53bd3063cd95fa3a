"""Makes a narration in the repository: a text read by a synthetic voice, with captions timed to it.

The voice is eSpeak NG (GPL-3.0, from Debian), the sound Ogg Opus at speech quality, a few
kilobytes a second. Each caption is synthesized on its own and the pieces joined with pauses, so
every cue's times are where its words are in the sound, not an estimate.

    python -m tools.narrate panel exhibits/recognition-1933/sections/negotiations.yaml 0 \\
        exhibits/recognition-1933/media/narration-quiet-first-steps
    python -m tools.narrate text "Words to read." kiosk/templates/new_exhibit/media/example-narration
    python -m tools.narrate --language ru panel exhibits/recognition-1933/sections/negotiations.yaml 0 \
        exhibits/recognition-1933/media/narration-quiet-first-steps-ru

The first reads a panel's title and its body (or intro) word for word; the second reads the text
given; the third reads the panel's Russian text in eSpeak NG's Russian voice. Each writes OUT.opus
and OUT.vtt and prints the narration: to paste into the panel (under the language's code, when the
panel has a narration per language). The captions keep the words as written; only what the voice
says may differ (SPOKEN: "Jr." is read "Junior", "1933 г." is read "1933 года").

Needs espeak-ng and opus-tools: apt-get install espeak-ng opus-tools
"""

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.captions import MAX_CUE_CHARACTERS, format_time
from kiosk.content.house_rules import split_sentences
from kiosk.content.markdown import plain_text
from kiosk.content.yaml_source import read_yaml

#: The eSpeak NG voice for each language a narration can be made in.
VOICES = {"en": "en-us", "ru": "ru"}
LANGUAGE = "en"
VOICE = VOICES[LANGUAGE]
WORDS_PER_MINUTE = 145
#: Opus at this bitrate is plain speech, about 2.5 KB a second.
BITRATE_KBPS = 20
#: Silence between the pieces: within a sentence, between sentences, between paragraphs.
PAUSE_S = {"clause": 0.25, "sentence": 0.45, "paragraph": 0.8}
#: A caption longer than this is split at a comma or a semicolon, so each shows whole and large.
CAPTION_CHARACTERS = 120
#: Written forms the voice reads wrongly, and what it should say; the captions keep the written form.
SPOKEN = {
    "en": {
        r"\bJr\.": "Junior",
        r"\bU\.S\.": "U S",
        r"\bvol\.": "volume",
        r"\bdoc\.": "document",
    },
    "ru": {
        r"(\d)\s*гг\.": r"\1 годы",
        r"(\d)\s*г\.": r"\1 года",
        r"\bт\.\s*е\.": "то есть",
        r"\bт\.\s*д\.": "так далее",
        r"\bг-н\b": "господин",
        r"\bСША\b": "Соединённые Штаты",
    },
}
#: The credit, in every language the exhibit may show it in.
CREDIT = {
    "en": "Synthetic voice (eSpeak NG, {voice}){reading}; made by tools/narrate.py",
    "ru": "Синтезированный голос (eSpeak NG, {voice}){reading}; сделано tools/narrate.py",
}
READING = {"en": ", reading the panel's text", "ru": ", читает текст панели"}


@dataclass(frozen=True)
class Piece:
    text: str
    pause_after: float


class NarrateError(Exception):
    pass


def pieces_of(text: str) -> list[Piece]:
    """The text as captions: sentences, long ones split at a comma, with the pause after each."""
    pieces: list[Piece] = []
    for paragraph in [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]:
        for sentence in split_sentences(paragraph):
            clauses = _clauses(" ".join(plain_text(sentence).split()))
            for index, clause in enumerate(clauses):
                pause = PAUSE_S["clause"] if index < len(clauses) - 1 else PAUSE_S["sentence"]
                pieces.append(Piece(clause, pause))
        if pieces:
            pieces[-1] = Piece(pieces[-1].text, PAUSE_S["paragraph"])
    return pieces


def _clauses(sentence: str) -> list[str]:
    if len(sentence) <= CAPTION_CHARACTERS:
        return [sentence]
    breaks = [match.end() for match in re.finditer(r"[,;:—] ?", sentence)]
    middle = len(sentence) / 2
    usable = [at for at in breaks if 15 <= at <= len(sentence) - 15]
    if usable:
        at = min(usable, key=lambda position: abs(position - middle))
    else:
        at = sentence.rfind(" ", 0, int(middle) + 10)
        if at <= 0:
            return [sentence]
    return [*_clauses(sentence[:at].strip()), *_clauses(sentence[at:].strip())]


def spoken(text: str, language: str = LANGUAGE) -> str:
    for written, said in SPOKEN.get(language, {}).items():
        text = re.sub(written, said, text)
    return text


def synthesize(
    pieces: list[Piece], out: Path, voice: str, speed: int, language: str = LANGUAGE
) -> list[tuple[float, float, str]]:
    """Writes out.opus; returns each piece's start and end in seconds, and its text."""
    for tool in ("espeak-ng", "opusenc"):
        if shutil.which(tool) is None:
            raise NarrateError(f"{tool} is not installed: apt-get install espeak-ng opus-tools")
    cues = []
    with tempfile.TemporaryDirectory() as folder:
        frames = bytearray()
        rate = width = 0
        for number, piece in enumerate(pieces):
            part = Path(folder) / f"{number}.wav"
            subprocess.run(
                ["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(part), "--stdin"],
                input=spoken(piece.text, language).encode("utf-8"),
                check=True,
            )
            with wave.open(str(part), "rb") as sound:
                rate, width = sound.getframerate(), sound.getsampwidth()
                start = len(frames) / (rate * width)
                frames += sound.readframes(sound.getnframes())
            cues.append((start, len(frames) / (rate * width), piece.text))
            frames += bytes(width * round(rate * piece.pause_after))
        whole = Path(folder) / "whole.wav"
        with wave.open(str(whole), "wb") as sound:
            sound.setnchannels(1)
            sound.setsampwidth(width)
            sound.setframerate(rate)
            sound.writeframes(bytes(frames))
        subprocess.run(
            ["opusenc", "--quiet", "--speech", "--bitrate", str(BITRATE_KBPS), str(whole), str(out)],
            check=True,
        )
    return cues


def webvtt(cues: list[tuple[float, float, str]], credit: str) -> str:
    lines = ["WEBVTT", "", "NOTE", credit, ""]
    for number, (start, end, text) in enumerate(cues, start=1):
        if len(text) > MAX_CUE_CHARACTERS:
            raise NarrateError(f"a caption is longer than {MAX_CUE_CHARACTERS} characters: {text!r}")
        lines += [str(number), f"{_vtt_time(start)} --> {_vtt_time(end)}", text, ""]
    return "\n".join(lines)


def _vtt_time(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    shown = f"{minutes:02d}:{millis // 1000:02d}.{millis % 1000:03d}"
    return f"{hours:02d}:{shown}" if hours else shown


def panel_text(section_file: Path, index: int, language: str = LANGUAGE) -> str:
    """The panel's title and body (or intro, or text) in `language`: its own map entry, or plain text."""
    panels = read_yaml(section_file).data["panels"]
    if not 0 <= index < len(panels):
        raise NarrateError(f"{section_file} has {len(panels)} panels, counted from 0")
    panel = panels[index]
    title = _in_language(panel.get("title"), language)
    words = next(
        (text for key in ("body", "intro", "text") if (text := _in_language(panel.get(key), language))), None
    )
    if title is None or words is None:
        raise NarrateError(f"the panel needs a title and a body, intro or text in '{language}'")
    return f"{title}.\n\n{words}"


def _in_language(value: object, language: str) -> str | None:
    if isinstance(value, dict):
        value = value.get(language)
    return value if isinstance(value, str) and value.strip() else None


def credit_for(voice: str, reads_panel: bool) -> dict[str, str]:
    return {
        language: credit.format(voice=voice, reading=READING[language] if reads_panel else "")
        for language, credit in CREDIT.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.narrate", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--language",
        default=LANGUAGE,
        choices=sorted(VOICES),
        help=f"the language read: the panel's text in it, and its voice (default {LANGUAGE})",
    )
    parser.add_argument("--voice", help="an eSpeak NG voice (default: the language's, such as en-us or ru)")
    parser.add_argument("--speed", type=int, default=WORDS_PER_MINUTE, help="words per minute")
    what = parser.add_subparsers(dest="what", required=True)
    panel = what.add_parser("panel", help="read a panel's title and text")
    panel.add_argument("section_file", type=Path)
    panel.add_argument("index", type=int, help="which panel, counting from 0")
    panel.add_argument("out", type=Path, help="where to write, without .opus or .vtt")
    text = what.add_parser("text", help="read the text given")
    text.add_argument("words")
    text.add_argument("out", type=Path, help="where to write, without .opus or .vtt")
    arguments = parser.parse_args(argv)
    language = arguments.language
    voice = arguments.voice or VOICES[language]
    try:
        words = (
            panel_text(arguments.section_file, arguments.index, language)
            if arguments.what == "panel"
            else arguments.words
        )
        credit = credit_for(voice, reads_panel=arguments.what == "panel")
        audio = arguments.out.with_suffix(".opus")
        cues = synthesize(pieces_of(words), audio, voice, arguments.speed, language)
        captions = arguments.out.with_suffix(".vtt")
        captions.write_text(webvtt(cues, credit[language]), encoding="utf-8")
    except (NarrateError, subprocess.CalledProcessError, OSError) as error:
        print(f"narrate: {error}", file=sys.stderr)
        return 1
    credits = "".join(f"\n          {code}: {text}" for code, text in credit.items())
    print(
        f"narrate: {len(cues)} captions, {format_time(cues[-1][1])}, {audio.stat().st_size // 1024} KB\n"
        f"    narration:\n      {language}:\n        audio: {_as_written(audio)}\n"
        f"        captions: {_as_written(captions)}\n        credit:{credits}"
    )
    return 0


def _as_written(path: Path) -> str:
    """The path as the exhibit's YAML gives it: from the exhibit folder, found upwards by its exhibit.yaml."""
    path = path.resolve()
    for folder in path.parents:
        if (folder / "exhibit.yaml").is_file() or folder.name == "new_exhibit":
            return path.relative_to(folder).as_posix()
    return path.name


if __name__ == "__main__":
    sys.exit(main())

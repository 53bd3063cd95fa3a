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
panel has a narration per language). The captions keep the words as written, digits and all, and a
glossary mark shows only its words; only what the voice says may differ (SPOKEN: "Jr." is read
"Junior"). The Russian voice gets every number written out in words, in the case the sentence
needs, because eSpeak NG reads digits in the nominative whatever surrounds them: "16 ноября 1933 г."
is said "шестнадцатого ноября тысяча девятьсот тридцать третьего года", "в 1933 г." "в тысяча
девятьсот тридцать третьем году", "150 млн долл." "сто пятьдесят миллионов долларов"
(russian_numbers_in_words, with num2words for the words).

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

from num2words import num2words

from kiosk.content.captions import MAX_CUE_CHARACTERS, format_time
from kiosk.content.dates import MONTHS_AFTER_DAY
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


#: A glossary mark, `[[words as shown|term-id]]`: the captions show, and the voice says, the words.
GLOSSARY_MARK = re.compile(r"\[\[([^|\]]+)\|[^\]]*\]\]")


def pieces_of(text: str) -> list[Piece]:
    """The text as captions: sentences, long ones split at a comma, with the pause after each."""
    pieces: list[Piece] = []
    text = GLOSSARY_MARK.sub(r"\1", text)
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
    if language == "ru":
        text = russian_numbers_in_words(text)
    return text


# Russian numbers in words. A case is num2words' letter: n(ominative), g(enitive), d(ative),
# a(ccusative), i(nstrumental), p(repositional). A number's case is the one its preposition asks
# for; a date's day and a year with «г.» are read as ordinals ("the 16th of November of the
# 1933rd year"), as Russian says them.
_CYRILLIC = "А-Яа-яЁё"
#: The case a preposition gives a year or a day of the month ("в 1933 г.", "к 16 ноября").
DATE_CASE = {
    **dict.fromkeys(
        [
            "с",
            "со",
            "от",
            "до",
            "из",
            "около",
            "после",
            "без",
            "для",
            "у",
            "против",
            "среди",
            "более",
            "менее",
            "свыше",
        ],
        "g",
    ),
    **dict.fromkeys(["к", "ко"], "d"),
    **dict.fromkeys(["в", "во", "о", "об", "при"], "p"),
    **dict.fromkeys(["на", "за", "про", "через", "по"], "a"),
}
#: The case a preposition gives a count or a sum ("от 75 до 150 млн", "на 30 млн").
COUNT_CASE = {
    **DATE_CASE,
    **dict.fromkeys(["в", "во", "на", "за", "про", "через", "по"], "a"),
    "о": "p",
    "об": "p",
}
#: «год» after a year in each case, one year and several («1918–1920 гг.»).
YEAR_WORD = {
    "n": ("год", "годы"),
    "g": ("года", "годов"),
    "d": ("году", "годам"),
    "a": ("год", "годы"),
    "i": ("годом", "годами"),
    "p": ("году", "годах"),
}
#: What a written year word says of the case, where the text spells it out.
CASE_OF_YEAR_WORD = {"года": "g", "годов": "g", "году": "d", "годам": "d", "годом": "i", "годах": "p"}
#: «миллион», «миллиард» after a count: one, two to four, and five or more, in each case.
_MILLION_ENDINGS = {
    "n": ("", "а", "ов"),
    "g": ("а", "ов", "ов"),
    "d": ("у", "ам", "ам"),
    "a": ("", "а", "ов"),
    "i": ("ом", "ами", "ами"),
    "p": ("е", "ах", "ах"),
}
#: An ordinal's written ending («27-е», «16-го») and the case and gender it stands for.
ORDINAL_ENDINGS = {
    "е": ("n", "n"),
    "й": ("n", "m"),
    "я": ("n", "f"),
    "го": ("g", "m"),
    "му": ("d", "m"),
    "м": ("p", "m"),
    "ю": ("a", "f"),
}
_NUMBER = r"\d{1,3}(?:[ \u00a0]\d{3})+|\d+"
_PREPOSITION = rf"(?:(?<![{_CYRILLIC}])(?P<preposition>[{_CYRILLIC}]+)\s+)?"
_TIME = re.compile(r"(?<![\d:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")
_DATE = re.compile(
    _PREPOSITION + rf"(?P<day>[12]?\d|3[01])\s+(?P<month>{'|'.join(MONTHS_AFTER_DAY['ru'])})"
    rf"(?:\s+(?P<year>\d{{4}})(?:\s*(?:г\.|года)(?![{_CYRILLIC}]))?)?"
)
_YEAR = re.compile(
    _PREPOSITION + r"(?P<year>1\d{3}|20\d{2})(?!\d)"
    rf"(?P<word>\s*(?:гг\.|г\.|(?:годами|годам|годах|годов|годом|годы|году|года|год)(?![{_CYRILLIC}])))?"
)
#: A year that a later one finishes: «с 1934 по 1999 г.», «в 1934 и 1935 гг.», «1918–1920 гг.».
_YEAR_GOES_ON = re.compile(rf"\s*(?:[–—-]|(?:и|по|до)(?![{_CYRILLIC}]))\s*\d{{4}}")
_SUM = re.compile(
    _PREPOSITION + rf"(?P<count>{_NUMBER})\s*(?P<scale>млн|млрд)(?![{_CYRILLIC}])\.?"
    rf"(?P<dollars>\s*(?:долл\.|долларов(?![{_CYRILLIC}])))?"
)
_ORDINAL = re.compile(
    rf"(?P<number>\d+)-(?P<ending>{'|'.join(sorted(ORDINAL_ENDINGS, key=len, reverse=True))})(?![{_CYRILLIC}])"
)
_COUNT = re.compile(_PREPOSITION + rf"(?P<count>{_NUMBER})(?![\d])")


def russian_numbers_in_words(text: str) -> str:
    """The text with its numbers, dates, years and sums written out in words, in their case."""
    text = _TIME.sub(lambda match: f"{_cardinal(int(match[1]), 'n')} {_minutes(int(match[2]))}", text)
    text = _DATE.sub(_date_in_words, text)
    text = _years_in_words(text)
    text = _SUM.sub(_sum_in_words, text)
    text = _ORDINAL.sub(_ordinal_in_words, text)
    return _COUNT.sub(_count_in_words, text)


def _with_preposition(match: re.Match[str], words: str) -> str:
    preposition = match["preposition"]
    return f"{preposition} {words}" if preposition else words


def _case(match: re.Match[str], cases: dict[str, str], default: str) -> str:
    preposition = match["preposition"]
    return cases.get(preposition.lower(), default) if preposition else default


def _ordinal(number: int, case: str, gender: str = "m", plural: bool = False) -> str:
    return str(
        num2words(number, lang="ru", to="ordinal", case=case, gender=gender, plural=plural, animate=False)
    )


def _cardinal(number: int, case: str, gender: str = "m") -> str:
    return str(num2words(number, lang="ru", case=case, gender=gender, animate=False))


def _minutes(minutes: int) -> str:
    return "ноль ноль" if minutes == 0 else ("ноль " if minutes < 10 else "") + _cardinal(minutes, "n", "f")


def _date_in_words(match: re.Match[str]) -> str:
    words = f"{_ordinal(int(match['day']), _case(match, DATE_CASE, 'g'), 'n')} {match['month']}"
    if match["year"]:
        words += f" {_ordinal(int(match['year']), 'g')} года"
    return _with_preposition(match, words)


def _years_in_words(text: str) -> str:
    """Each year in words; a year joined to the one before («в 1934 и 1935 гг.», «в 1934–1935 гг.») takes its case."""
    said: list[str] = []
    last, previous_case = 0, None
    for match in _YEAR.finditer(text):
        between = text[last : match.start()].strip()
        joined = (match["preposition"] == "и" and not between) or (
            match["preposition"] is None and between in ("–", "—", "-")
        )
        said += [text[last : match.start()], _year_in_words(match, previous_case if joined else None)]
        previous_case = previous_case if joined else _year_case(match)
        last = match.end()
    return "".join([*said, text[last:]])


def _year_case(match: re.Match[str]) -> str:
    return CASE_OF_YEAR_WORD.get((match["word"] or "").strip()) or _case(match, DATE_CASE, "g")


def _year_in_words(match: re.Match[str], joined_case: str | None = None) -> str:
    written = (match["word"] or "").strip()
    case = joined_case or CASE_OF_YEAR_WORD.get(written) or _case(match, DATE_CASE, "g")
    if written in ("году", "годам") and case == "d" and _case(match, DATE_CASE, "") == "p":
        case = "p"  # «в 1933 году»: the same word as the dative, in the prepositional
    if written in ("год", "годы") and not match["preposition"]:
        case = "n"
    words = _ordinal(int(match["year"]), case)
    several = written in ("гг.", "годы", "годов", "годам", "годами", "годах")
    goes_on = _YEAR_GOES_ON.match(match.string, match.end()) is not None
    if written or not goes_on:
        words += " " + YEAR_WORD[case][1 if several else 0]
    return _with_preposition(match, words)


def _sum_in_words(match: re.Match[str]) -> str:
    count = int(re.sub(r"\D", "", match["count"]))
    case = _case(match, COUNT_CASE, "n")
    last_two, last = count % 100, count % 10
    form = 0 if last == 1 and last_two != 11 else 1 if 2 <= last <= 4 and not 12 <= last_two <= 14 else 2
    scale = {"млн": "миллион", "млрд": "миллиард"}[match["scale"]] + _MILLION_ENDINGS[case][form]
    words = f"{_cardinal(count, case)} {scale}" + (" долларов" if match["dollars"] else "")
    return _with_preposition(match, words)


def _ordinal_in_words(match: re.Match[str]) -> str:
    case, gender = ORDINAL_ENDINGS[match["ending"]]
    return _ordinal(int(match["number"]), case, gender)


def _count_in_words(match: re.Match[str]) -> str:
    count = int(re.sub(r"\D", "", match["count"]))
    return _with_preposition(match, _cardinal(count, _case(match, COUNT_CASE, "n")))


def speak(text: str, out: Path, voice: str, speed: int, language: str = LANGUAGE) -> None:
    """Writes out.wav: eSpeak NG saying the text as `spoken` has it (mono, 16-bit, its own rate)."""
    subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "-w", str(out), "--stdin"],
        input=spoken(text, language).encode("utf-8"),
        check=True,
    )


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
            speak(piece.text, part, voice, speed, language)
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

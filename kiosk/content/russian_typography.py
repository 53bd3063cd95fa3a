"""Russian typesetting a curator can fix in the YAML: non-breaking spaces, dashes and quotation marks.

A Russian text keeps an initial on the line of its surname («М. М. Литвинов»), a number on the line
of what it counts («1933 г.», «100 млн», «с. 812»), and the parts of «т. е.» and «и т. д.»
together: the space between them is a non-breaking one (U+00A0). Words are set apart by a dash
(«—»), not a hyphen; quotations are set in «ёлочки», not straight quotes.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

NBSP = "\u00a0"
#: A space a line may break at: the one the rules ask to replace (a non-breaking or a narrow
#: non-breaking space is already right).
_SPACE = r"[ \t\r\n]+"
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Finding:
    """Where in the text the rule is broken, what stands there, and what to type instead."""

    start: int
    fragment: str
    advice: str


def is_russian(text: str) -> bool:
    """Whether a text is Russian by its letters: a quotation kept in English is not."""
    return len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text))


def _shown(fragment: str) -> str:
    return " ".join(fragment.split())


# An initial (a capital and a full stop, not the end of a word) before another initial or a surname.
_INITIALS = re.compile(
    rf"(?<![\w.])(?:(?:[А-ЯЁ]|Дж)\.(?:{_SPACE}|{NBSP}|\u202f)?)+[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
)
_NUMBER = r"(?<![\d.,])\d+(?:[.,]\d+)?"
_YEAR = re.compile(rf"{_NUMBER}{_SPACE}гг?\.")
_ABBREVIATIONS = re.compile(rf"(?<![\w.])(?:и{_SPACE})?т\.(?:{_SPACE}|{NBSP})?[едп]\.")
_REFERENCE = re.compile(rf"(?<![\w.])(?:(?:т|с|ч|гл|стр|рис)\.|№){_SPACE}(?:[IVXLC]+\b|\d+)")
_NUMBER_UNIT = re.compile(rf"{_NUMBER}{_SPACE}(?:млн|млрд|тыс\.|долл\.|руб\.)")
# A hyphen with a space either side, between two words on one line (a list's "- " starts a line).
_HYPHEN_DASH = re.compile(r"(?<=\S)[ \t]+-{1,2}[ \t]+(?=\S)")
_STRAIGHT_QUOTE = re.compile(r'"([^"\n]*)"|"')


def findings(text: str) -> Iterator[Finding]:
    """Each place a Russian text breaks the rules, in reading order."""
    found: list[Finding] = []
    for match in _INITIALS.finditer(text):
        if re.search(_SPACE, match.group()):
            found.append(
                Finding(
                    match.start(),
                    match.group(),
                    f"«{_shown(match.group())}»: type a non-breaking space (U+00A0) after each initial "
                    "instead of the space, so that the initials stay on the line of the surname",
                )
            )
    # A number and what follows it: «1933 г.», «150 млн», «75 долл.».
    for match in (*_YEAR.finditer(text), *_NUMBER_UNIT.finditer(text)):
        found.append(
            Finding(
                match.start(),
                match.group(),
                f"«{_shown(match.group())}»: type a non-breaking space (U+00A0) between the number and "
                f"«{match.group().split()[-1]}» instead of the space",
            )
        )
    for match in _ABBREVIATIONS.finditer(text):
        if re.search(_SPACE, match.group()) or NBSP not in match.group():
            found.append(
                Finding(
                    match.start(),
                    match.group(),
                    f"«{_shown(match.group())}»: write it with non-breaking spaces (U+00A0) between its "
                    "parts, so that it is not broken over two lines",
                )
            )
    for match in _REFERENCE.finditer(text):
        found.append(
            Finding(
                match.start(),
                match.group(),
                f"«{_shown(match.group())}»: type a non-breaking space (U+00A0) after "
                f"«{match.group().split()[0]}» instead of the space, so that it stays on the line of its number",
            )
        )
    for match in _HYPHEN_DASH.finditer(text):
        before = text[: match.start()].split()[-1].lstrip('(«„"')
        after = text[match.end() :].split()[0].rstrip('.,;:!?)»“"') or text[match.end() :].split()[0]
        written = f"{before} {match.group().strip()} {after}"
        if before[-1].isdigit() and after[0].isdigit():
            advice = f"«{written}»: between numbers type an en dash without spaces: «{before}–{after}»"
        else:
            advice = f"«{written}»: a hyphen between words; type a dash: «{before} — {after}»"
        found.append(Finding(match.start() - len(before), written, advice))
    for match in _STRAIGHT_QUOTE.finditer(text):
        quoted = match.group(1)
        if quoted is None:
            advice = 'a straight quote ("): type Russian quotation marks, «…»'
        elif not _CYRILLIC.search(quoted):
            continue  # words quoted in their own language, such as an English title
        else:
            advice = f"the straight quotes of {_shown(match.group())}: type Russian quotation marks: «{_shown(quoted)}»"
        found.append(Finding(match.start(), match.group(), advice))
    yield from sorted(found, key=lambda finding: finding.start)

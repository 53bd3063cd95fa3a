"""The small, safe Markdown subset allowed in panel text, its rendering to Qt's styled text, and
the check that plain text holds no markup.

Allowed: paragraphs (blank line between), *italic*, **bold**, lists of lines starting "- ", and
terms of the exhibit's glossary marked `[[words as shown|term-id]]` (kiosk.content.glossary).
Everything else (links, images, headings, HTML, code) is refused with a reason, so that no text
can open another program or break the layout. The rendering escapes every character of the text
itself: the only tags in its result are the <b> and <i> it makes, and in a block's `links` the
<a href="term:ID"> of its marked terms, whose ids are the glossary's own (letters, digits, '-').

Every other text a visitor reads (titles, captions, credits, alt texts, transcripts…) is plain
text, shown exactly as written. HTML there would not be interpreted, and a curator who wrote it
meant something else: tags and entities are refused with what to write instead.
"""

import html
import html.entities
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.content.glossary import TERM_LINK_PREFIX, linked_text, shown_text, terms_used

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])")
#: What an HTML reader takes for markup: a tag (closed or not), a comment, a declaration
#: (<!DOCTYPE …>) or a processing instruction (<?…?>). A '<' before a space or a digit is text.
_TAG = re.compile(r"<(?:/?[A-Za-z][^<>]*>?|!--.*?(?:-->|$)|![^<>]*>?|\?[^<>]*>?)", re.DOTALL)
#: Character references: &#60; &#x3C; and named ones such as &lt; and &amp; (only names HTML knows).
_ENTITY = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
#: The longest stretch of markup a message quotes.
_QUOTED = 60


@dataclass(frozen=True, slots=True)
class Markup:
    """A tag or an entity found in text: as written, and where it begins in the text."""

    fragment: str
    offset: int
    is_entity: bool

    @property
    def quoted(self) -> str:
        return self.fragment if len(self.fragment) <= _QUOTED else self.fragment[: _QUOTED - 1] + "…"

    def in_plain_text(self) -> str:
        """Why plain text may not hold it, and what to write instead."""
        if self.is_entity:
            return (
                f"'{self.quoted}' is an HTML entity, and this text is shown exactly as written, never "
                f"as HTML; type the character itself ('{html.unescape(self.fragment)}')"
            )
        return (
            f"'{self.quoted}' is HTML, and this text is shown exactly as written, never as HTML: "
            "visitors would see the tag itself; remove it (*italic* and **bold** work in a body, "
            "intro, context or note)"
        )


def find_markup(text: str) -> Markup | None:
    """The first tag or HTML entity in the text, if it holds any."""
    tag = _TAG.search(text)
    entity = next((match for match in _ENTITY.finditer(text) if _is_entity(match[0])), None)
    found = min((match for match in (tag, entity) if match), key=lambda match: match.start(), default=None)
    if found is None:
        return None
    return Markup(found[0], found.start(), is_entity=found is entity)


def _is_entity(reference: str) -> bool:
    if reference.startswith("&#"):
        return True
    return reference[1:] in html.entities.html5


def _refused_html(text: str) -> str | None:
    markup = find_markup(text)
    if markup is None:
        return None
    if markup.is_entity:
        return (
            f"'{markup.quoted}' is an HTML entity, which text shows as written; "
            f"type the character itself ('{html.unescape(markup.fragment)}')"
        )
    return f"HTML is not allowed in text ('{markup.quoted}'); use *italic* or **bold**"


def _refusing(pattern: str, reason: str, flags: int = 0) -> Callable[[str], str | None]:
    compiled = re.compile(pattern, flags)
    return lambda text: reason if compiled.search(text) else None


#: The checks of the subset, in the order their reasons are given.
_REFUSED: tuple[Callable[[str], str | None], ...] = (
    _refusing(r"!?\[[^\]]*\]\([^)]*\)", "links and images are not allowed in text; use an image panel"),
    _refusing(r"^\s{0,3}#{1,6}\s", "headings are not allowed in text; use the panel title", re.MULTILINE),
    _refused_html,
    _refusing(r"```|^(?: {4}|\t)\S", "code blocks are not allowed; indent lists with '- '", re.MULTILINE),
    _refusing(r"https?://|www\.", "web addresses cannot be followed on a kiosk; name the source instead"),
)


def check_markdown(text: str) -> str | None:
    """Returns why the text is refused, or None when it is within the subset."""
    return next((reason for check in _REFUSED if (reason := check(text)) is not None), None)


def render_blocks(text: str) -> list[dict[str, Any]]:
    """Splits the text into paragraphs and list items, each in the styled text Qt Quick shows.

    A block with marked terms also has `links`, the same styled text with each term a link
    "term:ID" (what a touch on it finds), and `terms`: each term's id and words, in reading order.
    Its `text` shows the terms' words alone, laid out exactly as `links`.
    """
    blocks: list[dict[str, Any]] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            blocks.extend(_block("item", line[2:].strip()) for line in lines)
        else:
            blocks.append(_block("paragraph", " ".join(lines)))
    return blocks


def plain_text(text: str) -> str:
    """The words of the text without markup, as a screen reader or a word count would take them."""
    text = shown_text(text)
    without = _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))
    return re.sub(r"^\s*- ", "", without, flags=re.MULTILINE)


def _block(kind: str, text: str) -> dict[str, Any]:
    escaped = html.escape(text, quote=False)
    block: dict[str, Any] = {"kind": kind, "text": _styled(shown_text(escaped))}
    if marks := terms_used(text):
        block["links"] = _styled(linked_text(escaped, _term_link))
        block["terms"] = [{"id": mark.term, "shown": plain_text(mark.shown)} for mark in marks]
    return block


def _term_link(term: str, shown: str) -> str:
    # `shown` is escaped already, and a term's id is letters, digits and '-' (kiosk.content.glossary).
    return f'<a href="{TERM_LINK_PREFIX}{term}">{shown}</a>'


#: Qt Quick's styled text takes a typed no-break space for a space it may break at (and collapse);
#: written as character references, they keep the words they join on one line.
_NO_BREAK = str.maketrans({"\u00a0": "&nbsp;", "\u202f": "&#8239;"})


def _styled(escaped: str) -> str:
    escaped = _BOLD.sub(r"<b>\1</b>", escaped.translate(_NO_BREAK))
    return _ITALIC.sub(r"<i>\1</i>", escaped)

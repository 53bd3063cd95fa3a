"""The small, safe Markdown subset allowed in panel text, and its rendering to Qt's styled text.

Allowed: paragraphs (blank line between), *italic*, **bold**, and lists of lines starting "- ".
Everything else (links, images, headings, HTML, code) is refused with a reason, so that no text
can open another program or break the layout.
"""

import html
import re

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?![*\w])")
_REFUSED = (
    (re.compile(r"!?\[[^\]]*\]\([^)]*\)"), "links and images are not allowed in text; use an image panel"),
    (re.compile(r"^\s{0,3}#{1,6}\s", re.MULTILINE), "headings are not allowed in text; use the panel title"),
    (re.compile(r"</?[a-zA-Z][^>]*>"), "HTML is not allowed in text; use *italic* or **bold**"),
    (re.compile(r"```|^(?: {4}|\t)\S", re.MULTILINE), "code blocks are not allowed; indent lists with '- '"),
    (re.compile(r"https?://|www\."), "web addresses cannot be followed on a kiosk; name the source instead"),
)


def check_markdown(text: str) -> str | None:
    """Returns why the text is refused, or None when it is within the subset."""
    for pattern, reason in _REFUSED:
        if pattern.search(text):
            return reason
    return None


def render_blocks(text: str) -> list[dict[str, str]]:
    """Splits the text into paragraphs and list items, each in the styled text Qt Quick shows."""
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            blocks.extend({"kind": "item", "text": _inline(line[2:].strip())} for line in lines)
        else:
            blocks.append({"kind": "paragraph", "text": _inline(" ".join(lines))})
    return blocks


def plain_text(text: str) -> str:
    """The words of the text without markup, as a screen reader or a word count would take them."""
    without = _ITALIC.sub(r"\1", _BOLD.sub(r"\1", text))
    return re.sub(r"^\s*- ", "", without, flags=re.MULTILINE)


def _inline(text: str) -> str:
    escaped = html.escape(text, quote=False)
    escaped = _BOLD.sub(r"<b>\1</b>", escaped)
    return _ITALIC.sub(r"<i>\1</i>", escaped)

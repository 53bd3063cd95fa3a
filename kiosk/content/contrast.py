"""Colour contrast as WCAG 2 measures it, and the theme's colour pairs that the views draw.

Every pair below is one the views actually set: text on a background, or a control's outline
against what surrounds it. `theme_shortfalls` lists the pairs of a theme, and of its
high-contrast palette (shown with larger text), whose contrast is below what WCAG 2.2 asks for.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.content.bounds import PALETTE_KEYS

#: WCAG 1.4.3 Contrast (Minimum), level AA: text against its background.
TEXT_CONTRAST = 4.5
#: WCAG 1.4.6 Contrast (Enhanced), level AAA: asked of body text in the high-contrast palette.
ENHANCED_CONTRAST = 7.0
#: WCAG 1.4.11 Non-text Contrast, level AA: what shows where a control is, against its surroundings.
BOUNDARY_CONTRAST = 3.0

#: The phrases of a letter that have a note are marked by the side's accent laid over the card at
#: these strengths (LetterText.qml); the letter's ink stays on them.
HIGHLIGHT_STRENGTHS = (0.16, 0.34)


@dataclass(frozen=True)
class ColourPair:
    """Two theme colours the views draw one on the other, what is drawn so, and the least contrast."""

    foreground: str
    background: str
    use: str
    minimum: float


#: Text on a background. The ratio is the same either way round: paper on ink is ink on paper,
#: which also covers the prominent buttons (Next), drawn in paper on ink.
TEXT_PAIRS = (
    ColourPair("ink", "paper", "titles and body text", TEXT_CONTRAST),
    ColourPair("ink_soft", "paper", "credits, kickers and the panel counter", TEXT_CONTRAST),
    ColourPair("ink", "card", "section tiles, buttons, people cards and letters", TEXT_CONTRAST),
    ColourPair("ink_soft", "card", "teasers and notes on people cards", TEXT_CONTRAST),
    ColourPair("paper_shade", "ink", "captions and attributions in the attract loop", TEXT_CONTRAST),
    ColourPair("rule", "ink", "credits in the attract loop", TEXT_CONTRAST),
)
#: What shows where a control is: the outline of buttons, letters' buttons, tiles and cards,
#: against the page around them. (Their own fill, card, is close to the page by design.)
BOUNDARY_PAIRS = (ColourPair("rule", "paper", "the outline of buttons and cards", BOUNDARY_CONTRAST),)
#: In the high-contrast palette, shown to visitors who asked for larger text: body text is held
#: to the enhanced level. The attract loop never shows it (the options end with the visit).
HIGH_CONTRAST_PAIRS = (
    ColourPair("ink", "paper", "body text with larger text and high contrast", ENHANCED_CONTRAST),
    ColourPair("ink", "card", "letters and cards with larger text and high contrast", ENHANCED_CONTRAST),
    ColourPair(
        "ink", "paper_shade", "text on shaded panels with larger text and high contrast", ENHANCED_CONTRAST
    ),
    ColourPair(
        "ink_soft", "paper", "teasers and credits with larger text and high contrast", ENHANCED_CONTRAST
    ),
    ColourPair("ink_soft", "card", "notes on cards with larger text and high contrast", ENHANCED_CONTRAST),
    *BOUNDARY_PAIRS,
)
#: Each accent is set as text on these: kickers, years and section numbers on the page, numbers
#: on section tiles and dates on people cards.
ACCENT_BACKGROUNDS = (
    ("paper", "kickers, years and section numbers"),
    ("card", "numbers on section tiles and dates on people cards"),
)

#: The high-contrast palette when the exhibit does not give its own: white paper, black ink, a
#: rule dark enough to outline controls; accents are the exhibit's own, darkened (`darkened`).
DEFAULT_HIGH_CONTRAST = {
    "paper": "#FFFFFF",
    "paper_shade": "#E8E8E8",
    "card": "#FFFFFF",
    "ink": "#000000",
    "ink_soft": "#2B2B2B",
    "rule": "#595959",
}


@dataclass(frozen=True)
class Shortfall:
    """A pair of a theme's colours below the contrast it needs."""

    #: Where in the theme each colour is set, e.g. ("high_contrast", "ink_soft") or ("accents", "us").
    foreground_key: tuple[str, ...]
    background_key: tuple[str, ...]
    message: str


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a #RRGGBB colour: 0 for black to 1 for white."""
    red, green, blue = (_linear(channel) for channel in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2's contrast ratio of two #RRGGBB colours, 1 to 21; the same either way round."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blend(over: str, under: str, alpha: float) -> str:
    """`over` laid on `under` at `alpha` (0 to 1), as Qt.tint draws it, as #RRGGBB."""
    mixed = (
        round(top * alpha + bottom * (1 - alpha))
        for top, bottom in zip(_channels(over), _channels(under), strict=True)
    )
    return "#{:02X}{:02X}{:02X}".format(*mixed)


def darkened(colour: str, background: str, ratio: float) -> str:
    """`colour` made darker, keeping its hue, until it stands out from `background` by `ratio`."""
    if contrast_ratio(colour, background) >= ratio:
        return colour
    channels = _channels(colour)
    for step in range(100, -1, -1):
        candidate = "#{:02X}{:02X}{:02X}".format(*(round(value * step / 100) for value in channels))
        if contrast_ratio(candidate, background) >= ratio:
            return candidate
    return "#000000"


def high_contrast_palette(theme: Mapping[str, Any]) -> dict[str, Any]:
    """The palette shown with larger text: the theme's `high_contrast`, its gaps filled.

    `theme` is a theme as the YAML has it (Theme.model_dump()). Colours the exhibit leaves out
    are the defaults above; accents it leaves out are its own, darkened to 7:1 on the paper.
    """
    given = dict(theme.get("high_contrast") or {})
    palette: dict[str, Any] = {key: given.get(key) or DEFAULT_HIGH_CONTRAST[key] for key in PALETTE_KEYS}
    own_accents = given.get("accents") or {}
    palette["accents"] = {
        name: own_accents.get(name) or darkened(colour, palette["paper"], ENHANCED_CONTRAST)
        for name, colour in theme.get("accents", {}).items()
    }
    return palette


def theme_shortfalls(theme: Mapping[str, Any]) -> list[Shortfall]:
    """Every colour pair of the theme, and of its high-contrast palette, below what it needs."""
    found = list(_palette_shortfalls(theme, (), TEXT_PAIRS + BOUNDARY_PAIRS, TEXT_CONTRAST, ""))
    found += _palette_shortfalls(
        high_contrast_palette(theme),
        ("high_contrast",),
        HIGH_CONTRAST_PAIRS,
        TEXT_CONTRAST,
        " with larger text and high contrast",
    )
    return found


def _palette_shortfalls(
    palette: Mapping[str, Any],
    prefix: tuple[str, ...],
    pairs: tuple[ColourPair, ...],
    accent_minimum: float,
    where: str,
) -> Iterator[Shortfall]:
    def key(name: str) -> tuple[str, ...]:
        return (*prefix, name)

    def label(name: str) -> str:
        return ".".join(key(name))

    for pair in pairs:
        ink, paper = palette[pair.foreground], palette[pair.background]
        yield from _shortfall(
            key(pair.foreground), label(pair.foreground), ink, key(pair.background), label(pair.background),
            paper, pair.use, pair.minimum,
        )  # fmt: skip
    for name, colour in palette["accents"].items():
        for background, use in ACCENT_BACKGROUNDS:
            yield from _shortfall(
                (*prefix, "accents", name), f"{'.'.join(prefix) + '.' if prefix else ''}accent '{name}'",
                colour, key(background), label(background), palette[background],
                f"{use}{where}, side {name}", accent_minimum,
            )  # fmt: skip
        for strength in HIGHLIGHT_STRENGTHS:
            marked = blend(colour, palette["card"], strength)
            yield from _shortfall(
                key("ink"), label("ink"), palette["ink"], (*prefix, "accents", name),
                f"a letter's phrase marked in accent '{name}'", marked,
                f"phrases with a note in letters{where}", TEXT_CONTRAST,
            )  # fmt: skip


def _shortfall(
    foreground_key: tuple[str, ...],
    foreground: str,
    ink: str,
    background_key: tuple[str, ...],
    background: str,
    paper: str,
    use: str,
    minimum: float,
) -> Iterator[Shortfall]:
    ratio = contrast_ratio(ink, paper)
    if ratio >= minimum:
        return
    # Rounded down: 4.499 shown as 4.50 would look like a pass.
    shown = int(ratio * 100) / 100
    yield Shortfall(
        foreground_key,
        background_key,
        f"{foreground} {ink} on {background} {paper} has a contrast of only {shown:.2f}:1 ({use}); "
        f"{_needs(minimum)}",
    )


def _needs(minimum: float) -> str:
    if minimum == BOUNDARY_CONTRAST:
        return f"a control's outline needs at least {minimum:g}:1 (WCAG 1.4.11)"
    if minimum == ENHANCED_CONTRAST:
        return f"body text there needs at least {minimum:g}:1 (WCAG AAA)"
    return f"text needs at least {minimum}:1 (WCAG AA)"


def _channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _linear(channel: int) -> float:
    value = channel / 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

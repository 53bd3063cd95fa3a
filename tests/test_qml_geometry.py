"""The views take their geometry from kiosk/content/layout/geometry.py, not from numbers of their own.

A size written into a view that the layout owns is a second source of it: the house rules and
the text-fitting check would measure one layout while the visitor sees another. So in the views
the geometry lays out, a design size in pixels (`Style.px(<number>)`), a share of a box's width
or height, a multiple of the measure or the reference screen's 1080 pixels is an error, unless
it is below, with the reason it is not the layout's.
"""

import re
from pathlib import Path

import pytest

from kiosk.app.window import QML_DIR

#: The views whose boxes, gaps and type the geometry describes.
LAID_OUT = (
    "AttractLoop.qml",
    "HomeScreen.qml",
    "Lightbox.qml",
    "NarrationBar.qml",
    "PanelHeading.qml",
    "RichText.qml",
    "ScrollArea.qml",
    "SectionScreen.qml",
    "SectionTile.qml",
    "TitleText.qml",
    "panels/DocumentPanel.qml",
    "panels/GalleryPanel.qml",
    "panels/ImagePanel.qml",
    "panels/PairPanel.qml",
    "panels/PeoplePanel.qml",
    "panels/QuotePanel.qml",
    "panels/TextPanel.qml",
    "panels/TimelineCard.qml",
    "panels/TimelineDetail.qml",
    "panels/TimelinePanel.qml",
    "panels/VideoPanel.qml",
    "VideoControls.qml",
    "CaptionOverlay.qml",
)

_RULE = "a rule's or an outline's thickness, drawn over the layout"
_MARK = "a mark's size, drawn and not laid out"

#: Sizes in pixels the views may still write themselves, by view, and why each is not the layout's.
DRAWN: dict[str, dict[str, str]] = {
    "SectionScreen.qml": {"2": _RULE},
    "SectionTile.qml": {
        "2": _RULE,
        "6": "the corners' radius, and the number's chip's padding above and below its label",
        "14": "the number's chip's padding beside its label (a label sized by its words)",
    },
    "ScrollArea.qml": {
        "4": "the focus ring's inset",
        "8": "the track's groove, inside the track's width",
        "14": "the thumb, inside the track's width",
        "60": "the thumb's least length",
    },
    "NarrationBar.qml": {
        "80": "the Listen button's padding round its label (a control, sized by its words)",
        "18": "between the Listen button's glyph and its label",
        "30": _MARK,
        "34": _MARK,
        "8": "between the bars of the playing mark",
        "10": _MARK,
        "2": "the corners' radius",
        "0.5": "the Listen button's letter spacing, as KioskButton.qml's",
    },
    "AttractLoop.qml": {
        "3": _RULE,
        "2": _RULE,
        "6": "the quotation mark's hang into the margin",
    },
    "RichText.qml": {
        "2": "a glossary term's underline, drawn under its words",
        "3": "the focus ring's outline round a glossary term's words",
        "4": "the focus ring's inset round a glossary term's words",
        "6": "the focus ring's corners round a glossary term's words",
    },
    "panels/PeoplePanel.qml": {"2": _RULE},
    "VideoControls.qml": {
        "3": "the outline of the sound buttons and the scrubber's handle",
        "2": "between the bars of the sound level, a mark",
    },
    "panels/GalleryPanel.qml": {"2": _RULE},
    "panels/DocumentPanel.qml": {"2": _RULE},
    "panels/PairPanel.qml": {"2": _RULE, "5": "the bar beside a stacked clause, in its letter's colour"},
    "panels/TimelineDetail.qml": {
        "2": _RULE,
        "8": "the accent bar along the sheet's top",
        "16": "between the Close button's parts",
    },
    "panels/TimelineCard.qml": {
        "132": "the card's height before the panel gives it the measured one",
        "4": _RULE,
        "2": _RULE,
        "6": "the side's bar",
        "3": _RULE,
        "card.selected ? 4 : 2": _MARK,
        "card.selected ? 16 : 12": _MARK,
        "card.selected ? 24 : 18": _MARK,
    },
    "panels/TimelinePanel.qml": {
        "4": "the band along an era's top",
        "10": _MARK,
        "18": _MARK,
        "2": _RULE,
        "3": _RULE,
        "96": "the fade at either end of the line, under the turning controls",
        "40": "how far out of sight the closed sheet waits",
    },
}

#: Shares of a box that are not the layout's: how far a key or a turn scrolls.
SHARES: dict[str, dict[str, str]] = {
    "ScrollArea.qml": {
        "flick.height * 0.2": "an arrow key scrolls a fifth of the view",
        "flick.height * 0.8": "More below scrolls most of the view, so that a line stays in sight",
    },
    "panels/TimelinePanel.qml": {"flick.width * 0.75": "a turn of the line moves three quarters of the view"},
}

_PX = re.compile(r"Style\.px\(([^()]*(?:\([^()]*\))?[^()]*)\)")
_SHARE = re.compile(r"[\w.]*(?:width|height)\s*\*\s*0?\.\d+")
_MEASURE = re.compile(r"measureWidth\s*[*+]")


def _code(path: Path) -> list[tuple[int, str]]:
    """The file's lines without their comments."""
    return [(number, line.split("//")[0]) for number, line in enumerate(path.read_text().splitlines(), 1)]


@pytest.mark.parametrize("name", LAID_OUT)
def test_a_view_takes_its_sizes_from_the_layout(name: str) -> None:
    allowed = DRAWN.get(name, {})
    found = [
        f"{name}:{number}: Style.px({size})"
        for number, line in _code(QML_DIR / "Kiosk" / name)
        for size in _PX.findall(line)
        if size.strip() not in allowed
    ]
    assert not found, "sizes the layout should give (kiosk/content/layout/geometry.py):\n" + "\n".join(found)


@pytest.mark.parametrize("name", LAID_OUT)
def test_a_view_takes_its_proportions_from_the_layout(name: str) -> None:
    allowed = SHARES.get(name, {})
    found = [
        f"{name}:{number}: {match}"
        for number, line in _code(QML_DIR / "Kiosk" / name)
        for match in _SHARE.findall(line) + _MEASURE.findall(line)
        if match not in allowed
    ]
    assert not found, "proportions the layout should give:\n" + "\n".join(found)


def test_no_view_knows_the_reference_screen() -> None:
    found = [
        f"{path.relative_to(QML_DIR)}:{number}"
        for path in sorted(QML_DIR.rglob("*.qml"))
        for number, line in _code(path)
        if re.search(r"/\s*1080\b", line)
    ]
    assert not found, "the unit is the layout's (KioskGeometry.unit):\n" + "\n".join(found)


def test_every_allowance_is_still_needed() -> None:
    """An allowance left behind after its size went to the layout would let it come back."""
    stale = []
    for name, sizes in DRAWN.items():
        used = {size.strip() for _, line in _code(QML_DIR / "Kiosk" / name) for size in _PX.findall(line)}
        stale += [f"{name}: Style.px({size})" for size in sizes if size not in used]
    for name, shares in SHARES.items():
        text = (QML_DIR / "Kiosk" / name).read_text()
        stale += [f"{name}: {share}" for share in shares if share not in text]
    assert not stale, "\n".join(stale)

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.content import contrast
from kiosk.content.contrast import (
    BOUNDARY_CONTRAST,
    ENHANCED_CONTRAST,
    TEXT_CONTRAST,
    blend,
    contrast_ratio,
    darkened,
    high_contrast_palette,
    relative_luminance,
    theme_shortfalls,
)
from kiosk.content.loader import load_exhibit
from kiosk.content.models import Theme
from tests.conftest import SHIPPED_EXHIBITS

Write = Callable[..., Path]

ONE_SECTION = """\
sections:
  - id: only
    title: Only
    teaser: One panel
    panels:
      - kind: text
        title: A panel
        body: Some words.
"""


def contrast_warnings(folder: Path) -> list[str]:
    result = load_exhibit(folder)
    assert result.ok, [problem.format() for problem in result.problems]
    return [warning.format() for warning in result.warnings if "contrast" in warning.message]


def test_luminance_and_ratio_are_wcag_2() -> None:
    assert relative_luminance("#000000") == 0
    assert relative_luminance("#FFFFFF") == pytest.approx(1)
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21)
    # WebAIM's checker: #767676 on white is the lightest grey that passes AA, #777777 just fails.
    assert contrast_ratio("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.005)
    assert contrast_ratio("#777777", "#FFFFFF") < TEXT_CONTRAST
    assert contrast_ratio("#FFFFFF", "#767676") == contrast_ratio("#767676", "#FFFFFF")


def test_a_tint_is_drawn_as_qt_draws_it() -> None:
    assert blend("#FF0000", "#FFFFFF", 0) == "#FFFFFF"
    assert blend("#FF0000", "#FFFFFF", 1) == "#FF0000"
    assert blend("#000000", "#FFFFFF", 0.5) == "#808080"


def test_darkening_keeps_the_hue_and_reaches_the_ratio() -> None:
    red = darkened("#E04030", "#FFFFFF", ENHANCED_CONTRAST)
    assert contrast_ratio(red, "#FFFFFF") >= ENHANCED_CONTRAST
    channels = [int(red[index : index + 2], 16) for index in (1, 3, 5)]
    assert channels[0] > channels[1] > channels[2]  # still a red
    assert darkened("#000000", "#FFFFFF", 4.5) == "#000000"


def test_the_default_theme_passes_every_pair_in_both_palettes() -> None:
    assert theme_shortfalls(Theme().model_dump()) == []


def test_the_high_contrast_palette_is_white_paper_and_black_ink_unless_the_exhibit_says() -> None:
    palette = high_contrast_palette(Theme().model_dump())
    assert (palette["paper"], palette["ink"]) == ("#FFFFFF", "#000000")
    for colour in palette["accents"].values():
        assert contrast_ratio(colour, palette["paper"]) >= ENHANCED_CONTRAST
    chosen = Theme.model_validate({"high_contrast": {"paper": "#FFFFF0", "accents": {"second": "#660000"}}})
    palette = high_contrast_palette(chosen.model_dump())
    assert palette["paper"] == "#FFFFF0"
    assert palette["accents"]["second"] == "#660000"
    # The first accent was not given: the exhibit's own, darkened against the curator's paper.
    assert contrast_ratio(palette["accents"]["first"], "#FFFFF0") >= ENHANCED_CONTRAST


def test_body_text_needs_seven_to_one_and_outlines_three_to_one() -> None:
    theme = Theme.model_validate({"rule": "#D8CDB8", "high_contrast": {"ink": "#666666"}})
    messages = [shortfall.message for shortfall in theme_shortfalls(theme.model_dump())]
    assert any(
        message.startswith("rule #D8CDB8 on paper #F3ECDF")
        and f"needs at least {BOUNDARY_CONTRAST:g}:1 (WCAG 1.4.11)" in message
        for message in messages
    ), messages
    assert any(
        message.startswith("high_contrast.ink #666666 on high_contrast.paper #FFFFFF")
        and "body text there needs at least 7:1" in message
        for message in messages
    ), messages


@pytest.mark.parametrize("exhibit_dir", SHIPPED_EXHIBITS, ids=lambda path: path.name)
def test_shipped_exhibits_pass_every_pair(exhibit_dir: Path) -> None:
    assert contrast_warnings(exhibit_dir) == []


def test_a_bad_theme_is_reported_at_the_key_that_set_it(exhibit_dir: Path, write: Write) -> None:
    path = write(
        textwrap.dedent(
            """\
        title: Test Exhibit
        theme:
          rule: "#E0D8C8"
          high_contrast:
            ink_soft: "#777777"
            accents:
              soviet: "#FF6666"
          accents:
            us: "#1F3A66"
            soviet: "#9E2B25"
        """
        )
        + ONE_SECTION
    )
    found = contrast_warnings(exhibit_dir)
    assert f"{path}:3:9: warning: theme.rule: rule #E0D8C8 on paper #F3ECDF" in "\n".join(found), found
    assert any(
        line.startswith(f"{path}:5:15: warning: theme.high_contrast.ink_soft: high_contrast.ink_soft #777777")
        for line in found
    ), found
    assert any(
        line.startswith(f"{path}:7:15: warning: theme.high_contrast.accents.soviet:") for line in found
    ), found
    # Nothing is reported for what the exhibit left to the defaults.
    assert all("theme.high_contrast.ink:" not in line for line in found), found


def test_a_high_contrast_accent_must_be_one_of_the_themes(exhibit_dir: Path, write: Write) -> None:
    write(
        textwrap.dedent(
            """\
        title: Test Exhibit
        theme:
          high_contrast:
            accents:
              ussr: "#660000"
          accents:
            us: "#1F3A66"
            soviet: "#9E2B25"
        """
        )
        + ONE_SECTION
    )
    result = load_exhibit(exhibit_dir)
    assert not result.ok
    assert any("accent 'ussr'" in problem.message for problem in result.problems)


def test_the_pairs_name_only_colours_a_theme_has() -> None:
    keys = set(contrast.PALETTE_KEYS)
    for pair in (*contrast.TEXT_PAIRS, *contrast.BOUNDARY_PAIRS, *contrast.HIGH_CONTRAST_PAIRS):
        assert {pair.foreground, pair.background} <= keys

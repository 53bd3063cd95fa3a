import pytest

from kiosk.content.dates import format_date
from kiosk.content.markdown import check_markdown, plain_text, render_blocks


def test_paragraphs_emphasis_and_lists() -> None:
    text = "A *title* and **strong**\nwords.\n\n- one\n- *two*\n\nLast."
    assert render_blocks(text) == [
        {"kind": "paragraph", "text": "A <i>title</i> and <b>strong</b> words."},
        {"kind": "item", "text": "one"},
        {"kind": "item", "text": "<i>two</i>"},
        {"kind": "paragraph", "text": "Last."},
    ]


def test_markup_characters_are_shown_not_obeyed() -> None:
    assert render_blocks("5 < 6 & 7 > 3") == [{"kind": "paragraph", "text": "5 &lt; 6 &amp; 7 &gt; 3"}]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[FRUS](https://history.state.gov)", "links and images are not allowed"),
        ("![a picture](x.png)", "links and images are not allowed"),
        ("# A heading", "headings are not allowed"),
        ("<script>alert(1)</script>", "HTML is not allowed"),
        ("see www.example.org", "web addresses cannot be followed"),
        ("```\ncode\n```", "code blocks are not allowed"),
    ],
)
def test_unsafe_markdown_is_refused(text: str, reason: str) -> None:
    refused = check_markdown(text)
    assert refused is not None
    assert reason in refused


def test_safe_markdown_is_accepted() -> None:
    assert check_markdown("Roosevelt wrote on *16 November 1933*.\n\n- one\n- two") is None


def test_plain_text_drops_markup() -> None:
    assert plain_text("A **bold** and *italic* word\n- item") == "A bold and italic word\nitem"


@pytest.mark.parametrize(
    ("iso", "shown"),
    [
        ("1933-11-16", "16 November 1933"),
        ("1918-08", "August 1918"),
        ("1926", "1926"),
        ("1933-01-05", "5 January 1933"),
    ],
)
def test_dates_read_as_visitors_write_them(iso: str, shown: str) -> None:
    assert format_date(iso, "en") == shown

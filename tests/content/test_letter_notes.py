"""A letter's noted phrases, marked in its transcript: each once, and the letter's words escaped."""

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.content.layout.notes import Marking, Paragraph, annotate, markup, plain

MARKING = Marking(ink="#1e1a17", card="#fbf7ef", tint="#e2e4e5", strong="#b0b7c0")


class Reading(HTMLParser):
    """What a rich-text view makes of the markup: its text, and the links over parts of it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.tags: list[str] = []
        self.links: list[tuple[str, str]] = []
        self._link: str | None = None
        self._linked = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "a":
            self._link, self._linked = dict(attrs)["href"], ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append((self._link, self._linked))
            self._link = None

    def handle_data(self, data: str) -> None:
        self.text += data
        if self._link is not None:
            self._linked += data


def read(markup_text: str) -> Reading:
    reading = Reading()
    reading.feed(markup_text)
    reading.close()
    return reading


def test_a_noted_phrase_is_a_link_to_its_note_and_the_letters_own_signs_are_escaped() -> None:
    [paragraph] = annotate(["Terms <a> & conditions: we shall\n  expect that."], ["shall expect"])
    assert paragraph.notes == [(0, "shall\n  expect")]
    assert (
        markup(paragraph) == 'Terms &lt;a&gt; &amp; conditions: we <a href="note:0">shall\n  expect</a> that.'
    )


def test_a_phrase_is_marked_where_it_first_stands_and_an_overlapping_one_is_left_alone() -> None:
    texts = ["We shall expect that.", "We shall expect, again."]
    first, second = annotate(texts, ["shall expect", "expect that", "again", "nowhere"])
    assert first.notes == [(0, "shall expect")]
    assert second.notes == [(2, "again")]


def test_the_phrase_the_keyboard_is_on_is_drawn_in_reverse_and_the_open_note_on_a_stronger_tint() -> None:
    [paragraph] = annotate(["I thank you for the notified letter."], ["I thank you", "notified"])
    shown = markup(paragraph, Marking(**{**MARKING.__dict__, "selected": 1, "pointed": 0}))
    assert shown == (
        '<span style="background-color:#1e1a17"><a href="note:0" style="color:#fbf7ef; '
        'text-decoration:underline">I thank you</a></span> for the '
        '<span style="background-color:#b0b7c0"><a href="note:1" style="color:#1e1a17; '
        'text-decoration:none">notified</a></span> letter.'
    )
    calm = markup(paragraph, MARKING)
    assert calm.count("background-color:#e2e4e5") == 2


def test_the_record_for_the_view_gives_the_same_paragraph_back() -> None:
    [paragraph] = annotate(["A <b> phrase & more."], ["phrase"])
    record = paragraph.record()
    assert record["text"] == "A <b> phrase & more."
    assert record["notes"] == [{"number": 0, "phrase": "phrase"}]
    assert Paragraph.from_record(record) == paragraph
    assert Paragraph.from_record(record["pieces"]) == paragraph
    assert plain("—").record()["html"] == "—"


WORDS = st.sampled_from(["we", "shall", "<a href='x'>", "&amp;", "</a>", "“quoted”", "a&b", "<", ">", "1933"])


@st.composite
def letters(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Paragraphs of words (markup-like ones among them) and phrases taken from them."""
    texts = [" ".join(draw(st.lists(WORDS, min_size=1, max_size=12))) for _ in range(draw(st.integers(1, 4)))]
    phrases = []
    for _ in range(draw(st.integers(0, 6))):
        words = texts[draw(st.integers(0, len(texts) - 1))].split()
        start = draw(st.integers(0, len(words) - 1))
        end = draw(st.integers(start + 1, len(words)))
        phrases.append(" ".join(words[start:end]))
    phrases += draw(st.lists(st.text(max_size=8), max_size=2))
    return texts, phrases


@settings(deadline=None)
@given(letter=letters(), selected=st.integers(-1, 8), pointed=st.integers(-1, 8))
def test_the_markup_shows_the_letters_own_words_and_marks_each_note_at_most_once(
    letter: tuple[list[str], list[str]], selected: int, pointed: int
) -> None:
    texts, phrases = letter
    paragraphs = annotate(texts, phrases)
    marked: list[int] = []
    for text, paragraph in zip(texts, paragraphs, strict=True):
        for shown in (
            markup(paragraph),
            markup(paragraph, Marking(**{**MARKING.__dict__, "selected": selected, "pointed": pointed})),
        ):
            reading = read(shown)
            # The letter's words come through as words: none of them is taken for markup.
            assert reading.text == text
            assert set(reading.tags) <= {"a", "span"}
            assert reading.links == [(f"note:{number}", phrase) for number, phrase in paragraph.notes]
        marked += [number for number, _ in paragraph.notes]
    assert len(marked) == len(set(marked))


@settings(deadline=None)
@given(letter=letters())
def test_every_phrase_the_letter_has_is_marked_exactly_once_unless_it_tangles_with_another(
    letter: tuple[list[str], list[str]],
) -> None:
    texts, phrases = letter
    paragraphs = annotate(texts, phrases)
    notes = {number: phrase for paragraph in paragraphs for number, phrase in paragraph.notes}
    for number, phrase in enumerate(phrases):
        words = phrase.split()
        standing = [text for text in texts if words and " ".join(words) in text]
        if number in notes:
            assert notes[number].split() == words
        elif standing:
            # Left out only for overlapping a phrase marked before it in that paragraph.
            first = texts.index(standing[0])
            assert any(piece.note != -1 and piece.note < number for piece in paragraphs[first].pieces), (
                f"{phrase!r} is in the letter but not marked"
            )

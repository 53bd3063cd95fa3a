"""JSON Schemas of the exhibit files, so that a curator's editor completes keys and underlines mistakes.

There are three, all generated from the models in `kiosk.content.models`:

- `exhibit`: an exhibit.yaml, where each item of `sections:` is a section written out, or the
  path of a section file (relative to the exhibit folder);
- `section`: a section file of its own;
- `glossary`: a glossary.yaml, the exhibit's terms by id (kiosk.content.glossary).

Every model forbids unknown keys (`additionalProperties: false`), so a misspelt key is underlined,
and a panel is one of a `oneOf` told apart by its `kind`, so an editor can offer the kinds.

The schema is a help for writing, not the judge: `kiosk validate` is. JSON Schema cannot check that
section and media files exist, stay inside the exhibit folder and decode as images; that timeline
events are in date order or that a date exists in the calendar (31 February); that section ids
are unique; that text is not only spaces; the small Markdown subset; or the attract slide's rule
of a headline or a quote; that a narration's sound plays and its captions read as WebVTT, in
order and within the sound's length. The loader checks all of these.

The schemas declare JSON Schema draft 7, the draft that editors' YAML support (the VS Code YAML
extension and its language server) implements; pydantic's output fits it, `$defs` included.
"""

import copy
import json
import typing
from typing import Any, Literal

from pydantic import BaseModel, WithJsonSchema
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from kiosk.content import bounds, models
from kiosk.content.models import PANEL_KINDS

SchemaKind = Literal["exhibit", "section", "glossary"]
SCHEMA_KINDS: tuple[SchemaKind, ...] = ("exhibit", "section", "glossary")
DIALECT = "http://json-schema.org/draft-07/schema#"


def schema_file_name(kind: SchemaKind) -> str:
    return f"{kind}.schema.json"


#: What each model is, in a curator's words: its title and description in the editor.
_MODEL_HELP: dict[type[BaseModel], tuple[str, str]] = {
    models.Exhibit: (
        "Exhibit",
        "An exhibit.yaml: the exhibit's title, theme, timing, attract loop and sections.",
    ),
    models.Theme: ("Theme", "Colours (#RRGGBB) and fonts. Every key is optional."),
    models.HighContrast: (
        "High contrast",
        "The colours shown when a visitor chooses larger text and high contrast. Every key is optional.",
    ),
    models.Fonts: (
        "Fonts",
        "Font family names. The bundled fonts are Noto Serif, Noto Sans and Courier Prime.",
    ),
    models.Timing: (
        "Timing",
        "How long the kiosk waits for a visitor before it asks, and then starts again.",
    ),
    models.Attract: ("Attract loop", "Pictures shown one after another while nobody is at the kiosk."),
    models.AttractSlide: (
        "Attract slide",
        "One picture of the attract loop, with either a headline or a quote (with its attribution).",
    ),
    models.Section: ("Section", "A section: its tile on the home screen and the panels behind it."),
    models.GlossaryTerm: (
        "Glossary term",
        "A word a visitor may not know: its headword and a definition of about 40 words at most, "
        "in every language of the exhibit. Text marks it as [[words as shown|term-id]].",
    ),
    models.TextPanel: ("Text panel", "Short paragraphs of text."),
    models.ImagePanel: ("Image panel", "One picture with its alt text, caption and credit."),
    models.QuotePanel: (
        "Quote panel",
        "A quotation, word for word, with who said or wrote it and where it is printed.",
    ),
    models.TimelinePanel: (
        "Timeline panel",
        "Two to 24 events in date order on a line the visitor swipes along, optionally banded into eras.",
    ),
    models.TimelineEvent: (
        "Timeline event",
        "One event: on a day, in a month, in a year, or over a span. Tapping it opens its details.",
    ),
    models.Era: (
        "Era",
        "A named band behind a stretch of the timeline, such as 'Without relations, 1917–1933'.",
    ),
    models.PeoplePanel: ("People panel", "One to six portrait cards."),
    models.Person: ("Person", "A portrait card: name, role and dates."),
    models.Portrait: ("Portrait", "A person's picture. Without one the card shows the person's initials."),
    models.DocumentPanel: (
        "Document panel",
        "A letter or other document: who wrote it to whom and when, and its text as transcribed.",
    ),
    models.DocumentPage: (
        "Document page",
        "The picture of one page: a scan (PNG, JPEG or TIFF, any size) the visitor can zoom into.",
    ),
    models.PageRegion: ("Page region", "A rectangle on a page, in the page picture's pixels."),
    models.Annotation: (
        "Note",
        "A phrase of the transcript, shown highlighted, with a short note the visitor taps to read.",
    ),
    models.Letter: ("Letter", "One letter of a pair: its facts, transcript, pages and notes."),
    models.PairPanel: (
        "Pair panel",
        "A letter and its reply side by side, paragraph beside paragraph, to compare them clause by clause.",
    ),
    models.GalleryPanel: ("Gallery panel", "Two to twelve pictures, each with alt text, caption and credit."),
    models.GalleryItem: ("Gallery picture", "One picture of a gallery."),
    models.Narration: (
        "Narration",
        "A recording read over the panel, with a Listen control. It always has captions: a WebVTT "
        "file (captions:) or cues written here (cues:), one of the two.",
    ),
    models.CaptionCue: ("Caption", "Words shown while they are spoken, from start to end."),
    models.VideoPanel: (
        "Video panel",
        "A film with its poster, alt text, caption and credit; captions in every language of a film "
        "with sound; optionally an audio description; or an ambient loop (loop: true).",
    ),
}

_IMAGE = "A picture file (PNG, JPEG, TIFF or SVG), relative to the exhibit folder, such as media/map.svg, or one per language ({en: media/map-en.svg, ru: media/map-ru.svg}) for a picture with words in it. It must stay inside the exhibit folder or assets/."
_FILM = (
    "A film (MP4, MOV, M4V, WebM or MKV; H.264 video with AAC sound in MP4 is best), relative to the "
    "exhibit folder, such as media/film.mp4, or one per language ({en: media/film-en.mp4, ru: "
    "media/film-ru.mp4}). It must stay inside the exhibit folder or assets/."
)
_DATE = "A date written YYYY-MM-DD, YYYY-MM or YYYY, such as 1933-11-16, 1918-08 or 1926."
_SIDE = (
    "Which side of the story this belongs to: the name of one of the theme's accents, or both or none. "
    "It picks the accent colour."
)
_MARKDOWN = "Short text in a small, safe Markdown: paragraphs, *italic*, **bold** and lists of lines starting with '- '. Use | for several paragraphs."

#: Help for keys that mean the same wherever they appear.
_COMMON_HELP: dict[str, str] = {
    "image": _IMAGE,
    "alt": "What the picture shows, for visitors who cannot see it.",
    "credit": "Who made the picture or where it comes from.",
    "caption": "One or two short sentences on what the picture shows.",
    "side": _SIDE,
    "date": _DATE,
    "intro": "Optional short introduction. " + _MARKDOWN,
    "translated": "Languages in which these words are a translation made for this exhibit, not the source's own "
    "words, such as [ru]; the screen marks them as a translation.",
    "kind": "The kind of panel: " + ", ".join(PANEL_KINDS) + ".",
}

#: Help for each key of each model, where it says more than the key's common help. A panel's keys
#: are looked up on its class first and then on `PanelBase`.
_FIELD_HELP: dict[type[BaseModel], dict[str, str]] = {
    models.GlossaryTerm: {
        "headword": "The term as the card beside it names it, in each language: 'Alexander Kerensky'.",
        "definition": "What the term means, in a sentence or two (about 40 words at most), in each "
        "language; *italic* and **bold** work, marks of other terms do not.",
    },
    models.Exhibit: {
        "title": "The exhibit's title, shown large on the home screen.",
        "short_title": "Optional: the title in a few words (about 30 characters), which the attract loop's top line shows instead of a long title.",
        "subtitle": "One line under the title.",
        "invitation": "A short line inviting the visitor to touch a section, such as 'Touch a section to begin'.",
        "languages": "Language codes the exhibit is written in, the first being the default, such as [en, ru].",
        "theme": "Colours and fonts. Every key is optional.",
        "timing": "How long the kiosk waits for a visitor. Both keys are optional.",
        "attract": "The loop of pictures shown while nobody is at the kiosk. Without it the loop shows the title alone.",
        "sections": "One to six sections, each written out here or the path of a section file, such as sections/context.yaml.",
    },
    models.Theme: {
        "paper": "Background of the page.",
        "paper_shade": "Background of bands and tiles.",
        "card": "Background of raised cards.",
        "ink": "Main text colour.",
        "ink_soft": "Secondary text colour: captions and credits.",
        "rule": "Thin lines, and the outline of buttons and cards: at least 3:1 against paper.",
        "accents": "One or two accents, used sparingly, each named for the side of the story it marks, such as "
        "us: '#1F3A66'; items say side: us. The first also marks focus and the title's first bar.",
        "fonts": "Font family names for display, body, interface and typewriter text.",
        "high_contrast": "The palette for visitors who choose larger text and high contrast. Every key is "
        "optional: white paper and black ink by default, and the accents darkened to 7:1.",
    },
    models.HighContrast: {
        "paper": "Background of the page with high contrast.",
        "paper_shade": "Background of bands and tiles with high contrast.",
        "card": "Background of raised cards with high contrast.",
        "ink": "Main text colour with high contrast: at least 7:1 on paper and card.",
        "ink_soft": "Secondary text colour with high contrast: at least 7:1 on paper and card.",
        "rule": "Thin lines and outlines with high contrast: at least 3:1 against paper.",
        "accents": "The theme's accents by name, such as us: '#10203A', for high contrast; those left out are "
        "the theme's own, darkened to 7:1 on paper.",
    },
    models.Fonts: {
        "display": "Font for titles.",
        "body": "Font for reading text.",
        "interface": "Font for buttons and labels.",
        "typewriter": "Font for transcripts of typed documents.",
    },
    models.Timing: {
        "idle_timeout": "Seconds without a touch before the kiosk asks whether the visitor is still there: 10 to 3600 (60 when left out).",
        "countdown": "Seconds the question stays up before the kiosk starts again: 20 to 300 (20 when left out), so that anyone has time to answer.",
    },
    models.Attract: {
        "seconds_per_slide": "How long each slide stays, its fade included: 4 to 60 seconds (9 when left out).",
        "slides": "One to twelve slides, in the order they are shown.",
    },
    models.AttractSlide: {
        "image": _IMAGE + " It is cropped to a near-square: keep what matters in the middle.",
        "headline": "A short statement in the exhibit's own words (about 12 words). A slide has a headline or a quote, not both.",
        "quote": "A quotation, word for word as printed in its source (about 30 words). Needs its attribution.",
        "attribution": "Who wrote or said the quote, in what, and when.",
        "caption": "One or two short sentences under the headline or quotation.",
        "video": "Optional: a film played as a silent ambient loop in place of the picture, which "
        "stays as its poster (under reduced motion, and when the film cannot play). " + _FILM,
    },
    models.Section: {
        "id": "A short name of lowercase letters, digits and '-', unique in the exhibit, such as the-letters.",
        "title": "The section's title, on its home-screen tile and at the top of its panels.",
        "teaser": "One short line under the title on the tile.",
        "side": _SIDE + " On a section: the accent of its tile.",
        "tile_image": "An image for the home-screen tile. " + _IMAGE,
        "panels": "One to twelve panels, in the order the visitor meets them.",
    },
    models.TextPanel: {
        "body": "The panel's text, about 100 words at most. " + _MARKDOWN,
        "image": "Optional picture beside the text (in portrait, under it). " + _IMAGE,
        "alt": "What the picture shows, for visitors who cannot see it. Needed with an image.",
        "credit": "Who made the picture or where it comes from. Needed with an image.",
        "style": "Optional: sources for a panel of sources and credits, its text set at caption size; "
        "body (the default) for running text.",
    },
    models.ImagePanel: {
        "caption": "What the picture shows.",
        "body": "Optional short text beside the picture. " + _MARKDOWN,
    },
    models.QuotePanel: {
        "text": "The quotation, word for word.",
        "attribution": "Who said or wrote it.",
        "source": "Where the quotation is printed.",
        "date": "When it was said or written. " + _DATE,
        "context": "Optional short text on why it matters. " + _MARKDOWN,
    },
    models.TimelinePanel: {
        "events": "Two to 24 events, in date order.",
        "eras": "Optional bands behind the line, in order and not overlapping, such as 1917 to 1933.",
    },
    models.TimelineEvent: {
        "date": "When it happened, or began. " + _DATE,
        "end": "For an event that lasted: when it ended. " + _DATE,
        "date_label": "Text to show instead of the date, where it needs words, such as 'August–September 1918'.",
        "title": "What happened, in a few words.",
        "text": "Optional two or three sentences, shown when the visitor opens the event.",
        "source": "Optional: where the facts come from, shown with the event's details.",
        "image": "Optional picture shown with the event's details. " + _IMAGE,
        "alt": "What the picture shows, for visitors who cannot see it. Needed with an image.",
        "credit": "Who made the picture or where it comes from. Needed with an image.",
    },
    models.Era: {
        "title": "The era's name, such as 'Without relations'.",
        "from": "When the era begins. " + _DATE,
        "to": "When the era ends. " + _DATE,
    },
    models.PeoplePanel: {"people": "One to six people."},
    models.Person: {
        "name": "The person's name.",
        "role": "Their role in the story.",
        "dates": "Their dates as text, such as 1876–1951 or 'In office from 1933'.",
        "portrait": "Optional picture. Without it the card shows the person's initials.",
        "note": "Optional one sentence.",
    },
    models.Letter: {
        "date": "When the letter was written. " + _DATE,
        "from": "Who wrote it.",
        "to": "Whom it was written to.",
        "transcript": "The letter's text as transcribed. Use | and a blank line between paragraphs.",
        "transcript_status": "What the transcript is: full (the complete text), partial (part of it, verbatim) or summary (a description, not the document's words).",
        "excerpt": "Optional, for a long letter: what the panel shows, in pieces of the transcript word for "
        "word, with a line […] where words are left out; a visitor taps 'Read the whole letter' for the rest.",
        "source": "Where the text was printed.",
        "note": "Optional short text explaining the letter. " + _MARKDOWN,
        "pages": "Optional pictures of the letter's pages, in order. Visitors pinch or double-tap to zoom.",
        "annotations": "Optional notes on phrases of the transcript (and places on the pages); "
        "each phrase must appear in the transcript word for word.",
    },
    models.DocumentPage: {
        "image": "The page's picture: a scan (PNG, JPEG or TIFF, of any size) or a stand-in. " + _IMAGE,
        "caption": "Optional: what the picture is, such as 'Re-typeset from the printed text; not a photograph of the original'.",
        "credit": "Optional: who holds the original or made the picture.",
    },
    models.PageRegion: {
        "page": "Which page, counting from 1.",
        "x": "Pixels from the page picture's left edge.",
        "y": "Pixels from the page picture's top edge.",
        "width": "Width in pixels.",
        "height": "Height in pixels.",
    },
    models.Annotation: {
        "phrase": "Words of the transcript, exactly as written there (line breaks may differ).",
        "note": "The note, one or two short sentences.",
        "region": "Optional: where the phrase stands on a page picture, to mark it there too.",
    },
    models.PairPanel: {
        "intro": "Optional short introduction: what to compare. " + _MARKDOWN,
        "letters": "The two letters, the first shown on the left. Paragraph N of one stands beside paragraph N of the other.",
    },
    models.GalleryPanel: {"items": "Two to twelve pictures."},
    models.PanelBase: {
        "title": "The panel's title.",
        "kicker": "A short label above the title, such as a date range.",
        "narration": "Optional recording read over the panel, with its captions; the panel shows a Listen control. One narration serves every language; or give one per language code: {en: {audio, captions, credit}, ru: {...}}.",
    },
    models.Narration: {
        "audio": "The sound file (Ogg, Opus, MP3, WAV, M4A or FLAC), relative to the exhibit folder, such as media/letters.ogg.",
        "captions": "A WebVTT caption file (.vtt) timed to the sound, such as media/letters.vtt. Give this or cues:.",
        "cues": "The captions written here, in order and not overlapping: start, end and text for each. Give this or captions:.",
        "credit": "Who speaks and who wrote the words, such as 'Read by …' or 'Synthetic voice (eSpeak NG), reading the panel's text'.",
    },
    models.VideoPanel: {
        "video": _FILM,
        "poster": "A still shown until the film is played, and in its place when it cannot play: "
        "at least the film's size on screen. " + _IMAGE,
        "alt": "What the film shows, for visitors who cannot see it.",
        "caption": "What the film is, in a sentence or two, shown beside it.",
        "credit": "Who made the film, or where it comes from.",
        "captions": "A WebVTT caption file (.vtt) per language, such as {en: media/film.en.vtt, ru: "
        "media/film.ru.vtt}: needed in every language of a film with sound, unless the file has a "
        "subtitle track in that language.",
        "audio": "Optional: which of the file's audio tracks speaks each language, counted from 0, "
        "such as {en: 0, ru: 1}. Without it, the film's only track.",
        "description": "Optional audio description per language: a track number of the film, or a "
        "sound file exactly as long as the film, such as {en: 2, ru: media/film-described.ru.m4a}. "
        "The visitor chooses it in the Access sheet.",
        "loop": "true for an ambient loop: muted, without controls, starting by itself (not under "
        "reduced motion), and needing no captions.",
        "body": "Optional short text beside the film. " + _MARKDOWN,
    },
    models.CaptionCue: {
        "start": "When the words begin: seconds (such as 4.5) or mm:ss.mmm (such as 01:04.500).",
        "end": "When the words end: seconds or mm:ss.mmm, after start.",
        "text": "The words spoken, one or two short lines.",
    },
}

_SECTION_FILE_PATH = {
    "type": "string",
    "pattern": r"^[^/\\].*\.ya?ml$",
    "title": "Section file",
    "description": "The path of a section file, relative to the exhibit folder, such as sections/context.yaml.",
}


def _field_help(model: type[BaseModel], key: str) -> str | None:
    for owner in model.__mro__:
        if key in _FIELD_HELP.get(owner, {}):
            return _FIELD_HELP[owner][key]
    return _COMMON_HELP.get(key)


def _declared_schema(annotated: Any) -> JsonSchemaValue:
    return next(
        meta.json_schema
        for meta in typing.get_args(annotated)[1:]
        if isinstance(meta, WithJsonSchema) and meta.json_schema is not None
    )


#: The models declare a date as text or a number; the schema says which text and which numbers.
_LOOSE_DATE = _declared_schema(models.HistoricalDate)
_STRICT_DATE = {
    "anyOf": [
        {"type": "string", "pattern": r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"},
        {"type": "integer", "minimum": 1000, "maximum": 9999},
    ]
}


class _CuratorSchema(GenerateJsonSchema):
    """Pydantic's schema, with titles and help a curator can use in place of the class names."""

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        model = schema["cls"]
        if model in _MODEL_HELP:
            json_schema["title"], json_schema["description"] = _MODEL_HELP[model]
        for key, property_schema in json_schema.get("properties", {}).items():
            if help_text := _field_help(model, key):
                property_schema["description"] = help_text
        return json_schema


def build_schema(kind: SchemaKind) -> dict[str, Any]:
    if kind == "glossary":
        return _glossary_schema()
    model = models.Exhibit if kind == "exhibit" else models.Section
    body = model.model_json_schema(schema_generator=_CuratorSchema)
    body = _replace(body, _LOOSE_DATE, _STRICT_DATE)
    if kind == "exhibit":
        _discriminate_panels(body["$defs"]["Section"])
        sections = body["properties"]["sections"]
        sections["items"] = {"anyOf": [sections["items"], _SECTION_FILE_PATH]}
    else:
        _discriminate_panels(body)
    definitions = body.pop("$defs")
    return {"$schema": DIALECT, **body, "$defs": definitions}


def _glossary_schema() -> dict[str, Any]:
    term = models.GlossaryTerm.model_json_schema(schema_generator=_CuratorSchema)
    definitions = term.pop("$defs", {})
    return {
        "$schema": DIALECT,
        "title": "Glossary",
        "description": "A glossary.yaml, beside exhibit.yaml: each term under its id (lowercase "
        "letters, digits and '-'), the id that text marks it with: [[words as shown|term-id]].",
        "type": "object",
        "propertyNames": {"pattern": bounds.IDENTIFIER.pattern},
        "additionalProperties": {"$ref": "#/$defs/GlossaryTerm"},
        "$defs": {**definitions, "GlossaryTerm": term},
    }


def render_schema(kind: SchemaKind) -> str:
    """The schema as it is shipped: indented JSON, ending with a newline."""
    return json.dumps(build_schema(kind), indent=2, ensure_ascii=False) + "\n"


def _discriminate_panels(section: dict[str, Any]) -> None:
    """Offers the panel kinds as one list, so an editor completes `kind:` before a branch is chosen."""
    items = section.get("properties", {}).get("panels", {}).get("items")
    if not items or "oneOf" not in items:
        return
    items.pop("discriminator", None)  # OpenAPI's keyword, not JSON Schema's
    section["properties"]["panels"]["items"] = {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": list(PANEL_KINDS), "description": _COMMON_HELP["kind"]}},
        "oneOf": items["oneOf"],
    }


def _replace(value: Any, old: JsonSchemaValue, new: JsonSchemaValue) -> Any:
    """Puts `new` wherever a schema holds all of `old`, keeping its other keys (title, description…)."""
    if isinstance(value, list):
        return [_replace(item, old, new) for item in value]
    if not isinstance(value, dict):
        return value
    value = {key: _replace(item, old, new) for key, item in value.items()}
    if old.items() <= value.items():
        value = {**copy.deepcopy(new), **{key: item for key, item in value.items() if key not in old}}
    if "anyOf" in value:
        # An optional date: its choices are the date's choices, and null.
        value["anyOf"] = [
            choice
            for member in value["anyOf"]
            for choice in (member["anyOf"] if list(member) == ["anyOf"] else [member])
        ]
    return value

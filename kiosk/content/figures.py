"""The figures a curator is told: the models' bounds and the house rules' sizes, as words.

The example exhibit `kiosk new` writes is filled from here (a `{{name}}` in its files stands for
the figure), and a test holds the curator's guide, exhibits/README.md, to the same figures: the
two cannot tell a curator different things.
"""

import math
from collections.abc import Mapping
from typing import Any

from annotated_types import Ge, Le, MinLen
from pydantic import BaseModel

from kiosk.content import house_rules, models
from kiosk.content.glossary import MAX_DEFINITION_WORDS


def _count(model: type[BaseModel], name: str) -> str:
    """How many items a list of the model may hold, as "1 to 6"."""
    field = model.model_fields[name]
    least = next(item.min_length for item in field.metadata if isinstance(item, MinLen))
    extra: Any = field.json_schema_extra
    return f"{least} to {extra['maxItems']}"


def _span(model: type[BaseModel], name: str) -> str:
    """The range a number of the model may take, as "10 to 3600"."""
    field = model.model_fields[name]
    low = next(item.ge for item in field.metadata if isinstance(item, Ge))
    high = next(item.le for item in field.metadata if isinstance(item, Le))
    return f"{low:g} to {high:g}"


def _size(box: tuple[float, float]) -> str:
    return f"{round(box[0])} x {round(box[1])}"


def _tile_picture_advice() -> tuple[int, int]:
    """The smallest 3:2 picture, in steps of 150 x 100 px, that fills a tile's band without being
    enlarged, with four sections on a screen lying or standing."""
    bands = (house_rules.tile_picture_box(4), house_rules.TILE_PICTURE_UPRIGHT)
    width = max(max(band[0], band[1] * 1.5) for band in bands)
    steps = math.ceil(width / 150)
    return steps * 150, steps * 100


_ATTRACT_TRAVEL = house_rules.attract_travel(models.Attract.model_fields["seconds_per_slide"].default)

#: Each figure by the name the template writes it with, as the guide writes it too.
FIGURES: Mapping[str, str] = {
    # How many.
    "sections": _count(models.Exhibit, "sections"),
    "panels": _count(models.Section, "panels"),
    "slides": _count(models.Attract, "slides"),
    "timeline_events": _count(models.TimelinePanel, "events"),
    "people": _count(models.PeoplePanel, "people"),
    "gallery_items": _count(models.GalleryPanel, "items"),
    # How long, in seconds.
    "seconds_per_slide": _span(models.Attract, "seconds_per_slide"),
    "idle_timeout": _span(models.Timing, "idle_timeout"),
    "countdown": _span(models.Timing, "countdown"),
    # How many words.
    "panel_words": str(house_rules.MAX_PANEL_WORDS),
    "sentence_words": str(house_rules.MAX_SENTENCE_WORDS),
    "note_words": str(house_rules.MAX_NOTE_WORDS),
    "definition_words": str(MAX_DEFINITION_WORDS),
    # A headline's characters at title size, at about six characters a word and its space.
    "headline_words": str(round(house_rules.ATTRACT_HEADLINE_CHARS / 6)),
    "quote_words": str(house_rules.ATTRACT_QUOTE_WORDS),
    # The pixels a picture fills on the reference screen, 1920 x 1080.
    "attract_picture": _size(
        (
            house_rules.ATTRACT_PICTURE[0] + _ATTRACT_TRAVEL,
            house_rules.ATTRACT_PICTURE[1] + _ATTRACT_TRAVEL,
        )
    ),
    "image_panel_picture": _size(house_rules.IMAGE_PANEL_BOX),
    "video_panel_film": _size(house_rules.VIDEO_FILM_BOX),
    "text_panel_picture": _size(house_rules.TEXT_PANEL_PICTURE_BOX),
    "gallery_picture": _size(house_rules.LIGHTBOX_BOX),
    "timeline_picture": _size(house_rules.TIMELINE_DETAIL_BOX),
    "tile_picture": _size(house_rules.tile_picture_box(4)),
    "tile_picture_upright": _size(house_rules.TILE_PICTURE_UPRIGHT),
    "tile_picture_advice": _size(_tile_picture_advice()),
    "portrait_picture": _size(house_rules.PORTRAIT_BOX),
    "page_picture": _size(house_rules.PAGE_READING_BOX),
}


def fill(text: str) -> str:
    """The text with each `{{name}}` replaced by its figure; an unknown name is a KeyError."""
    parts = text.split("{{")
    filled = [parts[0]]
    for part in parts[1:]:
        name, closing, rest = part.partition("}}")
        if not closing:
            raise KeyError(f"'{{{{{part[:20]}' is not closed")
        filled.append(FIGURES[name.strip()] + rest)
    return "".join(filled)

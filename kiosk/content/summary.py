"""What the home screen shows of an exhibit, as plain data that can be kept between runs."""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.localized import Localized

if TYPE_CHECKING:
    from kiosk.content.models import Exhibit


@dataclass(frozen=True)
class SectionSummary:
    id: str
    title: Localized
    teaser: Localized
    side: str
    tile_image: Path | None
    panel_count: int


@dataclass(frozen=True)
class SlideSummary:
    image: Path
    alt: Localized
    credit: Localized
    headline: Localized | None
    quote: Localized | None
    attribution: Localized | None
    caption: Localized | None
    #: Languages in which the slide's words are the exhibit's own translation.
    translated: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExhibitSummary:
    title: Localized
    subtitle: Localized | None
    invitation: Localized | None
    languages: tuple[str, ...]
    #: The theme as in the YAML: colour names to #RRGGBB, and `fonts` to family names.
    theme: Mapping[str, Any]
    sections: tuple[SectionSummary, ...]
    idle_timeout: float = 60.0
    countdown: float = 20.0
    seconds_per_slide: float = 9.0
    #: The attract loop; empty when the exhibit defines none, and the loop shows its title alone.
    slides: tuple[SlideSummary, ...] = ()


_SLIDE_TEXTS = ("alt", "credit", "headline", "quote", "attribution", "caption")


def summarize(exhibit: "Exhibit") -> ExhibitSummary:
    return ExhibitSummary(
        title=exhibit.title,
        subtitle=exhibit.subtitle,
        invitation=exhibit.invitation,
        languages=exhibit.languages,
        theme=exhibit.theme.model_dump(),
        sections=tuple(
            SectionSummary(
                id=section.id,
                title=section.title,
                teaser=section.teaser,
                side=section.side,
                tile_image=section.tile_image.path if section.tile_image else None,
                panel_count=len(section.panels),
            )
            for section in exhibit.sections
        ),
        idle_timeout=exhibit.timing.idle_timeout,
        countdown=exhibit.timing.countdown,
        seconds_per_slide=exhibit.attract.seconds_per_slide if exhibit.attract else 9.0,
        slides=tuple(
            SlideSummary(
                image=slide.image.path,
                **{name: getattr(slide, name) for name in _SLIDE_TEXTS},
                translated=slide.translated,
            )
            for slide in (exhibit.attract.slides if exhibit.attract else ())
        ),
    )


def media_paths(exhibit: "Exhibit") -> list[Path]:
    """Every image the exhibit shows, wherever it stands in the model."""
    # Imported here: this module must load without pydantic (see kiosk/content/__init__.py).
    from pydantic import BaseModel

    from kiosk.content.media import MediaFile

    def values(node: Any) -> Iterator[Any]:
        if isinstance(node, BaseModel):
            for name in type(node).model_fields:
                yield from values(getattr(node, name))
        elif isinstance(node, tuple):
            for item in node:
                yield from values(item)
        else:
            yield node

    return sorted({value.path for value in values(exhibit) if isinstance(value, MediaFile)})


def to_plain(summary: ExhibitSummary) -> dict[str, Any]:
    return {
        "title": _text(summary.title),
        "subtitle": _text(summary.subtitle),
        "invitation": _text(summary.invitation),
        "languages": list(summary.languages),
        "theme": dict(summary.theme),
        "sections": [
            {
                "id": section.id,
                "title": _text(section.title),
                "teaser": _text(section.teaser),
                "side": section.side,
                "tile_image": str(section.tile_image) if section.tile_image else None,
                "panel_count": section.panel_count,
            }
            for section in summary.sections
        ],
        "idle_timeout": summary.idle_timeout,
        "countdown": summary.countdown,
        "seconds_per_slide": summary.seconds_per_slide,
        "slides": [
            {
                "image": str(slide.image),
                **{name: _text(getattr(slide, name)) for name in _SLIDE_TEXTS},
                "translated": list(slide.translated),
            }
            for slide in summary.slides
        ],
    }


def from_plain(data: Mapping[str, Any]) -> ExhibitSummary:
    return ExhibitSummary(
        title=_localized(data["title"]),
        subtitle=_optional_localized(data["subtitle"]),
        invitation=_optional_localized(data["invitation"]),
        languages=tuple(data["languages"]),
        theme=data["theme"],
        sections=tuple(
            SectionSummary(
                id=section["id"],
                title=_localized(section["title"]),
                teaser=_localized(section["teaser"]),
                side=section["side"],
                tile_image=Path(section["tile_image"]) if section["tile_image"] else None,
                panel_count=int(section["panel_count"]),
            )
            for section in data["sections"]
        ),
        idle_timeout=float(data["idle_timeout"]),
        countdown=float(data["countdown"]),
        seconds_per_slide=float(data["seconds_per_slide"]),
        slides=tuple(
            SlideSummary(
                image=Path(slide["image"]),
                **{name: _optional_localized(slide[name]) for name in _SLIDE_TEXTS},
                translated=tuple(slide.get("translated", ())),
            )
            for slide in data["slides"]
        ),
    )


def _text(value: Localized | None) -> list[list[str]] | None:
    return None if value is None else [list(pair) for pair in value.by_language]


def _localized(value: list[list[str]]) -> Localized:
    return Localized(tuple((code, text) for code, text in value))


def _optional_localized(value: list[list[str]] | None) -> Localized | None:
    return None if value is None else _localized(value)

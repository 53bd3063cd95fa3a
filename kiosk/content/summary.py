"""What the home screen shows of an exhibit, as plain data that can be kept between runs."""

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content import bounds
from kiosk.content.localized import ANY_LANGUAGE, LANGUAGE_CODE, Localized, in_language

if TYPE_CHECKING:
    from kiosk.content.media import Picture
    from kiosk.content.models import Exhibit
    from kiosk.content.video import Film


#: A picture's file by language code, as `Picture` has them ("*": the one for every language).
PicturePaths = tuple[tuple[str, Path], ...]


def picture_in(paths: PicturePaths | None, language: str, fallbacks: tuple[str, ...] = ()) -> Path | None:
    """The picture a visitor reading `language` sees, or None where there is none."""
    return None if not paths else in_language(paths, language, fallbacks, paths[0][1])


@dataclass(frozen=True)
class SectionSummary:
    id: str
    title: Localized
    teaser: Localized
    side: str
    tile_image: PicturePaths | None
    panel_count: int


@dataclass(frozen=True)
class SlideSummary:
    image: PicturePaths
    alt: Localized
    credit: Localized
    headline: Localized | None
    quote: Localized | None
    attribution: Localized | None
    caption: Localized | None
    #: Languages in which the slide's words are the exhibit's own translation.
    translated: tuple[str, ...] = ()
    #: The film looping over the picture, by language as a picture's files; None without one.
    video: PicturePaths | None = None


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
    #: The title as the attract loop's top line shows it, when the exhibit gives one.
    short_title: Localized | None = None


_SLIDE_TEXTS = ("alt", "credit", "headline", "quote", "attribution", "caption")


def summarize(exhibit: "Exhibit") -> ExhibitSummary:
    return ExhibitSummary(
        title=exhibit.title,
        short_title=exhibit.short_title,
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
                tile_image=_paths(section.tile_image) if section.tile_image else None,
                panel_count=len(section.panels),
            )
            for section in exhibit.sections
        ),
        idle_timeout=exhibit.timing.idle_timeout,
        countdown=exhibit.timing.countdown,
        seconds_per_slide=exhibit.attract.seconds_per_slide if exhibit.attract else 9.0,
        slides=tuple(
            SlideSummary(
                image=_paths(slide.image),
                **{name: getattr(slide, name) for name in _SLIDE_TEXTS},
                translated=slide.translated,
                video=_paths(slide.video) if slide.video else None,
            )
            for slide in (exhibit.attract.slides if exhibit.attract else ())
        ),
    )


def _paths(picture: "Picture | Film") -> PicturePaths:
    return tuple((code, media.path) for code, media in picture.by_language)


def media_paths(exhibit: "Exhibit") -> list[Path]:
    """Every image and film the exhibit shows, wherever it stands in the model."""
    # Imported here: this module must load without pydantic (see kiosk/content/__init__.py).
    from pydantic import BaseModel

    from kiosk.content.media import Picture
    from kiosk.content.video import Film

    def values(node: Any) -> Iterator[Any]:
        if isinstance(node, BaseModel):
            for name in type(node).model_fields:
                yield from values(getattr(node, name))
        elif isinstance(node, tuple):
            for item in node:
                yield from values(item)
        else:
            yield node

    return sorted(
        {
            media.path
            for value in values(exhibit)
            if isinstance(value, Picture | Film)
            for media in value.files()
        }
    )


def to_plain(summary: ExhibitSummary) -> dict[str, Any]:
    return {
        "title": _text(summary.title),
        "short_title": _text(summary.short_title),
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
                "tile_image": _plain_paths(section.tile_image) if section.tile_image else None,
                "panel_count": section.panel_count,
            }
            for section in summary.sections
        ],
        "idle_timeout": summary.idle_timeout,
        "countdown": summary.countdown,
        "seconds_per_slide": summary.seconds_per_slide,
        "slides": [
            {
                "image": _plain_paths(slide.image),
                **{name: _text(getattr(slide, name)) for name in _SLIDE_TEXTS},
                "translated": list(slide.translated),
                "video": _plain_paths(slide.video) if slide.video else None,
            }
            for slide in summary.slides
        ],
    }


class SummaryError(ValueError):
    """A summary read back from disk that no validated exhibit could have produced."""


def from_plain(data: Any, allowed: Callable[[Path], bool] = lambda _path: True) -> ExhibitSummary:
    """The summary `to_plain` gave, checked as strictly as the model checks what curators write.

    A summary is read back from a cache that may have been damaged or edited since it was written:
    every value must be of its type and within the exhibit's bounds, and every picture a file that
    `allowed` accepts (inside the exhibit). Raises SummaryError, saying what is wrong, otherwise.
    """
    document = _mapping(data, "the summary")
    languages = tuple(_language(code, "languages") for code in _list(document, "languages"))
    if not languages or len(set(languages)) != len(languages):
        raise SummaryError("languages: expected one or more languages, each once")
    sections = _list(document, "sections")
    if not 1 <= len(sections) <= bounds.MAX_SECTIONS:
        raise SummaryError(f"sections: expected 1 to {bounds.MAX_SECTIONS}, found {len(sections)}")
    slides = _list(document, "slides")
    if len(slides) > bounds.MAX_SLIDES:
        raise SummaryError(f"slides: expected at most {bounds.MAX_SLIDES}, found {len(slides)}")
    section_summaries = tuple(_section(section, allowed) for section in sections)
    if len({section.id for section in section_summaries}) != len(section_summaries):
        raise SummaryError("sections: two sections have the same id")
    theme = _theme(document.get("theme"))
    sides = {*theme["accents"], *bounds.SIDES_OF_EVERY_EXHIBIT}
    if any(section.side not in sides for section in section_summaries):
        raise SummaryError("sections: a section's side is none of the theme's accents")
    return ExhibitSummary(
        title=_localized(document, "title"),
        short_title=_optional_localized(document, "short_title"),
        subtitle=_optional_localized(document, "subtitle"),
        invitation=_optional_localized(document, "invitation"),
        languages=languages,
        theme=theme,
        sections=section_summaries,
        idle_timeout=_seconds(document, "idle_timeout", bounds.IDLE_TIMEOUT_S),
        countdown=_seconds(document, "countdown", bounds.COUNTDOWN_S),
        seconds_per_slide=_seconds(document, "seconds_per_slide", bounds.SECONDS_PER_SLIDE),
        slides=tuple(_slide(slide, allowed) for slide in slides),
    )


def _section(data: Any, allowed: Callable[[Path], bool]) -> SectionSummary:
    section = _mapping(data, "a section")
    identifier = section.get("id")
    if not (
        isinstance(identifier, str)
        and bounds.IDENTIFIER.match(identifier)
        and len(identifier) <= bounds.IDENTIFIER_MAX_LENGTH
    ):
        raise SummaryError(f"a section's id is not an identifier: {identifier!r:.60}")
    side = section.get("side")
    if not (isinstance(side, str) and bounds.IDENTIFIER.match(side)):
        raise SummaryError(f"section {identifier}: side is not an identifier")
    panels = section.get("panel_count")
    if type(panels) is not int or not 1 <= panels <= bounds.MAX_PANELS:
        raise SummaryError(f"section {identifier}: expected 1 to {bounds.MAX_PANELS} panels")
    image = section.get("tile_image")
    return SectionSummary(
        id=identifier,
        title=_localized(section, "title"),
        teaser=_localized(section, "teaser"),
        side=side,
        tile_image=None if image is None else _pictures(image, allowed),
        panel_count=panels,
    )


def _slide(data: Any, allowed: Callable[[Path], bool]) -> SlideSummary:
    slide = _mapping(data, "a slide")
    translated = tuple(_language(code, "a slide's translated") for code in slide.get("translated", ()))
    video = slide.get("video")
    return SlideSummary(
        image=_pictures(slide.get("image"), allowed),
        alt=_localized(slide, "alt"),
        credit=_localized(slide, "credit"),
        **{name: _optional_localized(slide, name) for name in _SLIDE_TEXTS[2:]},
        translated=translated,
        video=None if video is None else _pictures(video, allowed),
    )


def _theme(data: Any) -> Mapping[str, Any]:
    theme = _mapping(data, "the theme")
    expected = {*bounds.PALETTE_KEYS, "accents", "fonts", "high_contrast"}
    if set(theme) != expected:
        raise SummaryError("theme: its keys are not the theme's")
    for key in bounds.PALETTE_KEYS:
        _colour(theme[key], f"theme.{key}")
    accents = _mapping(theme["accents"], "theme.accents")
    if not bounds.ACCENTS[0] <= len(accents) <= bounds.ACCENTS[1]:
        raise SummaryError("theme.accents: expected one or two accents")
    for name, colour in accents.items():
        if not bounds.IDENTIFIER.match(name):
            raise SummaryError("theme.accents: an accent's name is not an identifier")
        _colour(colour, f"theme.accents.{name}")
    fonts = _mapping(theme["fonts"], "theme.fonts")
    if set(fonts) != set(bounds.FONT_ROLES) or not all(
        isinstance(family, str) and 0 < len(family) <= _MAX_FONT_NAME for family in fonts.values()
    ):
        raise SummaryError("theme.fonts: expected a font family for each role")
    high_contrast = _mapping(theme["high_contrast"], "theme.high_contrast")
    if set(high_contrast) != {*bounds.PALETTE_KEYS, "accents"}:
        raise SummaryError("theme.high_contrast: its keys are not the theme's")
    for key in bounds.PALETTE_KEYS:
        if high_contrast[key] is not None:
            _colour(high_contrast[key], f"theme.high_contrast.{key}")
    for name, colour in _mapping(high_contrast["accents"], "theme.high_contrast.accents").items():
        if name not in accents:
            raise SummaryError("theme.high_contrast.accents: names an accent the theme lacks")
        _colour(colour, f"theme.high_contrast.accents.{name}")
    return theme


_MAX_FONT_NAME = 200
#: Longer than any text a house rule lets through; a summary's text longer still is damage.
_MAX_TEXT = 20_000


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise SummaryError(f"{what}: expected a mapping")
    return value


def _list(document: Mapping[str, Any], key: str) -> list[Any]:
    value = document.get(key)
    if not isinstance(value, list):
        raise SummaryError(f"{key}: expected a list")
    return value


def _language(code: Any, where: str) -> str:
    if not (isinstance(code, str) and LANGUAGE_CODE.match(code)):
        raise SummaryError(f"{where}: {code!r:.40} is not a language code")
    return code


def _colour(value: Any, where: str) -> str:
    if not (isinstance(value, str) and bounds.COLOR.match(value)):
        raise SummaryError(f"{where}: expected a colour such as #1F3A66")
    return value


def _seconds(document: Mapping[str, Any], key: str, allowed: tuple[float, float]) -> float:
    value = document.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not allowed[0] <= value <= allowed[1]:
        raise SummaryError(f"{key}: expected {allowed[0]:g} to {allowed[1]:g} seconds")
    return float(value)


def _plain_paths(paths: PicturePaths) -> list[list[str]]:
    return [[code, str(path)] for code, path in paths]


def _pictures(value: Any, allowed: Callable[[Path], bool]) -> PicturePaths:
    if not isinstance(value, list) or not value:
        raise SummaryError("a picture is not a list of paths by language")
    pictures = []
    for pair in value:
        if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)):
            raise SummaryError("a picture is not a list of paths by language")
        code, path = pair
        if code != ANY_LANGUAGE:
            _language(code, "a picture")
        pictures.append((code, _picture(path, allowed)))
    return tuple(pictures)


def _picture(value: Any, allowed: Callable[[Path], bool]) -> Path:
    if not isinstance(value, str) or not value or "\0" in value:
        raise SummaryError("a picture's path is not a path")
    path = Path(value)
    if not path.is_absolute() or not allowed(path):
        raise SummaryError(f"the picture {value:.200} is not one of the exhibit's")
    return path


def _optional_localized(document: Mapping[str, Any], key: str) -> Localized | None:
    return None if document.get(key) is None else _localized(document, key)


def _localized(document: Mapping[str, Any], key: str) -> Localized:
    value = document.get(key)
    if not isinstance(value, list) or not value:
        raise SummaryError(f"{key}: expected text by language")
    pairs = []
    for pair in value:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(part, str) for part in pair)):
            raise SummaryError(f"{key}: expected text by language")
        code, text = pair
        if code != ANY_LANGUAGE:
            _language(code, key)
        if not text.strip() or len(text) > _MAX_TEXT:
            raise SummaryError(f"{key}: its text is empty or far too long")
        pairs.append((code, text))
    return Localized(tuple(pairs))


def _text(value: Localized | None) -> list[list[str]] | None:
    return None if value is None else [list(pair) for pair in value.by_language]

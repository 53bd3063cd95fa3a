"""The exhibit as typed, immutable models. Validation is strict: unknown keys are errors."""

import re
from collections.abc import Iterator, Mapping
from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema
from pydantic_core import PydanticCustomError

from kiosk.content import bounds
from kiosk.content.captions import (
    CaptionError,
    CaptionTrack,
    Cue,
    format_time,
    order_problems,
    parse_time,
    read_webvtt,
)
from kiosk.content.dates import date_bounds
from kiosk.content.glossary import mark_problem, terms_used
from kiosk.content.localized import ANY_LANGUAGE, LANGUAGE_CODE, Localized, describe_value, parse_localized
from kiosk.content.markdown import check_markdown, find_markup
from kiosk.content.media import (
    AudioFile,
    MediaError,
    MediaFile,
    MediaRoots,
    Picture,
    resolve_audio,
    resolve_captions_file,
    resolve_media,
    resolve_video_file,
)
from kiosk.content.phrases import EXCERPT_GAP, excerpt_pieces, find_phrase
from kiosk.content.video import Film, VideoError, VideoFile, probe_video

_LOCALIZED_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "patternProperties": {"^[a-z]{2,3}(-[A-Z]{2})?$": {"type": "string", "minLength": 1}},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ]
}


def _localized(value: Any) -> Localized:
    try:
        return parse_localized(value)
    except ValueError as error:
        raise PydanticCustomError("localized_text", str(error)) from None


def _validate_text(value: Any) -> Localized:
    """Plain text, shown exactly as written: it may not hold HTML tags or entities."""
    text = _localized(value)
    for language, body in text.by_language:
        if (markup := find_markup(body)) is not None:
            # The loader points at the language's text, and at the markup within it.
            raise PydanticCustomError(
                "plain_text_markup",
                markup.in_plain_text(),
                {"language": language, "fragment": markup.fragment},
            )
        if marks := terms_used(body):
            raise PydanticCustomError(
                "plain_text_markup",
                f"'{marks[0].written}' marks a glossary term, which only a body, intro, context or "
                "note can do: this text is shown exactly as written, brackets and all; write the "
                "words alone",
                {"language": language, "fragment": marks[0].written},
            )
    return text


def _validate_markdown(value: Any) -> Localized:
    text = _localized(value)
    for language, body in text.by_language:
        if (problem := mark_problem(body)) is not None:
            # The loader points at the mark itself, as at markup in plain text.
            raise PydanticCustomError(
                "term_mark", problem.reason, {"language": language, "fragment": problem.written}
            )
        if reason := check_markdown(body):
            raise PydanticCustomError("markdown", reason)
    return text


def _validate_definition(value: Any) -> Localized:
    text = _validate_markdown(value)
    for language, body in text.by_language:
        if marks := terms_used(body):
            raise PydanticCustomError(
                "term_mark",
                f"'{marks[0].written}' marks a term inside a definition, which is read in a card of "
                "its own: write the words alone",
                {"language": language, "fragment": marks[0].written},
            )
    return text


def _serialize_localized(value: Localized) -> Any:
    table = dict(value.by_language)
    return table["*"] if list(table) == ["*"] else table


def _validate_media(value: Any, info: ValidationInfo, *, page: bool = False) -> Picture:
    """One path for every language, or a map of language codes to paths, as text may be written."""
    if isinstance(value, Picture):
        return value
    roots = (info.context or {}).get("media_roots")
    if isinstance(value, Mapping):
        if not value:
            raise PydanticCustomError(
                "media", "expected a file path or a map of languages to paths, found an empty map"
            )
        pictures = []
        for code, source in value.items():
            if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
                raise PydanticCustomError(
                    "media", f"'{code}' is not a language code; use codes such as 'en' or 'ru'"
                )
            pictures.append((code, _resolve_picture(source, roots, page, code)))
        return Picture(tuple(pictures))
    return Picture.plain(_resolve_picture(value, roots, page, None))


def _resolve_picture(value: Any, roots: Any, page: bool, language: str | None) -> MediaFile:
    # The loader points at the language's path in a map of languages (the context's language).
    where = None if language is None else {"language": language}
    if not isinstance(value, str):
        raise PydanticCustomError(
            "media",
            f"expected a file path{' or a map of languages to paths' if language is None else ''}, "
            f"found {describe_value(value)}",
            where,
        )
    if not isinstance(roots, MediaRoots):
        raise PydanticCustomError("media", "media cannot be checked without the exhibit folder")
    try:
        return resolve_media(value, roots, page=page)
    except MediaError as error:
        raise PydanticCustomError("media", str(error), where) from None


def _validate_page(value: Any, info: ValidationInfo) -> Picture:
    return _validate_media(value, info, page=True)


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _validate_date(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not (match := _DATE.match(value)):
        raise PydanticCustomError(
            "historical_date",
            f"expected a date written YYYY-MM-DD, YYYY-MM or YYYY (such as 1933-11-16), "
            f"found {describe_value(value) if not isinstance(value, str) else repr(value)}",
        )
    month, day = match.group(2), match.group(3)
    if month and not 1 <= int(month) <= 12:
        raise PydanticCustomError("historical_date", f"month {month} does not exist in {value!r}")
    if day and not 1 <= int(day) <= 31:
        raise PydanticCustomError("historical_date", f"day {day} does not exist in {value!r}")
    return value


Text = Annotated[
    Localized,
    PlainValidator(_validate_text),
    PlainSerializer(_serialize_localized),
    WithJsonSchema(_LOCALIZED_SCHEMA),
]
Markdown = Annotated[
    Localized,
    PlainValidator(_validate_markdown),
    PlainSerializer(_serialize_localized),
    WithJsonSchema(_LOCALIZED_SCHEMA),
]
#: A glossary definition: Markdown without marked terms of its own.
Definition = Annotated[
    Localized,
    PlainValidator(_validate_definition),
    PlainSerializer(_serialize_localized),
    WithJsonSchema(_LOCALIZED_SCHEMA),
]
_PICTURE_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "patternProperties": {"^[a-z]{2,3}(-[A-Z]{2})?$": {"type": "string", "minLength": 1}},
            "additionalProperties": False,
            "minProperties": 1,
        },
    ]
}
#: A picture: one path for every language, or one per language ({en: map-en.svg, ru: map-ru.svg}).
Media = Annotated[
    Picture,
    PlainValidator(_validate_media),
    PlainSerializer(Picture.serialized),
    WithJsonSchema(_PICTURE_SCHEMA),
]
#: A page of a document: cut into tiles, so it may be larger than a picture (see kiosk.content.pictures).
PageMedia = Annotated[
    Picture,
    PlainValidator(_validate_page),
    PlainSerializer(Picture.serialized),
    WithJsonSchema(_PICTURE_SCHEMA),
]
HistoricalDate = Annotated[
    str, PlainValidator(_validate_date), WithJsonSchema({"type": ["string", "integer"]})
]
Color = Annotated[str, StringConstraints(pattern=bounds.COLOR.pattern)]
Identifier = Annotated[
    str, StringConstraints(pattern=bounds.IDENTIFIER.pattern, max_length=bounds.IDENTIFIER_MAX_LENGTH)
]
LanguageCode = Annotated[str, StringConstraints(pattern=LANGUAGE_CODE.pattern)]

#: Which side of the story an item belongs to: one of the exhibit's accents by name (see
#: `Theme.accents`), or "both" or "none". It picks the colour used sparingly for the item.
Side = Identifier
SIDES_OF_EVERY_EXHIBIT = bounds.SIDES_OF_EVERY_EXHIBIT

#: How many sections a home screen has room for, and panels a section's progress dots.
MAX_SECTIONS = bounds.MAX_SECTIONS
MAX_PANELS = bounds.MAX_PANELS


def at_most(limit: int, reason: str) -> Any:
    """A list's upper bound, checked after its items so that their problems are all reported too.

    (A bound given to Field stops validation at the first item too many.)
    """

    def check(items: tuple[Any, ...]) -> tuple[Any, ...]:
        if len(items) > limit:
            raise PydanticCustomError(
                "too_many", f"allows at most {limit} items, found {len(items)}: {reason}"
            )
        return items

    return Field(json_schema_extra={"maxItems": limit}), AfterValidator(check)


class KioskModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=False)


class Fonts(KioskModel):
    display: str = "Noto Serif"
    body: str = "Noto Serif"
    interface: str = "Noto Sans"
    typewriter: str = "Courier Prime"


class HighContrast(KioskModel):
    """The palette shown to visitors who ask for larger text and high contrast.

    Every colour left out has a default made for the purpose (kiosk/content/contrast.py: white
    paper, black ink); an accent left out is the exhibit's own, darkened to 7:1 on the paper.
    """

    paper: Color | None = None
    paper_shade: Color | None = None
    card: Color | None = None
    ink: Color | None = None
    ink_soft: Color | None = None
    rule: Color | None = None
    accents: dict[Identifier, Color] = Field(default_factory=dict)


class Theme(KioskModel):
    """The exhibit's palette and type, defined once and used by every screen."""

    paper: Color = "#F3ECDF"
    paper_shade: Color = "#E7DCC8"
    card: Color = "#FBF7EF"
    ink: Color = "#1E1A17"
    ink_soft: Color = "#4F463E"
    #: Dividers, and the outline of buttons and cards: at least 3:1 against paper and card.
    rule: Color = "#8E8270"
    #: One or two accents, used sparingly, each named for the side of the story it marks (items
    #: say `side: <name>`); the first is also the colour of focus and of the title's first bar.
    accents: Annotated[
        dict[Identifier, Color], Field(min_length=bounds.ACCENTS[0], max_length=bounds.ACCENTS[1])
    ] = Field(default_factory=lambda: {"first": "#1F3A66", "second": "#9E2B25"})
    fonts: Fonts = Fonts()
    high_contrast: HighContrast = HighContrast()

    @field_validator("accents")
    @classmethod
    def _not_a_reserved_name(cls, accents: dict[str, str]) -> dict[str, str]:
        for name in accents:
            if name in SIDES_OF_EVERY_EXHIBIT:
                raise PydanticCustomError(
                    "reserved_side", f"'{name}' is a side of every exhibit; name the accent otherwise"
                )
        return accents

    @model_validator(mode="after")
    def _high_contrast_accents_are_the_themes(self) -> "Theme":
        for name in self.high_contrast.accents:
            if name not in self.accents:
                raise PydanticCustomError(
                    "high_contrast_accent",
                    f"high_contrast names an accent '{name}' that the theme does not have; "
                    f"its accents are: {', '.join(self.accents)}",
                )
        return self


def _media_roots(info: ValidationInfo, what: str) -> MediaRoots:
    roots = (info.context or {}).get("media_roots")
    if not isinstance(roots, MediaRoots):
        raise PydanticCustomError("media", f"{what} cannot be checked without the exhibit folder")
    return roots


def _validate_audio(value: Any, info: ValidationInfo) -> AudioFile:
    if isinstance(value, AudioFile):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("audio", f"expected a sound file's path, found {describe_value(value)}")
    try:
        return resolve_audio(value, _media_roots(info, "sound files"))
    except MediaError as error:
        raise PydanticCustomError("audio", str(error)) from None


def _validate_narration_captions(value: Any, info: ValidationInfo) -> CaptionTrack:
    return _validate_captions(value, info, cues_in_yaml=True)


def _validate_film_captions(value: Any, info: ValidationInfo) -> CaptionTrack:
    return _validate_captions(value, info, cues_in_yaml=False)


def _validate_captions(value: Any, info: ValidationInfo, *, cues_in_yaml: bool) -> CaptionTrack:
    if isinstance(value, CaptionTrack):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError(
            "captions", f"expected the path of a WebVTT (.vtt) file, found {describe_value(value)}"
        )
    try:
        path = resolve_captions_file(value, _media_roots(info, "caption files"), cues_in_yaml=cues_in_yaml)
        return CaptionTrack(value, path, read_webvtt(path))
    except MediaError as error:
        raise PydanticCustomError("captions", str(error)) from None
    except CaptionError as error:
        raise PydanticCustomError("captions", error.located(value)) from None


def _validate_cue_time(value: Any) -> float:
    try:
        return parse_time(value)
    except ValueError as error:
        raise PydanticCustomError("cue_time", str(error)) from None


Audio = Annotated[
    AudioFile,
    PlainValidator(_validate_audio),
    PlainSerializer(lambda audio: audio.source),
    WithJsonSchema({"type": "string", "minLength": 1}),
]
_CAPTIONS_FILE_SCHEMA = WithJsonSchema({"type": "string", "pattern": r"\.[vV][tT][tT]$"})
#: A narration's WebVTT file (its cues may be written in the YAML instead).
NarrationCaptions = Annotated[
    CaptionTrack,
    PlainValidator(_validate_narration_captions),
    PlainSerializer(lambda track: track.source),
    _CAPTIONS_FILE_SCHEMA,
]
#: A film's WebVTT file for one language.
FilmCaptions = Annotated[
    CaptionTrack,
    PlainValidator(_validate_film_captions),
    PlainSerializer(lambda track: track.source),
    _CAPTIONS_FILE_SCHEMA,
]
CueTime = Annotated[
    float,
    PlainValidator(_validate_cue_time),
    WithJsonSchema({"type": ["number", "string"]}),
]


def _validate_video(value: Any, info: ValidationInfo) -> Film:
    """A film for every language, or a map of language codes to films, as a picture may be written."""
    if isinstance(value, Film):
        return value
    if isinstance(value, Mapping):
        if not value:
            raise PydanticCustomError(
                "video", "expected a film's path or a map of languages to paths, found an empty map"
            )
        films = []
        for code, source in value.items():
            if not isinstance(code, str) or not LANGUAGE_CODE.match(code):
                raise PydanticCustomError(
                    "video", f"'{code}' is not a language code; use codes such as 'en' or 'ru'"
                )
            films.append((code, _resolve_film(source, info, code)))
        return Film(tuple(films))
    return Film.plain(_resolve_film(value, info, None))


def _resolve_film(value: Any, info: ValidationInfo, language: str | None) -> VideoFile:
    # As a picture's: the loader points at the language's path in a map of languages.
    where = None if language is None else {"language": language}
    if not isinstance(value, str):
        raise PydanticCustomError(
            "video",
            f"expected a film's path{' or a map of languages to paths' if language is None else ''}, "
            f"found {describe_value(value)}",
            where,
        )
    try:
        return probe_video(value, resolve_video_file(value, _media_roots(info, "films")))
    except (MediaError, VideoError) as error:
        raise PydanticCustomError("video", str(error), where) from None


def _validate_track_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PydanticCustomError(
            "track_number",
            f"expected the number of one of the film's audio tracks, counted from 0, found "
            f"{describe_value(value)}",
        )
    return value


def _validate_description(value: Any, info: ValidationInfo) -> int | AudioFile:
    """An audio description: a track of the film (its number), or a sound file of its own."""
    if isinstance(value, int | AudioFile) and not isinstance(value, bool):
        return _validate_track_number(value) if isinstance(value, int) else value
    if isinstance(value, str):
        return _validate_audio(value, info)
    raise PydanticCustomError(
        "description",
        "expected the number of one of the film's audio tracks (counted from 0) or a sound file's "
        f"path, found {describe_value(value)}",
    )


#: A film: one path for every language, or one per language ({en: film-en.mp4, ru: film-ru.mp4}).
Video = Annotated[
    Film,
    PlainValidator(_validate_video),
    PlainSerializer(Film.serialized),
    WithJsonSchema(_PICTURE_SCHEMA),
]
#: One of a film's audio tracks, counted from 0 among its audio tracks.
TrackNumber = Annotated[
    int, PlainValidator(_validate_track_number), WithJsonSchema({"type": "integer", "minimum": 0})
]
#: A described version of a film's sound: one of its audio tracks, or a sound file as long as it.
Description = Annotated[
    int | AudioFile,
    PlainValidator(_validate_description),
    PlainSerializer(lambda value: value if isinstance(value, int) else value.source),
    WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "minLength": 1}]}),
]


#: Encoders pad a sound's end, so a caption may outlast the sound by a little.
CAPTION_OVERRUN_S = 0.5


class CaptionCue(KioskModel):
    """Words shown while they are spoken: from `start` to `end`, in seconds or mm:ss.mmm."""

    start: CueTime
    end: CueTime
    text: Text


class Narration(KioskModel):
    """A recording read over the panel, never without its captions: a .vtt file or cues written here."""

    audio: Audio
    captions: NarrationCaptions | None = None
    cues: Annotated[tuple[CaptionCue, ...], Field(min_length=1, max_length=2000)] | None = None
    credit: Text

    @field_validator("cues")
    @classmethod
    def _cues_in_order(cls, cues: tuple[CaptionCue, ...] | None) -> tuple[CaptionCue, ...] | None:
        timed = [Cue(cue.start, cue.end, "", number) for number, cue in enumerate(cues or (), start=1)]
        for cue, message in order_problems(timed):
            raise PydanticCustomError("cue_order", f"cue {cue.line}: {message}")
        return cues

    @model_validator(mode="after")
    def _has_captions(self) -> "Narration":
        if self.captions is None and self.cues is None:
            raise PydanticCustomError(
                "narration_captions",
                "a narration needs captions, for visitors who cannot hear it: give captions: "
                "(a WebVTT .vtt file) or cues: (a list of start, end and text)",
            )
        if self.captions is not None and self.cues is not None:
            raise PydanticCustomError("narration_captions", "give captions: (a .vtt file) or cues:, not both")
        duration = self.audio.duration
        if self.captions is not None:
            last_end = self.captions.cues[-1].end
            where = f"in {self.captions.source}, line {self.captions.cues[-1].line}: "
        else:
            cues = self.cues or ()
            last_end, where = cues[-1].end, f"cue {len(cues)}: "
        if duration is not None and last_end > duration + CAPTION_OVERRUN_S:
            raise PydanticCustomError(
                "narration_length",
                f"{where}the last caption ends at {format_time(last_end)}, after the sound "
                f"'{self.audio.source}' ends ({format_time(duration)})",
            )
        return self


#: How pydantic's errors name the two forms of a panel's narration (the loader steps over them).
ONE_NARRATION, NARRATION_PER_LANGUAGE = "one-narration", "narration-per-language"
NARRATION_FORMS = (ONE_NARRATION, NARRATION_PER_LANGUAGE)


def _narration_form(value: Any) -> str:
    """A map whose keys are all language codes holds a narration per language; else it is one."""
    if (
        isinstance(value, Mapping)
        and value
        and all(isinstance(key, str) and LANGUAGE_CODE.match(key) for key in value)
    ):
        return NARRATION_PER_LANGUAGE
    return ONE_NARRATION


#: One narration for every language, or one per language code ({en: {audio: ...}, ru: {...}}).
PanelNarration = Annotated[
    Annotated[Narration, Tag(ONE_NARRATION)]
    | Annotated[
        Annotated[
            dict[LanguageCode, Narration],
            Field(min_length=1, json_schema_extra={"additionalProperties": False}),
        ],
        Tag(NARRATION_PER_LANGUAGE),
    ],
    Discriminator(_narration_form),
]


def narrations(narration: "PanelNarration | None") -> Iterator[tuple[str | None, Narration]]:
    """Each narration a panel has, with its language code (None: one narration for every language)."""
    if isinstance(narration, Narration):
        yield None, narration
    elif narration is not None:
        yield from narration.items()


def narration_in(narration: "PanelNarration | None", languages: tuple[str, ...]) -> Narration | None:
    """The panel's narration in the first of `languages` it has, else in any; None without one."""
    if narration is None or isinstance(narration, Narration):
        return narration
    return next((narration[code] for code in languages if code in narration), next(iter(narration.values())))


class PanelBase(KioskModel):
    title: Text
    kicker: Text | None = None
    side: Side = "none"
    #: A recording read over the panel, with its captions; the panel shows a Listen control. One
    #: narration serves every language; a map of language codes gives each language its own.
    narration: PanelNarration | None = None


def _picture_and_its_words(image: Any, alt: Any, credit: Any, what: str) -> None:
    """An optional picture comes with alt text and a credit, and they never come without it."""
    if image is not None and (alt is None or credit is None):
        raise PydanticCustomError(
            "picture_words", f"{what} needs alt (what it shows) and credit (where it is from)"
        )
    if image is None and (alt is not None or credit is not None):
        raise PydanticCustomError("picture_words", "alt and credit describe an image; give the image too")


class TextPanel(PanelBase):
    kind: Literal["text"]
    body: Markdown
    #: An optional picture shown beside the words (in portrait, under them), with its alt text
    #: and credit as an image panel's.
    image: Media | None = None
    alt: Text | None = None
    credit: Text | None = None
    #: `sources`: a panel of sources and credits, its body set at caption size.
    style: Literal["body", "sources"] = "body"

    @model_validator(mode="after")
    def _picture(self) -> "TextPanel":
        _picture_and_its_words(self.image, self.alt, self.credit, "a text panel's image")
        return self


class ImagePanel(PanelBase):
    kind: Literal["image"]
    image: Media
    alt: Text
    caption: Text
    credit: Text
    body: Markdown | None = None


class VideoPanel(PanelBase):
    """A film, with its poster, captions per language, and optionally a described sound track."""

    kind: Literal["video"]
    video: Video
    #: Shown until the film is played, and in its place when it cannot play.
    poster: Media
    alt: Text
    caption: Text
    credit: Text
    #: A WebVTT file per language; needed in every language of a film with sound, unless the
    #: file carries a subtitle track in that language.
    captions: dict[LanguageCode, FilmCaptions] = Field(default_factory=dict)
    #: Which of the file's audio tracks speaks each language (counted from 0); by default its only one.
    audio: dict[LanguageCode, TrackNumber] = Field(default_factory=dict)
    #: A described sound per language: a track of the file, or a sound file as long as the film.
    description: dict[LanguageCode, Description] = Field(default_factory=dict)
    #: An ambient loop: muted, without controls, starting by itself (not under reduced motion).
    loop: bool = False
    body: Markdown | None = None

    @model_validator(mode="after")
    def _no_narration(self) -> "VideoPanel":
        if self.narration is not None:
            raise PydanticCustomError(
                "video_narration",
                "a film carries its own sound: give a video panel no narration; a spoken version goes "
                "in the film's audio tracks (audio:), a described one under description:",
            )
        return self


class QuotePanel(PanelBase):
    kind: Literal["quote"]
    text: Text
    attribution: Text
    source: Text
    date: HistoricalDate | None = None
    context: Markdown | None = None
    #: Languages in which these words are a translation made for the exhibit, not the words the
    #: source itself printed; the screen says so beside them.
    translated: tuple[LanguageCode, ...] = ()


class TimelineEvent(KioskModel):
    """Something that happened on a day, in a month, in a year, or over a span (`date` to `end`)."""

    date: HistoricalDate
    end: HistoricalDate | None = None
    date_label: Text | None = None
    title: Text
    text: Text | None = None
    image: Media | None = None
    alt: Text | None = None
    credit: Text | None = None
    source: Text | None = None
    side: Side = "none"

    @model_validator(mode="after")
    def _span_and_picture(self) -> "TimelineEvent":
        if self.end is not None and date_bounds(self.end)[1] <= date_bounds(self.date)[0]:
            raise PydanticCustomError(
                "timeline_span", f"an event's end ({self.end}) must come after its date ({self.date})"
            )
        _picture_and_its_words(self.image, self.alt, self.credit, "an event's image")
        return self


class Era(KioskModel):
    """A band behind a stretch of the timeline, named for the period it marks."""

    title: Text
    start: HistoricalDate = Field(alias="from")
    end: HistoricalDate = Field(alias="to")
    side: Side = "none"

    @model_validator(mode="after")
    def _forwards(self) -> "Era":
        if date_bounds(self.end)[1] <= date_bounds(self.start)[0]:
            raise PydanticCustomError(
                "era_span", f"an era must end ({self.end}) after it begins ({self.start})"
            )
        return self


class TimelinePanel(PanelBase):
    kind: Literal["timeline"]
    intro: Markdown | None = None
    eras: Annotated[tuple[Era, ...], *at_most(6, "a timeline is banded into at most 6 eras")] = ()
    events: Annotated[tuple[TimelineEvent, ...], *at_most(24, "a timeline shows at most 24 events")] = Field(
        min_length=2
    )

    @field_validator("events")
    @classmethod
    def _in_order(cls, events: tuple[TimelineEvent, ...]) -> tuple[TimelineEvent, ...]:
        for earlier, later in pairwise(events):
            if later.date < earlier.date:
                raise PydanticCustomError(
                    "timeline_order",
                    f"events must be in date order: {later.date} comes after {earlier.date}",
                )
        return events

    @field_validator("eras")
    @classmethod
    def _eras_in_order(cls, eras: tuple[Era, ...]) -> tuple[Era, ...]:
        for earlier, later in pairwise(eras):
            if date_bounds(later.start)[0] < date_bounds(earlier.end)[0]:
                raise PydanticCustomError(
                    "era_order",
                    f"eras must follow one another without overlapping: {later.start} begins "
                    f"before {earlier.end}",
                )
        return eras


class Portrait(KioskModel):
    image: Media
    alt: Text
    credit: Text


class Person(KioskModel):
    name: Text
    role: Text
    dates: Text
    portrait: Portrait | None = None
    note: Text | None = None
    side: Side = "none"


class PeoplePanel(PanelBase):
    kind: Literal["people"]
    intro: Markdown | None = None
    people: Annotated[tuple[Person, ...], *at_most(6, "a panel shows at most 6 people")] = Field(min_length=1)


class DocumentPage(KioskModel):
    """One page of a letter: a scan, or a stand-in until there is one (say which in the caption)."""

    image: PageMedia
    alt: Text
    caption: Text | None = None
    credit: Text | None = None


class PageRegion(KioskModel):
    """A rectangle on one page, in the page image's pixels from its top-left corner."""

    page: int = Field(ge=1)
    x: int = Field(ge=0)
    y: int = Field(ge=0)
    width: int = Field(ge=1)
    height: int = Field(ge=1)


class Annotation(KioskModel):
    """A phrase of the transcript (and, if given, a place on the page) with a short note on it."""

    phrase: Text
    note: Text
    region: PageRegion | None = None


class Letter(KioskModel):
    """A letter: who wrote it to whom and when, its text as transcribed, and its pages."""

    #: In a pair, the side each letter speaks for (a document panel's side is the panel's own).
    side: Side = "none"
    date: HistoricalDate
    sender: Text = Field(alias="from")
    recipient: Text = Field(alias="to")
    transcript: Text
    transcript_status: Literal["full", "partial", "summary"]
    #: Languages in which the transcript is a translation made for the exhibit, not the text the
    #: source itself printed; the screen says so beside them.
    translated: tuple[LanguageCode, ...] = ()
    #: What the panel shows of a long letter: pieces of the transcript, word for word, with a line
    #: `[…]` where words are left out; the whole transcript is a tap away.
    excerpt: Text | None = None
    source: Text
    note: Markdown | None = None
    pages: Annotated[tuple[DocumentPage, ...], *at_most(12, "a letter shows at most 12 pages")] = ()
    annotations: Annotated[
        tuple[Annotation, ...], *at_most(12, "a letter carries at most 12 notes, so each stays findable")
    ] = ()


class DocumentPanel(PanelBase, Letter):
    kind: Literal["document"]


class PairPanel(PanelBase):
    """A letter and its reply side by side, paragraph beside paragraph, to compare clause by clause."""

    kind: Literal["pair"]
    intro: Markdown | None = None
    letters: tuple[Letter, ...] = Field(min_length=2, max_length=2)


class GalleryItem(KioskModel):
    image: Media
    alt: Text
    caption: Text
    credit: Text


class GalleryPanel(PanelBase):
    kind: Literal["gallery"]
    intro: Markdown | None = None
    items: Annotated[tuple[GalleryItem, ...], *at_most(12, "a gallery shows at most 12 pictures")] = Field(
        min_length=2
    )


Panel = Annotated[
    TextPanel
    | ImagePanel
    | QuotePanel
    | TimelinePanel
    | PeoplePanel
    | DocumentPanel
    | PairPanel
    | GalleryPanel
    | VideoPanel,
    Field(discriminator="kind"),
]


class Section(KioskModel):
    id: Identifier
    title: Text
    teaser: Text
    side: Side = "none"
    tile_image: Media | None = None
    panels: Annotated[
        tuple[Panel, ...],
        *at_most(MAX_PANELS, "a section holds at most 12 panels, so that its progress dots fit"),
    ] = Field(min_length=1)


class Timing(KioskModel):
    """How long the kiosk waits for a visitor before it asks, and then starts again."""

    #: Seconds without a touch before the kiosk asks whether the visitor is still there.
    idle_timeout: float = Field(default=60, ge=bounds.IDLE_TIMEOUT_S[0], le=bounds.IDLE_TIMEOUT_S[1])
    #: Seconds the "still exploring?" question stays up: at least 20, as WCAG 2.2.1 asks.
    countdown: float = Field(default=20, ge=bounds.COUNTDOWN_S[0], le=bounds.COUNTDOWN_S[1])


class AttractSlide(KioskModel):
    """One picture of the loop that plays while nobody is at the kiosk."""

    image: Media
    alt: Text
    credit: Text
    headline: Text | None = None
    quote: Text | None = None
    attribution: Text | None = None
    caption: Text | None = None
    #: Languages in which these words are a translation made for the exhibit, not the words the
    #: source itself printed; the screen says so beside them.
    translated: tuple[LanguageCode, ...] = ()
    #: A film played as an ambient loop (muted) behind the words; `image` is its poster, shown
    #: under reduced motion and whenever the film cannot play.
    video: Video | None = None

    @model_validator(mode="after")
    def _headline_or_quote(self) -> "AttractSlide":
        if (self.headline is None) == (self.quote is None):
            raise PydanticCustomError("attract_words", "a slide needs either a headline or a quote, not both")
        if self.quote is not None and self.attribution is None:
            raise PydanticCustomError(
                "attract_attribution", "a quote needs its attribution: who wrote or said it"
            )
        if self.quote is None and self.attribution is not None:
            raise PydanticCustomError("attract_attribution", "an attribution belongs to a quote")
        return self


class Attract(KioskModel):
    """The loop shown while the kiosk waits: slow pictures and an invitation to touch."""

    seconds_per_slide: float = Field(
        default=9, ge=bounds.SECONDS_PER_SLIDE[0], le=bounds.SECONDS_PER_SLIDE[1]
    )
    slides: Annotated[
        tuple[AttractSlide, ...], *at_most(bounds.MAX_SLIDES, "an attract loop has at most 12 slides")
    ] = Field(min_length=1)


class GlossaryTerm(KioskModel):
    """A word a visitor may not know, defined once in glossary.yaml (kiosk.content.glossary)."""

    #: The term as the card names it: "Alexander Kerensky", "chargé d'affaires".
    headword: Text
    #: A sentence or two, about 40 words at most, in every language of the exhibit.
    definition: Definition


#: glossary.yaml: each term by its id, the id that marks in text name ([[words|term-id]]).
Glossary = dict[Identifier, GlossaryTerm]


class Exhibit(KioskModel):
    title: Text
    #: The title as the attract loop's top line shows it, where the whole title would be cut off.
    short_title: Text | None = None
    subtitle: Text | None = None
    invitation: Text | None = None
    languages: tuple[LanguageCode, ...] = Field(default=("en",), min_length=1)
    theme: Theme = Theme()
    timing: Timing = Timing()
    attract: Attract | None = None
    sections: Annotated[
        tuple[Section, ...], *at_most(MAX_SECTIONS, "the home screen has room for at most 6 section tiles")
    ] = Field(min_length=1)
    #: Read from glossary.yaml beside exhibit.yaml, never written in it (kiosk.content.loader).
    glossary: SkipJsonSchema[Glossary] = Field(default_factory=dict)

    @field_validator("sections")
    @classmethod
    def _unique_section_ids(cls, sections: tuple[Section, ...]) -> tuple[Section, ...]:
        seen: set[str] = set()
        for section in sections:
            if section.id in seen:
                raise PydanticCustomError(
                    "duplicate_id", f"two sections have the id '{section.id}'; each needs its own"
                )
            seen.add(section.id)
        return sections


PANEL_MODELS: dict[str, type[PanelBase]] = {
    "text": TextPanel,
    "image": ImagePanel,
    "quote": QuotePanel,
    "timeline": TimelinePanel,
    "people": PeoplePanel,
    "document": DocumentPanel,
    "pair": PairPanel,
    "gallery": GalleryPanel,
    "video": VideoPanel,
}
PANEL_KINDS: tuple[str, ...] = tuple(PANEL_MODELS)


def sides_used(exhibit: Exhibit) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every `side:` the exhibit gives, with where it stands (as the loader's key paths)."""
    for index, section in enumerate(exhibit.sections):
        section_path: tuple[str | int, ...] = ("sections", index)
        yield (*section_path, "side"), section.side
        for number, panel in enumerate(section.panels):
            panel_path = (*section_path, "panels", number)
            yield (*panel_path, "side"), panel.side
            for key, entries in (
                ("events", getattr(panel, "events", ())),
                ("eras", getattr(panel, "eras", ())),
                ("people", getattr(panel, "people", ())),
                ("letters", getattr(panel, "letters", ())),
            ):
                for place, entry in enumerate(entries):
                    yield (*panel_path, key, place, "side"), entry.side


def letters_with_paths(exhibit: Exhibit) -> Iterator[tuple[tuple[str | int, ...], Letter]]:
    """Every letter in the exhibit, with where it stands (as the loader's key paths)."""
    for index, section in enumerate(exhibit.sections):
        for number, panel in enumerate(section.panels):
            panel_path: tuple[str | int, ...] = ("sections", index, "panels", number)
            if isinstance(panel, DocumentPanel):
                yield panel_path, panel
            elif isinstance(panel, PairPanel):
                for place, letter in enumerate(panel.letters):
                    yield (*panel_path, "letters", place), letter


def annotation_problems(exhibit: Exhibit) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Notes on phrases the transcript does not contain, or on places outside the page."""
    for letter_path, letter in letters_with_paths(exhibit):
        for number, annotation in enumerate(letter.annotations):
            path = (*letter_path, "annotations", number)
            for language, phrase in annotation.phrase.by_language:
                transcript = letter.transcript.resolve(language)
                if find_phrase(transcript, phrase) is None:
                    where = "" if language == "*" else f" ({language})"
                    yield (
                        (*path, "phrase"),
                        (
                            f"the phrase '{_shorten(phrase)}' is not in the letter's transcript{where}; "
                            "copy it exactly as the transcript has it"
                        ),
                    )
            if annotation.region is not None:
                yield from _region_problems(annotation.region, letter, (*path, "region"))


def excerpt_problems(exhibit: Exhibit) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Excerpts with words the transcript does not have, or in a language it is not written in.

    Each as (key path, message, the piece to point at in the YAML or "").
    """
    for letter_path, letter in letters_with_paths(exhibit):
        if letter.excerpt is None:
            continue
        transcripts = dict(letter.transcript.by_language)
        for language, excerpt in letter.excerpt.by_language:
            path = (*letter_path, "excerpt", *([] if language == ANY_LANGUAGE else [language]))
            if language != ANY_LANGUAGE and ANY_LANGUAGE not in transcripts and language not in transcripts:
                yield (
                    path,
                    f"the excerpt is in '{language}', but the transcript is not: an excerpt is cut from "
                    f"the transcript in its own language; add the transcript in '{language}', or "
                    "remove this excerpt",
                    "",
                )
                continue
            # Counted as a curator counts them: the runs of words, not a gap that opens or closes it.
            pieces = [piece for piece in excerpt_pieces(excerpt) if piece]
            if not pieces:
                yield path, f"the excerpt holds only {EXCERPT_GAP}: give the transcript's words it shows", ""
                continue
            against = [language] if language != ANY_LANGUAGE else list(transcripts)
            for code in against:
                transcript = letter.transcript.resolve(code)
                for number, piece in enumerate(pieces, start=1):
                    if find_phrase(transcript, piece) is not None:
                        continue
                    where = "" if code == ANY_LANGUAGE else f" ({code})"
                    counted = f"piece {number} of {len(pieces)}" if len(pieces) > 1 else "the excerpt"
                    yield (
                        path,
                        f"{counted} ('{_shorten(piece)}') is not in the letter's transcript{where} word "
                        f"for word; copy each piece exactly as the transcript has it, with a line "
                        f"{EXCERPT_GAP} where words are left out",
                        piece,
                    )


def _region_problems(
    region: PageRegion, letter: Letter, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if region.page > len(letter.pages):
        pages = f"{len(letter.pages)} page{'s' if len(letter.pages) != 1 else ''}"
        yield (*path, "page"), f"page {region.page} does not exist: the letter has {pages}"
        return
    for image in letter.pages[region.page - 1].image.files():
        if image.width is None or image.height is None:
            continue
        if region.x + region.width > image.width or region.y + region.height > image.height:
            yield (
                path,
                (
                    f"the region ({region.x}, {region.y}, {region.width} x {region.height}) reaches outside "
                    f"page {region.page}, which is {image.width} x {image.height} pixels ({image.source})"
                ),
            )
            return


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

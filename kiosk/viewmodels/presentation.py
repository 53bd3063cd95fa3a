"""Turns exhibit models into the plain values the views show, resolved for one language.

What only panels need (styled text, dates, letters' notes and excerpts) is imported where it is
used: the home screen's first frame presents no panel, and waits for none of it
(docs/adr/0041-the-home-screen-alone-before-the-first-frame.md).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import zip_longest
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.languages import opening_quote
from kiosk.content.layout.geometry import is_long_quotation
from kiosk.content.localized import ANY_LANGUAGE, Localized
from kiosk.viewmodels.interface_language import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from kiosk.content.media import MediaFile, Picture
    from kiosk.content.models import (
        GlossaryTerm,
        Letter,
        Narration,
        PageRegion,
        PanelBase,
        TimelineEvent,
        TimelinePanel,
        VideoPanel,
    )
    from kiosk.viewmodels.interface_language import InterfaceTranslations

#: The translation context of the words this module adds to the exhibit's own.
CONTEXT = "Presentation"
TRANSCRIPT_STATUS_LABELS = {
    "full": QT_TRANSLATE_NOOP("Presentation", "Full text"),
    "partial": QT_TRANSLATE_NOOP("Presentation", "Extract: part of the text"),
    "summary": QT_TRANSLATE_NOOP("Presentation", "Summary, not the document's own words"),
}
#: Said beside words the exhibit translated itself, so that nobody takes them for the source's own.
TRANSLATION_MARK = QT_TRANSLATE_NOOP("Presentation", "translated for this exhibit")
#: The attract loop's call to touch, shown in every language of the exhibit at once.
INVITATION = QT_TRANSLATE_NOOP("AttractLoop", "Touch the screen to begin")
#: Where one letter of a pair has no paragraph beside the other's, a dash says so.
NO_CLAUSE = "—"


def invitation_lines(translations: "InterfaceTranslations | None", languages: tuple[str, ...]) -> list[str]:
    """'Touch the screen to begin' in each of the exhibit's languages (each wording once), the
    lines under the attract loop's words."""
    wordings = [
        translations.translate(language, "AttractLoop", INVITATION) if translations else INVITATION
        for language in languages
    ]
    return list(dict.fromkeys(wordings))


@dataclass(frozen=True)
class Presenter:
    """Resolves text for `language` (else the first of `fallbacks` that has it).

    The interface's own words added here are translated by `translations`, when given.
    """

    language: str
    fallbacks: tuple[str, ...]
    translations: "InterfaceTranslations | None" = None
    #: The exhibit's glossary: the terms that text marks, defined in this language for the card.
    glossary: "Mapping[str, GlossaryTerm]" = field(default_factory=dict)

    def text(self, value: Localized | None) -> str:
        return "" if value is None else value.resolve(self.language, self.fallbacks)

    def label(self, source: str, context: str = CONTEXT) -> str:
        """One of the interface's own words (marked with QT_TRANSLATE_NOOP) in this language."""
        if self.translations is None:
            return source
        return self.translations.translate(self.language, context, source)

    def marked(self, text: str, translated: tuple[str, ...]) -> str:
        """`text`, saying so when the words beside it are the exhibit's translation in this language."""
        if self.language not in translated or not text:
            return text
        return f"{text} ({self.label(TRANSLATION_MARK)})"

    def translation_note(self, translated: tuple[str, ...]) -> str:
        """ "Translated for this exhibit" when it is so in this language, else nothing."""
        if self.language not in translated:
            return ""
        mark = self.label(TRANSLATION_MARK)
        return mark[:1].upper() + mark[1:]

    def picture(self, picture: "Picture") -> "MediaFile":
        """The picture's file in this language (else the first of `fallbacks` that has one)."""
        return picture.resolve(self.language, self.fallbacks)

    def rich(self, value: Localized | None) -> list[dict[str, Any]]:
        """Blocks of styled text (kiosk.content.markdown); each marked term with its definition."""
        if value is None:
            return []
        from kiosk.content.markdown import render_blocks

        blocks = render_blocks(self.text(value))
        for block in blocks:
            for term in block.get("terms", ()):
                term.update(self.term(term["id"]))
        return blocks

    def term(self, term_id: str) -> dict[str, str]:
        """A glossary term as the card shows it: headword, definition as styled text, and the
        definition's words alone, as a screen reader says them."""
        entry = self.glossary.get(term_id)
        if entry is None:
            return {"headword": "", "definition": "", "spoken": ""}
        definition = self.text(entry.definition)
        from kiosk.content.markdown import plain_text, render_blocks

        lines = [
            ("• " if block["kind"] == "item" else "") + block["text"] for block in render_blocks(definition)
        ]
        return {
            "headword": self.text(entry.headword),
            "definition": "<br>".join(lines),
            "spoken": " ".join(plain_text(definition).split()),
        }

    def date(self, iso: str | None) -> str:
        from kiosk.content.dates import format_date

        return "" if iso is None else format_date(iso, self.language)

    def panel(self, panel: "PanelBase") -> dict[str, Any]:
        common = {
            "title": self.text(panel.title),
            "kicker": self.text(panel.kicker),
            "side": panel.side,
            "narration": self.narration(panel.narration),
        }
        return common | self._details(panel)

    def narration(self, narration: "Narration | Mapping[str, Narration] | None") -> dict[str, Any] | None:
        """The sound's URL and its captions in this language, timed in milliseconds for the player.

        A panel narrated in several languages plays the visitor's, else the default language's.
        """
        if isinstance(narration, Mapping):
            chosen = (narration[code] for code in (self.language, *self.fallbacks) if code in narration)
            narration = next(chosen, next(iter(narration.values()), None))
        if narration is None:
            return None
        if narration.captions is not None:
            timed = [(cue.start, cue.end, cue.text) for cue in narration.captions.cues]
        else:
            timed = [(cue.start, cue.end, self.text(cue.text)) for cue in narration.cues or ()]
        return {
            # No version query, as pictures have: the player opens the file itself, not a cache.
            "audio": narration.audio.path.as_uri(),
            "credit": self.text(narration.credit),
            "cues": [
                {"start": round(start * 1000), "end": round(end * 1000), "text": text}
                for start, end, text in timed
            ],
        }

    def _chosen(self, by_language: "Mapping[str, Any]") -> Any:
        """The value for this language, else for the first of the fallbacks that has one; else None."""
        return next(
            (by_language[code] for code in (self.language, *self.fallbacks) if code in by_language), None
        )

    def film(self, panel: "VideoPanel") -> dict[str, Any]:
        """A video panel as the views and the player need it, in this language.

        Captions are the sidecar WebVTT file's for this language, else the words of the film's own
        subtitle track in this language (read when the film was probed), else the same for each
        fallback language in turn: the kiosk's captions show them, and the player never shows a
        subtitle track itself. The sound is the audio track that speaks this language (-1: the
        file's only one), and the description, if any, a track of the file (`descriptionTrack`) or
        a sound file played beside it.
        """
        video = panel.video.resolve(self.language, self.fallbacks)
        cues = next(
            (
                found.cues
                for code in (self.language, *self.fallbacks)
                if (found := panel.captions.get(code) or video.subtitles_in(code)) is not None
            ),
            (),
        )
        description = self._chosen(panel.description)
        audio = self._chosen(panel.audio)
        return {
            **self._figure(panel.poster, panel.alt),
            "video": video.path.as_uri(),
            "caption": self.text(panel.caption),
            "credit": self.text(panel.credit),
            "body": self.rich(panel.body),
            "loop": panel.loop,
            "hasSound": video.has_sound and not panel.loop,
            "duration": round(video.duration * 1000),
            "filmWidth": video.width,
            "filmHeight": video.height,
            "cues": []
            if panel.loop
            else [
                {"start": round(cue.start * 1000), "end": round(cue.end * 1000), "text": cue.text}
                for cue in cues
            ],
            "audioTrack": -1 if audio is None else audio,
            "descriptionTrack": description if isinstance(description, int) else -1,
            "descriptionFile": ""
            if description is None or isinstance(description, int)
            else description.path.as_uri(),
        }

    def _details(self, panel: Any) -> dict[str, Any]:
        # Dispatched on the kind, not the class, so that this module loads without the models.
        match panel.kind:
            case "text":
                return {
                    "body": self.rich(panel.body),
                    "sources": panel.style == "sources",
                    **self._optional_figure(panel),
                }
            case "image":
                return {
                    **self._figure(panel.image, panel.alt),
                    "caption": self.text(panel.caption),
                    "credit": self.text(panel.credit),
                    "body": self.rich(panel.body),
                }
            case "video":
                return self.film(panel)
            case "quote":
                return {
                    "text": self.text(panel.text),
                    "longQuotation": is_long_quotation(self.text(panel.text)),
                    "attribution": self.marked(self.text(panel.attribution), panel.translated),
                    "translated": self.language in panel.translated,
                    "quoteMark": opening_quote(self.language),
                    "source": self.text(panel.source),
                    "date": self.date(panel.date),
                    "context": self.rich(panel.context),
                }
            case "timeline":
                return {"intro": self.rich(panel.intro), **self.timeline(panel)}
            case "people":
                return {
                    "intro": self.rich(panel.intro),
                    "people": [
                        {
                            "name": self.text(person.name),
                            "initials": initials(self.text(person.name)),
                            "role": self.text(person.role),
                            "dates": self.text(person.dates),
                            "note": self.text(person.note),
                            "side": person.side,
                            **(
                                self._figure(person.portrait.image, person.portrait.alt)
                                | {"credit": self.text(person.portrait.credit)}
                                if person.portrait
                                else {"image": "", "alt": "", "credit": ""}
                            ),
                        }
                        for person in panel.people
                    ],
                }
            case "document":
                return self.letter(panel)
            case "pair":
                from kiosk.content.layout.notes import plain

                left, right = (self.letter(letter) for letter in panel.letters)
                return {
                    "intro": self.rich(panel.intro),
                    "letters": [left, right],
                    "rows": [
                        {"left": one, "right": other}
                        # A long letter's excerpt stands for it; the whole letter opens over the panel.
                        for one, other in zip_longest(
                            left["excerpt"] or left["paragraphs"],
                            right["excerpt"] or right["paragraphs"],
                            fillvalue=plain(NO_CLAUSE).record(),
                        )
                    ],
                }
            case "gallery":
                return {
                    "intro": self.rich(panel.intro),
                    "items": [
                        self._figure(item.image, item.alt)
                        | {"caption": self.text(item.caption), "credit": self.text(item.credit)}
                        for item in panel.items
                    ],
                }
        raise TypeError(f"no presentation for {type(panel).__name__}")

    def letter(self, letter: "Letter") -> dict[str, Any]:
        """A letter's facts, its paragraphs with their noted phrases (notes.py), notes and pages."""
        from kiosk.content.layout.notes import annotate

        pages = [self.picture(page.image) for page in letter.pages]
        notes = [
            {
                "number": number,
                "phrase": self.text(annotation.phrase),
                "note": self.text(annotation.note),
                **_region_record(annotation.region, pages),
            }
            for number, annotation in enumerate(letter.annotations)
        ]
        return {
            "side": letter.side,
            "date": self.date(letter.date),
            "sender": self.text(letter.sender),
            "recipient": self.text(letter.recipient),
            "paragraphs": [
                paragraph.record()
                for paragraph in annotate(
                    paragraphs(self.text(letter.transcript)), [note["phrase"] for note in notes]
                )
            ],
            # What the panel shows of a long letter, the whole transcript a tap away; [] for none.
            "excerpt": [
                paragraph.record()
                for paragraph in annotate(self.excerpt(letter), [note["phrase"] for note in notes])
            ],
            "status": letter.transcript_status,
            "statusLabel": self.label(TRANSCRIPT_STATUS_LABELS[letter.transcript_status]),
            "translated": self.language in letter.translated,
            # A line of its own beside the status: the two together outgrow a narrow column.
            "translationNote": self.translation_note(letter.translated),
            "source": self.text(letter.source),
            "note": self.rich(letter.note),
            "annotations": notes,
            "pages": [
                self._figure(page.image, page.alt)
                | {
                    "path": str(image.path),
                    "caption": self.text(page.caption),
                    "credit": self.text(page.credit),
                }
                for page, image in zip(letter.pages, pages, strict=True)
            ],
        }

    def excerpt(self, letter: "Letter") -> list[str]:
        """The paragraphs of the excerpt cut from the transcript on show, `[…]` between its pieces."""
        from kiosk.content.phrases import EXCERPT_GAP, excerpt_pieces

        if letter.excerpt is None:
            return []
        excerpts, transcripts = dict(letter.excerpt.by_language), dict(letter.transcript.by_language)
        shown = next((code for code in (self.language, *self.fallbacks) if code in transcripts), ANY_LANGUAGE)
        if (text := excerpts.get(shown, excerpts.get(ANY_LANGUAGE))) is None:
            return []
        shown_paragraphs: list[str] = []
        for number, piece in enumerate(excerpt_pieces(text)):
            shown_paragraphs += [EXCERPT_GAP] if number > 0 else []
            shown_paragraphs += paragraphs(piece)
        return shown_paragraphs

    def event_date(self, event: "TimelineEvent") -> str:
        """An event's date as its card and sheet show it: the curator's label, else its date or span."""
        from kiosk.content.dates import format_span

        return self.text(event.date_label) or format_span(event.date, event.end, self.language)

    def timeline(self, panel: "TimelinePanel") -> dict[str, Any]:
        """Events and eras placed on one scale of years: `start` and `end` are fractional years."""
        from kiosk.content.dates import date_bounds, format_span, year_of

        events = []
        for event in panel.events:
            start = date_bounds(event.date)[0]
            end = date_bounds(event.end)[1] if event.end else date_bounds(event.date)[1]
            events.append(
                {
                    "date": self.event_date(event),
                    "year": year_of(event.date) + (f"–{year_of(event.end)}" if event.end else ""),
                    "start": start,
                    "end": end,
                    "span": event.end is not None,
                    "title": self.text(event.title),
                    "text": self.text(event.text),
                    "source": self.text(event.source),
                    "side": event.side,
                    **self._optional_figure(event),
                }
            )
        eras = [
            {
                "title": self.text(era.title),
                "label": format_span(year_of(era.start), year_of(era.end), self.language),
                "start": date_bounds(era.start)[0],
                "end": date_bounds(era.end)[0],
                "side": era.side,
            }
            for era in panel.eras
        ]
        bounds = [(item["start"], item["end"]) for item in [*events, *eras]]
        return {
            "events": events,
            "eras": eras,
            "first": min(start for start, _ in bounds),
            "last": max(end for _, end in bounds),
        }

    def _optional_figure(self, owner: Any) -> dict[str, Any]:
        """The picture an event or a text panel may have, with its credit; empty values without one."""
        if owner.image is None or owner.alt is None:
            return {"image": "", "alt": "", "credit": "", "imageWidth": 0, "imageHeight": 0}
        return self._figure(owner.image, owner.alt) | {"credit": self.text(owner.credit)}

    def _figure(self, picture: "Picture", alt: Localized) -> dict[str, Any]:
        media = self.picture(picture)
        return {
            "image": media_url(media),
            "alt": self.text(alt),
            "imageWidth": media.width or 0,
            "imageHeight": media.height or 0,
        }


def media_url(media: "MediaFile | None") -> str:
    return "" if media is None else file_url(media.path)


def file_url(path: Path | None) -> str:
    """The file's URL, naming its version: a picture replaced under the same name shows anew.

    Qt Quick caches pictures by URL; the query, which the file system never sees, changes with
    the file's modification time.
    """
    if path is None:
        return ""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return path.as_uri()
    return f"{path.as_uri()}?v={stamp}"


def initials(name: str) -> str:
    words = [word for word in re.split(r"[\s.]+", name) if word and word[0].isupper()]
    if not words:
        return name[:1].upper()
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()


def _region_record(region: "PageRegion | None", pages: "list[MediaFile]") -> dict[str, Any]:
    """Where a note stands on its page (as the visitor's language shows it), as fractions of the
    page (page -1: nowhere)."""
    if region is None or region.page > len(pages):
        return {"page": -1, "left": 0.0, "top": 0.0, "right": 0.0, "bottom": 0.0}
    image = pages[region.page - 1]
    width, height = image.width or 1, image.height or 1
    return {
        "page": region.page - 1,
        "left": region.x / width,
        "top": region.y / height,
        "right": (region.x + region.width) / width,
        "bottom": (region.y + region.height) / height,
    }


#: The spaces a transcript's lines are joined over: not the non-breaking ones a Russian text keeps
#: between an initial and its surname (kiosk/content/russian_typography.py).
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f]+")


def paragraphs(text: str) -> list[str]:
    return [
        _BREAKING_SPACE.sub(" ", block).strip()
        for block in re.split(r"\n\s*\n", text.strip())
        if block.strip()
    ]

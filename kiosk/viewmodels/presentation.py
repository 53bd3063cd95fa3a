"""Turns exhibit models into the plain values the views show, resolved for one language."""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.dates import format_date, year_of
from kiosk.content.localized import Localized
from kiosk.content.markdown import render_blocks

if TYPE_CHECKING:
    from kiosk.content.media import MediaFile
    from kiosk.content.models import PanelBase

TRANSCRIPT_STATUS_LABELS = {
    "full": "Full text",
    "partial": "Extract: part of the text",
    "summary": "Summary, not the document's own words",
}


@dataclass(frozen=True)
class Presenter:
    language: str
    fallbacks: tuple[str, ...]

    def text(self, value: Localized | None) -> str:
        return "" if value is None else value.resolve(self.language, self.fallbacks)

    def rich(self, value: Localized | None) -> list[dict[str, str]]:
        return [] if value is None else render_blocks(self.text(value))

    def date(self, iso: str | None) -> str:
        return "" if iso is None else format_date(iso, self.language)

    def panel(self, panel: "PanelBase") -> dict[str, Any]:
        common = {
            "title": self.text(panel.title),
            "kicker": self.text(panel.kicker),
            "side": panel.side,
        }
        return common | self._details(panel)

    def _details(self, panel: Any) -> dict[str, Any]:
        # Dispatched on the kind, not the class, so that this module loads without the models.
        match panel.kind:
            case "text":
                return {"body": self.rich(panel.body)}
            case "image":
                return {
                    **self._figure(panel.image, panel.alt),
                    "caption": self.text(panel.caption),
                    "credit": self.text(panel.credit),
                    "body": self.rich(panel.body),
                }
            case "quote":
                return {
                    "text": self.text(panel.text),
                    "attribution": self.text(panel.attribution),
                    "source": self.text(panel.source),
                    "date": self.date(panel.date),
                    "context": self.rich(panel.context),
                }
            case "timeline":
                return {
                    "intro": self.rich(panel.intro),
                    "events": [
                        {
                            "date": self.text(event.date_label) or self.date(event.date),
                            "year": year_of(event.date),
                            "title": self.text(event.title),
                            "text": self.text(event.text),
                            "side": event.side,
                        }
                        for event in panel.events
                    ],
                }
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
                return {
                    "date": self.date(panel.date),
                    "sender": self.text(panel.sender),
                    "recipient": self.text(panel.recipient),
                    "paragraphs": paragraphs(self.text(panel.transcript)),
                    "status": panel.transcript_status,
                    "statusLabel": TRANSCRIPT_STATUS_LABELS[panel.transcript_status],
                    "source": self.text(panel.source),
                    "note": self.rich(panel.note),
                    "pages": [self._figure(page.image, page.alt) for page in panel.pages],
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

    def _figure(self, media: "MediaFile", alt: Localized) -> dict[str, Any]:
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


def paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]

"""Reads a report back as a curator's browser shows it: each chart's reading, picture and numbers."""

import base64
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class ChartSeen:
    reading: str = ""
    alt: str | None = None
    svg: str | None = None
    numbers: dict[str, str] = field(default_factory=dict)


class ReportSeen(HTMLParser):
    def __init__(self, document: str) -> None:
        super().__init__()
        self.charts: dict[str, ChartSeen] = {}
        self.glance: dict[str, str] = {}
        self.urls: list[str] = []
        self.text: list[str] = []
        self._section: str | None = None
        self._in: str | None = None
        self.feed(document)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name in ("src", "href"):
            if attributes.get(name):
                self.urls.append(str(attributes[name]))
        if tag == "section" and attributes.get("id"):
            self._section = attributes["id"]
            self.charts[str(self._section)] = ChartSeen()
        elif tag == "p" and attributes.get("data-reading"):
            self._in = "reading"
        elif tag == "img" and self._section:
            chart = self.charts[self._section]
            chart.alt = attributes.get("alt")
            source = str(attributes.get("src"))
            prefix = "data:image/svg+xml;base64,"
            if source.startswith(prefix):
                chart.svg = base64.b64decode(source[len(prefix) :]).decode("utf-8")
        elif tag == "td" and attributes.get("data-key") is not None and self._section:
            self.charts[self._section].numbers[str(attributes["data-key"])] = str(attributes["data-value"])
        elif tag == "dd" and attributes.get("data-key"):
            self._in = f"glance:{attributes['data-key']}"

    def handle_endtag(self, tag: str) -> None:
        if tag in {"p", "dd"}:
            self._in = None
        if tag == "section":
            self._section = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in == "reading" and self._section:
            self.charts[self._section].reading += data
        elif self._in and self._in.startswith("glance:"):
            self.glance[self._in.removeprefix("glance:")] = data

    def number(self, chart: str, key: str) -> float:
        return float(self.charts[chart].numbers[key])

"""SVGs are self-contained drawings: nothing in one may load another file or reach the network.

QtSvg loads what an SVG refers to (an `<image href="/home/…/secret.png">` is drawn, whatever
folder it lies in), and has no option to stop it. So every SVG is read here first, in pure Python,
and refused if it refers to anything outside itself:

- `href` (or `xlink:href`, or `src`) on any element, other than `#id` within the same drawing;
  animations (`<set>`, `<animate>`) that would set an `href`;
- CSS `url(…)` other than `url(#id)`, in any attribute and in `<style>`, `@import`, and the CSS
  functions that load pictures (`image()`, `image-set()`, `src()`…), CSS escapes decoded first;
- `<script>`, `<foreignObject>` (HTML), XInclude, an `<?xml-stylesheet?>` instruction;
- a document type definition in another file (the W3C's own SVG DTDs aside, which no reader
  fetches), and entities read from another file. Entities defined in the file itself are
  allowed (Illustrator writes them); expat refuses those that expand beyond reason.

Pictures carried inside as `data:image/png` or `data:image/jpeg` are self-contained and allowed
(their size is read, so that a bomb inside an SVG is refused as one outside would be);
`data:image/svg+xml` is refused, since an SVG inside may refer to other files in turn.

`svg_external_references(path)` is what validation uses; `svg_refusal(path)` is the same check,
cached by the file's identity, for a running kiosk to ask before any SVG loads. Both read at most
MAX_SVG_BYTES, in bounded time and memory.
"""

import base64
import binascii
import functools
import io
import os
import re
import stat
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote_to_bytes
from xml.parsers import expat

from kiosk.content.pictures import DEFAULT_LIMITS, MEGAPIXEL, SizeLimits, megapixels, raster_size

#: Larger than any drawing, and than a photograph carried inside one as base64.
MAX_SVG_BYTES = 32 * 1024 * 1024
_MAX_DEPTH = 1000
_CHUNK = 64 * 1024
#: How much of what refers outside a message quotes.
_QUOTED = 80
#: Document types that name the W3C's SVG DTDs: never fetched, by expat or by Qt.
_SVG_DOCTYPES = frozenset(
    {
        "-//W3C//DTD SVG 1.0//EN",
        "-//W3C//DTD SVG 1.1//EN",
        "-//W3C//DTD SVG 1.1 Basic//EN",
        "-//W3C//DTD SVG 1.1 Tiny//EN",
        "-//W3C//DTD SVG 1.2 Tiny//EN",
    }
)
#: Pictures an SVG may carry inside itself, by the media type its data: address names.
_EMBEDDED_KINDS = {"image/png": "PNG", "image/jpeg": "JPEG", "image/jpg": "JPEG"}
_SVG_LENGTH = re.compile(r"^\s*([0-9.]+)\s*(px)?\s*$")

_LOADS = "loads another file, or something from the network"
_REFUSED_ELEMENTS = {
    "script": "a script, which the kiosk never runs",
    "foreignobject": "HTML inside the drawing (foreignObject)",
    "include": "includes another file (XInclude)",
}
_ANIMATIONS = {"set", "animate"}
_ANIMATED_VALUES = ("to", "from", "by", "values")

_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})\s?|(.))", re.DOTALL)
_CSS_URL = re.compile(r"(?<![\w-])url\(\s*(?:\"([^\"]*)\"|'([^']*)'|([^)]*?))\s*\)", re.IGNORECASE)
_CSS_LOADERS = re.compile(
    r"(?<![\w-])(?:image|image-set|-webkit-image-set|src|cross-fade|element)\([^)]*\)?", re.IGNORECASE
)
_CSS_IMPORT = re.compile(r"@import\b[^;]*", re.IGNORECASE)


class SvgError(ValueError):
    """The file cannot be read as an SVG: damaged, too large, nested too deep, or not an SVG."""


@dataclass(frozen=True, slots=True)
class ExternalReference:
    """Something in an SVG that refers outside it: where, what is written there, and why it is refused."""

    line: int
    column: int
    written: str
    why: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.written}: {self.why}"


@dataclass(frozen=True, slots=True)
class EmbeddedPicture:
    """A picture an SVG carries inside itself as a data: address, with the size its header states."""

    line: int
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class SvgContents:
    """What validation needs of an SVG: its stated size, what it refers to, the pictures inside."""

    width: int | None
    height: int | None
    references: tuple[ExternalReference, ...]
    pictures: tuple[EmbeddedPicture, ...]


def svg_external_references(path: Path) -> list[ExternalReference]:
    """Everything in the SVG at `path` that refers outside it, in the order written.

    Raises SvgError when the file cannot be read as an SVG, OSError when it cannot be read.
    """
    return list(read_svg(path).references)


def svg_refusal(path: Path, limits: SizeLimits = DEFAULT_LIMITS) -> str | None:
    """Why the SVG must not be loaded, or None: for a running kiosk to ask before it loads one.

    Cached by the file's identity (size, modification time, inode): a file replaced is read anew.
    """
    try:
        status = path.stat()
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    return _refusal(str(path), status.st_size, status.st_mtime_ns, status.st_ino, limits)


@functools.lru_cache(maxsize=256)
def _refusal(path: str, _size: int, _modified: int, _inode: int, limits: SizeLimits) -> str | None:
    try:
        contents = read_svg(Path(path))
    except (SvgError, OSError) as error:
        return f"cannot be read as an SVG ({error})"
    if contents.references:
        return str(contents.references[0])
    return next(iter(oversized_pictures(contents, limits)), None)


def oversized_pictures(contents: SvgContents, limits: SizeLimits) -> list[str]:
    """The pictures inside the SVG that decode to more than a picture may (a bomb inside one)."""
    return [
        f"line {picture.line}, a picture inside of {picture.width} x {picture.height} pixels = "
        f"{megapixels(picture.width * picture.height)} megapixels, more than the "
        f"{megapixels(limits.picture_megapixels * MEGAPIXEL)} a picture may have on this kiosk"
        for picture in contents.pictures
        if not limits.allows_picture(picture.width, picture.height)
    ]


def read_svg(path: Path) -> SvgContents:
    """Reads the whole SVG, streaming, so that a damaged one is found; keeps no tree.

    Raises SvgError when it cannot be read as an SVG, OSError when it cannot be read at all.
    """
    # Opened without waiting: a named pipe would otherwise block the open itself.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise SvgError("it is not a file")  # a named pipe or a device: never waited on, never read
        if status.st_size > MAX_SVG_BYTES:
            raise SvgError(
                f"it is {status.st_size / 1024 / 1024:.0f} MB; an SVG of the kiosk is at most "
                f"{MAX_SVG_BYTES // 1024 // 1024} MB"
            )
        reader = _Reader()
        reader.read(file)
    return reader.contents()


class _Reader:
    """An expat parser's handlers, collecting what refers outside as it goes."""

    def __init__(self) -> None:
        self.parser = expat.ParserCreate()
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text
        self.parser.ProcessingInstructionHandler = self.instruction
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.parser.EntityDeclHandler = self.entity
        # An external entity used in the text is reported where it is declared; never read.
        self.parser.ExternalEntityRefHandler = lambda *_: 1
        self.root: tuple[str, dict[str, str]] | None = None
        self.depth = 0
        self.references: list[ExternalReference] = []
        self.pictures: list[EmbeddedPicture] = []
        #: The text of the <style> element being read, and the line it starts on.
        self.style: list[str] | None = None
        self.style_line = 0

    def read(self, file: BinaryIO) -> None:
        left = MAX_SVG_BYTES  # the file may grow while it is read
        try:
            while left > 0 and (chunk := file.read(min(_CHUNK, left))):
                left -= len(chunk)
                self.parser.Parse(chunk, False)
            self.parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise SvgError(str(error)) from None
        if self.root is None or _local(self.root[0]) != "svg":
            raise SvgError("not an SVG")

    def contents(self) -> SvgContents:
        assert self.root is not None
        width, height = _declared_size(self.root[1])
        return SvgContents(width, height, tuple(self.references), tuple(self.pictures))

    def where(self) -> tuple[int, int]:
        return self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1

    def refer(self, written: str, why: str, line: int | None = None) -> None:
        at_line, column = self.where()
        shown = written if len(written) <= _QUOTED else written[: _QUOTED - 1] + "…"
        self.references.append(ExternalReference(line or at_line, column, shown, why))

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if self.root is None:
            self.root = (name, dict(attributes))
        self.depth += 1
        if self.depth > _MAX_DEPTH:
            raise SvgError(f"elements nested more than {_MAX_DEPTH} deep")
        local = _local(name).lower()
        if local in _REFUSED_ELEMENTS:
            self.refer(f"<{name}>", _REFUSED_ELEMENTS[local])
        for attribute, value in attributes.items():
            key = _local(attribute).lower()
            if key in ("href", "src"):
                self.address(value, f'<{name} {attribute}="{value}">')
            elif key == "style":
                self.css(value, f"<{name} style>")
            elif "url(" in value.lower():  # presentation attributes: fill="url(#g)", clip-path…
                self.urls(value, f"<{name} {attribute}>")
        if local in _ANIMATIONS and _local(attributes.get("attributeName", "")).lower() == "href":
            for key in _ANIMATED_VALUES:
                for value in attributes[key].split(";") if key in attributes else ():
                    self.address(value, f'<{name} {key}="{value.strip()}">')
        if local == "style":
            self.style, self.style_line = [], self.parser.CurrentLineNumber

    def end(self, name: str) -> None:
        self.depth -= 1
        if self.style is not None and _local(name).lower() == "style":
            self.css("".join(self.style), "<style>", self.style_line)
            self.style = None

    def text(self, data: str) -> None:
        if self.style is not None:
            self.style.append(data)

    def instruction(self, target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            self.refer(f"<?{target} {data}?>", "applies a style sheet from another file")

    def doctype(self, name: str, system_id: str | None, public_id: str | None, _internal: bool) -> None:
        if system_id and public_id not in _SVG_DOCTYPES:
            self.refer(
                f'<!DOCTYPE {name} SYSTEM "{system_id}">', "a document type definition in another file"
            )

    def entity(
        self,
        name: str,
        is_parameter: bool,
        _value: str | None,
        _base: str | None,
        system_id: str | None,
        _public_id: str | None,
        notation: str | None,
    ) -> None:
        if system_id or notation:
            shown = f'<!ENTITY {"% " if is_parameter else ""}{name} SYSTEM "{system_id}">'
            self.refer(shown, "an entity read from another file")

    def address(self, value: str, written: str, line: int | None = None) -> None:
        """An href or url(): a #fragment of this drawing, a picture inside, or a reference outside."""
        address = value.strip()
        if address.startswith("#") and len(address) > 1:
            return
        if address[:5].lower() != "data:":
            self.refer(written, _LOADS, line)
            return
        header, _, data = address[5:].partition(",")
        kind = header.split(";")[0].strip().lower()
        if kind == "image/svg+xml":
            self.refer(written, "an SVG inside the SVG, which may load other files in turn", line)
        elif kind not in _EMBEDDED_KINDS:
            self.refer(written, f"data of a kind a picture cannot be ({kind or 'none given'})", line)
        elif (size := _embedded_size(header, data, _EMBEDDED_KINDS[kind])) is None:
            self.refer(written, f"a picture inside that cannot be read as {_EMBEDDED_KINDS[kind]}", line)
        else:
            self.pictures.append(EmbeddedPicture(line or self.parser.CurrentLineNumber, *size))

    def css(self, text: str, where: str, line: int | None = None) -> None:
        """url(), @import and the functions that load pictures, in a style attribute or <style>."""
        css = self.urls(text, where, line)
        for pattern, why in (
            (_CSS_LOADERS, _LOADS),
            (_CSS_IMPORT, "imports a style sheet from another file"),
        ):
            for match in pattern.finditer(css):
                at = None if line is None else line + css.count("\n", 0, match.start())
                self.refer(f"{match[0].strip()} in {where}", why, at)

    def urls(self, text: str, where: str, line: int | None = None) -> str:
        """Checks every url() of the CSS text, escapes and comments undone; the text as undone."""
        css = _CSS_ESCAPE.sub(_unescape, _CSS_COMMENT.sub(" ", text))
        for match in _CSS_URL.finditer(css):
            address = next(group for group in match.groups() if group is not None)
            at = None if line is None else line + css.count("\n", 0, match.start())
            self.address(address, f"url({address.strip()}) in {where}", at)
        return css


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _unescape(match: re.Match[str]) -> str:
    if match[1] is not None:
        code = int(match[1], 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return match[2]


def _embedded_size(header: str, data: str, kind: str) -> tuple[int, int] | None:
    try:
        raw = (
            base64.b64decode(data, validate=False)
            if header.lower().endswith(";base64")
            else unquote_to_bytes(data)
        )
        return raster_size(io.BytesIO(raw), kind)
    except (ValueError, binascii.Error, struct.error):
        return None


def _declared_size(root: dict[str, str]) -> tuple[int | None, int | None]:
    width, height = root.get("width"), root.get("height")
    if width and height and (w := _SVG_LENGTH.match(width)) and (h := _SVG_LENGTH.match(height)):
        return round(float(w.group(1))), round(float(h.group(1)))
    view_box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(view_box) == 4:
        try:
            return round(float(view_box[2])), round(float(view_box[3]))
        except ValueError:
            return None, None
    return None, None

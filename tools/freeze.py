"""Builds the kiosk as one self-contained folder for the platform this runs on (docs/adr/0040).

    python -m tools.freeze [--dist DIR] [--work DIR]

Needs the `freeze` extra (`pip install -e '.[freeze]'`). Writes DIR/kiosk/ (default: dist/kiosk/):
the `kiosk` program (kiosk.exe, and on Windows kiosk-session.exe, the same without a console
window), Python, Qt and every library the kiosk uses, its views, translations, fonts and
templates, and the shipped exhibits in exhibits/ as the default content. On Windows,
packaging/windows/kiosk.iss makes an installer of that folder (docs/operations.md, "Windows").

PyInstaller's Qt hooks take every QML module and plugin of PySide6 (Qt WebEngine, Qt Quick 3D,
…): the spec (packaging/frozen/kiosk.spec) keeps the QML modules the kiosk's views import, with
what those import in turn, and leaves out the Qt libraries the kiosk never loads.
"""

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "frozen" / "kiosk.spec"
KIOSK_QML = ROOT / "kiosk" / "qml"
#: The folder the program and everything beside it are written to, inside --dist.
FOLDER_NAME = "kiosk"
#: QML modules the kiosk makes itself: Kiosk is kiosk/qml, Kiosk.Backend the view models.
OWN_QML_MODULES = ("Kiosk", "Kiosk.Backend")
#: Qt libraries the kiosk never loads, which the QML modules and plugins left out would bring.
UNUSED_QT_LIBRARIES = re.compile(
    r"Qt6(WebEngine|WebView|WebChannel|WebSockets|Pdf|3D|Quick3D|Charts|DataVisualization|Graphs|"
    r"Location|Positioning|Sensors|Bluetooth|Nfc|Serial|Scxml|StateMachine|RemoteObjects|"
    r"TextToSpeech|SpatialAudio|HttpServer|VirtualKeyboard|Designer|Help|UiTools|Sql|Test|"
    r"QuickTest|QuickTimeline|Lottie|ShaderTools|QuickParticles|Labs|QuickControls2|QuickDialogs2|"
    r"QmlLocalStorage|QmlXmlListModel|WaylandCompositor|MultimediaWidgets|OpenGLWidgets|Widgets|"
    r"QuickEffects|QuickLayouts|QuickShapes|QuickVectorImage)"
)
#: The GTK libraries of the system that Qt's GTK theme plugin, left out, would bring (Linux).
GTK_LIBRARIES = re.compile(
    r"^lib(gtk-3|gdk-3|gdk_pixbuf-2|atk-1|atk-bridge-2|cairo|cairo-gobject|pango\w*-1)\."
)
#: Plugin folders of Qt the kiosk has no use for (Qt/plugins/<folder>).
UNUSED_QT_PLUGINS = (
    "assetimporters",
    "canbus",
    "designer",
    "geometryloaders",
    "geoservices",
    # Desktop themes: the kiosk draws everything itself, and GTK's would bring GTK.
    "platformthemes",
    "position",
    "qmllint",
    "qmltooling",
    "renderers",
    "renderplugins",
    "sceneparsers",
    "scxmldatamodel",
    "sensors",
    "sqldrivers",
    "texttospeech",
    "webview",
)
#: Plugins the kiosk has no use for, in folders it needs: PDF pictures and the virtual keyboard.
UNUSED_QT_PLUGIN_FILES = re.compile(r"qpdf|virtualkeyboard")


def qml_imports(folder: Path) -> set[str]:
    """The modules the QML files under `folder` import (`import QtQuick.Templates as T` and all)."""
    pattern = re.compile(r"^\s*import\s+([A-Za-z_][\w.]*)", re.MULTILINE)
    found: set[str] = set()
    for path in [*folder.rglob("*.qml"), *folder.rglob("qmldir")]:
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return found


def needed_qml_modules(qml_root: Path, imports: Iterable[str]) -> set[PurePosixPath]:
    """The folders, relative to Qt's qml folder, of the modules `imports` name and of every module
    those import or depend on in turn (their qmldir's `import` and `depends` lines)."""
    needed: set[PurePosixPath] = set()
    waiting = [name for name in imports if name not in OWN_QML_MODULES]
    while waiting:
        folder = PurePosixPath(*waiting.pop().split("."))
        qmldir = qml_root / folder / "qmldir"
        if folder in needed or not qmldir.is_file():
            continue
        needed.add(folder)
        for line in qmldir.read_text(encoding="utf-8").splitlines():
            words = line.split()
            if len(words) >= 2 and words[0] in ("import", "depends", "optional"):
                name = words[2] if words[0] == "optional" and len(words) > 2 else words[1]
                waiting.append(name)
    return needed


def module_folder(source: Path, qml_root: Path) -> PurePosixPath | None:
    """The QML module a file of Qt's qml folder belongs to: the nearest folder with a qmldir."""
    for folder in source.parents:
        if folder == qml_root or not folder.is_relative_to(qml_root):
            return None
        if (folder / "qmldir").is_file():
            return PurePosixPath(folder.relative_to(qml_root).as_posix())
    return None


def kept(destination: str, source: str, qml_root: Path, modules: set[PurePosixPath]) -> bool:
    """Whether a file PyInstaller collected (its place in the folder, and where it came from)
    belongs in the kiosk's folder."""
    parts = PurePosixPath(destination.replace("\\", "/")).parts
    if "qml" in parts and Path(source).resolve().is_relative_to(qml_root):
        module = module_folder(Path(source).resolve(), qml_root)
        return module is not None and module in modules
    if "plugins" in parts:
        index = parts.index("plugins")
        if len(parts) > index + 1 and parts[index + 1] in UNUSED_QT_PLUGINS:
            return False
        if UNUSED_QT_PLUGIN_FILES.search(parts[-1]):
            return False
    return not (UNUSED_QT_LIBRARIES.search(parts[-1]) or GTK_LIBRARIES.search(parts[-1]))


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def build(dist: Path, work: Path) -> Path:
    """Builds the folder in `dist`; PyInstaller's intermediate files go to `work`. Returns the folder."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    # A fixed hash seed: the same sources make the same archive of modules, build after build.
    subprocess.run(command, check=True, cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "0"})
    folder = dist / FOLDER_NAME
    # Beside the program, not inside its _internal folder: the default content, where IT can see it.
    shutil.copytree(
        ROOT / "exhibits", folder / "exhibits", dirs_exist_ok=True, ignore=shutil.ignore_patterns(".*")
    )
    return folder


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.freeze", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="where the folder goes (default: dist)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "freeze",
        help="PyInstaller's work folder (default: build/freeze)",
    )
    arguments = parser.parse_args(argv)
    if importlib.util.find_spec("PyInstaller") is None:
        print(
            "freeze: PyInstaller is missing; install the extra: pip install -e '.[freeze]'", file=sys.stderr
        )
        return 2
    started = time.monotonic()
    try:
        folder = build(arguments.dist.resolve(), arguments.work.resolve())
    except subprocess.CalledProcessError as error:
        print(f"freeze: PyInstaller failed (exit status {error.returncode})", file=sys.stderr)
        return 1
    print(
        f"freeze: built {folder} ({folder_size(folder) / 1e6:.0f} MB) in {time.monotonic() - started:.0f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

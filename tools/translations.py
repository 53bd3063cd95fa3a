"""The interface's translations, kept with Qt's own tools.

`python -m tools.translations` gathers every `qsTr` in the QML views and every `translate`, `tr` and
`QT_TRANSLATE_NOOP` in the Python package into `kiosk/translations/kiosk_<language>.ts`
(pyside6-lupdate), then compiles each into the `.qm` the kiosk loads (pyside6-lrelease).
Translators fill in the `.ts` files, with Qt Linguist or any editor; run the command again after.

`--check` changes nothing: it fails, saying why, when a `.ts` no longer matches the sources, when a
message has no finished translation, or when a `.qm` was not compiled from its `.ts`.
"""

import argparse
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kiosk"
TRANSLATIONS_DIR = PACKAGE / "translations"
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Translation:
    language: str
    #: Only the messages whose words change with a number: the source language's own plural forms
    #: ("1 second", "5 seconds") come from a translation of these alone.
    plurals_only: bool = False


TRANSLATIONS = (
    Translation("ru"),
    Translation(SOURCE_LANGUAGE, plurals_only=True),
)


def ts_file(language: str, translations_dir: Path = TRANSLATIONS_DIR) -> Path:
    return translations_dir / f"kiosk_{language}.ts"


def qm_file(language: str, translations_dir: Path = TRANSLATIONS_DIR) -> Path:
    return translations_dir / f"kiosk_{language}.qm"


def qt_tool(name: str) -> str:
    """A Qt tool that the PySide6 wheels install beside this interpreter, which need not be on PATH."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install the project's development environment (tools/setup)")
    return found


def sources(package: Path = PACKAGE) -> list[Path]:
    """Every view and every Python module: lupdate finds the words to translate in them."""
    return sorted([*package.rglob("*.qml"), *package.rglob("*.py")])


def run_lupdate(translation: Translation, ts: Path, package: Path = PACKAGE) -> None:
    """Brings `ts` up to date with the sources, keeping the translations of messages still in use.

    Locations are left out so that a `.ts` changes only when the words do, not when a line moves.
    """
    command = [
        qt_tool("pyside6-lupdate"),
        *(str(path) for path in sources(package)),
        "-no-obsolete",
        "-locations",
        "none",
        "-source-language",
        SOURCE_LANGUAGE,
        "-target-language",
        translation.language,
        *(["-pluralonly"] if translation.plurals_only else []),
        "-silent",
        "-ts",
        str(ts),
    ]
    _run(command)


def run_lrelease(ts: Path, qm: Path) -> None:
    _run([qt_tool("pyside6-lrelease"), "-silent", "-nounfinished", str(ts), "-qm", str(qm)])


def _run(command: list[str]) -> None:
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise SystemExit(f"{Path(command[0]).name} failed:\n{completed.stdout}{completed.stderr}")


def unfinished(ts: Path) -> list[str]:
    """The messages in `ts` without a finished translation, as "context: source"."""
    missing = []
    for context in ElementTree.parse(ts).getroot().iter("context"):
        context_name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [] if translation is None else list(translation.iter("numerusform"))
            texts = (
                [form.text for form in forms]
                if forms
                else [None if translation is None else translation.text]
            )
            if translation is None or translation.get("type") == "unfinished" or not all(texts):
                missing.append(f"{context_name}: {message.findtext('source', '')}")
    return missing


def update(translations_dir: Path = TRANSLATIONS_DIR, package: Path = PACKAGE) -> list[str]:
    """Updates every `.ts` and compiles every `.qm`; returns the messages still to translate."""
    translations_dir.mkdir(parents=True, exist_ok=True)
    missing = []
    for translation in TRANSLATIONS:
        ts = ts_file(translation.language, translations_dir)
        run_lupdate(translation, ts, package)
        run_lrelease(ts, qm_file(translation.language, translations_dir))
        missing += [f"{ts.name}: {message}" for message in unfinished(ts)]
    return missing


def problems(translations_dir: Path = TRANSLATIONS_DIR, package: Path = PACKAGE) -> list[str]:
    """What is out of date or untranslated, without changing any file."""
    found = []
    with tempfile.TemporaryDirectory(prefix="kiosk-translations-") as scratch:
        for translation in TRANSLATIONS:
            ts = ts_file(translation.language, translations_dir)
            qm = qm_file(translation.language, translations_dir)
            if not ts.exists():
                found.append(f"{ts.name} is missing")
                continue
            fresh_ts = Path(scratch) / ts.name
            shutil.copyfile(ts, fresh_ts)
            run_lupdate(translation, fresh_ts, package)
            if fresh_ts.read_bytes() != ts.read_bytes():
                found.append(f"{ts.name} does not match the sources: messages were added, changed or removed")
            found += [f"{ts.name}: not translated: {message}" for message in unfinished(fresh_ts)]
            fresh_qm = Path(scratch) / qm.name
            run_lrelease(ts, fresh_qm)
            if not qm.exists() or qm.read_bytes() != fresh_qm.read_bytes():
                found.append(f"{qm.name} was not compiled from {ts.name}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--check", action="store_true", help="change nothing; fail if anything is out of date"
    )
    arguments = parser.parse_args(argv)
    if arguments.check:
        found = problems()
        for problem in found:
            print(problem)
        if found:
            print("Run `python -m tools.translations` and translate what it lists.")
        return 1 if found else 0
    missing = update()
    for message in missing:
        print(f"to translate: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

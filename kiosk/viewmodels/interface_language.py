"""The interface's own words (Home, Back, the countdown...) in the visitor's language.

They are translated with Qt's tools: `qsTr` in QML and `QCoreApplication.translate` in Python,
extracted by pyside6-lupdate into `kiosk/translations/kiosk_<language>.ts` and compiled by
pyside6-lrelease into the `.qm` files read here (`python -m tools.translations`).
"""

import logging
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QObject, QTranslator

logger = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[1] / "translations"
#: The language the interface is written in: its file holds only plural forms ("1 second", "5 seconds").
SOURCE_LANGUAGE = "en"
#: Marks words for pyside6-lupdate, which finds them by this name, and returns them unchanged:
#: Qt's own marker, typed as what it returns (PySide6's stubs say `object`).
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)


def translation_file(language: str, translations_dir: Path = TRANSLATIONS_DIR) -> Path:
    return translations_dir / f"kiosk_{language}.qm"


class InterfaceTranslations(QObject):
    """Every language's translator, loaded once; one of them installed at a time."""

    def __init__(self, translations_dir: Path = TRANSLATIONS_DIR, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._dir = translations_dir
        self._translators: dict[str, QTranslator | None] = {}
        self._installed: QTranslator | None = None

    def _translator(self, language: str) -> QTranslator | None:
        if language not in self._translators:
            translator: QTranslator | None = None
            path = translation_file(language, self._dir)
            candidate = QTranslator(self)
            if candidate.load(str(path)):
                translator = candidate
            elif language != SOURCE_LANGUAGE:  # English needs its file only for plural forms
                logger.warning(
                    "no interface translation for '%s' (%s): the interface stays in English",
                    language,
                    path,
                )
            self._translators[language] = translator
        return self._translators[language]

    def has(self, language: str) -> bool:
        return language == SOURCE_LANGUAGE or self._translator(language) is not None

    def translate(
        self, language: str, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        """`source` in `language`, whichever language is installed; the source text when untranslated."""
        translator = self._translator(language)
        if translator is None:
            return source
        return translator.translate(context, source, disambiguation, n) or source

    def install(self, language: str) -> bool:
        """Makes `language` the one `qsTr` and `translate` answer in; True when that changed anything."""
        translator = self._translator(language)
        if translator is self._installed:
            return False
        application = QCoreApplication.instance()
        if self._installed is not None and application is not None:
            QCoreApplication.removeTranslator(self._installed)
        self._installed = translator
        if translator is not None and application is not None:
            QCoreApplication.installTranslator(translator)
        return True

    def uninstall(self) -> None:
        """Leaves the interface in the words it is written in."""
        if self._installed is not None:
            QCoreApplication.removeTranslator(self._installed)
            self._installed = None

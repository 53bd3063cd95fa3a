"""The interface's words in Russian (and English plurals), through Qt's translation files."""

import re
import shutil
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from kiosk.viewmodels.interface_language import translation_file
from kiosk.viewmodels.staff import NO_PIN_SET, KioskStaff, PinVerdict
from tools import translations

COUNTDOWN = "Still exploring? The exhibit starts again in %n second(s)."
PLACE_MARKER = re.compile(r"%(?:n|\d)")


@pytest.fixture
def interface_in(qapp) -> Iterator:
    """Installs the committed translation of one language, as the kiosk does; removes it after."""
    installed: list[QTranslator] = []

    def install(language: str) -> None:
        translator = QTranslator()
        assert translator.load(str(translation_file(language))), f"kiosk_{language}.qm does not load"
        QCoreApplication.installTranslator(translator)
        installed.append(translator)

    yield install
    for translator in installed:
        QCoreApplication.removeTranslator(translator)


def messages(ts: Path) -> Iterator[tuple[str, str, list[str]]]:
    """(context, source, translations) for every message of a .ts file: one text, or each plural form."""
    for context in ElementTree.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [form.text or "" for form in translation.iter("numerusform")]
            yield (
                context.findtext("name", ""),
                message.findtext("source", ""),
                forms or [translation.text or ""],
            )


def test_every_interface_string_has_a_finished_translation_and_the_compiled_files_are_current() -> None:
    # The same check as `python -m tools.translations --check`: sources, .ts and .qm agree.
    assert translations.problems() == []


def test_the_check_finds_a_new_string_nobody_translated_and_a_stale_compiled_file(tmp_path: Path) -> None:
    package = tmp_path / "kiosk"
    shutil.copytree(translations.PACKAGE / "qml", package / "qml")
    translations_dir = tmp_path / "translations"
    shutil.copytree(translations.TRANSLATIONS_DIR, translations_dir)
    (package / "qml" / "Kiosk" / "Extra.qml").write_text(
        'import QtQuick\nText { text: qsTr("A word added today") }\n', encoding="utf-8"
    )
    (translations_dir / "kiosk_ru.qm").write_bytes(b"")

    found = translations.problems(translations_dir, package)

    assert "kiosk_ru.ts does not match the sources: messages were added, changed or removed" in found
    assert "kiosk_ru.ts: not translated: Extra: A word added today" in found
    assert "kiosk_ru.qm was not compiled from kiosk_ru.ts" in found


@pytest.mark.parametrize("language", [translation.language for translation in translations.TRANSLATIONS])
def test_translations_keep_every_place_marker_of_their_source(language: str) -> None:
    # A lost %1 drops a page number or a name from the screen; a lost %n, the seconds left.
    for context, source, texts in messages(translations.ts_file(language)):
        for text in texts:
            assert sorted(PLACE_MARKER.findall(text)) == sorted(PLACE_MARKER.findall(source)), (
                context,
                source,
                text,
            )


def test_russian_translations_use_russian_quotation_marks() -> None:
    for context, source, texts in messages(translations.ts_file("ru")):
        for text in texts:
            assert not set('“”"') & set(text), (context, source, text)


def test_the_interface_speaks_russian_with_the_committed_translation(interface_in) -> None:
    interface_in("ru")
    assert QCoreApplication.translate("SectionScreen", "Home") == "Главная"
    assert QCoreApplication.translate("SectionScreen", "Back") == "Назад"
    assert QCoreApplication.translate("Main", "Touch the screen to begin") == "Коснитесь экрана, чтобы начать"
    assert QCoreApplication.translate("CountdownOverlay", "Still exploring?") == "Вы ещё здесь?"


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "1 секунду"),
        (3, "3 секунды"),
        (5, "5 секунд"),
        (11, "11 секунд"),
        (21, "21 секунду"),
        (24, "24 секунды"),
    ],
)
def test_the_countdown_says_seconds_in_the_russian_plural_form_for_the_number(
    interface_in, seconds: int, words: str
) -> None:
    interface_in("ru")
    said = QCoreApplication.translate("CountdownOverlay", COUNTDOWN, None, seconds)
    assert said == f"Вы ещё здесь? Выставка начнётся сначала через {words}."


@pytest.mark.parametrize(("seconds", "words"), [(1, "1 second."), (5, "5 seconds."), (21, "21 seconds.")])
def test_the_countdown_says_seconds_in_the_english_plural_form_for_the_number(
    interface_in, seconds: int, words: str
) -> None:
    interface_in("en")
    assert QCoreApplication.translate("CountdownOverlay", COUNTDOWN, None, seconds).endswith(f" in {words}")


def enter_a_pin(staff: KioskStaff) -> None:
    staff.requestAccess()
    staff.pressDigit("1")
    staff.submitPin()


@pytest.mark.parametrize(
    ("verdict", "message"),
    [
        (PinVerdict(False, attempts_left=1), "Неверный PIN-код. До блокировки осталась 1 попытка."),
        (PinVerdict(False, attempts_left=2), "Неверный PIN-код. До блокировки остались 2 попытки."),
        (
            PinVerdict(False, locked_for_s=59.6),
            "Слишком много неверных PIN-кодов. Ввод заблокирован на 60 секунд.",
        ),
        (
            PinVerdict(False, NO_PIN_SET),
            "Служебный PIN-код для этого киоска не задан: выполните команду kiosk set-pin.",
        ),
    ],
)
def test_the_staff_pad_says_why_it_refused_a_pin_in_russian(
    interface_in, verdict: PinVerdict, message: str
) -> None:
    interface_in("ru")
    staff = KioskStaff(lambda _pin: verdict)
    enter_a_pin(staff)
    assert staff.property("message") == message


def test_the_staff_pad_says_how_many_tries_are_left_in_english_plural_forms(interface_in) -> None:
    interface_in("en")
    tries = iter([2, 1])
    staff = KioskStaff(lambda _pin: PinVerdict(False, attempts_left=next(tries)))
    enter_a_pin(staff)
    assert staff.property("message") == "That PIN is not right. 2 more tries before the pad locks."
    enter_a_pin(staff)
    assert staff.property("message") == "That PIN is not right. 1 more try before the pad locks."


def test_a_refusal_without_a_translation_is_shown_in_its_own_words(interface_in) -> None:
    interface_in("ru")
    staff = KioskStaff(lambda _pin: PinVerdict(False, "The PIN store cannot be read."))
    enter_a_pin(staff)
    assert staff.property("message") == "The PIN store cannot be read."

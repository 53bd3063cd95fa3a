"""The staff PIN pad's words, the diagnostics staff read, and failing safe on an uncaught exception."""

import logging
import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer

from kiosk.app.operations import diagnostics_source, install_exception_handler, pin_checker
from kiosk.services.staff_access import PinLock, hash_pin
from kiosk.viewmodels.interface_language import InterfaceTranslations
from kiosk.viewmodels.staff import KioskStaff
from tests.conftest import MINI_EXHIBIT


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def pin_hash() -> str:
    return hash_pin("2468")


@pytest.fixture
def english(qapp) -> Iterator[None]:
    """The interface in English as the kiosk installs it: with its plural forms."""
    translations = InterfaceTranslations()
    translations.install("en")
    yield
    translations.uninstall()


def enter(staff: KioskStaff, pin: str) -> None:
    for digit in pin:
        staff.pressDigit(digit)
    staff.submitPin()


def test_the_right_pin_opens_the_staff_menu(pin_hash: str) -> None:
    staff = KioskStaff(pin_checker(PinLock(pin_hash)))
    staff.requestAccess()
    enter(staff, "2468")
    assert staff.current_view == "menu"


def test_wrong_pins_say_how_many_tries_are_left_and_then_lock_the_pad(qtbot, english, pin_hash: str) -> None:
    clock = Clock()
    staff = KioskStaff(pin_checker(PinLock(pin_hash, max_attempts=3, lockout_s=60, clock=clock)))
    staff.requestAccess()
    enter(staff, "1111")
    assert staff.property("message") == "That PIN is not right. 2 more tries before the pad locks."
    enter(staff, "1111")
    assert "1 more try" in staff.property("message")
    enter(staff, "1111")
    assert staff.property("message") == "Too many wrong PINs. The pad is locked for 60 s."
    assert staff.property("locked")
    # While locked, even the right PIN cannot be typed in.
    enter(staff, "2468")
    assert staff.current_view == "pin"
    assert staff.property("pinLength") == 0


def test_the_pad_unlocks_by_itself_when_the_lockout_ends(qtbot, pin_hash: str) -> None:
    clock = Clock()
    staff = KioskStaff(pin_checker(PinLock(pin_hash, max_attempts=1, lockout_s=0.05, clock=clock)))
    staff.requestAccess()
    enter(staff, "1111")
    assert staff.property("locked")
    clock.now += 0.05
    qtbot.waitUntil(lambda: not staff.property("locked"), timeout=2000)
    enter(staff, "2468")
    assert staff.current_view == "menu"


def test_the_unlock_timer_is_named(pin_hash: str) -> None:
    staff = KioskStaff(pin_checker(PinLock(pin_hash)))
    assert [timer.objectName() for timer in staff.findChildren(QTimer)] == ["pinPadUnlock"]


def test_staff_menu_actions_reach_the_application(qtbot, pin_hash: str) -> None:
    staff = KioskStaff(pin_checker(PinLock(pin_hash)))
    staff.exitKiosk()  # not from the pad: nothing happens
    staff.requestAccess()
    enter(staff, "2468")
    with qtbot.waitSignal(staff.exitRequested):
        staff.exitKiosk()
    assert staff.current_view == ""


def test_diagnostics_tell_staff_what_they_need(tmp_path) -> None:
    log_file = tmp_path / "kiosk.log"
    logging.getLogger("kiosk.test").warning("a problem staff should see")
    facts = dict(diagnostics_source(MINI_EXHIBIT, log_file)())
    assert facts["Version"].startswith("kiosk ")
    assert facts["Running for"] == "0 h 0 min"
    assert facts["Memory"].endswith("MB resident")
    assert facts["Exhibit"] == str(MINI_EXHIBIT.resolve())
    assert "last changed" in facts["Content version"]
    assert facts["Logs"] == str(log_file)


def test_an_uncaught_exception_is_logged_and_the_kiosk_recovers(caplog) -> None:
    recovered: list[bool] = []
    previous = install_exception_handler(lambda: recovered.append(True))
    try:
        try:
            raise RuntimeError("a fault in a slot")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = previous
    assert recovered == [True]
    [record] = [record for record in caplog.records if record.name == "kiosk.app.operations"]
    assert record.levelno == logging.ERROR
    assert record.exc_info is not None
    assert "a fault in a slot" in str(record.exc_info[1])


def test_conditions_staff_must_know_are_logged_once_and_shown_until_they_pass(caplog) -> None:
    from kiosk.app.notices import clear_notices, notify, withdraw

    clear_notices()
    try:
        for _ in range(3):
            notify("log-folder", "the log folder cannot be written; logging to standard error only")
        facts = dict(diagnostics_source(MINI_EXHIBIT, None)())
        assert facts["Needs attention"] == "the log folder cannot be written; logging to standard error only"
        said = [record for record in caplog.records if "log folder cannot be written" in record.getMessage()]
        assert len(said) == 1
        assert said[0].levelno == logging.WARNING
        withdraw("log-folder")
        assert "Needs attention" not in dict(diagnostics_source(MINI_EXHIBIT, None)())
    finally:
        clear_notices()

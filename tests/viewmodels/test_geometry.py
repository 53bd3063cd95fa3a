"""The geometry the views read follows the window, the visitor's larger text and the reach mode."""

from pytestqt.qtbot import QtBot

from kiosk.content.layout.geometry import screen_layout
from kiosk.services.screen import ScreenPlacement
from kiosk.viewmodels.access import KioskAccess
from kiosk.viewmodels.geometry import KioskGeometry


def make(width: int = 1920, height: int = 1080) -> tuple[KioskAccess, KioskGeometry]:
    access = KioskAccess()
    access.set_window_size(width, height)
    return access, KioskGeometry(access)


def test_the_views_read_the_geometrys_numbers() -> None:
    _, geometry = make()
    reference = screen_layout(1920, 1080)

    assert geometry.property("unit") == 1
    assert geometry.property("titleSize") == reference.type.title
    assert geometry.property("margin") == 72
    assert geometry.property("measureWidth") == reference.grid.measure_width
    text = geometry.property("text")
    assert text["headingWidth"] == reference.text.heading_width
    assert text["titleHeightShare"] == 7
    assert geometry.property("image")["picture"] == {"width": reference.image.picture.width, "height": 720}
    assert geometry.property("timeline")["detailMargins"]["left"] == 48


def test_turning_the_screen_lays_it_out_again(qtbot: QtBot) -> None:
    access, geometry = make()

    with qtbot.waitSignal(geometry.changed):
        access.set_window_size(1080, 1920)

    assert geometry.property("portrait")
    assert geometry.property("text")["headingWidth"] == 936
    assert geometry.property("stageBottom") == 1920


def test_larger_text_sets_every_size_a_step_larger(qtbot: QtBot) -> None:
    access, geometry = make()

    with qtbot.waitSignal(geometry.changed):
        access.setLargeText(True)

    assert geometry.property("bodySize") == 42
    assert geometry.property("titleSize") == 75
    assert geometry.layout.large_text


def test_in_reach_mode_the_screens_stand_in_the_band_within_reach(qtbot: QtBot) -> None:
    # A screen hung high: its top is out of a seated visitor's reach.
    access = KioskAccess(ScreenPlacement(bottom_mm=900))
    access.set_window_size(1920, 1080)
    geometry = KioskGeometry(access)
    assert access.reach_top() > 0

    with qtbot.waitSignal(geometry.changed):
        access.setReachMode(True)

    top, bottom = geometry.property("stageTop"), geometry.property("stageBottom")
    assert top > 0
    assert bottom - top >= 0.4 * 1080
    # The band is shorter than the window: everything is laid out smaller to fit it.
    assert geometry.property("unit") == (bottom - top) / 1080
    assert geometry.property("touchTarget") == access.target_size()


def test_nothing_changes_when_nothing_the_layout_depends_on_changes(qtbot: QtBot) -> None:
    access, geometry = make()

    with qtbot.assertNotEmitted(geometry.changed):
        access.setReducedMotion(True)
        access.set_window_size(1920, 1080)

"""The layout the views read follows the window, the visitor's larger text and the reach mode."""

from pytestqt.qtbot import QtBot

from kiosk.content.layout.geometry import screen_layout
from kiosk.services.screen import ScreenPlacement
from kiosk.viewmodels.access import KioskAccess
from kiosk.viewmodels.layout import KioskLayout


def make(width: int = 1920, height: int = 1080) -> tuple[KioskAccess, KioskLayout]:
    access = KioskAccess()
    access.set_window_size(width, height)
    return access, KioskLayout(access)


def test_the_views_read_the_geometrys_numbers() -> None:
    _, layout = make()
    reference = screen_layout(1920, 1080)

    assert layout.property("unit") == 1
    assert layout.property("titleSize") == reference.type.title
    assert layout.property("margin") == 72
    assert layout.property("measureWidth") == reference.grid.measure_width
    text = layout.property("text")
    assert text["headingWidth"] == reference.text.heading_width
    assert text["titleHeightShare"] == 7
    assert layout.property("image")["picture"] == {"width": reference.image.picture.width, "height": 720}
    assert layout.property("timeline")["detailMargins"]["left"] == 48


def test_turning_the_screen_lays_it_out_again(qtbot: QtBot) -> None:
    access, layout = make()

    with qtbot.waitSignal(layout.changed):
        access.set_window_size(1080, 1920)

    assert layout.property("portrait")
    assert layout.property("text")["headingWidth"] == 936
    assert layout.property("stageBottom") == 1920


def test_larger_text_sets_every_size_a_step_larger(qtbot: QtBot) -> None:
    access, layout = make()

    with qtbot.waitSignal(layout.changed):
        access.setLargeText(True)

    assert layout.property("bodySize") == 42
    assert layout.property("titleSize") == 75
    assert layout.layout.large_text


def test_in_reach_mode_the_screens_stand_in_the_band_within_reach(qtbot: QtBot) -> None:
    # A screen hung high: its top is out of a seated visitor's reach.
    access = KioskAccess(ScreenPlacement(bottom_mm=900))
    access.set_window_size(1920, 1080)
    layout = KioskLayout(access)
    assert access.reach_top() > 0

    with qtbot.waitSignal(layout.changed):
        access.setReachMode(True)

    top, bottom = layout.property("stageTop"), layout.property("stageBottom")
    assert top > 0
    assert bottom - top >= 0.4 * 1080
    # The band is shorter than the window: everything is laid out smaller to fit it.
    assert layout.property("unit") == (bottom - top) / 1080
    assert layout.property("touchTarget") == access.target_size()


def test_nothing_changes_when_nothing_the_layout_depends_on_changes(qtbot: QtBot) -> None:
    access, layout = make()

    with qtbot.assertNotEmitted(layout.changed):
        access.setReducedMotion(True)
        access.set_window_size(1920, 1080)

"""Every control of the shipped exhibit is named for screen readers and large enough for a finger,
and the whole exhibit can be used from the keyboard alone."""

import pytest
from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, QRectF, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest
from pytestqt.exceptions import TimeoutError as WaitTimeout
from pytestqt.qtbot import QtBot

from kiosk.app.window import KioskUi
from tests.conftest import SHIPPED_EXHIBITS
from tests.gui.conftest import (
    OpenKiosk,
    accessibility_of,
    controls_on_screen,
    current_panel,
    find_item,
    visible_rect,
    wait_until_settled,
)

EXHIBIT = next(path for path in SHIPPED_EXHIBITS if path.name == "recognition-1933")
SIZES = [(1920, 1080), (1080, 1920)]
#: WCAG 2.5.5's size, and the floor the kiosk never goes under whatever the screen.
MINIMUM_TARGET_PX = 44.0
#: A fingertip's width with room to spare (Colle and Hiszem, 2004).
TARGET_MM = 20.0


def minimum_target(ui: KioskUi) -> float:
    """What issue 6 asks of every target: 20 mm on the screen as configured, never under 44 px.

    (The kiosk's own `targetSize` is larger still where the theme's design is: the size its
    buttons are drawn at, not the least a finger needs.)"""
    access = getattr(ui, "access", None)
    if access is None:
        return MINIMUM_TARGET_PX
    width, height = ui.window.width(), ui.window.height()
    picture_width, _ = access.placement.picture_mm(portrait=height > width)
    return max(MINIMUM_TARGET_PX, TARGET_MM * width / picture_width)


def link_at(text: QQuickItem, x: float, y: float) -> str:
    """The link a touch at (x, y) opens: the view's own answer (noteAt) where it gives one."""
    if text.metaObject().indexOfMethod("noteAt(double,double)") >= 0:
        number = QMetaObject.invokeMethod(
            text,
            "noteAt",
            Qt.ConnectionType.DirectConnection,
            Q_RETURN_ARG(int),
            Q_ARG(float, x),
            Q_ARG(float, y),
        )
        return f"note:{number}" if number >= 0 else ""
    return QMetaObject.invokeMethod(
        text,
        "linkAt",
        Qt.ConnectionType.DirectConnection,
        Q_RETURN_ARG(str),
        Q_ARG(float, x),
        Q_ARG(float, y),
    )


def link_targets(text: QQuickItem, step: float = 4.0) -> dict[str, QRectF]:
    """Where a finger finds each link of a text: the largest line of each, as Text.linkAt sees it."""
    columns = [x * step for x in range(int(text.width() / step) + 1)]
    rows = [y * 1.0 for y in range(int(text.height()) + 1)]
    # For each link, the rows it answers in, and the columns it spans on each row.
    spans: dict[str, dict[int, list[float]]] = {}
    for row in rows:
        for column in columns:
            link = link_at(text, column, row)
            if link:
                spans.setdefault(link, {}).setdefault(int(row), []).append(column)
    targets = {}
    for link, by_row in spans.items():
        best = QRectF()
        # Consecutive rows make one line of the link; its width is its widest row.
        run: list[int] = []
        for row in [*sorted(by_row), None]:
            if run and (row is None or row != run[-1] + 1):
                left = min(min(by_row[r]) for r in run)
                right = max(max(by_row[r]) for r in run) + step
                line = QRectF(left, run[0], right - left, len(run))
                if line.width() * line.height() > best.width() * best.height():
                    best = line
                run = []
            if row is not None:
                run.append(row)
        targets[link] = best
    return targets


def problems_on_screen(ui: KioskUi, where: str) -> list[str]:
    """What a screen-reader user or a finger would find wrong with the controls now on screen."""
    problems = []
    minimum = minimum_target(ui)
    controls = controls_on_screen(ui)
    for control in controls:
        # What Qt hands a screen reader (AT-SPI on Linux): the view's Accessible role and name.
        attached = accessibility_of(control.item)
        role = attached.property("role") if attached is not None else None
        name = (attached.property("name") or "").strip() if attached is not None else ""
        if role in (None, QAccessible.Role.NoRole, QAccessible.Role.Client):
            problems.append(f"{where}: {control.label} has no accessible role")
        if not name:
            problems.append(f"{where}: {control.label} has no accessible name")
        if control.kind == "links":
            for link, target in link_targets(control.item).items():
                if target.width() < minimum or target.height() < minimum:
                    problems.append(
                        f"{where}: {control.label} link {link} is {target.width():.0f}x{target.height():.0f} px"
                    )
        elif control.item.width() < minimum or control.item.height() < minimum:
            problems.append(
                f"{where}: {control.label} is {control.item.width():.0f}x{control.item.height():.0f} px"
            )
    rects = [(control, visible_rect(control.item, ui.window)) for control in controls]
    for index, (first, first_rect) in enumerate(rects):
        for second, second_rect in rects[index + 1 :]:
            shared = first_rect.intersected(second_rect)
            # A control standing on a larger one (the zoom buttons on a page) is not an overlap.
            if shared.width() < 0.5 or shared.height() < 0.5 or shared in (first_rect, second_rect):
                continue
            problems.append(
                f"{where}: {first.label} and {second.label} overlap by {shared.width():.0f}x{shared.height():.0f} px"
            )
    return problems


@pytest.mark.parametrize("size", SIZES, ids=["landscape", "portrait"])
def test_every_control_is_named_and_large_enough_for_a_finger(
    open_kiosk: OpenKiosk, qtbot: QtBot, size: tuple[int, int]
) -> None:
    ui = open_kiosk(EXHIBIT, size)
    problems = problems_on_screen(ui, "home")
    assert len(controls_on_screen(ui)) >= 4, "the walk finds the section tiles"
    for section in range(ui.exhibit.property("sections").rowCount()):
        ui.navigation.openSection(section)
        wait_until_settled(qtbot, ui)
        for panel in range(ui.navigation.property("panelCount")):
            ui.navigation.showPanel(panel)
            wait_until_settled(qtbot, ui)
            problems += problems_on_screen(
                ui, f"section {section + 1}, panel {panel + 1} ({current_panel(ui).metaObject().className()})"
            )
    assert not problems, "\n".join(problems)


def focused_item(ui: KioskUi) -> QQuickItem | None:
    return ui.window.activeFocusItem()


def shows_focus_ring(item: QQuickItem) -> bool:
    """Whether the item draws its focus ring (FocusRing.qml), in itself or its background."""
    pending = list(item.childItems())
    while pending:
        child = pending.pop()
        if child.metaObject().className().startswith("FocusRing"):
            if child.isVisible():
                return True
            continue
        # The ring of a control inside this one is that control's, not this one's.
        if child.property("activeFocusOnTab") is not True:
            pending.extend(child.childItems())
    return False


def describe(item: QQuickItem | None) -> str:
    if item is None:
        return "nothing"
    return item.objectName() or item.metaObject().className()


def wait_for_focus(qtbot: QtBot, ui: KioskUi, where: str, name: str | None = None) -> QQuickItem:
    """Waits until the keyboard's focus is on a control in sight that shows its ring."""

    def shown() -> bool:
        item = focused_item(ui)
        return (
            item is not None
            and (name is None or describe(item).startswith(name))
            and item.isVisible()
            and not visible_rect(item, ui.window).isEmpty()
            and shows_focus_ring(item)
        )

    try:
        qtbot.waitUntil(shown, timeout=3000)
    except WaitTimeout:
        raise AssertionError(
            f"{where}: the focus is on {describe(focused_item(ui))}, expected {name or 'a control'} in sight with its ring"
        ) from None
    item = focused_item(ui)
    assert item is not None
    return item


def press(ui: KioskUi, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(ui.window, key, modifier)


def tab_to(qtbot: QtBot, ui: KioskUi, name: str, where: str) -> QQuickItem:
    """Presses Tab until the focus reaches the control named, as a keyboard user does."""
    for _ in range(60):
        if describe(focused_item(ui)).startswith(name):
            return wait_for_focus(qtbot, ui, where, name)
        press(ui, Qt.Key.Key_Tab)
    raise AssertionError(f"{where}: Tab never reaches {name}")


def place(ui: KioskUi) -> tuple[int, int]:
    return ui.navigation.property("sectionIndex"), ui.navigation.property("panelIndex")


def test_the_whole_exhibit_with_the_keyboard_alone(open_kiosk: OpenKiosk, qtbot: QtBot) -> None:
    ui = open_kiosk(EXHIBIT)
    navigation = ui.navigation
    sections = ui.exhibit.property("sections").rowCount()
    tried = set()

    press(ui, Qt.Key.Key_Tab)
    wait_for_focus(qtbot, ui, "home, first Tab", "sectionTile0")
    for section in range(sections):
        if section > 0:
            # Back home the focus is on the last section's tile; the arrow goes to the next.
            wait_for_focus(qtbot, ui, "home again", f"sectionTile{section - 1}")
            press(ui, Qt.Key.Key_Right)
            wait_for_focus(qtbot, ui, "home, arrow right", f"sectionTile{section}")
        press(ui, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda section=section: place(ui) == (section, 0))
        wait_until_settled(qtbot, ui)
        wait_for_focus(qtbot, ui, f"section {section + 1} opened", "nextButton")

        count = navigation.property("panelCount")
        for panel in range(count):
            where = f"section {section + 1}, panel {panel + 1}"
            if panel > 0:
                press(ui, Qt.Key.Key_Right)
                qtbot.waitUntil(lambda section=section, panel=panel: place(ui) == (section, panel))
                wait_until_settled(qtbot, ui)
                wait_for_focus(qtbot, ui, where)
            kind = current_panel(ui).metaObject().className()
            if kind.startswith("TimelinePanel") and "timeline" not in tried:
                tried.add("timeline")
                tab_to(qtbot, ui, "timelineEvent0", where)
                press(ui, Qt.Key.Key_Right)
                wait_for_focus(qtbot, ui, where + ", next event", "timelineEvent1")
                press(ui, Qt.Key.Key_Return)
                wait_for_focus(qtbot, ui, where + ", event opened", "timelineDetailClose")
                assert current_panel(ui).property("selected") == 1
                press(ui, Qt.Key.Key_Escape)
                wait_for_focus(qtbot, ui, where + ", event closed", "timelineEvent1")
                assert current_panel(ui).property("selected") == -1
                assert place(ui) == (section, panel), "Escape closed the event, and went no further"
            elif kind.startswith("GalleryPanel") and "gallery" not in tried:
                tried.add("gallery")
                tab_to(qtbot, ui, "galleryItem0", where)
                press(ui, Qt.Key.Key_Right)
                wait_for_focus(qtbot, ui, where + ", next picture", "galleryItem1")
                press(ui, Qt.Key.Key_Return)
                wait_for_focus(qtbot, ui, where + ", picture enlarged", "lightboxClose")
                press(ui, Qt.Key.Key_Escape)
                wait_for_focus(qtbot, ui, where + ", picture closed", "galleryItem1")
                assert not find_item(ui, "lightbox").property("open")
                assert place(ui) == (section, panel)
            elif kind.startswith("PairPanel") and "pages" not in tried:
                tried.add("pages")
                tab_to(qtbot, ui, "openPages0", where)
                press(ui, Qt.Key.Key_Return)
                wait_for_focus(qtbot, ui, where + ", letter's pages opened", "closePages")
                viewer = tab_to(qtbot, ui, "pageViewer", where + ", letter's pages")
                press(ui, Qt.Key.Key_Plus)
                qtbot.waitUntil(
                    lambda viewer=viewer: viewer.property("zoomed") and not viewer.property("zoomAnimating")
                )
                if find_item(ui, "nextPage").isVisible():
                    tab_to(qtbot, ui, "nextPage", where + ", letter's pages")
                    press(ui, Qt.Key.Key_Return)
                    qtbot.waitUntil(lambda: current_panel(ui).property("pageIndex") == 1)
                press(ui, Qt.Key.Key_Escape)
                wait_for_focus(qtbot, ui, where + ", letter's pages closed", "openPages0")
                assert current_panel(ui).property("pagesOf") == -1
                assert place(ui) == (section, panel)
            elif (
                kind.startswith("DocumentPanel")
                and "note" not in tried
                and current_panel(ui).property("notes")
            ):
                tried.add("note")
                tab_to(qtbot, ui, "LetterText", where)
                press(ui, Qt.Key.Key_Return)
                wait_for_focus(qtbot, ui, where + ", note opened", "closeNote")
                assert current_panel(ui).property("selectedNote") >= 0
                press(ui, Qt.Key.Key_Escape)
                wait_for_focus(qtbot, ui, where + ", note closed", "LetterText")
                assert current_panel(ui).property("selectedNote") == -1
                assert place(ui) == (section, panel)
            if describe(focused_item(ui)) != "nextButton":
                tab_to(qtbot, ui, "nextButton", where)

        # Home again with Escape alone: one panel back at a time, then home.
        for panel in range(count - 1, 0, -1):
            press(ui, Qt.Key.Key_Escape)
            qtbot.waitUntil(lambda section=section, panel=panel: place(ui) == (section, panel - 1))
            wait_for_focus(qtbot, ui, f"section {section + 1}, back to panel {panel}")
        press(ui, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: navigation.property("atHome"))
        wait_until_settled(qtbot, ui)
    wait_for_focus(qtbot, ui, "home at the end", f"sectionTile{sections - 1}")
    assert tried == {"timeline", "gallery", "pages", "note"}


def show_first_panel_of(qtbot: QtBot, ui: KioskUi, kind: str) -> QQuickItem:
    """Opens the first panel of the kind (its QML type's name) in the exhibit."""
    for section in range(ui.exhibit.property("sections").rowCount()):
        ui.navigation.openSection(section)
        wait_until_settled(qtbot, ui)
        for panel in range(ui.navigation.property("panelCount")):
            ui.navigation.showPanel(panel)
            wait_until_settled(qtbot, ui)
            if current_panel(ui).metaObject().className().startswith(kind):
                return current_panel(ui)
    raise AssertionError(f"the exhibit has no {kind}")


@pytest.mark.parametrize(
    ("kind", "opener", "close"),
    [
        ("TimelinePanel", "timelineEvent0", "timelineDetailClose"),
        ("GalleryPanel", "galleryItem0", "lightboxClose"),
    ],
    ids=["timeline event", "gallery picture"],
)
def test_a_sheet_opened_from_the_keyboard_is_shown_as_it_takes_the_focus(
    open_kiosk: OpenKiosk, qtbot: QtBot, kind: str, opener: str, close: str
) -> None:
    """The focus never lands on a hidden control: the section takes the focus back to Next from
    one, whenever a panel beside it comes or goes (SectionScreen.keepFocusInSight), and a sheet
    still hidden in its first frame would lose it there."""
    ui = open_kiosk(EXHIBIT)
    show_first_panel_of(qtbot, ui, kind)
    press(ui, Qt.Key.Key_Tab)
    tab_to(qtbot, ui, opener, kind)
    landings: list[tuple[str, bool]] = []

    def landed() -> None:
        item = focused_item(ui)
        if item is not None:
            landings.append((describe(item), item.isVisible()))

    ui.window.activeFocusItemChanged.connect(landed)
    press(ui, Qt.Key.Key_Return)
    wait_for_focus(qtbot, ui, f"{kind}, opened", close)
    ui.window.activeFocusItemChanged.disconnect(landed)
    assert landings, "the focus moved onto the sheet"
    assert all(visible for _, visible in landings), f"the focus landed on a hidden control: {landings}"

"""The list models behave as Qt's views expect, and carry what the views show."""

import shutil
from pathlib import Path

from pytestqt.modeltest import ModelTester

from kiosk.content.loader import load_exhibit
from kiosk.content.localized import Localized
from kiosk.content.summary import summarize
from kiosk.services.navigation import NavigationService
from kiosk.viewmodels.exhibit import KioskExhibit
from kiosk.viewmodels.navigation import KioskNavigation
from tests.conftest import MINI_EXHIBIT


def make() -> tuple[KioskExhibit, KioskNavigation]:
    exhibit = load_exhibit(MINI_EXHIBIT).exhibit
    assert exhibit is not None
    exhibit_vm = KioskExhibit(summarize(exhibit))
    exhibit_vm.attach(exhibit)
    service = NavigationService([len(section.panels) for section in exhibit.sections])
    return exhibit_vm, KioskNavigation(exhibit_vm, service)


def test_section_model(qtmodeltester: ModelTester) -> None:
    exhibit, _ = make()
    sections = exhibit.property("sections")
    qtmodeltester.check(sections)
    assert [sections.record(row)["title"] for row in range(sections.rowCount())] == [
        "First Section",
        "Second Section",
        "Third Section",
        "Fourth Section",
    ]
    assert sections.record(0)["tileImage"].startswith("file:///")
    assert sections.record(0)["number"] == "01"


def test_panel_model_follows_the_open_section(qtmodeltester: ModelTester) -> None:
    _, navigation = make()
    panels = navigation.property("panels")
    navigation.openSection(1)
    qtmodeltester.check(panels)
    assert [panels.record(row)["kind"] for row in range(panels.rowCount())] == ["timeline", "people"]
    timeline = panels.record(0)["content"]
    assert [event["date"] for event in timeline["events"]] == ["7 November 1917", "November 1933"]
    people = panels.record(1)["content"]["people"]
    assert [person["initials"] for person in people] == ["AE", "BE"]


def test_document_content_says_what_its_transcript_is() -> None:
    _, navigation = make()
    navigation.openSection(3)
    document = navigation.property("panels").record(0)["content"]
    assert document["statusLabel"] == "Extract: part of the text"
    assert [paragraph["text"] for paragraph in document["paragraphs"]] == [
        "My Dear Sir: the first paragraph.",
        "The second paragraph […]",
    ]
    assert document["date"] == "16 November 1933"


def test_advance_label_names_what_comes_next() -> None:
    _, navigation = make()
    navigation.openSection(2)
    assert navigation.property("advanceLabel") == "Next section"
    navigation.openSection(3)
    assert navigation.property("advanceLabel") == "Next"
    navigation.advance()
    assert navigation.property("advanceLabel") == "All sections"


def test_the_attract_loop_heads_its_slides_with_the_short_title() -> None:
    exhibit = load_exhibit(MINI_EXHIBIT).exhibit
    assert exhibit is not None
    short = exhibit.model_copy(update={"short_title": Localized.plain("Mini")})
    for model, title in ((exhibit, "Mini Exhibit"), (short, "Mini")):
        slides = KioskExhibit(summarize(model)).property("attractSlides")
        assert [slides.record(row)["title"] for row in range(slides.rowCount())] == [title, title]


def test_a_tile_shows_the_picture_of_the_visitor_s_language(tmp_path: Path) -> None:
    folder = Path(shutil.copytree(MINI_EXHIBIT, tmp_path / "exhibit"))
    path = folder / "exhibit.yaml"
    text = path.read_text(encoding="utf-8").replace("languages: [en]", "languages: [en, ru]")
    text = text.replace(
        "    tile_image: media/square.svg", "    tile_image: {en: media/square.svg, ru: media/bar.svg}", 1
    )
    path.write_text(text, encoding="utf-8")
    exhibit = load_exhibit(folder).exhibit
    assert exhibit is not None
    exhibit_vm = KioskExhibit(summarize(exhibit))
    sections = exhibit_vm.property("sections")
    assert "/media/square.svg?" in sections.record(0)["tileImage"]
    exhibit_vm.chooseLanguage("ru")
    assert "/media/bar.svg?" in sections.record(0)["tileImage"]


def test_a_record_list_s_roles_are_qt_s_own_display_and_user_roles() -> None:
    # Named by value in the model, so that the home screen's first frame makes no Qt-namespace enum.
    from PySide6.QtCore import Qt

    from kiosk.viewmodels.records import DISPLAY_ROLE, USER_ROLE, KioskRecordListModel

    assert (Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.UserRole.value) == (DISPLAY_ROLE, USER_ROLE)
    model = KioskRecordListModel(["title", "teaser"])
    model.reset([{"title": "Context", "teaser": "Before 1933"}])
    assert model.roleNames() == {Qt.ItemDataRole.UserRole: b"title", Qt.ItemDataRole.UserRole + 1: b"teaser"}
    assert model.data(model.index(0), Qt.ItemDataRole.UserRole + 1) == "Before 1933"

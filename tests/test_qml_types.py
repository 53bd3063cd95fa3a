"""The views are checked against the view models they read: a property, signal or slot that the
Python does not provide fails the lint, before any visitor could meet the blank it would leave."""

import re
from pathlib import Path

import pytest

from tools.qmllint import lint
from tools.qmltypes import TYPES_FILE, write_module

# A view as the kiosk's are written: the view model typed, every read qualified by an id.
VIEW = """import QtQuick
import Kiosk.Backend

Item {
    id: view

    required property KioskExhibit exhibit
    required property KioskNavigation navigation

    readonly property string heading: view.exhibit.%(property)s

    function open(): void {
        view.navigation.%(slot)s(0);
    }
}
"""


def lint_view(folder: Path, **names: str) -> tuple[int, str]:
    view = folder / "View.qml"
    view.write_text(VIEW % names, encoding="utf-8")
    completed = lint([view], capture=True)
    return completed.returncode, completed.stdout + completed.stderr


@pytest.fixture(scope="module")
def qmltypes(tmp_path_factory: pytest.TempPathFactory) -> str:
    return (write_module(tmp_path_factory.mktemp("imports")) / TYPES_FILE).read_text(encoding="utf-8")


def test_a_view_reading_what_the_view_models_provide_passes(tmp_path: Path) -> None:
    returncode, report = lint_view(tmp_path, property="title", slot="openSection")

    assert returncode == 0, report


def test_a_misspelt_view_model_property_fails_the_lint(tmp_path: Path) -> None:
    returncode, report = lint_view(tmp_path, property="titel", slot="openSection")

    assert returncode != 0
    assert re.search(r'View\.qml:10:\d+: Member "titel" not found on type "KioskExhibit"', report), report


def test_a_slot_the_view_model_lacks_fails_the_lint(tmp_path: Path) -> None:
    returncode, report = lint_view(tmp_path, property="title", slot="openChapter")

    assert returncode != 0
    assert 'Member "openChapter" not found on type "KioskNavigation"' in report, report


def test_every_view_model_is_described_with_its_properties_types(qmltypes: str) -> None:
    exported = set(re.findall(r'exports: \["Kiosk\.Backend/(\w+) 1\.0"\]', qmltypes))

    assert {"KioskExhibit", "KioskNavigation", "KioskSession", "KioskStaff", "KioskAccess"} <= exported
    assert {
        "KioskNarration",
        "KioskPreview",
        "KioskTheme",
        "KioskPageImage",
        "KioskRecordListModel",
    } <= exported
    # Typed as the Python declares them, so that a colour is not bound to a number unnoticed.
    assert re.search(r'name: "paper"\s+type: "QColor"', qmltypes)
    assert re.search(r'name: "atHome"\s+type: "bool"', qmltypes)

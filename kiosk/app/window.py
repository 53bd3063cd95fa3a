"""Builds the kiosk's QML window over its view models; used by the app, the tests and the benchmark."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickWindow

from kiosk.app.fonts import register_bundled_fonts
from kiosk.content.summary import ExhibitSummary, summarize
from kiosk.services.navigation import NavigationService
from kiosk.viewmodels import register_qml_types
from kiosk.viewmodels.exhibit import KioskExhibit
from kiosk.viewmodels.navigation import KioskNavigation

if TYPE_CHECKING:
    from kiosk.content.models import Exhibit

QML_DIR = Path(__file__).resolve().parents[1] / "qml"


class WindowError(RuntimeError):
    """The QML window could not be created: a defect in the views, not in the content."""


@dataclass
class KioskUi:
    """The window and the objects behind it, kept alive together."""

    engine: QQmlApplicationEngine | None
    window: QQuickWindow
    exhibit: KioskExhibit
    navigation: KioskNavigation
    navigation_service: NavigationService

    def attach(self, exhibit: "Exhibit") -> None:
        """Gives the window the validated exhibit behind the summary it was built from."""
        self.exhibit.attach(exhibit)

    def dispose(self) -> None:
        """Destroys the QML engine now, while the view models its bindings read are still alive."""
        if self.engine is None:
            return
        self.window.close()
        engine, self.engine = self.engine, None
        del engine


def create_ui(exhibit: "Exhibit | ExhibitSummary") -> KioskUi:
    """The window for a validated exhibit, or for a summary of one, to be attached later."""
    summary = exhibit if isinstance(exhibit, ExhibitSummary) else summarize(exhibit)
    register_bundled_fonts()
    register_qml_types()
    service = NavigationService([section.panel_count for section in summary.sections])
    exhibit_vm = KioskExhibit(summary)
    navigation = KioskNavigation(exhibit_vm, service)

    engine = QQmlApplicationEngine()
    engine.addImportPath(str(QML_DIR))
    errors: list[QQmlError] = []
    engine.warnings.connect(errors.extend)
    engine.setInitialProperties({"exhibit": exhibit_vm, "navigation": navigation})
    engine.loadFromModule("Kiosk", "Main")
    roots = engine.rootObjects()
    if not roots or not isinstance(roots[0], QQuickWindow):
        details = "; ".join(error.toString() for error in errors) or "no window was created"
        raise WindowError(f"the kiosk window could not be created: {details}")
    ui = KioskUi(engine, roots[0], exhibit_vm, navigation, service)
    if not isinstance(exhibit, ExhibitSummary):
        ui.attach(exhibit)
    return ui

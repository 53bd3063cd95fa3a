"""Builds the kiosk's QML window over its view models; used by the app, the tests and the benchmark."""

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickWindow

from kiosk.app.fonts import register_bundled_fonts
from kiosk.content.models import Exhibit
from kiosk.services.navigation import NavigationService
from kiosk.viewmodels import register_qml_types
from kiosk.viewmodels.exhibit import KioskExhibit
from kiosk.viewmodels.navigation import KioskNavigation

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

    def dispose(self) -> None:
        """Destroys the QML engine now, while the view models its bindings read are still alive."""
        if self.engine is None:
            return
        self.window.close()
        engine, self.engine = self.engine, None
        del engine


def create_ui(exhibit: Exhibit) -> KioskUi:
    register_bundled_fonts()
    register_qml_types()
    service = NavigationService([len(section.panels) for section in exhibit.sections])
    exhibit_vm = KioskExhibit(exhibit)
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
    return KioskUi(engine, roots[0], exhibit_vm, navigation, service)


def qml_url(name: str) -> QUrl:
    return QUrl.fromLocalFile(str(QML_DIR / "Kiosk" / name))

"""QObjects and list models that the QML views present. They form one QML module, Kiosk.Backend."""

import importlib
import pkgutil

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


def register_qml_types() -> None:
    """Importing the modules registers their types with the QML module.

    Every module is imported, so that no view finds one of the module's types missing.
    """
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")

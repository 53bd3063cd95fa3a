"""QObjects and list models that the QML views present. They form one QML module, Kiosk.Backend."""

QML_IMPORT_NAME = "Kiosk.Backend"
QML_IMPORT_MAJOR_VERSION = 1


def register_qml_types() -> None:
    """Importing the modules registers their types with the QML module."""
    from kiosk.viewmodels import (  # noqa: F401
        access,
        documents,
        exhibit,
        layout,
        navigation,
        preview,
        records,
        session,
        staff,
        theme,
    )

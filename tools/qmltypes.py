"""Writes the QML type information of the module Kiosk.Backend, so that qmllint (and qmlls) know
the view models' properties, signals and slots.

`python -m tools.qmltypes DIR` writes `DIR/Kiosk/Backend/qmldir` and its `.qmltypes`; pass `DIR`
to qmllint or qmlls as an import path (`-I DIR`). tools/qmllint.py does it before every lint, so
the types are never older than the Python they describe.

Qt for Python's own pipeline is pyside6-metaobjectdump, then pyside6-qmltyperegistrar. The first
reads the sources without running them and cannot read the view models' `Property(type, lambda
...)` declarations, so the description is taken here from what the QML engine itself sees: each
class registered with `@QmlElement` is imported and read from its meta-object. It is written in the
same JSON as pyside6-metaobjectdump's, and pyside6-qmltyperegistrar turns it into the `.qmltypes`.
"""

import argparse
import ast
import importlib
import inspect
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import QMetaMethod, QMetaObject, QObject

from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME

ROOT = Path(__file__).resolve().parents[1]
VIEWMODELS_DIR = ROOT / "kiosk" / "viewmodels"
TYPES_FILE = "kiosk_backend.qmltypes"
#: The Qt modules whose types the view models use or derive from (QObject, QAbstractListModel, QColor).
QT_METATYPES = ("qt6core_metatypes.json", "qt6gui_metatypes.json", "qt6qml_metatypes.json")
#: moc's JSON format revision, as pyside6-metaobjectdump writes it.
MOC_REVISION = 68

Json = dict[str, Any]


def _decorator_name(node: ast.expr) -> str:
    target = node.func if isinstance(node, ast.Call) else node
    if isinstance(target, ast.Attribute):
        return target.attr
    return target.id if isinstance(target, ast.Name) else ""


def _class_infos(node: ast.ClassDef) -> list[Json]:
    """The QML class infos of a class's decorators; empty when the class is not registered."""
    infos: list[Json] = []
    for decorator in node.decorator_list:
        name = _decorator_name(decorator)
        arguments = decorator.args if isinstance(decorator, ast.Call) else []
        first = arguments[0].value if arguments and isinstance(arguments[0], ast.Constant) else None
        if name == "QmlElement":
            infos.append({"name": "QML.Element", "value": "auto"})
        elif name == "QmlNamedElement" and isinstance(first, str):
            infos.append({"name": "QML.Element", "value": first})
        elif name == "QmlAnonymous":
            infos.append({"name": "QML.Element", "value": "anonymous"})
        elif name == "QmlSingleton":
            infos.append({"name": "QML.Singleton", "value": "true"})
        elif name == "QmlUncreatable":
            infos.append({"name": "QML.Creatable", "value": "false"})
            if isinstance(first, str):
                infos.append({"name": "QML.UncreatableReason", "value": first})
    return infos if any(info["name"] == "QML.Element" for info in infos) else []


def _method(method: QMetaMethod, python_names: list[str]) -> Json:
    names = [bytes(name.data()).decode() for name in method.parameterNames()]
    types = [bytes(kind.data()).decode() for kind in method.parameterTypes()]
    arguments = []
    for index, cpp_type in enumerate(types):
        name = names[index] or (python_names[index] if index < len(python_names) else f"a{index + 1}")
        arguments.append({"name": name, "type": cpp_type})
    return {
        "access": "public",
        "name": bytes(method.name().data()).decode(),
        "arguments": arguments,
        "returnType": method.typeName() or "void",
    }


def _parameter_names(cls: type, name: str) -> list[str]:
    function = getattr(cls, name, None)
    if not callable(function):
        return []
    try:
        parameters = list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return []
    return parameters[1:] if parameters[:1] == ["self"] else parameters


def describe_class(cls: type[QObject], class_infos: list[Json]) -> Json:
    """The class as moc (and pyside6-metaobjectdump) describe it, from its meta-object."""
    meta: QMetaObject = cls.staticMetaObject  # type: ignore[attr-defined]  # PySide6 stubs omit it
    properties = []
    for index in range(meta.propertyOffset(), meta.propertyCount()):
        prop = meta.property(index)
        entry: Json = {
            "name": prop.name(),
            "type": prop.typeName(),
            "index": index - meta.propertyOffset(),
            "read": prop.name(),
        }
        if prop.isWritable():
            entry["write"] = prop.name()
        if prop.hasNotifySignal():
            entry["notify"] = bytes(prop.notifySignal().name().data()).decode()
        if prop.isConstant():
            entry["constant"] = True
        properties.append(entry)
    signals, slots = [], []
    for index in range(meta.methodOffset(), meta.methodCount()):
        method = meta.method(index)
        name = bytes(method.name().data()).decode()
        if name.startswith("_"):
            continue  # the class's own business, not the views'
        described = _method(method, _parameter_names(cls, name))
        if method.methodType() == QMetaMethod.MethodType.Signal:
            signals.append(described)
        elif method.methodType() == QMetaMethod.MethodType.Slot:
            slots.append(described)
    return {
        "className": meta.className(),
        "qualifiedClassName": meta.className(),
        "object": True,
        "superClasses": [{"access": "public", "name": meta.superClass().className()}],
        "classInfos": class_infos,
        "properties": properties,
        "signals": signals,
        "slots": slots,
    }


def describe_module() -> list[Json]:
    """Every class of kiosk/viewmodels registered with QML, one moc JSON entry per source file."""
    entries = []
    for path in sorted(VIEWMODELS_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        registered = [
            (node, infos)
            for node in tree.body
            if isinstance(node, ast.ClassDef)
            if (infos := _class_infos(node))
        ]
        if not registered:
            continue
        module = importlib.import_module(f"kiosk.viewmodels.{path.stem}")
        classes = [describe_class(getattr(module, node.name), infos) for node, infos in registered]
        entries.append(
            {
                "classes": classes,
                "outputRevision": MOC_REVISION,
                "QML_IMPORT_NAME": QML_IMPORT_NAME,
                "QML_IMPORT_MAJOR_VERSION": QML_IMPORT_MAJOR_VERSION,
                "QML_IMPORT_MINOR_VERSION": 0,
                "QT_MODULES": ["QtCore", "QtGui", "QtQml"],
                "inputFile": path.relative_to(ROOT).as_posix(),
            }
        )
    return entries


def write_module(import_dir: Path) -> Path:
    """Writes the module's qmldir and .qmltypes under `import_dir`; returns the module's folder."""
    module_dir = import_dir.joinpath(*QML_IMPORT_NAME.split("."))
    module_dir.mkdir(parents=True, exist_ok=True)
    # The tool is installed beside this interpreter, which need not be on PATH.
    registrar = shutil.which("pyside6-qmltyperegistrar", path=str(Path(sys.executable).parent))
    metatypes_dir = Path(PySide6.__file__).parent / "Qt" / "metatypes"
    foreign = ",".join(str(metatypes_dir / name) for name in QT_METATYPES)
    with tempfile.TemporaryDirectory() as scratch:
        metatypes = Path(scratch) / "kiosk_backend_metatypes.json"
        metatypes.write_text(json.dumps(describe_module(), indent=2), encoding="utf-8")
        command = [
            registrar or "pyside6-qmltyperegistrar",
            f"--import-name={QML_IMPORT_NAME}",
            f"--major-version={QML_IMPORT_MAJOR_VERSION}",
            "--minor-version=0",
            f"--foreign-types={foreign}",
            f"--generate-qmltypes={module_dir / TYPES_FILE}",
            # The C++ registration code is for C++ applications; Python registers its own types.
            "-o",
            str(Path(scratch) / "registrations.cpp"),
            str(metatypes),
        ]
        completed = subprocess.run(command, check=False, capture_output=True, text=True)
        if completed.returncode != 0:
            raise RuntimeError(f"qmltyperegistrar failed: {completed.stderr or completed.stdout}")
    (module_dir / "qmldir").write_text(
        f"module {QML_IMPORT_NAME}\ntypeinfo {TYPES_FILE}\ndepends QtQuick\n", encoding="utf-8"
    )
    return module_dir


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("import_dir", type=Path, help="the import path to write Kiosk/Backend/ under")
    arguments = parser.parse_args()
    print(write_module(arguments.import_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())

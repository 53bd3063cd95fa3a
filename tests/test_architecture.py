"""Layer rules that import-linter cannot state: it sees PySide6 only as a whole."""

import ast
from pathlib import Path

from tests.conftest import REPOSITORY


def qt_modules_imported(package: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.startswith("PySide6"):
                    found.setdefault(str(path.relative_to(REPOSITORY)), set()).add(name)
    return found


def test_services_use_qtcore_only() -> None:
    imports = qt_modules_imported(REPOSITORY / "kiosk" / "services")
    assert imports, "services are expected to use QtCore"
    assert {module for modules in imports.values() for module in modules} == {"PySide6.QtCore"}


def test_content_uses_no_qt() -> None:
    assert qt_modules_imported(REPOSITORY / "kiosk" / "content") == {}

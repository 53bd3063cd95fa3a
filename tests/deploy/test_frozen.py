"""The frozen kiosk (`python -m tools.freeze`), the folder Windows installs, built and run here.

A frozen folder fails where the kiosk in its virtual environment cannot: a Qt plugin, a QML module
or a data file left out of it shows up only when a visitor meets the blank screen. The folder is
built once per test run, in a folder of the run's own, as on Windows but for this platform; each
test runs it as IT would, from elsewhere, offscreen and with no sound device.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.analytics.journeys import random_journeys, write_events
from tests.analytics.report_html import ReportSeen
from tests.faults.test_renderer import display  # noqa: F401  # the X server of the xcb runs
from tools.freeze import ROOT

pytestmark = pytest.mark.slow

#: The checks `kiosk check-install` makes, as it names them.
CHECKS = ("views", "fonts", "translations", "multimedia", "home screen", "narration")
RUN_TIMEOUT_S = 180
SHIPPED_EXHIBITS = ("recognition-1933", "moon-phases")
#: Qt plugins (folder/file name start) a Linux kiosk needs: X11, Wayland and offscreen screens,
#: the picture formats curators use, and Qt Multimedia's backend.
NEEDED_PLUGINS = (
    "platforms/libqxcb",
    "platforms/libqwayland",
    "platforms/libqoffscreen",
    "xcbglintegrations/libqxcb-glx",
    "wayland-shell-integration/libxdg-shell",
    "imageformats/libqsvg",
    "imageformats/libqjpeg",
    "imageformats/libqtiff",
    "imageformats/libqwebp",
    "multimedia/libffmpegmediaplugin",
)


@pytest.fixture(scope="session")
def frozen_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder, built by the documented command."""
    build = tmp_path_factory.mktemp("frozen")
    completed = subprocess.run(
        [sys.executable, "-m", "tools.freeze", "--dist", str(build / "dist"), "--work", str(build / "work")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    shutil.rmtree(build / "work")
    return build / "dist" / "kiosk"


def frozen_environment() -> dict[str, str]:
    # No sound server to reach, as on a kiosk whose speaker is unplugged.
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PULSE_SERVER": "unix:/nonexistent"}


@pytest.fixture(params=["offscreen", "xcb"])
def screen(request: pytest.FixtureRequest) -> dict[str, str]:
    """The environment of a run offscreen, or on an X server (Xvfb) through Qt's xcb platform, as a
    kiosk with a screen runs."""
    if request.param == "offscreen":
        return frozen_environment()
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is missing: tools/system-deps.sh installs it")
    x_display: str = request.getfixturevalue("display")
    return {**frozen_environment(), "QT_QPA_PLATFORM": "xcb", "DISPLAY": x_display}


def run_frozen(
    folder: Path, arguments: Sequence[str], cwd: Path, environment: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(folder / "kiosk"), *arguments],
        cwd=cwd,
        env=environment or frozen_environment(),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )


def check_lines(output: str) -> dict[str, str]:
    """`kiosk check-install`'s verdict for each check: 'ok' or 'FAILED', by name."""
    verdicts = {}
    for line in output.splitlines():
        verdict, _, rest = line.partition(" ")
        if verdict in ("ok", "FAILED"):
            verdicts[rest.strip().split(":")[0]] = verdict
    return verdicts


def linked_copy(folder: Path, destination: Path) -> Path:
    """A copy of the built folder to spoil, made of hard links: quick, and the original stays whole
    as long as files are removed from the copy, never changed in place."""
    shutil.copytree(folder, destination, symlinks=True, copy_function=os.link)
    return destination


def test_the_frozen_kiosk_passes_its_installation_check(
    frozen_folder: Path, tmp_path: Path, screen: dict[str, str]
) -> None:
    # Started from another folder: the shipped exhibit is found beside the program.
    completed = run_frozen(frozen_folder, ["check-install"], cwd=tmp_path, environment=screen)

    report = completed.stdout + completed.stderr
    assert completed.returncode == 0, report
    assert check_lines(completed.stdout) == dict.fromkeys(CHECKS, "ok"), report
    assert str(frozen_folder / "exhibits" / "recognition-1933") in completed.stderr


def test_the_folder_holds_the_qt_plugins_the_kiosk_meets_in_the_field(frozen_folder: Path) -> None:
    # What the check cannot reach offscreen: the platforms of a real screen, and picture formats
    # the shipped exhibit does not happen to use.
    plugins = next((frozen_folder / "_internal").rglob("Qt/plugins"))
    present = {f"{path.parent.name}/{path.name}" for path in plugins.glob("*/*")}

    missing = [plugin for plugin in NEEDED_PLUGINS if not any(name.startswith(plugin) for name in present)]

    assert not missing, sorted(present)


def test_the_folder_leaves_out_what_the_kiosk_never_loads(frozen_folder: Path) -> None:
    internal = frozen_folder / "_internal"
    unwanted = [
        path.name
        for path in internal.rglob("*")
        if any(
            word in path.name for word in ("WebEngine", "Quick3D", "Qt63D", "libgtk", "mypy", "hypothesis")
        )
    ]

    assert not unwanted


@pytest.mark.parametrize("exhibit", SHIPPED_EXHIBITS)
def test_the_frozen_kiosk_validates_the_shipped_exhibits(
    frozen_folder: Path, tmp_path: Path, exhibit: str
) -> None:
    folder = frozen_folder / "exhibits" / exhibit

    completed = run_frozen(frozen_folder, ["validate", str(folder)], cwd=tmp_path)

    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert f"{folder}: ok" in completed.stderr


def test_the_frozen_kiosk_starts_a_new_exhibit_that_validates(frozen_folder: Path, tmp_path: Path) -> None:
    # The template is read as a package resource from inside the folder.
    created = run_frozen(frozen_folder, ["new", "river-trade"], cwd=tmp_path)
    validated = run_frozen(frozen_folder, ["validate", "river-trade"], cwd=tmp_path)

    assert created.returncode == 0, created.stderr
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "river-trade: ok" in validated.stderr


def test_the_frozen_kiosk_writes_the_visitor_report_with_its_charts(
    frozen_folder: Path, tmp_path: Path
) -> None:
    # DuckDB reads the events and matplotlib draws every chart, from inside the folder.
    database = tmp_path / "events.sqlite3"
    write_events(database, random_journeys("gallery-1", days=14, seed=1))

    completed = run_frozen(frozen_folder, ["report", str(database), "--output", "report.html"], cwd=tmp_path)

    assert completed.returncode == 0, completed.stderr
    report = ReportSeen((tmp_path / "report.html").read_text(encoding="utf-8"))
    drawn = [key for key, chart in report.charts.items() if chart.svg and "<svg" in chart.svg]
    assert len(drawn) >= 8, sorted(report.charts)


def wait_for_line(path: Path, text: str, process: "subprocess.Popen[bytes]", timeout_s: float = 90) -> bool:
    """Whether `text` appears in the log file `path` while `process` runs (another process's log:
    there is no signal to wait on but the file itself)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        if path.is_file() and text in path.read_text(encoding="utf-8", errors="replace"):
            return True
        time.sleep(0.1)
    return False


def test_the_frozen_supervisor_runs_the_kiosk_from_the_same_program(
    frozen_folder: Path, tmp_path: Path, screen: dict[str, str]
) -> None:
    logs = tmp_path / "logs"
    program = str(frozen_folder / "kiosk")
    supervisor = subprocess.Popen(
        [program, "supervise", "--log-dir", str(logs)],
        cwd=tmp_path,
        env=screen,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        drawn = wait_for_line(logs / "kiosk.log", "renderer in use", supervisor)
    finally:
        supervisor.send_signal(signal.SIGTERM)
        status = supervisor.wait(timeout=60)

    supervisor_log = (logs / "supervisor.log").read_text(encoding="utf-8")
    assert drawn, supervisor_log + (logs / "kiosk.log").read_text(encoding="utf-8")
    assert f"{program} -m kiosk run --log-dir {logs}" in supervisor_log
    assert f"opening {frozen_folder / 'exhibits' / 'recognition-1933'}" in (logs / "kiosk.log").read_text(
        encoding="utf-8"
    )
    assert status == 0, supervisor_log
    assert "supervisor stopped by SIGTERM" in supervisor_log


# The test of the test: a folder missing what the kiosk needs fails its check, saying what is missing.


def test_a_folder_without_the_multimedia_backend_fails_the_check(frozen_folder: Path, tmp_path: Path) -> None:
    spoiled = linked_copy(frozen_folder, tmp_path / "kiosk")
    plugins = list((spoiled / "_internal").rglob("plugins/multimedia/*ffmpegmediaplugin*"))
    assert plugins, "the folder has no FFmpeg media plugin to take away"
    for plugin in plugins:
        plugin.unlink()

    completed = run_frozen(spoiled, ["check-install"], cwd=tmp_path)

    assert completed.returncode == 1, completed.stdout + completed.stderr
    assert check_lines(completed.stdout)["multimedia"] == "FAILED"
    assert "Qt Multimedia has no backend (the FFmpeg media plugin is missing)" in completed.stdout
    assert "Traceback" not in completed.stderr


def test_a_folder_without_a_qml_module_the_views_import_fails_the_check(
    frozen_folder: Path, tmp_path: Path
) -> None:
    spoiled = linked_copy(frozen_folder, tmp_path / "kiosk")
    templates = next((spoiled / "_internal").rglob("qml/QtQuick/Templates"))
    shutil.rmtree(templates)

    completed = run_frozen(spoiled, ["check-install"], cwd=tmp_path)

    assert completed.returncode == 1, completed.stdout + completed.stderr
    verdicts = check_lines(completed.stdout)
    assert verdicts["views"] == "FAILED", completed.stdout
    assert verdicts["home screen"] == "FAILED", completed.stdout
    assert 'module "QtQuick.Templates" is not installed' in completed.stdout
    assert "Traceback" not in completed.stderr


def test_a_folder_without_the_svg_picture_plugin_fails_the_check(frozen_folder: Path, tmp_path: Path) -> None:
    spoiled = linked_copy(frozen_folder, tmp_path / "kiosk")
    for plugin in (spoiled / "_internal").rglob("plugins/imageformats/*qsvg*"):
        plugin.unlink()

    completed = run_frozen(spoiled, ["check-install"], cwd=tmp_path)

    assert completed.returncode == 1, completed.stdout + completed.stderr
    # The home screen's tiles are SVG pictures: Qt says it cannot read them.
    assert check_lines(completed.stdout)["home screen"] == "FAILED", completed.stdout
    assert ".svg" in completed.stdout

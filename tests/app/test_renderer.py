"""The renderer the kiosk draws with: software without a graphics card, and the choice explained."""

import logging
import os
import signal
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow, QSGRendererInterface
from pytestqt.qtbot import QtBot

from kiosk.app.graphics_probe import GraphicsProbe, parse_answer
from kiosk.app.notices import clear_notices, current_notices
from kiosk.app.operations import diagnostics_source
from kiosk.app.renderer import (
    ProbeProcess,
    RendererChoice,
    RendererChooser,
    apply_renderer,
    check_after_first_frame,
    choose_renderer,
    judge,
    renderer_in_use,
)
from kiosk.services.settings_snapshot import StartSettings
from tests.conftest import MINI_EXHIBIT

LLVMPIPE = GraphicsProbe(
    "llvmpipe (LLVM 15.0.6, 256 bits)", "Mesa/X.org", "4.5 (Compatibility Profile) Mesa 22.3.6"
)
INTEL = GraphicsProbe("Mesa Intel(R) UHD Graphics 620 (KBL GT2)", "Intel", "4.6 (Core Profile) Mesa 22.3.6")


def no_probe() -> GraphicsProbe:
    raise AssertionError("the graphics probe was asked, though the choice was already made")


@pytest.mark.parametrize(
    "name",
    [
        "llvmpipe (LLVM 15.0.6, 256 bits)",
        "softpipe",
        "Software Rasterizer",
        "swrast",
        "GDI Generic",
        "Microsoft Basic Render Driver",
        "Google SwiftShader",
        "SwiftShader Device (Subzero) (0x0000C0DE)",
        "Apple Software Renderer",
    ],
)
def test_a_rasterizer_on_the_processor_means_the_software_renderer(name: str) -> None:
    choice = judge(GraphicsProbe(name, "someone", "3.3"))
    assert choice.software
    assert choice.describe() == f"software (no hardware GPU: OpenGL renderer is {name})"


@pytest.mark.parametrize(
    "name",
    [
        "Mesa Intel(R) UHD Graphics 620 (KBL GT2)",
        "NVIDIA GeForce RTX 3060/PCIe/SSE2",
        # A graphics card whose driver is built with LLVM is still a graphics card.
        "AMD Radeon RX 6600 (navi23, LLVM 15.0.7, DRM 3.49, 6.1.0-13-amd64)",
        "V3D 4.2",
        "virgl (Intel(R) UHD Graphics)",
        "Mali-G52 (Panfrost)",
    ],
)
def test_a_graphics_card_keeps_qt_quick_s_default_path(name: str) -> None:
    choice = judge(GraphicsProbe(name, "someone", "4.6"))
    assert not choice.software
    assert choice.describe() == f"hardware (OpenGL renderer is {name})"


def test_no_opengl_at_all_means_the_software_renderer() -> None:
    choice = judge(GraphicsProbe(problem="no OpenGL context on the offscreen platform"))
    assert choice.describe() == "software (no hardware GPU: no OpenGL context on the offscreen platform)"


def test_a_probe_that_failed_means_the_software_renderer_and_says_why() -> None:
    choice = judge(GraphicsProbe(problem="the graphics probe did not answer within 10 s", failed=True))
    assert choice.software
    assert choice.describe() == (
        "software (the graphics probe did not answer within 10 s; drawing in software is the safe choice)"
    )


@pytest.mark.parametrize(
    ("setting", "software"),
    [("software", True), ("hardware", False)],
)
def test_the_installation_setting_forces_either_without_a_probe(setting: str, software: bool) -> None:
    choice = choose_renderer(setting, {}, no_probe)
    assert choice.software is software
    assert choice.describe() == f"{setting} (installation setting renderer: {setting})"
    assert not choice.from_environment


def test_auto_asks_the_probe() -> None:
    assert choose_renderer("auto", {}, lambda: LLVMPIPE).software
    assert not choose_renderer("auto", {}, lambda: INTEL).software


@pytest.mark.parametrize(
    ("environment", "setting", "software", "reason"),
    [
        ({"QT_QUICK_BACKEND": "software"}, "auto", True, "QT_QUICK_BACKEND=software in the environment"),
        (
            {"QT_QUICK_BACKEND": "software"},
            "hardware",
            True,
            "QT_QUICK_BACKEND=software in the environment, not the setting renderer: hardware",
        ),
        ({"QSG_RHI_BACKEND": "vulkan"}, "auto", False, "QSG_RHI_BACKEND=vulkan in the environment"),
        (
            {"QSG_RHI_BACKEND": "opengl"},
            "software",
            False,
            "QSG_RHI_BACKEND=opengl in the environment, not the setting renderer: software",
        ),
        (
            {"QT_QUICK_BACKEND": "software", "QSG_RHI_BACKEND": "opengl"},
            "auto",
            True,
            "QT_QUICK_BACKEND=software, QSG_RHI_BACKEND=opengl in the environment",
        ),
    ],
)
def test_the_environment_comes_first(
    environment: dict[str, str], setting: str, software: bool, reason: str
) -> None:
    choice = choose_renderer(setting, environment, no_probe)
    assert choice == RendererChoice(software, reason, from_environment=True)


def test_an_empty_variable_is_no_choice() -> None:
    assert choose_renderer("auto", {"QT_QUICK_BACKEND": "", "QSG_RHI_BACKEND": " "}, lambda: INTEL) == judge(
        INTEL
    )


def test_only_a_software_choice_of_the_kiosk_s_own_is_set(monkeypatch) -> None:
    asked = []
    monkeypatch.setattr(QQuickWindow, "setGraphicsApi", asked.append)
    apply_renderer(RendererChoice(False, "OpenGL renderer is a graphics card"))
    apply_renderer(
        RendererChoice(True, "QT_QUICK_BACKEND=software in the environment", from_environment=True)
    )
    assert asked == []
    apply_renderer(RendererChoice(True, "no hardware GPU"))
    assert asked == [QSGRendererInterface.GraphicsApi.Software]


def test_the_software_renderer_is_set_only_where_the_environment_does_not_name_it(monkeypatch) -> None:
    chosen = []
    monkeypatch.setattr(QQuickWindow, "setGraphicsApi", lambda api: chosen.append(api))
    apply_renderer(RendererChoice(False, "OpenGL renderer is a graphics card"))
    apply_renderer(
        RendererChoice(True, "QT_QUICK_BACKEND=software in the environment", from_environment=True)
    )
    assert chosen == []
    apply_renderer(RendererChoice(True, "no hardware GPU"))
    assert chosen == [QSGRendererInterface.GraphicsApi.Software]


# --- The probe in its own process ----------------------------------------------------------------


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


@pytest.mark.parametrize(
    ("command", "problem"),
    [
        (python("import os; os.abort()"), "the graphics probe failed with exit status -6"),
        (
            python(
                "import sys; sys.stderr.write('qt.qpa.xcb: could not connect to display\\n'); sys.exit(1)"
            ),
            "the graphics probe failed with exit status 1 (qt.qpa.xcb: could not connect to display)",
        ),
        (python("print('Segmentation fault?')"), "the graphics probe gave no answer"),
        (python("print('{}')"), "the graphics probe gave no answer"),
        (["/no/such/python"], "the graphics probe could not start ("),
    ],
    ids=["crash", "error", "garbage", "empty", "missing"],
)
def test_a_probe_that_fails_in_any_way_leaves_the_kiosk_drawing_in_software(
    command: list[str], problem: str
) -> None:
    if command[-1].endswith("abort()") and sys.platform == "win32":
        pytest.skip("a POSIX signal")
    found = ProbeProcess.start({}, command).result()
    assert found.failed
    assert found.problem.startswith(problem)
    assert judge(found).software


@pytest.mark.skipif(sys.platform == "win32", reason="checks the process is gone with a POSIX signal 0")
def test_a_probe_that_hangs_is_ended(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    probe = ProbeProcess.start(
        {}, python(f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(120)")
    )
    found = probe.result(timeout_s=1.0)
    assert found == GraphicsProbe(problem="the graphics probe did not answer within 1 s", failed=True)
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)


@pytest.mark.skipif(not hasattr(signal, "alarm"), reason="POSIX alarms")
def test_a_probe_ends_itself_even_when_nobody_ends_it() -> None:
    hang = (
        "import time; import kiosk.app.graphics_probe as probe; "
        "probe.LIFETIME_S = 1; probe.probe_opengl = lambda: time.sleep(60); probe.main()"
    )
    ended = subprocess.run(python(hang), timeout=30, check=False)
    assert ended.returncode == -signal.SIGALRM


def test_the_probe_finds_no_opengl_on_the_offscreen_platform() -> None:
    # The tests' own display: offscreen, with no X server for it to borrow OpenGL from.
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    environment.pop("DISPLAY", None)
    environment.pop("WAYLAND_DISPLAY", None)
    found = ProbeProcess.start(environment).result()
    assert found == GraphicsProbe(problem="no OpenGL context on the offscreen platform")
    assert (
        judge(found).describe() == "software (no hardware GPU: no OpenGL context on the offscreen platform)"
    )


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (
            '{"renderer": "llvmpipe", "vendor": "Mesa", "version": "4.5"}\n',
            GraphicsProbe("llvmpipe", "Mesa", "4.5"),
        ),
        ('Qt says something\n{"problem": "no OpenGL"}\n', GraphicsProbe(problem="no OpenGL")),
        ('{"renderer": 3}\n', GraphicsProbe(problem="the graphics probe gave no answer", failed=True)),
        ("[1, 2]\n", GraphicsProbe(problem="the graphics probe gave no answer", failed=True)),
        ("", GraphicsProbe(problem="the graphics probe gave no answer", failed=True)),
    ],
)
def test_the_probe_s_answer_is_read_with_suspicion(output: str, expected: GraphicsProbe) -> None:
    assert parse_answer(output) == expected


class FakeProbe(ProbeProcess):
    def __init__(self, found: GraphicsProbe) -> None:
        super().__init__(None, 0.0)
        self.found = found
        self.asked = 0
        self.closed = False

    def result(self, timeout_s: float = 0) -> GraphicsProbe:
        self.asked += 1
        return self.found

    def close(self) -> None:
        self.closed = True


def test_the_probe_runs_only_when_the_choice_is_left_to_it() -> None:
    started: list[Mapping[str, str]] = []

    def start(environment: Mapping[str, str]) -> ProbeProcess:
        started.append(environment)
        return FakeProbe(LLVMPIPE)

    assert RendererChooser.start("software", {}, start).choice().software
    assert not RendererChooser.start("auto", {"QSG_RHI_BACKEND": "opengl"}, start).choice().software
    assert started == []
    chooser = RendererChooser.start("auto", {"DISPLAY": ":5"}, start)
    assert started == [{"DISPLAY": ":5"}]
    assert (
        chooser.choice().describe()
        == "software (no hardware GPU: OpenGL renderer is llvmpipe (LLVM 15.0.6, 256 bits))"
    )


def test_the_environment_is_read_again_when_the_choice_is_made(monkeypatch) -> None:
    monkeypatch.delenv("QT_QUICK_BACKEND", raising=False)
    monkeypatch.delenv("QSG_RHI_BACKEND", raising=False)
    probe = FakeProbe(INTEL)
    chooser = RendererChooser.start("auto", start_probe=lambda _environment: probe)
    # Safe mode, say, chooses the software renderer after the probe has started.
    monkeypatch.setenv("QT_QUICK_BACKEND", "software")
    assert chooser.choice().describe() == "software (QT_QUICK_BACKEND=software in the environment)"
    assert probe.asked == 0
    assert probe.closed


def test_the_installation_setting_is_read_before_the_probe_starts(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("QT_QUICK_BACKEND", raising=False)
    monkeypatch.delenv("QSG_RHI_BACKEND", raising=False)
    settings = tmp_path / "settings.yaml"
    settings.write_text("renderer: software\n", encoding="utf-8")
    chooser = RendererChooser.for_settings(StartSettings(settings, tmp_path / "cache"))
    assert chooser.choice().describe() == "software (installation setting renderer: software)"
    # A file that cannot be read is the kiosk's to report; the renderer is then chosen by the probe:
    # offscreen, with no X server to borrow OpenGL from, there is none.
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    settings.write_text("renderer: [broken\n", encoding="utf-8")
    assert RendererChooser.for_settings(StartSettings(settings, tmp_path / "cache")).choice().describe() == (
        "software (no hardware GPU: no OpenGL context on the offscreen platform)"
    )


@pytest.mark.parametrize(
    ("platform", "waits"), [("eglfs", True), ("linuxfb:fb=/dev/fb0", True), ("xcb", False)]
)
def test_a_platform_that_owns_the_screen_gets_the_probe_s_answer_before_the_kiosk_opens_it(
    platform: str, waits: bool
) -> None:
    probe = FakeProbe(INTEL)
    RendererChooser.start("auto", {"QT_QPA_PLATFORM": platform}, lambda _environment: probe)
    assert probe.asked == (1 if waits else 0)


def test_a_probe_no_longer_needed_is_ended() -> None:
    probe = FakeProbe(INTEL)
    RendererChooser.start("auto", {}, lambda _environment: probe).close()
    assert probe.closed


# --- What the window really draws with ------------------------------------------------------------

BARE_WINDOW = b"""
import QtQuick

Window {
    width: 320
    height: 200
    Rectangle { anchors.fill: parent; color: "#1d2b3a" }
}
"""


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[QQuickWindow]:
    engine = QQmlApplicationEngine()
    engine.loadData(QByteArray(BARE_WINDOW))
    shown = engine.rootObjects()[0]
    assert isinstance(shown, QQuickWindow)
    yield shown
    shown.close()
    del engine


@pytest.fixture
def no_notices() -> Iterator[None]:
    clear_notices()
    yield
    clear_notices()


def show_and_check(qtbot: QtBot, window: QQuickWindow, choice: RendererChoice) -> None:
    timer = check_after_first_frame(window, choice)
    assert timer.objectName() == "checkRendererInUse"
    with qtbot.waitSignal(timer.timeout):
        window.show()


def test_the_renderer_in_use_is_logged_once_the_window_has_drawn(
    qtbot: QtBot, window: QQuickWindow, caplog, no_notices: None
) -> None:
    # The tests draw in software (tests/conftest.py), as a kiosk without a graphics card does.
    with caplog.at_level(logging.INFO, logger="kiosk.app.renderer"):
        show_and_check(qtbot, window, RendererChoice(True, "no hardware GPU: OpenGL renderer is llvmpipe"))
    assert "renderer in use: Qt Quick draws with its software renderer" in caplog.messages
    assert current_notices() == []


def test_a_window_that_does_not_draw_as_chosen_is_a_notice_for_staff(
    qtbot: QtBot, window: QQuickWindow, caplog, no_notices: None
) -> None:
    show_and_check(qtbot, window, RendererChoice(False, "installation setting renderer: hardware"))
    notice = (
        "Qt Quick draws with its software renderer, not the hardware renderer chosen "
        "(installation setting renderer: hardware)"
    )
    assert current_notices() == [notice]
    assert notice in caplog.messages


def test_staff_diagnostics_name_the_renderer_and_why(qtbot: QtBot, window: QQuickWindow) -> None:
    choice = RendererChoice(True, "no hardware GPU: OpenGL renderer is llvmpipe (LLVM 15.0.6, 256 bits)")
    with qtbot.waitSignal(window.frameSwapped):
        window.show()
    facts = dict(diagnostics_source(MINI_EXHIBIT, None, renderer=lambda: renderer_in_use(window, choice))())
    assert facts["Renderer"] == (
        "software (no hardware GPU: OpenGL renderer is llvmpipe (LLVM 15.0.6, 256 bits)); "
        "Qt Quick draws with its software renderer"
    )

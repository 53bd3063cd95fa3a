"""Which renderer Qt Quick draws the kiosk with: the graphics card's, or its own software renderer.

On a machine without a graphics card OpenGL still works, emulated on the processor (Mesa's
llvmpipe, say). Qt Quick's default path then rasterizes the whole window on the processor in every
frame, at more than ten times the processor time of Qt Quick's software renderer, which repaints
only what changed (docs/adr/0019-the-renderer-and-an-idle-kiosk-s-cpu.md). So, before the window
is made:

1. QT_QUICK_BACKEND or QSG_RHI_BACKEND in the environment decides, when set: Qt reads them itself.
2. Otherwise the installation setting `renderer`, when it says `software` or `hardware`.
3. Otherwise (`auto`) the graphics probe (kiosk.app.graphics_probe): a child process opens an
   OpenGL context on the kiosk's display and reports the renderer's name. A known software
   rasterizer, or no OpenGL at all, means the software renderer; so does a probe that crashes,
   hangs or says nothing, which the kiosk survives, the probe being another process. Any other
   renderer is a graphics card, and Qt Quick's default path is used.

`kiosk run` starts the probe first thing, before Qt Quick and the kiosk's own modules load
(kiosk.cli), and needs its answer only just before the window is made. On platforms that take the
screen for one process (eglfs, linuxfb), the kiosk waits for it before it opens the screen.
"""

import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.app.graphics_probe import GraphicsProbe, parse_answer
from kiosk.app.notices import notify
from kiosk.services.settings_snapshot import (
    RENDERER_AUTO,
    RENDERER_HARDWARE,
    RENDERER_SOFTWARE,
    StartSettings,
)

# Qt Quick is imported where it is used: `kiosk run` starts the probe before Qt Quick has loaded,
# so that it runs meanwhile.
if TYPE_CHECKING:
    from PySide6.QtCore import QTimer
    from PySide6.QtQuick import QQuickWindow

logger = logging.getLogger(__name__)

#: OpenGL renderer names, in lower case, of rasterizers that run on the processor.
SOFTWARE_RASTERIZERS = (
    "llvmpipe",  # Mesa's usual one without a graphics card
    "softpipe",  # Mesa's reference rasterizer
    "swrast",  # Mesa's classic one, and its DRI driver's name
    "software rasterizer",  # what Mesa's swrast calls itself
    "lavapipe",  # Mesa's Vulkan on the processor
    "swiftshader",  # Google's, in some virtual machines
    "gdi generic",  # Windows without a graphics driver: Microsoft's OpenGL 1.1
    "microsoft basic render driver",  # Windows' WARP: Direct3D on the processor
    "apple software renderer",
)
#: How long the probe may take: a first start after boot, from a cold disk, takes seconds; a hung
#: driver, for ever. The supervisor allows a starting kiosk 60 s.
PROBE_TIMEOUT_S = 10.0
#: Qt platforms that own the screen: one process at a time may open it.
SCREEN_OWNING_PLATFORMS = ("eglfs", "linuxfb", "vkkhrdisplay")
ENVIRONMENT_VARIABLES = ("QT_QUICK_BACKEND", "QSG_RHI_BACKEND")
PROBE_COMMAND = (sys.executable, "-m", "kiosk.app.graphics_probe")
SOFTWARE_BACKENDS = ("software", "softwarecontext")


@dataclass(frozen=True)
class RendererChoice:
    """How the kiosk draws, and why, in the words of the log and the staff screen."""

    software: bool
    reason: str
    #: The environment chose: Qt reads it itself, and nothing is to be set.
    from_environment: bool = False

    @property
    def name(self) -> str:
        return RENDERER_SOFTWARE if self.software else RENDERER_HARDWARE

    def describe(self) -> str:
        return f"{self.name} ({self.reason})"


def is_software_rasterizer(renderer: str) -> bool:
    name = renderer.lower()
    return any(rasterizer in name for rasterizer in SOFTWARE_RASTERIZERS)


def judge(probe: GraphicsProbe) -> RendererChoice:
    """The renderer for what the probe found: the software renderer unless it found a graphics card."""
    if probe.failed:
        return RendererChoice(True, f"{probe.problem}; drawing in software is the safe choice")
    if not probe.renderer:
        return RendererChoice(True, f"no hardware GPU: {probe.problem}")
    if is_software_rasterizer(probe.renderer):
        return RendererChoice(True, f"no hardware GPU: OpenGL renderer is {probe.renderer}")
    return RendererChoice(False, f"OpenGL renderer is {probe.renderer}")


def environment_choice(environment: Mapping[str, str]) -> RendererChoice | None:
    """The environment's own choice, if it makes one."""
    asked = {
        name: value.strip() for name in ENVIRONMENT_VARIABLES if (value := environment.get(name, "")).strip()
    }
    if not asked:
        return None
    said = ", ".join(f"{name}={value}" for name, value in asked.items())
    # QT_QUICK_BACKEND=software takes Qt Quick off the graphics APIs altogether; QSG_RHI_BACKEND
    # only picks one of them.
    software = asked.get("QT_QUICK_BACKEND", "").lower() in SOFTWARE_BACKENDS
    return RendererChoice(software, f"{said} in the environment", from_environment=True)


def choose_renderer(
    setting: str, environment: Mapping[str, str], probe: Callable[[], GraphicsProbe]
) -> RendererChoice:
    """The environment's choice, else the installation setting's, else what `probe` finds.

    `probe` is called only when neither the environment nor the setting decides.
    """
    if (chosen := environment_choice(environment)) is not None:
        if setting != RENDERER_AUTO:
            return RendererChoice(
                chosen.software,
                f"{chosen.reason}, not the setting renderer: {setting}",
                from_environment=True,
            )
        return chosen
    if setting == RENDERER_SOFTWARE:
        return RendererChoice(True, "installation setting renderer: software")
    if setting == RENDERER_HARDWARE:
        return RendererChoice(False, "installation setting renderer: hardware")
    return judge(probe())


def apply_renderer(choice: RendererChoice) -> None:
    """Makes Qt Quick draw as chosen. Only before the first window is made: later, it changes nothing."""
    if not choice.software or choice.from_environment:
        return  # Qt's default path is the graphics card's; or Qt follows the environment itself
    from PySide6.QtQuick import QQuickWindow, QSGRendererInterface

    QQuickWindow.setGraphicsApi(QSGRendererInterface.GraphicsApi.Software)


def drawing_with(window: "QQuickWindow") -> str:
    """What `window` draws with, once it has drawn: "its software renderer", "OpenGL", "Vulkan"…"""
    from PySide6.QtQuick import QSGRendererInterface

    interface = window.rendererInterface()
    if interface is None:
        return "nothing yet"
    api = interface.graphicsApi()
    if api == QSGRendererInterface.GraphicsApi.Software:
        return "its software renderer"
    return api.name.removesuffix("Rhi").replace("Direct3D", "Direct3D ")


def renderer_in_use(window: "QQuickWindow", choice: RendererChoice) -> str:
    """The staff screen's fact: the choice, its reason, and what the window really draws with."""
    return f"{choice.describe()}; Qt Quick draws with {drawing_with(window)}"


def check_after_first_frame(window: "QQuickWindow", choice: RendererChoice) -> "QTimer":
    """Once `window` has drawn its first frame, logs what it draws with; a notice for staff when
    that is not as chosen (a window made before the choice, a driver Qt could not use)."""
    from PySide6.QtQuick import QSGRendererInterface

    from kiosk.app.window import after_first_frame

    def check() -> None:
        in_software = window.rendererInterface().graphicsApi() == QSGRendererInterface.GraphicsApi.Software
        if in_software == choice.software:
            logger.info("renderer in use: Qt Quick draws with %s", drawing_with(window))
        else:
            notify(
                "renderer",
                f"Qt Quick draws with {drawing_with(window)}, not the {choice.name} renderer chosen "
                f"({choice.reason})",
            )

    return after_first_frame(window, "checkRendererInUse", check)


def owns_the_screen(environment: Mapping[str, str]) -> bool:
    """Whether the Qt platform `environment` names takes the screen for one process alone."""
    platform = environment.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    return platform in SCREEN_OWNING_PLATFORMS


class ProbeProcess:
    """The graphics probe, running in a child process from `start` until its answer is asked for."""

    def __init__(self, process: "subprocess.Popen[str] | None", started: float, problem: str = "") -> None:
        self._process = process
        self._started = started
        self._problem = problem
        self._answer: GraphicsProbe | None = None

    @classmethod
    def start(
        cls, environment: Mapping[str, str] | None = None, command: Sequence[str] = PROBE_COMMAND
    ) -> "ProbeProcess":
        """Starts the probe on the display `environment` names (by default, this process's)."""
        started = time.monotonic()
        try:
            process = subprocess.Popen(
                list(command),
                env=dict(os.environ if environment is None else environment),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                errors="replace",
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
        except (OSError, ValueError) as error:
            return cls(None, started, f"the graphics probe could not start ({error})")
        return cls(process, started)

    def result(self, timeout_s: float = PROBE_TIMEOUT_S) -> GraphicsProbe:
        """The probe's answer, waiting for it until `timeout_s` after the start."""
        if self._answer is None:
            self._answer = self._wait(timeout_s)
        return self._answer

    def close(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.communicate()

    def _wait(self, timeout_s: float) -> GraphicsProbe:
        if self._process is None:
            return GraphicsProbe(problem=self._problem, failed=True)
        remaining = max(0.0, timeout_s - (time.monotonic() - self._started))
        try:
            output, errors = self._process.communicate(timeout=remaining)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.communicate()
            return GraphicsProbe(
                problem=f"the graphics probe did not answer within {timeout_s:g} s", failed=True
            )
        if self._process.returncode != 0:
            # Qt says what went wrong first, and then what else it could have tried.
            said = next((line.strip() for line in errors.splitlines() if line.strip()), "")
            return GraphicsProbe(
                problem=f"the graphics probe failed with exit status {self._process.returncode}"
                + (f" ({said[:200]})" if said else ""),
                failed=True,
            )
        return parse_answer(output)


class RendererChooser:
    """A choice in the making: the graphics probe, if one is needed, runs from `start` to `choice`."""

    def __init__(
        self,
        setting: str,
        environment: Mapping[str, str] | None,
        probe: ProbeProcess | None,
        start_probe: Callable[[Mapping[str, str]], ProbeProcess] = ProbeProcess.start,
    ) -> None:
        self._setting = setting
        self._environment = environment
        self._probe = probe
        self._start_probe = start_probe

    @classmethod
    def start(
        cls,
        setting: str,
        environment: Mapping[str, str] | None = None,
        start_probe: Callable[[Mapping[str, str]], ProbeProcess] = ProbeProcess.start,
    ) -> "RendererChooser":
        """Starts the graphics probe when `setting` and `environment` (by default, this process's
        as it will be when the choice is made) leave the choice to it."""
        now = dict(os.environ if environment is None else environment)
        probe = None
        if setting == RENDERER_AUTO and environment_choice(now) is None:
            probe = start_probe(now)
            if owns_the_screen(now):
                probe.result()  # before this process opens the screen
        return cls(setting, environment, probe, start_probe)

    @classmethod
    def for_settings(cls, settings: StartSettings) -> "RendererChooser":
        """Starts choosing for the installation settings read for this start.

        Problems with the file are the kiosk's to report, with the rest of the settings.
        """
        return cls.start(settings.settings.renderer)

    def choice(self) -> RendererChoice:
        """The choice, waiting for the probe's answer if need be; a probe no longer needed is ended."""
        # This process's environment as it is now: safe mode, say, may have chosen since the start.
        environment = dict(os.environ) if self._environment is None else self._environment
        chosen = choose_renderer(self._setting, environment, lambda: self._probe_result(environment))
        self.close()
        return chosen

    def close(self) -> None:
        """Ends the probe if it still runs: the kiosk stopped, or chose, before it needed the answer."""
        if self._probe is not None:
            self._probe.close()

    def _probe_result(self, environment: Mapping[str, str]) -> GraphicsProbe:
        if self._probe is None:  # the environment decided when the choice began, and no longer does
            self._probe = self._start_probe(environment)
        return self._probe.result()

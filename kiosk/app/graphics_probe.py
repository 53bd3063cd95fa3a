"""What OpenGL renderer this display offers, found in a process of its own (kiosk.app.renderer).

`python -m kiosk.app.graphics_probe` opens an OpenGL context on the display its environment names,
as Qt Quick would, and prints what OpenGL calls its renderer as one line of JSON. It imports
nothing but Qt GUI, so that it answers in a fraction of a second. A graphics driver may crash or
hang while a context is made, and it loads libraries (all of LLVM, for Mesa's llvmpipe) that the
software renderer never needs: none of that may happen in the kiosk itself.
"""

import json
import signal
import sys
from dataclasses import dataclass

GL_VENDOR, GL_RENDERER, GL_VERSION = 0x1F00, 0x1F01, 0x1F02
#: The probe ends itself after this long, whatever it waits on (a hung driver): the kiosk stops
#: waiting for it sooner, and may be gone before it could end it.
LIFETIME_S = 30


@dataclass(frozen=True)
class GraphicsProbe:
    """OpenGL's own names for its renderer, or why there are none."""

    renderer: str = ""
    vendor: str = ""
    version: str = ""
    #: Why no renderer is named: the platform has no OpenGL ("no OpenGL context …"), or the probe
    #: itself failed.
    problem: str = ""
    #: The probe crashed, hung or said nothing: the display may well have a graphics card.
    failed: bool = False


def probe_opengl() -> GraphicsProbe:
    """Opens an OpenGL context on this process's display and reads its names."""
    from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext

    # The application lives while the context is made: a context needs one.
    _application = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    platform = QGuiApplication.platformName()
    context = QOpenGLContext()
    if not context.create():
        return GraphicsProbe(problem=f"no OpenGL context on the {platform} platform")
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    # Asking a context that is not current for its functions crashes: check every step.
    if not surface.isValid() or not context.makeCurrent(surface):
        return GraphicsProbe(problem=f"no usable OpenGL context on the {platform} platform")
    try:
        functions = context.functions()
        renderer, vendor, version = (
            str(functions.glGetString(name) or "").strip() for name in (GL_RENDERER, GL_VENDOR, GL_VERSION)
        )
    finally:
        context.doneCurrent()
    if not renderer:
        return GraphicsProbe(vendor=vendor, version=version, problem="OpenGL names no renderer")
    return GraphicsProbe(renderer, vendor, version)


def parse_answer(output: str) -> GraphicsProbe:
    """The probe's last line of JSON; anything else is a probe that failed."""
    lines = output.strip().splitlines()
    try:
        found = json.loads(lines[-1]) if lines else None
    except ValueError:
        found = None
    if not isinstance(found, dict):
        return GraphicsProbe(problem="the graphics probe gave no answer", failed=True)
    texts = {
        key: value.strip()
        for key in ("renderer", "vendor", "version", "problem")
        if isinstance(value := found.get(key), str)
    }
    if not texts.get("renderer") and not texts.get("problem"):
        return GraphicsProbe(problem="the graphics probe gave no answer", failed=True)
    return GraphicsProbe(
        renderer=texts.get("renderer", ""),
        vendor=texts.get("vendor", ""),
        version=texts.get("version", ""),
        problem=texts.get("problem", ""),
    )


def main() -> int:
    if hasattr(signal, "alarm"):  # POSIX; SIGALRM's default action ends the process
        signal.alarm(LIFETIME_S)
    found = probe_opengl()
    print(json.dumps({key: value for key, value in vars(found).items() if value}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

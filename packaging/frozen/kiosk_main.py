"""The frozen kiosk's entry: `kiosk.exe COMMAND ...` is `kiosk COMMAND ...`.

The kiosk starts parts of itself as processes of their own, the way Python runs a module:
`sys.executable -m kiosk run ...` (the supervisor's child) and `sys.executable -m
kiosk.app.graphics_probe` (the renderer's probe). Frozen, `sys.executable` is this program, so it
answers `-m MODULE` for the kiosk's own modules as the interpreter would, and the kiosk needs no
second way of starting itself.
"""

import os
import runpy
import sys
from pathlib import Path

#: The modules the kiosk runs with `-m`; anything else is refused rather than guessed at.
RUNNABLE_MODULES = ("kiosk", "kiosk.app.graphics_probe")


def main() -> None:
    # A program built without a console (kiosk-session.exe on Windows) has no standard streams;
    # the kiosk writes its messages to them before its log is open.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, Path(os.devnull).open("w", encoding="utf-8"))  # noqa: SIM115  # for the process's life
    if len(sys.argv) >= 3 and sys.argv[1] == "-m":
        module = sys.argv[2]
        if module not in RUNNABLE_MODULES:
            sys.exit(f"kiosk: cannot run module {module!r}; this program runs {', '.join(RUNNABLE_MODULES)}")
        sys.argv = [sys.argv[0], *sys.argv[3:]]
        runpy.run_module(module, run_name="__main__", alter_sys=True)
        return
    from kiosk.cli import main as kiosk_main

    sys.exit(kiosk_main())


if __name__ == "__main__":
    main()

import argparse
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from kiosk.app.fonts import register_bundled_fonts
from kiosk.content.captions import format_time
from tools.film import __doc__ as about
from tools.film.build import FilmError, build, check, track_summary
from tools.film.picture import DrawingError
from tools.film.script import ScriptError

DEFAULT_SCRIPT = Path(__file__).resolve().parent / "recognition-1933.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.film", description=(about or "").split("\n")[0])
    parser.add_argument(
        "script",
        type=Path,
        nargs="?",
        default=DEFAULT_SCRIPT,
        help="default: the 1933 exhibit's, tools/film/recognition-1933.yaml",
    )
    parser.add_argument(
        "--check", action="store_true", help="fail when the built film differs from the script"
    )
    arguments = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    application = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    register_bundled_fonts()
    try:
        if arguments.check:
            stale = check(arguments.script)
            for problem in stale:
                print(f"film: {problem}", file=sys.stderr)
            if stale:
                print("film: build it again with python -m tools.film", file=sys.stderr)
            return 1 if stale else 0
        timeline, outputs = build(arguments.script)
    except (ScriptError, FilmError, DrawingError, subprocess.CalledProcessError, OSError) as error:
        print(f"film: {error}", file=sys.stderr)
        return 1
    finally:
        del application
    tracks = ", ".join(f"{number}: {track_summary(track)}" for number, track in enumerate(timeline.tracks))
    print(
        f"film: {outputs.film} ({format_time(timeline.seconds)}, {outputs.film.stat().st_size / 1e6:.1f} MB; "
        f"audio tracks {tracks}), {outputs.poster.name}, "
        + ", ".join(path.name for path in outputs.captions.values())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The `kiosk` command: run an exhibit, or validate exhibit files."""

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

DEFAULT_EXHIBIT = Path("exhibits/recognition-1933")
EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    if arguments.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    return arguments.handler(arguments)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Touch-first museum exhibit kiosk.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="open an exhibit full-screen")
    run.add_argument("exhibit", nargs="?", type=Path, default=DEFAULT_EXHIBIT, metavar="EXHIBIT_DIR")
    run.add_argument("--windowed", action="store_true", help="open in a normal window, for development")
    run.add_argument(
        "--size",
        metavar="WxH",
        type=_window_size,
        help="window size with --windowed, such as 1080x1920 for a portrait screen",
    )
    run.set_defaults(handler=_run)

    validate = commands.add_parser("validate", help="check exhibit files and report every problem")
    validate.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="exhibit folder or exhibit.yaml"
    )
    validate.set_defaults(handler=_validate)
    return parser


def _window_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, such as 1920x1080, not '{text}'") from None
    if width < 320 or height < 320:
        raise argparse.ArgumentTypeError("the window must be at least 320x320")
    return width, height


def _validate(arguments: argparse.Namespace) -> int:
    from kiosk.content.loader import load_exhibit

    status = EXIT_OK
    for path in arguments.paths:
        result = load_exhibit(path)
        for problem in result.problems:
            print(problem.format(relative_to=Path.cwd()), file=sys.stdout)
        if result.ok:
            print(f"{path}: ok", file=sys.stderr)
        else:
            status = EXIT_INVALID
    return status


def _run(arguments: argparse.Namespace) -> int:
    # Imported here so that `kiosk validate` needs no Qt.
    from kiosk.app import run_exhibit

    return run_exhibit(arguments.exhibit, windowed=arguments.windowed, size=arguments.size)

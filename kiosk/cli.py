"""The `kiosk` command: run an exhibit, supervise it, validate exhibit files, write their schema, start a new exhibit, set the staff PIN."""

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from kiosk.analytics.sources import Period
    from kiosk.content.loader import LoadResult
    from kiosk.content.pictures import SizeLimits
    from kiosk.content.problems import Problem
    from kiosk.services.settings import InstallationSettings

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    arguments = parser.parse_args(argv)
    if arguments.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    handler: Callable[[argparse.Namespace], int] = arguments.handler
    return handler(arguments)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kiosk", description="Touch-first museum exhibit kiosk.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="open an exhibit full-screen, locked down")
    _add_run_options(run)
    run.add_argument(
        "--safe-mode",
        action="store_true",
        help="trust nothing kept between runs: no snapshot, caches in a temporary folder, software "
        "rendering, default settings if the settings file has problems, and the last good version "
        "without publishing the folder (the supervisor's choice after repeated failures)",
    )
    run.set_defaults(handler=_run)

    supervise = commands.add_parser(
        "supervise",
        help="run the kiosk and restart it after a crash or a hang",
        description="Runs `kiosk run` with the same options and restarts it after a crash or a hang. "
        "A kiosk that fails again and again within minutes of its start is started in safe mode, "
        "then replaced by the out-of-order screen, which gives it another try when the exhibit "
        "changes and every --retry-after seconds. Stops when staff choose Exit.",
    )
    _add_run_options(supervise)
    supervise.add_argument(
        "--hang-timeout",
        type=_seconds,
        default=30.0,
        metavar="SECONDS",
        help="restart the kiosk when its event loop has been frozen this long (default 30)",
    )
    _add_retry_after(supervise)
    supervise.set_defaults(handler=_supervise)

    out_of_order = commands.add_parser(
        "out-of-order",
        help="show the screen visitors see while the kiosk cannot start",
        description="Shows a still, full-screen notice in the exhibit's colours and languages, "
        "saying that the exhibit is resting. The supervisor shows it when the kiosk cannot start, "
        "even in safe mode, or has nothing valid to show. It exits with status 75, so that the "
        "supervisor tries the kiosk again, when the exhibit folder or its published versions "
        "change, and after --retry-after seconds in any case. It takes the options of `kiosk run`.",
    )
    _add_run_options(out_of_order)
    _add_retry_after(out_of_order)
    out_of_order.set_defaults(handler=_out_of_order)

    set_pin = commands.add_parser("set-pin", help="set the staff PIN of this installation")
    set_pin.add_argument("--settings", type=Path, metavar="FILE", help="installation settings file")
    set_pin.add_argument(
        "--stdin", action="store_true", help="read the PIN from standard input instead of asking twice"
    )
    set_pin.set_defaults(handler=_set_pin)

    new = commands.add_parser(
        "new",
        help="start a new exhibit folder from a commented example",
        description="Creates a new exhibit folder holding a commented example of every panel kind, "
        "an attract loop and the default theme. It validates and runs as it is; replace its texts "
        "and pictures with your own. Refuses a folder that exists and is not empty.",
    )
    new.add_argument("folder", type=Path, metavar="NAME", help="the new folder, such as exhibits/river-trade")
    new.add_argument(
        "--title", help="the exhibit's title (default: made from the folder's name, 'River Trade')"
    )
    new.set_defaults(handler=_new)

    preview = commands.add_parser(
        "preview",
        help="show an exhibit in a window that follows every save",
        description="Opens the exhibit in a window and shows every saved change within a moment, "
        "staying on the same section and panel. While the files have problems, a panel lists them "
        "over the last good version, or on its own until the files are first valid.",
    )
    preview.add_argument("exhibit", type=Path, metavar="EXHIBIT_DIR", help="the exhibit folder")
    preview.add_argument(
        "--size", metavar="WxH", type=_window_size, help="window size, such as 1080x1920 for portrait"
    )
    preview.set_defaults(handler=_preview)

    rollback = commands.add_parser(
        "rollback",
        help="list the published versions of an exhibit, or show an earlier one",
        description="A running kiosk shows published versions of its exhibit folder and keeps the "
        "last five. Without options, goes back to the version before the one on show. Staff can do "
        "the same at the kiosk: staff screen, Earlier versions.",
    )
    rollback.add_argument(
        "exhibit",
        nargs="?",
        type=Path,
        metavar="EXHIBIT_DIR",
        help="the exhibit folder (default: the installation settings' exhibit)",
    )
    rollback.add_argument("--list", action="store_true", help="list the kept versions; change nothing")
    rollback.add_argument("--to", metavar="VERSION", help="the version to show, as --list names it")
    rollback.add_argument("--settings", type=Path, metavar="FILE", help="installation settings file")
    rollback.set_defaults(handler=_rollback)

    tiles = commands.add_parser(
        "tiles",
        help="cut the exhibit's document pages into tile pyramids ahead of time",
        description="Builds the tile pyramid of every document page image of the exhibit in the "
        "kiosk's cache folder, so that the first visitor to open a page finds it ready. Pages "
        "already cut, and unchanged since, are left as they are.",
    )
    tiles.add_argument("exhibit", type=Path, metavar="EXHIBIT_DIR", help="the exhibit folder")
    tiles.add_argument(
        "--settings", type=Path, metavar="FILE", help="installation settings file, for its size limits"
    )
    tiles.set_defaults(handler=_tiles)

    validate = commands.add_parser(
        "validate",
        help="check exhibit files and report every problem",
        description="Reports every error, which keeps the kiosk from opening the exhibit, and every "
        "warning: a house rule broken (long texts and sentences, lines too long for their place, "
        "alt texts and credits that say nothing, pictures too small, colours too faint, attract "
        "slides without a caption, text that does not fit its place on one of the installation's "
        "screens, in one of the exhibit's languages or in larger text). An exhibit with warnings only is valid.",
    )
    validate.add_argument(
        "paths", nargs="+", type=Path, metavar="PATH", help="exhibit folder or exhibit.yaml"
    )
    validate.add_argument(
        "--strict", action="store_true", help="refuse warnings as well: exit 1 if there are any"
    )
    validate.add_argument(
        "--settings",
        type=Path,
        metavar="FILE",
        help="installation settings file, for its size limits and screens (default: this machine's, if any)",
    )
    validate.set_defaults(handler=_validate)

    schema = commands.add_parser(
        "schema",
        help="write the JSON Schema of exhibit files, for editors",
        description="Writes the JSON Schema of exhibit.yaml, of a section file or of glossary.yaml, so "
        "that an editor completes keys and underlines mistakes. It goes to standard output, or with "
        "--output to a file, or to a folder as exhibit.schema.json, section.schema.json and "
        "glossary.schema.json.",
    )
    schema.add_argument(
        "kind",
        nargs="?",
        choices=("exhibit", "section", "glossary"),
        help="exhibit (the default) for exhibit.yaml, section for a section file, glossary for glossary.yaml",
    )
    schema.add_argument(
        "--output",
        "-o",
        metavar="FILE_OR_FOLDER",
        help="write here: into a folder (an existing one, or a path ending in '/') every schema, or the kind given",
    )
    schema.set_defaults(handler=_schema)

    check_install = commands.add_parser(
        "check-install",
        help="check that this installation has everything the kiosk needs",
        description="Loads every view, the fonts and the interface's translations, opens a narration "
        "with Qt Multimedia, shows the exhibit's home screen for a moment and checks that it was "
        "drawn, and plays a narration, checking that its captions advance (timed by a clock when "
        "there is no sound device). Prints one line per check; exits 1 if any failed. Run it after "
        "installing, on the kiosk's screen.",
    )
    check_install.add_argument(
        "exhibit",
        nargs="?",
        type=Path,
        metavar="EXHIBIT_DIR",
        help="the exhibit to show (default: the shipped exhibit, exhibits/recognition-1933)",
    )
    check_install.set_defaults(handler=_check_install)
    _add_analytics_commands(commands)
    return parser


def _add_run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "exhibit",
        nargs="?",
        type=Path,
        metavar="EXHIBIT_DIR",
        help="the exhibit folder (default: the installation settings' exhibit, else exhibits/recognition-1933)",
    )
    parser.add_argument("--windowed", action="store_true", help="open in a normal window, for development")
    parser.add_argument(
        "--size",
        metavar="WxH",
        type=_window_size,
        help="window size with --windowed, such as 1080x1920 for a portrait screen",
    )
    parser.add_argument(
        "--idle-timeout",
        type=_seconds,
        metavar="SECONDS",
        help="quiet before the kiosk asks whether a visitor is still there (default: the exhibit's, 60)",
    )
    parser.add_argument(
        "--countdown",
        type=_countdown,
        metavar="SECONDS",
        help="how long the question waits for an answer; at least 20 (default: the exhibit's, 20)",
    )
    parser.add_argument("--settings", type=Path, metavar="FILE", help="installation settings file")
    parser.add_argument("--log-dir", type=Path, metavar="DIR", help="folder for the kiosk's logs")
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="log the notes of the libraries the kiosk uses as well (libvips's, for one)",
    )


def _add_retry_after(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--retry-after",
        type=_seconds,
        default=300.0,
        metavar="SECONDS",
        help="the out-of-order screen gives the kiosk another try after this long (default 300)",
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, not '{text}'") from None
    if not 1 <= value <= 86400:
        raise argparse.ArgumentTypeError("expected 1 to 86400 seconds")
    return value


def _countdown(text: str) -> float:
    value = _seconds(text)
    if value < 20:
        raise argparse.ArgumentTypeError("the countdown must give visitors at least 20 seconds to answer")
    return value


def _run_arguments(arguments: argparse.Namespace) -> list[str]:
    """The run options given, as `kiosk run` arguments again, for the supervised child."""
    passed: list[str] = [str(arguments.exhibit)] if arguments.exhibit else []
    if arguments.windowed:
        passed.append("--windowed")
    if arguments.size:
        passed += ["--size", "{}x{}".format(*arguments.size)]
    for option in ("idle_timeout", "countdown", "settings", "log_dir"):
        value = getattr(arguments, option)
        if value is not None:
            passed += ["--" + option.replace("_", "-"), str(value)]
    if arguments.verbose:
        passed.append("--verbose")
    return passed


def _window_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, such as 1920x1080, not '{text}'") from None
    if width < 320 or height < 320:
        raise argparse.ArgumentTypeError("the window must be at least 320x320")
    return width, height


def _size_limits(settings_file: Path | None) -> "SizeLimits | None":
    """The installation's limits on pictures' sizes (its settings' or the defaults); None if the
    settings file named does not exist."""
    settings = _validation_settings(settings_file)
    return None if settings is None else settings.size_limits()


def _validation_settings(settings_file: Path | None) -> "InstallationSettings | None":
    """The installation settings that validation heeds (size limits, screens), saying what is
    wrong with those; None if the settings file named does not exist."""
    from kiosk.services.settings import default_settings_path, load_settings

    if settings_file is not None and not settings_file.is_file():
        print(f"kiosk: no such settings file: {settings_file}", file=sys.stderr)
        return None
    settings, problems = load_settings(settings_file or default_settings_path())
    for problem in problems:
        if problem.key_path.endswith("_limit_megapixels") or problem.key_path.startswith("screens"):
            print(f"kiosk: installation settings: {problem.format(relative_to=Path.cwd())}", file=sys.stderr)
    return settings


def _validate(arguments: argparse.Namespace) -> int:
    from kiosk.content.loader import load_exhibit
    from kiosk.content.problems import sort_key

    settings = _validation_settings(arguments.settings)
    if settings is None:
        return EXIT_USAGE
    status = EXIT_OK
    for path in arguments.paths:
        result = load_exhibit(path, limits=settings.size_limits())
        warnings = list(result.warnings)
        if result.exhibit is not None and result.source is not None:
            warnings += _layout_warnings(result, settings)
        for problem in sorted((*result.problems, *warnings), key=sort_key):
            print(problem.format(relative_to=Path.cwd()), file=sys.stdout)
        if not result.ok or (arguments.strict and warnings):
            status = EXIT_INVALID
        summary = _validation_summary(len(result.problems), len(warnings), arguments.strict)
        print(f"{path}: {summary}", file=sys.stderr)
    return status


def _layout_warnings(result: "LoadResult", settings: "InstallationSettings") -> "list[Problem]":
    """Text that does not fit its place on the installation's screens; nothing, said once, where
    Qt cannot be started to measure it."""
    assert result.exhibit is not None
    assert result.source is not None
    try:
        # Imported here: the fit is measured with Qt, which only a valid exhibit needs.
        from kiosk.app.text_fit import check_fit

        return check_fit(
            result.exhibit, result.source, settings.screens, placement=settings.screen_placement()
        )
    except (ImportError, OSError, RuntimeError) as error:
        print(
            f"kiosk: the layout check could not run ({error}); text that does not fit is not reported",
            file=sys.stderr,
        )
        return []


def _validation_summary(errors: int, warnings: int, strict: bool) -> str:
    """Such as "ok", "ok, 2 warnings", "3 errors, 1 warning" or "2 warnings (refused with --strict)"."""

    def count(number: int, noun: str) -> str:
        return f"{number} {noun}{'' if number == 1 else 's'}"

    parts = []
    if errors:
        parts.append(count(errors, "error"))
    elif not (strict and warnings):
        parts.append("ok")
    if warnings:
        parts.append(count(warnings, "warning"))
    return ", ".join(parts) + (" (refused with --strict)" if strict and warnings else "")


def _schema(arguments: argparse.Namespace) -> int:
    from kiosk.content.schema import SCHEMA_KINDS, render_schema, schema_file_name

    if arguments.output is None:
        sys.stdout.write(render_schema(arguments.kind or "exhibit"))
        return EXIT_OK
    output = Path(arguments.output)  # a str until here: Path drops the '/' that names a folder
    if output.is_dir() or arguments.output.endswith(("/", "\\")):
        kinds = (arguments.kind,) if arguments.kind else SCHEMA_KINDS
        targets = [(kind, output / schema_file_name(kind)) for kind in kinds]
    else:
        targets = [(arguments.kind or "exhibit", output)]
    for kind, target in targets:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(render_schema(kind), encoding="utf-8", newline="\n")
        except OSError as error:
            print(f"kiosk: cannot write {target}: {error.strerror}", file=sys.stderr)
            return EXIT_INVALID
        print(f"kiosk: wrote the {kind} schema to {target}", file=sys.stderr)
    return EXIT_OK


def _check_install(arguments: argparse.Namespace) -> int:
    from kiosk.app.install_check import check_install

    return check_install(arguments.exhibit)


def _run(arguments: argparse.Namespace) -> int:
    # First, so that the renderer's graphics probe runs while Qt Quick and the kiosk's modules load
    # (kiosk.app.renderer). Safe mode draws in software, and needs none.
    from kiosk.app.renderer import RendererChooser
    from kiosk.app.storage import default_cache_dir
    from kiosk.services.settings_snapshot import StartSettings, default_settings_path

    # Read once for the whole start; safe mode reads them itself, trusting no snapshot.
    settings = (
        None
        if arguments.safe_mode
        else StartSettings(arguments.settings or default_settings_path(), default_cache_dir())
    )
    renderer = None if settings is None else RendererChooser.for_settings(settings)
    # Imported here so that `kiosk validate` and `kiosk supervise` need no Qt.
    from kiosk.app.run import RunOptions, run_exhibit

    options = RunOptions(
        windowed=arguments.windowed,
        size=arguments.size,
        idle_timeout_s=arguments.idle_timeout,
        countdown_s=arguments.countdown,
        settings_path=arguments.settings,
        log_dir=arguments.log_dir,
        safe_mode=arguments.safe_mode,
        verbose=arguments.verbose,
    )
    return run_exhibit(arguments.exhibit, options, renderer, settings)


def _out_of_order(arguments: argparse.Namespace) -> int:
    from kiosk.app.out_of_order import OutOfOrderOptions, run_out_of_order

    options = OutOfOrderOptions(
        windowed=arguments.windowed,
        size=arguments.size,
        settings_path=arguments.settings,
        log_dir=arguments.log_dir,
        retry_after_s=arguments.retry_after,
        verbose=arguments.verbose,
    )
    return run_out_of_order(arguments.exhibit, options)


def _supervise(arguments: argparse.Namespace) -> int:
    from kiosk.app.supervisor import supervise

    return supervise(
        _run_arguments(arguments),
        hang_timeout=arguments.hang_timeout,
        retry_after=arguments.retry_after,
        log_dir=arguments.log_dir,
    )


def _set_pin(arguments: argparse.Namespace) -> int:
    import getpass

    from kiosk.services.settings import default_settings_path, load_settings, save_settings
    from kiosk.services.staff_access import PIN_DIGITS, hash_pin, valid_pin

    path = arguments.settings or default_settings_path()
    settings, problems = load_settings(path)
    if problems:
        for problem in problems:
            print(problem.format(relative_to=Path.cwd()), file=sys.stderr)
        print(f"kiosk: fix {path} first; the PIN was not changed", file=sys.stderr)
        return EXIT_INVALID
    if arguments.stdin:
        pin = sys.stdin.readline().strip()
    else:
        pin = getpass.getpass("New staff PIN: ")
        if getpass.getpass("The same PIN again: ") != pin:
            print("kiosk: the two PINs differ; the PIN was not changed", file=sys.stderr)
            return EXIT_INVALID
    if not valid_pin(pin):
        print(f"kiosk: a staff PIN is {PIN_DIGITS[0]} to {PIN_DIGITS[1]} digits", file=sys.stderr)
        return EXIT_INVALID
    save_settings(path, settings.model_copy(update={"pin_hash": hash_pin(pin)}))
    print(f"kiosk: the staff PIN is set in {path}", file=sys.stderr)
    return EXIT_OK


def _new(arguments: argparse.Namespace) -> int:
    from kiosk.content.scaffold import ScaffoldError, create_exhibit

    try:
        created = create_exhibit(arguments.folder, arguments.title)
    except ScaffoldError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return EXIT_INVALID
    folder = created.folder
    print(
        f"kiosk: created '{created.title}' in {folder}, with an example of every panel kind.\n"
        f"Replace its texts and pictures with your own, starting with {folder / 'exhibit.yaml'}.\n"
        f"Check it:    kiosk validate {folder}\n"
        f"Look at it:  kiosk preview {folder}",
        file=sys.stderr,
    )
    return EXIT_OK


def _preview(arguments: argparse.Namespace) -> int:
    from kiosk.app.preview import run_preview

    if not arguments.exhibit.is_dir():
        print(f"kiosk: {arguments.exhibit} is not an exhibit folder", file=sys.stderr)
        return EXIT_INVALID
    return run_preview(arguments.exhibit, arguments.size)


def _rollback(arguments: argparse.Namespace) -> int:
    import platformdirs

    from kiosk.content.paths import DEFAULT_EXHIBIT
    from kiosk.content.versions import VersionStore
    from kiosk.services.settings import default_settings_path, load_settings

    settings, _ = load_settings(arguments.settings or default_settings_path())
    exhibit = arguments.exhibit or settings.exhibit or DEFAULT_EXHIBIT
    data_dir = Path(platformdirs.user_data_dir("kiosk", appauthor=False))
    store = VersionStore.for_exhibit(data_dir, exhibit)
    if arguments.exhibit is None and settings.content_git is not None:
        from kiosk.services.git_content import GitContent, GitSource

        # The repository's versions, once it has given one: those are what the kiosk shows.
        source = GitSource(settings.content_git, settings.content_ref, settings.content_path or "")
        repository_store = GitContent.store_for(source, data_dir)
        if repository_store.current() is not None:
            store, exhibit = repository_store, Path(settings.content_git)
    versions = store.versions()
    current = store.current()
    if not versions or current is None:
        print(
            f"kiosk: no published versions of {exhibit} yet; they are made when the kiosk runs",
            file=sys.stderr,
        )
        return EXIT_INVALID
    if arguments.list:
        for version in versions:
            marker = "*" if version == current else " "
            print(f"{marker} {version.name}  {version.describe()}")
        return EXIT_OK
    if arguments.to:
        target = arguments.to
    else:
        older = [version for version in versions if version.published < current.published]
        if not older:
            print(f"kiosk: {current.name} is the oldest version kept; nothing to go back to", file=sys.stderr)
            return EXIT_INVALID
        target = older[0].name
    try:
        version = store.make_current(target)
    except KeyError:
        names = ", ".join(version.name for version in versions)
        print(f"kiosk: no version named '{target}'; kept: {names}", file=sys.stderr)
        return EXIT_INVALID
    print(
        f"kiosk: {version.name} ({version.describe()}) will be shown; a running kiosk shows it when "
        "it next starts, or choose it now in the staff screen",
        file=sys.stderr,
    )
    return EXIT_OK


def _tiles(arguments: argparse.Namespace) -> int:
    from kiosk.content.loader import load_exhibit
    from kiosk.content.models import letters_with_paths
    from kiosk.content.paths import user_cache_dir
    from kiosk.content.pyramids import PyramidError, build_pyramid, cached_pyramid

    limits = _size_limits(arguments.settings)
    if limits is None:
        return EXIT_USAGE
    result = load_exhibit(arguments.exhibit, limits=limits)
    if result.exhibit is None:
        for problem in result.problems:
            print(problem.format(relative_to=Path.cwd()), file=sys.stderr)
        print(f"kiosk: {arguments.exhibit} is not valid; no tiles were made", file=sys.stderr)
        return EXIT_INVALID
    cache_dir = user_cache_dir()
    pages = [
        media.path
        for _, letter in letters_with_paths(result.exhibit)
        for page in letter.pages
        for media in page.image.files()
    ]
    status = EXIT_OK
    for path in dict.fromkeys(pages):
        shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
        had = cached_pyramid(path, cache_dir) is not None
        try:
            pyramid = build_pyramid(path, cache_dir, limits=limits)
        except PyramidError as error:
            print(f"kiosk: {error}", file=sys.stderr)
            status = EXIT_INVALID
            continue
        what = "ready" if had else "cut"
        print(f"{shown}: {what}, {pyramid.width}x{pyramid.height} pixels in {pyramid.levels} levels")
    if not pages:
        print(f"kiosk: {arguments.exhibit} has no document pages to cut", file=sys.stderr)
    return status


# The visitor analytics: `kiosk analytics export` and `kiosk report` (docs/analytics.md).


def _add_analytics_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    period = argparse.ArgumentParser(add_help=False)
    period.add_argument(
        "--since",
        type=_day,
        metavar="YYYY-MM-DD",
        help="from this day on, local time (default: the first recorded)",
    )
    period.add_argument(
        "--until",
        type=_day,
        metavar="YYYY-MM-DD",
        help="up to and including this day, local time (default: the last)",
    )

    analytics = commands.add_parser("analytics", help="the visitor events this kiosk records")
    analytics_commands = analytics.add_subparsers(dest="analytics_command", metavar="COMMAND", required=True)
    export = analytics_commands.add_parser(
        "export",
        parents=[period],
        help="write this kiosk's visitor events to a Parquet file",
        description="Writes the visitor events this kiosk recorded to one Parquet file (columns and "
        "meaning in docs/analytics.md), for `kiosk report` on another machine or any tool that reads "
        "Parquet. Nothing in it identifies a visitor.",
    )
    export.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FILE",
        help="the Parquet file to write (default: kiosk-events-<today>.parquet here)",
    )
    export.add_argument(
        "--database", type=Path, metavar="PATH", help="the events database (default: this kiosk's)"
    )
    export.set_defaults(handler=_analytics_export)

    report = commands.add_parser(
        "report",
        parents=[period],
        help="write a report with charts of how visitors use the exhibit",
        description="Writes one self-contained HTML file (no network needed to open it; it prints "
        "to PDF) with charts of how visitors used the exhibit: visits per day and hour, their "
        "length, how far they go, the panels they look at, where they stop, languages, access "
        "options, narrations and documents. With several kiosks, also kiosk by kiosk.",
    )
    report.add_argument(
        "sources",
        nargs="*",
        type=Path,
        metavar="SOURCE",
        help="Parquet exports, folders of them, or kiosk databases (default: this kiosk's database)",
    )
    report.add_argument(
        "--output", "-o", type=Path, default=Path("report.html"), metavar="FILE", help="default: report.html"
    )
    report.add_argument(
        "--language", choices=("en", "ru"), default="en", help="the report's language (default: en)"
    )
    report.set_defaults(handler=_report)


def _day(text: str) -> "date":
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day as YYYY-MM-DD: {text!r}") from None


def _this_kiosks_database() -> Path:
    import platformdirs

    from kiosk.analytics.schema import database_in

    return database_in(Path(platformdirs.user_data_dir("kiosk", appauthor=False)))


def _analytics_period(arguments: argparse.Namespace) -> "Period | None":
    from kiosk.analytics.sources import Period

    if arguments.since and arguments.until and arguments.since > arguments.until:
        print("kiosk: --since is after --until: no day is in that period", file=sys.stderr)
        return None
    return Period(arguments.since, arguments.until)


def _analytics_export(arguments: argparse.Namespace) -> int:
    from datetime import date

    from kiosk.analytics.export import export_events
    from kiosk.analytics.sources import SourceError

    period = _analytics_period(arguments)
    if period is None:
        return EXIT_USAGE
    database = arguments.database or _this_kiosks_database()
    output = arguments.output or Path(f"kiosk-events-{date.today().isoformat()}.parquet")
    try:
        count = export_events(database, output, period)
    except SourceError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return EXIT_INVALID
    print(f"kiosk: wrote {count} events to {output}", file=sys.stderr)
    return EXIT_OK


def _report(arguments: argparse.Namespace) -> int:
    from datetime import date

    from kiosk.analytics.report import write_report
    from kiosk.analytics.sources import SourceError

    period = _analytics_period(arguments)
    if period is None:
        return EXIT_USAGE
    sources = arguments.sources or [_this_kiosks_database()]
    try:
        write_report(sources, arguments.output, period, arguments.language, date.today())
    except SourceError as error:
        print(f"kiosk: {error}", file=sys.stderr)
        return EXIT_INVALID
    print(f"kiosk: wrote the report to {arguments.output}", file=sys.stderr)
    return EXIT_OK

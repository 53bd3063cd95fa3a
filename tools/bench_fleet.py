"""Measures a fleet: how long a signed commit takes to reach the screens, what a scrape of the
metrics costs a kiosk that is drawing, and the memory of a kiosk following a repository for a week.

Run from the repository root as `python -m tools.bench_fleet`; docs/performance.md ("A fleet:
commits to screens, scrapes and memory") explains each figure. Every kiosk is a process of its own:

1. Commit to screen: five real `kiosk run` processes (tools.fleet) follow one local bare repository
   with signed commits, checking every 30 s, idle after 10 s. For each pushed commit and each
   kiosk: the time from the push to the commit on show, as its metrics say, and the same from the
   start of the check that found it (the wait for that kiosk's next scheduled check taken away).
2. The cost of a scrape: a child process builds the kiosk's window with the real exhibit at
   1920x1080 (in the renderer `kiosk run` chooses), serves its metrics as `kiosk run` does and
   plays the attract loop; this process scrapes it once a second in some rounds and not at all in
   others, alternating, and compares the frame intervals of the two kinds of round.
3. Memory over a simulated week: one `kiosk run` follows a repository, another a folder; each
   gets the same change once a simulated hour, and their resident memory is read from their metrics.
"""

import argparse
import dataclasses
import json
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from kiosk.services.git_content import GIT_FOLDER
from tests.signed_repository import EXHIBIT_PATH, ContentRepository, SigningKey, retitle_first_section
from tools.fleet import Fleet, FleetKiosk, Samples, free_port, repository_settings, wait_until

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_EXHIBIT = REPOSITORY / "exhibits" / "recognition-1933"

FLEET_SIZE = 5
#: The shortest check interval and idle time an installation may set.
CHECK_EVERY_S = 30.0
IDLE_TIMEOUT_S = 10.0
DEFAULT_COMMITS = 4
#: A commit reaches every kiosk within a check interval, the idle time and the work itself.
COMMIT_DEADLINE_S = CHECK_EVERY_S + IDLE_TIMEOUT_S + 120
#: How often the fleet's metrics are read while a commit is on its way.
POLL_S = 0.1

DEFAULT_ROUNDS = 4
DEFAULT_ROUND_SECONDS = 15.0
SCRAPE_EVERY_S = 1.0
#: The goal: no visible change; the frame intervals' p95 moves by no more than this when scraped.
FRAME_P95_DIFFERENCE_TARGET_MS = 0.5
#: Time for the attract loop to fade in before frames are timed.
ATTRACT_FADE_IN_MS = 2000

DEFAULT_CHANGES = 168
HOURS_PER_DAY = 24
DEFAULT_HOUR_SECONDS = 3.5
#: How often the kiosk following a repository checks it in the compressed week (30 s in a real one).
MEMORY_CHECK_EVERY_S = 1.0
#: The visitor soak's bound (docs/performance.md, "Soak"): growth after the warm-up, in MB.
SOAK_GROWTH_BOUND_MB = 5.0
MB = 1024 * 1024

#: The first argument of a kiosk started with a shorter content check interval than settings allow.
KIOSK_CHECKING_EVERY = "--kiosk-checking-every"


class BenchError(RuntimeError):
    """The benchmark could not measure what it set out to measure."""


def progress(message: str) -> None:
    print(f"  … {message}", file=sys.stderr, flush=True)


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile: always a value that was actually measured."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def value_of(samples: Samples, name: str) -> float:
    found = samples.get(name)
    if not found:
        raise BenchError(f"the kiosk's metrics have no {name}")
    return found[0][1]


def scrape_or_fail(kiosk: FleetKiosk) -> Samples:
    samples = kiosk.scrape()
    if samples is None:
        raise BenchError(f"{kiosk.name} does not answer on {kiosk.address}")
    return samples


def commit_on_show(samples: Samples) -> str:
    shown = samples.get("kiosk_content_version_info")
    return shown[0][0].get("commit", "") if shown else ""


def signed_repository(folder: Path, exhibit: Path | None = None) -> tuple[ContentRepository, Path]:
    """A bare repository with a curator allowed to sign, holding the mini exhibit or `exhibit`."""
    folder.mkdir(parents=True, exist_ok=True)
    curator = SigningKey(folder, "curator")
    allowed_signers = folder / "allowed_signers"
    allowed_signers.write_text(curator.allowed_signers_line(), encoding="utf-8")
    content = ContentRepository(folder / "content", curator)
    if exhibit is not None:
        shutil.rmtree(content.exhibit)
        shutil.copytree(exhibit, content.exhibit)
    return content, allowed_signers


# --- 1. Commit to screen --------------------------------------------------------------------------


@dataclass(frozen=True)
class Arrival:
    """One commit reaching one kiosk's screen; wall-clock seconds."""

    kiosk: str
    commit: int
    pushed: float
    #: The end of the fetch that brought the commit: when the kiosk's clone wrote its ref (the
    #: file's modification time). The wait for the kiosk's next scheduled check ends just before.
    fetched: float
    #: The end of the check that found it: kiosk_content_last_check_timestamp_seconds, set as the
    #: check comes back, after the commit's signature, copy and validation.
    check_ended: float
    shown: float

    @property
    def total_s(self) -> float:
        return self.shown - self.pushed

    @property
    def wait_s(self) -> float:
        return self.fetched - self.pushed

    @property
    def from_fetch_s(self) -> float:
        return self.shown - self.fetched

    @property
    def from_check_end_s(self) -> float:
        return self.shown - self.check_ended


def measure_commits(folder: Path, commits: int) -> list[Arrival]:
    content, allowed_signers = signed_repository(folder)
    first = content.commit("The exhibit as it opens")
    settings = repository_settings(
        str(content.origin),
        allowed_signers,
        content_path=EXHIBIT_PATH,
        check_every=CHECK_EVERY_S,
        idle_timeout=IDLE_TIMEOUT_S,
    )
    arrivals: list[Arrival] = []
    with Fleet(folder / "fleet", settings, size=FLEET_SIZE) as fleet:
        progress(f"starting {FLEET_SIZE} kiosks following {content.origin}")
        fleet.wait_until_serving()
        fleet.wait_until_showing(first)
        # The kiosks started together, so they check together; a push at a random moment of their
        # interval, as a curator's would be, rather than always just after a check.
        moments = random.Random(1933)
        for number in range(1, commits + 1):
            time.sleep(moments.uniform(0, CHECK_EVERY_S))
            progress(f"commit {number} of {commits}: pushed, waiting for every kiosk to show it")
            arrivals += follow_commit(fleet, content, number)
    return arrivals


def fetched_at(kiosk: FleetKiosk, commit: str) -> float:
    """When the kiosk's clone of the repository (in its data folder) took `commit` as its branch."""
    for ref in (kiosk.folder / "home").rglob(f"{GIT_FOLDER}/*/*/refs/heads/*"):
        if ref.is_file() and ref.read_text(encoding="utf-8").strip() == commit:
            return ref.stat().st_mtime
    raise BenchError(f"{kiosk.name}'s clone has no branch at the commit it shows")


def follow_commit(fleet: Fleet, content: ContentRepository, number: int) -> list[Arrival]:
    """Pushes a signed commit and watches each kiosk's metrics until every one has it on show."""
    commit = content.commit(f"Change {number}", retitle_first_section(f"Recognition, change {number}"))
    pushed = time.time()
    check_ended: dict[str, float] = {}
    shown: dict[str, float] = {}

    def everywhere() -> bool:
        problems = fleet.problems()
        if problems:
            raise BenchError("; ".join(problems))
        for kiosk in fleet:
            if kiosk.name in shown:
                continue
            samples = kiosk.scrape()
            seen = time.time()
            if samples is not None and commit_on_show(samples) == commit:
                shown[kiosk.name] = seen
                check_ended[kiosk.name] = value_of(samples, "kiosk_content_last_check_timestamp_seconds")
        return len(shown) == len(fleet.kiosks)

    wait_until(everywhere, f"every kiosk shows commit {number}", COMMIT_DEADLINE_S)
    return [
        Arrival(
            kiosk.name, number, pushed, fetched_at(kiosk, commit), check_ended[kiosk.name], shown[kiosk.name]
        )
        for kiosk in fleet
    ]


def commit_report(arrivals: Sequence[Arrival]) -> list[str]:
    lines = [
        f"1. Commit to screen: {FLEET_SIZE} kiosks follow one local bare repository, signed commits, "
        f"a check every {CHECK_EVERY_S:g} s, idle after {IDLE_TIMEOUT_S:g} s",
        "   commit  kiosk       push→screen  wait (push→fetched)  fetched→screen  check end→screen",
    ]
    for arrival in arrivals:
        lines.append(
            f"   {arrival.commit:>6}  {arrival.kiosk:<10}  {arrival.total_s:>9.1f} s  {arrival.wait_s:>17.1f} s"
            f"  {arrival.from_fetch_s:>12.2f} s  {arrival.from_check_end_s:>14.2f} s"
        )

    def summary(label: str, values: list[float]) -> str:
        return f"   {label}: median {statistics.median(values):.2f} s, worst {max(values):.2f} s"

    lines += [
        summary("push to screen", [arrival.total_s for arrival in arrivals]),
        summary(
            "push to screen minus the wait for the kiosk's next check (fetched to screen)",
            [arrival.from_fetch_s for arrival in arrivals],
        ),
        summary(
            "end of the check that found it to screen", [arrival.from_check_end_s for arrival in arrivals]
        ),
        "   fetched: the end of the fetch that brought the commit, the modification time of the branch's ref",
        "   in the kiosk's clone (the kiosk's log and metrics give no check's start); check end:",
        "   kiosk_content_last_check_timestamp_seconds, set as the check comes back (after the signature,",
        "   the copy and the validation). Screen: when a scrape first saw the commit in",
        f"   kiosk_content_version_info (each kiosk scraped every {POLL_S:g} s or so).",
    ]
    return lines


# --- 2. The cost of a scrape ----------------------------------------------------------------------


def scraped_child(exhibit_dir: Path, seconds: float) -> int:
    """Plays the kiosk's attract loop with its metrics served, times every frame; prints them."""
    from PySide6.QtGui import QGuiApplication

    from kiosk.app.metrics import KioskMetrics, UiHealth
    from tools.bench import FIRST_SETTLE_MS, FrameClock, now, open_kiosk, show_window, wait_ms

    _application = QGuiApplication([sys.argv[0]])
    ui = open_kiosk(exhibit_dir)
    # As `kiosk run` serves them (kiosk.app.run): its registry, its server thread, its UI health.
    metrics = KioskMetrics(name="bench", exhibit=exhibit_dir.name)
    if not metrics.serve("127.0.0.1", 0):
        raise BenchError("the metrics could not be served")
    metrics.content_showing("bench", exhibit_dir.name)
    health = UiHealth(ui, metrics)
    health.start()
    clock = FrameClock(ui.window)
    show_window(ui.window, clock)
    wait_ms(FIRST_SETTLE_MS)
    ui.idle.end_session()
    wait_ms(ATTRACT_FADE_IN_MS)
    started = now()
    print(json.dumps({"port": metrics.port, "started": started}), flush=True)
    wait_ms(seconds * 1000)
    frames = [frame.presented for frame in clock.frames if frame.presented > started]
    health.stop()
    metrics.close()
    ui.dispose()
    print(json.dumps({"frames": frames, "render_thread": bool(clock.on_render_thread)}), flush=True)
    return 0


@dataclass
class ScrapeRun:
    renderer: str
    latencies_ms: list[float]
    #: Frame intervals of each round, in milliseconds, by whether it was scraped.
    rounds: list[tuple[bool, list[float]]]

    def intervals(self, scraped: bool) -> list[float]:
        return [interval for kind, intervals in self.rounds if kind == scraped for interval in intervals]


def measure_scrapes(folder: Path, exhibit: Path, rounds: int, round_s: float) -> ScrapeRun:
    from tools.bench import child_environment

    folder.mkdir(parents=True, exist_ok=True)
    # Alternating, and each pair in the other order from the last, so that a drift of the machine's
    # load weighs on both kinds of round alike.
    order = [
        scraped for pair in range(rounds) for scraped in ((False, True) if pair % 2 == 0 else (True, False))
    ]
    with child_environment("offscreen", folder / "cache") as display:
        renderer = display.choice.describe()
        progress(
            f"playing the attract loop of {exhibit.name} at 1920x1080, {len(order)} rounds of {round_s:g} s"
        )
        # Standard error to a file: a pipe nobody reads while the rounds run could fill and stall it.
        stderr_path = folder / "stderr.txt"
        with stderr_path.open("w", encoding="utf-8") as stderr:
            child = subprocess.Popen(
                [
                    sys.executable, "-m", "tools.bench_fleet", "--child", "scraped",
                    "--exhibit", str(exhibit), "--seconds", f"{len(order) * round_s + 1:g}",
                ],
                cwd=REPOSITORY, env=display.chosen, stdout=subprocess.PIPE, stderr=stderr, text=True,
            )  # fmt: skip
        try:
            assert child.stdout is not None
            ready = json.loads(child.stdout.readline() or "{}")
            if "port" not in ready:
                child.wait(timeout=60)
                raise BenchError(f"the scraped kiosk did not start: {stderr_path.read_text()[-3000:]}")
            url = f"http://127.0.0.1:{ready['port']}/metrics"
            latencies = []
            for index, scraped in enumerate(order):
                if not scraped:
                    continue
                window_start = ready["started"] + index * round_s
                for second in range(int(round_s / SCRAPE_EVERY_S)):
                    sleep_until(window_start + (second + 0.5) * SCRAPE_EVERY_S)
                    began = time.perf_counter()
                    with urllib.request.urlopen(url, timeout=5) as response:
                        response.read()
                    latencies.append((time.perf_counter() - began) * 1000)
            output, _ = child.communicate(timeout=len(order) * round_s + 120)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
        if child.returncode != 0:
            raise BenchError(
                f"the scraped kiosk failed ({child.returncode}): {stderr_path.read_text()[-3000:]}"
            )
    report = json.loads(output.strip().splitlines()[-1])
    frames = report["frames"]
    measured = []
    for index, scraped in enumerate(order):
        start = ready["started"] + index * round_s
        end = start + round_s
        inside = [moment for moment in frames if start <= moment < end]
        measured.append((scraped, [(later - earlier) * 1000 for earlier, later in pairwise(inside)]))
    return ScrapeRun(renderer, latencies, measured)


def sleep_until(moment: float) -> None:
    """Until `moment` on the machine-wide monotonic clock (the child's clock too)."""
    delay = moment - time.clock_gettime(time.CLOCK_MONOTONIC)
    if delay > 0:
        time.sleep(delay)


def frame_figures(intervals: Sequence[float]) -> str:
    if not intervals:
        return "no frames"
    return (
        f"p50 {statistics.median(intervals):.1f} / p95 {percentile(intervals, 0.95):.1f} / "
        f"max {max(intervals):.1f} ms ({len(intervals)} intervals)"
    )


def scrape_report(run: ScrapeRun) -> list[str]:
    quiet, scraped = run.intervals(False), run.intervals(True)
    lines = [
        "2. The cost of a scrape: the kiosk with the real exhibit at 1920x1080, offscreen, "
        f"{run.renderer}, attract loop playing",
    ]
    if run.latencies_ms:
        lines.append(
            f"   GET /metrics latency: median {statistics.median(run.latencies_ms):.1f} ms, "
            f"p95 {percentile(run.latencies_ms, 0.95):.1f} ms, max {max(run.latencies_ms):.1f} ms "
            f"({len(run.latencies_ms)} scrapes, one a second)"
        )
    for number, (kind, intervals) in enumerate(run.rounds, 1):
        lines.append(
            f"   round {number} {'scraped    ' if kind else 'not scraped'}: {frame_figures(intervals)}"
        )
    lines += [
        f"   not scraped, all rounds: {frame_figures(quiet)}",
        f"   scraped, all rounds:     {frame_figures(scraped)}",
    ]
    if quiet and scraped:
        difference = percentile(scraped, 0.95) - percentile(quiet, 0.95)
        verdict = "PASS" if abs(difference) <= FRAME_P95_DIFFERENCE_TARGET_MS else "FAIL"
        lines += [
            f"   ratio scraped / not scraped: p50 {statistics.median(scraped) / statistics.median(quiet):.3f}, "
            f"p95 {percentile(scraped, 0.95) / percentile(quiet, 0.95):.3f}, "
            f"max {max(scraped) / max(quiet):.2f}",
            f"   p95 difference {difference:+.2f} ms (goal within ±{FRAME_P95_DIFFERENCE_TARGET_MS:g} ms): {verdict}",
        ]
    return lines


# --- 3. Memory over a simulated week --------------------------------------------------------------


def revise_subtitle(number: int) -> Callable[[Path], None]:
    """A curator's small change to the exhibit: its English subtitle, revision `number`."""

    def change(exhibit: Path) -> None:
        path = exhibit / "exhibit.yaml"
        lines = path.read_text(encoding="utf-8").split("\n")
        where = lines.index("subtitle:") + 1
        lines[where] = f"  en: How an exchange of letters ended American non-recognition (revision {number})"
        path.write_text("\n".join(lines), encoding="utf-8")

    return change


@dataclass
class MemoryRun:
    hour_s: float
    warm_up: int
    #: Resident memory in bytes of each kiosk, at the start and after each change's simulated hour.
    resident: dict[str, list[float]]
    publishes: dict[str, float]
    changes: int


def memory_kiosk(folder: Path, name: str, settings: str) -> FleetKiosk:
    port = free_port()
    settings += (
        f"kiosk_name: {name}\n"
        f"idle_timeout: {IDLE_TIMEOUT_S:g}\n"
        f'metrics_address: "127.0.0.1:{port}"\n'
        f"log_dir: {folder / 'logs'}\n"
    )
    launcher = ("-m", "tools.bench_fleet", KIOSK_CHECKING_EVERY, f"{MEMORY_CHECK_EVERY_S:g}")
    return FleetKiosk(name, folder, port, settings, launcher)


def measure_memory(folder: Path, exhibit: Path, changes: int, hour_s: float) -> MemoryRun:
    content, allowed_signers = signed_repository(folder / "repository", exhibit)
    first = content.commit("The exhibit as it opens")
    folder_exhibit = folder / "exhibit"
    shutil.copytree(exhibit, folder_exhibit)
    following_repository = memory_kiosk(
        folder / "following-repository",
        "following-repository",
        f"content_git: {content.origin}\nallowed_signers: {allowed_signers}\n"
        f"content_path: {EXHIBIT_PATH}\ncontent_check_every: {MEMORY_CHECK_EVERY_S:g}\n",
    )
    following_folder = memory_kiosk(
        folder / "following-folder", "following-folder", f"exhibit: {folder_exhibit}\n"
    )
    kiosks = (following_repository, following_folder)
    warm_up = max(1, round(changes * 2 / 7))
    resident: dict[str, list[float]] = {kiosk.name: [] for kiosk in kiosks}
    published: dict[str, float] = {}
    try:
        progress("starting a kiosk following a repository and one following a folder")
        for kiosk in kiosks:
            kiosk.start()
        wait_until(lambda: all(kiosk.scrape() for kiosk in kiosks), "both kiosks serve their metrics", 120)
        wait_until(
            lambda: commit_on_show(scrape_or_fail(following_repository)) == first,
            "the repository's first commit is on show",
            120,
        )
        # Into the attract loop, where a new version goes on show at once.
        time.sleep(IDLE_TIMEOUT_S + 2)
        for kiosk in kiosks:
            resident[kiosk.name].append(value_of(scrape_or_fail(kiosk), "process_resident_memory_bytes"))
            published[kiosk.name] = value_of(scrape_or_fail(kiosk), "kiosk_content_publishes_total")
        progress(f"{changes} changes, one every {hour_s:g} s (a simulated hour)")
        began = time.monotonic()
        last = first
        for hour in range(1, changes + 1):
            last = content.commit(f"Revision {hour}", revise_subtitle(hour))
            revise_subtitle(hour)(folder_exhibit)
            delay = began + hour * hour_s - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            for kiosk in kiosks:
                if not kiosk.running():
                    raise BenchError(f"{kiosk.name} ended ({kiosk.process and kiosk.process.returncode})")
                resident[kiosk.name].append(value_of(scrape_or_fail(kiosk), "process_resident_memory_bytes"))
            if hour % HOURS_PER_DAY == 0:
                progress(f"simulated day {hour // HOURS_PER_DAY} done")
        wait_until(
            lambda: commit_on_show(scrape_or_fail(following_repository)) == last,
            "the last commit is on show",
            120,
        )
        for kiosk in kiosks:
            published[kiosk.name] = (
                value_of(scrape_or_fail(kiosk), "kiosk_content_publishes_total") - published[kiosk.name]
            )
    finally:
        for kiosk in kiosks:
            kiosk.stop()
    return MemoryRun(hour_s, warm_up, resident, published, changes)


def memory_report(run: MemoryRun) -> list[str]:
    days_after = (run.changes - run.warm_up) / HOURS_PER_DAY
    lines = [
        f"3. Memory over a simulated week: {run.changes} changes, one a simulated hour of {run.hour_s:g} s; "
        f"the repository checked every {MEMORY_CHECK_EVERY_S:g} s",
        f"   (a week compressed {3600 / run.hour_s:.0f} times: every change, but "
        f"{run.hour_s / MEMORY_CHECK_EVERY_S:.1f} checks an hour instead of {3600 / CHECK_EVERY_S:.0f})",
        "   kiosk                  start     after warm-up  end       growth after warm-up  per day  "
        f"published   (warm-up: {run.warm_up} changes)",
    ]
    for name, values in run.resident.items():
        start, warm, end = values[0], values[run.warm_up], values[-1]
        growth = (end - warm) / MB
        verdict = "PASS" if growth <= SOAK_GROWTH_BOUND_MB else "FAIL"
        per_day = growth / days_after if days_after > 0 else float("nan")
        lines.append(
            f"   {name:<22} {start / MB:6.1f} MB  {warm / MB:6.1f} MB      {end / MB:6.1f} MB  "
            f"{growth:+6.1f} MB ({verdict})       {per_day:+5.2f} MB  {run.publishes[name]:.0f}/{run.changes}"
        )
    for name, values in run.resident.items():
        days = " ".join(f"{value / MB:.1f}" for value in values[HOURS_PER_DAY::HOURS_PER_DAY])
        after = values[run.warm_up :]
        lines.append(
            f"   {name}: "
            + (f"at each simulated day's end {days} MB; " if days else "")
            + "after the warm-up "
            f"{min(after) / MB:.1f} to {max(after) / MB:.1f} MB"
        )
    lines.append(
        f"   Bound: the visitor soak's, at most {SOAK_GROWTH_BOUND_MB:g} MB growth after the warm-up "
        "(resident memory from each kiosk's process_resident_memory_bytes)."
    )
    return lines


# --- The command ---------------------------------------------------------------------------------


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.bench_fleet", description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", type=int, default=DEFAULT_COMMITS, help="commits pushed to the fleet")
    parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS, help="pairs of rounds, scraped and not")
    parser.add_argument(
        "--round-seconds", type=float, default=DEFAULT_ROUND_SECONDS, help="length of a round"
    )
    parser.add_argument("--changes", type=int, default=DEFAULT_CHANGES, help="changes in the simulated week")
    parser.add_argument(
        "--hour-seconds", type=float, default=DEFAULT_HOUR_SECONDS, help="real seconds for a simulated hour"
    )
    parser.add_argument(
        "--exhibit", type=Path, default=DEFAULT_EXHIBIT, help="the exhibit scraped and changed"
    )
    parser.add_argument("--child", choices=["scraped"], help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=float, default=0, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def run_kiosk_checking_every(argv: Sequence[str]) -> int:
    """`kiosk run`, everything as installed but the lower bound of content_check_every (argv[0] s)."""
    from kiosk import cli
    from kiosk.services import settings

    # The bound is part of the settings model: the model is rebuilt with a lower one.
    field = settings.InstallationSettings.model_fields["content_check_every"]
    field.metadata = [
        dataclasses.replace(part, low=float(argv[0])) if isinstance(part, settings.Within) else part
        for part in field.metadata
    ]
    settings.InstallationSettings.model_rebuild(force=True)
    return cli.main(list(argv[1:]))


def load_average() -> str:
    return "load average " + " ".join(f"{load:.2f}" for load in os.getloadavg())


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == [KIOSK_CHECKING_EVERY]:
        return run_kiosk_checking_every(argv[1:])
    arguments = parse_arguments(argv)
    if arguments.child == "scraped":
        return scraped_child(arguments.exhibit, arguments.seconds)
    started = time.monotonic()
    print(
        f"Fleet benchmark, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {load_average()}", flush=True
    )
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-fleet-") as temporary:
        folder = Path(temporary)
        report = commit_report(measure_commits(folder / "commits", arguments.commits))
        print("\n".join(report), flush=True)
        report = scrape_report(
            measure_scrapes(folder / "scrapes", arguments.exhibit, arguments.rounds, arguments.round_seconds)
        )
        print("\n".join(report), flush=True)
        report = memory_report(
            measure_memory(folder / "memory", arguments.exhibit, arguments.changes, arguments.hour_seconds)
        )
        print("\n".join(report), flush=True)
    print(f"Took {(time.monotonic() - started) / 60:.1f} min; {load_average()}.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Measures how a kiosk follows a content repository that holds large media.

    python -m tools.measure_git_content [--media-mb 200] [--folder DIR]

Makes a repository (in a temporary folder, never in this one) with the mini exhibit and one media
file of random bytes (the worst case: nothing compresses), signed with a key made for the run,
and has a kiosk's content check follow it over file:// (git's own pack protocol, as over SSH or
HTTPS, without the network's speed). Then it commits a text-only change and checks again. For
each check it prints the time taken and the disk used by the clone, the exported tree and the
kept versions (a file shared by hard links counted once). The figures are in docs/operations.md.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kiosk.services.git_content import OK, GitContent, GitSource

REPOSITORY = Path(__file__).resolve().parent.parent
MINI_EXHIBIT = REPOSITORY / "tests" / "data" / "mini"
EXHIBIT_PATH = "exhibits/mini"


def run(*arguments: str | Path, cwd: Path | None = None) -> None:
    subprocess.run([str(argument) for argument in arguments], cwd=cwd, check=True, capture_output=True)


def disk_used(folder: Path) -> int:
    """Bytes of the files under `folder`, each file (inode) once."""
    seen: set[tuple[int, int]] = set()
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            status = (Path(root) / name).lstat()
            if (status.st_dev, status.st_ino) not in seen:
                seen.add((status.st_dev, status.st_ino))
                total += status.st_blocks * 512
    return total


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def measure(folder: Path, media_mb: int, big_file_threshold: str | None = None) -> None:
    run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "curator@museum", "-f", folder / "curator")
    allowed = folder / "allowed_signers"
    allowed.write_text(f"curator@museum {(folder / 'curator.pub').read_text()}", encoding="utf-8")
    origin, work = folder / "origin.git", folder / "work"
    run("git", "init", "--quiet", "--bare", "--initial-branch=main", origin)
    if big_file_threshold:
        # Larger files are stored whole, never searched for deltas, on the server and in clones.
        run("git", "config", "core.bigFileThreshold", big_file_threshold, cwd=origin)
    run("git", "clone", "--quiet", origin, work)
    shutil.copytree(MINI_EXHIBIT, work / EXHIBIT_PATH)
    with (work / EXHIBIT_PATH / "media" / "film.bin").open("wb") as media:
        for _ in range(media_mb):
            media.write(os.urandom(1024 * 1024))
    signed = ["-c", "user.name=Curator", "-c", "user.email=curator@museum", "-c", "gpg.format=ssh"]
    signed += ["-c", f"user.signingkey={folder / 'curator'}", "-c", "commit.gpgsign=true"]

    def commit(message: str) -> None:
        run("git", "add", "--all", cwd=work)
        run("git", *signed, "commit", "--quiet", "-m", message, cwd=work)
        run("git", "push", "--quiet", "origin", "HEAD:main", cwd=work)

    commit(f"The mini exhibit and {media_mb} MB of media")
    print(f"server repository: {megabytes(disk_used(origin))}")
    started = time.monotonic()
    run("git", "clone", "--quiet", "--bare", "--depth=1", f"file://{origin}", folder / "plain-clone.git")
    print(f"for comparison, git clone --depth 1 alone: {time.monotonic() - started:.1f} s")
    shutil.rmtree(folder / "plain-clone.git")
    data = folder / "kiosk-data"
    source = GitSource(f"file://{origin}", None, EXHIBIT_PATH, allowed)
    content = GitContent(source, data, GitContent.store_for(source, data))

    def check(what: str) -> None:
        started = time.monotonic()
        outcome = content.check()
        took = time.monotonic() - started
        if outcome.result != OK:
            raise SystemExit(f"{what}: {outcome.result}: {outcome.detail}")
        print(
            f"{what}: {took:.1f} s; clone {megabytes(disk_used(content.repo))}, "
            f"exported tree {megabytes(disk_used(content.export))}, "
            f"versions {megabytes(disk_used(content.store.root))}, "
            f"all {megabytes(disk_used(data))}"
        )

    check("first fetch")
    path = work / EXHIBIT_PATH / "exhibit.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Mini Exhibit", "Mini Exhibit, revised"), "utf-8"
    )
    commit("A text-only change")
    check("text-only change")
    check("nothing new")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--media-mb", type=int, default=200, help="size of the media file (default 200)")
    parser.add_argument(
        "--big-file-threshold",
        metavar="SIZE",
        help="the server's core.bigFileThreshold (git's default: 512m)",
    )
    parser.add_argument("--folder", type=Path, help="where to work (default: a temporary folder, removed)")
    arguments = parser.parse_args(argv)
    if arguments.folder is not None:
        arguments.folder.mkdir(parents=True, exist_ok=True)
        measure(arguments.folder, arguments.media_mb, arguments.big_file_threshold)
        return 0
    with tempfile.TemporaryDirectory(prefix="kiosk-git-measure-") as folder:
        measure(Path(folder), arguments.media_mb, arguments.big_file_threshold)
    return 0


if __name__ == "__main__":
    sys.exit(main())

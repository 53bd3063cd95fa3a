"""One check of a git content source: fetch, verify, export, publish. Plain Python, run off the UI thread.

The kiosk keeps a bare, shallow clone of the content repository in its data folder and asks the
real `git` for everything (docs/adr/0020-content-from-a-signed-git-repository.md):

    <data>/content-git/<name>-<key>/
      repo.git/            the shallow clone (only the commits fetched, one deep)
      exhibit/             the tree of the last commit that passed every check, as plain files
      exported.json        the exported files' blobs and times (shares unchanged files)
      accepted.json        the last accepted commit and its committer time (hostile state)

A check fetches the branch or tag (`--depth 1`), then refuses, in this order: an unsigned commit,
one signed by a key not in the allowed signers, one older than the commit accepted last (unless
the ref is a pinned tag), and one whose exhibit does not validate. Only then is the commit's tree
exported (links that lead out of it refused) and published into the version store, whose
validation decides. Each check comes back as a `CheckOutcome`: never an exception.
"""

import contextlib
import errno
import hashlib
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import tarfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.pictures import DEFAULT_LIMITS, SizeLimits
from kiosk.content.versions import Obstacle, Publication, VersionStore

logger = logging.getLogger(__name__)

GIT_FOLDER = "content-git"
REPO_FOLDER = "repo.git"
EXPORT_FOLDER = "exhibit"
ACCEPTED_FILE = "accepted.json"
MANIFEST_FILE = "exported.json"

#: Asking the remote which commit a ref names: a reachable server answers within seconds.
LS_REMOTE_TIMEOUT_S = 60.0
#: A fetch that takes longer is stopped and made again at the next check. Generous: a first fetch
#: of large media over a slow link is long (docs/operations.md, "Large media"); a link that has
#: stalled is found sooner by git itself (LOW_SPEED_*, and SSH's keep-alives).
FETCH_TIMEOUT_S = 2 * 3600.0
#: Over HTTP(S), a fetch slower than this many bytes a second for this long has stalled.
LOW_SPEED_BYTES = 1000
LOW_SPEED_S = 60
#: Over SSH: never a question (nobody is there to answer), and a silent server is given a minute.
SSH_COMMAND = "ssh -o BatchMode=yes -o ConnectTimeout=30 -o ServerAliveInterval=15 -o ServerAliveCountMax=4"
#: Reading, verifying and exporting a commit already fetched.
LOCAL_TIMEOUT_S = 5 * 60.0

#: An older-dated commit may still be newer: its history is searched this far back for the one
#: accepted last (DEEPEN_TIMES fetches of DEEPEN_BY commits more).
DEEPEN_BY = 50
DEEPEN_TIMES = 2

#: A clone with more packs than this (about one per fetch that brought something) is tidied.
PACKS_BEFORE_TIDYING = 8
#: How many refused commits are remembered, so as not to be fetched and validated again.
REMEMBERED_REFUSALS = 100

# The results of a check (the health metrics use these words).
OK = "ok"
OFFLINE = "offline"
REFUSED = "refused"
INVALID = "invalid"
DISK_FULL = "disk_full"
ERROR = "error"
# Why a commit was refused.
UNSIGNED = "unsigned"
UNTRUSTED_SIGNER = "untrusted_signer"
OLDER_COMMIT = "older_commit"
NO_ALLOWED_SIGNERS = "no_allowed_signers"

_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
#: What git says when it cannot reach or read the remote: the kiosk is offline, not broken.
_UNREACHABLE = re.compile(
    r"could not resolve|unable to access|could not read from remote|connection|timed out|"
    r"does not appear to be a git repository|network is unreachable|no route to host|"
    r"unable to connect|early eof|the remote end hung up|repository .* not found",
    re.IGNORECASE,
)
_DISK_FULL = re.compile(r"no space left on device|disk quota exceeded", re.IGNORECASE)


@dataclass(frozen=True)
class GitSource:
    """Where the content comes from: the installation's content_* settings."""

    url: str
    #: A branch or a tag; None: the remote's default branch.
    ref: str | None = None
    #: The exhibit's folder inside the repository; "" for its root.
    path: str = ""
    #: The OpenSSH allowed_signers file; None: nothing from git is ever shown.
    allowed_signers: Path | None = None

    def folder(self, data_dir: Path) -> Path:
        """Each source gets a folder of its own, named after it and its full URL."""
        key = hashlib.sha256(self.url.encode()).hexdigest()[:12]
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", self.url.rstrip("/").rsplit("/", 1)[-1])[:40] or "content"
        return data_dir / GIT_FOLDER / f"{name.removesuffix('.git')}-{key}"


@dataclass(frozen=True)
class AcceptedCommit:
    commit: str
    #: The committer's time, seconds since the epoch: signed with the commit, so not the server's to change.
    committed: int


@dataclass(frozen=True)
class CheckOutcome:
    """What one check came to."""

    result: str
    #: A short reason (a refusal's kind, or a few words); "" when all is well.
    reason: str = ""
    #: What happened, in a sentence, for the log and the staff screen.
    detail: str = ""
    #: The commit the ref names now, when the remote could be read.
    commit: str = ""
    #: A valid version to show: new, or kept from before and named by the ref again (a tag moved back).
    publication: Publication | None = None
    checked_at: float = field(default_factory=time.time)
    #: A refusal said before, of the same commit: the ref still names it.
    repeated: bool = False


class _GitFailedError(Exception):
    def __init__(
        self, args: list[str], message: str, *, timed_out: bool = False, cancelled: bool = False
    ) -> None:
        super().__init__(message)
        self.command = " ".join(args[:3])
        self.message = message
        self.timed_out = timed_out
        self.cancelled = cancelled


class GitContent:
    """The clone, the exported tree and the accepted commit of one source, and the check itself.

    Used from one thread at a time (the source's background job); nothing else writes the folder.
    """

    def __init__(self, source: GitSource, data_dir: Path, store: VersionStore) -> None:
        self.source = source
        self.folder = source.folder(data_dir)
        self.repo = self.folder / REPO_FOLDER
        self.export = self.folder / EXPORT_FOLDER
        self.store = store
        #: Commits refused for what they are (signature, age, validity): not fetched, exported or
        #: validated again while the ref names them.
        self._refused: dict[str, CheckOutcome] = {}
        self._cancelled = threading.Event()
        self._running: subprocess.Popen[bytes] | None = None

    def cancel(self) -> None:
        """Stops the git command in hand, and any other, at once (the kiosk is closing)."""
        self._cancelled.set()
        if (process := self._running) is not None:
            _kill(process, wait=False)

    @staticmethod
    def store_for(source: GitSource, data_dir: Path, limits: SizeLimits = DEFAULT_LIMITS) -> VersionStore:
        """The version store of the source's exhibit: its versions are published from the export."""
        folder = source.folder(data_dir)
        return VersionStore(
            data_dir / "versions" / f"git-{folder.name}",
            folder / EXPORT_FOLDER,
            limits=limits,
            source_is_private=True,
        )

    # The remembered commit.

    def accepted(self) -> AcceptedCommit | None:
        """The commit accepted last; None when there is none, or the file is damaged (then logged)."""
        path = self.folder / ACCEPTED_FILE
        try:
            with path.open("rb") as file:
                data = json.loads(file.read(4096).decode("utf-8"))
            commit, committed = data["commit"], data["committed"]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, RecursionError) as error:
            logger.warning(
                "the remembered content commit in %s cannot be read (%s); taken as none", path, error
            )
            return None
        if not isinstance(commit, str) or not _SHA.fullmatch(commit) or type(committed) is not int:
            logger.warning("the remembered content commit in %s is damaged; taken as none", path)
            return None
        return AcceptedCommit(commit, committed)

    def _remember(self, accepted: AcceptedCommit) -> None:
        path = self.folder / ACCEPTED_FILE
        temporary = path.with_name(path.name + ".tmp")
        text = json.dumps(
            {"commit": accepted.commit, "committed": accepted.committed, "url": self.source.url}
        )
        with temporary.open("w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        temporary.replace(path)

    # The check.

    def check(
        self, showing: frozenset[str] = frozenset(), *, fetch_timeout_s: float = FETCH_TIMEOUT_S
    ) -> CheckOutcome:
        """Fetches the ref and, when it names a new commit that passes every check, publishes it.

        `showing` names the version on screen, which publishing never removes to make room.
        """
        signers = self.source.allowed_signers
        if signers is None or not signers.is_file():
            where = f"{signers} cannot be read" if signers is not None else "allowed_signers is not set"
            return CheckOutcome(
                REFUSED,
                NO_ALLOWED_SIGNERS,
                f"nothing from {self.source.url} is shown: {where}; name an OpenSSH allowed_signers file",
            )
        try:
            return self._check(signers.absolute(), showing, fetch_timeout_s)
        except _GitFailedError as failure:
            return self._failed(failure)
        except OSError as error:
            if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
                return CheckOutcome(DISK_FULL, DISK_FULL, f"the disk holding {self.folder} is full: {error}")
            return CheckOutcome(ERROR, "storage error", f"could not use {self.folder}: {error}")

    def _check(self, signers: Path, showing: frozenset[str], fetch_timeout_s: float) -> CheckOutcome:
        self._prepare_clone()
        refname = self._resolve_ref()
        if refname is None:
            wanted = self.source.ref or "the default branch"
            return CheckOutcome(
                ERROR, "no such ref", f"{self.source.url} has no branch or tag named {wanted}"
            )
        pinned = refname.startswith("refs/tags/")
        self._git(
            [
                # Housekeeping git starts by itself runs within the fetch, never left running
                # behind it (a check removes the locks it finds as stale).
                "-c",
                "gc.autoDetach=false",
                "-c",
                "maintenance.autoDetach=false",
                "-c",
                "transfer.fsckObjects=true",
                "-c",
                f"http.lowSpeedLimit={LOW_SPEED_BYTES}",
                "-c",
                f"http.lowSpeedTime={LOW_SPEED_S}",
                "fetch",
                "--quiet",
                "--depth=1",
                "--no-tags",
                "--no-write-fetch-head",
                "origin",
                f"+{refname}:{refname}",
            ],
            timeout=fetch_timeout_s,
        )
        commit = self._git(["rev-parse", "--verify", "--quiet", f"{refname}^{{commit}}"]).strip()
        accepted = self.accepted()
        if accepted is not None and commit == accepted.commit and self._kept(commit):
            # Nothing new; a version staff rolled back to stays on show.
            return CheckOutcome(OK, "", f"commit {commit[:12]} was accepted before; nothing new", commit)
        if commit in self._refused:
            previous = self._refused[commit]
            return CheckOutcome(previous.result, previous.reason, previous.detail, commit, repeated=True)
        refusal = self._signature_refusal(commit, signers)
        committed, parents = self._commit_facts(commit)
        if refusal is None and not pinned and accepted is not None and commit != accepted.commit:
            newer = (
                committed > accepted.committed
                or accepted.commit in parents
                or self._descends(commit, accepted.commit, refname)
            )
            if not newer:
                refusal = CheckOutcome(
                    REFUSED,
                    OLDER_COMMIT,
                    f"commit {commit[:12]} of {self.source.url} is not newer than {accepted.commit[:12]}, "
                    "accepted before (an old version replayed?); pin a tag to go back on purpose",
                    commit,
                )
        if refusal is not None:
            return self._refuse(refusal)
        return self._publish(commit, committed, showing)

    def _refuse(self, refusal: CheckOutcome) -> CheckOutcome:
        if len(self._refused) >= REMEMBERED_REFUSALS:
            self._refused.pop(next(iter(self._refused)))  # the oldest: the ref has long moved on
        self._refused[refusal.commit] = refusal
        return refusal

    def _descends(self, commit: str, ancestor: str, refname: str) -> bool:
        """Whether `commit` has `ancestor` in its history (a curator's clock running behind):
        the shallow clone is deepened a little at a time to find out."""
        for deepened in range(DEEPEN_TIMES + 1):
            try:
                if self._git(["merge-base", ancestor, commit]).strip() == ancestor:
                    return True
            except _GitFailedError as failure:
                if failure.cancelled or failure.timed_out:
                    raise
            if deepened == DEEPEN_TIMES or not (self.repo / "shallow").is_file():
                return False  # searched as far as it goes, and it is not there
            self._git(
                [
                    "-c",
                    "gc.autoDetach=false",
                    "-c",
                    "maintenance.autoDetach=false",
                    "fetch",
                    "--quiet",
                    f"--deepen={DEEPEN_BY}",
                    "--no-tags",
                    "--no-write-fetch-head",
                    "origin",
                    f"+{refname}:{refname}",
                ],
                timeout=FETCH_TIMEOUT_S,
            )
        return False

    def _tidy(self) -> None:
        """Removes what earlier commits left in the clone once fetches have piled up packs: a shallow
        clone needs only the commit it follows, and old media would otherwise stay on the disk."""
        if len(list((self.repo / "objects" / "pack").glob("*.pack"))) <= PACKS_BEFORE_TIDYING:
            return
        try:
            self._git(["-c", "gc.autoDetach=false", "gc", "--quiet", "--prune=now"], timeout=FETCH_TIMEOUT_S)
        except _GitFailedError as failure:
            if failure.cancelled:
                raise
            logger.warning("tidying the clone %s failed: %s", self.repo, _first_error(failure.message))

    def _kept(self, commit: str) -> bool:
        return any(version.commit == commit for version in self.store.versions())

    def _prepare_clone(self) -> None:
        """A clone to fetch into; what an interrupted fetch left behind is cleared first."""
        if not (self.repo / "HEAD").is_file() or not (self.repo / "objects").is_dir():
            shutil.rmtree(self.repo, ignore_errors=True)
            self.folder.mkdir(parents=True, exist_ok=True)
            self._git(["init", "--quiet", "--bare", str(self.repo)], cwd=self.folder, in_repo=False)
        # A fetch killed mid-way (power cut, timeout) leaves its locks: only this job ever runs git
        # here, so a lock now is a stale one. Its half-received pack is ignored by git and pruned.
        for lock in (*self.repo.glob("*.lock"), *self.repo.glob("refs/**/*.lock")):
            with contextlib.suppress(OSError):
                lock.unlink()
                logger.info("removed %s, left by an interrupted fetch", lock)
        self._git(["config", "remote.origin.url", self.source.url])

    def _resolve_ref(self) -> str | None:
        """The full name of the ref to follow, as the remote has it now."""
        ref = self.source.ref
        if ref is None:
            listing = self._git(["ls-remote", "--symref", "origin", "HEAD"], timeout=LS_REMOTE_TIMEOUT_S)
            match = re.search(r"^ref: (refs/heads/\S+)\tHEAD$", listing, re.MULTILINE)
            return match[1] if match else None
        names = [ref] if ref.startswith("refs/") else [f"refs/heads/{ref}", f"refs/tags/{ref}"]
        listing = self._git(["ls-remote", "origin", *names], timeout=LS_REMOTE_TIMEOUT_S)
        found = {line.split("\t", 1)[1] for line in listing.splitlines() if "\t" in line}
        return next((name for name in names if name in found), None)

    def _signature_refusal(self, commit: str, signers: Path) -> CheckOutcome | None:
        status = self._git(
            [
                "-c",
                "gpg.format=ssh",
                "-c",
                f"gpg.ssh.allowedSignersFile={signers}",
                "log",
                "-1",
                "--no-show-signature",
                "--format=%G?%x00%GK",
                commit,
            ]
        ).strip("\n")
        verdict, _, key = status.partition("\x00")
        if verdict == "G":
            return None
        if verdict == "N":
            return CheckOutcome(
                REFUSED,
                UNSIGNED,
                f"commit {commit[:12]} of {self.source.url} is not signed; it is never shown",
                commit,
            )
        return CheckOutcome(
            REFUSED,
            UNTRUSTED_SIGNER,
            f"commit {commit[:12]} of {self.source.url} is not signed by a key in {signers} "
            f"(signature {verdict}, key {key or 'unknown'}); it is never shown",
            commit,
        )

    def _commit_facts(self, commit: str) -> tuple[int, frozenset[str]]:
        """The committer's time and the parents, read from the commit itself (a shallow clone hides parents)."""
        raw = self._git(["cat-file", "commit", commit])
        header = raw.split("\n\n", 1)[0]
        parents = frozenset(re.findall(r"^parent ([0-9a-f]+)$", header, re.MULTILINE))
        match = re.search(r"^committer .* (\d+) [+-]\d{4}$", header, re.MULTILINE)
        return (int(match[1]) if match else 0), parents

    def _publish(self, commit: str, committed: int, showing: frozenset[str]) -> CheckOutcome:
        try:
            self._export(commit)
        except _OutsideError as outside:
            refusal = CheckOutcome(
                INVALID, INVALID, f"commit {commit[:12]} is not a valid exhibit: {outside}", commit
            )
            return self._refuse(refusal)
        publication = self.store.publish(protect=showing, commit=commit)
        if publication.stop is not None:
            result = DISK_FULL if publication.stop.obstacle is Obstacle.DISK_FULL else ERROR
            return CheckOutcome(result, result, f"commit {commit[:12]}: {publication.stop.message}", commit)
        if publication.version is None:
            problems = "; ".join(problem.format() for problem in publication.problems[:5])
            more = f" (and {len(publication.problems) - 5} more)" if len(publication.problems) > 5 else ""
            refusal = CheckOutcome(
                INVALID, INVALID, f"commit {commit[:12]} is not a valid exhibit: {problems}{more}", commit
            )
            return self._refuse(refusal)
        version = publication.version
        if publication.exhibit is None:
            republished = self._republish(publication)
            if republished is None:
                refusal = CheckOutcome(
                    INVALID, INVALID, f"the kept version of {commit[:12]} is no longer valid", commit
                )
                return self._refuse(refusal)
            publication = republished
        self._remember(AcceptedCommit(commit, committed))
        self._tidy()
        return CheckOutcome(
            OK,
            "",
            f"commit {commit[:12]} is valid as version {version.name}",
            commit,
            publication,
        )

    def _republish(self, publication: Publication) -> Publication | None:
        """A version kept from before, named again (a pinned tag moved back): read for showing."""
        from kiosk.content.loader import load_exhibit

        version = publication.version
        assert version is not None
        result = load_exhibit(version.folder, limits=self.store.limits)
        if result.exhibit is None:
            return None
        self.store.make_current(version.name)
        return Publication(version, (), result.exhibit, result.files)

    def _export(self, commit: str) -> None:
        """The commit's exhibit folder as plain files in `export`, replacing the last one at once.

        A file unchanged since the last export (the same blob) is linked from it, keeping its time,
        rather than written again; a changed one gets a time of its own. The version store, which
        shares what has the same size and time as in the version before, then shares exactly the
        unchanged files: large media is neither written nor stored twice.
        """
        path = self.source.path.strip("/")
        treeish = f"{commit}:{path}" if path else commit
        try:
            kind = self._git(["cat-file", "-t", treeish]).strip()
        except _GitFailedError:
            kind = ""
        if kind != "tree":
            raise _OutsideError(f"the commit has no folder '{path}' (content_path)")
        blobs = self._blobs(treeish)
        previous = self._manifest()
        fresh = self.export.with_name(EXPORT_FOLDER + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        unchanged: list[str] = []

        def extract_unless_unchanged(member: tarfile.TarInfo, destination: str) -> tarfile.TarInfo | None:
            # The "data" filter refuses links that lead out of the folder, devices and absolute
            # names: nothing outside the export is ever written or pointed at.
            member = tarfile.data_filter(member, destination)
            name = member.name.removeprefix("./")
            known = previous.get(name)
            if (
                member.isfile()
                and known is not None
                and known[0] == blobs.get(name)
                and (self.export / name).is_file()
            ):
                unchanged.append(name)
                return None
            return member

        archive = subprocess.Popen(
            ["git", "-C", str(self.repo), "archive", "--format=tar", treeish],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_environment(),
            start_new_session=os.name == "posix",
        )
        self._running = archive
        try:
            assert archive.stdout is not None
            try:
                with tarfile.open(fileobj=archive.stdout, mode="r|") as tar:
                    tar.extractall(fresh, filter=extract_unless_unchanged)
            except tarfile.FilterError as refused:
                _kill(archive)
                shutil.rmtree(fresh, ignore_errors=True)
                raise _OutsideError(str(refused)) from None
            except tarfile.ReadError:
                pass  # git says why on stderr, read below
        finally:
            self._running = None
            stderr = archive.communicate(timeout=LOCAL_TIMEOUT_S)[1].decode(errors="replace")
        if archive.returncode != 0 or self._cancelled.is_set():
            shutil.rmtree(fresh, ignore_errors=True)
            raise _GitFailedError(
                ["git", "archive"],
                stderr.strip() or f"exit status {archive.returncode}",
                cancelled=self._cancelled.is_set(),
            )
        manifest: dict[str, tuple[str, int]] = {}
        for name in unchanged:
            target = fresh / name
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(self.export / name, target)
            except OSError:
                shutil.copy2(self.export / name, target)
            manifest[name] = previous[name]
        # Later than any time the last export gave: a changed file is never taken for an old one.
        changed_at = max([time.time_ns(), *(known[1] + 1 for known in previous.values())])
        for name, blob in blobs.items():
            if name not in manifest and (fresh / name).is_file() and not (fresh / name).is_symlink():
                os.utime(fresh / name, ns=(changed_at, changed_at))
                manifest[name] = (blob, changed_at)
        old = self.export.with_name(EXPORT_FOLDER + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.export.exists():
            self.export.rename(old)
        fresh.rename(self.export)
        shutil.rmtree(old, ignore_errors=True)
        self._write_manifest(manifest)

    def _blobs(self, treeish: str) -> dict[str, str]:
        """Every regular file of the tree and its blob's name."""
        listing = self._git(["ls-tree", "-r", "-z", treeish])
        blobs = {}
        for entry in listing.split("\0"):
            info, _, name = entry.partition("\t")
            mode, _, rest = info.partition(" ")
            kind, _, blob = rest.partition(" ")
            if kind == "blob" and mode in ("100644", "100755"):
                blobs[name] = blob
        return blobs

    def _manifest(self) -> dict[str, tuple[str, int]]:
        """The files of the last export, their blobs and times; empty when unknown or damaged."""
        try:
            with (self.folder / MANIFEST_FILE).open("rb") as file:
                data = json.loads(file.read())
            return {
                name: (blob, when)
                for name, (blob, when) in data.items()
                if isinstance(name, str) and isinstance(blob, str) and type(when) is int
            }
        except (OSError, ValueError, TypeError, AttributeError, RecursionError):
            return {}

    def _write_manifest(self, manifest: dict[str, tuple[str, int]]) -> None:
        path = self.folder / MANIFEST_FILE
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(json.dumps(manifest), encoding="utf-8")
        temporary.replace(path)

    def _failed(self, failure: _GitFailedError) -> CheckOutcome:
        message = _first_error(failure.message) or failure.command
        if failure.cancelled:
            return CheckOutcome(ERROR, "stopped", "the check was stopped: the kiosk is closing")
        if failure.timed_out:
            return CheckOutcome(OFFLINE, "timed out", f"{self.source.url}: {failure.message}")
        if _DISK_FULL.search(failure.message):
            return CheckOutcome(DISK_FULL, DISK_FULL, f"the disk holding {self.repo} is full: {message}")
        if _UNREACHABLE.search(failure.message):
            return CheckOutcome(OFFLINE, "unreachable", f"{self.source.url} cannot be reached: {message}")
        # Anything else may be a damaged clone: the next check starts from a fresh one.
        shutil.rmtree(self.repo, ignore_errors=True)
        return CheckOutcome(
            ERROR, "git failed", f"{failure.command}: {message}; the clone is made afresh next time"
        )

    def _git(
        self,
        args: list[str],
        *,
        timeout: float = LOCAL_TIMEOUT_S,
        cwd: Path | None = None,
        in_repo: bool = True,
    ) -> str:
        command = ["git", *(["-C", str(self.repo)] if in_repo else []), *args]
        if self._cancelled.is_set():
            raise _GitFailedError(args, "stopped", cancelled=True)
        # In a session of its own, so that a fetch stopped for taking too long takes its helpers
        # (index-pack, the transport) with it.
        process = subprocess.Popen(
            command,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=_environment(),
            start_new_session=os.name == "posix",
        )
        self._running = process
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise _GitFailedError(
                args, f"git {args[0]} took more than {timeout:g} s; stopped", timed_out=True
            ) from None
        except BaseException:
            _kill(process)
            raise
        finally:
            self._running = None
        if self._cancelled.is_set():
            raise _GitFailedError(args, "stopped", cancelled=True)
        if process.returncode != 0:
            raise _GitFailedError(
                args, stderr.decode(errors="replace") or f"exit status {process.returncode}"
            )
        return stdout.decode(errors="replace")


def _kill(process: subprocess.Popen[bytes], *, wait: bool = True) -> None:
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    else:
        with contextlib.suppress(OSError):
            process.kill()
    if wait:
        process.communicate()


class _OutsideError(Exception):
    """The commit's tree cannot be an exhibit folder (a link out, or no such folder)."""


def _first_error(stderr: str) -> str:
    """What git said went wrong: its first fatal or error line, else its last line."""
    lines = [line.strip() for line in stderr.strip().splitlines() if line.strip()]
    return next((line for line in lines if line.startswith(("fatal:", "error:"))), lines[-1] if lines else "")


def _environment() -> dict[str, str]:
    """git never asks anyone anything (there is nobody at a kiosk to answer), and speaks English."""
    environment = dict(os.environ)
    environment.update(
        {
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": "true",
            "SSH_ASKPASS": "true",
            "GIT_SSH_COMMAND": environment.get("GIT_SSH_COMMAND", SSH_COMMAND),
            "LC_ALL": "C",
            "LANGUAGE": "C",
        }
    )
    return environment

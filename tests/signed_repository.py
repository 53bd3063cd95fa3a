"""A content repository as a museum keeps one, for the tests: a real bare repository, a curator's
clone of it, and real OpenSSH signing keys (made by ssh-keygen), some of them allowed to sign."""

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

#: The exhibit a repository starts with (tests.conftest's, named here so that tools importing this
#: module do not take on the tests' environment).
MINI_EXHIBIT = Path(__file__).resolve().parent / "data" / "mini"
#: The exhibit's folder inside the repository.
EXHIBIT_PATH = "exhibits/mini"


def run(*arguments: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    completed = subprocess.run(
        [str(argument) for argument in arguments],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, f"{arguments}: {completed.stderr}"
    return completed.stdout


class SigningKey:
    """An ed25519 key of one person, made with ssh-keygen."""

    def __init__(self, folder: Path, name: str) -> None:
        self.name = name
        self.email = f"{name}@museum.example"
        self.private = folder / f"{name}_ed25519"
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", self.email, "-f", self.private)
        self.public = self.private.with_suffix(".pub")

    def allowed_signers_line(self) -> str:
        return f"{self.email} {self.public.read_text(encoding='utf-8').strip()}\n"


class ContentRepository:
    """A bare repository (the museum's server) and the curator's clone of it, with the mini exhibit."""

    def __init__(self, folder: Path, key: SigningKey) -> None:
        self.folder = folder
        self.origin = folder / "origin.git"
        self.work = folder / "work"
        self.key = key
        self._clock = 1_800_000_000
        run("git", "init", "--quiet", "--bare", "--initial-branch=main", self.origin)
        run("git", "clone", "--quiet", self.origin, self.work)
        shutil.copytree(MINI_EXHIBIT, self.work / EXHIBIT_PATH)
        (self.work / "README.md").write_text("The museum's exhibits.\n", encoding="utf-8")

    @property
    def exhibit(self) -> Path:
        return self.work / EXHIBIT_PATH

    def commit(
        self,
        message: str,
        change: Callable[[Path], object] | None = None,
        *,
        key: SigningKey | bool | None = True,
        push: bool = True,
    ) -> str:
        """Commits what `change` does to the exhibit folder, signed by the curator (or `key`, or
        unsigned with key=None), a minute after the last commit; pushes it to the server."""
        if change is not None:
            change(self.exhibit)
        self._clock += 60
        signer = self.key if key is True else key
        options = ["-c", "user.name=Curator", "-c", f"user.email={self.key.email}"]
        if isinstance(signer, SigningKey):
            options += [
                "-c",
                "gpg.format=ssh",
                "-c",
                f"user.signingkey={signer.private}",
                "-c",
                "commit.gpgsign=true",
            ]
        else:
            options += ["-c", "commit.gpgsign=false"]
        run("git", "add", "--all", cwd=self.work)
        run(
            "git",
            *options,
            "commit",
            "--quiet",
            "--allow-empty",
            "-m",
            message,
            cwd=self.work,
            env=self._dated(),
        )
        if push:
            self.push()
        return self.head()

    def revert(self, commit: str, *, minutes: int = 1) -> str:
        """A signed revert of `commit`, `minutes` after the last commit (less than 0: a clock behind)."""
        self._clock += 60 * minutes
        run(
            "git", "-c", "user.name=Curator", "-c", f"user.email={self.key.email}",
            "-c", "gpg.format=ssh", "-c", f"user.signingkey={self.key.private}",
            "revert", "--no-edit", "-S", commit, cwd=self.work, env=self._dated(),
        )  # fmt: skip
        self.push()
        return self.head()

    def _dated(self) -> dict[str, str]:
        return {
            **os.environ,
            "GIT_COMMITTER_DATE": f"{self._clock} +0000",
            "GIT_AUTHOR_DATE": f"{self._clock} +0000",
        }

    def head(self) -> str:
        return run("git", "rev-parse", "HEAD", cwd=self.work).strip()

    def push(self, *, force: bool = False) -> None:
        run("git", "push", "--quiet", *(["--force"] if force else []), "origin", "HEAD:main", cwd=self.work)

    def reset_server_to(self, commit: str) -> None:
        """Whoever controls the server puts an older commit back on the branch (a replay)."""
        run("git", "update-ref", "refs/heads/main", commit, cwd=self.origin)

    def tag(self, name: str, commit: str) -> None:
        """Moves (or makes) a tag and pushes it, as curators pin the fleet: tag -f, push -f."""
        run("git", "tag", "--force", name, commit, cwd=self.work)
        run("git", "push", "--quiet", "--force", "origin", f"refs/tags/{name}", cwd=self.work)


def retitle_first_section(title: str) -> Callable[[Path], None]:
    def change(exhibit: Path) -> None:
        path = exhibit / "exhibit.yaml"
        text = path.read_text(encoding="utf-8")
        old = next(line for line in text.splitlines() if line.startswith("    title:"))
        path.write_text(text.replace(old, f"    title: {title}", 1), encoding="utf-8")

    return change


def break_exhibit(exhibit: Path) -> None:
    """A mistake validation catches: a section with no title."""
    path = exhibit / "exhibit.yaml"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("    title:"))
    path.write_text(text.replace(old, "    title:", 1), encoding="utf-8")

import os
import threading
import wave
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Set before Qt is imported anywhere: tests render offscreen, in software, the same on every machine;
# except where tests/gui/test_graphics_api.py runs GUI tests again through OpenGL on an X server of
# their own, as a kiosk with a graphics card draws.
if os.environ.get(GRAPHICS_API_VARIABLE := "KIOSK_TEST_GRAPHICS_API") == "opengl":
    os.environ["QSG_RHI_BACKEND"] = "opengl"
else:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["QT_QUICK_BACKEND"] = "software"
# A Python method connected as a slot without @Slot gets a slot of its own on each object, and with
# it a metaobject of the object's own, which dies with it; a later object's metaobject at the same
# address then meets the QML engine's cache of the dead one, and reads every property as
# undefined. PySide says so under this logging category: the tests fail on it.
os.environ["QT_LOGGING_RULES"] = "qt.pyside.libpyside.warning=true"

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
MINI_EXHIBIT = REPOSITORY / "tests" / "data" / "mini"
SHIPPED_EXHIBITS = sorted(path.parent for path in (REPOSITORY / "exhibits").glob("*/exhibit.yaml"))


@pytest.fixture
def mini_exhibit_dir() -> Path:
    return MINI_EXHIBIT


@pytest.fixture(autouse=True, scope="session")
def _own_user_folders(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Settings, caches and logs of the kiosk under test go to a folder of the test run's own."""
    home = tmp_path_factory.mktemp("user")
    for variable, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_DATA_HOME", "data"),
    ):
        os.environ[variable] = str(home / folder)


@pytest.fixture(autouse=True, scope="session")
def _one_application_for_the_session(qapp: Any) -> None:
    """pytest-qt's application, made before any test: `kiosk validate` measures text in-process and
    would otherwise make a QGuiApplication of its own, which the GUI tests cannot share."""


def write_wav(path: Path, seconds: float, rate: int = 8000) -> Path:
    """A silent mono WAV of the given length: sound for narrations in tests."""
    with wave.open(str(path), "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(rate)
        sound.writeframes(bytes(2 * round(rate * seconds)))
    return path


#: A thread told to stop may need a moment to return; one still running after this was left behind.
THREAD_GRACE_S = 2.0


@pytest.fixture(autouse=True)
def _nothing_left_running() -> Iterator[None]:
    """A test fails if it leaves a thread, or a timer, thread or thread pool of Qt's, running.

    Left running, they fire or finish in a later test, whose failure then points at the wrong
    code; in the kiosk, the same leak is a timer that outlives what it serves. Qt objects are
    those made from Python (`_made`): every QTimer, QThread and QThreadPool the kiosk makes is.
    Threads of Qt's own made in C++ (the QML engine's loader, Qt's global thread pool, which QML's
    asynchronous image loading uses) are not the test's to stop.
    """
    threads_before = set(threading.enumerate())
    qt_before = weakref.WeakSet(_made)
    yield
    left = _threads_left(threads_before) + _qt_left(qt_before)
    if left:
        pytest.fail("the test left running: " + "; ".join(left), pytrace=False)


def _threads_left(before: set[threading.Thread]) -> list[str]:
    left = []
    for thread in threading.enumerate():
        # A dummy thread is Python's record of a thread it did not start (Qt's): never removed.
        if thread in before or isinstance(thread, threading._DummyThread):
            continue
        thread.join(THREAD_GRACE_S)
        if thread.is_alive():
            left.append(f"thread {thread.name!r} ({thread.__class__.__name__})")
    return left


#: Every QTimer, QThread and QThreadPool made from Python and still there, noted as it is made:
#: cheaper after each test than looking through all of Python's objects for them.
_made: "weakref.WeakSet[Any]" = weakref.WeakSet()


def _note_what_is_made() -> None:
    from PySide6.QtCore import QThread, QThreadPool, QTimer

    def noting(init: Any) -> Any:
        def init_and_note(self: Any, *args: Any, **kwargs: Any) -> None:
            init(self, *args, **kwargs)
            _made.add(self)

        return init_and_note

    for kind in (QTimer, QThread, QThreadPool):
        kind.__init__ = noting(kind.__init__)  # type: ignore[method-assign]


_note_what_is_made()


def _qt_left(before: "weakref.WeakSet[Any]") -> list[str]:
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QThread, QThreadPool, QTimer

    if QCoreApplication.instance() is not None:
        # What the test handed to deleteLater is gone once the event loop gets to it.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    left = []
    for thing in list(_made):
        if thing in before or not shiboken6.isValid(thing):
            continue
        # QTimer.isActive itself: a test's stand-in timer (tests/clock.py) says what its clock
        # thinks, but only Qt's own can fire.
        if isinstance(thing, QTimer) and QTimer.isActive(thing):
            thing.stop()  # so that it cannot fire in the next test too
            left.append(f"timer {_described(thing)} ({thing.interval()} ms)")
        elif isinstance(thing, QThread) and thing.isRunning():
            left.append(f"QThread {_described(thing)}")
        elif isinstance(thing, QThreadPool) and thing.activeThreadCount() > 0:
            left.append(f"thread pool {_described(thing)} with work running")
    return left


def _described(thing: Any) -> str:
    name = thing.objectName() or "without a name"
    parent = thing.parent()
    owner = f", of {type(parent).__name__} {parent.objectName()!r}" if parent is not None else ""
    return f"{name!r}{owner}"

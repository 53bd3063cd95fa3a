"""The suite's own rule: a test that leaves a thread or a timer running fails, naming it."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONFTEST = Path(__file__).with_name("conftest.py")

CARELESS_TESTS = """
import threading
import time

from PySide6.QtCore import QObject, QThreadPool, QTimer

kept = []


def test_a_timer_left_running(qtbot):
    owner = QObject()
    owner.setObjectName("screen")
    timer = QTimer(owner)
    timer.setObjectName("forgotten")
    timer.start(10_000)
    kept.append(owner)


def test_a_thread_left_running():
    stop = threading.Event()
    threading.Thread(target=stop.wait, args=(30,), name="sleeper", daemon=True).start()


def test_a_thread_pool_left_working(qtbot):
    pool = QThreadPool()
    pool.setObjectName("loader")
    pool.start(lambda: time.sleep(5))
    kept.append(pool)


def test_a_timer_stopped_and_a_thread_joined(qtbot):
    timer = QTimer()
    timer.start(10_000)
    timer.stop()
    worker = threading.Thread(target=time.sleep, args=(0.01,))
    worker.start()
    worker.join()
"""


@pytest.mark.slow
def test_what_a_test_leaves_running_fails_it_by_name(tmp_path: Path) -> None:
    shutil.copy(CONFTEST, tmp_path / "conftest.py")
    (tmp_path / "test_careless.py").write_text(CARELESS_TESTS, encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rE", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report = completed.stdout
    assert completed.returncode == 1, report
    assert "the test left running: timer 'forgotten', of QObject 'screen' (10000 ms)" in report
    assert "the test left running: thread 'sleeper' (Thread)" in report
    assert "the test left running: thread pool 'loader' with work running" in report
    assert "4 passed, 3 errors" in report

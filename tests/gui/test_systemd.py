"""systemd's readiness and watchdog messages, received on a real datagram socket as systemd does."""

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app.systemd import SystemdNotifier, SystemdWatchdog
from kiosk.app.window import SessionOptions, create_ui
from kiosk.content.loader import load_exhibit
from tests.conftest import MINI_EXHIBIT

pytestmark = pytest.mark.gui


class NotifySocket:
    """A datagram socket bound where NOTIFY_SOCKET points, recording what arrives, and when."""

    def __init__(self, address: str) -> None:
        self.address = address
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.socket.bind("\0" + address[1:] if address.startswith("@") else address)
        self.socket.settimeout(0.1)
        self.received: list[tuple[float, str]] = []
        self._running = True
        self._thread = threading.Thread(target=self._receive, daemon=True)
        self._thread.start()

    def _receive(self) -> None:
        while self._running:
            try:
                data = self.socket.recv(4096)
            except TimeoutError:
                continue
            self.received.append((time.monotonic(), data.decode()))

    def messages(self) -> list[str]:
        return [message for _, message in self.received]

    def close(self) -> None:
        self._running = False
        self._thread.join()
        self.socket.close()


@pytest.fixture(params=["path", "abstract"])
def notify_socket(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[NotifySocket]:
    address = str(tmp_path / "notify") if request.param == "path" else f"@kiosk-test-{id(tmp_path)}"
    receiver = NotifySocket(address)
    yield receiver
    receiver.close()


def test_ready_at_the_first_frame_then_the_watchdog_fed_until_the_gui_thread_blocks(
    qtbot: QtBot, notify_socket: NotifySocket
) -> None:
    notifier = SystemdNotifier({"NOTIFY_SOCKET": notify_socket.address, "WATCHDOG_USEC": "200000"})
    exhibit = load_exhibit(MINI_EXHIBIT).exhibit
    assert exhibit is not None
    ui = create_ui(exhibit, SessionOptions())
    try:
        watchdog = SystemdWatchdog(ui.window, notifier)
        # Half the interval systemd gives.
        assert watchdog.timer.interval() == 100
        watchdog.start()
        assert notify_socket.messages() == []
        ui.window.resize(800, 600)
        ui.window.show()
        qtbot.waitUntil(lambda: notify_socket.messages().count("WATCHDOG=1") >= 2)
        messages = notify_socket.messages()
        assert messages.count("READY=1") == 1
        # READY came with the first frame, whatever the timer had sent before it.
        qtbot.waitUntil(
            lambda: "WATCHDOG=1" in notify_socket.messages()[notify_socket.messages().index("READY=1") :]
        )

        blocked_from = time.monotonic()
        time.sleep(1.0)  # the fault: a GUI thread that does not return to its event loop
        blocked_until = time.monotonic()
        # Messages sent just before the block may arrive on its first moments.
        fed_while_blocked = [
            at
            for at, message in notify_socket.received
            if message == "WATCHDOG=1" and blocked_from + 0.2 < at < blocked_until
        ]
        assert fed_while_blocked == []
        count = notify_socket.messages().count("WATCHDOG=1")
        qtbot.waitUntil(lambda: notify_socket.messages().count("WATCHDOG=1") > count)

        watchdog.stop()
        qtbot.waitUntil(lambda: notify_socket.messages()[-1:] == ["STOPPING=1"])
    finally:
        notifier.close()
        ui.dispose()


def test_without_notify_socket_nothing_is_sent_and_no_timer_runs(qtbot: QtBot) -> None:
    notifier = SystemdNotifier({"WATCHDOG_USEC": "200000"})
    assert not notifier.enabled
    assert not notifier.notify("READY=1")
    exhibit = load_exhibit(MINI_EXHIBIT).exhibit
    assert exhibit is not None
    ui = create_ui(exhibit, SessionOptions())
    try:
        watchdog = SystemdWatchdog(ui.window, notifier)
        watchdog.start()
        assert not watchdog.timer.isActive()
    finally:
        ui.dispose()


def test_a_watchdog_set_for_another_process_is_not_fed(tmp_path: Path) -> None:
    environ = {"NOTIFY_SOCKET": str(tmp_path / "notify"), "WATCHDOG_USEC": "200000", "WATCHDOG_PID": "1"}
    notifier = SystemdNotifier(environ)
    assert notifier.watchdog_usec is None
    notifier.close()


def test_a_socket_that_has_gone_is_said_once_and_never_raises(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    notifier = SystemdNotifier({"NOTIFY_SOCKET": str(tmp_path / "no-such-socket")})
    assert not notifier.notify("WATCHDOG=1")
    assert not notifier.notify("WATCHDOG=1")
    assert [record.getMessage() for record in caplog.records].count(
        "cannot tell systemd WATCHDOG=1: [Errno 2] No such file or directory"
    ) == 1
    notifier.close()

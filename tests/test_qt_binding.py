"""Guards against Qt binding defects that only show after hours of running."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal()


def test_emitting_a_signal_does_not_leak_references_to_true() -> None:
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(1000):
        emitter.changed.emit()
    # Each leaked reference brings the interpreter closer to "bool_dealloc" and an abort.
    assert sys.getrefcount(True) >= before - 10

"""Giving memory back between visits, so that months of visits do not add up."""

import ctypes
import ctypes.util
import sys
from collections.abc import Callable


def _load_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return None


_malloc_trim = _load_trim()


def release_freed_memory() -> None:
    """Returns the C heap's free pages to the system (glibc only; elsewhere nothing to do).

    Qt Quick frees a visit's screens into the C heap, which otherwise keeps the pages: the
    process's resident size then grows by steps over thousands of visits though nothing leaks.
    """
    if _malloc_trim is not None:
        _malloc_trim(0)

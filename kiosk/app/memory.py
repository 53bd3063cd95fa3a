"""Giving memory back between visits, so that months of visits do not add up."""

import functools
import sys
from collections.abc import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    # Looked up at the first visit's end, not at start-up: ctypes' find_library runs ldconfig in
    # a child process. The C library is already in the process, so the process's own symbols
    # (dlopen of nothing) have malloc_trim wherever it exists.
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return None


def release_freed_memory() -> None:
    """Returns the C heap's free pages to the system (glibc only; elsewhere nothing to do).

    Qt Quick frees a visit's screens into the C heap, which otherwise keeps the pages: the
    process's resident size then grows by steps over thousands of visits though nothing leaks.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)

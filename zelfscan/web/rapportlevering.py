"""Making a PDF report for a download: one at a time in this process, memory handed back after."""

from __future__ import annotations

import threading
from collections.abc import Callable

# One report at a time in this process: reportlab's build is serialised anyway, and reports made
# in parallel on waitress's threads leave every thread's malloc arena at its own high-water mark.
_RAPPORT_SLOT = threading.Lock()


def _geef_geheugen_terug() -> None:
    # glibc keeps freed memory in per-thread arenas; hand it back after a report.
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc (macOS, Windows, musl): nothing to do


def maak(bouw: Callable[[], bytes]) -> bytes:
    """Build one report (``bouw`` returns its bytes), waiting for any report being made."""
    with _RAPPORT_SLOT:
        try:
            return bouw()
        finally:
            _geef_geheugen_terug()

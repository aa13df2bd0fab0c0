"""Making a PDF report for a download: a bounded number at a time, each made once per content.

Issue 18: under one process-wide lock, eight downloads of a slow report held all of waitress's
threads, and even the login page waited minutes. Now:

- at most ``MAX_TEGELIJK`` reports are made at once; a request that cannot get a slot within
  ``WACHTTIJD`` seconds gets ``RapportBezet`` (the view answers 503 with ``Retry-After``), so
  the other threads stay free for everyone else;
- a report is remembered by what it shows: the key is the meting, the gemeente and a hash of
  the gathered data (the dataclasses of ``rapport.verzamel_*``: every answer, note, ambitie and
  comparison the PDF prints), so a repeated download costs the gathering (~10 ms) and nothing
  more, and any change to what it shows makes a new one. The cache is bounded by bytes (LRU);
- a report has a time limit (``TIJDSLIMIET`` seconds, app config ``RAPPORT_TIJDSLIMIET``): a
  build that takes longer stops with ``RapportTeTraag`` between two flowables
  (``rapport.document.tijdslimiet``), its slot is freed, and the view answers 503.

:func:`download` is what a view returns: the file, or that 503 with "probeer het zo opnieuw".
Every download that builds a file goes through it: the PDFs of a gemeente, a subregio and a
regio, and a meting's workbook (issue 16).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from flask import Response, current_app, render_template

from ..errors import RapportTeTraag

# Two reports at once: a second download need not wait for the first, and a flood of them
# keeps six of waitress's eight threads for pages. Each building thread keeps a malloc arena at
# its high-water mark (see _geef_geheugen_terug), so this also bounds the memory reports take.
MAX_TEGELIJK = 2
# How long a request waits for a slot before it gets "probeer het zo opnieuw". Short: a
# waiting request holds one of waitress's threads, and eight downloads waiting seconds each
# would again leave none for the login page.
WACHTTIJD = 0.25
# What the browser is told to wait before trying again (Retry-After, seconds).
OPNIEUW_NA = 5
# Remembered PDFs: ~100 kB each, so a few hundred of them.
CACHE_BYTES = 32 * 1024 * 1024
# Seconds a report may take to lay out. A report with every field at its maximum takes under two
# seconds (bench/grenzen.py); thirty means something is wrong, and the thread is needed.
TIJDSLIMIET = 30.0

_SLOTS = threading.BoundedSemaphore(MAX_TEGELIJK)
_cache: OrderedDict[tuple, bytes] = OrderedDict()
_cache_bytes = 0
_cache_slot = threading.Lock()


class RapportBezet(Exception):
    """Every slot is taken: answer 503 and let the person try again shortly."""


def _geef_geheugen_terug() -> None:
    # glibc keeps freed memory in per-thread arenas; hand it back after a report.
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc (macOS, Windows, musl): nothing to do


def inhoud_hash(gegevens: object) -> str:
    """A hash of what a report shows: the repr of its gathered dataclasses (deterministic: same
    data, same text — the report's own promise of identical bytes rests on the same)."""
    return hashlib.sha256(repr(gegevens).encode("utf-8", "surrogatepass")).hexdigest()


def _uit_cache(sleutel: tuple) -> bytes | None:
    with _cache_slot:
        inhoud = _cache.get(sleutel)
        if inhoud is not None:
            _cache.move_to_end(sleutel)
        return inhoud


def _in_cache(sleutel: tuple, inhoud: bytes) -> None:
    global _cache_bytes
    if len(inhoud) > CACHE_BYTES // 4:
        return  # one huge report must not push out all others
    with _cache_slot:
        if sleutel in _cache:
            return
        _cache[sleutel] = inhoud
        _cache_bytes += len(inhoud)
        while _cache_bytes > CACHE_BYTES and _cache:
            _, weg = _cache.popitem(last=False)
            _cache_bytes -= len(weg)


def leeg_cache() -> None:
    """Forget every remembered report (tests; a new catalogue)."""
    global _cache_bytes
    with _cache_slot:
        _cache.clear()
        _cache_bytes = 0


def maak(
    sleutel: Hashable,
    gegevens: object,
    bouw: Callable[[object], bytes],
    limiet: float | None = TIJDSLIMIET,
) -> tuple[bytes, bool]:
    """The PDF of ``gegevens`` (``bouw(gegevens)`` makes it): from the cache when the same
    content was made before, else built in a free slot. Returns (bytes, from the cache).
    Raises :class:`RapportBezet` when no slot frees up within ``WACHTTIJD``, and
    ``RapportTeTraag`` when the build takes longer than ``limiet`` seconds."""
    volledig = (sleutel, inhoud_hash(gegevens))
    inhoud = _uit_cache(volledig)
    if inhoud is not None:
        return inhoud, True
    if not _SLOTS.acquire(timeout=WACHTTIJD):
        raise RapportBezet()
    try:
        # Someone may have made the same report while this request waited for its slot.
        inhoud = _uit_cache(volledig)
        if inhoud is not None:
            return inhoud, True
        # Here, not at the top: reportlab (and PIL with it) loads with the first report, so
        # serving starts without it (tests/web/test_app_start.py).
        from ..rapport.document import tijdslimiet

        with tijdslimiet(limiet):
            inhoud = bouw(gegevens)
    finally:
        _SLOTS.release()
        _geef_geheugen_terug()
    _in_cache(volledig, inhoud)
    return inhoud, False


def download(
    sleutel: Hashable,
    gegevens: object,
    bouw: Callable[[object], bytes],
    bestandsnaam: str,
    mimetype: str = "application/pdf",
) -> Response:
    """The file ``bouw(gegevens)`` makes (see :func:`maak`) as a download named
    ``bestandsnaam``; 503 with Retry-After while the slots are all taken or when the build ran
    past its time limit."""
    limiet = current_app.config.get("RAPPORT_TIJDSLIMIET", TIJDSLIMIET)
    try:
        inhoud, _ = maak(sleutel, gegevens, bouw, limiet)
    except (RapportBezet, RapportTeTraag) as fout:
        if isinstance(fout, RapportTeTraag):
            current_app.logger.warning("Rapport afgebroken (%s): %s", sleutel, fout)
            uitleg = str(fout)
        else:
            uitleg = (
                "Het rapport wordt gemaakt, probeer het zo opnieuw. Er worden nu andere "
                "rapporten gemaakt; over een paar seconden is er weer plaats."
            )
        pagina = render_template(
            "fouten/fout.html", titel="Het rapport wordt gemaakt", uitleg=uitleg
        )
        return Response(
            pagina,
            status=503,
            headers={"Retry-After": str(OPNIEUW_NA), "Cache-Control": "no-store"},
        )
    return Response(
        inhoud,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{bestandsnaam}"',
            # A report holds a gemeente's answers and notes: no copy in any cache on the way.
            "Cache-Control": "no-store",
        },
    )

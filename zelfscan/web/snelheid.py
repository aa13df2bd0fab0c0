"""Rate limits for the pages anyone may open (the participant pages of issue 19).

A sliding window per key (a participant's pseudonym, or the address that types codes), kept in
this process's memory: one zelfscan server is one process (waitress, threads), and a limit that
forgets on restart is fine for what it guards against, a phone or script hammering the server
or guessing codes. Limits come from the config so a test can set them small.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque

from flask import current_app

# (number of requests, seconds): generous for a person, tight for a script.
STANDAARD = {
    # Everything one participant does: polling every 2 s is 30 a minute, plus votes.
    "DEELNAME_PER_DEELNEMER": (120, 60),
    # Codes that did not work, per address. A room of 16 behind one venue Wi-Fi mistypes: a
    # few wrong tries each, two rooms at once, is some 30 to 40 in ten minutes (a closed code, a
    # code in lower case or with a space, and any phone that already joined never count). A
    # guesser gets 60 per 10 minutes = 8,640 a day per address against 20^6 = 64 million codes:
    # with ten sessions open at once, one lucky hit in about 740 days (a code lives one day),
    # and a hit opens only a vote on a self-assessment, never an answer or a facilitator page.
    "DEELNAME_FOUTE_CODES": (60, 600),
    # New participants per address: a room of 16, each joining once or twice.
    "DEELNAME_AANMELDINGEN": (60, 600),
}


def _ingesteld() -> dict:
    return {soort: current_app.config[soort] for soort in STANDAARD if soort in current_app.config}


class Begrenzer:
    def __init__(self) -> None:
        self._slot = threading.Lock()
        self._tijden: dict[tuple[str, str], deque[float]] = {}

    def _venster(self, soort: str, sleutel: str, nu: float) -> deque[float]:
        _aantal, seconden = current_app.config.get(soort, STANDAARD[soort])
        tijden = self._tijden.setdefault((soort, sleutel), deque())
        while tijden and tijden[0] <= nu - seconden:
            tijden.popleft()
        if len(self._tijden) > 50_000:  # many keys (many addresses): forget the idle ones
            langste = max(s for _a, s in (STANDAARD | _ingesteld()).values())
            for k in [k for k, v in self._tijden.items() if not v or v[-1] <= nu - langste]:
                del self._tijden[k]
        return tijden

    def te_veel(self, soort: str, sleutel: str) -> bool:
        """Whether ``sleutel`` is over its limit; does not count this request."""
        aantal = current_app.config.get(soort, STANDAARD[soort])[0]
        with self._slot:
            return len(self._venster(soort, sleutel, time.monotonic())) >= aantal

    def wacht(self, soort: str, sleutel: str) -> int:
        """Seconds until ``sleutel`` may again (0: now): until its oldest request in the window
        drops out, for a page that says the real wait."""
        aantal, seconden = current_app.config.get(soort, STANDAARD[soort])
        with self._slot:
            nu = time.monotonic()
            tijden = self._venster(soort, sleutel, nu)
            if len(tijden) < aantal:
                return 0
            return max(1, math.ceil(tijden[len(tijden) - aantal] + seconden - nu))

    def tel(self, soort: str, sleutel: str) -> bool:
        """Count one request; True when it is over the limit (then it is refused)."""
        aantal = current_app.config.get(soort, STANDAARD[soort])[0]
        with self._slot:
            tijden = self._venster(soort, sleutel, time.monotonic())
            if len(tijden) >= aantal:
                return True
            tijden.append(time.monotonic())
            return False


def begrenzer() -> Begrenzer:
    return current_app.extensions.setdefault("zelfscan.begrenzer", Begrenzer())

"""Targets that travel with the machine: the code that set them, measured in the same run.

The absolute targets of parts 1, 2 and 4 (issue 9) were met on 2026-11-23 by the code of
``ae86cf0`` on the workplace's machine of that day. A machine three times slower fails them
for old and new code alike, and a faster one would pass code that got slower: an absolute
figure says more about the machine than about the code. So ``bench/run.py --referentie``
also runs that code (its own ``bench/``, from ``git archive`` into a temporary folder) on the
same machine in the same run, part by part just before ours, and scales each target by how
much slower or faster that code is here than it was then::

    target here = target × (reference here / reference then)

— the code passes when it keeps at least the headroom the reference had. Without git (or the
commit) the absolute targets stand, as they do without ``--referentie``.

Part 3 compares itself (a Django peer in the same run, ``peer_django.py``); parts 5 and 6
came later than the reference and keep their absolute targets.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import replace
from pathlib import Path

from common import Rij

COMMIT = "ae86cf0"
DATUM = "2026-11-23"
DELEN = ("sessie", "rapporten", "schaal")

# What ae86cf0 measured on 2026-11-23 (docs/performance.md, "Latest figures"), in the row's unit.
TOEN: dict[str, float] = {
    "session p95, 1 client: saves + pages": 7.2,
    "session p95, 1 client: autosave": 5.3,
    "session p95, 1 client: thema page": 12.1,
    "session p95, 20 clients: saves + pages": 108.0,
    "session p95, 20 clients: autosave": 108.0,
    "session p95, 20 clients: thema page": 98.0,
    "report warm, 1 gemeente (0-meting, radar)": 123.0,
    "report warm, 1 gemeente (vervolgmeting, 2 radars)": 146.0,
    "all 8 Kennemerland reports, 1 process": 1.01,
    "342 national reports, 2 processes": 26.01,
    "overview GET /metingen/ (860 metingen)": 35.6,
    "overview, all 860 GET /metingen/?weergave=alle": 68.9,
    "meting page GET /metingen/<id>": 6.5,
    "results GET /metingen/<id>/resultaten (chain of 9)": 68.1,
    "gemeente results GET …/resultaten/<cbs>": 56.8,
    "scoring resultaten.bereken, 1 meting (4 gemeenten)": 3.5,
}

REPO = Path(__file__).resolve().parents[1]


def _sleutel(naam: str) -> str:
    # "--snel" names the national row "(projected from 24)": the same figure.
    return naam.split(" (projected")[0] if naam.startswith("342 national") else naam


class Referentie:
    """The reference code unpacked once per run; ``meet(deel)`` runs one part of its bench."""

    def __init__(self, snel: bool):
        self.snel = snel
        self._map = tempfile.TemporaryDirectory(prefix="zs-referentie-")
        self.pad = Path(self._map.name)
        archief = self.pad / "code.tar"
        with archief.open("wb") as uit:
            subprocess.run(
                ["git", "-C", str(REPO), "archive", COMMIT], stdout=uit, check=True, timeout=60
            )
        with tarfile.open(archief) as tar:
            tar.extractall(self.pad / "code", filter="data")
        archief.unlink()

    def meet(self, deel: str) -> dict[str, float]:
        """The reference's figures of one part, measured now: row name → value."""
        uit = self.pad / f"{deel}.json"
        code = self.pad / "code"
        omgeving = dict(os.environ, PYTHONPATH=str(code))
        gedaan = subprocess.run(
            [sys.executable, str(code / "bench" / "run.py"), "--alleen", deel, "--json", str(uit)]
            + (["--snel"] if self.snel else []),
            cwd=code / "bench",
            env=omgeving,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            timeout=1800,
        )
        if gedaan.returncode:  # its own messages, then that part keeps absolute targets
            print(gedaan.stderr, file=sys.stderr)
            gedaan.check_returncode()
        rijen = json.loads(uit.read_text(encoding="utf-8"))["rijen"]
        return {_sleutel(r["naam"]): r["waarde"] for r in rijen if r["waarde"] is not None}

    def sluit(self) -> None:
        self._map.cleanup()


def geschaald(rij: Rij, nu: dict[str, float]) -> Rij:
    """The row judged against its target scaled by the reference measured now, if there is one."""
    sleutel = _sleutel(rij.naam)
    if sleutel not in TOEN or sleutel not in nu or rij.waarde is None or rij.ok is None:
        return rij
    grens = float(rij.doel.split()[1])  # "≤ 150 ms"
    factor = nu[sleutel] / TOEN[sleutel]
    nieuwe_grens = grens * factor
    uitleg = (
        f"target {grens:g} {rij.eenheid} × {factor:.2f}: {COMMIT} measured "
        f"{TOEN[sleutel]:g} {rij.eenheid} on {DATUM}, {nu[sleutel]:.3g} {rij.eenheid} in this run"
    )
    return replace(
        rij,
        doel=f"≤ {nieuwe_grens:.3g} {rij.eenheid}",
        ok=rij.waarde <= nieuwe_grens,
        toelichting="; ".join(t for t in (rij.toelichting, uitleg) if t),
    )

"""2. Reports: PDF per gemeente (``zelfscan.rapport.gemeente_rapport``), radar included.

- warm: one gemeente's report (Beverwijk, 0-meting IJmond 2021 of the demo data) made once, then
  timed N more times in the same process; the median counts, p95 is shown.
- Kennemerland: all 8 gemeente reports of the three demo 0-metingen, one after the other, in
  one warm process (sum of wall time).
- national: 342 reports (86 synthetic subregio's, one 0-meting each, every answer given),
  made by a pool of 2 worker processes (fork), each with its own database connection; wall
  time from creating the pool to the last PDF, so worker start-up and each worker's first,
  cold report are included. With ``--snel`` only 24 reports are made and the time for 342 is
  projected from them (marked "projected").

Run alone: ``python bench/rapporten.py [--snel]``.
"""

from __future__ import annotations

import multiprocessing
import time

from common import Rij, argumenten, doel_rij, mediaan, ms, percentiel, toon

DOEL_WARM_MS = 150.0
DOEL_NATIONAAL_S = 60.0
PROCESSEN = 2

_db = None


def _open(pad: str) -> None:
    global _db
    from zelfscan.opslag.verbinding import open_db

    _db = open_db(pad)


def _maak(taak: tuple[int, str]) -> int:
    from zelfscan import rapport

    meting_id, cbs = taak
    pdf = rapport.gemeente_rapport(_db, meting_id, cbs)
    if not pdf.startswith(b"%PDF"):
        raise RuntimeError(f"geen PDF voor {taak}")
    return len(pdf)


def warm(db, meting_id: int, cbs: str, keer: int) -> list[float]:
    from zelfscan import rapport

    rapport.gemeente_rapport(db, meting_id, cbs)  # cold: imports, fonts, first chart
    tijden = []
    for _ in range(keer):
        begin = time.perf_counter()
        rapport.gemeente_rapport(db, meting_id, cbs)
        tijden.append(time.perf_counter() - begin)
    return tijden


def nationaal(pad, aantal: int | None = None) -> tuple[float, int, int]:
    """(seconds, reports made, total bytes) with a pool of 2 processes."""
    from zelfscan import opslag
    from zelfscan.opslag.verbinding import open_db

    db = open_db(pad)
    try:
        taken = [(m.id, g.cbs) for m in opslag.metingen(db) for g in m.gemeenten]
    finally:
        db.conn.close()
    if aantal is not None:
        taken = taken[:aantal]
    ctx = multiprocessing.get_context("fork")
    begin = time.perf_counter()
    with ctx.Pool(PROCESSEN, initializer=_open, initargs=(str(pad),)) as pool:
        groottes = pool.map(_maak, taken, chunksize=1)
    return time.perf_counter() - begin, len(taken), sum(groottes)


def meet(snel: bool = False) -> list[Rij]:
    import data

    from zelfscan import opslag
    from zelfscan.opslag.verbinding import open_db

    rijen: list[Rij] = []
    db = open_db(data.kennemerland_db())
    try:
        metingen = opslag.metingen(db)
        nul = [m for m in metingen if m.soort == "0-meting"]
        ijmond = next(m for m in nul if m.subregio_id == "ijmond")
        keer = 3 if snel else 10
        tijden = warm(db, ijmond.id, "GM0375", keer)
        rijen.append(
            doel_rij(
                "2",
                "report warm, 1 gemeente (0-meting, radar)",
                ms(mediaan(tijden)),
                "ms",
                DOEL_WARM_MS,
                detail=f"median of {keer}; p95 {ms(percentiel(tijden, 95)):.0f}",
            )
        )
        vervolg = next((m for m in metingen if m.soort == "vervolgmeting"), None)
        if vervolg:
            tijden = warm(db, vervolg.id, "GM0375", max(2, keer // 2))
            rijen.append(
                doel_rij(
                    "2",
                    "report warm, 1 gemeente (vervolgmeting, 2 radars)",
                    ms(mediaan(tijden)),
                    "ms",
                    DOEL_WARM_MS,
                    detail=f"median of {len(tijden)}",
                )
            )
        from zelfscan import rapport

        taken = [(m.id, g.cbs) for m in nul for g in m.gemeenten]
        begin = time.perf_counter()
        for meting_id, cbs in taken:
            rapport.gemeente_rapport(db, meting_id, cbs)
        duur = time.perf_counter() - begin
        rijen.append(
            doel_rij(
                "2",
                f"all {len(taken)} Kennemerland reports, 1 process",
                duur,
                "s",
                DOEL_WARM_MS * len(taken) / 1000,
                detail=f"{ms(duur / len(taken)):.0f} ms each",
                toelichting="target derived: 150 ms × number of reports",
            )
        )
    finally:
        db.conn.close()

    pad = data.nationaal_db(1)
    aantal = 24 if snel else None
    duur, gemaakt, groot = nationaal(pad, aantal)
    geschat = duur / gemaakt * 342
    rijen.append(
        doel_rij(
            "2",
            f"342 national reports, {PROCESSEN} processes"
            + (f" (projected from {gemaakt})" if gemaakt < 342 else ""),
            geschat,
            "s",
            DOEL_NATIONAAL_S,
            detail=f"{ms(duur / gemaakt * PROCESSEN):.0f} ms per report per process, "
            f"{groot / gemaakt / 1024:.0f} kB each",
        )
    )
    return rijen


def main():
    args = argumenten(__doc__.splitlines()[0])
    toon(meet(args.snel), args)


if __name__ == "__main__":
    main()

"""5. Bounded work (issue 18): the worst report a link holder can cause, and the server beside it.

- report with every field at its maximum: IJmond 2021 with every toelichting and note at
  10,000 characters of 5,000 short lines, and 26 ambities of 500 characters (250 lines) for
  Beverwijk; ``rapport.gemeente_rapport`` in a warm process (fonts loaded by one ordinary
  report first); the median of 3 (1 with ``--snel``).
- login while 8 reports are made: ``zelfscan serve`` (waitress, 8 threads) on that database;
  8 clients download maximal reports at once (three gemeenten, so real work and cache hits),
  while one more client asks ``GET /inloggen`` every 100 ms; the slowest of those logins counts.
  The downloads answer 200 or 503 ("probeer het zo opnieuw"): their counts are in the detail.

Run alone: ``python bench/grenzen.py [--snel]``.
"""

from __future__ import annotations

import http.client
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

from common import GEBRUIKER, WACHTWOORD, Rij, Server, argumenten, doel_rij, mediaan, toon

DOEL_RAPPORT_S = 2.0
DOEL_LOGIN_S = 1.0
GEMEENTEN = ("GM0375", "GM0396", "GM0453")


def maximale_database(map_: Path) -> tuple[Path, int, list[str]]:
    """A database whose IJmond meting has every text at its maximum; returns its path, the
    meting's id and one link token per gemeente."""
    from zelfscan import opslag
    from zelfscan.inlezen.loader import laad_catalogus
    from zelfscan.opslag import gebruikers, gemeentelinks, regels
    from zelfscan.opslag.verbinding import open_db

    pad = map_ / "maximaal.db"
    db = open_db(pad)
    catalogus = laad_catalogus()
    gebruikers.voeg_toe(db, GEBRUIKER, WACHTWOORD)
    m = opslag.maak_meting(
        db,
        vragenlijst=catalogus.vragenlijst("werken-aan-veiligheid"),
        regio=catalogus.regio("kennemerland"),
        subregio_id="ijmond",
        jaar=2021,
        soort="0-meting",
        datum=date(2021, 10, 12),
        wie="bench",
    )
    tekst = ("ja\n" * regels.MAX_TEKST)[: regels.MAX_TEKST]
    ambitie = ("ja\n" * regels.MAX_AMBITIE)[: regels.MAX_AMBITIE]
    for vraag in m.vragenlijst.vragen:
        opslag.sla_antwoord_voor_alle(db, m.id, vraag.id, 1, toelichting=tekst, wie="bench")
    for thema in m.vragenlijst.themas:
        opslag.sla_notitie(db, m.id, thema.id, tekst, wie="bench")
    opslag.rond_af(db, m.id, wie="bench")
    tokens = []
    for cbs in GEMEENTEN:
        for thema in m.vragenlijst.themas:
            opslag.sla_ambitie(db, m.id, cbs, thema.id, 3, ambitie, wie="bench")
        tokens.append(gemeentelinks.maak_link(db, m.id, cbs, wie="bench")[0])
    db.conn.close()
    return pad, m.id, tokens


def _get(poort: int, pad: str) -> tuple[int, float]:
    begin = time.perf_counter()
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=120)
    try:
        verbinding.request("GET", pad)
        antwoord = verbinding.getresponse()
        antwoord.read()
        return antwoord.status, time.perf_counter() - begin
    finally:
        verbinding.close()


def meet(snel: bool = False) -> list[Rij]:
    from zelfscan import rapport
    from zelfscan.opslag.verbinding import open_db

    rijen = []
    with tempfile.TemporaryDirectory() as map_:
        pad, meting_id, tokens = maximale_database(Path(map_))
        db = open_db(pad)
        rapport.gemeente_rapport(db, meting_id, "GM0396")  # warm: imports and fonts
        tijden = []
        for _ in range(1 if snel else 3):
            begin = time.perf_counter()
            pdf = rapport.gemeente_rapport(db, meting_id, "GM0375")
            tijden.append(time.perf_counter() - begin)
        db.conn.close()
        rijen.append(
            doel_rij(
                "5",
                "report with every field at its maximum",
                mediaan(tijden),
                "s",
                DOEL_RAPPORT_S,
                detail=f"median of {len(tijden)}, max {max(tijden):.2f}; {len(pdf) // 1024} kB",
                toelichting="119 toelichtingen and 26 notes of 10,000 characters (5,000 lines), "
                "26 ambities of 500; before issue 18 over 600 s (stopped)",
            )
        )

        with Server(pad, threads=8) as server:
            server.start()
            statussen: list[int] = []
            downloads = [
                threading.Thread(
                    target=lambda t=tokens[i % 3]: statussen.append(
                        _get(server.poort, f"/g/{t}/rapport.pdf")[0]
                    )
                )
                for i in range(8)
            ]
            for d in downloads:
                d.start()
            logins = []
            while any(d.is_alive() for d in downloads) or len(logins) < 5:
                logins.append(_get(server.poort, "/inloggen")[1])
                time.sleep(0.1)
            for d in downloads:
                d.join()
        rijen.append(
            doel_rij(
                "5",
                "login while 8 reports are made",
                max(logins),
                "s",
                DOEL_LOGIN_S,
                detail=f"slowest of {len(logins)}, median {mediaan(logins) * 1000:.0f} ms; "
                f"downloads {statussen.count(200)}× 200, {statussen.count(503)}× 503",
                toelichting="8 parallel downloads of maximal reports, waitress with 8 threads; "
                "before issue 18 every thread waited on one lock (login timed out)",
            )
        )
    return rijen


def main():
    args = argumenten("Bounded work: the worst report and the login beside it (issue 18).")
    toon(meet(args.snel), args)


if __name__ == "__main__":
    main()

"""1. Session latency: the real app under waitress (``zelfscan serve``, 8 threads, its default),
with scripted facilitators.

Each client is a thread with its own persistent HTTP/1.1 connection and cookies, logged in
over HTTP under an account of its own (``common.maak_accounts`` says why), working on its own
meting of Zuid-Kennemerland (4 gemeenten). Per thema it saves one answer per vraag × gemeente
through the JSON autosave endpoint (as ``static/sessie.js`` does), then loads the next thema
page. Every request's latency is recorded on the client, from sending the request to having
read the whole response. The login, the first thema page and the first thema's saves are
warm-up and not counted. All clients start the measured part together (a barrier).

Run alone: ``python bench/sessie.py [--snel] [--clients 1,20]``.
"""

from __future__ import annotations

import contextlib
import random
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from common import (
    Klant,
    Server,
    argumenten,
    doel_rij,
    maak_accounts,
    ms,
    nieuwe_metingen,
    percentiel,
    toon,
)

DOEL_P95 = {1: 30.0, 20: 150.0}


@dataclass
class Metingen:
    """Latencies (seconds) per kind, and what went wrong."""

    opslaan: list[float] = field(default_factory=list)
    pagina: list[float] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)
    gestopt: int = 0  # clients that stopped on an error (a login refused, say)
    duur: float = 0.0

    @property
    def alle(self) -> list[float]:
        return self.opslaan + self.pagina


def maak_metingen(db_pad: Path, aantal: int) -> list:
    """``aantal`` fresh concept metingen of Zuid-Kennemerland (4 gemeenten), one per client."""
    return nieuwe_metingen(db_pad, [f"Bench sessie {i + 1}" for i in range(aantal)])


def belasting(
    poort: int,
    metingen: list,
    themas: int,
    *,
    namen: list[str],
    seed: int = 9,
    inlog_slot: threading.Lock | None = None,
) -> Metingen:
    """One client (thread) per meting, logged in as the account of ``namen`` at the same place
    (``common.maak_accounts``); each does ``themas`` measured thema's after a warm-up thema.
    Returns every measured latency.

    ``inlog_slot``: a lock to log the clients in one at a time (as people arrive), instead of
    all at once; a login hashes the password with scrypt, which takes 32 MB while it runs. (With
    an account per client the login limits need no such lock.)"""
    if len(namen) != len(metingen):
        raise ValueError(f"{len(metingen)} metingen, {len(namen)} accounts: one each")
    uit = Metingen()
    slot = threading.Lock()
    start = threading.Barrier(len(metingen) + 1)

    def klant(nr: int, meting, naam: str) -> None:
        rng = random.Random(seed * 1000 + nr)
        k = Klant(poort)
        eigen = Metingen()
        lijst = meting.vragenlijst
        niveaus = [str(n.waarde) for n in lijst.schaal.niveaus]
        try:
            if inlog_slot is not None:
                with inlog_slot:
                    k.log_in(naam)
            else:
                k.log_in(naam)
            status, html, _ = k.get(f"/metingen/{meting.id}/thema/{lijst.themas[0].id}")
            if status != 200 or not k.token_van(html):
                raise RuntimeError(f"thema-pagina gaf HTTP {status}")
            aantal = min(themas + 1, len(lijst.themas))

            def thema(i: int, tel: bool) -> None:
                t = lijst.themas[i]
                for vraag in t.vragen:
                    for gm in meting.gemeenten:
                        status, inhoud, duur = k.autosave(
                            meting.id,
                            {
                                "soort": "cel",
                                "cbs": gm.cbs,
                                "vraag": vraag.id,
                                "veld": "waarde",
                                "waarde": rng.choice(niveaus),
                                "origineel": "",
                            },
                        )
                        if status != 200:
                            eigen.fouten.append(f"autosave HTTP {status}: {inhoud[:120]!r}")
                        elif tel:
                            eigen.opslaan.append(duur)
                if i + 1 < len(lijst.themas):
                    status, _html, duur = k.get(
                        f"/metingen/{meting.id}/thema/{lijst.themas[i + 1].id}"
                    )
                    if status != 200:
                        eigen.fouten.append(f"thema GET HTTP {status}")
                    elif tel:
                        eigen.pagina.append(duur)

            thema(0, tel=False)  # warm-up
            start.wait(120)
            for i in range(1, aantal):
                thema(i, tel=True)
        except Exception as fout:
            eigen.fouten.append(f"{type(fout).__name__}: {fout}")
            eigen.gestopt += 1
            with contextlib.suppress(threading.BrokenBarrierError):
                start.abort()
        finally:
            k.sluit()
        with slot:
            uit.opslaan += eigen.opslaan
            uit.pagina += eigen.pagina
            uit.fouten += eigen.fouten
            uit.gestopt += eigen.gestopt

    draden = [
        threading.Thread(target=klant, args=(nr, m, naam), daemon=True)
        for nr, (m, naam) in enumerate(zip(metingen, namen, strict=True))
    ]
    for d in draden:
        d.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        start.wait(180)
    begin = time.perf_counter()
    for d in draden:
        d.join(600)
    uit.duur = time.perf_counter() - begin
    return uit


def rijen_voor(clients: int, m: Metingen) -> list:
    """The three rows of one concurrency level. Any error fails them; a client that stopped (a
    login refused, say) leaves no figure at all, since fewer clients than the row names would
    have been measured."""
    grens = DOEL_P95.get(clients)
    rijen = []
    for naam, waarden in (
        ("saves + pages", m.alle),
        ("autosave", m.opslaan),
        ("thema page", m.pagina),
    ):
        detail = (
            f"p50 {ms(percentiel(waarden, 50)):.1f} · p99 {ms(percentiel(waarden, 99)):.1f} "
            f"· n {len(waarden)}"
        )
        rij = doel_rij(
            "1",
            f"session p95, {clients} client{'s' if clients > 1 else ''}: {naam}",
            ms(percentiel(waarden, 95)) if waarden and not m.gestopt else None,
            "ms",
            grens,
            detail=detail,
        )
        if m.fouten:
            rij.ok = False
        rijen.append(rij)
    tempo = len(m.alle) / m.duur if m.duur else 0
    toelichting = f"{tempo:.0f} requests/s over {m.duur:.1f} s"
    if m.fouten:
        if m.gestopt:
            toelichting += f"; {m.gestopt} of {clients} clients STOPPED, no figure"
        # The cause first: one client's error stops the others at the barrier.
        oorzaak = next((f for f in m.fouten if "BrokenBarrierError" not in f), m.fouten[0])
        toelichting += f"; {len(m.fouten)} FOUTEN, eerste: {oorzaak}"
    rijen[0].toelichting = toelichting
    return rijen


def meet(snel: bool = False, clients: tuple[int, ...] = (1, 20), threads: int = 8) -> list:
    """The rows of figure 1 (a fresh server and database per concurrency level)."""
    import data

    rijen = []
    for aantal in clients:
        with tempfile.TemporaryDirectory(prefix="zs-sessie-") as tmp:
            db_pad = data.kopie(data.kennemerland_db(), Path(tmp) / "zelfscan.db")
            metingen = maak_metingen(db_pad, aantal)
            namen = maak_accounts(db_pad, aantal, "bench-sessie-")
            # 1 client: the whole questionnaire (25 measured thema's); 20: five thema's each.
            themas = (3 if snel else 25) if aantal == 1 else (1 if snel else 5)
            with Server(db_pad, threads=threads) as server:
                server.start()
                m = belasting(server.poort, metingen, themas, namen=namen)
                hwm = server.status().get("VmHWM", 0) / 1024
            rijen += rijen_voor(aantal, m)
            rijen[-3].toelichting += f"; server peak RSS {hwm:.0f} MB (all clients log in at once)"
    return rijen


def main():
    args = argumenten(
        __doc__.splitlines()[0],
        lambda p: (
            p.add_argument("--clients", default="1,20", help="comma-separated, default 1,20"),
            p.add_argument("--threads", type=int, default=8, help="waitress threads (default 8)"),
        ),
    )
    clients = tuple(int(c) for c in args.clients.split(","))
    toon(meet(args.snel, clients, args.threads), args)


if __name__ == "__main__":
    main()

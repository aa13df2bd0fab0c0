"""6. Everyone in the room votes (issue 19): 30 phones, the facilitator and the projector at once,
against the real app under waitress (``zelfscan serve``, 8 threads).

Each phone is a thread with its own persistent HTTP/1.1 connection and cookies: it joins by
code (a gemeente of Zuid-Kennemerland, every tenth one regiobreed), asks every 2 seconds whether
the page changed (``/d/<code>/stand``, as ``static/deelname.js`` does; when it did — its answer
was settled — it reloads the page) and in between votes on a vraag of the open thema, now and
then changing its vote, about one vote every 3 seconds; a vote on a vraag settled meanwhile is
refused (409), as it should be, and counted apart. The facilitator saves answers through the
autosave (as ``static/sessie.js``), follows the spread every 2 seconds and, from a third of the
way, takes over the room's answer for one gemeente and vraag a second (``vaststellen``) while
the phones go on; what the time left is taken over at the end. The projector asks every 1.5
seconds what it shows. Every request's latency is recorded on the client, from sending to
having read the whole response; joining is warm-up.

Run alone: ``python bench/deelname.py [--snel] [--telefoons 30]``.
"""

from __future__ import annotations

import contextlib
import json
import random
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from common import Klant, Server, argumenten, doel_rij, ms, nieuwe_metingen, percentiel, toon

DOEL_P95 = 150.0
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@dataclass
class Metingen:
    stem: list[float] = field(default_factory=list)
    peiling: list[float] = field(default_factory=list)
    opslaan: list[float] = field(default_factory=list)
    vaststellen: list[float] = field(default_factory=list)
    pagina: list[float] = field(default_factory=list)  # a phone reloading its page
    geweigerd: int = 0  # votes on a vraag settled meanwhile: refused, as they should be
    spreiding: list[float] = field(default_factory=list)
    projector: list[float] = field(default_factory=list)
    fouten: list[str] = field(default_factory=list)
    duur: float = 0.0


def maak_meting(db_pad: Path):
    """A concept meting of Zuid-Kennemerland (4 gemeenten) with participation open."""
    from zelfscan import opslag
    from zelfscan.opslag import deelnametabel
    from zelfscan.opslag.verbinding import open_db

    (m,) = nieuwe_metingen(db_pad, ["Bench deelname"])
    db = open_db(db_pad)
    try:
        opslag.zet_huidig_thema(db, m.id, m.vragenlijst.themas[0].id)
        return opslag.meting(db, m.id), deelnametabel.open_deelname(db, m.id, wie="bench").code
    finally:
        db.conn.close()


def _post(k: Klant, pad: str, velden: dict, json_: bool = True):
    koppen = dict(FORM, **({"Accept": "application/json"} if json_ else {}))
    koppen["X-CSRFToken"] = k.token or ""
    return k.verzoek("POST", pad, urlencode({"csrf_token": k.token, **velden}).encode(), koppen)


def belasting(poort: int, meting, code: str, telefoons: int, seconden: float) -> Metingen:
    uit = Metingen()
    slot = threading.Lock()
    start = threading.Barrier(telefoons + 3)
    einde = [0.0]
    thema = meting.vragenlijst.thema(meting.huidig_thema)
    niveaus = [str(n.waarde) for n in meting.vragenlijst.schaal.niveaus] + ["weet_niet"]
    gemeenten = [g.cbs for g in meting.gemeenten]

    def bewaar(eigen: Metingen) -> None:
        with slot:
            for naam in (
                "stem",
                "peiling",
                "opslaan",
                "vaststellen",
                "pagina",
                "spreiding",
                "projector",
            ):
                getattr(uit, naam).extend(getattr(eigen, naam))
            uit.fouten += eigen.fouten
            uit.geweigerd += eigen.geweigerd

    def als_klant(rol, *args) -> None:
        """One client: its own connection and figures; an error is recorded and releases the
        others from the start barrier instead of leaving them waiting."""
        k, eigen = Klant(poort), Metingen()
        try:
            rol(k, eigen, *args)
        except Exception as fout:
            eigen.fouten.append(f"{type(fout).__name__}: {fout}")
            with contextlib.suppress(threading.BrokenBarrierError):
                start.abort()
        finally:
            k.sluit()
        bewaar(eigen)

    def telefoon(k: Klant, eigen: Metingen, nr: int) -> None:
        rng = random.Random(1900 + nr)
        status, html, _ = k.get(f"/d/{code}/")
        k.token_van(html)
        gemeente = "regiobreed" if nr % 10 == 9 else gemeenten[nr % len(gemeenten)]
        status, _, _ = _post(k, f"/d/{code}/aanmelden", {"gemeente": gemeente}, json_=False)
        status, html, _ = k.get(f"/d/{code}/")
        if status != 200 or not k.token_van(html):
            raise RuntimeError(f"aanmelden gaf HTTP {status}")
        start.wait(120)
        status, inhoud, _ = k.get(f"/d/{code}/stand")
        stand = json.loads(inhoud).get("stand") if status == 200 else None
        open_vragen = [v.id for v in thema.vragen]
        volgende_peiling = time.perf_counter() + rng.uniform(0, 2)
        volgende_stem = time.perf_counter() + rng.uniform(0, 3)
        while time.perf_counter() < einde[0]:
            nu = time.perf_counter()
            if nu >= volgende_peiling:
                status, inhoud, duur = k.get(f"/d/{code}/stand")
                if status != 200:
                    eigen.fouten.append(f"stand HTTP {status}")
                else:
                    eigen.peiling.append(duur)
                    nieuw = json.loads(inhoud).get("stand")
                    if nieuw != stand:  # a settled answer, another thema: reload, as deelname.js
                        status, html, duur = k.get(f"/d/{code}/")
                        if status == 200 and k.token_van(html):
                            eigen.pagina.append(duur)
                        else:
                            eigen.fouten.append(f"pagina HTTP {status}")
                        stand = nieuw
                volgende_peiling += 2.0
            elif nu >= volgende_stem and open_vragen:
                vraag = rng.choice(open_vragen)
                status, inhoud, duur = _post(
                    k, f"/d/{code}/stem", {f"v:{vraag}": rng.choice(niveaus)}
                )
                if status == 200:
                    eigen.stem.append(duur)
                elif status == 409:  # settled meanwhile: the page would show it as settled
                    eigen.geweigerd += 1
                    open_vragen.remove(vraag)
                else:
                    eigen.fouten.append(f"stem HTTP {status}: {inhoud[:100]!r}")
                volgende_stem += rng.uniform(2.0, 4.0)
            else:
                time.sleep(max(0.0, min(volgende_peiling, volgende_stem) - nu))

    def gespreksleider(k: Klant, eigen: Metingen) -> None:
        rng = random.Random(7)
        pagina = f"/metingen/{meting.id}/thema/{thema.id}"
        k.log_in()
        status, html, _ = k.get(pagina)
        if status != 200 or not k.token_van(html):
            raise RuntimeError(f"thema-pagina gaf HTTP {status}")
        start.wait(120)
        volgende_spreiding = time.perf_counter() + 2.0
        # From a third of the way the facilitator takes over the room's answer, one gemeente
        # and vraag a second, while the phones go on (their votes on settled vragen refused).
        te_nemen = [(cbs, v.id) for v in thema.vragen for cbs in gemeenten]
        teksten: dict[str, str] = {}  # vraag → the toelichting voor alle the server has
        vanaf = time.perf_counter() + seconden / 3

        def neem_over(cbs: str, vraag: str) -> None:
            status, inhoud, duur = _post(
                k, f"/metingen/{meting.id}/deelname/vaststellen", {"neem": f"{cbs}|{vraag}"}
            )
            if status == 200 and json.loads(inhoud).get("ok"):
                eigen.vaststellen.append(duur)
            else:
                eigen.fouten.append(f"vaststellen HTTP {status}: {inhoud[:100]!r}")

        while time.perf_counter() < einde[0]:
            if time.perf_counter() >= volgende_spreiding:
                status, _, duur = k.get(
                    f"/metingen/{meting.id}/deelname/thema/{thema.id}/spreiding"
                )
                eigen.spreiding.append(duur)
                volgende_spreiding += 2.0
                continue
            overnemen = te_nemen and time.perf_counter() >= vanaf
            if overnemen:
                neem_over(*te_nemen.pop(0))
            vraag = rng.choice(thema.vragen).id
            # Once answers are settled, the facilitator writes toelichtingen only: changing a
            # settled answer would open its vote again. Each text replaces the one the page
            # shows (``origineel``), as sessie.js sends it; else the save is refused (409).
            tekst = f"Besproken om {time.time():.3f}"
            toelichting = overnemen or time.perf_counter() >= vanaf or rng.random() < 0.2
            status, inhoud, duur = k.autosave(
                meting.id,
                {
                    "soort": "toelichting_alle",
                    "vraag": vraag,
                    "waarde": tekst,
                    "origineel": teksten.get(vraag, ""),
                    "gezien": {},
                    "vervang": {},
                }
                if toelichting
                else {"soort": "alle", "vraag": vraag, "waarde": rng.choice(niveaus)},
            )
            if status == 200:
                eigen.opslaan.append(duur)
                if toelichting:
                    teksten[vraag] = tekst
            elif status != 409:  # a toelichting changed meanwhile: the page would ask
                eigen.fouten.append(f"autosave HTTP {status}: {inhoud[:100]!r}")
            time.sleep(1.0)
        # What the time left: the rest, after the phones stopped.
        for cbs, vraag in te_nemen:
            neem_over(cbs, vraag)

    def projector(k: Klant, eigen: Metingen) -> None:
        k.log_in()
        stand = None
        start.wait(120)
        while time.perf_counter() < einde[0]:
            status, inhoud, duur = k.get(f"/metingen/{meting.id}/presentatie/stand")
            eigen.projector.append(duur)
            nieuw = json.loads(inhoud).get("stand") if status == 200 else None
            if nieuw != stand:  # what it shows changed: reload, as presentatie.js does
                status, _, duur = k.get(f"/metingen/{meting.id}/presentatie")
                eigen.projector.append(duur)
                stand = nieuw
            time.sleep(1.5)

    draden = [
        threading.Thread(target=als_klant, args=(telefoon, nr), daemon=True)
        for nr in range(telefoons)
    ]
    draden += [
        threading.Thread(target=als_klant, args=(gespreksleider,), daemon=True),
        threading.Thread(target=als_klant, args=(projector,), daemon=True),
    ]
    for d in draden:
        d.start()
    with contextlib.suppress(threading.BrokenBarrierError):
        einde[0] = time.perf_counter() + 300  # until everyone has joined
        start.wait(180)
    begin = time.perf_counter()
    einde[0] = begin + seconden
    for d in draden:
        d.join(seconden + 300)
    uit.duur = time.perf_counter() - begin
    return uit


def rijen_voor(telefoons: int, m: Metingen) -> list:
    rijen = []
    for naam, waarden, grens in (
        ("vote", m.stem, DOEL_P95),
        ("facilitator's save (autosave)", m.opslaan, DOEL_P95),
        ("facilitator's take-over (vaststellen)", m.vaststellen, DOEL_P95),
        ("phone poll (stand)", m.peiling, None),
        ("phone page reload", m.pagina, None),
        ("facilitator's spread (JSON)", m.spreiding, None),
        ("projector (stand + page)", m.projector, None),
    ):
        detail = (
            f"p50 {ms(percentiel(waarden, 50)):.1f} · p99 {ms(percentiel(waarden, 99)):.1f} "
            f"· n {len(waarden)}"
        )
        rijen.append(
            doel_rij(
                "6",
                f"deelname p95, {telefoons} phones: {naam}",
                ms(percentiel(waarden, 95)) if waarden else None,
                "ms",
                grens,
                detail=detail,
            )
        )
    alle = len(m.stem) + len(m.peiling) + len(m.opslaan) + len(m.spreiding) + len(m.projector)
    alle += len(m.vaststellen) + len(m.pagina)
    toelichting = (
        f"{alle / m.duur if m.duur else 0:.0f} requests/s over {m.duur:.1f} s; "
        f"{m.geweigerd} votes on a vraag settled meanwhile refused (409), as they should be"
    )
    if m.fouten:
        toelichting += f"; {len(m.fouten)} FOUTEN, eerste: {m.fouten[0]}"
    rijen[0].toelichting = toelichting
    return rijen


def meet(snel: bool = False, telefoons: int = 30, threads: int = 8) -> list:
    import data

    with tempfile.TemporaryDirectory(prefix="zs-deelname-") as tmp:
        db_pad = data.kopie(data.kennemerland_db(), Path(tmp) / "zelfscan.db")
        meting, code = maak_meting(db_pad)
        with Server(db_pad, threads=threads) as server:
            server.start()
            m = belasting(server.poort, meting, code, telefoons, 12.0 if snel else 45.0)
    return rijen_voor(telefoons, m)


def main():
    args = argumenten(
        __doc__.splitlines()[0],
        lambda p: (
            p.add_argument("--telefoons", type=int, default=30, help="phones (default 30)"),
            p.add_argument("--threads", type=int, default=8, help="waitress threads (default 8)"),
        ),
    )
    toon(meet(args.snel, args.telefoons, args.threads), args)


if __name__ == "__main__":
    main()

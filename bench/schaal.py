"""4. Scale: a database with 342 gemeenten × 10 years of metingen (860 metingen, every answer
given except in the current year; see bench/data.py), and the pages that read across it.

In-process with Flask's test client, logged in through the login form (not timed): the time of
a whole request through the app (routing, views, store, scoring, templates), without the
network. The overview and a meting's page: one warm-up request, then the median of N.

- GET /metingen/ — the overview: grouped by regio and subregio, each subregio's open and newest
  meting with its progress (86 of the 860); ``?weergave=alle``: all 860, as the overview
  listed them before.
- GET /metingen/<id> — one meting's page (progress, previous and next meting).
- GET /metingen/<id>/resultaten — the subregio results of the newest finished meting: heatmap
  data, comparison with the previous meting and a trend over its 9 years.
- GET /metingen/<id>/resultaten/<cbs> — one gemeente's results in that meting.
- ``resultaten.bereken(meting, antwoorden)`` — the scoring of that meting (answers loaded).

Pages that show a meting's results, and the scoring, are timed on first views: each of 9
different metingen (the newest finished meting of 9 subregio's) once, so nothing the app might
remember between requests is warm for them; a repeat view is shown beside it.

Run alone: ``python bench/schaal.py [--snel]`` (the database is generated on the first run,
about a minute, and cached; see bench/data.py).
"""

from __future__ import annotations

import time

from common import (
    GEBRUIKER,
    WACHTWOORD,
    Rij,
    argumenten,
    csrf_token,
    doel_rij,
    inlogfout,
    mediaan,
    ms,
    toon,
)

DOEL_MS = 100.0


def tijden(functie, keer: int) -> list[float]:
    functie()  # warm-up
    uit = []
    for _ in range(keer):
        begin = time.perf_counter()
        functie()
        uit.append(time.perf_counter() - begin)
    return uit


def app_en_klant(db_pad):
    """The app on ``db_pad`` and a test client logged in as ``bench``.

    Through the login form, as a browser does: a session cookie made by hand holds only what
    the bench knew of sessions when it was written (a session now also carries its generation
    and times, see web/auth.py), and a page then answers 302 to /inloggen. One login, so the
    login limits play no part."""
    from zelfscan.web.app import create_app

    app = create_app({"DATABASE": str(db_pad), "SECRET_KEY": "bench-schaal"})
    klant = app.test_client()
    formulier = klant.get("/inloggen")
    token = csrf_token(formulier.get_data())
    if formulier.status_code != 200 or not token:
        raise RuntimeError(f"inlogpagina gaf HTTP {formulier.status_code}, zonder formulier")
    antwoord = klant.post(
        "/inloggen",
        data={"naam": GEBRUIKER, "wachtwoord": WACHTWOORD, "csrf_token": token},
    )
    if antwoord.status_code != 302:
        raise inlogfout(GEBRUIKER, antwoord.status_code, antwoord.get_data())
    return app, klant


def eerste_keer(functies: list) -> list[float]:
    """Each of ``functies`` once, timed: a first view, before any cache of its own is warm."""
    uit = []
    for functie in functies:
        begin = time.perf_counter()
        functie()
        uit.append(time.perf_counter() - begin)
    return uit


def meet(snel: bool = False, db_pad=None) -> list[Rij]:
    import data

    from zelfscan import opslag
    from zelfscan.opslag.verbinding import open_db
    from zelfscan.scores import resultaten

    db_pad = db_pad or data.nationaal_db(10)
    keer = 3 if snel else 9
    _, klant = app_en_klant(db_pad)
    db = open_db(db_pad)
    try:
        alle = opslag.metingen(db)
        # The newest finished meting of each subregio (chain of 9): distinct metingen, so a
        # first view of each is a first view, whatever the app remembers between requests.
        nieuwste: dict[str, opslag.Meting] = {}
        for m in alle:
            if m.afgerond and (
                m.subregio_id not in nieuwste or m.jaar > nieuwste[m.subregio_id].jaar
            ):
                nieuwste[m.subregio_id] = m
        reeks = [nieuwste[k] for k in sorted(nieuwste)]
        assert len(reeks) >= 3 * keer, "te weinig subregio's"
        voor_overzicht, voor_gemeente, voor_rekenen = (
            reeks[:keer],
            reeks[keer : 2 * keer],
            reeks[2 * keer : 3 * keer],
        )
        meting = voor_overzicht[0]
        keten = len(opslag.keten(db, meting.id))
        geladen = [(m, opslag.antwoorden(db, m.id)) for m in voor_rekenen]
        rekenen = eerste_keer([lambda m=m, a=a: resultaten.bereken(m, a) for m, a in geladen])
        laden = eerste_keer(
            [
                lambda m=m: resultaten.bereken(m, opslag.antwoorden(db, m.id))
                for m in reeks[3 * keer : 4 * keer] or voor_rekenen
            ]
        )
        herhaald = tijden(lambda: resultaten.bereken(*geladen[0]), keer)
    finally:
        db.conn.close()

    def pagina(pad: str):
        def haal():
            antwoord = klant.get(pad)
            if antwoord.status_code != 200:
                naar = antwoord.headers.get("Location")
                raise RuntimeError(
                    f"{pad}: HTTP {antwoord.status_code}" + (f" → {naar}" if naar else "")
                )
            antwoord.get_data()

        return haal

    rijen = []
    for naam, pad in (
        (f"overview GET /metingen/ ({len(alle)} metingen)", "/metingen/"),
        (f"overview, all {len(alle)} GET /metingen/?weergave=alle", "/metingen/?weergave=alle"),
        ("meting page GET /metingen/<id>", f"/metingen/{meting.id}"),
    ):
        t = tijden(pagina(pad), keer)
        rijen.append(
            doel_rij(
                "4",
                naam,
                ms(mediaan(t)),
                "ms",
                DOEL_MS,
                detail=f"median of {keer}, max {ms(max(t)):.0f}",
            )
        )
    pagina(f"/metingen/{reeks[-1].id}/resultaten")()  # warm the templates, not these metingen
    for naam, paden in (
        (
            f"results GET /metingen/<id>/resultaten (chain of {keten})",
            [f"/metingen/{m.id}/resultaten" for m in voor_overzicht],
        ),
        (
            "gemeente results GET …/resultaten/<cbs>",
            [f"/metingen/{m.id}/resultaten/{m.gemeenten[0].cbs}" for m in voor_gemeente],
        ),
    ):
        eerst = eerste_keer([pagina(p) for p in paden])
        weer = tijden(pagina(paden[0]), keer)
        rijen.append(
            doel_rij(
                "4",
                naam,
                ms(mediaan(eerst)),
                "ms",
                DOEL_MS,
                detail=f"first views of {len(paden)} metingen, max {ms(max(eerst)):.0f}; "
                f"repeat view {ms(mediaan(weer)):.1f}",
            )
        )
    rijen.append(
        doel_rij(
            "4",
            "scoring resultaten.bereken, 1 meting (4 gemeenten)",
            ms(mediaan(rekenen)),
            "ms",
            DOEL_MS,
            detail=f"{len(rekenen)} metingen once each; with loading the answers "
            f"{ms(mediaan(laden)):.1f}; repeated {ms(mediaan(herhaald)):.1f}",
        )
    )
    return rijen


def main():
    args = argumenten(__doc__.splitlines()[0])
    toon(meet(args.snel), args)


if __name__ == "__main__":
    main()

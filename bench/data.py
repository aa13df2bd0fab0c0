"""Generated data for the benchmarks, loaded the public way: as a JSON export, imported with
``zelfscan.opslag.uitwisseling.importeer_json`` (checked like any import).

- ``kennemerland_db``: the ``zelfscan demo`` data (three 0-metingen 2021 with 8 gemeenten, and
  a vervolgmeting 2022 for IJmond).
- ``nationaal_db(jaren)``: a synthetic country: 342 gemeenten in 86 subregio's (84 of 4, 2 of
  3) in 28 regio's, one meting per subregio per year, every answer given; year 1 is a
  0-meting, later years are vervolgmetingen of the year before (so results pages compare and
  draw trends), with ambities, notes and deelnemers. The last of several years is still in
  progress (concept, about 60% answered), as the current year would be.

Databases are cached in ``common.cache_dir()`` (outside the repository), keyed on the
generator version and the vragenlijst hash; ``python bench/data.py`` (re)builds them and
prints how long generating and importing took.
"""

from __future__ import annotations

import json
import os
import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from datetime import time as tijd
from pathlib import Path

from common import GEBRUIKER, WACHTWOORD, argumenten, cache_dir

GENERATOR_VERSIE = 2
SEED = 2021
AANTAL_REGIOS = 28
GROOTTES = [4] * 84 + [3] * 2  # 86 subregio's, 342 gemeenten
EERSTE_JAAR = 2021
WIE = "projectleider (bench)"

_TOELICHTINGEN = (
    "Meestal goed geregeld; bij vervanging gaat het weleens mis.",
    "Er is een begin gemaakt; de werkgroep komt in november weer bij elkaar.",
    "Vastgelegd in het werkproces en elk jaar geëvalueerd.",
    "Niemand aan tafel kon dit beoordelen; navragen bij het wijkteam.",
    "Geregeld voor jeugd, nog niet voor volwassenen.",
)
_NOTITIES = (
    "Veel herkenning aan tafel. Afgesproken dat de beleidsadviseurs de werkafspraken over "
    "‘{thema}’ voor de zomer op papier zetten.",
    "Veilig Thuis gaf aan dat ‘{thema}’ in de praktijk wisselend gaat.",
    "Punt voor de regionale werkgroep: ‘{thema}’ vraagt om afspraken op regioniveau.",
)


def catalogus():
    from zelfscan.inlezen.loader import laad_catalogus

    return laad_catalogus()


def vragenlijst(cat=None):
    cat = cat or catalogus()
    return cat.vragenlijst("werken-aan-veiligheid")


# --- the synthetic country ---------------------------------------------------------------------


def land() -> list[dict]:
    """28 regio's → 86 subregio's → 342 gemeenten, with made-up names and CBS-like codes."""
    regios = [
        {"id": f"regio-{r + 1:02d}", "naam": f"Regio {r + 1:02d}", "subregios": []}
        for r in range(AANTAL_REGIOS)
    ]
    nummer = 0
    for s, grootte in enumerate(GROOTTES):
        regio = regios[s % AANTAL_REGIOS]
        gemeenten = []
        for _ in range(grootte):
            nummer += 1
            gemeenten.append({"cbs": f"GM9{nummer:03d}", "naam": f"Gemeente {nummer:03d}"})
        regio["subregios"].append(
            {"id": f"subregio-{s + 1:02d}", "naam": f"Subregio {s + 1:02d}", "gemeenten": gemeenten}
        )
    assert nummer == 342 and sum(len(r["subregios"]) for r in regios) == 86
    return regios


def _t(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat(timespec="seconds")


class _Subregio:
    """One subregio through the years: each gemeente's level per vraag drifts upward."""

    def __init__(self, rng: random.Random, regio: dict, subregio: dict, lijst, inhoud: dict):
        self.rng, self.regio, self.subregio, self.lijst, self.inhoud = (
            rng,
            regio,
            subregio,
            lijst,
            inhoud,
        )
        self.niveaus = [n.waarde for n in lijst.schaal.niveaus]
        hoog = len(self.niveaus) - 1
        basis = rng.uniform(0.2, 0.7) * hoog
        self.niveau = {
            (g["cbs"], v.id): basis + rng.gauss(0, 0.8)
            for g in subregio["gemeenten"]
            for v in lijst.vragen
        }
        self.vorige_uuid: str | None = None
        self.ambities: list[dict] = []

    def meting(self, jaar: int, *, concept: bool = False) -> dict:
        rng, lijst = self.rng, self.lijst
        hoog = len(self.niveaus) - 1
        datum = date(jaar, 10, 1) + timedelta(days=rng.randrange(0, 28))
        start = datetime.combine(datum, tijd(7, 30), tzinfo=UTC)
        soort = "0-meting" if self.vorige_uuid is None else "vervolgmeting"
        met_ambitie = {(a["cbs"], a["thema_id"]) for a in self.ambities}
        antwoorden = []
        for g_nr, g in enumerate(self.subregio["gemeenten"]):
            for v_nr, vraag in enumerate(lijst.vragen):
                sleutel = (g["cbs"], vraag.id)
                if self.vorige_uuid is not None:
                    kans = 0.35 if (g["cbs"], lijst.thema_van(vraag.id).id) in met_ambitie else 0.12
                    if rng.random() < kans:
                        self.niveau[sleutel] += 1
                if concept and rng.random() < 0.4:
                    continue  # not discussed yet this year
                kans = rng.random()
                # Only where the vragenlijst allows n.v.t. (regels.nvt_mag): the import refuses it
                # elsewhere; the random stream stays the same either way.
                if kans < 0.012 and lijst.nvt_toegestaan(vraag.id):
                    waarde: int | str = "nvt"
                elif kans < 0.06:
                    waarde = "weet_niet"
                else:
                    waarde = self.niveaus[max(0, min(hoog, round(self.niveau[sleutel])))]
                laag = waarde in ("weet_niet", self.niveaus[0])
                antwoorden.append(
                    {
                        "cbs": g["cbs"],
                        "vraag_id": vraag.id,
                        "waarde": waarde,
                        "toelichting": rng.choice(_TOELICHTINGEN) if rng.random() < 0.1 else "",
                        "bespreekpunt": rng.random() < (0.12 if laag else 0.02),
                        "overgenomen": False,
                        "versie": 1,
                        "gewijzigd_op": _t(start + timedelta(seconds=70 * v_nr + 15 * g_nr)),
                        "gewijzigd_door": WIE,
                    }
                )
        notities = [
            {
                "thema_id": t.id,
                "cbs": None,
                "tekst": rng.choice(_NOTITIES).replace("{thema}", t.label),
                "versie": 1,
                "gewijzigd_op": _t(start + timedelta(minutes=5 * i)),
                "gewijzigd_door": WIE,
            }
            for i, t in enumerate(lijst.themas)
            if rng.random() < 0.5
        ]
        deelnemers = [
            {
                "organisatie": f"Gemeente {g['naam'].removeprefix('Gemeente ')}",
                "rol": "Beleidsadviseur huiselijk geweld en kindermishandeling",
                "naam": None,
                "cbs": g["cbs"],
            }
            for g in self.subregio["gemeenten"]
        ] + [{"organisatie": "Veilig Thuis", "rol": "Adviseur", "naam": None, "cbs": None}]
        aangemaakt = start - timedelta(days=8)
        afgerond = None if concept else start + timedelta(minutes=165)
        uuid_ = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        # Ambities for next year: one level up on three random thema's per gemeente.
        ambities = []
        if not concept:
            moment = start + timedelta(days=37)
            for g in self.subregio["gemeenten"]:
                for t in sorted(rng.sample(lijst.themas, 3), key=lijst.themas.index):
                    ambities.append(
                        {
                            "cbs": g["cbs"],
                            "thema_id": t.id,
                            "niveau": rng.choice(self.niveaus[1:]),
                            "tekst": "Werkafspraken vastleggen en bij iedereen bekend maken.",
                            "wie": "Teamleider sociaal wijkteam",
                            "wanneer": "Q4 2022",
                            "versie": 1,
                            "gewijzigd_op": _t(moment),
                            "gewijzigd_door": f"gemeente {g['naam']}",
                        }
                    )
        totaal = len(self.subregio["gemeenten"]) * len(lijst.vragen)
        logboek = [
            {"tijd": _t(aangemaakt), "wie": WIE, "actie": "aangemaakt", "details": "bench"},
        ]
        if afgerond:
            logboek.append(
                {
                    "tijd": _t(afgerond),
                    "wie": WIE,
                    "actie": "afgerond",
                    "details": f"{len(antwoorden)} van {totaal} antwoorden ingevuld",
                }
            )
        m = {
            "uuid": uuid_,
            "titel": f"{soort[0].upper()}{soort[1:]} {jaar} {self.subregio['naam']}",
            "regio_id": self.regio["id"],
            "regio_naam": self.regio["naam"],
            "subregio_id": self.subregio["id"],
            "subregio_naam": self.subregio["naam"],
            "jaar": jaar,
            "periode": f"oktober {jaar}",
            "soort": soort,
            "datum": datum.isoformat(),
            "status": "concept" if concept else "afgerond",
            "vorige_meting": self.vorige_uuid,
            "huidig_thema": None,
            "demo": False,
            "aangemaakt_op": _t(aangemaakt),
            "aangemaakt_door": WIE,
            "afgerond_op": _t(afgerond) if afgerond else None,
            "vragenlijst": {
                "id": lijst.id,
                "versie": lijst.versie,
                "hash": lijst.hash,
                "inhoud": self.inhoud,
            },
            "gemeenten": [{"cbs": g["cbs"], "naam": g["naam"]} for g in self.subregio["gemeenten"]],
            "antwoorden": antwoorden,
            "notities": notities,
            "deelnemers": deelnemers,
            "ambities": ambities,
            "logboek": logboek,
            "deelname": {"stemmers": [], "stemmen": [], "besluiten": []},  # no phones in the room
        }
        self.vorige_uuid, self.ambities = uuid_, ambities
        return m


def nationale_exports(jaren: int, seed: int = SEED, lijst=None):
    """One export dict per year (86 metingen each), oldest first."""
    from zelfscan.opslag import uitwisseling

    lijst = lijst or vragenlijst()
    inhoud = json.loads(lijst.json)
    rng = random.Random(seed)
    subregios = [_Subregio(rng, r, s, lijst, inhoud) for r in land() for s in r["subregios"]]
    for j in range(jaren):
        concept = jaren > 1 and j == jaren - 1
        yield {
            "formaat": uitwisseling.FORMAAT,
            "formaatversie": uitwisseling.FORMAATVERSIE,
            "metingen": [s.meting(EERSTE_JAAR + j, concept=concept) for s in subregios],
        }


# --- databases --------------------------------------------------------------------------------


def _met_gebruiker(db) -> None:
    from zelfscan.opslag import gebruikers

    if gebruikers.aantal(db) == 0:
        gebruikers.voeg_toe(db, GEBRUIKER, WACHTWOORD)


def _sleutel(soort: str) -> str:
    # The schema version too: a patched copy with a newer migration must not upgrade (and so
    # lock out) the databases the unpatched code uses.
    from zelfscan.opslag.migraties import SCHEMA_VERSIE

    lijst = vragenlijst()
    return f"{soort}-g{GENERATOR_VERSIE}-s{SCHEMA_VERSIE}-{lijst.hash[:10]}"


def kennemerland_db(pad: Path | None = None) -> Path:
    """A fresh copy of the ``zelfscan demo`` data plus the bench user, at ``pad``."""
    from zelfscan.opslag.demo import vul_demo
    from zelfscan.opslag.verbinding import open_db

    pad = Path(pad) if pad else cache_dir() / f"{_sleutel('kennemerland')}.db"
    if pad.exists() and pad.stat().st_size > 0:
        return pad
    tijdelijk = pad.with_name(pad.name + f".{os.getpid()}.tmp")
    db = open_db(tijdelijk)
    try:
        vul_demo(db, catalogus())
        _met_gebruiker(db)
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.conn.close()
    _verplaats(tijdelijk, pad)
    return pad


def nationaal_db(jaren: int, *, opnieuw: bool = False, melden=print) -> Path:
    """The synthetic national database with ``jaren`` years of metingen (cached)."""
    from zelfscan.inlezen.loader import regio_uit_data
    from zelfscan.opslag import uitwisseling
    from zelfscan.opslag.verbinding import open_db

    pad = cache_dir() / f"{_sleutel(f'nationaal-{jaren}j')}.db"
    if pad.exists() and not opnieuw:
        return pad
    tijdelijk = pad.with_name(pad.name + f".{os.getpid()}.tmp")
    for rest in (tijdelijk, Path(f"{tijdelijk}-wal"), Path(f"{tijdelijk}-shm")):
        rest.unlink(missing_ok=True)
    db = open_db(tijdelijk)
    begin = time.perf_counter()
    genereren = importeren = 0.0
    try:
        _met_gebruiker(db)
        uitvoer = nationale_exports(jaren)
        # The synthetic country as region data: an import checks gemeenten against them.
        regios = [regio_uit_data(r) for r in land()]
        while True:
            t0 = time.perf_counter()
            export = next(uitvoer, None)
            genereren += time.perf_counter() - t0
            if export is None:
                break
            t0 = time.perf_counter()
            uitwisseling.importeer_json(db, export, regios=regios)
            importeren += time.perf_counter() - t0
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        aantal = db.execute("SELECT count(*) FROM metingen").fetchone()[0]
        antw = db.execute("SELECT count(*) FROM antwoorden").fetchone()[0]
    finally:
        db.conn.close()
    _verplaats(tijdelijk, pad)
    melden(
        f"nationaal {jaren} jaar: {aantal} metingen, {antw} antwoorden, "
        f"{pad.stat().st_size / 1e6:.0f} MB; genereren {genereren:.1f} s, importeren "
        f"{importeren:.1f} s, totaal {time.perf_counter() - begin:.1f} s"
    )
    return pad


def _verplaats(tijdelijk: Path, pad: Path) -> None:
    os.replace(tijdelijk, pad)
    for achtervoegsel in ("-wal", "-shm"):
        Path(f"{tijdelijk}{achtervoegsel}").unlink(missing_ok=True)


def kopie(bron: Path, doel: Path) -> Path:
    """A private copy of a cached database (for benchmarks that write)."""
    import shutil

    shutil.copyfile(bron, doel)
    return doel


def main():
    args = argumenten(
        "Generate (or rebuild) the benchmark databases.",
        lambda p: p.add_argument("--opnieuw", action="store_true", help="rebuild even if cached"),
    )
    print(f"cache: {cache_dir()}")
    print(f"kennemerland: {kennemerland_db()}")
    print(f"nationaal 1 jaar: {nationaal_db(1, opnieuw=args.opnieuw)}")
    if not args.snel:
        print(f"nationaal 10 jaar: {nationaal_db(10, opnieuw=args.opnieuw)}")


if __name__ == "__main__":
    main()

"""A clearly labelled DEMO database: metingen for the three Kennemerland subregio's.

For trying the app, training facilitators and showing reports without real data: a 0-meting
2021 per subregio (October 2021, as in the Actieprogramma), fully answered with varied,
plausible answers, and a vervolgmeting 2022 for IJmond that builds on it.

The demo is generated as a full-fidelity export and imported (:mod:`zelfscan.opslag.uitwisseling`):
that checks it like any import and lets it carry realistic session times and stable uuids, so
the same seed always gives the same database, byte for byte in its export.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlite_utils

from .. import opslag
from ..errors import StoreFout
from ..inlezen.model import NIET_VAN_TOEPASSING, WEET_NIET, Catalogus, Gemeente, Regio, Vragenlijst
from . import uitwisseling
from .verbinding import write_transaction

REGIO = "kennemerland"
VRAGENLIJST = "werken-aan-veiligheid"
GESPREKSLEIDER = "projectleider regio (demo)"

# Tuesday mornings in October 2021 ("Oktober 2021" in the Actieprogramma), a year later for
# the vervolgmeting.
NULMETINGEN = (
    ("haarlemmermeer", date(2021, 10, 5)),
    ("ijmond", date(2021, 10, 12)),
    ("zuid-kennemerland", date(2021, 10, 19)),
)
VERVOLG = ("ijmond", date(2022, 10, 11))
# The 2021 metingen pinned the version they were held with; when a newer version is in the data
# folder, Zuid-Kennemerland holds its vervolgmeting on it, so the comparison across versions
# (what was and was not comparable) shows right after `zelfscan demo`.
DEMO_VERSIE = "2021.1"
VERVOLG_NIEUWE_VERSIE = ("zuid-kennemerland", date(2026, 10, 13))

_TOELICHTINGEN: dict[object, tuple[str, ...]] = {
    0: (
        "Is er nog niet; staat op de lijst voor volgend jaar.",
        "Wordt wel over gesproken, maar er is nog niets afgesproken.",
        "Door de drukte in het wijkteam nog niet aan toegekomen.",
    ),
    1: (
        "Gebeurt soms; hangt af van wie de casus heeft.",
        "Er is een begin gemaakt; de werkgroep komt in november weer bij elkaar.",
        "De afspraken staan op papier, maar nog niet iedereen kent ze.",
        "Nieuwe medewerkers weten dit nog niet altijd.",
    ),
    2: (
        "Meestal goed geregeld; bij vervanging gaat het weleens mis.",
        "Geregeld voor jeugd, nog niet voor volwassenen.",
        "Werkt goed, maar is niet vastgelegd in het werkproces.",
        "Nog niet in alle wijkteams even ver.",
    ),
    3: (
        "Vastgelegd in het werkproces en elk jaar geëvalueerd.",
        "Vast onderdeel van het inwerkprogramma.",
        "Goed geborgd; komt terug in het kwartaaloverleg.",
    ),
    WEET_NIET: (
        "Niemand aan tafel kon dit beoordelen; navragen bij het wijkteam.",
        "Hier is geen zicht op; actiepunt voor de beleidsadviseur.",
        "Cijfers ontbreken; nagaan bij Veilig Thuis.",
    ),
    NIET_VAN_TOEPASSING: (
        "Deze taak ligt bij een regionale partij, niet bij de gemeente.",
        "Past niet bij hoe het wijkteam hier is ingericht.",
    ),
}
_TOELICHTINGEN_VERVOLG = (
    "Vooruitgang sinds vorig jaar dankzij de nieuwe werkafspraken.",
    "In het voorjaar getraind; nu beter geregeld.",
    "Sinds de werkafspraken van dit voorjaar gaat dit beter.",
)
_NOTITIES = (
    "Veel herkenning aan tafel. Afgesproken dat de beleidsadviseurs de werkafspraken over "
    "‘{thema}’ voor de zomer op papier zetten.",
    "Veilig Thuis gaf aan dat ‘{thema}’ in de praktijk wisselend gaat. Een voorbeeld besproken "
    "van een overdracht die niet goed liep.",
    "Punt voor de regionale werkgroep: ‘{thema}’ vraagt om afspraken op regioniveau.",
    "Goed gesprek; het wijkteam is hier trots op. Wel zorgen over de bezetting na de zomer.",
    "Weinig zicht op hoe dit in de praktijk gaat. Actie: een casusbespreking in het wijkteam om "
    "het na te gaan.",
)
_NOTITIE_VERSCHIL = (
    "Verschil tussen de gemeenten: {gemeente} heeft ‘{thema}’ beter geregeld; de anderen kijken "
    "daar hoe het werkt."
)
# Who carries an ambitie; chosen by the thema's place, not drawn: the random stream (and so
# every answer of the demo) stays as it was before ambities had an owner.
_AMBITIE_WIE = ("beleidsadviseur jeugd", "team Veiligheid", "wijkteam", "regiocoördinator")
_NOTITIE_GEMEENTE = (
    "De beleidsadviseur van {gemeente} neemt ‘{thema}’ mee in de memo aan het college."
)
_AMBITIES = (
    "Werkafspraken vastleggen en bij alle medewerkers bekend maken.",
    "Training voor het hele wijkteam in het voorjaar van 2022.",
    "Vaste overlegmomenten met Veilig Thuis inplannen en na een half jaar evalueren.",
    "Een aandachtsfunctionaris aanstellen die dit thema trekt.",
)


def vul_demo(
    db: sqlite_utils.Database,
    catalogus: Catalogus,
    *,
    seed: int = 2021,
    opnieuw: bool = False,
    vragenlijst_id: str | None = None,
) -> list[opslag.Meting]:
    """Fill ``db`` with the DEMO metingen; returns them.

    Refuses a database that already holds metingen, unless ``opnieuw``: then the earlier DEMO
    metingen are replaced and real metingen stay exactly as they are.
    """
    bestaand = opslag.metingen(db)
    if bestaand and not opnieuw:
        raise StoreFout(
            f"Deze database bevat al {len(bestaand)} "
            f"{'meting' if len(bestaand) == 1 else 'metingen'}; de demo vult alleen een lege "
            "database. Kies met --db een nieuw bestand, of gebruik --opnieuw om de DEMO-metingen "
            "opnieuw te maken (echte metingen blijven staan)."
        )
    data = demo_export(catalogus, seed=seed, vragenlijst_id=vragenlijst_id)
    with write_transaction(db):
        opslag.verwijder_demo_metingen(db)
        return uitwisseling.importeer_json(db, data, regios=catalogus.regios)


def demo_export(
    catalogus: Catalogus, *, seed: int = 2021, vragenlijst_id: str | None = None
) -> dict:
    """The DEMO metingen as a JSON export (deterministic for a seed)."""
    try:
        regio = catalogus.regio(REGIO)
    except KeyError:
        raise StoreFout(
            "De demo heeft regio Kennemerland nodig (vragenlijsten/regios/"
            "kennemerland.yaml), maar die staat niet in de gegevens."
        ) from None
    if vragenlijst_id is None:
        ids = [v.id for v in catalogus.vragenlijsten]
        vragenlijst_id = VRAGENLIJST if VRAGENLIJST in ids else ids[0]
    nieuwste = catalogus.vragenlijst(vragenlijst_id)
    versies = {v.versie for v in catalogus.vragenlijsten if v.id == vragenlijst_id}
    vragenlijst = (
        catalogus.vragenlijst(vragenlijst_id, DEMO_VERSIE) if DEMO_VERSIE in versies else nieuwste
    )
    rng = random.Random(seed)
    metingen = []
    ijmond_2021 = None
    for subregio_id, datum in NULMETINGEN:
        sessie = _Sessie(rng, regio, subregio_id, datum, vragenlijst)
        antwoorden = sessie.nulmeting()
        meting = sessie.export("0-meting", antwoorden, heropend=subregio_id == "zuid-kennemerland")
        if subregio_id == VERVOLG[0]:
            meting["ambities"] = sessie.ambities(antwoorden)
            ijmond_2021 = (meting, antwoorden)
        if subregio_id == VERVOLG_NIEUWE_VERSIE[0]:
            zk_2021 = (meting, antwoorden)
        metingen.append(meting)
    vorige, vorige_antwoorden = ijmond_2021
    sessie = _Sessie(rng, regio, VERVOLG[0], VERVOLG[1], vragenlijst)
    antwoorden = sessie.vervolg(vorige_antwoorden, vorige["ambities"])
    metingen.append(sessie.export("vervolgmeting", antwoorden, vorige=vorige["uuid"]))
    if nieuwste.hash != vragenlijst.hash:
        # Last, so the draws of everything above stay as they were.
        subregio_id, datum = VERVOLG_NIEUWE_VERSIE
        vorige, vorige_antwoorden = zk_2021
        sessie = _Sessie(rng, regio, subregio_id, datum, nieuwste)
        antwoorden = sessie.vervolg(vorige_antwoorden, [])
        metingen.append(sessie.export("vervolgmeting", antwoorden, vorige=vorige["uuid"]))
    return {
        "formaat": uitwisseling.FORMAAT,
        "formaatversie": uitwisseling.FORMAATVERSIE,
        "metingen": metingen,
    }


@dataclass
class _Cel:
    waarde: int | str
    toelichting: str = ""
    bespreekpunt: bool = False


class _Sessie:
    """One subregio's session: its gemeenten, their profile, and what they answered."""

    def __init__(
        self,
        rng: random.Random,
        regio: Regio,
        subregio_id: str,
        datum: date,
        vragenlijst: Vragenlijst,
    ):
        self.rng = rng
        self.regio = regio
        self.subregio = regio.subregio(subregio_id)
        self.datum = datum
        self.vragenlijst = vragenlijst
        self.gemeenten: tuple[Gemeente, ...] = self.subregio.gemeenten_op(datum)
        self.niveaus = [n.waarde for n in vragenlijst.schaal.niveaus]
        self.uuid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        # Sessions run 09:30–12:00 in Amsterdam, which is 07:30–10:00 UTC in October.
        self.start = datetime.combine(datum, time(7, 30), tzinfo=UTC)

    # --- answers --------------------------------------------------------------------------

    def nulmeting(self) -> dict[tuple[str, str], _Cel]:
        """Mostly one answer for the whole subregio, with gemeente-specific deviations."""
        rng, hoogste = self.rng, len(self.niveaus) - 1
        # Stronger on some onderdelen, weaker on others; each gemeente has its own accents.
        basis = {o.id: rng.uniform(0.25, 0.75) * hoogste for o in self.vragenlijst.onderdelen}
        eigen = {g.cbs: rng.gauss(0, 0.3) for g in self.gemeenten}
        accent = {
            (g.cbs, o.id): rng.gauss(0, 0.7)
            for g in self.gemeenten
            for o in self.vragenlijst.onderdelen
        }
        cellen: dict[tuple[str, str], _Cel] = {}
        for onderdeel in self.vragenlijst.onderdelen:
            for thema in onderdeel.themas:
                thema_niveau = basis[onderdeel.id] + rng.gauss(0, 0.5)
                for vraag in thema.vragen:
                    gezamenlijk = thema_niveau + rng.gauss(0, 0.6)
                    overal_nvt = rng.random() < 0.015
                    for g in self.gemeenten:
                        idx = gezamenlijk
                        if rng.random() < 0.35:
                            idx += eigen[g.cbs] + accent[(g.cbs, onderdeel.id)] + rng.gauss(0, 0.3)
                        cellen[(g.cbs, vraag.id)] = self._cel(idx, overal_nvt)
        return cellen

    def vervolg(
        self, vorig: dict[tuple[str, str], _Cel], ambities: list[dict]
    ) -> dict[tuple[str, str], _Cel]:
        """A year later: better on average, most where a gemeente set an ambitie."""
        rng, hoogste = self.rng, len(self.niveaus) - 1
        met_ambitie = {(a["cbs"], a["thema_id"]) for a in ambities}
        cellen = {}
        for thema in self.vragenlijst.themas:
            for vraag in thema.vragen:
                # Progress is mostly shared (regional training, joint agreements) ...
                samen = 1 if rng.random() < 0.3 else (-1 if rng.random() < 0.04 else 0)
                for g in self.gemeenten:
                    eerder = next(
                        (
                            vorig[(g.cbs, i)]
                            for i in (vraag.id, *vraag.vervangt)
                            if (g.cbs, i) in vorig
                        ),
                        None,
                    )
                    nvt_mag = self.vragenlijst.nvt_toegestaan(vraag.id)
                    if eerder is not None and eerder.waarde == NIET_VAN_TOEPASSING and not nvt_mag:
                        eerder = None  # n.v.t. is no answer to this vraag in the new version
                    if eerder is None or (eerder.waarde == WEET_NIET and rng.random() < 0.6):
                        cellen[(g.cbs, vraag.id)] = self._cel(
                            rng.uniform(0.3, 0.7) * hoogste, nvt_mag=nvt_mag
                        )
                        continue
                    cel = _Cel(eerder.waarde)
                    if isinstance(eerder.waarde, int):
                        stap = samen
                        # ... and a gemeente that set an ambitie on this thema worked on it.
                        if stap == 0 and (g.cbs, thema.id) in met_ambitie and rng.random() < 0.45:
                            stap = 1
                        elif rng.random() < 0.06:
                            stap = rng.choice((-1, 1))
                        idx = max(0, min(hoogste, self.niveaus.index(eerder.waarde) + stap))
                        cel = _Cel(self.niveaus[idx])
                        if stap > 0 and rng.random() < 0.15:
                            cel.toelichting = rng.choice(_TOELICHTINGEN_VERVOLG)
                    if not cel.toelichting and rng.random() < 0.07:
                        cel.toelichting = rng.choice(_TOELICHTINGEN[cel.waarde])
                    laag = cel.waarde in (WEET_NIET, self.niveaus[0])
                    cel.bespreekpunt = rng.random() < (0.12 if laag else 0.015)
                    cellen[(g.cbs, vraag.id)] = cel
        return cellen

    def _cel(self, idx: float, overal_nvt: bool = False, *, nvt_mag: bool = True) -> _Cel:
        rng = self.rng
        kans = rng.random()
        if (overal_nvt or kans < 0.012) and nvt_mag:
            waarde: int | str = NIET_VAN_TOEPASSING
        elif kans < 0.062:
            waarde = WEET_NIET
        else:
            waarde = self.niveaus[max(0, min(len(self.niveaus) - 1, round(idx)))]
        cel = _Cel(waarde)
        if rng.random() < 0.10:
            cel.toelichting = rng.choice(_TOELICHTINGEN[waarde])
        laag = waarde == WEET_NIET or waarde == self.niveaus[0]
        cel.bespreekpunt = rng.random() < (0.15 if laag else 0.02)
        return cel

    # --- everything around the answers ---------------------------------------------------

    def ambities(self, cellen: dict[tuple[str, str], _Cel]) -> list[dict]:
        """Per gemeente, one level up on its three weakest thema's, recorded after the report."""
        rng, hoogste = self.rng, self.niveaus[-1]
        moment = datetime.combine(self.datum + timedelta(days=37), time(13, 0), tzinfo=UTC)
        uit = []
        for g in self.gemeenten:
            gemiddeld = {}
            for thema in self.vragenlijst.themas:
                niveaus = [cellen[(g.cbs, v.id)].waarde for v in thema.vragen]
                niveaus = [n for n in niveaus if isinstance(n, int)]
                if niveaus:
                    gemiddeld[thema.id] = sum(niveaus) / len(niveaus)
            zwakste = sorted(gemiddeld, key=lambda t: (gemiddeld[t], t))[:3]
            for t_nr, thema in enumerate(self.vragenlijst.themas):
                if thema.id in zwakste and gemiddeld[thema.id] < hoogste:
                    doel = min(hoogste, int(gemiddeld[thema.id]) + 1)
                    uit.append(
                        {
                            "cbs": g.cbs,
                            "thema_id": thema.id,
                            "niveau": doel,
                            "tekst": rng.choice(_AMBITIES),
                            "wie": _AMBITIE_WIE[t_nr % len(_AMBITIE_WIE)],
                            "wanneer": (
                                f"{self.datum.year + 1}-06-30"
                                if t_nr % 3 == 0
                                else f"{self.datum.year + 1}-Q{1 + t_nr % 4}"
                            ),
                            "versie": 1,
                            "gewijzigd_op": _tijd(moment),
                            "gewijzigd_door": f"gemeente {g.naam} (demo)",
                        }
                    )
                    moment += timedelta(minutes=rng.randint(2, 9))
        return uit

    def export(
        self,
        soort: str,
        cellen: dict[tuple[str, str], _Cel],
        *,
        vorige: str | None = None,
        heropend: bool = False,
    ) -> dict:
        rng, lijst = self.rng, self.vragenlijst
        aangemaakt = datetime.combine(self.datum - timedelta(days=8), time(12, 40), tzinfo=UTC)
        per_vraag = timedelta(minutes=150) / max(1, len(lijst.vragen))
        antwoorden, moment = [], self.start
        for g_nr, g in enumerate(self.gemeenten):
            for v_nr, vraag in enumerate(lijst.vragen):
                cel = cellen[(g.cbs, vraag.id)]
                moment = self.start + v_nr * per_vraag + timedelta(seconds=20 * g_nr)
                antwoorden.append(
                    {
                        "cbs": g.cbs,
                        "vraag_id": vraag.id,
                        "waarde": cel.waarde,
                        "toelichting": cel.toelichting,
                        "bespreekpunt": cel.bespreekpunt,
                        "overgenomen": False,
                        "versie": 1,
                        "gewijzigd_op": _tijd(moment),
                        "gewijzigd_door": GESPREKSLEIDER,
                    }
                )
        notities = []
        gebruikt: set[str] = set()
        for t_nr, thema in enumerate(lijst.themas):
            if rng.random() < 0.55:
                tekst = rng.choice(_NOTITIES)
                if len(self.gemeenten) > 1 and rng.random() < 0.25:
                    tekst = _NOTITIE_VERSCHIL.replace("{gemeente}", rng.choice(self.gemeenten).naam)
                elif tekst in gebruikt:
                    # A note is about its thema: the same words on several thema's would read
                    # as pasted. The draws stay (the rest of the demo stays as it was); a text
                    # used already gives way to the next unused one, or to no note at all.
                    tekst = next((t for t in _NOTITIES if t not in gebruikt), None)
                    if tekst is None:
                        continue
                gebruikt.add(tekst)
                einde = self.start + (
                    sum(len(t.vragen) for t in lijst.themas[: t_nr + 1]) * per_vraag
                )
                notities.append(
                    {
                        "thema_id": thema.id,
                        "cbs": None,
                        "tekst": tekst.replace("{thema}", thema.label),
                        "versie": 1,
                        "gewijzigd_op": _tijd(einde),
                        "gewijzigd_door": GESPREKSLEIDER,
                    }
                )
                # The second thema with a note also gets one for the first gemeente only: the
                # demo shows a note that only that gemeente's report carries. No draw.
                if sum(1 for n in notities if n["cbs"] is None) == 2 and len(self.gemeenten) > 1:
                    eerste = self.gemeenten[0]
                    notities.append(
                        {
                            "thema_id": thema.id,
                            "cbs": eerste.cbs,
                            "tekst": _NOTITIE_GEMEENTE.replace("{gemeente}", eerste.naam).replace(
                                "{thema}", thema.label
                            ),
                            "versie": 1,
                            "gewijzigd_op": _tijd(einde),
                            "gewijzigd_door": GESPREKSLEIDER,
                        }
                    )
        afgerond = self.start + timedelta(minutes=165)
        totaal = len(self.gemeenten) * len(lijst.vragen)
        logboek = [
            {
                "tijd": _tijd(aangemaakt),
                "wie": GESPREKSLEIDER,
                "actie": "aangemaakt",
                "details": f"DEMO; vragenlijst {lijst.titel}, versie {lijst.versie}; gemeenten: "
                + ", ".join(g.naam for g in self.gemeenten),
            },
            {
                "tijd": _tijd(afgerond),
                "wie": GESPREKSLEIDER,
                "actie": "afgerond",
                "details": f"{totaal} van {totaal} antwoorden ingevuld",
            },
        ]
        if heropend:
            later = afgerond + timedelta(days=2, hours=1)
            laatste = self.gemeenten[-1].naam
            logboek += [
                {
                    "tijd": _tijd(later),
                    "wie": GESPREKSLEIDER,
                    "actie": "heropend",
                    "details": f"{laatste} leverde na de sessie nog een toelichting aan.",
                },
                {
                    "tijd": _tijd(later + timedelta(minutes=6)),
                    "wie": GESPREKSLEIDER,
                    "actie": "afgerond",
                    "details": f"{totaal} van {totaal} antwoorden ingevuld",
                },
            ]
            afgerond = later + timedelta(minutes=6)
        titel = f"DEMO – {soort[0].upper()}{soort[1:]} {self.datum.year} {self.subregio.naam}"
        return {
            "uuid": self.uuid,
            "titel": titel,
            "regio_id": self.regio.id,
            "regio_naam": self.regio.naam,
            "subregio_id": self.subregio.id,
            "subregio_naam": self.subregio.naam,
            "jaar": self.datum.year,
            "periode": f"oktober {self.datum.year}",
            "soort": soort,
            "datum": self.datum.isoformat(),
            "status": opslag.AFGEROND,
            "vorige_meting": vorige,
            "huidig_thema": None,
            "demo": True,
            "aangemaakt_op": _tijd(aangemaakt),
            "aangemaakt_door": GESPREKSLEIDER,
            "afgerond_op": _tijd(afgerond),
            "vragenlijst": {
                "id": lijst.id,
                "versie": lijst.versie,
                "hash": lijst.hash,
                "inhoud": _inhoud(lijst),
            },
            "gemeenten": [{"cbs": g.cbs, "naam": g.naam} for g in self.gemeenten],
            "antwoorden": antwoorden,
            "notities": notities,
            "deelnemers": self._deelnemers(),
            "ambities": [],
            "logboek": logboek,
            # The demo's sessions were held without phones: no votes.
            "deelname": {"stemmers": [], "stemmen": [], "besluiten": []},
        }

    def _deelnemers(self) -> list[dict]:
        """4–8 people by organisation and role; no names (none are needed)."""
        rng = self.rng
        mensen = [
            {
                "organisatie": f"Gemeente {g.naam}",
                "rol": "Beleidsadviseur huiselijk geweld en kindermishandeling",
                "naam": None,
                "cbs": g.cbs,
            }
            for g in self.gemeenten
        ]
        extra = [
            {
                "organisatie": f"Sociaal wijkteam {g.naam}",
                "rol": "Teamleider",
                "naam": None,
                "cbs": g.cbs,
            }
            for g in self.gemeenten
        ]
        extra += [
            {
                "organisatie": "Centrum voor Jeugd en Gezin",
                "rol": "Teamleider",
                "naam": None,
                "cbs": None,
            },
            {
                "organisatie": f"Sociaal wijkteam {self.gemeenten[0].naam}",
                "rol": "Aandachtsfunctionaris huiselijk geweld",
                "naam": None,
                "cbs": self.gemeenten[0].cbs,
            },
        ]
        vast = [
            {
                "organisatie": "Veilig Thuis Kennemerland",
                "rol": "Adviseur",
                "naam": None,
                "cbs": None,
            },
            {
                "organisatie": "Regio Kennemerland",
                "rol": "Projectleider Actieprogramma (gespreksleider)",
                "naam": None,
                "cbs": None,
            },
        ]
        ruimte = max(0, 8 - len(mensen) - len(vast))
        minimum = max(0, 4 - len(mensen) - len(vast))
        ruimte = min(ruimte, len(extra))
        # At least one team lead when there is room: the teams are who the scan is about.
        aantal = rng.randint(min(ruimte, max(1, minimum)), ruimte)
        gekozen = rng.sample(extra, k=aantal)
        return mensen + sorted(gekozen, key=extra.index) + vast


def _inhoud(vragenlijst: Vragenlijst) -> dict:
    return json.loads(vragenlijst.json)


def _tijd(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat(timespec="seconds")

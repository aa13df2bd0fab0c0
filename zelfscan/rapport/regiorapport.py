"""The regio-wide overview: every subregio's meting of one year, for the project lead and the
stuurgroep.

Gathering (:func:`regio_gegevens`, pure; :func:`verzamel_regio` reads the database) builds on
the subregio overviews of :mod:`.gegevens`; the layout reuses the building blocks of
:mod:`.overzicht` and the styles of :mod:`.opmaak`. Same data, same PDF.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, NextPageTemplate, PageBreak, Spacer

from .. import opslag
from ..errors import NietGevonden
from ..inlezen.model import Thema, Vragenlijst
from ..scores import advies, resultaten
from ..scores.weergave import aanhalen, datum_nl, getal, meervoud, opsomming
from .document import Kop, bouw, inhoudsopgave
from .gegevens import GemeenteRapport
from .heatmap import heatmap as heatmap_tekening
from .opmaak import (
    BREEDTE,
    HOOGTE,
    ONDERDEELRIJ,
    band_kleur,
    band_woord,
    breedtes_voor,
    kopcellen,
    p,
    pt,
    stijlen,
    tabel,
)
from .overzichtgegevens import OverzichtRapport, verzamel_overzicht
from .rapportdelen import agenda_sectie, gegevens_tabel, gemaakt_op, over_de_zelfscan

# --- gathering ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubregioDeel:
    """One subregio in the regio overview: the meting chosen for it and what it shows."""

    overzicht: OverzichtRapport
    overgeslagen: tuple[opslag.Meting, ...]  # other metingen of this subregio in that year
    gemiddelde: float | None  # mean of the gemeenten's total scores
    zwakste: tuple[tuple[Thema, float], ...]  # lowest subregio means, lowest first

    @property
    def meting(self) -> opslag.Meting:
        return self.overzicht.meting

    @property
    def naam(self) -> str:
        return self.overzicht.meting.subregio_naam

    @property
    def gemeenten(self) -> tuple[GemeenteRapport, ...]:
        return self.overzicht.gemeenten


@dataclass(frozen=True)
class ZwakRegel:
    """A thema that is a verbeterpunt for at least half of all gemeenten in the regio."""

    thema: Thema
    per_subregio: tuple[tuple[str, int, int], ...]  # (subregio, verbeterpunt for, gemeenten)
    aantal: int  # gemeenten for which it is a verbeterpunt
    gemiddelde: float | None  # mean score over the regio's gemeenten with a score


@dataclass(frozen=True)
class RegioRapport:
    regio_id: str
    regio_naam: str
    jaar: int
    vragenlijst: Vragenlijst  # of the first subregio; thema's are matched by id
    zelfde_vragenlijst: bool
    delen: tuple[SubregioDeel, ...]
    zwak: tuple[ZwakRegel, ...]
    sterk: tuple[Thema, ...]  # every gemeente with a score scores 'sterk'
    samenvatting: tuple[str, ...]
    agenda: tuple[advies.AgendaPunt, ...] = ()  # the subregio's regional agendas, merged

    @property
    def gemeenten(self) -> tuple[tuple[SubregioDeel, GemeenteRapport], ...]:
        return tuple((d, g) for d in self.delen for g in d.gemeenten)

    @property
    def demo(self) -> bool:
        return any(d.meting.demo for d in self.delen)

    @property
    def concept(self) -> tuple[SubregioDeel, ...]:
        return tuple(d for d in self.delen if not d.meting.afgerond)

    @property
    def titel(self) -> str:
        return f"Zelfscan Werken aan Veiligheid – regio-overzicht {self.regio_naam} – {self.jaar}"


def thema_score(g: GemeenteRapport, thema_id: str) -> float | None:
    """A gemeente's score on a thema; None without a score or when its vragenlijst lacks it."""
    for t in g.themas:
        if t.thema.id == thema_id:
            return t.score.score
    return None


def _gemiddelde(waarden: Sequence[float | None]) -> float | None:
    getallen = [Fraction(w) for w in waarden if w is not None]
    return float(sum(getallen) / len(getallen)) if getallen else None


def _deel(overzicht: OverzichtRapport, overgeslagen: Sequence[opslag.Meting]) -> SubregioDeel:
    volgorde = {t.id: i for i, t in enumerate(overzicht.vragenlijst.themas)}
    gemiddelden = [
        (overzicht.vragenlijst.thema(s.thema_id), s.gemiddelde)
        for s in overzicht.resultaat.per_thema.values()
        if s.gemiddelde is not None
    ]
    gemiddelden.sort(key=lambda ts: (ts[1], volgorde[ts[0].id]))
    return SubregioDeel(
        overzicht=overzicht,
        overgeslagen=tuple(overgeslagen),
        gemiddelde=_gemiddelde([g.totaal for g in overzicht.gemeenten]),
        zwakste=tuple(gemiddelden[:3]),
    )


def regio_gegevens(
    overzichten: Sequence[tuple[OverzichtRapport, Sequence[opslag.Meting]]],
) -> RegioRapport:
    """The regio overview from the subregio overviews (each with the metingen of that subregio
    that were left out), in the order given (pure)."""
    delen = tuple(_deel(o, overgeslagen) for o, overgeslagen in overzichten)
    eerste = delen[0].overzicht
    vragenlijst = eerste.vragenlijst
    alle = [g for d in delen for g in d.gemeenten]

    drempel = max(1, (len(alle) + 1) // 2)
    zwak = []
    for thema in vragenlijst.themas:
        per_subregio = []
        for d in delen:
            # Every verbeterpunt counts, also one left out of a gemeente's capped list.
            n = sum(
                1
                for g in d.gemeenten
                if any(v.thema.id == thema.id for v in (*g.verbeterpunten, *g.weggelaten))
            )
            per_subregio.append((d.naam, n, len(d.gemeenten)))
        aantal = sum(n for _, n, _ in per_subregio)
        if aantal >= drempel:
            zwak.append(
                ZwakRegel(
                    thema=thema,
                    per_subregio=tuple(per_subregio),
                    aantal=aantal,
                    gemiddelde=_gemiddelde([thema_score(g, thema.id) for g in alle]),
                )
            )
    volgorde = {t.id: i for i, t in enumerate(vragenlijst.themas)}
    zwak.sort(key=lambda z: (-z.aantal, volgorde[z.thema.id]))

    sterk_grens = resultaten.BANDEN[0][0]
    sterk = []
    for thema in vragenlijst.themas:
        scores = [s for g in alle if (s := thema_score(g, thema.id)) is not None]
        if scores and min(scores) >= sterk_grens:
            sterk.append(thema)

    m = eerste.meting
    rapport = RegioRapport(
        regio_id=m.regio_id,
        regio_naam=m.regio_naam,
        jaar=m.jaar,
        vragenlijst=vragenlijst,
        zelfde_vragenlijst=all(d.meting.vragenlijst_hash == m.vragenlijst_hash for d in delen),
        delen=delen,
        zwak=tuple(zwak),
        sterk=tuple(sterk),
        samenvatting=(),
        agenda=advies.samengevoegde_agenda(
            vragenlijst, [d.overzicht.resultaat.agenda for d in delen]
        ),
    )
    return replace(rapport, samenvatting=samenvatting_regio(rapport))


def samenvatting_regio(r: RegioRapport) -> tuple[str, ...]:
    zinnen = []
    alle = [g for _, g in r.gemeenten]
    subs = [f"{d.naam} ({len(d.gemeenten)})" for d in r.delen]
    zinnen.append(
        f"In regio {r.regio_naam} deden in {r.jaar} "
        f"{meervoud(len(alle), 'gemeente', 'gemeenten')} mee aan de zelfscan, verdeeld over "
        f"{meervoud(len(r.delen), 'subregio', 'subregio’s')}: {opsomming(subs)}."
    )
    met_totaal = [g for g in alle if g.totaal is not None]
    if len(met_totaal) >= 2:
        laag = min(met_totaal, key=lambda g: g.totaal)
        hoog = max(met_totaal, key=lambda g: g.totaal)
        zinnen.append(
            f"De totaalscores lopen van {getal(laag.totaal)} ({laag.naam}) tot "
            f"{getal(hoog.totaal)} ({hoog.naam}); gemiddeld "
            f"{getal(_gemiddelde([g.totaal for g in met_totaal]))} van de 100."
        )
    elif met_totaal:
        zinnen.append(
            f"De totaalscore van {met_totaal[0].naam} is {getal(met_totaal[0].totaal)} van de 100."
        )
    met_gemiddelde = [d for d in r.delen if d.gemiddelde is not None]
    if len(met_gemiddelde) >= 2:
        delen = [f"{d.naam} {getal(d.gemiddelde)}" for d in met_gemiddelde]
        zinnen.append(f"Gemiddeld per subregio: {opsomming(delen)}.")
    if r.zwak:
        titels = opsomming([f"{aanhalen(z.thema.titel)} ({z.aantal})" for z in r.zwak])
        zinnen.append(
            "Zwak in de hele regio – een verbeterpunt voor minstens de helft van alle "
            f"gemeenten – {'is' if len(r.zwak) == 1 else 'zijn'} {titels}; tussen haakjes het "
            "aantal gemeenten. Hier ligt een kans voor een gezamenlijke, regionale aanpak."
        )
    else:
        zinnen.append(
            "Er is geen thema dat voor de helft van alle gemeenten in de regio een verbeterpunt is."
        )
    if r.sterk:
        zinnen.append(
            "Bij alle gemeenten sterk (70 of hoger): "
            f"{opsomming([aanhalen(t.titel) for t in r.sterk])}."
        )
    else:
        zinnen.append("Er is geen thema waarop alle gemeenten sterk (70 of hoger) scoren.")
    if r.agenda:
        titels = opsomming([aanhalen(r.vragenlijst.thema(a.thema_id).titel) for a in r.agenda])
        zinnen.append(
            "Op de regionale agenda – verbeterpunten die de gemeenten samen met de regionale "
            f"partners moeten oppakken – {'staat' if len(r.agenda) == 1 else 'staan'} {titels}."
        )
    if r.concept:
        namen = opsomming([d.naam for d in r.concept])
        zinnen.append(
            f"De meting van {namen} is nog niet afgerond; de uitkomsten kunnen nog veranderen."
        )
    if not r.zelfde_vragenlijst:
        zinnen.append(
            "Niet alle subregio’s gebruikten dezelfde versie van de vragenlijst; thema’s zijn "
            "vergeleken op hun code."
        )
    return tuple(zinnen)


def _plat(tekst: str) -> str:
    plat = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plat.lower()).strip("-")


def kies_metingen(
    metingen: Sequence[opslag.Meting], regio: str, jaar: int
) -> list[tuple[opslag.Meting, list[opslag.Meting]]]:
    """Per subregio (by name) the meting the regio overview uses – the afgeronde, newest – with
    the other metingen of that subregio in that year. ``regio`` is the id or the name."""
    gezocht = _plat(regio)
    van_regio = [m for m in metingen if gezocht in (_plat(m.regio_id), _plat(m.regio_naam))]
    gekozen = [m for m in van_regio if m.jaar == jaar]
    if not gekozen:
        if van_regio:
            jaren = sorted({m.jaar for m in van_regio})
            raise NietGevonden(
                f"Er zijn geen metingen van regio {van_regio[0].regio_naam} in {jaar}. "
                f"Wel in: {', '.join(map(str, jaren))}."
            )
        regios = sorted({(m.regio_id, m.regio_naam) for m in metingen})
        keuze = ", ".join(f"{i} ({n})" for i, n in regios) or "geen: de database is leeg"
        raise NietGevonden(
            f"Er zijn geen metingen van regio '{regio}' in deze database. Regio’s: {keuze}."
        )
    per_subregio: dict[str, list[opslag.Meting]] = {}
    for m in gekozen:
        per_subregio.setdefault(m.subregio_id, []).append(m)
    uit = []
    for groep in per_subregio.values():
        groep.sort(key=lambda m: (m.afgerond, m.datum, m.id), reverse=True)
        uit.append((groep[0], groep[1:]))
    uit.sort(key=lambda mg: (mg[0].subregio_naam.casefold(), mg[0].subregio_id))
    return uit


def verzamel_regio(db, regio: str, jaar: int, *, op_id: bool = False) -> RegioRapport:
    """``regio`` is an id or a name (the CLI). ``op_id``: exactly a regio id (the web app,
    whose scope is by id): only that regio's metingen of that year are read, never those of a
    regio whose name merely looks alike, and not every meting in the database."""
    if op_id:
        ids = [k.id for k in opslag.meting_koppen(db) if k.regio_id == regio and k.jaar == jaar]
        if not ids:
            raise NietGevonden(f"Er zijn geen metingen van deze regio in {jaar}.")
        metingen = opslag.metingen(db, ids)
    else:
        metingen = opslag.metingen(db)
    return regio_gegevens(
        [(verzamel_overzicht(db, m.id), rest) for m, rest in kies_metingen(metingen, regio, jaar)]
    )


# --- layout -------------------------------------------------------------------------------------


def maak(r: RegioRapport) -> bytes:
    stijlen()  # registers the fonts, which column widths are measured in
    verhaal: list = []
    verhaal += omslag(r)
    verhaal += samenvatting(r)
    verhaal += heatmap(r)
    verhaal += per_subregio(r)
    verhaal += zwak(r)
    if r.agenda:
        verhaal += agenda_sectie(r.vragenlijst, r.agenda)
    verhaal += scoretabel(r)
    eerste = r.delen[0].meting
    verhaal += over_de_zelfscan(eerste, r.vragenlijst, ())
    return bouw(
        verhaal,
        titel=r.titel,
        onderwerp=(
            f"Overzicht van de zelfscan Werken aan Veiligheid voor regio {r.regio_naam} in "
            f"{r.jaar}: scores per thema en gemeente in alle subregio’s"
        ),
        kop_links=f"Zelfscan Werken aan Veiligheid – regio-overzicht {r.regio_naam}",
        kop_rechts=f"Regio {r.regio_naam} · {r.jaar}",
        gemaakt=max(gemaakt_op(d.meting) for d in r.delen),
        concept=(
            "CONCEPT – niet alle metingen zijn afgerond; de uitkomsten kunnen nog veranderen"
            if r.concept
            else None
        ),
    )


def omslag(r: RegioRapport) -> list:
    alle = [g for _, g in r.gemeenten]
    vl = r.vragenlijst
    rijen = [
        ("Regio", r.regio_naam),
        ("Jaar", str(r.jaar)),
        (
            "Deelname",
            f"{meervoud(len(alle), 'gemeente', 'gemeenten')} in "
            f"{meervoud(len(r.delen), 'subregio', 'subregio’s')}",
        ),
        ("Vragenlijst", f"{vl.titel}, versie {vl.versie}"),
    ]
    kop = ["Subregio", "Meting", "Sessie", "Gemeenten", "Status"]
    breedtes = breedtes_voor(kop, [32 * mm, 0, 30 * mm, 18 * mm, 20 * mm], vrij=1)
    tab = [kopcellen(kop, rechts=(3,))]
    for d in r.delen:
        m = d.meting
        meting = [pt(m.titel, "CelK")]
        if d.overgeslagen:
            meting.append(
                pt(
                    "Niet gebruikt: " + opsomming([x.titel for x in d.overgeslagen]) + ".",
                    "CelZacht",
                )
            )
        tab.append(
            [
                pt(m.subregio_naam, "CelK"),
                meting,
                pt(datum_nl(m.datum), "CelK"),
                pt(str(len(m.gemeenten)), "CelKRechts"),
                pt("afgerond" if m.afgerond else "concept", "CelK" if m.afgerond else "CelKVet"),
            ]
        )
    meldingen = []
    if r.demo:
        meldingen.append(
            p(
                "DEMO – dit rapport is gemaakt met verzonnen voorbeeldgegevens. Het zegt niets "
                "over de echte situatie.",
                "Melding",
            )
        )
    if r.concept:
        meldingen.append(
            p(
                "CONCEPT – niet alle metingen zijn afgerond. De uitkomsten kunnen nog veranderen.",
                "Melding",
            )
        )
    return [
        Spacer(1, 18 * mm),
        pt(
            "Zelfscan Werken aan Veiligheid · regio-overzicht voor projectleiding en stuurgroep",
            "Omslagboven",
        ),
        pt(f"Regio {r.regio_naam}", "Omslagtitel"),
        pt(f"Alle subregio’s in {r.jaar}", "Omslagsub"),
        Spacer(1, 8 * mm),
        gegevens_tabel(rijen),
        Spacer(1, 4 * mm),
        p("De metingen", "Kop3"),
        tabel(tab, breedtes),
        *meldingen,
        Spacer(1, 10 * mm),
        p("<b>Inhoud</b>", "Kop3"),
        inhoudsopgave(),
        NextPageTemplate("gewoon"),
        PageBreak(),
    ]


def samenvatting(r: RegioRapport) -> list:
    uit: list = [Kop("Samenvatting", sleutel="samenvatting")]
    uit += [pt(zin, "Samenvatting") for zin in r.samenvatting]
    kop = ["Subregio", "Gemeente", "Totaal", "Kleur", "Beantwoord", "Verbeterpunten"]
    breedtes = breedtes_voor(kop, [34 * mm, 0, 14 * mm, 16 * mm, 20 * mm, 20 * mm], vrij=1)
    rijen = [kopcellen(kop, rechts=(2, 4, 5))]
    extra = []
    for d in r.delen:
        for nr, g in enumerate(d.gemeenten):
            i = len(rijen)
            rijen.append(
                [
                    pt(d.naam if nr == 0 else "", "Cel"),
                    pt(g.naam, "Cel"),
                    pt(getal(g.totaal), "CelRechts"),
                    pt(band_woord(g.totaal), "Cel"),
                    pt(f"{round(g.dekking * 100)}%", "CelRechts"),
                    pt(str(len(g.verbeterpunten)), "CelRechts"),
                ]
            )
            if (kleur := band_kleur(g.totaal)) is not None:
                extra.append(("BACKGROUND", (2, i), (3, i), kleur))
    uit += [
        Spacer(1, 2 * mm),
        KeepTogether([p("De gemeenten", "Kop3"), tabel(rijen, breedtes, extra=extra)]),
        p(
            "Totaal: de totaalscore (0–100). Beantwoord: het deel van de vragen dat met een "
            "niveau is beantwoord. Elke subregio heeft een eigen overzicht en elke gemeente "
            "een eigen rapport met alle scores en suggesties.",
            "Zacht",
        ),
        PageBreak(),
    ]
    return uit


def heatmap(r: RegioRapport) -> list:
    themas = r.vragenlijst.themas
    gemeenten = [g for _, g in r.gemeenten]
    # As in the subregio overview: the thema's down the rows, so the grid fits a portrait page;
    # the gemeenten side by side, grouped by subregio.
    waarden = [[thema_score(g, t.id) for g in gemeenten] for t in themas]
    kop = ["Subregio", "Gemeenten (kolommen van links naar rechts)"]
    rijen = [kopcellen(kop)]
    for d in r.delen:
        rijen.append([pt(d.naam, "CelK"), pt(opsomming([g.naam for g in d.gemeenten]), "CelK")])
    return [
        Kop("Scores per thema en gemeente", sleutel="heatmap"),
        pt(
            "Elk vakje is de score (0–100) van een gemeente op een thema, in de kleur van de "
            "band zoals in de tabellen. Het rondje voor het getal zegt hetzelfde zonder kleur: "
            "vol is sterk, half is midden, leeg is zwak (zie de sleutel naast de figuur). "
            "Een grijs gearceerd vakje met een streepje betekent: geen score "
            "(onvoldoende beantwoord of n.v.t.). De gemeenten staan per subregio bij elkaar, "
            "in de volgorde van de tabel onder de figuur. De gemiddelden per subregio staan in de "
            "tabel ‘Scores in cijfers’."
        ),
        Spacer(1, 2 * mm),
        heatmap_tekening(
            [t.label for t in themas],
            [g.naam for g in gemeenten],
            waarden,
            breedte=BREEDTE,
            hoogte=HOOGTE - 60 * mm - 8 * mm * len(r.delen),
        ),
        Spacer(1, 2 * mm),
        tabel(rijen, breedtes_voor(kop, [38 * mm, 0], vrij=1)),
        PageBreak(),
    ]


def per_subregio(r: RegioRapport) -> list:
    uit: list = [
        Kop("Per subregio", sleutel="subregios"),
        pt(
            "Per subregio in het kort: het gemiddelde van de totaalscores van de gemeenten en "
            "de thema’s met het laagste gemiddelde. Elke subregio heeft een eigen overzicht met "
            "alle scores, verschillen en suggesties."
        ),
    ]
    for d in r.delen:
        zinnen = []
        namen = [g.naam for g in d.gemeenten]
        wie = (
            f"1 gemeente: {namen[0]}"
            if len(namen) == 1
            else f"{len(namen)} gemeenten: {opsomming(namen)}"
        )
        zinnen.append(
            f"{d.meting.titel} ({datum_nl(d.meting.datum)}, "
            f"{'afgerond' if d.meting.afgerond else 'nog niet afgerond'}), met {wie}."
        )
        if d.gemiddelde is not None:
            if len(namen) == 1:
                zinnen.append(f"De totaalscore is {getal(d.gemiddelde)} van de 100.")
            else:
                met = [g for g in d.gemeenten if g.totaal is not None]
                laag = min(met, key=lambda g: g.totaal)
                hoog = max(met, key=lambda g: g.totaal)
                zinnen.append(
                    f"De totaalscores zijn gemiddeld {getal(d.gemiddelde)} van de 100, van "
                    f"{getal(laag.totaal)} ({laag.naam}) tot {getal(hoog.totaal)} ({hoog.naam})."
                )
        if d.zwakste:
            delen = [f"{aanhalen(t.titel)} ({getal(s)})" for t, s in d.zwakste]
            zinnen.append(
                f"Het laagst {'scoort' if len(namen) == 1 else 'scoren gemiddeld'} "
                f"{opsomming(delen)}."
            )
        if len(namen) > 1:
            ondergrens = resultaten.BANDEN[-1][2]
            if d.overzicht.zwak:
                titels = opsomming([aanhalen(t.titel) for t in d.overzicht.zwak])
                zinnen.append(f"Zwak bij elke gemeente in {d.naam} ({ondergrens}): {titels}.")
            else:
                zinnen.append(f"Geen thema is bij elke gemeente in {d.naam} zwak ({ondergrens}).")
        else:
            vp = d.gemeenten[0].verbeterpunten
            if vp:
                zinnen.append(
                    "Verbeterpunten: " + opsomming([aanhalen(v.thema.titel) for v in vp]) + "."
                )
        uit.append(
            KeepTogether(
                [Kop(d.naam, 1, sleutel=f"subregio-{d.meting.subregio_id}"), pt(" ".join(zinnen))]
            )
        )
    uit.append(PageBreak())
    return uit


def zwak(r: RegioRapport) -> list:
    uit: list = [
        Kop("Zwak in de hele regio", sleutel="zwak"),
        pt(
            "Deze thema’s zijn een verbeterpunt voor minstens de helft van alle gemeenten in de "
            f"regio ({len(r.gemeenten)} gemeenten). Omdat ze de hele regio raken, lenen ze zich "
            "voor een gezamenlijke, regionale aanpak. Per subregio staat hoeveel van haar "
            "gemeenten het thema als verbeterpunt hebben."
        ),
    ]
    if not r.zwak:
        uit.append(pt("Er is geen thema dat voor de helft van alle gemeenten een verbeterpunt is."))
    else:
        kop = ["Thema", *[d.naam for d in r.delen], "Regio", "Gemiddelde regio"]
        breedtes = breedtes_voor(kop, [0, *[14 * mm] * len(r.delen), 16 * mm, 18 * mm], vrij=0)
        rijen = [kopcellen(kop, rechts=range(1, len(kop)))]
        for z in r.zwak:
            rijen.append(
                [
                    pt(z.thema.titel, "CelK"),
                    *[pt(f"{n} van {m}", "CelKRechts") for _, n, m in z.per_subregio],
                    pt(f"{z.aantal} van {len(r.gemeenten)}", "CelKRechts"),
                    pt(getal(z.gemiddelde), "CelKRechts"),
                ]
            )
        uit += [Spacer(1, 2 * mm), tabel(rijen, breedtes)]
        uit.append(
            p(
                "Gemiddelde regio: het gemiddelde van de scores van de gemeenten met een score "
                "op dit thema (0–100).",
                "Zacht",
            )
        )
    if r.sterk:
        uit += [
            Spacer(1, 3 * mm),
            p("Sterk in de hele regio", "Kop3"),
            pt(
                "Bij alle gemeenten met een score 70 of hoger: "
                f"{opsomming([aanhalen(t.titel) for t in r.sterk])}."
            ),
        ]
    uit.append(PageBreak())
    return uit


def onderdeel_score(g: GemeenteRapport, onderdeel_id: str) -> float | None:
    for o in g.onderdelen:
        if o.id == onderdeel_id:
            return o.score
    return None


def scoretabel(r: RegioRapport) -> list:
    """Per onderdeel and thema (full titles, in the heatmap's order) the mean per subregio and
    over the regio, with the range over all gemeenten: the heatmap's numbers as text."""
    alle = [g for _, g in r.gemeenten]
    kop = ["Onderdeel / thema", *[d.naam for d in r.delen], "Regio", "Spreiding"]
    breedtes = breedtes_voor(kop, [0, *[14 * mm] * len(r.delen), 14 * mm, 18 * mm])
    rijen = [kopcellen(kop, rechts=range(1, len(kop)))]
    extra = []

    def rij(titel: str, stijl: str, scores) -> list:
        cellen = [pt(titel, stijl)]
        for d in r.delen:
            cellen.append(pt(getal(_gemiddelde([scores(g) for g in d.gemeenten])), "CelKRechts"))
        waarden = [w for g in alle if (w := scores(g)) is not None]
        cellen.append(pt(getal(_gemiddelde(waarden)), "CelKRechts"))
        spreiding = f"{getal(min(waarden))}–{getal(max(waarden))}" if waarden else "–"
        cellen.append(pt(spreiding, "CelKRechts"))
        return cellen

    for o in r.vragenlijst.onderdelen:
        i = len(rijen)
        rijen.append(rij(o.titel, "CelKVet", lambda g, o=o: onderdeel_score(g, o.id)))
        extra.append(("BACKGROUND", (0, i), (-1, i), ONDERDEELRIJ))
        for t in o.themas:
            i = len(rijen)
            rijen.append(rij(t.titel, "CelK", lambda g, t=t: thema_score(g, t.id)))
            extra.append(("LEFTPADDING", (0, i), (0, i), 12))
    extra += [("TOPPADDING", (0, 1), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 1), (-1, -1), 3)]
    return [
        Kop("Scores in cijfers", sleutel="cijfers"),
        pt(
            "Per onderdeel en thema het gemiddelde van de gemeenten per subregio en in de hele "
            "regio, en de spreiding (laagste–hoogste score) over alle gemeenten. De thema’s "
            "staan in dezelfde volgorde als in de figuur ‘Scores per thema en gemeente’."
        ),
        Spacer(1, 1 * mm),
        tabel(rijen, breedtes, extra=extra),
        PageBreak(),
    ]

"""What the overview report of a meting shows, gathered from the gemeente reports of all its
gemeenten: no reportlab, no layout. :func:`overzicht_gegevens` is pure; :func:`verzamel_overzicht`
reads from the database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from .. import opslag
from ..inlezen.model import Thema, Vragenlijst
from ..opslag import stemtabel
from ..scores import resultaten, scoring
from ..scores.weergave import aanhalen, getal, meervoud, opsomming
from . import stemminggegevens
from .gegevens import Deelnemer, GemeenteRapport, gemeente_gegevens


@dataclass(frozen=True)
class OverzichtRapport:
    meting: opslag.Meting
    vragenlijst: Vragenlijst
    resultaat: resultaten.MetingResultaat
    gemeenten: tuple[GemeenteRapport, ...]
    zwak: tuple[Thema, ...]  # band 'zwak' for every gemeente with a score (resultaten.ZWAK_REGEL)
    sterk: tuple[Thema, ...]  # every gemeente with a score scores 'sterk'
    verschillen: tuple[tuple[Thema, scoring.Spreiding], ...]  # largest spread first
    # Per thema its notes, the one for all first: (None or the gemeente's name, text). The
    # overview is the facilitator's, so it carries every gemeente's own note, labelled.
    notities: Mapping[str, tuple[tuple[str | None, str], ...]]
    deelnemers: tuple[Deelnemer, ...]
    vorige_titel: str | None
    samenvatting: tuple[str, ...]
    # Where the room's votes were most divided (issue 19); empty without votes.
    verdeeld: tuple[stemminggegevens.SubregioVerdeeld, ...] = ()

    @property
    def titel(self) -> str:
        return (
            f"Zelfscan Werken aan Veiligheid – overzicht {self.meting.subregio_naam} – "
            f"{self.meting.titel}"
        )


def overzicht_gegevens(gemeenten: Sequence[GemeenteRapport], resultaat, notities, deelnemers):
    """The overview of a meting from the gemeente reports of all its gemeenten (pure)."""
    eerste = gemeenten[0]
    meting, vragenlijst = eerste.meting, eerste.vragenlijst
    zwak = tuple(vragenlijst.thema(t) for t in resultaat.zwak_in_hele_subregio())
    sterk_grens = resultaten.BANDEN[0][0]
    sterk = tuple(
        t
        for t in vragenlijst.themas
        if (s := resultaat.per_thema[t.id]).aantal and s.minimum >= sterk_grens
    )
    volgorde = {t.id: i for i, t in enumerate(vragenlijst.themas)}
    verschillen = tuple(
        (vragenlijst.thema(s.thema_id), s)
        for s in sorted(
            (s for s in resultaat.per_thema.values() if s.aantal >= 2 and s.spreiding),
            key=lambda s: (-s.spreiding, volgorde[s.thema_id]),
        )[:3]
    )
    rapport = OverzichtRapport(
        meting=meting,
        vragenlijst=vragenlijst,
        resultaat=resultaat,
        gemeenten=tuple(gemeenten),
        zwak=zwak,
        sterk=sterk,
        verschillen=verschillen,
        notities=_notities_per_thema(meting, notities),
        deelnemers=tuple(Deelnemer(d.organisatie, d.rol) for d in deelnemers),
        vorige_titel=eerste.ontwikkeling.vorige_titel if eerste.ontwikkeling else None,
        samenvatting=(),
    )
    return replace(rapport, samenvatting=samenvatting_overzicht(rapport))


def _notities_per_thema(meting: opslag.Meting, notities: Mapping) -> dict:
    volgorde = {g.cbs: i for i, g in enumerate(meting.gemeenten)}
    namen = {g.cbs: g.naam for g in meting.gemeenten}
    uit: dict[str, list] = {}
    for (thema_id, cbs), n in sorted(
        notities.items(), key=lambda kv: -1 if kv[0][1] is None else volgorde.get(kv[0][1], 0)
    ):
        if tekst := (n.tekst or "").strip():
            uit.setdefault(thema_id, []).append((None if cbs is None else namen[cbs], tekst))
    return {t: tuple(lijst) for t, lijst in uit.items()}


def samenvatting_overzicht(r: OverzichtRapport) -> tuple[str, ...]:
    zinnen = []
    namen = [g.naam for g in r.gemeenten]
    sub = r.meting.subregio_naam
    if len(namen) == 1:
        zinnen.append(f"In subregio {sub} deed 1 gemeente mee: {namen[0]}.")
    else:
        zinnen.append(f"In subregio {sub} deden {len(namen)} gemeenten mee: {opsomming(namen)}.")
    met_totaal = [g for g in r.gemeenten if g.totaal is not None]
    if len(met_totaal) >= 2:
        laag = min(met_totaal, key=lambda g: g.totaal)
        hoog = max(met_totaal, key=lambda g: g.totaal)
        gemiddeld = float(sum(Fraction(g.totaal) for g in met_totaal) / len(met_totaal))
        zinnen.append(
            f"De totaalscores lopen van {getal(laag.totaal)} ({laag.naam}) tot "
            f"{getal(hoog.totaal)} ({hoog.naam}); gemiddeld {getal(gemiddeld)} van de 100."
        )
    elif met_totaal:
        zinnen.append(f"De totaalscore is {getal(met_totaal[0].totaal)} van de 100.")
    ondergrens = resultaten.BANDEN[-1][2]
    if r.zwak:
        titels = opsomming([aanhalen(t.titel) for t in r.zwak])
        if len(namen) == 1:
            zinnen.append(f"Zwak ({ondergrens}): {titels}.")
        else:
            zinnen.append(
                f"Zwak in de hele subregio – bij elke gemeente {ondergrens} – "
                f"{'is' if len(r.zwak) == 1 else 'zijn'} {titels}. Hier ligt een kans voor "
                "gezamenlijke actie."
            )
    elif len(namen) > 1:
        zinnen.append(f"Er is geen thema dat bij alle gemeenten zwak ({ondergrens}) scoort.")
    if r.resultaat.agenda:
        titels = opsomming(
            [aanhalen(r.vragenlijst.thema(a.thema_id).titel) for a in r.resultaat.agenda]
        )
        zinnen.append(
            f"Op de regionale agenda – verbeterpunten die de gemeenten samen met de regionale "
            f"partners moeten oppakken – {'staat' if len(r.resultaat.agenda) == 1 else 'staan'} "
            f"{titels}."
        )
    if r.sterk:
        zinnen.append(
            f"{'Bij alle gemeenten sterk' if len(namen) > 1 else 'Sterk'} (70 of hoger): "
            f"{opsomming([aanhalen(t.titel) for t in r.sterk])}."
        )
    if r.verschillen:
        delen = [
            f"{aanhalen(t.titel)} ({getal(s.minimum)} tot {getal(s.maximum)})"
            for t, s in r.verschillen
        ]
        zinnen.append(
            f"De grootste verschillen tussen de gemeenten zitten in {opsomming(delen)}. "
            "Daar kunnen gemeenten van elkaar leren."
        )
    zicht = [g for g in r.gemeenten if g.zicht_ontbreekt]
    if zicht:
        delen = [
            f"{g.naam} bij {meervoud(len(g.zicht_ontbreekt), 'thema', 'thema’s')}" for g in zicht
        ]
        zinnen.append(f"Zicht ontbreekt (vaak ‘weet niet’): {opsomming(delen)}.")
    if r.vorige_titel:
        omhoog = sum(len(g.ontwikkeling.omhoog) for g in r.gemeenten if g.ontwikkeling)
        omlaag = sum(len(g.ontwikkeling.omlaag) for g in r.gemeenten if g.ontwikkeling)
        ambities = sum(len(g.ontwikkeling.ambities) for g in r.gemeenten if g.ontwikkeling)
        gehaald = sum(len(g.ontwikkeling.gehaald) for g in r.gemeenten if g.ontwikkeling)
        zin = (
            f"Sinds de vorige meting ({r.vorige_titel}) is er over alle gemeenten samen "
            f"{omhoog} keer een thema gestegen en {omlaag} keer gedaald; een thema telt pas als "
            "het meer veranderde dan één stap op één vraag kan geven."
        )
        if ambities:
            zin += f" Van de {ambities} ambities zijn er {gehaald} gehaald."
        zinnen.append(zin)
    return tuple(zinnen)


def verzamel_overzicht(db, meting_id: int) -> OverzichtRapport:
    blik = opslag.geschiedenis(db, meting_id, hele_keten=False)
    meting, antwoorden = blik.meting, blik.antwoorden[blik.meting.id]
    resultaat = resultaten.bereken(meting, antwoorden)
    notities = opslag.notities(db, meting.id)
    deelnemers = opslag.deelnemers(db, meting.id)
    ambities = opslag.ambities(db, meting.id)
    gemeenten = [
        gemeente_gegevens(
            meting,
            antwoorden,
            g.cbs,
            notities=notities,
            deelnemers=deelnemers,
            ambities=ambities,
            vorige=blik.vorige,
            vorige_antwoorden=blik.vorige_antwoorden,
            vorige_ambities=blik.vorige_ambities if blik.vorige else None,
            resultaat=resultaat,
        )
        for g in meting.gemeenten
    ]
    uit = overzicht_gegevens(gemeenten, resultaat, notities, deelnemers)
    verdeeld = stemminggegevens.verzamel_subregio(meting, stemtabel.stemmen(db, meting.id))
    return replace(uit, verdeeld=verdeeld) if verdeeld else uit

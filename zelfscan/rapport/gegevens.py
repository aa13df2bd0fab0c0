"""What a report shows, gathered in plain dataclasses: no reportlab, no layout.

:func:`gemeente_gegevens` is pure (it takes what the store returns); :func:`verzamel_gemeente`
reads it from the database. The overview of a meting is gathered in :mod:`.overzichtgegevens`.
The generated sentences (the samenvatting) are made here too, as plain text: the layout escapes
them, so a gemeente or thema name with ``&`` or ``<`` is printed as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

from .. import opslag
from ..errors import NietGevonden
from ..inlezen.model import WEET_NIET, Schaal, Thema, Vragenlijst
from ..opslag import stemtabel
from ..scores import advies, ontwikkeling, resultaten, scoring
from ..scores.weergave import wanneer_tekst
from . import stemminggegevens
from .samenvatting import samenvatting_gemeente

GEHAALD = "ambitie gehaald"
NIET_GEHAALD = "nog niet gehaald"
GEEN_AMBITIE = "geen ambitie"
NIET_TE_BEOORDELEN = ontwikkeling.NIET_TE_METEN


# --- the gemeente report ------------------------------------------------------------------------


@dataclass(frozen=True)
class AntwoordRegel:
    """One question with the answer a gemeente gave, as the appendix lists it."""

    vraag_id: str
    tekst: str
    antwoord: str  # the scale's label, or "niet beantwoord"
    waarde: int | str | None
    toelichting: str
    bespreekpunt: bool
    onbevestigd: bool  # copied from the previous meting, not confirmed: does not count
    # In a vervolgmeting: the previous meting's answer(s) to this vraag or those it replaces
    # ("" when not comparable), and whether the answer differs from it now.
    vorig: str = ""
    veranderd: bool = False


@dataclass(frozen=True)
class ThemaRegel:
    thema: Thema
    score: scoring.ThemaScore
    gemiddelde: float | None  # subregio mean (None with one gemeente or no scores)
    antwoorden: tuple[AntwoordRegel, ...]
    notitie: str  # the session's note on this thema for all gemeenten, or ""
    eigen_notitie: str = ""  # the session's note on this thema for this gemeente only, or ""

    @property
    def band(self) -> str | None:
        return resultaten.band(self.score.score)

    @property
    def opmerking(self) -> str:
        s = self.score
        delen = []
        if s.alles_nvt:
            delen.append("n.v.t.")
        elif s.onvoldoende_beantwoord:
            delen.append("onvoldoende beantwoord")
        if s.zicht_ontbreekt:
            delen.append(f"zicht ontbreekt ({s.aantal_weet_niet} × weet niet)")
        if s.aantal_open:
            delen.append(f"{s.aantal_open} open")
        return "; ".join(delen)


@dataclass(frozen=True)
class OnderdeelRegel:
    id: str
    titel: str
    score: float | None
    dekking: float
    gemiddelde: float | None
    themas: tuple[ThemaRegel, ...]


@dataclass(frozen=True)
class AdviesRegel:
    """A next step and the weak answer it belongs to (scores.advies.Advies)."""

    tekst: str
    vraag: AntwoordRegel


@dataclass(frozen=True)
class VerbeterpuntRegel:
    rang: int
    thema: Thema
    score: float
    reden: str
    niveau_label: str  # the level of the scale the thema is at, whose suggestion applies
    suggestie: str  # the thema's band text: the advice when no vraag has a step
    zwakke_vragen: tuple[AntwoordRegel, ...]
    bespreekpunten: tuple[AntwoordRegel, ...]
    wie: str = "gemeente"  # gemeente | regio (advies.AdviesPunt.wie)
    prioriteit: str | None = None
    adviezen: tuple[AdviesRegel, ...] = ()  # the steps of the vragen at the lowest level
    verdere_stappen: tuple[AdviesRegel, ...] = ()

    @property
    def regionaal(self) -> bool:
        return self.wie == "regio"


@dataclass(frozen=True)
class AmbitieRegel:
    thema_id: str
    titel: str
    niveau: int
    niveau_label: str  # the label on the scale the ambitie was set on
    tekst: str
    wie: str = ""  # who carries it: a role or team
    wanneer: str = ""  # by when, for a reader: 'Q2 2027', '30 juni 2027' (weergave.wanneer_tekst)

    @property
    def wie_wanneer(self) -> str:
        """'team Veiligheid, Q2 2027', either alone, or ''."""
        return ", ".join(x for x in (self.wie, self.wanneer) if x)


@dataclass(frozen=True)
class OntwikkelingRegel:
    thema_id: str
    titel: str
    label: str
    vorige: float | None
    huidige: float | None
    verschil: float | None
    pijl: str  # by advies.VERANDERING_REGEL
    ambitie: AmbitieRegel | None
    ambitie_score: float | None  # the ambitie's level on 0–100 (previous scale)
    status: str  # GEHAALD, NIET_GEHAALD, GEEN_AMBITIE or NIET_TE_BEOORDELEN
    nieuwe_vragen: tuple[str, ...]  # texts of current questions without a previous counterpart
    verandering: advies.ThemaVerandering | None = None  # counts up/down, scored vragen
    reden: str = ""  # the verdict on the ambitie with why (ontwikkeling.ambitie_reden)


@dataclass(frozen=True)
class Ontwikkeling:
    vorige_titel: str
    vorige_datum: date
    vorige_jaar: int
    vorige_versie: str
    zelfde_versie: bool
    regels: tuple[OntwikkelingRegel, ...]
    nieuwe_themas: tuple[str, ...]  # titles
    vervallen_themas: tuple[str, ...]  # titles (previous vragenlijst)
    vervallen_vragen: tuple[str, ...]  # texts (previous vragenlijst)
    vervallen_ambities: tuple[AmbitieRegel, ...]  # set on a thema that no longer exists
    # What zelfscan.scores.ontwikkeling computed, for rules across gemeenten (ontwikkeling.beweging)
    uitkomst: ontwikkeling.GemeenteOntwikkeling

    @property
    def vorige_totaal(self) -> float | None:
        """The previous meting's own totaalscore (its own vragenlijst)."""
        s = self.uitkomst.vorige_scores
        return s.score if s is not None else None

    @property
    def omhoog(self) -> tuple[OntwikkelingRegel, ...]:
        return tuple(r for r in self.regels if r.pijl == "▲")

    @property
    def omlaag(self) -> tuple[OntwikkelingRegel, ...]:
        return tuple(r for r in self.regels if r.pijl == "▼")

    @property
    def gelijk(self) -> tuple[OntwikkelingRegel, ...]:
        return tuple(r for r in self.regels if r.pijl == "=")

    @property
    def ambities(self) -> tuple[OntwikkelingRegel, ...]:
        return tuple(r for r in self.regels if r.ambitie is not None)

    @property
    def gehaald(self) -> tuple[OntwikkelingRegel, ...]:
        return tuple(r for r in self.regels if r.status == GEHAALD)

    @property
    def vorige_reeks(self) -> list[float | None]:
        return [r.vorige for r in self.regels]

    @property
    def ambitie_reeks(self) -> list[float | None]:
        return [r.ambitie_score for r in self.regels]


@dataclass(frozen=True)
class Deelnemer:
    organisatie: str
    rol: str


@dataclass(frozen=True)
class GemeenteRapport:
    """Everything the report of one gemeente shows."""

    meting: opslag.Meting
    vragenlijst: Vragenlijst
    cbs: str
    naam: str
    totaal: float | None
    dekking: float
    gemiddelde_totaal: float | None  # subregio
    aantal_gemeenten: int
    onderdelen: tuple[OnderdeelRegel, ...]
    verbeterpunten: tuple[VerbeterpuntRegel, ...]  # shown, in rank order (advies.rangschik)
    weggelaten: tuple[VerbeterpuntRegel, ...]  # verbeterpunten beyond the cap
    weggelaten_zin: str  # why they were left out; "" when none were
    volgorde_uitleg: tuple[str, ...]  # why ties and priorities are ordered as they are
    zicht_ontbreekt: tuple[ThemaRegel, ...]
    onvoldoende: tuple[ThemaRegel, ...]
    aantal_weet_niet: int
    aantal_open: int
    onbevestigd: int
    ontwikkeling: Ontwikkeling | None
    # Score per onderdeel over the chain, from ontwikkeling.TREND_VANAF metingen on (else None)
    trend: ontwikkeling.Trend | None
    nieuwe_ambities: tuple[AmbitieRegel, ...]  # set in this meting, for the next
    deelnemers: tuple[Deelnemer, ...]
    samenvatting: tuple[str, ...]  # generated paragraphs, plain text
    stemming: stemminggegevens.Stemming | None = None  # the room's votes (issue 19), if any

    @property
    def themas(self) -> tuple[ThemaRegel, ...]:
        return tuple(t for o in self.onderdelen for t in o.themas)

    def thema_score(self, thema_id: str) -> float | None:
        return next(t.score.score for t in self.themas if t.thema.id == thema_id)

    @property
    def veranderde_antwoorden(self) -> tuple[tuple[ThemaRegel, AntwoordRegel], ...]:
        """In a vervolgmeting: every vraag whose answer differs from last time, by thema."""
        return tuple((t, a) for t in self.themas for a in t.antwoorden if a.veranderd)

    @property
    def zelf(self) -> tuple[VerbeterpuntRegel, ...]:
        """Wat de gemeente zelf kan doen."""
        return tuple(v for v in self.verbeterpunten if not v.regionaal)

    @property
    def regio(self) -> tuple[VerbeterpuntRegel, ...]:
        """Wat samen in de regio moet."""
        return tuple(v for v in self.verbeterpunten if v.regionaal)

    @property
    def titel(self) -> str:
        return f"Zelfscan Werken aan Veiligheid – {self.naam} – {self.meting.titel}"


def _antwoord_regel(schaal: Schaal, vraag, antwoord) -> AntwoordRegel:
    waarde = antwoord.waarde if antwoord is not None else None
    return AntwoordRegel(
        vraag_id=vraag.id,
        tekst=vraag.tekst,
        antwoord="niet beantwoord" if waarde is None else schaal.label(waarde),
        waarde=waarde,
        toelichting=(antwoord.toelichting or "").strip() if antwoord is not None else "",
        bespreekpunt=bool(antwoord is not None and antwoord.bespreekpunt),
        onbevestigd=bool(
            antwoord is not None and getattr(antwoord, "overgenomen", False) and waarde is not None
        ),
    )


def _met_vorig(
    regels_per_vraag: dict[str, AntwoordRegel],
    vorige: opslag.Meting,
    vorige_antwoorden: Mapping,
    meting: opslag.Meting,
    cbs: str,
) -> dict[str, AntwoordRegel]:
    """Each comparable vraag with last time's answer beside it (several for a merged vraag)."""
    schaal = vorige.vragenlijst.schaal
    uit = dict(regels_per_vraag)
    for vraag_id, bronnen in scoring.voorgangers(vorige.vragenlijst, meting.vragenlijst).items():
        waarden = []
        for bron in bronnen:
            a = vorige_antwoorden.get((cbs, bron))
            waarden.append(a.waarde if a is not None else None)
        labels = ["niet beantwoord" if w is None else schaal.label(w) for w in waarden]
        nu = regels_per_vraag[vraag_id]
        uit[vraag_id] = replace(
            nu,
            vorig=" / ".join(dict.fromkeys(labels)),
            # A copy nobody confirmed is last year's answer, not a new one.
            veranderd=not nu.onbevestigd and any(w != nu.waarde for w in waarden),
        )
    return uit


def _notitie_tekst(notitie) -> str:
    return (notitie.tekst or "").strip() if notitie is not None else ""


def _ambitie_regel(vragenlijst: Vragenlijst, thema_titel: str, ambitie) -> AmbitieRegel:
    try:
        label = vragenlijst.schaal.label(ambitie.niveau)
    except KeyError:
        label = str(ambitie.niveau)
    return AmbitieRegel(
        thema_id=ambitie.thema_id,
        titel=thema_titel,
        niveau=ambitie.niveau,
        niveau_label=label,
        tekst=(ambitie.tekst or "").strip(),
        wie=(ambitie.wie or "").strip(),
        wanneer=wanneer_tekst(ambitie.wanneer),
    )


def gemeente_ontwikkeling(
    vorige: opslag.Meting,
    vorige_antwoorden: Mapping,
    huidige: opslag.Meting,
    huidige_antwoorden: Mapping,
    scores: scoring.GemeenteScores,
    cbs: str,
    vorige_ambities: Mapping,
) -> Ontwikkeling:
    """The development of one gemeente since ``vorige``, and the ambities set there.

    Scores compare over the questions both metingen had (:func:`scoring.vergelijk`). An ambitie
    (a level on the previous scale) is reached when the current thema score is at least that
    level placed on 0–100; both sides are exact, so "exactly the level" counts as reached.
    """
    # The rules (comparable questions, ambitie reached) live in zelfscan.scores.ontwikkeling, shared
    # with the web pages; this only turns its result into the report's rows.
    vorige_lijst, huidige_lijst = vorige.vragenlijst, huidige.vragenlijst
    o = ontwikkeling.ontwikkeling(
        vorige, vorige_antwoorden, huidige, huidige_antwoorden, vorige_ambities, cbs
    )
    status_van = {True: GEHAALD, False: NIET_GEHAALD, None: NIET_TE_BEOORDELEN}
    regels = []
    for t in o.themas:
        thema = huidige_lijst.thema(t.thema_id)
        ambitie = vorige_ambities.get((cbs, thema.id))
        regels.append(
            OntwikkelingRegel(
                thema_id=thema.id,
                titel=thema.titel,
                label=thema.label,
                vorige=t.vorige,
                huidige=t.huidige,
                verschil=t.verschil,
                pijl=t.pijl,
                ambitie=_ambitie_regel(vorige_lijst, thema.titel, ambitie) if ambitie else None,
                ambitie_score=t.ambitie_score,
                status=GEEN_AMBITIE if ambitie is None else status_van[t.ambitie_gehaald],
                nieuwe_vragen=tuple(huidige_lijst.vraag(v).tekst for v in t.nieuwe_vragen),
                verandering=t.verandering,
                reden=t.ambitie_reden,
            )
        )
    vervallen_ambities = []
    for thema_id in o.vervallen_ambities:
        try:
            titel = vorige_lijst.thema(thema_id).titel
        except KeyError:
            titel = thema_id
        vervallen_ambities.append(
            _ambitie_regel(vorige_lijst, titel, vorige_ambities[(cbs, thema_id)])
        )
    return Ontwikkeling(
        vorige_titel=vorige.titel,
        vorige_datum=vorige.datum,
        vorige_jaar=vorige.jaar,
        vorige_versie=vorige_lijst.versie,
        zelfde_versie=vorige_lijst.hash == huidige_lijst.hash,
        regels=tuple(regels),
        nieuwe_themas=tuple(huidige_lijst.thema(t).titel for t in o.nieuwe_themas),
        vervallen_themas=tuple(vorige_lijst.thema(t).titel for t in o.vervallen_themas),
        vervallen_vragen=tuple(vorige_lijst.vraag(v).tekst for v in o.vervallen_vragen),
        vervallen_ambities=tuple(vervallen_ambities),
        uitkomst=o,
    )


def gemeente_gegevens(
    meting: opslag.Meting,
    antwoorden: Mapping,
    cbs: str,
    *,
    notities: Mapping | None = None,
    deelnemers: Sequence = (),
    ambities: Mapping | None = None,
    vorige: opslag.Meting | None = None,
    vorige_antwoorden: Mapping | None = None,
    vorige_ambities: Mapping | None = None,
    resultaat: resultaten.MetingResultaat | None = None,
    keten: Sequence[opslag.Meting] = (),
    keten_antwoorden: Mapping[int, Mapping] | None = None,
) -> GemeenteRapport:
    """Everything one gemeente's report shows, from what the store returns (pure).

    ``keten``: this meting and the ones before it, newest first (opslag.keten), with each one's
    answers in ``keten_antwoorden`` (meting id → answers); only needed for the trend.
    ``notities``: every note of the meting (opslag.notities, by (thema_id, cbs)); the report
    takes the note for all and this gemeente's own, never another gemeente's (Woo: a report
    goes out, and may be made public, per gemeente).
    """
    resultaat = resultaat or resultaten.bereken(meting, antwoorden)
    try:
        gemeente = resultaat.gemeente(cbs)
    except KeyError:
        raise NietGevonden(_geen_deelnemer(meting, cbs)) from None
    vragenlijst = meting.vragenlijst
    schaal = vragenlijst.schaal
    notities = notities or {}
    meerdere = len(resultaat.gemeenten) > 1

    regels_per_vraag = {
        v.id: _antwoord_regel(schaal, v, antwoorden.get((cbs, v.id))) for v in vragenlijst.vragen
    }
    if vorige is not None and any(g.cbs == cbs for g in vorige.gemeenten):
        regels_per_vraag = _met_vorig(
            regels_per_vraag, vorige, vorige_antwoorden or {}, meting, cbs
        )
    onderdelen = []
    for onderdeel, os_ in zip(vragenlijst.onderdelen, gemeente.scores.onderdelen, strict=True):
        themas = tuple(
            ThemaRegel(
                thema=thema,
                score=ts,
                gemiddelde=resultaat.per_thema[thema.id].gemiddelde if meerdere else None,
                antwoorden=tuple(regels_per_vraag[v.id] for v in thema.vragen),
                notitie=_notitie_tekst(notities.get((thema.id, None))),
                eigen_notitie=_notitie_tekst(notities.get((thema.id, cbs))),
            )
            for thema, ts in zip(onderdeel.themas, os_.themas, strict=True)
        )
        onderdelen.append(
            OnderdeelRegel(
                id=onderdeel.id,
                titel=onderdeel.titel,
                score=os_.score,
                dekking=os_.dekking,
                gemiddelde=resultaat.per_onderdeel[onderdeel.id].gemiddelde if meerdere else None,
                themas=themas,
            )
        )
    per_thema = {t.thema.id: t for o in onderdelen for t in o.themas}
    lijst = gemeente.verbeterlijst

    def advies_regels(adviezen) -> tuple[AdviesRegel, ...]:
        return tuple(AdviesRegel(a.tekst, regels_per_vraag[a.vraag_id]) for a in adviezen)

    def regel(rang: int, vp: advies.AdviesPunt) -> VerbeterpuntRegel:
        return VerbeterpuntRegel(
            rang=rang,
            thema=vragenlijst.thema(vp.thema_id),
            score=vp.score,
            reden=vp.reden,
            niveau_label=schaal.label(vp.band_niveau),
            suggestie=vp.suggestie,
            zwakke_vragen=tuple(regels_per_vraag[v] for v in vp.zwakke_vragen),
            bespreekpunten=tuple(regels_per_vraag[v] for v in vp.bespreekpunten),
            wie=vp.wie,
            prioriteit=vp.prioriteit,
            adviezen=advies_regels(vp.adviezen),
            verdere_stappen=advies_regels(vp.verdere_stappen),
        )

    verbeterpunten = tuple(regel(i, vp) for i, vp in enumerate(lijst.punten, start=1))
    weggelaten = tuple(
        regel(i, vp) for i, vp in enumerate(lijst.weggelaten, start=len(verbeterpunten) + 1)
    )
    alle = list(regels_per_vraag.values())
    totaal_gemiddelde = None
    if meerdere:
        totalen = [g.scores.score for g in resultaat.gemeenten if g.scores.score is not None]
        if totalen:
            totaal_gemiddelde = float(sum(Fraction(t) for t in totalen) / len(totalen))

    ontw = None
    if vorige is not None:
        ontw = gemeente_ontwikkeling(
            vorige,
            vorige_antwoorden or {},
            meting,
            antwoorden,
            gemeente.scores,
            cbs,
            vorige_ambities or {},
        )
    trend = None
    if len(keten) >= ontwikkeling.TREND_VANAF:
        trend = ontwikkeling.trend(keten, keten_antwoorden or {}, cbs, soort="onderdeel")
    nieuwe_ambities = tuple(
        _ambitie_regel(vragenlijst, t.titel, (ambities or {})[(cbs, t.id)])
        for t in vragenlijst.themas
        if (cbs, t.id) in (ambities or {})
    )
    rapport = GemeenteRapport(
        meting=meting,
        vragenlijst=vragenlijst,
        cbs=cbs,
        naam=gemeente.naam,
        totaal=gemeente.scores.score,
        dekking=gemeente.scores.dekking,
        gemiddelde_totaal=totaal_gemiddelde,
        aantal_gemeenten=len(resultaat.gemeenten),
        onderdelen=tuple(onderdelen),
        verbeterpunten=verbeterpunten,
        weggelaten=weggelaten,
        weggelaten_zin=lijst.weggelaten_zin,
        volgorde_uitleg=lijst.uitleg,
        zicht_ontbreekt=tuple(per_thema[t.thema_id] for t in gemeente.scores.zicht_ontbreekt()),
        onvoldoende=tuple(per_thema[t.thema_id] for t in gemeente.scores.onvoldoende_beantwoord()),
        aantal_weet_niet=sum(1 for a in alle if a.waarde == WEET_NIET and not a.onbevestigd),
        aantal_open=sum(1 for a in alle if a.waarde is None),
        onbevestigd=gemeente.onbevestigd,
        ontwikkeling=ontw,
        trend=trend,
        nieuwe_ambities=nieuwe_ambities,
        deelnemers=tuple(Deelnemer(d.organisatie, d.rol) for d in deelnemers),
        samenvatting=(),
    )
    return _met_samenvatting(rapport)


def _met_samenvatting(rapport: GemeenteRapport) -> GemeenteRapport:
    return replace(rapport, samenvatting=samenvatting_gemeente(rapport))


def _geen_deelnemer(meting: opslag.Meting, wat: str, namen: Mapping[str, str] | None = None) -> str:
    """``namen``: cbs → name of gemeenten beyond this meting (the catalogue's), so a code that
    was typed comes back with its name: "Gouda (GM0513)", not "GM0513" alone."""
    keuze = ", ".join(f"{g.naam} ({g.cbs})" for g in meting.gemeenten)
    genoemd = (
        f"{namen[wat.upper()]} ({wat.upper()})" if namen and wat.upper() in namen else f"'{wat}'"
    )
    return (
        f"Gemeente {genoemd} doet niet mee aan meting {meting.id} ({meting.titel}). "
        f"Kies uit: {keuze}."
    )


def verzamel_gemeente(
    db, meting_id: int, cbs: str, *, meting=None, resultaat=None, antwoorden=None
):
    """:func:`gemeente_gegevens` with everything read from the database."""
    blik = opslag.geschiedenis(db, meting_id, meting_=meting, antwoorden_=antwoorden)
    meting, antwoorden = blik.meting, blik.antwoorden[blik.meting.id]
    # The chain is only passed on when there is a trend to draw.
    met_trend = len(blik.keten) >= ontwikkeling.TREND_VANAF
    rapport = gemeente_gegevens(
        meting,
        antwoorden,
        cbs,
        notities=opslag.notities(db, meting.id),
        deelnemers=opslag.deelnemers(db, meting.id),
        ambities=opslag.ambities(db, meting.id),
        vorige=blik.vorige,
        vorige_antwoorden=blik.vorige_antwoorden,
        vorige_ambities=blik.vorige_ambities if blik.vorige else None,
        resultaat=resultaat,
        keten=blik.keten if met_trend else [],
        keten_antwoorden=blik.antwoorden if met_trend else {},
    )
    stemming = stemminggegevens.verzamel(
        meting,
        cbs,
        stemtabel.stemmen(db, meting.id),
        stemtabel.besluiten(db, meting.id),
        antwoorden,
    )
    return replace(rapport, stemming=stemming) if stemming else rapport


def zoek_gemeente(
    meting: opslag.Meting, wat: str, namen: Callable[[], Mapping[str, str]] | None = None
) -> str:
    """The CBS code for a gemeente named by CBS code or name (case and accents ignored).
    ``namen`` gives cbs → name (e.g. the catalogue's) to name a refused code by its name; it is
    called only then, so a gemeente that is found costs no catalogue."""
    import unicodedata

    def plat(tekst: str) -> str:
        tekst = unicodedata.normalize("NFKD", tekst)
        return "".join(c for c in tekst if not unicodedata.combining(c)).casefold().strip()

    gezocht = plat(wat)
    for g in meting.gemeenten:
        if gezocht in (plat(g.cbs), plat(g.naam)):
            return g.cbs
    raise NietGevonden(_geen_deelnemer(meting, wat, namen() if namen else None))

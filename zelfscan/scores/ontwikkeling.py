"""Development over time: one gemeente against a previous meting and its ambities, a trend over a
chain of metingen, the subregio's movement per thema, and gemeenten that joined, left or merged.

Pure, like :mod:`zelfscan.scores.scoring`: no Flask, no database. Callers pass what the store returns
(``opslag.Meting``, the answer dicts ``{(cbs, vraag_id): Antwoord}``, the ambitie dicts
``{(cbs, thema_id): Ambitie}``), so the web pages, the PDF reports and the CLI show the same
numbers. This module is the one place for these rules:

* **Comparable questions only.** The difference per thema is :func:`scoring.vergelijk`: both
  sides scored over the questions the two versions share (same id, or ``vervangt``). New
  questions and thema's, and dropped ones, are named, never silently mixed in.
* **Honest change.** A thema rose or fell only by :data:`advies.VERANDERING_REGEL`: beyond what
  one step on one vraag can move it, and with at least one vraag a whole level in that
  direction. Beside it, the counts of vragen up, down and unchanged. The subregio moved on a
  thema when more of its gemeenten rose than fell by that rule (or the other way round).
* **Confirmed answers only.** Answers copied from last year count once the room confirmed them
  (:func:`resultaten.antwoorden_van`), on both sides.
* **Ambitie gehaald** when the *current* thema score — all current questions of the thema,
  confirmed answers, as a mean level — is at least the ambitie level. An ambitie is a level on
  the *previous* meting's scale; when the two scales differ, both are placed on 0–100 first
  (each with its own scale, as every score is). On one scale that is exactly "mean level ≥
  ambitie". Exact arithmetic, so exactly the level counts as reached. No current score (too
  little answered, all n.v.t.) gives None: not to judge. Each verdict comes with its reason in
  words (:func:`ambitie_reden`), so a report says *why* ("niet te meten: het thema heeft nu
  geen score (onvoldoende beantwoord)").
* **A gemeente is its CBS code.** History follows the code through the years; a gemeente absent
  from a meting has no value there (None), and a merger is reported, not dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Literal

from ..inlezen.model import Gemeente, Schaal
from ..opslag.regels import datum_tekst  # the store's refusals write dates the same way
from . import advies, resultaten, scoring
from .weergave import aanhalen, getal

RICHTING = {"▲": "gestegen", "▼": "gedaald", "=": "gelijk", "": ""}
"""The words for the arrows, for screen readers and plain text."""
PIJL = {richting: pijl for pijl, richting in RICHTING.items()}


def niveau_score(schaal: Schaal, niveau: float | int) -> float:
    """A level of ``schaal`` on 0–100, exactly as scoring places it (so equal stays equal)."""
    return float(_op_100(schaal, Fraction(niveau)))


def _op_100(schaal: Schaal, niveau: Fraction) -> Fraction:
    return (niveau - schaal.laagste) / (schaal.hoogste - schaal.laagste) * 100


# --- one gemeente against the previous meting ---------------------------------------------------


@dataclass(frozen=True)
class ThemaOntwikkeling:
    thema_id: str  # a thema of the current vragenlijst
    vorige: float | None  # previous meting, comparable questions only (0–100)
    huidige: float | None  # this meting, comparable questions only (0–100)
    verschil: float | None  # huidige − vorige
    pijl: str  # ▲ ▼ = by advies.VERANDERING_REGEL, or "" (nothing to compare)
    ambitie_niveau: int | None  # on the previous meting's scale
    ambitie_tekst: str
    ambitie_gehaald: bool | None  # None: no ambitie, or no current score to judge it by
    ambitie_score: float | None = None  # the ambitie level on 0–100 (for the radar)
    score: float | None = None  # this meting's full thema score, the one the ambitie is judged by
    vergeleken_vragen: int = 0  # current questions with a previous counterpart
    nieuwe_vragen: tuple[str, ...] = ()  # current questions without one
    # From advies.verandering (None when the gemeente did not take part last time)
    verandering: advies.ThemaVerandering | None = None
    # The verdict on the ambitie with its reason (ambitie_reden); "" without an ambitie
    ambitie_reden: str = ""
    ambitie_wie: str | None = None  # who carries it (a role or team), as recorded
    ambitie_wanneer: str | None = None  # by when: '2027-06-30' or '2027-Q2'

    @property
    def richting(self) -> str:
        """'gestegen', 'gedaald', 'gelijk' or '' (no difference to tell)."""
        return RICHTING[self.pijl]

    @property
    def nieuw(self) -> bool:
        """A thema without any comparable question: new in this version."""
        return self.vergeleken_vragen == 0

    @property
    def heeft_ambitie(self) -> bool:
        return self.ambitie_niveau is not None


@dataclass(frozen=True)
class GemeenteOntwikkeling:
    cbs: str
    naam: str
    themas: tuple[ThemaOntwikkeling, ...]  # every current thema, in vragenlijst order
    nieuwe_themas: tuple[str, ...]  # current thema ids without a comparable question
    vervallen_themas: tuple[str, ...]  # previous thema ids that are gone
    vervallen_vragen: tuple[str, ...]  # previous vraag ids without a successor
    nieuwe_vragen: tuple[str, ...]  # current vraag ids without a predecessor
    vervallen_ambities: tuple[str, ...] = ()  # previous thema ids with an ambitie, now gone
    in_vorige: bool = True  # the gemeente took part in the previous meting
    # Both metingen's own scores (each with its own vragenlijst): the totaal and onderdelen
    # stand beside each other. vorige_scores is None when the gemeente did not take part.
    vorige_scores: scoring.GemeenteScores | None = None
    huidige_scores: scoring.GemeenteScores | None = None

    def vorige_onderdeel(self, onderdeel_id: str) -> float | None:
        """The previous meting's score of an onderdeel (None: not there, or no score)."""
        if self.vorige_scores is None:
            return None
        try:
            return self.vorige_scores.onderdeel(onderdeel_id).score
        except KeyError:
            return None

    @property
    def vragen_omhoog(self) -> int:
        """Comparable vragen whose level went up, over every thema."""
        return sum(t.verandering.omhoog for t in self.themas if t.verandering)

    @property
    def vragen_omlaag(self) -> int:
        return sum(t.verandering.omlaag for t in self.themas if t.verandering)

    @property
    def vragen_gelijk(self) -> int:
        return sum(t.verandering.gelijk for t in self.themas if t.verandering)

    def thema(self, thema_id: str) -> ThemaOntwikkeling:
        for thema in self.themas:
            if thema.thema_id == thema_id:
                return thema
        raise KeyError(thema_id)

    @property
    def met_ambitie(self) -> tuple[ThemaOntwikkeling, ...]:
        return tuple(t for t in self.themas if t.heeft_ambitie)

    @property
    def gehaald(self) -> tuple[ThemaOntwikkeling, ...]:
        return tuple(t for t in self.themas if t.ambitie_gehaald is True)

    @property
    def niet_gehaald(self) -> tuple[ThemaOntwikkeling, ...]:
        return tuple(t for t in self.themas if t.ambitie_gehaald is False)

    @property
    def gestegen(self) -> tuple[ThemaOntwikkeling, ...]:
        return tuple(t for t in self.themas if t.pijl == "▲")

    @property
    def gedaald(self) -> tuple[ThemaOntwikkeling, ...]:
        return tuple(t for t in self.themas if t.pijl == "▼")

    @property
    def gelijk(self) -> tuple[ThemaOntwikkeling, ...]:
        return tuple(t for t in self.themas if t.pijl == "=")

    @property
    def zonder_verschil(self) -> tuple[ThemaOntwikkeling, ...]:
        """Thema's without a difference: new, or no score on one of the two sides."""
        return tuple(t for t in self.themas if t.verschil is None)

    @property
    def vergelijkbaar(self) -> bool:
        """Anything at all to compare (the gemeente took part and thema's are shared)."""
        return self.in_vorige and any(not t.nieuw for t in self.themas)


GEHAALD_WOORD = "gehaald"
NIET_GEHAALD_WOORD = "niet gehaald"
NIET_TE_METEN = "niet te meten"
VERVALLEN_REDEN = f"{NIET_TE_METEN}: het thema bestaat niet meer in deze versie"


def ambitie_reden(
    ambitie_niveau: int,
    vorige_schaal: Schaal,
    thema_score: scoring.ThemaScore,
    huidige_schaal: Schaal,
) -> str:
    """The verdict of :func:`ambitie_gehaald` in words, with why: "gehaald: nu ‘Grotendeels’
    (70), ambitie ‘Grotendeels’ (67)", "niet te meten: het thema heeft nu geen score
    (onvoldoende beantwoord)". Plain text, for the pages and the reports alike."""
    if thema_score.niveau is None or thema_score.score is None:
        if thema_score.alles_nvt:
            waarom = "alle vragen zijn nu niet van toepassing"
        elif thema_score.aantal_open == thema_score.aantal_vragen:
            waarom = "niet beantwoord"
        else:
            waarom = "onvoldoende beantwoord"
        return f"{NIET_TE_METEN}: het thema heeft nu geen score ({waarom})"
    gehaald = ambitie_gehaald(ambitie_niveau, vorige_schaal, thema_score, huidige_schaal)
    nu = getal(thema_score.score)
    if thema_score.band_niveau is not None:
        nu = f"{aanhalen(huidige_schaal.label(thema_score.band_niveau))} ({nu})"
    try:
        doel = aanhalen(vorige_schaal.label(ambitie_niveau))
    except KeyError:
        doel = str(ambitie_niveau)
    doel += f" ({getal(niveau_score(vorige_schaal, ambitie_niveau))})"
    woord = GEHAALD_WOORD if gehaald else NIET_GEHAALD_WOORD
    return f"{woord}: nu {nu}, ambitie {doel}"


def ambitie_gehaald(
    ambitie_niveau: int | None,
    vorige_schaal: Schaal,
    thema_score: scoring.ThemaScore,
    huidige_schaal: Schaal,
) -> bool | None:
    """Whether a thema reached its ambitie (the rule in the module docstring)."""
    if ambitie_niveau is None or thema_score.niveau is None:
        return None
    # Both on 0–100, each with its own scale; on one scale this is exactly niveau ≥ ambitie
    # (the map is the same increasing line on both sides). Fraction(float) is the float's
    # exact value, and the float of an exact mean such as 2 is exactly 2.
    huidig = _op_100(huidige_schaal, Fraction(thema_score.niveau))
    return huidig >= _op_100(vorige_schaal, Fraction(ambitie_niveau))


def ontwikkeling(
    vorige_meting,
    vorige_antwoorden: Mapping,
    huidige_meting,
    huidige_antwoorden: Mapping,
    ambities: Mapping,
    cbs: str,
) -> GemeenteOntwikkeling:
    """One gemeente's development since ``vorige_meting``, with the ambities set there.

    ``ambities``: the previous meting's ``{(cbs, thema_id): Ambitie}`` (opslag.ambities); other
    gemeenten's entries are ignored. The gemeente must take part in ``huidige_meting``; when it
    did not take part in the previous one, every previous value is None (``in_vorige`` False).
    """
    vorige_lijst, huidige_lijst = vorige_meting.vragenlijst, huidige_meting.vragenlijst
    naam = huidige_meting.gemeente(cbs).naam
    in_vorige = any(g.cbs == cbs for g in vorige_meting.gemeenten)
    huidig = resultaten.antwoorden_van(huidige_antwoorden, cbs)
    vorig = resultaten.antwoorden_van(vorige_antwoorden, cbs) if in_vorige else {}
    vergelijking = scoring.vergelijk(vorige_lijst, vorig, huidige_lijst, huidig)
    veranderingen = (
        advies.verandering(vorige_lijst, vorig, huidige_lijst, huidig, vergelijking)
        if in_vorige
        else {}
    )
    scores = scoring.bereken_scores(huidige_lijst, huidig)
    eigen = {t: a for (c, t), a in ambities.items() if c == cbs} if in_vorige else {}

    themas = []
    for thema in huidige_lijst.themas:
        tv = vergelijking.thema(thema.id)
        ts = scores.thema(thema.id)
        ambitie = eigen.get(thema.id)
        niveau = ambitie.niveau if ambitie is not None else None
        vorige = tv.vorige if in_vorige else None
        verschil = tv.verschil if in_vorige else None
        verandering = veranderingen.get(thema.id)
        themas.append(
            ThemaOntwikkeling(
                thema_id=thema.id,
                vorige=vorige,
                huidige=tv.huidige,
                verschil=verschil,
                pijl=PIJL[verandering.richting or ""] if verandering else "",
                ambitie_niveau=niveau,
                ambitie_tekst=(ambitie.tekst or "").strip() if ambitie is not None else "",
                ambitie_gehaald=ambitie_gehaald(
                    niveau, vorige_lijst.schaal, ts, huidige_lijst.schaal
                ),
                ambitie_score=(
                    niveau_score(vorige_lijst.schaal, niveau) if niveau is not None else None
                ),
                score=ts.score,
                vergeleken_vragen=len(tv.vergelijkbare_vragen),
                nieuwe_vragen=tv.nieuwe_vragen,
                verandering=verandering,
                ambitie_reden=(
                    ambitie_reden(niveau, vorige_lijst.schaal, ts, huidige_lijst.schaal)
                    if niveau is not None
                    else ""
                ),
                ambitie_wie=ambitie.wie if ambitie is not None else None,
                ambitie_wanneer=ambitie.wanneer if ambitie is not None else None,
            )
        )
    huidige_themas = {t.id for t in huidige_lijst.themas}
    return GemeenteOntwikkeling(
        cbs=cbs,
        naam=naam,
        themas=tuple(themas),
        nieuwe_themas=vergelijking.nieuwe_themas,
        vervallen_themas=vergelijking.vervallen_themas,
        vervallen_vragen=vergelijking.vervallen_vragen,
        nieuwe_vragen=tuple(v for t in vergelijking.themas for v in t.nieuwe_vragen),
        vervallen_ambities=tuple(
            t for t in (t.id for t in vorige_lijst.themas) if t in eigen and t not in huidige_themas
        ),
        in_vorige=in_vorige,
        vorige_scores=scoring.bereken_scores(vorige_lijst, vorig) if in_vorige else None,
        huidige_scores=scores,
    )


# --- the subregio's movement --------------------------------------------------------------------


BEWEGING_REGEL = (
    "De subregio is op een thema gestegen als meer gemeenten stegen dan daalden, en gedaald als "
    "meer gemeenten daalden dan stegen; per gemeente geldt de regel voor stijgen en dalen."
)


@dataclass(frozen=True)
class Beweging:
    """One thema across the subregio: how the gemeenten moved since the previous meting."""

    thema_id: str
    gemiddeld_verschil: float | None  # mean difference over gemeenten with both values
    aantal: int  # those gemeenten
    gestegen: int
    gedaald: int
    gelijk: int
    ambities: int  # gemeenten with an ambitie on this thema
    gehaald: int  # … that reached it

    @property
    def pijl(self) -> str:
        """▲ when more gemeenten rose than fell (each by :data:`advies.VERANDERING_REGEL`), ▼ the
        other way round, = otherwise; "" when no gemeente has both values."""
        if not self.aantal:
            return ""
        if self.gestegen > self.gedaald:
            return "▲"
        if self.gedaald > self.gestegen:
            return "▼"
        return "="

    @property
    def richting(self) -> str:
        return RICHTING[self.pijl]


def beweging(ontwikkelingen: Sequence[GemeenteOntwikkeling]) -> dict[str, Beweging]:
    """Per current thema id, the subregio's movement: the mean of the gemeenten's differences.

    Each gemeente counts once, as in the subregio average; a gemeente without a value on either
    side (new thema, too little answered, did not take part) is left out and ``aantal`` says how
    many remained.
    """
    if not ontwikkelingen:
        return {}
    uit = {}
    for thema in ontwikkelingen[0].themas:
        rijen = [o.thema(thema.thema_id) for o in ontwikkelingen]
        verschillen = [Fraction(t.verschil) for t in rijen if t.verschil is not None]
        uit[thema.thema_id] = Beweging(
            thema_id=thema.thema_id,
            gemiddeld_verschil=(
                float(sum(verschillen) / len(verschillen)) if verschillen else None
            ),
            aantal=len(verschillen),
            gestegen=sum(1 for t in rijen if t.pijl == "▲"),
            gedaald=sum(1 for t in rijen if t.pijl == "▼"),
            gelijk=sum(1 for t in rijen if t.pijl == "="),
            ambities=sum(1 for t in rijen if t.heeft_ambitie),
            gehaald=sum(1 for t in rijen if t.ambitie_gehaald is True),
        )
    return uit


# --- trend over a chain of metingen -------------------------------------------------------------

TREND_VANAF = 3
"""A trend chart from this many metingen in the chain; with two, the comparison says it all.
Shared by the results pages and the gemeente report."""


@dataclass(frozen=True)
class TrendReeks:
    id: str  # an onderdeel or thema id
    titel: str
    waarden: tuple[float | None, ...]  # per moment, oldest first; None: no score that year


@dataclass(frozen=True)
class Trend:
    momenten: tuple[str, ...]  # labels, oldest first ("2021", "2022", …)
    meting_ids: tuple[int, ...]
    deelname: tuple[bool, ...]  # the gemeente took part (always True for a subregio trend)
    versies: tuple[str, ...]  # vragenlijst version per moment
    reeksen: tuple[TrendReeks, ...]

    def grafiek(self) -> dict[str, list[tuple[str, float | None]]]:
        """The input of charts.trend_svg / trend_png."""
        return {r.titel: list(zip(self.momenten, r.waarden, strict=True)) for r in self.reeksen}

    @property
    def versie_gewijzigd(self) -> bool:
        return len(set(self.versies)) > 1


def _momenten(metingen: Sequence) -> tuple[str, ...]:
    jaren = [str(m.jaar) for m in metingen]
    if len(set(jaren)) == len(jaren):
        return tuple(jaren)
    return tuple(m.datum.isoformat() for m in metingen)


def _delen(metingen: Sequence, soort: str) -> list[tuple[str, str]]:
    """(id, titel) of every onderdeel or thema in the chain: newest version's order and titles
    first, then what only older versions had."""
    gezien: dict[str, str] = {}
    for m in metingen:  # newest first
        lijst = m.vragenlijst
        for deel in lijst.onderdelen if soort == "onderdeel" else lijst.themas:
            gezien.setdefault(deel.id, deel.titel)
    return list(gezien.items())


def _deel_score(scores: scoring.GemeenteScores, soort: str, deel_id: str) -> float | None:
    try:
        if soort == "onderdeel":
            return scores.onderdeel(deel_id).score
        return scores.thema(deel_id).score
    except KeyError:
        return None


def trend(
    metingen_nieuw_naar_oud: Sequence,
    antwoorden: Mapping[int, Mapping],
    cbs: str | None,
    soort: Literal["onderdeel", "thema"] = "onderdeel",
) -> Trend:
    """Scores per onderdeel (or thema) over a chain of metingen (opslag.keten: newest first).

    ``antwoorden``: meting id → that meting's store answers. ``cbs``: the gemeente, followed by
    its CBS code; a meting it did not take part in gives None. ``cbs`` None: the subregio, the
    mean over the gemeenten taking part that year (each counts once). Each year is scored with
    its own vragenlijst, so when a version changed in between, the line crosses that change
    (``versies`` says where); an onderdeel a version does not have is None there.
    """
    metingen = list(metingen_nieuw_naar_oud)
    delen = _delen(metingen, soort)
    oud_naar_nieuw = metingen[::-1]
    kolommen: list[dict[str, float | None]] = []
    deelname = []
    for m in oud_naar_nieuw:
        telt = [g.cbs for g in m.gemeenten if cbs is None or g.cbs == cbs]
        deelname.append(bool(telt))
        scores = [
            scoring.bereken_scores(m.vragenlijst, resultaten.antwoorden_van(antwoorden[m.id], c))
            for c in telt
        ]
        kolom = {}
        for deel_id, _ in delen:
            waarden = [(1, w) for s in scores if (w := _deel_score(s, soort, deel_id)) is not None]
            kolom[deel_id] = scoring.exact_gemiddelde(waarden) if waarden else None
        kolommen.append(kolom)
    return Trend(
        momenten=_momenten(oud_naar_nieuw),
        meting_ids=tuple(m.id for m in oud_naar_nieuw),
        deelname=tuple(deelname),
        versies=tuple(m.vragenlijst.versie for m in oud_naar_nieuw),
        reeksen=tuple(
            TrendReeks(deel_id, titel, tuple(k[deel_id] for k in kolommen))
            for deel_id, titel in delen
        ),
    )


# --- gemeenten that joined, left or merged ------------------------------------------------------


@dataclass(frozen=True)
class Deelnamewijziging:
    """A gemeente that took part in one meting and not in the other."""

    cbs: str
    naam: str
    soort: Literal["opgegaan", "vertrokken", "nieuw"]
    opgegaan_in: str | None = None  # CBS code, for 'opgegaan'
    opgegaan_in_naam: str | None = None
    per: date | None = None  # the first day of the new situation, when the region file says
    opgegaan_in_doet_mee: bool = False  # the receiving gemeente takes part in the new meting
    opgegaan_in_deed_mee: bool = False  # … and took part in the previous one

    @property
    def tekst(self) -> str:
        """One plain Dutch sentence for a page or a report."""
        per = f" per {datum_tekst(self.per)}" if self.per else ""
        if self.soort == "opgegaan":
            return f"{self.naam} is{per} opgegaan in {self.opgegaan_in_naam}."
        if self.soort == "vertrokken":
            if self.per:
                return f"{self.naam} hoort{per} niet meer bij deze subregio."
            return f"{self.naam} doet deze keer niet mee."
        return f"{self.naam} doet{per} voor het eerst mee."

    @property
    def bij_overnemen(self) -> str:
        """What starting from last year's answers means for this change (vervolgmeting form).

        Answers are copied per CBS code only: a merged gemeente's answers are not added to the
        receiving gemeente, whose situation after the merger the room has to judge anew.
        """
        if self.soort == "opgegaan":
            tekst = f"De antwoorden van {self.naam} van vorig jaar worden niet overgenomen."
            if self.opgegaan_in_doet_mee and self.opgegaan_in_deed_mee:
                tekst += (
                    f" {self.opgegaan_in_naam} begint met haar eigen antwoorden van vorig jaar;"
                    " bespreek of die na de herindeling nog kloppen."
                )
            elif self.opgegaan_in_doet_mee:
                tekst += f" {self.opgegaan_in_naam} deed vorig jaar niet mee en begint leeg."
            return tekst
        if self.soort == "vertrokken":
            return f"De antwoorden van {self.naam} blijven bij de vorige meting."
        return f"{self.naam} deed vorig jaar niet mee en begint zonder antwoorden."


def deelname_wijzigingen(
    vorige: Sequence[Gemeente],
    huidige: Sequence[Gemeente],
    regio: Sequence[Gemeente] = (),
) -> tuple[Deelnamewijziging, ...]:
    """Who left, merged or joined between two metingen, by CBS code.

    ``vorige`` / ``huidige``: the gemeenten taking part (``Meting.gemeenten``, or the candidates
    for a new meting); ``regio``: the region file's gemeenten (every subregio), which know about
    herindelingen (``tot`` + ``opgegaan_in``) and dates. A gemeente in ``vorige`` only has merged
    when the region file says so, otherwise it left (or did not take part this time).
    """
    # A gemeente may be listed more than once (it moved to another subregio): for one that
    # left, its merger or else its end date counts; for one that joined, its start date.
    vermeldingen: dict[str, list[Gemeente]] = {}
    for g in regio:
        vermeldingen.setdefault(g.cbs, []).append(g)

    def einde(cbs: str) -> Gemeente | None:
        lijst = vermeldingen.get(cbs, [])
        return next((g for g in lijst if g.opgegaan_in), None) or next(
            (g for g in lijst if g.tot), None
        )

    def begin(cbs: str) -> date | None:
        return next((g.vanaf for g in vermeldingen.get(cbs, []) if g.vanaf), None)

    namen = {g.cbs: g.naam for g in (*regio, *vorige, *huidige)}
    nu = {g.cbs for g in huidige}
    toen = {g.cbs for g in vorige}
    uit = []
    for gemeente in vorige:
        if gemeente.cbs in nu:
            continue
        bron = einde(gemeente.cbs)
        per = bron.tot + timedelta(days=1) if bron is not None and bron.tot else None
        if bron is not None and bron.opgegaan_in:
            uit.append(
                Deelnamewijziging(
                    cbs=gemeente.cbs,
                    naam=gemeente.naam,
                    soort="opgegaan",
                    opgegaan_in=bron.opgegaan_in,
                    opgegaan_in_naam=namen.get(bron.opgegaan_in, bron.opgegaan_in),
                    per=per,
                    opgegaan_in_doet_mee=bron.opgegaan_in in nu,
                    opgegaan_in_deed_mee=bron.opgegaan_in in toen,
                )
            )
        else:
            uit.append(Deelnamewijziging(gemeente.cbs, gemeente.naam, "vertrokken", per=per))
    for gemeente in huidige:
        if gemeente.cbs not in toen:
            uit.append(
                Deelnamewijziging(gemeente.cbs, gemeente.naam, "nieuw", per=begin(gemeente.cbs))
            )
    return tuple(uit)


def opgegaan_in(
    wijzigingen: Sequence[Deelnamewijziging], cbs: str
) -> tuple[Deelnamewijziging, ...]:
    """The gemeenten that merged into ``cbs`` (for a note on the receiving gemeente's page)."""
    return tuple(w for w in wijzigingen if w.soort == "opgegaan" and w.opgegaan_in == cbs)

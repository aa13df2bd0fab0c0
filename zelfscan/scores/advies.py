"""Advice that follows the answers: the totaalscore in words, verbeterpunten ranked with the next
step of the vragen that pulled them down, split into gemeente and regio, a regional agenda, and
change that counts only when the data can carry it. Pure functions, no I/O.

:func:`zelfscan.scores.scoring.verbeterpunten` stays as it is (existing reports keep their
text); this module builds on it. The rules, and why
-----------------------------------------------------
* **Totaalscore** (:func:`totaal_definitie`): one definition, chosen in ``regels.totaal``:
  the weighted mean of the onderdelen (default, as the reports always computed it) or of every
  thema. A sentence about the total names what it averages (:func:`totaal_zin`).
* **Which thema's**: those :func:`scoring.verbeterpunten` selects (under
  ``regels.verbeterpunt_onder`` or among the ``verbeterpunt_laagste`` lowest).
* **Advice** (:attr:`AdviesPunt.adviezen`): the ``volgende_stap`` of the vragen at the thema's
  **lowest answered level**, in vragenlijst order — the answers that hold the thema down. So the
  advice and the weak answer always belong together. When none of those vragen has a step for
  its level, the thema's own band suggestion (today's text) is the advice. Steps of the other
  vragen below the thema's band follow in :attr:`AdviesPunt.verdere_stappen`, lowest level first.
* **Ranking** (:func:`rangschik`): ``prioriteit: veiligheid`` first, then the lowest score, then
  the most vragen at the lowest level, then vragenlijst order — never arbitrary, every tie is
  said in :attr:`Verbeterlijst.uitleg`. At most ``regels.verbeterpunten_max``; one sentence
  names what was left out and why.
* **Gemeente or regio**: a thema with ``wie: regio`` goes to "wat samen in de regio moet" and is
  never in the gemeente's own list; the regional agenda (:func:`regionale_agenda`) gathers it
  over the gemeenten, uncapped, with each advice text once.
* **Honest change** (:func:`verandering`): see :data:`VERANDERING_REGEL`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..inlezen.model import REGIO, VEILIGHEID, Schaal, Thema, Vragenlijst
from . import scoring
from .weergave import aanhalen, getal, meervoud, opsomming

# --- totaalscore ----------------------------------------------------------------------------


def totaal_definitie(vragenlijst: Vragenlijst) -> str:
    """What the totaalscore is, in words a report can print after "de totaalscore is …"."""
    if vragenlijst.regels.totaal == "themas":
        delen = [(t.label, t.gewicht) for t in vragenlijst.themas]
        soort = meervoud(len(delen), "thema", "thema's")
    else:
        delen = [(o.titel, o.gewicht) for o in vragenlijst.onderdelen]
        soort = meervoud(len(delen), "onderdeel", "onderdelen")
    tekst = f"het gemiddelde van de scores van de {soort}"
    zwaarder = [(naam, g) for naam, g in delen if g != 1]
    if not zwaarder:
        return f"{tekst}, elk even zwaar"
    return (
        f"{tekst}, gewogen: "
        + opsomming(
            [f"{naam} telt {getal(g) if g != int(g) else int(g)} keer" for naam, g in zwaarder]
        )
        + ", de rest 1 keer"
    )


def totaal_zin(naam: str, vragenlijst: Vragenlijst, totaal: float | None) -> str:
    """The summary sentence, naming what the total (``GemeenteScores.score``) averages."""
    if totaal is None:
        return f"{naam} heeft geen totaalscore: te weinig onderdelen hebben een score."
    if vragenlijst.regels.totaal == "themas":
        over = meervoud(len(vragenlijst.themas), "thema", "thema's")
    else:
        over = meervoud(len(vragenlijst.onderdelen), "onderdeel", "onderdelen")
    return f"{naam} scoort gemiddeld {getal(totaal)} van de 100 over de {over}."


# --- advice per verbeterpunt ---------------------------------------------------------------


@dataclass(frozen=True)
class Advies:
    """One next step, and the weak answer it belongs to."""

    vraag_id: str
    niveau: int  # the level the vraag was answered at
    tekst: str
    wie: str  # the vraag's effective wie: gemeente | regio


@dataclass(frozen=True)
class AdviesPunt:
    thema_id: str
    score: float
    wie: str  # the thema's
    prioriteit: str | None
    laagste_niveau: int  # the thema's lowest answered level
    laagste_vragen: tuple[str, ...]  # the vragen at that level, vragenlijst order
    adviezen: tuple[Advies, ...]  # the steps of laagste_vragen; empty → use suggestie
    verdere_stappen: tuple[Advies, ...]  # steps of other vragen below the band, lowest first
    suggestie: str  # the thema's band text: the fallback
    reden: str  # why it is a verbeterpunt (from scoring)
    bespreekpunten: tuple[str, ...]
    band_niveau: int  # the level of the scale the thema is at (its band suggestion's)
    zwakke_vragen: tuple[str, ...]  # the vragen below that level (scoring._zwakke_vragen)

    @property
    def advies_teksten(self) -> tuple[str, ...]:
        """What the report says to do: the steps, or the thema's suggestion when there are none."""
        return tuple(a.tekst for a in self.adviezen) or (self.suggestie,)

    @property
    def regionaal(self) -> bool:
        return self.wie == REGIO


def _niveau(antwoord: object, schaal: Schaal) -> int | None:
    """The level of an answer, or None for weet niet, n.v.t., open or anything else."""
    if isinstance(antwoord, bool):
        return None
    if isinstance(antwoord, str) and antwoord.isdigit():
        antwoord = int(antwoord)
    if isinstance(antwoord, int) and antwoord in {n.waarde for n in schaal.niveaus}:
        return antwoord
    return None


def _uniek(adviezen: Iterable[Advies]) -> tuple[Advies, ...]:
    """Each text once (two vragen may share a step), the first keeps its place."""
    gezien: set[str] = set()
    uit = []
    for advies in adviezen:
        if advies.tekst not in gezien:
            gezien.add(advies.tekst)
            uit.append(advies)
    return tuple(uit)


def advies_punt(
    vragenlijst: Vragenlijst, punt: scoring.Verbeterpunt, antwoorden: scoring.Antwoorden
) -> AdviesPunt:
    """The advice for one verbeterpunt, from the answers that pulled its thema down."""
    thema = vragenlijst.thema(punt.thema_id)
    schaal = vragenlijst.schaal
    beantwoord = [
        (n, i, v)
        for i, v in enumerate(thema.vragen)
        if (n := _niveau(antwoorden.get(v.id), schaal)) is not None
    ]
    beantwoord.sort(key=lambda x: (x[0], x[1]))
    laagste = beantwoord[0][0]  # a verbeterpunt has a score, so at least one level answer

    def stap(n: int, vraag) -> Advies | None:
        tekst = vraag.stap(n)
        return None if tekst is None else Advies(vraag.id, n, tekst, thema.wie_van(vraag))

    eerst = [a for n, _, v in beantwoord if n == laagste and (a := stap(n, v))]
    verder = [a for n, _, v in beantwoord if laagste < n < punt.band_niveau and (a := stap(n, v))]
    adviezen = _uniek(eerst)
    return AdviesPunt(
        thema_id=thema.id,
        score=punt.score,
        wie=thema.wie,
        prioriteit=thema.prioriteit,
        laagste_niveau=laagste,
        laagste_vragen=tuple(v.id for n, _, v in beantwoord if n == laagste),
        adviezen=adviezen,
        verdere_stappen=tuple(a for a in _uniek([*adviezen, *verder]) if a not in adviezen),
        suggestie=punt.suggestie,
        reden=punt.reden,
        bespreekpunten=punt.bespreekpunten,
        band_niveau=punt.band_niveau,
        zwakke_vragen=punt.zwakke_vragen,
    )


# --- ranking --------------------------------------------------------------------------------

VOLGORDE_REGEL = (
    "eerst thema's waar mensen direct gevaar lopen (prioriteit veiligheid), dan de laagste "
    "score, dan de meeste vragen op het laagste niveau, dan de volgorde van de vragenlijst"
)


def rangsleutel(vragenlijst: Vragenlijst, punt: AdviesPunt) -> tuple:
    """The documented order (:data:`VOLGORDE_REGEL`) as a sort key; unique per thema."""
    volgorde = [t.id for t in vragenlijst.themas].index(punt.thema_id)
    return (
        0 if punt.prioriteit == VEILIGHEID else 1,
        Fraction(punt.score),
        -len(punt.laagste_vragen),
        volgorde,
    )


@dataclass(frozen=True)
class Verbeterlijst:
    """A gemeente's verbeterpunten, ranked, capped and split by who acts."""

    punten: tuple[AdviesPunt, ...]  # shown, in rank order (at most verbeterpunten_max)
    weggelaten: tuple[AdviesPunt, ...]  # also verbeterpunten, but beyond the cap
    weggelaten_zin: str  # one sentence; "" when nothing was left out
    uitleg: tuple[str, ...]  # why each tie or priority is ordered as it is

    @property
    def zelf(self) -> tuple[AdviesPunt, ...]:
        """Wat de gemeente zelf kan doen."""
        return tuple(p for p in self.punten if not p.regionaal)

    @property
    def regio(self) -> tuple[AdviesPunt, ...]:
        """Wat samen in de regio moet."""
        return tuple(p for p in self.punten if p.regionaal)


def _titel(vragenlijst: Vragenlijst, thema_id: str) -> str:
    # Quoted: titles such as "Signaleren en bespreekbaar maken" would blur "X en Y scoren …".
    return aanhalen(vragenlijst.thema(thema_id).titel)


def _uitleg_paar(vragenlijst: Vragenlijst, a: AdviesPunt, b: AdviesPunt) -> str | None:
    """Why ``a`` comes before ``b`` when it is not plainly a lower score."""
    ta, tb = _titel(vragenlijst, a.thema_id), _titel(vragenlijst, b.thema_id)
    if a.prioriteit == VEILIGHEID and b.prioriteit != VEILIGHEID:
        if Fraction(a.score) > Fraction(b.score):
            return (
                f"{ta} staat vóór {tb}, ook al scoort het hoger: bij {ta} lopen mensen direct "
                "gevaar (prioriteit veiligheid)."
            )
        return None
    if scoring.afgerond(a.score) != scoring.afgerond(b.score):
        return None
    if Fraction(a.score) != Fraction(b.score):
        return f"{ta} en {tb} scoren afgerond gelijk; {ta} scoort net iets lager."
    if len(a.laagste_vragen) != len(b.laagste_vragen):
        return (
            f"{ta} en {tb} scoren beide {getal(a.score)}; {ta} staat eerst omdat daar "
            f"{meervoud(len(a.laagste_vragen), 'vraag', 'vragen')} op het laagste niveau staan "
            f"(bij {tb} {len(b.laagste_vragen)})."
        )
    return (
        f"{ta} en {tb} scoren beide {getal(a.score)} en hebben evenveel vragen op het laagste "
        f"niveau; {ta} staat eerst omdat het eerder in de vragenlijst komt."
    )


def rangschik(
    vragenlijst: Vragenlijst,
    scores: scoring.GemeenteScores,
    antwoorden: scoring.Antwoorden,
    bespreekpunten: Iterable[str] = (),
) -> Verbeterlijst:
    """A gemeente's verbeterpunten with matching advice, in the documented order and capped."""
    punten = sorted(
        (
            advies_punt(vragenlijst, p, antwoorden)
            for p in scoring.verbeterpunten(vragenlijst, scores, antwoorden, bespreekpunten)
        ),
        key=lambda p: rangsleutel(vragenlijst, p),
    )
    maximum = vragenlijst.regels.verbeterpunten_max
    getoond, weg = tuple(punten[:maximum]), tuple(punten[maximum:])
    uitleg = [
        u
        for a, b in itertools.pairwise(punten)
        if (u := _uitleg_paar(vragenlijst, a, b)) and a in getoond
    ]
    zin = ""
    if weg:
        namen = [f"{_titel(vragenlijst, p.thema_id)} (score {getal(p.score)})" for p in weg]
        zin = (
            f"Ook {'een verbeterpunt' if len(weg) == 1 else 'verbeterpunten'}, maar weggelaten "
            f"omdat de lijst hoogstens {maximum} punten telt en "
            f"{'het later komt' if len(weg) == 1 else 'ze later komen'} in de volgorde "
            f"({VOLGORDE_REGEL}): {opsomming(namen)}."
        )
    return Verbeterlijst(getoond, weg, zin, tuple(uitleg))


# --- regional agenda ------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaGemeente:
    cbs: str
    naam: str
    score: float


@dataclass(frozen=True)
class AgendaPunt:
    thema_id: str
    prioriteit: str | None
    gemeenten: tuple[AgendaGemeente, ...]  # weakest first, then as given
    laagste: float
    gemiddelde: float  # over the gemeenten on the agenda for this thema
    adviezen: tuple[str, ...]  # each text once: lowest level first, then vragenlijst order


def regionale_agenda(
    vragenlijst: Vragenlijst,
    gemeenten: Sequence[tuple[str, str, scoring.GemeenteScores, scoring.Antwoorden]],
) -> tuple[AgendaPunt, ...]:
    """The ``wie: regio`` thema's that are a verbeterpunt for at least one of ``gemeenten``
    ((cbs, naam, scores, antwoorden), e.g. a subregio's or a regio's), uncapped.

    Order: prioriteit veiligheid first, then the lowest score, then the most gemeenten, then
    vragenlijst order. A thema's advice is gathered over its gemeenten, each text once.
    """
    per_thema: dict[str, list[tuple[AgendaGemeente, AdviesPunt]]] = {}
    for cbs, naam, scores, antwoorden in gemeenten:
        for p in scoring.verbeterpunten(vragenlijst, scores, antwoorden):
            if vragenlijst.thema(p.thema_id).wie != REGIO:
                continue
            punt = advies_punt(vragenlijst, p, antwoorden)
            per_thema.setdefault(p.thema_id, []).append((AgendaGemeente(cbs, naam, p.score), punt))
    agenda = []
    for thema_id, lijst in per_thema.items():
        thema: Thema = vragenlijst.thema(thema_id)
        lijst.sort(key=lambda x: Fraction(x[0].score))  # stable: ties keep the given order
        stappen = sorted(
            (
                (a.niveau, [v.id for v in thema.vragen].index(a.vraag_id), a.tekst)
                for _, p in lijst
                for a in p.adviezen
            )
        )
        teksten = [t for _, _, t in stappen] or [p.suggestie for _, p in lijst]
        scores_ = [Fraction(g.score) for g, _ in lijst]
        agenda.append(
            AgendaPunt(
                thema_id=thema_id,
                prioriteit=thema.prioriteit,
                gemeenten=tuple(g for g, _ in lijst),
                laagste=float(min(scores_)),
                gemiddelde=float(sum(scores_) / len(scores_)),
                adviezen=tuple(dict.fromkeys(teksten)),
            )
        )
    return _op_volgorde(vragenlijst, agenda)


def _op_volgorde(vragenlijst: Vragenlijst, agenda: Iterable[AgendaPunt]) -> tuple[AgendaPunt, ...]:
    volgorde = {t.id: i for i, t in enumerate(vragenlijst.themas)}
    return tuple(
        sorted(
            agenda,
            key=lambda a: (
                0 if a.prioriteit == VEILIGHEID else 1,
                Fraction(a.laagste),
                -len(a.gemeenten),
                volgorde.get(a.thema_id, len(volgorde)),
            ),
        )
    )


def samengevoegde_agenda(
    vragenlijst: Vragenlijst, agendas: Iterable[Sequence[AgendaPunt]]
) -> tuple[AgendaPunt, ...]:
    """One agenda from several (e.g. every subregio's, for a regio): per thema the gemeenten of
    all of them (weakest first), each advice once in the order first met, and the same order
    as :func:`regionale_agenda`. A thema that ``vragenlijst`` does not have keeps its place
    last."""
    per_thema: dict[str, list[AgendaPunt]] = {}
    for agenda in agendas:
        for punt in agenda:
            per_thema.setdefault(punt.thema_id, []).append(punt)
    samen = []
    for thema_id, punten in per_thema.items():
        gemeenten = sorted(
            (g for p in punten for g in p.gemeenten), key=lambda g: Fraction(g.score)
        )
        scores = [Fraction(g.score) for g in gemeenten]
        samen.append(
            AgendaPunt(
                thema_id=thema_id,
                prioriteit=punten[0].prioriteit,
                gemeenten=tuple(gemeenten),
                laagste=float(min(scores)),
                gemiddelde=float(sum(scores) / len(scores)),
                adviezen=tuple(dict.fromkeys(a for p in punten for a in p.adviezen)),
            )
        )
    return _op_volgorde(vragenlijst, samen)


# --- honest change --------------------------------------------------------------------------

VERANDERING_REGEL = (
    "Een thema heet gestegen of gedaald als minstens één vraag een heel niveau in die richting "
    "ging én de score meer veranderde dan één stap op één vraag kan geven (bij gelijke "
    "gewichten: 100 gedeeld door het aantal stappen van de schaal en door het aantal "
    "gescoorde vragen). Anders heet het gelijk, ook als de score iets verschilt."
)


_FLOAT_MARGE = Fraction(1, 10**9)


@dataclass(frozen=True)
class ThemaVerandering:
    thema_id: str
    vorige: float | None
    huidige: float | None
    verschil: float | None
    drempel: float | None  # the most one step on one vraag can move this thema (0–100)
    richting: str | None  # "gestegen" | "gedaald" | "gelijk"; None when not comparable
    omhoog: int  # comparable vragen with a level on both sides that went up
    omlaag: int
    gelijk: int
    gescoord_vorige: int  # comparable vragen answered with a level, previous meting
    gescoord_huidige: int

    @property
    def gescoord_veranderd(self) -> bool:
        """The score rests on a different number of vragen than last time: say so."""
        return self.gescoord_vorige != self.gescoord_huidige


def _vorig_niveau(ids: Sequence[str], antwoorden, schaal: Schaal) -> Fraction | None:
    niveaus = [n for i in ids if (n := _niveau(antwoorden.get(i), schaal)) is not None]
    return Fraction(sum(niveaus), len(niveaus)) if niveaus else None


def verandering(
    vorige_lijst: Vragenlijst,
    vorige_antwoorden: scoring.Antwoorden,
    huidige_lijst: Vragenlijst,
    huidige_antwoorden: scoring.Antwoorden,
    vergelijking: scoring.Vergelijking | None = None,
) -> dict[str, ThemaVerandering]:
    """Per current thema: the change since the previous meting, by :data:`VERANDERING_REGEL`.

    Scores come from :func:`scoring.vergelijk` (comparable vragen only). Per vraag, a previous
    level replaced by several is their mean; "a whole level" is a difference of at least one
    level on the current scale. ``vergelijking``: :func:`scoring.vergelijk` of the same four
    arguments, when the caller already has it.
    """
    if vergelijking is None:
        vergelijking = scoring.vergelijk(
            vorige_lijst, vorige_antwoorden, huidige_lijst, huidige_antwoorden
        )
    schaal = huidige_lijst.schaal
    bereik = schaal.hoogste - schaal.laagste
    uit = {}
    for tv in vergelijking.themas:
        thema = huidige_lijst.thema(tv.thema_id)
        gewicht = {v.id: Fraction(v.gewicht) for v in thema.vragen}
        omhoog = omlaag = gelijk = voor_n = na_n = 0
        heel_omhoog = heel_omlaag = False
        gescoord: list[str] = []
        for vraag_id, bronnen in tv.vergelijkbare_vragen:
            voor = _vorig_niveau(bronnen, vorige_antwoorden, vorige_lijst.schaal)
            na = _niveau(huidige_antwoorden.get(vraag_id), schaal)
            voor_n += voor is not None
            na_n += na is not None
            if na is not None:
                gescoord.append(vraag_id)
            if voor is None or na is None:
                continue
            if na > voor:
                omhoog += 1
                heel_omhoog |= na - voor >= 1
            elif na < voor:
                omlaag += 1
                heel_omlaag |= voor - na >= 1
            else:
                gelijk += 1
        drempel = None
        if gescoord:
            totaal = sum(gewicht[v] for v in gescoord)
            drempel = Fraction(100, bereik) * max(gewicht[v] for v in gescoord) / totaal
        richting = None
        if tv.verschil is not None and drempel is not None:
            # The scores arrive as floats: a difference of exactly one step (5.5555…6) must not
            # read as more than the step (100/18) through the last bit of a float.
            verschil = Fraction(tv.verschil)
            marge = drempel + _FLOAT_MARGE
            if verschil > marge and heel_omhoog:
                richting = "gestegen"
            elif verschil < -marge and heel_omlaag:
                richting = "gedaald"
            else:
                richting = "gelijk"
        uit[tv.thema_id] = ThemaVerandering(
            thema_id=tv.thema_id,
            vorige=tv.vorige,
            huidige=tv.huidige,
            verschil=tv.verschil,
            drempel=None if drempel is None else float(drempel),
            richting=richting,
            omhoog=omhoog,
            omlaag=omlaag,
            gelijk=gelijk,
            gescoord_vorige=voor_n,
            gescoord_huidige=na_n,
        )
    return uit


def verandering_zin(thema: Thema, v: ThemaVerandering) -> str:
    """One sentence per thema: the direction by the rule, the counts, and a changed basis."""
    if v.richting is None:
        return f"{thema.titel}: niet te vergelijken."
    tellingen = (
        f"{meervoud(v.omhoog, 'vraag', 'vragen')} omhoog, {v.omlaag} omlaag, {v.gelijk} gelijk"
    )
    zin = f"{thema.titel}: {v.richting} ({getal(v.vorige)} → {getal(v.huidige)}; {tellingen})."
    if v.gescoord_veranderd:
        zin += (
            f" Let op: de score rust nu op {meervoud(v.gescoord_huidige, 'vraag', 'vragen')} "
            f"met een niveau, vorige keer op {v.gescoord_vorige}."
        )
    return zin


def telling(veranderingen: Mapping[str, ThemaVerandering]) -> dict[str, int]:
    """How many thema's rose, fell or stayed, by the rule (not by the raw difference)."""
    uit = {"gestegen": 0, "gedaald": 0, "gelijk": 0}
    for v in veranderingen.values():
        if v.richting:
            uit[v.richting] += 1
    return uit

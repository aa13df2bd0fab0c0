"""Scores, verbeterpunten and comparisons: pure functions over a vragenlijst and its answers.

A score is derived, never stored: the same answers and the same vragenlijst always give the same
numbers. This module knows nothing of Flask or SQLite; callers pass plain mappings.

The rules, and why
------------------
* **Level → 0–100.** ``(level − laagste) / (hoogste − laagste) × 100``: the lowest level of the
  scale is 0, the highest 100, whatever the scale's numbers are.
* **Thema score** = the weighted mean (``vraag.gewicht``) over the questions answered with a level.
  *Weet niet* and *n.v.t.* are not levels and never enter the mean.
* **Dekking** (coverage) = questions answered with a level / applicable questions, where applicable
  = all questions minus *n.v.t.*: a question that does not apply to a gemeente is not missing.
* **Onvoldoende beantwoord**: there are applicable questions, but the dekking is under
  ``regels.minimale_dekking`` (or nothing was answered with a level at all). Such a thema gets no
  number: a score from one answer out of four would look as firm as one from four. Exactly the
  minimum (e.g. 2 of 4 with 0.5) is enough.
* **Alles n.v.t.**: a thema where every question is *n.v.t.* has no score and dekking 0, but is not
  "onvoldoende beantwoord" — nothing is missing; the caller tells it apart by
  ``aantal_nvt == aantal_vragen`` (:attr:`ThemaScore.alles_nvt`).
* **Zicht ontbreekt**: the share of *weet niet* among applicable questions reaches
  ``regels.zicht_ontbreekt_vanaf``. It is a finding of its own, independent of the score.
* **Onderdeel score** = weighted mean (``thema.gewicht``) of the thema scores that exist; none when
  the share of applicable thema's (not all n.v.t.) that have a score is under
  ``minimale_dekking`` — the same rule one level up. The **total** is the same over onderdelen
  (``onderdeel.gewicht``), or over every thema (``thema.gewicht``) when ``regels.totaal`` is
  "themas"; :func:`zelfscan.scores.advies.totaal_definitie` says which in words. Dekking of an onderdeel and of the total counts questions, as for a
  thema.
* **Band niveau** (which verbeterpunt text applies): the mean level rounded to the nearest level of
  the scale; a tie goes to the *lower* level. Conservative on purpose: a gemeente exactly between
  two levels gets the suggestion for the weaker one, which still applies to it; the stronger one
  would assume what is not yet there.
* Arithmetic is exact (:class:`fractions.Fraction`) and turned into a float only at the end, so
  the result does not depend on the order of answers, equal inputs give equal floats, and
  boundaries such as "exactly half" are not lost to rounding (onderdeel and total scores are
  exact over the float thema scores). Rounding is for display only: :func:`afgerond`.

Verbeterpunten (:func:`verbeterpunten`) and comparisons between metingen (:func:`vergelijk`) have
their rules in their docstrings.
"""

from __future__ import annotations

import functools
import math
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from ..inlezen.model import NIET_VAN_TOEPASSING, WEET_NIET, Schaal, Thema, Vraag, Vragenlijst

Antwoorden = Mapping[str, int | str | None]
"""vraag_id → a level (int), WEET_NIET, NIET_VAN_TOEPASSING, or None/absent (not answered)."""

# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemaScore:
    thema_id: str
    score: float | None  # 0–100; None when onvoldoende beantwoord, all n.v.t., or no answers
    dekking: float  # level answers / applicable questions, 0..1 (0 when nothing applies)
    niveau: float | None  # weighted mean level on the scale (e.g. 1.67); None when no score
    band_niveau: int | None  # the scale level whose verbeterpunt text applies
    aantal_vragen: int
    aantal_niveau: int
    aantal_weet_niet: int
    aantal_nvt: int
    aantal_open: int
    onvoldoende_beantwoord: bool
    zicht_ontbreekt: bool

    @property
    def alles_nvt(self) -> bool:
        """Every question is n.v.t.: no score, but nothing is missing either."""
        return self.aantal_nvt == self.aantal_vragen


@dataclass(frozen=True)
class OnderdeelScore:
    onderdeel_id: str
    score: float | None
    dekking: float
    themas: tuple[ThemaScore, ...]


@dataclass(frozen=True)
class GemeenteScores:
    score: float | None
    dekking: float
    onderdelen: tuple[OnderdeelScore, ...]

    def thema(self, thema_id: str) -> ThemaScore:
        for thema in self.themas():
            if thema.thema_id == thema_id:
                return thema
        raise KeyError(thema_id)

    def themas(self) -> tuple[ThemaScore, ...]:
        """Every thema score, in vragenlijst order."""
        return tuple(t for o in self.onderdelen for t in o.themas)

    def zicht_ontbreekt(self) -> tuple[ThemaScore, ...]:
        """The thema's with so much *weet niet* that it is a finding in itself."""
        return tuple(t for t in self.themas() if t.zicht_ontbreekt)

    def onvoldoende_beantwoord(self) -> tuple[ThemaScore, ...]:
        """The thema's that get no number because too little was answered with a level."""
        return tuple(t for t in self.themas() if t.onvoldoende_beantwoord)

    def onderdeel(self, onderdeel_id: str) -> OnderdeelScore:
        for onderdeel in self.onderdelen:
            if onderdeel.onderdeel_id == onderdeel_id:
                return onderdeel
        raise KeyError(onderdeel_id)


@dataclass(frozen=True)
class Spreiding:
    thema_id: str  # or an onderdeel id, from onderdelen_overzicht()
    gemiddelde: float | None
    minimum: float | None
    maximum: float | None
    spreiding: float | None  # maximum − minimum
    aantal: int  # gemeenten with a score


@dataclass(frozen=True)
class Verbeterpunt:
    thema_id: str
    score: float
    band_niveau: int
    suggestie: str
    reden: str
    zwakke_vragen: tuple[str, ...]
    bespreekpunten: tuple[str, ...]


@dataclass(frozen=True)
class ThemaVergelijking:
    thema_id: str
    vorige: float | None  # score over the comparable questions only, previous meting
    huidige: float | None  # score over the comparable questions only, current meting
    verschil: float | None  # huidige − vorige
    vergelijkbare_vragen: tuple[tuple[str, tuple[str, ...]], ...]  # (current id, previous ids)
    nieuwe_vragen: tuple[str, ...]


@dataclass(frozen=True)
class Vergelijking:
    themas: tuple[ThemaVergelijking, ...]
    nieuwe_themas: tuple[str, ...]
    vervallen_themas: tuple[str, ...]
    vervallen_vragen: tuple[str, ...]

    def thema(self, thema_id: str) -> ThemaVergelijking:
        for thema in self.themas:
            if thema.thema_id == thema_id:
                return thema
        raise KeyError(thema_id)


# --- display helpers ----------------------------------------------------------------------------


def afgerond(score: float | None) -> int | None:
    """A score as a whole number for display, half up (62.5 → 63); None stays None."""
    if score is None:
        return None
    # Decimal(float) is exact, so 62.5 really rounds up and 62.49999 really rounds down.
    return int(Decimal(score).to_integral_value(rounding=ROUND_HALF_UP))


def _getal(waarde: float | Decimal) -> str:
    """A number in Dutch notation without needless decimals: 60 → '60', 62.5 → '62,5'."""
    tekst = f"{waarde:.2f}".rstrip("0").rstrip(".")
    return tekst.replace(".", ",")


# --- scoring ------------------------------------------------------------------------------------

# An answer after classification: an exact level, one of the special answers, or None (open).
_Waarde = Fraction | str | None


def _classificeer(vraag_id: str, antwoord: object, schaal: Schaal) -> _Waarde:
    if antwoord is None or antwoord in (WEET_NIET, NIET_VAN_TOEPASSING):
        return antwoord  # type: ignore[return-value]
    if isinstance(antwoord, bool):  # bool is an int in Python; True is no level
        raise ValueError(f"antwoord op '{vraag_id}' is geen niveau van de schaal: {antwoord!r}")
    if isinstance(antwoord, str):
        # A store may keep answers as text; "2" is still level 2.
        try:
            antwoord = int(antwoord)
        except ValueError:
            raise ValueError(
                f"antwoord op '{vraag_id}' is geen niveau van de schaal: {antwoord!r}"
            ) from None
    if not isinstance(antwoord, int) or antwoord not in {n.waarde for n in schaal.niveaus}:
        raise ValueError(f"antwoord op '{vraag_id}' is geen niveau van de schaal: {antwoord!r}")
    return _breuk(antwoord)


# Fractions are immutable and slow to make; scoring asks for the same few (the scale's levels,
# the coverage rules, a thema's weights) thousands of times per page.
@functools.lru_cache(maxsize=256)
def _breuk(getal: int | float) -> Fraction:
    return Fraction(getal)


@functools.lru_cache(maxsize=1024)
def _gehele_gewichten(gewichten: tuple[float, ...]) -> tuple[int, ...]:
    """The weights as whole numbers in the same proportion (times the least common denominator),
    so that a weighted mean of whole levels is a ratio of two ints: exact without Fraction."""
    breuken = [Fraction(g) for g in gewichten]
    noemer = math.lcm(*(b.denominator for b in breuken))
    return tuple(int(b * noemer) for b in breuken)


def _band(schaal: Schaal, teller: int, noemer: int) -> int:
    """The level nearest to teller/noemer (noemer > 0); on a tie the lower level wins (see the
    module docstring for why). Distances times noemer: the same order, in whole numbers."""
    return min((n.waarde for n in schaal.niveaus), key=lambda w: (abs(w * noemer - teller), w))


def _thema_score(
    thema_id: str,
    vragen: Sequence[Vraag],
    waarden: Mapping[str, _Waarde],
    schaal: Schaal,
    minimale_dekking: float,
    zicht_ontbreekt_vanaf: float,
) -> ThemaScore:
    # Exact as before, but in whole numbers where it can be (levels are ints; a comparison's
    # mean of replaced questions may be a true fraction): Fraction arithmetic made scoring the
    # bulk of a results page with a nine-year trend. An int / int division in Python is
    # correctly rounded, so each float below is the one float(Fraction(...)) gave.
    gewichten = _gehele_gewichten(tuple(v.gewicht for v in vragen))
    niveaus: list[tuple[int, Fraction]] = []
    aantal_weet_niet = aantal_nvt = aantal_open = 0
    for gewicht, vraag in zip(gewichten, vragen, strict=True):
        waarde = waarden[vraag.id]
        if isinstance(waarde, Fraction):
            niveaus.append((gewicht, waarde))
        elif waarde is None:
            aantal_open += 1
        elif waarde == WEET_NIET:
            aantal_weet_niet += 1
        elif waarde == NIET_VAN_TOEPASSING:
            aantal_nvt += 1
    toepasselijk = len(vragen) - aantal_nvt
    # Compared exactly (cross-multiplied): 2 of 4 against 0.5 is exactly enough.
    drempel, zicht = _breuk(minimale_dekking), _breuk(zicht_ontbreekt_vanaf)
    onvoldoende = toepasselijk > 0 and (
        not niveaus or len(niveaus) * drempel.denominator < drempel.numerator * toepasselijk
    )
    zicht_ontbreekt = (
        toepasselijk > 0 and aantal_weet_niet * zicht.denominator >= zicht.numerator * toepasselijk
    )
    score = niveau = band = None
    if niveaus and not onvoldoende:
        if all(n.denominator == 1 for _, n in niveaus):
            teller = sum(g * n.numerator for g, n in niveaus)
            noemer = sum(g for g, _ in niveaus)
        else:
            gemiddeld = sum(g * n for g, n in niveaus) / sum(g for g, _ in niveaus)
            teller, noemer = gemiddeld.numerator, gemiddeld.denominator
        bereik = schaal.hoogste - schaal.laagste
        score = (teller - schaal.laagste * noemer) * 100 / (noemer * bereik)
        niveau = teller / noemer
        band = _band(schaal, teller, noemer)
    return ThemaScore(
        thema_id=thema_id,
        score=score,
        dekking=len(niveaus) / toepasselijk if toepasselijk else 0.0,
        niveau=niveau,
        band_niveau=band,
        aantal_vragen=len(vragen),
        aantal_niveau=len(niveaus),
        aantal_weet_niet=aantal_weet_niet,
        aantal_nvt=aantal_nvt,
        aantal_open=aantal_open,
        onvoldoende_beantwoord=onvoldoende,
        zicht_ontbreekt=zicht_ontbreekt,
    )


def exact_gemiddelde(paren: Iterable[tuple[float, float]]) -> float:
    """Σ gewicht·waarde / Σ gewicht over ``paren`` (gewicht, waarde), exact and rounded once:
    the float that ``float(sum(Fraction(g) * Fraction(w)) / sum(Fraction(g)))`` gives.

    In whole numbers, because Fraction arithmetic on floats was a fifth of a results page with
    a nine-year trend: a float (or int) is the ratio of two ints (``as_integer_ratio``), so
    both sums are kept as an int over a common denominator, and an int / int division in
    Python is correctly rounded. The weights' sum must not be 0.
    """
    teller, noemer_t, gewicht, noemer_g = 0, 1, 0, 1
    for g, w in paren:
        gt, gn = g.as_integer_ratio()
        wt, wn = w.as_integer_ratio()
        teller, noemer_t = _tel_op(teller, noemer_t, gt * wt, gn * wn)
        gewicht, noemer_g = _tel_op(gewicht, noemer_g, gt, gn)
    return (teller * noemer_g) / (noemer_t * gewicht)


def _tel_op(teller: int, noemer: int, bij_teller: int, bij_noemer: int) -> tuple[int, int]:
    """teller/noemer + bij_teller/bij_noemer as an int over a common denominator (floats have
    powers of two as denominators, so it seldom grows)."""
    if noemer % bij_noemer == 0:
        return teller + bij_teller * (noemer // bij_noemer), noemer
    gemeen = math.lcm(noemer, bij_noemer)
    return teller * (gemeen // noemer) + bij_teller * (gemeen // bij_noemer), gemeen


def _samengesteld(
    delen: Sequence[tuple[float, float | None, bool]], minimale_dekking: float
) -> float | None:
    """Weighted mean of the parts' scores that exist; ``delen`` = (gewicht, score, toepasselijk).

    None when too few of the applicable parts have a score: the coverage rule one level up.
    """
    toepasselijk = [(g, s) for g, s, t in delen if t]
    met_score = [(g, s) for g, s in toepasselijk if s is not None]
    drempel = _breuk(minimale_dekking)
    # Exactly: fewer than the threshold's share, cross-multiplied.
    if not met_score or len(met_score) * drempel.denominator < drempel.numerator * len(
        toepasselijk
    ):
        return None
    return exact_gemiddelde(met_score)


def _dekking(themas: Iterable[ThemaScore]) -> float:
    themas = list(themas)
    toepasselijk = sum(t.aantal_vragen - t.aantal_nvt for t in themas)
    # int / int: correctly rounded, the float of the exact ratio.
    return sum(t.aantal_niveau for t in themas) / toepasselijk if toepasselijk else 0.0


# --- remembering results -------------------------------------------------------------------------

# The functions below are pure and their results immutable, and a page asks for the same scores
# many times: a results page with a trend over nine years scores every meting of the chain, and
# the comparison scores the current and the previous meting again. So results are remembered,
# keyed on the vragenlijst object (the store shares one per snapshot hash; the entry keeps it
# alive, so its id is not reused) and the answers' items.
_GEHEUGEN: OrderedDict[tuple, tuple[tuple[Vragenlijst, ...], object]] = OrderedDict()
# A key holds a frozenset of one gemeente's answers and the entry its scores: some tens of kB.
# 256 entries cover a results page with a nine-year trend (9 metingen × 4 gemeenten, scores and
# comparisons) several times over and stay under ~10 MB.
_GEHEUGEN_GROOTTE = 256
_GEHEUGEN_SLOT = threading.Lock()


def _onthouden(functie):
    @functools.wraps(functie)
    def omhulsel(*args, **kwargs):
        if kwargs:
            return functie(*args, **kwargs)
        lijsten = tuple(a for a in args if isinstance(a, Vragenlijst))
        try:
            sleutel = (
                functie.__name__,
                *(id(a) if isinstance(a, Vragenlijst) else frozenset(a.items()) for a in args),
            )
        except TypeError:  # an unhashable answer: just compute
            return functie(*args)
        with _GEHEUGEN_SLOT:
            gevonden = _GEHEUGEN.get(sleutel)
            if gevonden is not None and all(
                a is b for a, b in zip(gevonden[0], lijsten, strict=True)
            ):
                _GEHEUGEN.move_to_end(sleutel)
                return gevonden[1]
        uitkomst = functie(*args)
        with _GEHEUGEN_SLOT:
            _GEHEUGEN[sleutel] = (lijsten, uitkomst)
            while len(_GEHEUGEN) > _GEHEUGEN_GROOTTE:
                _GEHEUGEN.popitem(last=False)
        return uitkomst

    return omhulsel


@_onthouden
def bereken_scores(vragenlijst: Vragenlijst, antwoorden: Antwoorden) -> GemeenteScores:
    """Scores per thema, onderdeel and overall for one gemeente's answers in one meting.

    Answers to ids that are not in the vragenlijst are ignored (a meting pins its vragenlijst, so
    they can only be leftovers); an answer that is no level of the scale raises ValueError.
    """
    schaal, regels = vragenlijst.schaal, vragenlijst.regels
    waarden = {v.id: _classificeer(v.id, antwoorden.get(v.id), schaal) for v in vragenlijst.vragen}
    onderdelen = []
    for onderdeel in vragenlijst.onderdelen:
        themas = tuple(
            _thema_score(
                t.id,
                t.vragen,
                waarden,
                schaal,
                regels.minimale_dekking,
                regels.zicht_ontbreekt_vanaf,
            )
            for t in onderdeel.themas
        )
        score = _samengesteld(
            [
                (t.gewicht, s.score, not s.alles_nvt)
                for t, s in zip(onderdeel.themas, themas, strict=True)
            ],
            regels.minimale_dekking,
        )
        onderdelen.append(OnderdeelScore(onderdeel.id, score, _dekking(themas), themas))
    if regels.totaal == "themas":
        # The mean of every thema (thema.gewicht), whatever onderdeel it sits in.
        totaal = _samengesteld(
            [
                (t.gewicht, s.score, not s.alles_nvt)
                for t, s in zip(
                    vragenlijst.themas, (s for o in onderdelen for s in o.themas), strict=True
                )
            ],
            regels.minimale_dekking,
        )
    else:
        totaal = _samengesteld(
            [
                (o.gewicht, s.score, not all(t.alles_nvt for t in s.themas))
                for o, s in zip(vragenlijst.onderdelen, onderdelen, strict=True)
            ],
            regels.minimale_dekking,
        )
    alle = [t for o in onderdelen for t in o.themas]
    return GemeenteScores(score=totaal, dekking=_dekking(alle), onderdelen=tuple(onderdelen))


# --- subregio -----------------------------------------------------------------------------------


def _spreiding(sleutel: str, waarden: Iterable[float | None]) -> Spreiding:
    met_score = [Fraction(w) for w in waarden if w is not None]
    if not met_score:
        return Spreiding(sleutel, None, None, None, None, 0)
    laagste, hoogste = min(met_score), max(met_score)
    return Spreiding(
        thema_id=sleutel,
        gemiddelde=exact_gemiddelde((1, w) for w in met_score),
        minimum=float(laagste),
        maximum=float(hoogste),
        spreiding=float(hoogste - laagste),
        aantal=len(met_score),
    )


def subregio_overzicht(
    vragenlijst: Vragenlijst, scores: Mapping[str, GemeenteScores]
) -> dict[str, Spreiding]:
    """Per thema_id: the mean over the gemeenten (key of ``scores`` = CBS code) and the spread.

    Each gemeente counts once, whatever its size: the subregio average is the reference a
    gemeente compares itself with, not a population figure. Gemeenten without a score on a thema
    (onvoldoende beantwoord, n.v.t.) are left out of that thema's mean; ``aantal`` says how many
    remained.
    """
    return {
        t.id: _spreiding(t.id, (s.thema(t.id).score for s in scores.values()))
        for t in vragenlijst.themas
    }


def onderdelen_overzicht(
    vragenlijst: Vragenlijst, scores: Mapping[str, GemeenteScores]
) -> dict[str, Spreiding]:
    """As :func:`subregio_overzicht`, per onderdeel_id (``Spreiding.thema_id`` holds that id)."""
    return {
        o.id: _spreiding(o.id, (s.onderdeel(o.id).score for s in scores.values()))
        for o in vragenlijst.onderdelen
    }


# --- verbeterpunten -----------------------------------------------------------------------------


def verbeterpunten(
    vragenlijst: Vragenlijst,
    scores: GemeenteScores,
    antwoorden: Antwoorden,
    bespreekpunten: Iterable[str] = (),
) -> tuple[Verbeterpunt, ...]:
    """The thema's this gemeente should strengthen, lowest score first (ties in vragenlijst order).

    A thema is a verbeterpunt when its score is under ``regels.verbeterpunt_onder``, or when it is
    among the ``regels.verbeterpunt_laagste`` lowest scores — but never at the maximum of 100,
    where there is nothing left to strengthen. "Among the N lowest" means fewer than N thema's
    score strictly lower, so thema's tied with the N-th are all included: choosing between equal
    scores by their place in the vragenlijst would be arbitrary and the report could not explain
    it. Thema's without a score are never verbeterpunten; the caller reports them as "onvoldoende
    beantwoord" or "zicht ontbreekt".

    ``bespreekpunten``: vraag ids flagged in the session for this gemeente.
    """
    regels, schaal = vragenlijst.regels, vragenlijst.schaal
    gemarkeerd = set(bespreekpunten)
    volgorde = {t.id: i for i, t in enumerate(vragenlijst.themas)}
    gescoord = [s for s in scores.themas() if s.score is not None]
    lijst = []
    for s in sorted(gescoord, key=lambda s: (s.score, volgorde[s.thema_id])):
        assert s.score is not None and s.band_niveau is not None
        onder_grens = s.score < regels.verbeterpunt_onder
        lager = sum(1 for x in gescoord if x.score < s.score)  # type: ignore[operator]
        bij_laagste = lager < regels.verbeterpunt_laagste and s.score < 100
        if not (onder_grens or bij_laagste):
            continue
        thema = vragenlijst.thema(s.thema_id)
        lijst.append(
            Verbeterpunt(
                thema_id=s.thema_id,
                score=s.score,
                band_niveau=s.band_niveau,
                suggestie=thema.suggestie(s.band_niveau),
                reden=_reden(
                    s.score, onder_grens, regels.verbeterpunt_onder, regels.verbeterpunt_laagste
                ),
                zwakke_vragen=_zwakke_vragen(thema, antwoorden, schaal, s.band_niveau),
                bespreekpunten=tuple(v.id for v in thema.vragen if v.id in gemarkeerd),
            )
        )
    return tuple(lijst)


def _reden(score: float, onder_grens: bool, grens: float, laagste: int) -> str:
    if onder_grens:
        # Whole numbers read best, but "score 60 is lager dan 60" (59.6 rounded) would not: show
        # as many decimals (up to 2) as it takes for the score to read lower than the threshold.
        for decimalen in (0, 1, 2):
            getoond = Decimal(score).quantize(Decimal(1).scaleb(-decimalen), ROUND_HALF_UP)
            if getoond < Decimal(_getal(grens).replace(",", ".")):
                break
        return f"score {_getal(getoond)} is lager dan {_getal(grens)}"
    if laagste == 1:
        return "het laagst scorende thema"
    return f"een van de {laagste} laagst scorende thema's"


def _zwakke_vragen(
    thema: Thema, antwoorden: Antwoorden, schaal: Schaal, band: int
) -> tuple[str, ...]:
    """The questions that pull the thema down, lowest first (ties in vragenlijst order).

    Those answered below the band level; when none is (all answers at the band or above, e.g. a
    band at the bottom of the scale), the questions at the lowest level answered — they are what
    holds the thema at its band — unless that is the top of the scale.
    """
    niveaus = []
    for i, vraag in enumerate(thema.vragen):
        waarde = _classificeer(vraag.id, antwoorden.get(vraag.id), schaal)
        if isinstance(waarde, Fraction):
            niveaus.append((waarde, i, vraag.id))
    niveaus.sort()
    onder = [v for n, _, v in niveaus if n < band]
    if onder or not niveaus:
        return tuple(onder)
    laagste = niveaus[0][0]
    if laagste >= schaal.hoogste:
        return ()
    return tuple(v for n, _, v in niveaus if n == laagste)


# --- comparison ---------------------------------------------------------------------------------


def _vorige_waarde(ids: Sequence[str], waarden: Mapping[str, _Waarde]) -> _Waarde:
    """One previous value for a current question that replaces ``ids``.

    The mean of the previous levels that exist; without any level: weet niet if any was weet
    niet, n.v.t. only when all were n.v.t. (then it did not apply before either), else open.
    """
    niveaus = [w for i in ids if isinstance(w := waarden[i], Fraction)]
    if niveaus:
        return sum(niveaus) / len(niveaus)
    if any(waarden[i] == WEET_NIET for i in ids):
        return WEET_NIET
    if all(waarden[i] == NIET_VAN_TOEPASSING for i in ids):
        return NIET_VAN_TOEPASSING
    return None


@_onthouden
def voorgangers(
    vorige_lijst: Vragenlijst, huidige_lijst: Vragenlijst
) -> dict[str, tuple[str, ...]]:
    """Per comparable current vraag id, the previous vraag ids it is compared with: its own id
    when the previous version had it, else the ids in its ``vervangt`` that it had."""
    vorige_ids = {v.id for v in vorige_lijst.vragen}
    uit = {}
    for vraag in huidige_lijst.vragen:
        if vraag.id in vorige_ids:
            uit[vraag.id] = (vraag.id,)
        elif bron := tuple(i for i in vraag.vervangt if i in vorige_ids):
            uit[vraag.id] = bron
    return uit


def vergelijk(
    vorige_lijst: Vragenlijst,
    vorige_antwoorden: Antwoorden,
    huidige_lijst: Vragenlijst,
    huidige_antwoorden: Antwoorden,
) -> Vergelijking:
    """Per current thema, the change in score since a previous meting of the same gemeente.

    Only comparable questions count, on both sides: a current question is comparable when the
    previous version had a question with the same id, or else with an id in its ``vervangt``.
    A question that replaces several takes, for the previous meting, the mean of their levels.
    Both sides are scored like a thema (weights, coverage rule, weet niet / n.v.t. left out) with
    the current weights and rules, so the difference reflects changed answers, not a changed
    weighting; each side's levels are placed on 0–100 with its own scale. A side without a score
    gives no difference. What could not be compared is named: new questions and thema's, and the
    previous questions and thema's that were dropped.
    """
    voorganger = voorgangers(vorige_lijst, huidige_lijst)
    vorig = {
        v.id: _classificeer(v.id, vorige_antwoorden.get(v.id), vorige_lijst.schaal)
        for v in vorige_lijst.vragen
    }
    huidig = {
        v.id: _classificeer(v.id, huidige_antwoorden.get(v.id), huidige_lijst.schaal)
        for v in huidige_lijst.vragen
    }
    regels = huidige_lijst.regels
    meegenomen: set[str] = set()
    themas, nieuwe_themas = [], []
    for thema in huidige_lijst.themas:
        paren: list[tuple[str, tuple[str, ...]]] = []
        nieuw: list[str] = []
        for vraag in thema.vragen:
            bron = voorganger.get(vraag.id, ())
            if bron:
                paren.append((vraag.id, bron))
                meegenomen.update(bron)
            else:
                nieuw.append(vraag.id)
        if not paren:
            nieuwe_themas.append(thema.id)
        vergelijkbaar = [vraag for vraag in thema.vragen if vraag.id not in nieuw]
        bronnen = dict(paren)
        # On a 0..3 scale a replaced-by-several mean such as 1.5 is no level, but scores fine.
        voor = {v.id: _vorige_waarde(bronnen[v.id], vorig) for v in vergelijkbaar}
        na = {v.id: huidig[v.id] for v in vergelijkbaar}
        if vergelijkbaar:
            oud = _thema_score(
                thema.id,
                vergelijkbaar,
                voor,
                vorige_lijst.schaal,
                regels.minimale_dekking,
                regels.zicht_ontbreekt_vanaf,
            ).score
            nu = _thema_score(
                thema.id,
                vergelijkbaar,
                na,
                huidige_lijst.schaal,
                regels.minimale_dekking,
                regels.zicht_ontbreekt_vanaf,
            ).score
        else:
            oud = nu = None
        verschil = (
            float(Fraction(nu) - Fraction(oud)) if oud is not None and nu is not None else None
        )
        themas.append(ThemaVergelijking(thema.id, oud, nu, verschil, tuple(paren), tuple(nieuw)))
    huidige_themas = {t.id for t in huidige_lijst.themas}
    vervallen_themas = tuple(
        t.id
        for t in vorige_lijst.themas
        if t.id not in huidige_themas and not any(v.id in meegenomen for v in t.vragen)
    )
    vervallen_vragen = tuple(v.id for v in vorige_lijst.vragen if v.id not in meegenomen)
    return Vergelijking(tuple(themas), tuple(nieuwe_themas), vervallen_themas, vervallen_vragen)

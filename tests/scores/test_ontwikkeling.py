"""Development over time (zelfscan.scores.ontwikkeling), pure: deltas, ambities, versions, trend, mergers.

Every expected number is worked out by hand in the comments (scale 0..3: level × 100/3).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from zelfscan import opslag
from zelfscan.inlezen.loader import laad_catalogus
from zelfscan.inlezen.model import (
    NIET_VAN_TOEPASSING,
    WEET_NIET,
    Gemeente,
    Niveau,
    Schaal,
    Vragenlijst,
)
from zelfscan.inlezen.model import BijzonderAntwoord as Bijzonder
from zelfscan.scores import ontwikkeling, scoring

VERSIES = Path(__file__).parent.parent / "data-versies"  # two versions of a small vragenlijst
A, B, C, D = "GM9001", "GM9002", "GM9003", "GM9004"
NAMEN = {A: "Aardam", B: "Bëekhuizen", C: "Cruisdorp", D: "Dijkwaard"}


@pytest.fixture(scope="module")
def versies():
    catalogus = laad_catalogus(VERSIES)
    return catalogus.vragenlijst("versie-scan", "2021.1"), catalogus.vragenlijst(
        "versie-scan", "2023.1"
    )


@dataclass
class Meting:
    """What the pure layer reads of a opslag.Meting."""

    id: int
    jaar: int
    vragenlijst: Vragenlijst
    gemeenten: tuple[Gemeente, ...]
    datum: date = field(default=date(2021, 10, 12))

    def gemeente(self, cbs: str) -> Gemeente:
        return next(g for g in self.gemeenten if g.cbs == cbs)


def meting(nr: int, jaar: int, lijst: Vragenlijst, *cbs: str) -> Meting:
    return Meting(nr, jaar, lijst, tuple(Gemeente(c, NAMEN[c]) for c in cbs), date(jaar, 10, 12))


def antwoorden(cbs: str, waarden: dict, overgenomen: tuple[str, ...] = ()) -> dict:
    return {
        (cbs, vraag): opslag.Antwoord(cbs, vraag, w, "", False, vraag in overgenomen, 1, "", "")
        for vraag, w in waarden.items()
    }


def ambitie(cbs: str, thema: str, niveau: int, tekst: str = "") -> dict:
    return {(cbs, thema): opslag.Ambitie(cbs, thema, niveau, tekst, 1, "", "")}


# --- one version: deltas and ambities -----------------------------------------------------------


def test_deltas_and_ambities_by_hand(versies):
    oud, _ = versies
    vorige = meting(1, 2021, oud, A)
    huidige = meting(2, 2022, oud, A)
    toen = antwoorden(
        A,
        {
            "visie-1": 1,
            "visie-2": 1,  # mean 1 → 33.3
            "sturing-1": 0,
            "sturing-2": 1,
            "sturing-3": 2,  # mean 1 → 33.3
            "meldcode-1": 2,
            "meldcode-2": 2,  # 66.7
            "deskundigheid-1": 3,
            "deskundigheid-2": WEET_NIET,  # 1 of 2 with a level: exactly enough → 100
        },
    )
    nu = antwoorden(
        A,
        {
            "visie-1": 2,
            "visie-2": 2,  # 66.7: +33.3 ▲; ambitie 2 reached exactly
            "sturing-1": 1,
            "sturing-2": 2,
            "sturing-3": 2,  # mean 5/3 → 55.6: +22.2 ▲; ambitie 2 not reached
            "meldcode-1": 2,
            "meldcode-2": 3,  # 3 copied from last year, unconfirmed: only meldcode-1 counts
            "deskundigheid-1": NIET_VAN_TOEPASSING,
            "deskundigheid-2": NIET_VAN_TOEPASSING,  # no score: ambitie not to judge
        },
        overgenomen=("meldcode-2",),
    )
    ambities = (
        ambitie(A, "visie", 2, "Visie vastleggen")
        | ambitie(A, "sturing", 2)
        | ambitie(A, "meldcode", 3)
        | ambitie(A, "deskundigheid", 1)
        | ambitie(B, "visie", 0)  # another gemeente's: ignored
    )
    o = ontwikkeling.ontwikkeling(vorige, toen, huidige, nu, ambities, A)

    assert (o.cbs, o.naam, o.in_vorige) == (A, "Aardam", True)
    visie, sturing, meldcode, deskundigheid = o.themas
    assert visie.vorige == pytest.approx(100 / 3)
    assert visie.huidige == pytest.approx(200 / 3)
    assert visie.verschil == pytest.approx(100 / 3)
    assert (visie.pijl, visie.richting) == ("▲", "gestegen")
    assert (visie.ambitie_niveau, visie.ambitie_tekst, visie.ambitie_gehaald) == (
        2,
        "Visie vastleggen",
        True,
    )
    assert visie.ambitie_score == pytest.approx(200 / 3)

    assert sturing.huidige == pytest.approx(500 / 9)
    assert sturing.verschil == pytest.approx(500 / 9 - 100 / 3)  # 22.2
    assert sturing.pijl == "▲"
    assert sturing.ambitie_gehaald is False  # 1.67 < 2

    assert meldcode.vorige == meldcode.huidige == pytest.approx(200 / 3)
    assert (meldcode.verschil, meldcode.pijl, meldcode.richting) == (0, "=", "gelijk")
    assert meldcode.ambitie_gehaald is False

    assert deskundigheid.vorige == 100
    assert (deskundigheid.huidige, deskundigheid.verschil, deskundigheid.pijl) == (None, None, "")
    assert deskundigheid.heeft_ambitie and deskundigheid.ambitie_gehaald is None

    assert [t.thema_id for t in o.gestegen] == ["visie", "sturing"]
    assert [t.thema_id for t in o.gehaald] == ["visie"]
    assert [t.thema_id for t in o.niet_gehaald] == ["sturing", "meldcode"]
    assert len(o.met_ambitie) == 4
    assert o.nieuwe_themas == o.vervallen_themas == o.vervallen_vragen == o.nieuwe_vragen == ()


def test_a_gemeente_that_did_not_take_part_last_time_has_no_previous_values(versies):
    oud, _ = versies
    vorige = meting(1, 2021, oud, A)
    huidige = meting(2, 2022, oud, A, B)
    nu = antwoorden(B, {v.id: 2 for v in oud.vragen})
    o = ontwikkeling.ontwikkeling(
        vorige, antwoorden(A, {"visie-1": 1}), huidige, nu, ambitie(A, "visie", 3), B
    )
    assert not o.in_vorige and not o.vergelijkbaar
    assert all(t.vorige is None and t.verschil is None and t.pijl == "" for t in o.themas)
    assert all(t.huidige == pytest.approx(200 / 3) for t in o.themas)
    assert not o.met_ambitie


# --- across versions ----------------------------------------------------------------------------


def test_a_revised_vragenlijst_compares_comparable_questions_only(versies):
    oud, nieuw = versies
    vorige = meting(1, 2021, oud, A)
    huidige = meting(2, 2023, nieuw, A)
    toen = antwoorden(
        A,
        {
            "visie-1": 1,
            "visie-2": 3,
            "sturing-1": 0,
            "sturing-2": 1,
            "sturing-3": 3,
            "meldcode-1": 1,
            "meldcode-2": 1,
            "deskundigheid-1": 2,
            "deskundigheid-2": 2,
        },
    )
    nu = antwoorden(
        A,
        {
            "visie-1": 2,
            "visie-3": 3,  # replaces visie-2
            "sturing-1": 1,
            "sturing-2": 2,
            "sturing-4": 3,  # new
            "meldcode-1": 1,
            "meldcode-2": 1,
            "samenwerking-1": 2,
            "samenwerking-2": 2,
        },
    )
    ambities = ambitie(A, "sturing", 2) | ambitie(A, "deskundigheid", 3)
    o = ontwikkeling.ontwikkeling(vorige, toen, huidige, nu, ambities, A)

    visie = o.thema("visie")  # [1, 3] → 66.7 against [2, 3] → 83.3
    assert (visie.vorige, visie.huidige) == (pytest.approx(200 / 3), pytest.approx(250 / 3))
    assert visie.verschil == pytest.approx(50 / 3) and visie.vergeleken_vragen == 2

    # sturing-3 dropped, sturing-4 new: compared over sturing-1 and -2 only, [0, 1] → 16.7
    # against [1, 2] → 50. The ambitie is judged on the whole thema now: (1 + 2 + 3) / 3 = 2,
    # reached — on the comparable questions alone (1.5) it would not have been.
    sturing = o.thema("sturing")
    assert (sturing.vorige, sturing.huidige) == (pytest.approx(50 / 3), pytest.approx(50))
    assert sturing.verschil == pytest.approx(100 / 3)
    assert sturing.score == pytest.approx(200 / 3)
    assert sturing.ambitie_gehaald is True
    assert (sturing.vergeleken_vragen, sturing.nieuwe_vragen) == (2, ("sturing-4",))

    meldcode = o.thema("meldcode")
    assert (meldcode.verschil, meldcode.pijl) == (0, "=")

    samenwerking = o.thema("samenwerking")
    assert samenwerking.nieuw and samenwerking.vorige is None and samenwerking.verschil is None
    assert samenwerking.huidige is None  # nothing to compare; its own score is there
    assert samenwerking.score == pytest.approx(200 / 3)

    assert o.nieuwe_themas == ("samenwerking",)
    assert o.vervallen_themas == ("deskundigheid",)
    assert o.vervallen_vragen == ("sturing-3", "deskundigheid-1", "deskundigheid-2")
    assert o.nieuwe_vragen == ("sturing-4", "samenwerking-1", "samenwerking-2")
    assert o.vervallen_ambities == ("deskundigheid",)
    assert [t.thema_id for t in o.zonder_verschil] == ["samenwerking"]


def test_ambitie_on_another_scale_goes_through_0_to_100():
    def schaal(*waarden):
        return Schaal(
            tuple(Niveau(w, str(w), "") for w in waarden),
            Bijzonder("Weet niet"),
            Bijzonder("N.v.t."),
        )

    def thema_score(niveau):
        return scoring.ThemaScore("x", None, 1, niveau, None, 1, 1, 0, 0, 0, False, False)

    oud, nieuw = schaal(0, 1, 2, 3), schaal(1, 2, 3, 4, 5)
    # Ambitie 2 of 0..3 = 66.7. On 1..5: 3.6 → 65 (not yet), 3.7 → 67.5 (reached).
    assert ontwikkeling.ambitie_gehaald(2, oud, thema_score(3.6), nieuw) is False
    assert ontwikkeling.ambitie_gehaald(2, oud, thema_score(3.7), nieuw) is True
    # On one scale: exactly the level is reached.
    assert ontwikkeling.ambitie_gehaald(2, oud, thema_score(2.0), oud) is True
    assert ontwikkeling.ambitie_gehaald(2, oud, thema_score(None), oud) is None
    assert ontwikkeling.ambitie_gehaald(None, oud, thema_score(3.0), oud) is None
    assert ontwikkeling.niveau_score(nieuw, 3.7) == pytest.approx(67.5)


# --- the subregio -------------------------------------------------------------------------------


def test_subregio_movement_averages_the_gemeenten_with_both_values(versies):
    oud, _ = versies
    vorige = meting(1, 2021, oud, A, B, C)
    huidige = meting(2, 2022, oud, A, B, C)
    toen = (
        antwoorden(A, {"visie-1": 1, "visie-2": 1})  # 33.3
        | antwoorden(B, {"visie-1": 2, "visie-2": 2})  # 66.7
        | antwoorden(C, {"visie-1": 2, "visie-2": 2})
    )
    nu = (
        antwoorden(A, {"visie-1": 2, "visie-2": 2})  # +33.3
        | antwoorden(B, {"visie-1": 2, "visie-2": 1})  # 50: −16.7
        | antwoorden(C, {"visie-1": WEET_NIET, "visie-2": WEET_NIET})  # no score: left out
    )
    ambities = ambitie(A, "visie", 2) | ambitie(B, "visie", 3)
    alle = [ontwikkeling.ontwikkeling(vorige, toen, huidige, nu, ambities, c) for c in (A, B, C)]
    visie = ontwikkeling.beweging(alle)["visie"]
    assert visie.gemiddeld_verschil == pytest.approx((100 / 3 - 50 / 3) / 2)  # 8.3
    # B moved one step on one of two vragen: −16.7 is exactly what one step can do, so by the
    # rule B stayed gelijk; A rose two whole steps. One rose, none fell: the subregio rose.
    assert (visie.aantal, visie.gestegen, visie.gedaald, visie.gelijk) == (2, 1, 0, 1)
    assert (visie.pijl, visie.richting) == ("▲", "gestegen")
    assert (visie.ambities, visie.gehaald) == (2, 1)
    assert ontwikkeling.beweging(alle)["sturing"].gemiddeld_verschil is None
    assert ontwikkeling.beweging(alle)["sturing"].pijl == ""
    assert ontwikkeling.beweging([]) == {}


# --- trend over a chain -------------------------------------------------------------------------


def test_trend_follows_the_cbs_code_and_leaves_gaps(versies):
    oud, nieuw = versies
    m21 = meting(1, 2021, oud, A, C)
    m22 = meting(2, 2022, oud, A)  # Cruisdorp did not take part
    m23 = meting(3, 2023, nieuw, A, C)

    def overal(lijst, cbs, niveau):
        return antwoorden(cbs, {v.id: niveau for v in lijst.vragen})

    alle = {
        1: overal(oud, A, 1) | overal(oud, C, 3),
        2: overal(oud, A, 2),
        3: overal(nieuw, A, 3) | overal(nieuw, C, 0),
    }
    keten = [m23, m22, m21]  # newest first, as opslag.keten returns it

    aardam = ontwikkeling.trend(keten, alle, A)
    assert aardam.momenten == ("2021", "2022", "2023")
    assert aardam.meting_ids == (1, 2, 3)
    assert aardam.deelname == (True, True, True)
    assert aardam.versies == ("2021.1", "2021.1", "2023.1") and aardam.versie_gewijzigd
    organisatie, _professionals = aardam.reeksen
    assert organisatie.id == "organisatie"
    assert organisatie.waarden == pytest.approx((100 / 3, 200 / 3, 100))

    cruisdorp = ontwikkeling.trend(keten, alle, C)
    assert cruisdorp.deelname == (True, False, True)
    assert cruisdorp.reeksen[0].waarden == (100, None, 0)

    subregio = ontwikkeling.trend(keten, alle, None)
    # 2021: mean of Aardam 33.3 and Cruisdorp 100; 2022: Aardam alone; 2023: 100 and 0.
    assert subregio.reeksen[0].waarden == pytest.approx((200 / 3, 200 / 3, 50))
    grafiek = subregio.grafiek()
    assert list(grafiek) == [
        "De gemeentelijke organisatie",
        "Professionals in de lokale (wijk)teams",
    ]
    assert [m for m, _ in grafiek["De gemeentelijke organisatie"]] == ["2021", "2022", "2023"]

    per_thema = ontwikkeling.trend(keten, alle, A, soort="thema")
    ids = [r.id for r in per_thema.reeksen]
    # Newest version's thema's first, then the dropped one; absent in a version: None.
    assert ids == ["visie", "sturing", "meldcode", "samenwerking", "deskundigheid"]
    assert per_thema.reeksen[3].waarden == (None, None, 100)
    assert per_thema.reeksen[4].waarden == pytest.approx((100 / 3, 200 / 3, None))


# --- gemeenten that merged, left or joined ------------------------------------------------------


def test_a_merger_is_named_not_dropped():
    regio = (
        Gemeente(A, "Aardam"),
        Gemeente(B, "Bëekhuizen", tot=date(2022, 6, 30)),
        Gemeente(C, "Cruisdorp", tot=date(2021, 12, 31), opgegaan_in=A),
        Gemeente(D, "Dijkwaard", vanaf=date(2022, 1, 1)),
    )
    vorige = tuple(Gemeente(c, NAMEN[c]) for c in (A, B, C))
    huidige = tuple(Gemeente(c, NAMEN[c]) for c in (A, D))
    wijzigingen = ontwikkeling.deelname_wijzigingen(vorige, huidige, regio)
    per_cbs = {w.cbs: w for w in wijzigingen}
    assert set(per_cbs) == {B, C, D}

    cruisdorp = per_cbs[C]
    assert (cruisdorp.soort, cruisdorp.opgegaan_in, cruisdorp.opgegaan_in_naam) == (
        "opgegaan",
        A,
        "Aardam",
    )
    assert cruisdorp.per == date(2022, 1, 1)
    assert cruisdorp.tekst == "Cruisdorp is per 1 januari 2022 opgegaan in Aardam."
    assert "niet overgenomen" in cruisdorp.bij_overnemen
    assert "Aardam begint met haar eigen antwoorden van vorig jaar" in cruisdorp.bij_overnemen
    assert ontwikkeling.opgegaan_in(wijzigingen, A) == (cruisdorp,)

    assert per_cbs[B].soort == "vertrokken"
    assert per_cbs[B].tekst == "Bëekhuizen hoort per 1 juli 2022 niet meer bij deze subregio."
    assert per_cbs[D].soort == "nieuw"
    assert per_cbs[D].tekst == "Dijkwaard doet per 1 januari 2022 voor het eerst mee."

    # Without region data a missing gemeente simply did not take part.
    [alleen] = ontwikkeling.deelname_wijzigingen(vorige[:2], vorige[:1])
    assert alleen.tekst == "Bëekhuizen doet deze keer niet mee."


def test_a_gemeente_moves_by_the_rule_with_counts_and_both_totals(versies):
    oud, _ = versies
    vorige = meting(1, 2021, oud, A, B)
    huidige = meting(2, 2022, oud, A, B)
    toen = antwoorden(A, {"visie-1": 1, "visie-2": 1}) | antwoorden(B, {"visie-1": 1, "visie-2": 1})
    # A: one vraag one step up (= what one step can do: gelijk); B: one vraag two steps (risen)
    nu = antwoorden(A, {"visie-1": 2, "visie-2": 1}) | antwoorden(B, {"visie-1": 3, "visie-2": 1})
    a = ontwikkeling.ontwikkeling(vorige, toen, huidige, nu, {}, A)
    b = ontwikkeling.ontwikkeling(vorige, toen, huidige, nu, {}, B)
    assert a.thema("visie").verschil == pytest.approx(100 / 6)
    assert (a.thema("visie").pijl, a.thema("visie").richting) == ("=", "gelijk")
    assert (b.thema("visie").pijl, b.thema("visie").richting) == ("▲", "gestegen")
    assert (a.vragen_omhoog, a.vragen_omlaag, a.vragen_gelijk) == (1, 0, 1)
    # The previous totaal and onderdelen stand beside the current ones.
    assert a.vorige_scores.score is not None and a.huidige_scores.score is not None
    assert a.huidige_scores.score > a.vorige_scores.score
    eerste = oud.onderdelen[0].id
    assert a.vorige_onderdeel(eerste) == a.vorige_scores.onderdeel(eerste).score
    assert a.vorige_onderdeel("bestaat-niet") is None

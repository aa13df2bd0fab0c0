"""Scoring: thema, onderdeel and total scores, verbeterpunten, subregio spread and comparisons.

The fixture tests/data/score-vragenlijst.yaml (scale 0..3, so one level step is 100/3 points):

    organisatie   visie (3 vragen, visie-2 gewicht 2)   sturing (4 vragen, thema gewicht 2)
    samenwerking  overdracht (4 vragen)                 terugkoppeling (2 vragen, no 'kort')
"""

from __future__ import annotations

import copy
import dataclasses
import json
from fractions import Fraction
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from zelfscan.inlezen.loader import laad_catalogus, vragenlijst_uit_data
from zelfscan.inlezen.model import NIET_VAN_TOEPASSING as NVT
from zelfscan.inlezen.model import WEET_NIET as WN
from zelfscan.inlezen.model import Regels
from zelfscan.scores.scoring import (
    afgerond,
    bereken_scores,
    exact_gemiddelde,
    onderdelen_overzicht,
    subregio_overzicht,
    verbeterpunten,
    vergelijk,
)

DATA = Path(__file__).parent.parent / "data"
SCHEMA = (
    Path(__file__).parent.parent.parent / "vragenlijsten" / "schema" / "vragenlijst.schema.json"
)
FIXTURE = yaml.safe_load((DATA / "score-vragenlijst.yaml").read_text(encoding="utf-8"))
VL = vragenlijst_uit_data(FIXTURE)

# Gemeente A, worked by hand below.
A = {
    "visie-1": 2,
    "visie-2": 1,
    "visie-3": WN,
    "sturing-1": 3,
    "sturing-2": 2,
    "sturing-3": NVT,  # sturing-4 open
    "overdracht-1": 0,
    "overdracht-2": 1,
    "overdracht-3": WN,
    "overdracht-4": WN,
    "terugkoppeling-1": 3,  # terugkoppeling-2 open
}


def approx(x):
    return pytest.approx(x, rel=1e-12, abs=1e-12)


def met_regels(vragenlijst, **regels):
    return dataclasses.replace(
        vragenlijst, regels=dataclasses.replace(vragenlijst.regels, **regels)
    )


# --- hand-computed examples -----------------------------------------------------------------


def test_hand_computed_thema_scores():
    s = bereken_scores(VL, A)

    visie = s.thema("visie")
    # levels visie-1 = 2 (gewicht 1), visie-2 = 1 (gewicht 2); visie-3 weet niet is left out.
    # mean level = (1·2 + 2·1) / (1 + 2) = 4/3 = 1.333…; score = (4/3) / 3 · 100 = 44.444…
    # dekking = 2 level answers / 3 applicable = 0.667; band: 4/3 is nearest to level 1.
    assert visie.score == approx(400 / 9) and afgerond(visie.score) == 44
    assert visie.niveau == approx(4 / 3)
    assert visie.dekking == approx(2 / 3)
    assert visie.band_niveau == 1
    assert (visie.aantal_vragen, visie.aantal_niveau, visie.aantal_weet_niet) == (3, 2, 1)
    # 1 weet niet of 3 applicable = 0.333 < 0.34: no finding yet.
    assert not visie.zicht_ontbreekt and not visie.onvoldoende_beantwoord

    sturing = s.thema("sturing")
    # sturing-3 n.v.t. leaves 3 applicable, of which 2 have a level: dekking 2/3.
    # mean level (3 + 2) / 2 = 2.5 → score 2.5/3·100 = 83.333…; band: tie between 2 and 3 → 2.
    assert sturing.score == approx(250 / 3)
    assert sturing.dekking == approx(2 / 3)
    assert sturing.band_niveau == 2
    assert (sturing.aantal_nvt, sturing.aantal_open) == (1, 1)

    overdracht = s.thema("overdracht")
    # levels 0 and 1, two weet niet: dekking 2/4 = 0.5 exactly → still scored.
    # mean 0.5 → score 16.667; band: tie between 0 and 1 → 0. Weet niet 2/4 ≥ 0.34: zicht ontbreekt.
    assert overdracht.score == approx(50 / 3) and afgerond(overdracht.score) == 17
    assert overdracht.dekking == 0.5
    assert overdracht.band_niveau == 0
    assert overdracht.zicht_ontbreekt and not overdracht.onvoldoende_beantwoord

    terugkoppeling = s.thema("terugkoppeling")
    # one of two answered (level 3): dekking 0.5 → scored, 100.
    assert terugkoppeling.score == 100.0 and terugkoppeling.band_niveau == 3


def test_hand_computed_onderdelen_and_total():
    s = bereken_scores(VL, A)
    # organisatie: visie 400/9 (thema gewicht 1), sturing 250/3 = 750/9 (thema gewicht 2)
    # → (400/9 + 2·750/9) / 3 = 1900/27 = 70.370…; dekking (2 + 2) / (3 + 3) = 2/3.
    organisatie = s.onderdeel("organisatie")
    assert organisatie.score == approx(1900 / 27) and afgerond(organisatie.score) == 70
    assert organisatie.dekking == approx(2 / 3)
    # samenwerking: (50/3 + 100) / 2 = 175/3 = 58.333…; dekking (2 + 1) / (4 + 2) = 0.5.
    samenwerking = s.onderdeel("samenwerking")
    assert samenwerking.score == approx(175 / 3)
    assert samenwerking.dekking == 0.5
    # total: (1900/27 + 175/3) / 2 = (1900 + 1575) / 54 = 3475/54 = 64.351…;
    # dekking 7 level answers / 12 applicable questions (13 minus 1 n.v.t.).
    assert s.score == approx(3475 / 54) and afgerond(s.score) == 64
    assert s.dekking == approx(7 / 12)
    assert [t.thema_id for t in s.themas()] == ["visie", "sturing", "overdracht", "terugkoppeling"]


def test_vraag_weight_counts_double():
    # visie-1 = 0, visie-2 (gewicht 2) = 3: (0 + 2·3) / 3 = 2 → 66.667; unweighted it would be 50.
    s = bereken_scores(VL, {"visie-1": 0, "visie-2": 3})
    assert s.thema("visie").score == approx(200 / 3)
    assert s.thema("visie").band_niveau == 2


def test_thema_weight_counts_double_in_its_onderdeel():
    # visie all 3 → 100, sturing all 0 → 0 (gewicht 2): (100 + 2·0) / 3 = 33.333.
    antwoorden = {f"visie-{i}": 3 for i in (1, 2, 3)} | {f"sturing-{i}": 0 for i in (1, 2, 3, 4)}
    s = bereken_scores(VL, antwoorden)
    assert s.onderdeel("organisatie").score == approx(100 / 3)
    # samenwerking has no answers at all, so no score; 1 of 2 onderdelen scored = 0.5, enough
    # for a total, which is then organisatie's 33.333.
    assert s.onderdeel("samenwerking").score is None
    assert s.score == approx(100 / 3)


def test_onderdeel_weight_counts_in_total():
    data = copy.deepcopy(FIXTURE)
    data["onderdelen"][0]["gewicht"] = 3
    vl = vragenlijst_uit_data(data)
    antwoorden = {v.id: 3 for v in vl.onderdelen[0].themas[0].vragen} | {
        v.id: 0 for t in vl.onderdelen[1].themas for v in t.vragen
    }
    # organisatie: visie 100, sturing no answers (not scored) → 1 of 2 thema's = 0.5 → 100.
    # total (3·100 + 1·0) / 4 = 75.
    s = bereken_scores(vl, antwoorden)
    assert s.onderdeel("organisatie").score == 100.0
    assert s.score == 75.0


def test_coverage_boundary():
    # 2 of 4 with a level = exactly 0.5: scored. 1 of 4: onvoldoende beantwoord, no number.
    twee = bereken_scores(VL, {"overdracht-1": 1, "overdracht-2": 2}).thema("overdracht")
    assert twee.dekking == 0.5 and twee.score == 50.0 and not twee.onvoldoende_beantwoord
    een = bereken_scores(VL, {"overdracht-1": 1, "overdracht-2": WN}).thema("overdracht")
    assert een.dekking == 0.25
    assert een.score is None and een.niveau is None and een.band_niveau is None
    assert een.onvoldoende_beantwoord
    # n.v.t. shrinks what is applicable: 1 level of 2 applicable = 0.5 → scored.
    nvt = bereken_scores(VL, {"overdracht-1": 1, "overdracht-2": NVT, "overdracht-3": NVT})
    assert nvt.thema("overdracht").dekking == 0.5 and nvt.thema("overdracht").score == approx(
        100 / 3
    )


def test_minimale_dekking_from_the_rules():
    vl = met_regels(VL, minimale_dekking=0.75)
    assert (
        bereken_scores(vl, {"overdracht-1": 1, "overdracht-2": 2}).thema("overdracht").score is None
    )
    drie = {"overdracht-1": 1, "overdracht-2": 2, "overdracht-3": 3}
    assert bereken_scores(vl, drie).thema("overdracht").score == approx(200 / 3)


def test_all_nvt_is_not_onvoldoende_beantwoord():
    s = bereken_scores(
        VL, {"terugkoppeling-1": NVT, "terugkoppeling-2": NVT, "overdracht-1": 2, "overdracht-2": 2}
    )
    t = s.thema("terugkoppeling")
    assert t.score is None and t.dekking == 0.0
    assert not t.onvoldoende_beantwoord and not t.zicht_ontbreekt
    assert t.alles_nvt and t.aantal_nvt == t.aantal_vragen
    # An all-n.v.t. thema does not count against its onderdeel: overdracht alone carries it.
    assert s.onderdeel("samenwerking").score == approx(200 / 3)


def test_zicht_ontbreekt():
    # 2 weet niet of 4 = 0.5 ≥ 0.34, while 2 levels still give a score: both at once.
    t = bereken_scores(
        VL, {"overdracht-1": 3, "overdracht-2": 3, "overdracht-3": WN, "overdracht-4": WN}
    ).thema("overdracht")
    assert t.zicht_ontbreekt and t.score == 100.0
    # All weet niet: no score, onvoldoende beantwoord and zicht ontbreekt.
    t = bereken_scores(VL, {f"overdracht-{i}": WN for i in (1, 2, 3, 4)}).thema("overdracht")
    assert t.zicht_ontbreekt and t.onvoldoende_beantwoord and t.score is None
    # Exactly at the threshold counts (1 of 4 = 0.25 with zicht_ontbreekt_vanaf 0.25).
    vl = met_regels(VL, zicht_ontbreekt_vanaf=0.25)
    t = bereken_scores(vl, {"overdracht-1": WN, "overdracht-2": 1, "overdracht-3": 1})
    assert t.thema("overdracht").zicht_ontbreekt
    # The findings, per gemeente.
    a = bereken_scores(VL, A)
    assert [t.thema_id for t in a.zicht_ontbreekt()] == ["overdracht"]
    assert a.onvoldoende_beantwoord() == ()
    leeg = bereken_scores(VL, {"visie-1": 2})
    assert [t.thema_id for t in leeg.onvoldoende_beantwoord()] == [t.id for t in VL.themas]
    # Weet niet is measured against the applicable questions: n.v.t. raises the share.
    t = bereken_scores(VL, {"visie-1": WN, "visie-2": NVT, "visie-3": 2}).thema("visie")
    assert t.zicht_ontbreekt  # 1 of 2 applicable


def test_band_rounds_to_nearest_level_ties_down():
    def band(**antwoorden):
        return bereken_scores(VL, {k.replace("_", "-"): v for k, v in antwoorden.items()}).thema(
            "overdracht"
        )

    assert band(overdracht_1=1, overdracht_2=2).band_niveau == 1  # 1.5 → 1 (tie, lower)
    assert band(overdracht_1=1, overdracht_2=2, overdracht_3=2).band_niveau == 2  # 1.67 → 2
    assert band(overdracht_1=1, overdracht_2=1, overdracht_3=2).band_niveau == 1  # 1.33 → 1
    assert band(overdracht_1=2, overdracht_2=3).band_niveau == 2  # 2.5 → 2


def test_answers_as_text_and_invalid_answers():
    assert bereken_scores(VL, {"overdracht-1": "2", "overdracht-2": "3"}).thema(
        "overdracht"
    ).score == approx(250 / 3)
    for fout in (4, -1, "ja", True, 1.5):
        with pytest.raises(ValueError, match="overdracht-1"):
            bereken_scores(VL, {"overdracht-1": fout})
    # Leftover answers to ids outside the vragenlijst are ignored.
    assert bereken_scores(VL, {"bestaat-niet": 3}) == bereken_scores(VL, {})


def test_display_helpers():
    assert afgerond(None) is None
    assert afgerond(62.5) == 63 and afgerond(62.49) == 62 and afgerond(0.5) == 1
    assert afgerond(400 / 9) == 44 and afgerond(100.0) == 100


# --- verbeterpunten -------------------------------------------------------------------------


def test_verbeterpunten_threshold_ranking_and_suggestion():
    s = bereken_scores(VL, A)
    punten = verbeterpunten(VL, s, A, bespreekpunten=["visie-2", "sturing-1", "overdracht-4"])
    # Under 60: overdracht 16.7 and visie 44.4, lowest first. sturing 83.3 and terugkoppeling 100
    # are not (and the lowest-1 rule picks overdracht, which is already in).
    assert [p.thema_id for p in punten] == ["overdracht", "visie"]
    overdracht, visie = punten
    assert overdracht.score == approx(50 / 3) and overdracht.band_niveau == 0
    assert overdracht.suggestie == "Maak afspraken over de overdracht."
    assert overdracht.reden == "score 17 is lager dan 60"
    # Nothing is below band 0, so the questions at the lowest level answered pull it down.
    assert overdracht.zwakke_vragen == ("overdracht-1",)
    assert overdracht.bespreekpunten == ("overdracht-4",)
    assert visie.band_niveau == 1 and visie.suggestie == "Leg de opdracht aan het team vast."
    assert visie.reden == "score 44 is lager dan 60"
    assert visie.zwakke_vragen == ("visie-2",)
    assert visie.bespreekpunten == ("visie-2",)


def test_zwakke_vragen_are_below_the_band_lowest_first():
    antwoorden = {"overdracht-1": 2, "overdracht-2": 0, "overdracht-3": 3, "overdracht-4": 1}
    s = bereken_scores(VL, antwoorden)  # mean 1.5 → 50, band 1
    (punt,) = [p for p in verbeterpunten(VL, s, antwoorden) if p.thema_id == "overdracht"]
    assert punt.band_niveau == 1 and punt.suggestie == "Oefen de warme overdracht."
    assert punt.zwakke_vragen == ("overdracht-2",)
    antwoorden = {"overdracht-1": 1, "overdracht-2": 0, "overdracht-3": 3, "overdracht-4": 3}
    s = bereken_scores(VL, antwoorden)  # mean 1.75 → 58.3, band 2: 0 then 1
    (punt,) = [p for p in verbeterpunten(VL, s, antwoorden) if p.thema_id == "overdracht"]
    assert punt.zwakke_vragen == ("overdracht-2", "overdracht-1")


def test_verbeterpunten_lowest_n_above_threshold():
    b = {"visie-1": 3, "visie-2": 3, "visie-3": 3}
    b |= {f"sturing-{i}": 2 for i in (1, 2, 3, 4)}  # 66.7
    b |= {"overdracht-1": 3, "overdracht-2": 3, "overdracht-3": 2, "overdracht-4": 2}  # 83.3
    b |= {"terugkoppeling-1": 3, "terugkoppeling-2": 2}  # 83.3
    s = bereken_scores(VL, b)
    (punt,) = verbeterpunten(VL, s, b)
    assert punt.thema_id == "sturing" and punt.reden == "het laagst scorende thema"
    assert punt.suggestie == "Bespreek de stuurinformatie elk kwartaal."
    assert punt.zwakke_vragen == ("sturing-1", "sturing-2", "sturing-3", "sturing-4")

    # With the lowest 2 and a tie for second place, both tied thema's come in, in vragenlijst order.
    vl = met_regels(VL, verbeterpunt_laagste=2)
    punten = verbeterpunten(vl, bereken_scores(vl, b), b)
    assert [p.thema_id for p in punten] == ["sturing", "overdracht", "terugkoppeling"]
    assert punten[1].reden == "een van de 2 laagst scorende thema's"

    # Without the lowest-N rule and nothing under 60: no verbeterpunten.
    vl = met_regels(VL, verbeterpunt_laagste=0)
    assert verbeterpunten(vl, bereken_scores(vl, b), b) == ()


def test_no_verbeterpunt_at_100_or_without_score():
    alles = {v.id: 3 for v in VL.vragen}
    assert verbeterpunten(VL, bereken_scores(VL, alles), alles) == ()
    # overdracht unanswered (no score) is not a verbeterpunt, even as the 'lowest'.
    deels = {k: v for k, v in alles.items() if not k.startswith("overdracht")}
    assert verbeterpunten(VL, bereken_scores(VL, deels), deels) == ()


def test_reden_never_shows_a_rounded_score_equal_to_the_threshold():
    vl = met_regels(VL, verbeterpunt_onder=45, verbeterpunt_laagste=0)
    antwoorden = {"visie-1": 2, "visie-2": 1}  # 44.44 → "44"
    (punt,) = verbeterpunten(vl, bereken_scores(vl, antwoorden), antwoorden)
    assert punt.reden == "score 44 is lager dan 45"
    vl = met_regels(VL, verbeterpunt_onder=44.5, verbeterpunt_laagste=0)
    (punt,) = verbeterpunten(vl, bereken_scores(vl, antwoorden), antwoorden)
    assert punt.reden == "score 44 is lager dan 44,5"
    # 50/3 = 16.667 would show as "17": one decimal, or two when one is not enough.
    antwoorden = {"overdracht-1": 0, "overdracht-2": 1}
    vl = met_regels(VL, verbeterpunt_onder=17, verbeterpunt_laagste=0)
    (punt,) = verbeterpunten(vl, bereken_scores(vl, antwoorden), antwoorden)
    assert punt.reden == "score 16,7 is lager dan 17"
    vl = met_regels(VL, verbeterpunt_onder=16.7, verbeterpunt_laagste=0)
    (punt,) = verbeterpunten(vl, bereken_scores(vl, antwoorden), antwoorden)
    assert punt.reden == "score 16,67 is lager dan 16,7"


# --- subregio -------------------------------------------------------------------------------


def test_subregio_average_and_spread():
    b = {"visie-1": 3, "visie-2": 3, "sturing-1": 1, "sturing-2": 1}
    c = {"visie-1": 0, "visie-2": WN, "visie-3": WN, "sturing-1": 3, "sturing-2": 2}
    scores = {
        "GM0001": bereken_scores(VL, A),
        "GM0002": bereken_scores(VL, b),
        "GM0003": bereken_scores(VL, c),
    }
    overzicht = subregio_overzicht(VL, scores)
    assert list(overzicht) == ["visie", "sturing", "overdracht", "terugkoppeling"]
    # visie: A 400/9, B 100, C onvoldoende beantwoord (1 of 3) → left out.
    # mean (400/9 + 100) / 2 = 650/9 = 72.2; spread 100 − 400/9 = 500/9 = 55.6.
    visie = overzicht["visie"]
    assert visie.aantal == 2
    assert visie.gemiddelde == approx(650 / 9)
    assert (visie.minimum, visie.maximum) == (approx(400 / 9), 100.0)
    assert visie.spreiding == approx(500 / 9)
    # sturing: A 250/3, B (1+1)/2 → 100/3, C (3+2)/2 → 250/3: mean (600/3) / 3 = 200/3;
    # spread 250/3 − 100/3 = 50.
    sturing = overzicht["sturing"]
    assert sturing.aantal == 3 and sturing.gemiddelde == approx(200 / 3)
    assert sturing.spreiding == approx(50)
    # overdracht: only A has a score: mean = min = max, spread 0.
    assert overzicht["overdracht"].aantal == 1 and overzicht["overdracht"].spreiding == 0.0
    leeg = subregio_overzicht(VL, {"GM0002": bereken_scores(VL, b)})["overdracht"]
    assert (leeg.gemiddelde, leeg.minimum, leeg.maximum, leeg.spreiding, leeg.aantal) == (
        None,
        None,
        None,
        None,
        0,
    )
    onderdelen = onderdelen_overzicht(VL, scores)
    assert onderdelen["organisatie"].aantal == 3


# --- comparison -----------------------------------------------------------------------------


def herziene_versie() -> dict:
    """2022.1: visie-2 replaced by visie-4, visie-3 removed, visie-5 added; sturing-1 and -2
    merged into sturing-5; new thema 'signalering'; thema 'terugkoppeling' dropped."""
    data = copy.deepcopy(FIXTURE)
    data["versie"] = "2022.1"
    data["vorige_versie"] = "2021.1"
    organisatie, samenwerking = data["onderdelen"]
    visie, sturing = organisatie["themas"]
    visie["vragen"] = [
        visie["vragen"][0],
        {
            "id": "visie-4",
            "tekst": "De opdracht is helder en besproken.",
            "gewicht": 2,
            "vervangt": ["visie-2"],
        },
        {"id": "visie-5", "tekst": "De opdracht wordt jaarlijks bijgesteld."},
    ]
    sturing["vragen"] = [
        {
            "id": "sturing-5",
            "tekst": "De gemeente stuurt en evalueert.",
            "vervangt": ["sturing-1", "sturing-2"],
        },
        *sturing["vragen"][2:],
    ]
    overdracht = samenwerking["themas"][0]
    signalering = {
        "id": "signalering",
        "titel": "Signaleren",
        "vragen": [
            {"id": "signalering-1", "tekst": "Signalen worden herkend."},
            {"id": "signalering-2", "tekst": "Signalen worden besproken."},
        ],
        "verbeterpunten": [{"niveaus": [0, 1, 2, 3], "tekst": "Train signaleren."}],
    }
    samenwerking["themas"] = [overdracht, signalering]
    return data


def test_revised_version_is_valid_data():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(herziene_versie(), schema)
    jsonschema.validate(FIXTURE, schema)


def test_comparison_with_a_revised_version():
    nieuw = vragenlijst_uit_data(herziene_versie())
    vorige = {
        "visie-1": 1,
        "visie-2": 1,
        "visie-3": 0,
        "sturing-1": 1,
        "sturing-2": 2,
        "sturing-3": 2,
        "sturing-4": WN,
        "overdracht-1": 0,
        "overdracht-2": 1,
        "overdracht-3": 2,
        "overdracht-4": 3,
        "terugkoppeling-1": 1,
        "terugkoppeling-2": 1,
    }
    huidige = {
        "visie-1": 2,
        "visie-4": 3,
        "visie-5": 0,
        "sturing-5": 3,
        "sturing-3": 2,
        "sturing-4": 3,
        "overdracht-1": 0,
        "overdracht-2": 1,
        "overdracht-3": 2,
        "overdracht-4": 3,
        "signalering-1": 2,
        "signalering-2": 2,
    }
    v = vergelijk(VL, vorige, nieuw, huidige)
    assert [t.thema_id for t in v.themas] == ["visie", "sturing", "overdracht", "signalering"]

    visie = v.thema("visie")
    assert visie.vergelijkbare_vragen == (("visie-1", ("visie-1",)), ("visie-4", ("visie-2",)))
    assert visie.nieuwe_vragen == ("visie-5",)
    # Current weights on both sides (visie-1: 1, visie-4: 2); visie-5 (new) and visie-3 (gone)
    # are left out. Before: (1·1 + 2·1) / 3 = 1 → 33.333. Now: (1·2 + 2·3) / 3 = 8/3 → 88.889.
    assert visie.vorige == approx(100 / 3)
    assert visie.huidige == approx(800 / 9)
    assert visie.verschil == approx(500 / 9)

    sturing = v.thema("sturing")
    assert sturing.vergelijkbare_vragen == (
        ("sturing-5", ("sturing-1", "sturing-2")),
        ("sturing-3", ("sturing-3",)),
        ("sturing-4", ("sturing-4",)),
    )
    # Before: sturing-5 ← mean(1, 2) = 1.5; sturing-3 = 2; sturing-4 weet niet (dekking 2/3).
    # (1.5 + 2) / 2 = 1.75 → 58.333. Now (3 + 2 + 3) / 3 = 8/3 → 88.889. Δ = 275/9 = 30.556.
    assert sturing.vorige == approx(175 / 3)
    assert sturing.huidige == approx(800 / 9)
    assert sturing.verschil == approx(275 / 9)

    overdracht = v.thema("overdracht")
    assert overdracht.verschil == 0.0
    assert overdracht.nieuwe_vragen == ()

    signalering = v.thema("signalering")
    assert (signalering.vorige, signalering.huidige, signalering.verschil) == (None, None, None)
    assert signalering.nieuwe_vragen == ("signalering-1", "signalering-2")
    assert v.nieuwe_themas == ("signalering",)
    assert v.vervallen_themas == ("terugkoppeling",)
    assert v.vervallen_vragen == ("visie-3", "terugkoppeling-1", "terugkoppeling-2")


def test_comparison_needs_a_score_on_both_sides():
    # overdracht only 1 of 4 answered before: no previous score, so no difference.
    vorige = {"overdracht-1": 0}
    huidige = {f"overdracht-{i}": 3 for i in (1, 2, 3, 4)}
    t = vergelijk(VL, vorige, VL, huidige).thema("overdracht")
    assert t.vorige is None and t.huidige == 100.0 and t.verschil is None


def test_comparison_with_the_same_version_equals_the_full_scores():
    b = {v.id: 2 for v in VL.vragen}
    v = vergelijk(VL, A, VL, b)
    assert v.nieuwe_themas == v.vervallen_themas == v.vervallen_vragen == ()
    for t, voor, na in zip(
        v.themas, bereken_scores(VL, A).themas(), bereken_scores(VL, b).themas(), strict=True
    ):
        assert (t.vorige, t.huidige) == (voor.score, na.score)


def test_replaced_questions_that_were_not_levels():
    nieuw = vragenlijst_uit_data(herziene_versie())
    huidige = {"sturing-5": 3, "sturing-3": 3, "sturing-4": 3}
    # sturing-1/-2 both n.v.t. → sturing-5 was n.v.t. before: 1 level (sturing-3) of 2 applicable.
    vorige = {"sturing-1": NVT, "sturing-2": NVT, "sturing-3": 1, "sturing-4": WN}
    assert vergelijk(VL, vorige, nieuw, huidige).thema("sturing").vorige == approx(100 / 3)
    # One n.v.t. and one weet niet → weet niet: 1 of 3 applicable, under the minimum: no score.
    vorige = {"sturing-1": NVT, "sturing-2": WN, "sturing-3": 1, "sturing-4": WN}
    assert vergelijk(VL, vorige, nieuw, huidige).thema("sturing").vorige is None


# --- properties -----------------------------------------------------------------------------

ANTWOORD = st.sampled_from([None, WN, NVT, "level"])


@st.composite
def vragenlijsten(draw):
    """A random vragenlijst: 1–3 onderdelen, 1–3 thema's each, 1–5 vragen, random weights, and a
    scale of 2–5 levels that need not start at 0."""
    start = draw(st.integers(0, 2))
    niveaus = list(range(start, start + draw(st.integers(2, 5))))
    gewicht = st.sampled_from([0.5, 1, 1, 1.5, 2, 3])
    teller = iter(range(10_000))
    onderdelen = []
    for _ in range(draw(st.integers(1, 3))):
        themas = []
        for _ in range(draw(st.integers(1, 3))):
            n = next(teller)
            vragen = [
                {"id": f"v{n}-{i}", "tekst": "x", "gewicht": draw(gewicht)}
                for i in range(draw(st.integers(1, 5)))
            ]
            themas.append(
                {
                    "id": f"t{n}",
                    "titel": "x",
                    "gewicht": draw(gewicht),
                    "vragen": vragen,
                    "verbeterpunten": [{"niveaus": niveaus, "tekst": "x"}],
                }
            )
        onderdelen.append(
            {"id": f"o{next(teller)}", "titel": "x", "gewicht": draw(gewicht), "themas": themas}
        )
    data = {
        "id": "prop",
        "versie": "2021.1",
        "titel": "x",
        "schaal": {
            "niveaus": [{"waarde": w, "label": str(w), "beschrijving": "x"} for w in niveaus],
            "weet_niet": {"label": "Weet niet"},
            "niet_van_toepassing": {"label": "N.v.t."},
        },
        "regels": {"minimale_dekking": draw(st.sampled_from([0, 0.25, 0.5, 0.75, 1]))},
        "onderdelen": onderdelen,
    }
    return vragenlijst_uit_data(data)


@st.composite
def lijst_en_antwoorden(draw):
    vl = draw(vragenlijsten())
    niveaus = [n.waarde for n in vl.schaal.niveaus]
    antwoorden = {}
    for vraag in vl.vragen:
        soort = draw(ANTWOORD)
        if soort == "level":
            antwoorden[vraag.id] = draw(st.sampled_from(niveaus))
        elif soort is not None or draw(st.booleans()):  # None: sometimes explicit, sometimes absent
            antwoorden[vraag.id] = soort
    return vl, antwoorden


def alle_scores(s):
    return [s.score] + [o.score for o in s.onderdelen] + [t.score for t in s.themas()]


@settings(max_examples=200, deadline=None)
@given(lijst_en_antwoorden())
def test_scores_stay_within_0_and_100(gegeven):
    vl, antwoorden = gegeven
    s = bereken_scores(vl, antwoorden)
    for score in alle_scores(s):
        assert score is None or 0 <= score <= 100
    for deel in [s, *s.onderdelen, *s.themas()]:
        assert 0 <= deel.dekking <= 1
    for t in s.themas():
        if t.score is not None:
            assert vl.schaal.laagste <= t.niveau <= vl.schaal.hoogste
            assert t.band_niveau in {n.waarde for n in vl.schaal.niveaus}


@settings(max_examples=200, deadline=None)
@given(lijst_en_antwoorden(), st.data())
def test_raising_one_answer_never_lowers_a_score(gegeven, data):
    vl, antwoorden = gegeven
    verhoogbaar = [k for k, v in antwoorden.items() if isinstance(v, int) and v < vl.schaal.hoogste]
    assume(verhoogbaar)
    vraag_id = data.draw(st.sampled_from(verhoogbaar))
    hoger = dict(antwoorden)
    hoger[vraag_id] = data.draw(st.integers(antwoorden[vraag_id] + 1, vl.schaal.hoogste))
    voor, na = bereken_scores(vl, antwoorden), bereken_scores(vl, hoger)
    thema_id = vl.thema_van(vraag_id).id
    # The thema still has the same coverage, so a score on one side means a score on the other.
    if voor.thema(thema_id).score is not None:
        assert na.thema(thema_id).score >= voor.thema(thema_id).score
    # Coverage does not change, so the onderdeel and the total cannot drop either.
    for a, b in zip(alle_scores(voor), alle_scores(na), strict=True):
        assert (a is None) == (b is None)
        assert a is None or b >= a


@settings(max_examples=200, deadline=None)
@given(lijst_en_antwoorden(), st.randoms(use_true_random=False))
def test_order_of_answers_does_not_matter(gegeven, rnd):
    vl, antwoorden = gegeven
    items = list(antwoorden.items())
    rnd.shuffle(items)
    assert bereken_scores(vl, dict(items)) == bereken_scores(vl, antwoorden)


@settings(max_examples=200, deadline=None)
@given(lijst_en_antwoorden(), st.data())
def test_weet_niet_and_nvt_never_change_a_score(gegeven, data):
    vl, antwoorden = gegeven
    anders = dict(antwoorden)
    for vraag in vl.vragen:
        if not isinstance(antwoorden.get(vraag.id), int):
            anders[vraag.id] = data.draw(st.sampled_from([None, WN, NVT]))
    voor, na = bereken_scores(vl, antwoorden), bereken_scores(vl, anders)
    # The mean over the levels is untouched; only coverage may move a thema across the minimum.
    for a, b in zip(voor.themas(), na.themas(), strict=True):
        assert a.aantal_niveau == b.aantal_niveau
        if a.score is not None and b.score is not None:
            assert a.score == b.score and a.niveau == b.niveau
    # Without a coverage minimum, every score — thema, onderdeel, total — stays exactly the same.
    vrij = met_regels(vl, minimale_dekking=0.0)
    assert alle_scores(bereken_scores(vrij, antwoorden)) == alle_scores(
        bereken_scores(vrij, anders)
    )


@settings(max_examples=200, deadline=None)
@given(lijst_en_antwoorden())
def test_coverage_and_counts(gegeven):
    vl, antwoorden = gegeven
    s = bereken_scores(vl, antwoorden)
    for thema, t in zip(vl.themas, s.themas(), strict=True):
        waarden = [antwoorden.get(v.id) for v in thema.vragen]
        niveaus = sum(1 for w in waarden if isinstance(w, int))
        nvt = waarden.count(NVT)
        assert (t.aantal_vragen, t.aantal_niveau, t.aantal_nvt) == (len(waarden), niveaus, nvt)
        assert t.aantal_weet_niet == waarden.count(WN) and t.aantal_open == waarden.count(None)
        toepasselijk = len(waarden) - nvt
        assert t.dekking == (niveaus / toepasselijk if toepasselijk else 0.0)
        heeft_score = niveaus > 0 and niveaus / toepasselijk >= vl.regels.minimale_dekking
        assert (t.score is not None) == heeft_score
        assert t.onvoldoende_beantwoord == (toepasselijk > 0 and not heeft_score)
        assert (t.score is None) == (t.onvoldoende_beantwoord or t.alles_nvt)
    toepasselijk = sum(1 for v in vl.vragen if antwoorden.get(v.id) != NVT)
    niveaus = sum(1 for v in vl.vragen if isinstance(antwoorden.get(v.id), int))
    assert s.dekking == pytest.approx(niveaus / toepasselijk if toepasselijk else 0.0)


@settings(max_examples=300, deadline=None)
@given(lijst_en_antwoorden())
def test_thema_scores_follow_the_definition_in_exact_fractions(gegeven):
    """The definition from the module docstring, written out plainly with Fraction; scoring
    computes it in whole numbers for speed and must give the very same floats."""
    from fractions import Fraction

    vl, antwoorden = gegeven
    s = bereken_scores(vl, antwoorden)
    laag, hoog = vl.schaal.laagste, vl.schaal.hoogste
    for thema in vl.themas:
        uit = s.thema(thema.id)
        niveaus = [
            (Fraction(v.gewicht), Fraction(antwoorden[v.id]))
            for v in thema.vragen
            if isinstance(antwoorden.get(v.id), int)
        ]
        toepasselijk = sum(1 for v in thema.vragen if antwoorden.get(v.id) != NVT)
        dekking = Fraction(len(niveaus), toepasselijk) if toepasselijk else Fraction(0)
        assert uit.dekking == float(dekking)
        te_weinig = not niveaus or dekking < Fraction(vl.regels.minimale_dekking)
        if toepasselijk == 0 or te_weinig:
            assert uit.score is None
            continue
        gemiddeld = sum(g * n for g, n in niveaus) / sum(g for g, _ in niveaus)
        assert uit.score == float((gemiddeld - laag) / (hoog - laag) * 100)
        assert uit.niveau == float(gemiddeld)
        dichtst = min((n.waarde for n in vl.schaal.niveaus), key=lambda w: (abs(w - gemiddeld), w))
        assert uit.band_niveau == dichtst


@settings(max_examples=200, deadline=None)
@given(vragenlijsten(), st.sampled_from([None, WN]), st.booleans())
def test_a_thema_with_no_answers_has_no_score(vl, antwoord, expliciet):
    antwoorden = {v.id: antwoord for v in vl.vragen} if expliciet else {}
    s = bereken_scores(vl, antwoorden)
    assert all(score is None for score in alle_scores(s))
    for t in s.themas():
        assert t.dekking == 0.0 and t.niveau is None and t.band_niveau is None
        assert t.onvoldoende_beantwoord
    assert verbeterpunten(vl, s, antwoorden) == ()


@settings(max_examples=100, deadline=None)
@given(lijst_en_antwoorden())
def test_verbeterpunten_are_ranked_and_follow_the_rule(gegeven):
    vl, antwoorden = gegeven
    vl = met_regels(vl, verbeterpunt_laagste=2)
    s = bereken_scores(vl, antwoorden)
    punten = verbeterpunten(vl, s, antwoorden)
    scores = [p.score for p in punten]
    assert scores == sorted(scores)
    gescoord = [t for t in s.themas() if t.score is not None]
    for t in gescoord:
        lager = sum(1 for x in gescoord if x.score < t.score)
        verwacht = t.score < vl.regels.verbeterpunt_onder or (lager < 2 and t.score < 100)
        assert (t.thema_id in {p.thema_id for p in punten}) == verwacht


def test_default_rules_match_the_documentation():
    # docs/vragenlijst-formaat.md: 60, 0, 0.5, 0.34.
    assert Regels() == Regels(60.0, 0, 0.5, 0.34)


def test_the_shipped_vragenlijst_scores_and_suggests():
    wav = laad_catalogus().vragenlijst("werken-aan-veiligheid")
    overal_1 = {v.id: 1 for v in wav.vragen}
    s = bereken_scores(wav, overal_1)
    assert s.score == approx(100 / 3) and s.dekking == 1.0
    punten = verbeterpunten(wav, s, overal_1)
    # Every thema at 33.3 < 60: all are verbeterpunten, in vragenlijst order (all tied).
    assert [p.thema_id for p in punten] == [t.id for t in wav.themas]
    assert all(p.band_niveau == 1 and p.suggestie for p in punten)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.integers(min_value=1, max_value=10),
                st.floats(min_value=1e-6, max_value=1e6, allow_nan=False, allow_infinity=False),
            ),
            st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_the_exact_mean_is_the_mean_of_fractions_rounded_once(paren):
    # The rule the scores rely on: computed in whole numbers, the same float as in fractions.
    verwacht = float(
        sum(Fraction(g) * Fraction(w) for g, w in paren) / sum(Fraction(g) for g, _ in paren)
    )
    assert exact_gemiddelde(paren) == verwacht

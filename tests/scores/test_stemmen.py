"""The rules of the room's votes (scores.stemmen): spread, the lower median, verdeeld."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zelfscan.inlezen.model import NIET_VAN_TOEPASSING, WEET_NIET
from zelfscan.scores import stemmen

NIVEAUS = (0, 1, 2, 3)
STEM = st.one_of(st.sampled_from(NIVEAUS), st.sampled_from([WEET_NIET, NIET_VAN_TOEPASSING]))
NIVEAUSTEM = st.sampled_from(NIVEAUS)


def test_an_even_room_between_two_levels_takes_the_lower():
    s = stemmen.spreiding([1, 1, 2, 2], NIVEAUS)
    assert s.mediaan == 1 and s.voorstel == 1
    assert s.per_niveau == ((0, 0), (1, 2), (2, 2), (3, 0))
    assert (s.aantal, s.bereik, s.eensgezindheid) == (4, 1, 0.5)
    assert not s.verdeeld and s.overeenstemming == stemmen.DICHTBIJ


def test_two_camps_far_apart_are_verdeeld():
    s = stemmen.spreiding([0, 0, 0, 3, 3, 3], NIVEAUS)
    assert s.voorstel == 0 and s.verdeeld and s.overeenstemming == stemmen.VERDEELD
    # One outlier among eight is a view, not a divided room.
    assert not stemmen.spreiding([1] * 7 + [3], NIVEAUS).verdeeld


def test_weet_niet_and_nvt_answer_only_with_a_majority():
    assert stemmen.spreiding([WEET_NIET] * 3 + [2, 2], NIVEAUS).voorstel == WEET_NIET
    assert stemmen.spreiding([WEET_NIET] * 2 + [2, 2], NIVEAUS).voorstel == 2
    assert stemmen.spreiding([NIET_VAN_TOEPASSING] * 3 + [1], NIVEAUS).voorstel == (
        NIET_VAN_TOEPASSING
    )
    # Nobody chose a level and neither has a majority: weet niet (the room cannot judge).
    assert stemmen.spreiding([WEET_NIET, NIET_VAN_TOEPASSING], NIVEAUS).voorstel == WEET_NIET
    leeg = stemmen.spreiding([], NIVEAUS)
    assert (leeg.voorstel, leeg.aantal, leeg.overeenstemming) == (None, 0, stemmen.GEEN_STEMMEN)


def test_a_value_off_the_scale_is_refused():
    with pytest.raises(ValueError):
        stemmen.spreiding([7], NIVEAUS)


@given(st.lists(STEM, max_size=40), st.randoms())
def test_order_does_not_matter_and_every_vote_is_counted(waarden, toeval):
    s = stemmen.spreiding(waarden, NIVEAUS)
    geschud = list(waarden)
    toeval.shuffle(geschud)
    assert stemmen.spreiding(geschud, NIVEAUS) == s
    assert s.aantal == len(waarden)
    assert s.weet_niet == waarden.count(WEET_NIET)


@given(st.lists(NIVEAUSTEM, min_size=1, max_size=40))
def test_the_median_is_a_chosen_level_and_never_rounds_the_room_up(waarden):
    s = stemmen.spreiding(waarden, NIVEAUS)
    n = len(waarden)
    assert s.mediaan in waarden and s.voorstel == s.mediaan
    # At least half the room says "at most this", more than half "at least this".
    assert 2 * sum(w <= s.mediaan for w in waarden) >= n
    assert 2 * sum(w >= s.mediaan for w in waarden) > n
    gesorteerd = sorted(waarden)
    assert s.mediaan <= (gesorteerd[(n - 1) // 2] + gesorteerd[n // 2]) / 2


@given(NIVEAUSTEM, st.integers(1, 30))
def test_a_unanimous_room_is_eensgezind(niveau, aantal):
    s = stemmen.spreiding([niveau] * aantal, NIVEAUS)
    assert s.eensgezindheid == 1 and s.bereik == 0 and not s.verdeeld
    assert s.overeenstemming == stemmen.EENSGEZIND


def test_weet_niet_beside_a_level_is_not_eensgezind():
    """One outsider's "ja, geborgd" beside a "weet niet" is not a room that agrees (found in
    review: it read "eensgezind · 100% koos hetzelfde niveau")."""
    s = stemmen.spreiding([3, WEET_NIET], NIVEAUS)
    assert s.eensgezindheid == 0.5 and s.overeenstemming == stemmen.GEMENGD
    assert stemmen.spreiding([2, 2, NIET_VAN_TOEPASSING], NIVEAUS).overeenstemming == (
        stemmen.GEMENGD
    )
    alle = stemmen.spreiding([WEET_NIET] * 3, NIVEAUS)
    assert alle.eensgezindheid == 1 and alle.overeenstemming == stemmen.EENSGEZIND


@given(st.lists(STEM, min_size=1, max_size=40))
def test_eensgezind_means_every_vote_chose_the_same_answer(waarden):
    s = stemmen.spreiding(waarden, NIVEAUS)
    assert (s.overeenstemming == stemmen.EENSGEZIND) == (len(set(waarden)) == 1)
    meest = max(waarden.count(w) for w in set(waarden))
    assert s.eensgezindheid == meest / len(waarden)


@given(st.lists(NIVEAUSTEM, min_size=1, max_size=40))
def test_neighbouring_levels_are_never_verdeeld(waarden):
    s = stemmen.spreiding(waarden, NIVEAUS)
    if s.bereik <= 1:
        assert not s.verdeeld and s.ver_weg == 0
    if s.verdeeld:
        assert s.bereik >= stemmen.GROTE_AFSTAND


@given(st.dictionaries(st.sampled_from("abcdefgh"), st.lists(NIVEAUSTEM, max_size=12)))
def test_the_ranking_holds_only_verdeelde_vragen_widest_first(per_vraag):
    volgorde = list("abcdefgh")
    spreidingen = {v: stemmen.spreiding(w, NIVEAUS) for v, w in per_vraag.items()}
    rang = stemmen.meest_verdeeld(spreidingen, volgorde)
    assert set(rang) == {v for v, s in spreidingen.items() if s.verdeeld}
    afstanden = [spreidingen[v].afstand for v in rang]
    assert afstanden == sorted(afstanden, reverse=True)
    assert stemmen.meest_verdeeld(spreidingen, volgorde, 2) == rang[:2]


def test_the_subregio_ranking_puts_the_most_gemeenten_first():
    verdeeld, eens = [0, 0, 3, 3], [2, 2, 2]
    per_gemeente = {
        "A": {
            "v1": stemmen.spreiding(verdeeld, NIVEAUS),
            "v2": stemmen.spreiding(verdeeld, NIVEAUS),
        },
        "B": {"v1": stemmen.spreiding(eens, NIVEAUS), "v2": stemmen.spreiding(verdeeld, NIVEAUS)},
    }
    rang = stemmen.verdeeldheid_subregio(per_gemeente, ["v1", "v2"])
    assert [(d.vraag_id, d.gemeenten) for d in rang] == [("v2", ("A", "B")), ("v1", ("A",))]

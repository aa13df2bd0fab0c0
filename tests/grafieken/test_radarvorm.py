"""The radar's geometry (zelfscan.grafieken.radarvorm): pure functions, checked on plain numbers and on the
labels of the shipped vragenlijst as the PDF measures them."""

from __future__ import annotations

import itertools
import math

import pytest

from zelfscan.grafieken import radarvorm
from zelfscan.inlezen.loader import laad_catalogus
from zelfscan.rapport.radar import label_maat


def test_spokes_run_clockwise_from_the_top():
    hoeken = radarvorm.hoeken(4)
    punten = [c for h in hoeken for c in radarvorm.richting(h)]
    assert punten == pytest.approx([0, 1, 1, 0, 0, -1, -1, 0], abs=1e-12)


def test_runs_wrap_around_the_circle():
    assert radarvorm.runs([True, True, True]) == [[0, 1, 2]]
    assert radarvorm.runs([True, False, True, True]) == [[2, 3, 0]]
    assert radarvorm.runs([False, True, False, True]) == [[1], [3]]


def test_a_sector_is_a_wedge_from_the_centre_to_the_rim():
    punten = radarvorm.sector(0.0, math.radians(20), 2.0, stappen=10)
    assert punten[0] == (0.0, 0.0)
    assert all(math.hypot(x, y) == pytest.approx(2.0) for x, y in punten[1:])
    hoeken = [math.degrees(math.atan2(x, y)) for x, y in punten[1:]]
    assert min(hoeken) == pytest.approx(-10) and max(hoeken) == pytest.approx(10)


def test_a_sector_can_start_at_the_circle_of_0():
    punten = radarvorm.sector(0.0, math.radians(20), 2.0, stappen=10, binnen=0.2)
    afstanden = [math.hypot(x, y) for x, y in punten]
    assert afstanden[:11] == pytest.approx([0.2] * 11) and afstanden[11:] == pytest.approx(
        [2.0] * 11
    )


def test_0_sits_on_a_small_inner_circle_and_100_on_the_rim():
    assert radarvorm.BINNEN > 0
    assert radarvorm.straal_van(0, 2.0) == pytest.approx(2.0 * radarvorm.BINNEN)
    assert radarvorm.straal_van(100, 2.0) == pytest.approx(2.0)
    # The rings move with it: 50 halfway between the circle of 0 and the rim.
    assert radarvorm.straal_van(50, 2.0) == pytest.approx((2.0 * radarvorm.BINNEN + 2.0) / 2)


def test_onderdelen_lines_fall_between_groups_and_numbers_between_spokes():
    stap = 2 * math.pi / 10
    # Groups of 4, 3, 2 and 1 spokes (0–3, 4–6, 7–8, 9).
    assert radarvorm.grenzen([4, 3, 2, 1]) == pytest.approx(
        [2 * math.pi - stap / 2, 3.5 * stap, 6.5 * stap, 8.5 * stap]
    )
    # Even groups: their middle is between two spokes already; an odd one moves half a step off
    # its middle spoke; a group of one keeps to its spoke.
    assert radarvorm.groepsmidden([4, 3, 2, 1]) == pytest.approx(
        [1.5 * stap, 5.5 * stap, 7.5 * stap, 9 * stap]
    )


def test_hatching_is_clipped_to_the_polygon_and_evenly_spaced():
    vierkant = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]
    lijnen = radarvorm.arcering(vierkant, 0.1)
    # The square spans x - y from -1 to 1, a distance of √2 across the lines: 14 lines.
    assert len(lijnen) == 14
    for (x0, y0), (x1, y1) in lijnen:
        assert all(-1e-9 <= c <= 1 + 1e-9 for c in (x0, y0, x1, y1))
        assert x1 - x0 == pytest.approx(y1 - y0)  # rising at 45°
    afstanden = sorted((a[0] - a[1]) / math.sqrt(2) for a, _ in lijnen)
    stappen = {round(b - a, 9) for a, b in itertools.pairwise(afstanden)}
    assert stappen == {0.1}


@pytest.fixture(scope="module")
def labels():
    wav = laad_catalogus().vragenlijst("werken-aan-veiligheid")
    return [t.label for t in wav.themas]


def test_labels_of_the_real_vragenlijst_fit_and_never_overlap(labels):
    hoeken = radarvorm.hoeken(len(labels))
    teksten = [radarvorm.radar_label(label, h) for label, h in zip(labels, hoeken, strict=True)]
    maten = [label_maat(t, 8.5) for t in teksten]
    vrij = (0.12, 0.6, 7.38, 7.88)
    ind = radarvorm.indeling(hoeken, maten, vrij, 2.7, 0.04)
    assert 1.5 < ind.straal <= 2.7
    absoluut = [
        (ind.midden[0] + v[0], ind.midden[1] + v[1], ind.midden[0] + v[2], ind.midden[1] + v[3])
        for v in ind.vakken
    ]
    for i, a in enumerate(absoluut):
        # Inside the free room, the right size, outside the chart.
        assert vrij[0] - 1e-6 <= a[0] and a[2] <= vrij[2] + 1e-6
        assert vrij[1] - 1e-6 <= a[1] and a[3] <= vrij[3] + 1e-6
        assert (a[2] - a[0], a[3] - a[1]) == pytest.approx(maten[i])
        v = ind.vakken[i]
        dichtst = (min(max(0, v[0]), v[2]), min(max(0, v[1]), v[3]))
        assert math.hypot(*dichtst) >= ind.straal
        for b in absoluut[i + 1 :]:
            assert not radarvorm.overlapt(a, b, 0.0)
    # Leader lines start at the rim and end at a moved label.
    for begin, eind in radarvorm.leiders(ind, hoeken):
        afstand = math.dist(begin, ind.midden)
        assert afstand == pytest.approx(ind.straal + 0.03)
        assert math.dist(eind, ind.midden) > afstand


def test_a_small_room_gives_a_smaller_chart_not_overlapping_labels(labels):
    hoeken = radarvorm.hoeken(len(labels))
    maten = [
        label_maat(radarvorm.radar_label(t, h), 8.5) for t, h in zip(labels, hoeken, strict=True)
    ]
    groot = radarvorm.indeling(hoeken, maten, (0, 0, 7.5, 8), 2.7, 0.04)
    klein = radarvorm.indeling(hoeken, maten, (0, 0, 5.5, 5.5), 2.7, 0.04)
    assert klein.straal < groot.straal
    assert klein.rechts - klein.links <= 5.5 + 1e-6

"""The optional keys for advice and session planning: volgende_stap, wie, prioriteit, bron, duur,
nvt per vraag, and regels verbeterpunten_max / nvt / totaal.

Each mistake gets its own Dutch message with file, line and place (as in test_validatie.py), and
the 2021 file — pinned in real and demo metingen — keeps its exact snapshot and hash.
"""

from __future__ import annotations

import re

import pytest

from zelfscan.inlezen.loader import laad_catalogus, valideer, vragenlijst_uit_json

from .test_validatie import LIJST, eerste_thema, enige_melding, lees, regel_van, schrijf

# sha256 of the canonical JSON of werken-aan-veiligheid 2021.1, computed before these keys
# existed: every meting that pinned the 2021 set refers to it.
HASH_2021 = "d18d4e14f29b9ae92c14547f005f23699bce931b4164c2cc0ad39bdeb312a2a4"


def _regel(melding: str) -> int:
    return int(re.search(r", regel (\d+)", melding).group(1))


def test_the_2021_file_keeps_its_hash_and_snapshot():
    lijst = laad_catalogus().vragenlijst("werken-aan-veiligheid", "2021.1")
    assert lijst.hash == HASH_2021
    opnieuw = vragenlijst_uit_json(lijst.json)
    assert opnieuw.hash == HASH_2021 and opnieuw.json == lijst.json
    # Without the new keys: today's behaviour.
    assert lijst.regels.verbeterpunten_max == 5
    assert lijst.regels.nvt == "overal" and lijst.regels.totaal == "onderdelen"
    assert all(lijst.nvt_toegestaan(v.id) for v in lijst.vragen)
    assert all(t.wie == "gemeente" and t.prioriteit is None for t in lijst.themas)
    assert all(v.volgende_stap == () and v.stap(0) is None for v in lijst.vragen)
    assert lijst.duur(4) is None
    for sleutel in ("volgende_stap", "prioriteit", "duur", "verbeterpunten_max", "wie"):
        assert f'"{sleutel}":' not in lijst.json


def _met_alle_sleutels(kopie):
    data = lees(kopie)
    data["regels"].update({"verbeterpunten_max": 4, "nvt": "per_vraag", "totaal": "themas"})
    thema = eerste_thema(data)
    thema.update(
        {
            "wie": "regio",
            "prioriteit": "veiligheid",
            "bron": "Bijlage 1: veiligheidsbeoordeling",
            "duur": {"basis": 5, "per_gemeente": 3},
        }
    )
    thema["vragen"][0]["volgende_stap"] = "Maak een afspraak met Veilig Thuis."
    thema["vragen"][1]["volgende_stap"] = [
        {"niveaus": [0], "tekst": "Begin met een werkafspraak."},
        {"niveaus": [1, 2], "tekst": "Leg de werkafspraak vast."},
    ]
    thema["vragen"][1]["wie"] = "gemeente"
    thema["vragen"][1]["nvt"] = True
    data["onderdelen"][0]["themas"][0]["duur"] = {"basis": 10, "per_gemeente": 0}
    schrijf(kopie, data)
    return data, thema


def test_every_new_key_loads(kopie):
    _, thema_data = _met_alle_sleutels(kopie)
    assert valideer([kopie]) == []
    lijst = laad_catalogus(kopie).vragenlijst("werken-aan-veiligheid", "2021.1")
    assert lijst.hash != HASH_2021  # changed content, changed hash — as it should
    regels = lijst.regels
    assert (regels.verbeterpunten_max, regels.nvt, regels.totaal) == (4, "per_vraag", "themas")
    thema = lijst.thema(thema_data["id"])
    assert thema.wie == "regio" and thema.regionaal and thema.prioriteit == "veiligheid"
    assert thema.bron == "Bijlage 1: veiligheidsbeoordeling"
    eerste, tweede = thema.vragen[0], thema.vragen[1]
    # One text covers every level below the top (0..3 scale): 0, 1, 2 — not 3.
    assert [eerste.stap(n) for n in (0, 1, 2, 3)] == ["Maak een afspraak met Veilig Thuis."] * 3 + [
        None
    ]
    assert [tweede.stap(n) for n in (0, 1, 2, 3)] == [
        "Begin met een werkafspraak.",
        "Leg de werkafspraak vast.",
        "Leg de werkafspraak vast.",
        None,
    ]
    assert lijst.wie(eerste.id) == "regio" and lijst.wie(tweede.id) == "gemeente"
    assert lijst.nvt_toegestaan(tweede.id) and not lijst.nvt_toegestaan(eerste.id)
    assert lijst.duur(4) == 10 + 5 + 3 * 4
    assert lijst.duur(1) == 18


@pytest.mark.parametrize(
    ("waar", "sleutel", "waarde", "verwacht"),
    [
        (
            "thema",
            "wie",
            "gemeenten",
            "'wie' moet 'gemeente' of 'regio' zijn, maar is 'gemeenten'. Bedoelde u 'gemeente'?",
        ),
        ("thema", "prioriteit", "hoog", "'prioriteit' moet 'veiligheid' zijn, maar is 'hoog'."),
        ("thema", "bron", "", "'bron' is leeg"),
        ("thema", "duur", {"basis": 5}, "het verplichte veld 'per_gemeente' ontbreekt"),
        ("thema", "duur", {"basis": -1, "per_gemeente": 2}, "'basis' moet minstens 0 zijn"),
        (
            "vraag",
            "wie",
            "regionaal",
            "'wie' moet 'gemeente' of 'regio' zijn, maar is 'regionaal'.",
        ),
        ("vraag", "nvt", "soms", "'nvt' moet ja of nee zijn"),
        ("vraag", "volgende_stap", 3, "'volgende_stap' moet tekst zijn, of een lijst van stappen"),
        ("vraag", "volgende_stap", "", "'volgende_stap' is leeg"),
        ("vraag", "volgende_stap", [{"niveaus": [0]}], "het verplichte veld 'tekst' ontbreekt"),
        ("regels", "verbeterpunten_max", 0, "'verbeterpunten_max' moet minstens 1 zijn, maar is 0"),
        ("regels", "nvt", "soms", "'nvt' moet 'overal' of 'per_vraag' zijn, maar is 'soms'."),
        ("regels", "totaal", "gemeenten", "'totaal' moet 'onderdelen' of 'themas' zijn"),
    ],
)
def test_each_mistake_gets_its_own_dutch_message(kopie, waar, sleutel, waarde, verwacht):
    data = lees(kopie)
    thema = eerste_thema(data)
    doel = {"thema": thema, "vraag": thema["vragen"][0], "regels": data["regels"]}[waar]
    doel[sleutel] = waarde
    tekst = schrijf(kopie, data)
    melding = enige_melding(kopie)
    assert f"{LIJST}, regel " in melding and verwacht in melding, melding
    if waar != "regels":
        assert f"thema '{thema['id']}'" in melding
    if waar == "vraag":
        assert f"vraag '{thema['vragen'][0]['id']}'" in melding
    # The line named is the one where the key (or the wrong field inside it) stands.
    regel = _regel(melding)
    regeltekst = tekst.splitlines()[regel - 1]
    assert any(f"{k}:" in regeltekst for k in (sleutel, "basis", "niveaus")), (regeltekst, melding)


@pytest.mark.parametrize(
    ("niveaus", "verwacht"),
    [
        ([[0], [7]], "niveau 7 bestaat niet in de schaal (die kent 0, 1, 2 en 3)"),
        ([[0], [3]], "niveau 3 is het hoogste niveau van de schaal: daar is geen volgende stap"),
        ([[0, 1], [1, 2]], "niveau 1 staat in twee volgende stappen van deze vraag (ook in nr. 1)"),
    ],
)
def test_step_bands_use_levels_below_the_top_once(kopie, niveaus, verwacht):
    data = lees(kopie)
    vraag = eerste_thema(data)["vragen"][2]
    vraag["volgende_stap"] = [{"niveaus": n, "tekst": f"Stap {i}"} for i, n in enumerate(niveaus)]
    tekst = schrijf(kopie, data)
    melding = enige_melding(kopie)
    assert verwacht in melding, melding
    assert f"vraag '{vraag['id']}' › stap nr. 2" in melding
    # The line of band 2's 'niveaus': after band 1's text, before its own.
    assert regel_van(tekst, "Stap 0") < _regel(melding) < regel_van(tekst, "Stap 1")
    assert "niveaus:" in tekst.splitlines()[_regel(melding) - 1]


def test_a_level_without_a_step_is_allowed(kopie):
    data = lees(kopie)
    eerste_thema(data)["vragen"][0]["volgende_stap"] = [{"niveaus": [0], "tekst": "Begin."}]
    schrijf(kopie, data)
    assert valideer([kopie]) == []

"""The loader and the model: the shipped data becomes plain, immutable objects."""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date

import pytest

from zelfscan.inlezen.loader import laad_catalogus, vragenlijst_uit_json
from zelfscan.inlezen.model import NIET_VAN_TOEPASSING, WEET_NIET, versie_sleutel

# Bijlage 1 of the Actieprogramma 2021-2024 (the seed document): every part, theme and sub-theme
# the zelfscan must cover, as labelled there (OCR errors mended).
ONDERDELEN = [
    "De gemeentelijke organisatie",
    "Professionals in de lokale (wijk)teams",
    "Samenwerking tussen het lokale (wijk)team en Veilig Thuis",
    "Beschikbaar hulpaanbod",
]
BIJLAGE_1 = [
    "De gemeentelijke organisatie",
    "Meldcode, signaleren, bespreekbaar maken",
    "Systeemgericht werken",
    "1 gezin 1 plan 1 regisseur",
    "Veiligheidsbeoordeling",
    "Traumasensitief werken",
    "(casus)regie",
    "Basiskennis: geweldsdynamiek en risicofactoren (incl. patroonherkenning)",
    "Basiskennis: specifieke geweldsvormen (onder andere seksueel geweld, schadelijke "
    "traditionele praktijken, ouderenmishandeling)",
    "Basiskennis: problematiek en risicofactoren die vaak samenhangen met huiselijk geweld en "
    "kindermishandeling (o.a. LVB-, GGZ- en verslavingsproblematiek)",
    "Basiskennis: familie- en jeugdrecht (met name gezag en erkenning)",
    "Zicht op veiligheid",
    "Veiligheidsbeoordeling, veiligheidsplannen",
    "Verbinding GGZ",
    "Outreachend werken",
    "Regievoeren",
    "Multidisciplinair en systeemgericht samenwerken",
    "Samenwerking tussen het lokale (wijk)team en Veilig Thuis",
    "Hulpaanbod gericht op het direct stoppen van huiselijk geweld en kindermishandeling",
    "Hulpaanbod gericht op het wegnemen van risicofactoren van huiselijk geweld en "
    "kindermishandeling",
    "Hulpaanbod gericht op het herstel van de gevolgen van huiselijk geweld en kindermishandeling",
    "Zicht op het effect van ingezette hulp door het lokale (wijk)team",
]


@pytest.fixture(scope="module")
def catalogus():
    return laad_catalogus()


@pytest.fixture(scope="module")
def wav(catalogus):
    """The 2021 set: the one Bijlage 1 was transcribed for, and what existing metingen use.
    The 2026 revision has its own tests (test_vragenlijst_2026.py)."""
    return catalogus.vragenlijst("werken-aan-veiligheid", "2021.1")


@pytest.fixture(scope="module", params=["2021.1", "2026.1"])
def elke_versie(catalogus, request):
    return catalogus.vragenlijst("werken-aan-veiligheid", request.param)


def test_the_four_onderdelen_of_bijlage_1(wav):
    assert [o.titel for o in wav.onderdelen] == ONDERDELEN


@pytest.mark.parametrize("onderwerp", BIJLAGE_1)
def test_every_bijlage_1_subject_is_covered_by_a_thema(wav, onderwerp):
    dekkend = [t.id for t in wav.themas if onderwerp in t.kader]
    assert dekkend, f"geen thema dekt '{onderwerp}'"


def test_every_kader_label_comes_from_bijlage_1(wav):
    for thema in wav.themas:
        assert thema.kader, thema.id
        assert set(thema.kader) <= set(BIJLAGE_1), thema.id


def test_content_is_complete_enough_for_a_session(elke_versie):
    wav = elke_versie
    for thema in wav.themas:
        assert 3 <= len(thema.vragen) <= 6, thema.id
        assert thema.kort and len(thema.kort) <= 24, thema.id
        assert all(v.uitleg for v in thema.vragen), thema.id
        for niveau in wav.schaal.niveaus:
            assert len(thema.suggestie(niveau.waarde)) > 40, (thema.id, niveau.waarde)
    assert len({v.tekst for v in wav.vragen}) == len(wav.vragen), "two statements are identical"


def test_the_newest_version_is_the_default(catalogus):
    assert catalogus.vragenlijst("werken-aan-veiligheid").versie == "2026.1"


def test_lookups(wav):
    vraag = wav.themas[4].vragen[1]
    assert wav.vraag(vraag.id) is vraag
    assert wav.thema_van(vraag.id) is wav.themas[4]
    assert wav.thema(wav.themas[4].id) is wav.themas[4]
    assert wav.onderdeel_van(wav.themas[4].id).id == "professionals"
    with pytest.raises(KeyError):
        wav.vraag("bestaat-niet")


def test_scale(wav):
    schaal = wav.schaal
    assert (schaal.laagste, schaal.hoogste) == (0, 3)
    assert schaal.label(2) == "Grotendeels"
    assert schaal.label("3") == "Ja, geborgd"
    assert schaal.label(WEET_NIET) == "Weet niet"
    assert schaal.label(NIET_VAN_TOEPASSING) == "N.v.t."
    assert wav.regels.minimale_dekking == 0.5


def test_snapshot_roundtrip_gives_an_equal_object(wav):
    kopie = vragenlijst_uit_json(wav.json)
    assert kopie == wav
    assert kopie.hash == wav.hash
    assert len(wav.hash) == 64


def test_hash_is_the_sha256_of_the_snapshot_computed_once(wav):
    assert wav.hash == hashlib.sha256(wav.json.encode("utf-8")).hexdigest()
    # The same string object on every access: hashed once, not ~70 kB again per access.
    assert wav.hash is wav.hash


def test_model_is_immutable(wav):
    with pytest.raises(dataclasses.FrozenInstanceError):
        wav.titel = "anders"
    assert isinstance(wav.onderdelen, tuple) and isinstance(wav.themas[0].vragen, tuple)


def test_newest_version_is_chosen_by_number():
    assert versie_sleutel("2021.10") > versie_sleutel("2021.9")


def test_region_kennemerland(catalogus):
    regio = catalogus.regio("kennemerland")
    op = date(2021, 10, 1)
    indeling = {s.id: sorted(g.naam for g in s.gemeenten_op(op)) for s in regio.subregios}
    assert indeling == {
        "haarlemmermeer": ["Haarlemmermeer"],
        "ijmond": ["Beverwijk", "Heemskerk", "Velsen"],
        "zuid-kennemerland": ["Bloemendaal", "Haarlem", "Heemstede", "Zandvoort"],
    }
    codes = {g.naam: g.cbs for s in regio.subregios for g in s.gemeenten}
    assert codes["Haarlem"] == "GM0392"
    assert codes["Haarlemmermeer"] == "GM0394"
    # Before the 2019 merger Haarlemmerliede en Spaarnwoude was its own gemeente.
    voor = regio.subregio("haarlemmermeer").gemeenten_op(date(2018, 6, 1))
    assert [g.cbs for g in voor] == ["GM0394", "GM0393"]
    assert voor[1].opgegaan_in == "GM0394"

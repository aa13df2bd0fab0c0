"""The 2026 revision of Werken aan Veiligheid (issue 15), read as the issue asks: real files, no
mocks.

It loads and validates; it is short enough for a session; every vraag has a next step and every
thema says who acts, where it comes from and how long it takes; it covers Bijlage 1 and the
topics the 2021 set missed; and every 2021 vraag is kept (same meaning), replaced (``vervangt``)
or dropped with a reason (``vervallen``), which ``zelfscan validate`` checks with Dutch messages.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from zelfscan import paths
from zelfscan.inlezen.loader import laad_catalogus, valideer
from zelfscan.inlezen.model import REGIO, VEILIGHEID

from .test_model import BIJLAGE_1
from .test_validatie import enige_melding, lees, regel_van, schrijf

ROOT = Path(__file__).resolve().parent.parent.parent
LIJST_2026 = "werken-aan-veiligheid-2026.yaml"
ID = "werken-aan-veiligheid"


@pytest.fixture(scope="module")
def catalogus():
    return laad_catalogus()


@pytest.fixture(scope="module")
def nieuw(catalogus):
    return catalogus.vragenlijst(ID, "2026.1")


@pytest.fixture(scope="module")
def oud(catalogus):
    return catalogus.vragenlijst(ID, "2021.1")


@pytest.fixture(scope="module")
def tekst_2026() -> str:
    return (paths.vragenlijsten_dir() / LIJST_2026).read_text(encoding="utf-8")


# --- it loads, validates and is the default for new metingen ------------------------------------


def test_zelfscan_validate_exits_0_as_a_real_process():
    omgeving = {**os.environ, "PYTHONPATH": str(ROOT)}
    omgeving.pop("ZELFSCAN_VRAGENLIJSTEN", None)
    for argumenten in ([], [str(paths.vragenlijsten_dir() / LIJST_2026)]):
        uit = subprocess.run(
            [sys.executable, "-m", "zelfscan", "validate", *argumenten],
            cwd=ROOT,
            env=omgeving,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert uit.returncode == 0, uit.stdout + uit.stderr
        assert "In orde" in uit.stdout


def test_a_new_version_of_the_same_vragenlijst(catalogus, nieuw, oud):
    assert (nieuw.id, nieuw.versie, nieuw.vorige_versie) == (ID, "2026.1", "2021.1")
    assert catalogus.vragenlijst(ID) is nieuw  # the newest: what a new meting is offered first
    assert oud.schaal.niveaus == nieuw.schaal.niveaus  # answers stay comparable level for level
    assert oud.vervallen == () and len(nieuw.vervallen) > 0


def test_rules_are_explicit(nieuw, tekst_2026):
    regels = nieuw.regels
    assert regels.nvt == "per_vraag"
    assert regels.verbeterpunten_max == 5
    assert regels.totaal == "onderdelen"
    blok = tekst_2026[tekst_2026.index("\nregels:") : tekst_2026.index("\nonderdelen:")]
    for sleutel in ("verbeterpunten_max: 5", "nvt: per_vraag", "totaal: onderdelen"):
        assert sleutel in blok
    assert "# De totaalscore" in blok  # the reason for 'onderdelen' is written down


# --- length and time --------------------------------------------------------------------------


def test_at_most_90_statements(nieuw, oud):
    assert len(nieuw.vragen) <= 90
    assert len(nieuw.vragen) < len(oud.vragen)


def test_a_session_of_four_gemeenten_fits_two_and_a_half_hours(nieuw):
    assert all(t.duur is not None for t in nieuw.themas)
    assert nieuw.duur(4) <= 150
    assert nieuw.duur(2) < nieuw.duur(3) < nieuw.duur(4)


def test_the_handleiding_gives_the_same_times(nieuw):
    handleiding = (ROOT / "docs" / "handleiding.md").read_text(encoding="utf-8")
    for aantal in (2, 3, 4):
        assert f"{aantal} gemeenten | {nieuw.duur(aantal)} minuten" in handleiding, aantal


# --- advice, who, priority, source --------------------------------------------------------------


def test_every_vraag_has_a_next_step_for_every_level_below_the_top(nieuw):
    onder_top = [n.waarde for n in nieuw.schaal.niveaus][:-1]
    for vraag in nieuw.vragen:
        assert vraag.volgende_stap, vraag.id
        for niveau in onder_top:
            assert vraag.stap(niveau), (vraag.id, niveau)
        assert vraag.stap(nieuw.schaal.hoogste) is None


def test_every_thema_says_who_where_from_and_how_long(nieuw):
    for thema in nieuw.themas:
        assert thema.wie in ("gemeente", "regio"), thema.id
        assert thema.bron, thema.id
        assert thema.duur is not None and thema.duur.basis > 0, thema.id
        assert all(band.tekst for band in thema.verbeterpunten), thema.id  # the fallback


def test_priority_veiligheid_where_people_are_directly_at_risk(nieuw):
    veiligheid = {t.id for t in nieuw.themas if t.prioriteit == VEILIGHEID}
    assert veiligheid == {
        "veiligheidsbeoordeling",
        "zicht-op-veiligheid",
        "meldcode-signaleren",
        "aanbod-direct-stoppen",
    }


def test_regional_partners_act_on_regional_themas(nieuw):
    regionaal = {t.id for t in nieuw.themas if t.wie == REGIO}
    assert {
        "overdracht",
        "terugkoppeling-monitoring",
        "aanbod-direct-stoppen",
        "aanbod-herstel",
        "vrouwenopvang",
    } <= regionaal
    assert not regionaal & {t.id for t in nieuw.onderdelen[0].themas}


def test_the_project_says_which_themas_are_its_own(nieuw):
    """Onderdelen 1 and 3 have no thema's in Bijlage 1: theirs are 'aanvulling', the others not."""
    for onderdeel in nieuw.onderdelen:
        for thema in onderdeel.themas:
            eigen = onderdeel.id in ("gemeentelijke-organisatie", "samenwerking-veilig-thuis")
            assert thema.bron.startswith("aanvulling: " if eigen else "Bijlage 1: "), thema.id
            if eigen:
                assert len(thema.bron) > 60, thema.id  # with its reason


# --- coverage ------------------------------------------------------------------------------------

# Each item of Bijlage 1 (listed in test_model.BIJLAGE_1) and the thema whose bron names it.
BIJLAGE_1_THEMA = {
    "De gemeentelijke organisatie": ["visie-opdracht", "sturing-monitoring", "capaciteit"],
    "Meldcode, signaleren, bespreekbaar maken": ["meldcode-signaleren"],
    "Systeemgericht werken": ["systeemgericht-werken"],
    "1 gezin 1 plan 1 regisseur": ["een-gezin-een-plan"],
    "Veiligheidsbeoordeling": ["veiligheidsbeoordeling"],
    "Traumasensitief werken": ["traumasensitief"],
    "(casus)regie": ["regievoeren"],
    "Basiskennis: geweldsdynamiek en risicofactoren (incl. patroonherkenning)": [
        "kennis-geweldsdynamiek"
    ],
    "Basiskennis: specifieke geweldsvormen (onder andere seksueel geweld, schadelijke "
    "traditionele praktijken, ouderenmishandeling)": ["kennis-geweldsvormen"],
    "Basiskennis: problematiek en risicofactoren die vaak samenhangen met huiselijk geweld en "
    "kindermishandeling (o.a. LVB-, GGZ- en verslavingsproblematiek)": [
        "kennis-samenhangende-problematiek"
    ],
    "Basiskennis: familie- en jeugdrecht (met name gezag en erkenning)": [
        "kennis-familie-jeugdrecht"
    ],
    "Zicht op veiligheid": ["zicht-op-veiligheid"],
    "Veiligheidsbeoordeling, veiligheidsplannen": ["veiligheidsbeoordeling"],
    "Verbinding GGZ": ["verbinding-ggz"],
    "Outreachend werken": ["outreachend-werken"],
    "Regievoeren": ["regievoeren"],
    "Multidisciplinair en systeemgericht samenwerken": ["multidisciplinair-samenwerken"],
    "Samenwerking tussen het lokale (wijk)team en Veilig Thuis": [
        "samenwerkingsafspraken",
        "overdracht",
        "terugkoppeling-monitoring",
        "consultatie-opschalen",
    ],
    "Hulpaanbod gericht op het direct stoppen van huiselijk geweld en kindermishandeling": [
        "aanbod-direct-stoppen"
    ],
    "Hulpaanbod gericht op het wegnemen van risicofactoren van huiselijk geweld en "
    "kindermishandeling": ["aanbod-risicofactoren"],
    "Hulpaanbod gericht op het herstel van de gevolgen van huiselijk geweld en "
    "kindermishandeling": ["aanbod-herstel"],
    "Zicht op het effect van ingezette hulp door het lokale (wijk)team": ["zicht-op-effect"],
}


def test_the_map_lists_every_item_of_bijlage_1():
    assert sorted(BIJLAGE_1_THEMA) == sorted(BIJLAGE_1)


@pytest.mark.parametrize("onderwerp", BIJLAGE_1)
def test_every_bijlage_1_item_is_named_in_a_thema_bron(nieuw, onderwerp):
    for thema_id in BIJLAGE_1_THEMA[onderwerp]:
        bron = " ".join(nieuw.thema(thema_id).bron.split())
        assert onderwerp in bron, (thema_id, bron)


# The topics the 2021 set missed (issue 15): per topic the vragen that must cover it, and the
# words each of their statements must contain.
TOEGEVOEGD = {
    "(ex-)partnergeweld": (
        ["kennis-geweldsdynamiek-2", "kennis-geweldsvormen-6", "aanbod-risicofactoren-3"],
        ["partner"],
    ),
    "stalking": (["kennis-geweldsvormen-6", "aanbod-direct-stoppen-7"], ["stalking"]),
    "aanbod bij ouderenmishandeling": (["aanbod-risicofactoren-6"], ["ouderenmishandeling"]),
    "partners bij ouderenmishandeling": (
        ["multidisciplinair-samenwerken-5"],
        ["ouderenmishandeling", "partners"],
    ),
    "afspraken met de vrouwenopvang": (
        ["vrouwenopvang-1", "vrouwenopvang-2"],
        ["vrouwenopvang"],
    ),
    "psychisch geweld": (["kennis-geweldsvormen-7"], ["psychisch geweld"]),
}


@pytest.mark.parametrize("onderwerp", TOEGEVOEGD)
def test_added_topics_are_in_the_statements(nieuw, onderwerp):
    ids, woorden = TOEGEVOEGD[onderwerp]
    for vraag_id in ids:
        tekst = nieuw.vraag(vraag_id).tekst.lower()
        for woord in woorden:
            assert woord in tekst, (onderwerp, vraag_id, woord)


def test_aanbod_for_ouderenmishandeling_is_in_the_hulpaanbod(nieuw):
    assert nieuw.onderdeel_van(nieuw.thema_van("aanbod-risicofactoren-6").id).id == "hulpaanbod"
    assert "vrouwenopvang-1" in {v.id for v in nieuw.thema("vrouwenopvang").vragen}
    assert "aanvulling" in nieuw.thema("vrouwenopvang").bron


# --- 2021 → 2026: kept, replaced or dropped, and nothing else ------------------------------------


def _plaatsen(nieuw, oud) -> dict[str, list[str]]:
    """Per 2021 vraag id, how it lives on in 2026: 'blijft', 'vervangen door x', 'vervallen'."""
    plaats: dict[str, list[str]] = {v.id: [] for v in oud.vragen}
    for vraag in nieuw.vragen:
        if vraag.id in plaats:
            plaats[vraag.id].append("blijft")
        for bron in vraag.vervangt:
            plaats[bron].append(f"vervangen door {vraag.id}")
    for weg in nieuw.vervallen:
        plaats[weg.id].append("vervallen")
    return plaats


def test_every_2021_vraag_has_exactly_one_place(nieuw, oud):
    plaatsen = _plaatsen(nieuw, oud)
    geen = [i for i, p in plaatsen.items() if not p]
    dubbel = {i: p for i, p in plaatsen.items() if len(p) > 1}
    assert not geen, f"zonder plaats in 2026: {geen}"
    assert not dubbel, f"meer dan één plaats: {dubbel}"


def test_the_counts_add_up(nieuw, oud):
    oude_ids = {v.id for v in oud.vragen}
    behouden = [v for v in nieuw.vragen if v.id in oude_ids]
    vervangend = [v for v in nieuw.vragen if v.vervangt]
    nieuwe = [v for v in nieuw.vragen if v.id not in oude_ids and not v.vervangt]
    assert not {v.id for v in behouden} & {v.id for v in vervangend}
    assert len(behouden) + len(vervangend) + len(nieuwe) == len(nieuw.vragen)
    vervangen = {i for v in vervangend for i in v.vervangt}
    assert len(behouden) + len(vervangen) + len(nieuw.vervallen) == len(oud.vragen)
    assert all(len(w.reden) > 30 for w in nieuw.vervallen)


def test_new_and_replacing_vragen_do_not_reuse_a_2021_id(nieuw, oud):
    oude_ids = {v.id for v in oud.vragen}
    for vraag in nieuw.vragen:
        if vraag.vervangt:
            assert vraag.id not in oude_ids, vraag.id


# A kept id keeps its meaning: its statement is (nearly) the 2021 one. Exceptions need a reason.
GELIJK_GENOEG = 0.6
UITZONDERINGEN: dict[str, str] = {}


def test_a_kept_id_keeps_its_statement(nieuw, oud):
    oude_ids = {v.id for v in oud.vragen}
    for vraag in nieuw.vragen:
        if vraag.id not in oude_ids or vraag.id in UITZONDERINGEN:
            continue
        vorige = oud.vraag(vraag.id).tekst
        gelijk = difflib.SequenceMatcher(None, vorige, vraag.tekst).ratio()
        assert gelijk >= GELIJK_GENOEG, (vraag.id, vorige, vraag.tekst)


def test_a_2021_meting_compares_with_a_2026_meting(oud, nieuw):
    """Through the real comparison: every 2026 vraag that is kept or replaces is compared, and
    exactly the vragen listed in 'vervallen' are reported as gone."""
    from zelfscan.scores import scoring

    vorige = {v.id: 1 for v in oud.vragen}
    huidige = {v.id: 2 for v in nieuw.vragen}
    vergelijking = scoring.vergelijk(oud, vorige, nieuw, huidige)
    assert set(vergelijking.vervallen_vragen) == {w.id for w in nieuw.vervallen}
    assert vergelijking.vervallen_themas == ()
    assert vergelijking.nieuwe_themas == ("vrouwenopvang",)
    oude_ids = {v.id for v in oud.vragen}
    verwacht_nieuw = {v.id for v in nieuw.vragen if v.id not in oude_ids and not v.vervangt}
    assert {i for t in vergelijking.themas for i in t.nieuwe_vragen} == verwacht_nieuw
    for thema in vergelijking.themas:
        if thema.thema_id != "vrouwenopvang":
            # One level up on every comparable vraag: a third of the scale.
            assert thema.verschil is not None and round(thema.verschil, 6) == round(100 / 3, 6)


def test_the_overlaps_of_issue_15_count_once(nieuw):
    """Each pair the issue named now lives on in one vraag, not two."""

    def opvolgers(oud_id: str) -> set[str]:
        return {v.id for v in nieuw.vragen if v.id == oud_id or oud_id in v.vervangt}

    for paar in (
        ("regievoeren-4", "consultatie-opschalen-4"),
        ("systeemgericht-werken-4", "samenwerkingsafspraken-5"),
        ("sturing-monitoring-4", "samenwerkingsafspraken-4"),
        ("sturing-monitoring-2", "zicht-op-effect-2"),
    ):
        samen = opvolgers(paar[0]) | opvolgers(paar[1])
        assert len(samen) == 1, (paar, samen)
    # Trauma treatment is asked in the aanbod (children and adults apart), not twice.
    assert opvolgers("traumasensitief-4") == set()
    assert {"aanbod-herstel-1", "aanbod-herstel-2"} <= {v.id for v in nieuw.vragen}


def test_no_statement_of_issue_15_asks_two_things_under_its_old_id(nieuw):
    ids = {v.id for v in nieuw.vragen}
    for twee in (
        "regievoeren-2",
        "veiligheidsbeoordeling-3",
        "aanbod-direct-stoppen-1",
        "outreachend-werken-4",
        "kennis-geweldsvormen-2",
    ):
        assert twee not in ids, twee
    # The team's own speed and the help out of office hours are no longer one statement.
    crisis = nieuw.vraag("aanbod-direct-stoppen-6").tekst
    assert "lokale team" not in crisis
    vormen = nieuw.vraag("kennis-geweldsvormen-5").tekst
    assert not any(w in vormen for w in ("eergerelateerd", "huwelijksdwang", "verminking"))


# --- who can judge, what 'Ja, geborgd' looks like, n.v.t. --------------------------------------


def test_every_uitleg_says_what_ja_geborgd_looks_like(nieuw):
    for vraag in nieuw.vragen:
        assert "Ja, geborgd:" in vraag.uitleg, vraag.id


def test_what_only_the_team_knows_is_asked_beforehand(nieuw):
    """A statement about what professionals know or recognise cannot be judged by beleids-
    adviseurs alone: its uitleg says to ask the team before the session."""
    kennis = re.compile(r"^Professionals (kennen|herkennen|weten|kunnen onderscheid)")
    gevonden = [v for v in nieuw.vragen if kennis.match(v.tekst)]
    assert len(gevonden) >= 8
    for vraag in gevonden:
        assert "vooraf" in vraag.uitleg, vraag.id


def test_what_veilig_thuis_does_is_answered_once_for_the_region(nieuw):
    for vraag_id in (
        "overdracht-1",
        "overdracht-3",
        "overdracht-4",
        "terugkoppeling-monitoring-3",
        "terugkoppeling-monitoring-4",
        "consultatie-opschalen-3",
        "vrouwenopvang-2",
    ):
        assert nieuw.wie(vraag_id) == REGIO, vraag_id
        assert "één keer in de rij 'Alle gemeenten'" in nieuw.vraag(vraag_id).uitleg, vraag_id


def test_nvt_only_where_the_uitleg_allows_it(nieuw):
    toegestaan = {v.id for v in nieuw.vragen if nieuw.nvt_toegestaan(v.id)}
    assert toegestaan == {"visie-opdracht-6"}
    for vraag in nieuw.vragen:
        noemt_nvt = "kies dan n.v.t." in vraag.uitleg
        assert noemt_nvt == (vraag.id in toegestaan), vraag.id


# --- wording and facts --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "woord", ["Kennemerland", "Hollands Midden", "IJmond", "Haarlem", "Blijf Groep"]
)
def test_neutral_to_the_region(tekst_2026, woord):
    assert woord.lower() not in tekst_2026.lower()


def test_het_toezicht_sociaal_domein(tekst_2026):
    vlak = " ".join(tekst_2026.split())
    assert "de Toezicht Sociaal Domein" not in vlak
    assert "Toezicht Sociaal Domein" in vlak
    for treffer in re.finditer(r"(\w+) Toezicht Sociaal Domein", vlak):
        assert treffer.group(1).lower() in ("het", "van"), treffer.group(0)


def test_gezag_after_erkenning_since_2023(nieuw):
    uitleg = " ".join(nieuw.vraag("kennis-familie-jeugdrecht-6").uitleg.split())
    for stuk in ("Sinds 1 januari 2023", "automatisch", "vóór 1 januari 2023", "gezagsregister"):
        assert stuk in uitleg, stuk
    assert "kennis-familie-jeugdrecht-2" in nieuw.vraag("kennis-familie-jeugdrecht-6").vervangt


def _teksten(nieuw) -> list[str]:
    delen = [nieuw.bron, nieuw.beschrijving]
    for onderdeel in nieuw.onderdelen:
        delen.append(onderdeel.beschrijving)
        for thema in onderdeel.themas:
            delen += [thema.beschrijving, *(b.tekst for b in thema.verbeterpunten)]
            for vraag in thema.vragen:
                delen += [vraag.tekst, vraag.uitleg, *(b.tekst for b in vraag.volgende_stap)]
    return [" ".join(d.split()) for d in delen]


def test_top_3_and_samenwerken_aan_veiligheid_are_described_one_way(nieuw):
    genoemd = [t for t in _teksten(nieuw) if "TOP-3" in t]
    assert genoemd
    uitleg = (
        "TOP-3 en Samenwerken aan Veiligheid zijn methoden waarmee professionals samen met het "
        "gezin benoemen wat onveilig is en een veiligheidsplan maken."
    )
    for tekst in genoemd:
        assert "Samenwerken aan Veiligheid" in tekst, tekst  # always the pair, same names
        assert "systeemgerichte methode" not in tekst
    assert sum(uitleg in t for t in genoemd) >= 2
    assert not any("Samenwerken voor Veiligheid" in t for t in _teksten(nieuw))


# --- the new 'vervallen' checks, in the style of test_validatie.py -----------------------------


def _vervallen(data: dict) -> list[dict]:
    return data["vervallen"]


def test_dropping_an_id_the_previous_version_lacks(kopie_alles):
    data = lees(kopie_alles, LIJST_2026)
    _vervallen(data).append({"id": "capaciteit-9", "reden": "Bestaat niet; een tikfout."})
    tekst = schrijf(kopie_alles, data, LIJST_2026)
    melding = enige_melding(kopie_alles)
    assert (
        "'capaciteit-9' staat in 'vervallen', maar bestaat niet als vraag in versie 2021.1"
        in melding
    )
    assert "Bedoelde u 'capaciteit-" in melding
    assert f"{LIJST_2026}, regel {regel_van(tekst, 'id: capaciteit-9')}" in melding
    assert "vervallen vraag 'capaciteit-9'" in melding


def test_dropping_an_id_that_is_also_kept(kopie_alles):
    data = lees(kopie_alles, LIJST_2026)
    _vervallen(data).append({"id": "capaciteit-1", "reden": "Per ongeluk ook hier gezet."})
    tekst = schrijf(kopie_alles, data, LIJST_2026)
    melding = enige_melding(kopie_alles)
    gehouden = regel_van(tekst, "- id: capaciteit-1\n")
    assert (
        f"'capaciteit-1' staat in 'vervallen', maar is ook een vraag in deze versie (regel "
        f"{gehouden})" in melding
    )
    assert "haal haar weg uit 'vervallen', of geef de vraag in deze versie een nieuwe id" in melding
    in_vervallen = regel_van(tekst, "- id: capaciteit-1\n  reden")
    assert f"{LIJST_2026}, regel {in_vervallen} (vervallen vraag 'capaciteit-1')" in melding


def test_dropping_an_id_that_is_also_replaced(kopie_alles):
    data = lees(kopie_alles, LIJST_2026)
    _vervallen(data).append({"id": "regievoeren-1", "reden": "Per ongeluk ook hier gezet."})
    tekst = schrijf(kopie_alles, data, LIJST_2026)
    melding = enige_melding(kopie_alles)
    assert (
        f"'regievoeren-1' staat in 'vervallen', maar vraag 'regievoeren-6' (regel "
        f"{regel_van(tekst, 'id: regievoeren-6')}) vervangt haar" in melding
    )
    assert "haal haar weg uit 'vervallen' of uit 'vervangt'" in melding


def test_missing_ids_are_named(kopie_alles):
    data = lees(kopie_alles, LIJST_2026)
    weg = {"capaciteit-3", "deskundigheid-2"}
    data["vervallen"] = [v for v in _vervallen(data) if v["id"] not in weg]
    tekst = schrijf(kopie_alles, data, LIJST_2026)
    melding = enige_melding(kopie_alles)
    assert "2 vragen van versie 2021.1" in melding
    assert "staan nergens in deze versie: 'capaciteit-3' en 'deskundigheid-2'." in melding
    uitleg = "dezelfde id (de vraag blijft), in 'vervangt' van een nieuwe vraag, of in 'vervallen'"
    assert uitleg in melding
    assert f"{LIJST_2026}, regel {regel_van(tekst, 'vervallen:')}" in melding


def test_a_replaced_vraag_no_longer_replaced_is_missing(kopie_alles):
    data = lees(kopie_alles, LIJST_2026)
    for onderdeel in data["onderdelen"]:
        for thema in onderdeel["themas"]:
            for vraag in thema["vragen"]:
                if vraag["id"] == "regievoeren-6":
                    vraag["vervangt"] = ["regievoeren-1"]
    schrijf(kopie_alles, data, LIJST_2026)
    melding = enige_melding(kopie_alles)
    assert "1 vraag van versie 2021.1" in melding and "staat nergens in deze versie: " in melding
    assert "'regievoeren-2'" in melding


def test_the_same_id_dropped_twice(kopie_alles):
    data = lees(kopie_alles, LIJST_2026)
    _vervallen(data).append({"id": "capaciteit-3", "reden": "Nog een keer, per ongeluk."})
    tekst = schrijf(kopie_alles, data, LIJST_2026)
    melding = enige_melding(kopie_alles)
    assert (
        f"'capaciteit-3' staat twee keer in 'vervallen' (ook op regel "
        f"{regel_van(tekst, '- id: capaciteit-3')})" in melding
    )


def test_a_dropped_vraag_needs_a_reason(kopie_alles):
    data = lees(kopie_alles, LIJST_2026)
    del _vervallen(data)[0]["reden"]
    schrijf(kopie_alles, data, LIJST_2026)
    melding = enige_melding(kopie_alles)
    assert "het verplichte veld 'reden' ontbreekt" in melding
    assert "vervallen vraag 'capaciteit-3'" in melding


def test_vervallen_needs_a_previous_version(kopie):
    data = lees(kopie)
    data["vervallen"] = [{"id": "capaciteit-3", "reden": "Geen vorige versie om naar te wijzen."}]
    tekst = schrijf(kopie, data)
    melding = enige_melding(kopie)
    assert "noemt vervallen vragen uit een vorige versie, maar geen 'vorige_versie'" in melding
    assert f"regel {regel_van(tekst, 'vervallen:')}" in melding


def test_all_problems_with_vervallen_in_one_run(kopie_alles):
    data = lees(kopie_alles, LIJST_2026)
    data["vervallen"] = [v for v in _vervallen(data) if v["id"] != "capaciteit-3"]
    _vervallen(data).append({"id": "bestaat-niet", "reden": "Een id die er nooit was."})
    _vervallen(data).append({"id": "capaciteit-1", "reden": "Een id die blijft."})
    schrijf(kopie_alles, data, LIJST_2026)
    problemen = [str(p) for p in valideer([kopie_alles])]
    assert len(problemen) == 3, problemen
    assert any("'bestaat-niet' staat in 'vervallen'" in p for p in problemen)
    assert any("'capaciteit-1' staat in 'vervallen'" in p for p in problemen)
    assert any("staat nergens in deze versie: 'capaciteit-3'" in p for p in problemen)

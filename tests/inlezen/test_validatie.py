"""`zelfscan validate`: every kind of mistake gets a clear Dutch message with file, line and place.

Each test writes a broken copy of the shipped data to a temp folder and checks what a content
maintainer would read.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from zelfscan import paths
from zelfscan.cli import main
from zelfscan.inlezen.loader import laad_catalogus, valideer

LIJST = "werken-aan-veiligheid-2021.yaml"
REGIO = "regios/kennemerland.yaml"


def lees(map_: Path, naam: str = LIJST) -> dict:
    return yaml.safe_load((map_ / naam).read_text(encoding="utf-8"))


def schrijf(map_: Path, data: dict, naam: str = LIJST) -> str:
    tekst = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    (map_ / naam).write_text(tekst, encoding="utf-8")
    return tekst


def regel_van(tekst: str, fragment: str) -> int:
    assert fragment in tekst, fragment
    return tekst[: tekst.index(fragment)].count("\n") + 1


def valideer_cli(map_: Path) -> tuple[int, str]:
    resultaat = CliRunner().invoke(main, ["validate", str(map_)])
    assert resultaat.exception is None or isinstance(resultaat.exception, SystemExit)
    assert "Traceback" not in resultaat.output
    return resultaat.exit_code, resultaat.output


def enige_melding(map_: Path) -> str:
    problemen = valideer([map_])
    assert len(problemen) == 1, "\n".join(map(str, problemen))
    return str(problemen[0])


def eerste_thema(data: dict) -> dict:
    return data["onderdelen"][1]["themas"][0]


# --- the shipped data -------------------------------------------------------------------------


def test_shipped_data_is_valid():
    code, uitvoer = valideer_cli(paths.vragenlijsten_dir())
    assert code == 0, uitvoer
    assert "In orde" in uitvoer


def test_validate_without_arguments_checks_the_data_folder(monkeypatch, kopie):
    monkeypatch.setenv("ZELFSCAN_VRAGENLIJSTEN", str(kopie))
    data = lees(kopie)
    data["titl"] = data.pop("titel")
    schrijf(kopie, data)
    resultaat = CliRunner().invoke(main, ["validate"])
    assert resultaat.exit_code == 1
    assert "onbekend veld 'titl'" in resultaat.output


# --- YAML itself -------------------------------------------------------------------------------


def test_yaml_syntax_error_names_line_and_fix(kopie):
    tekst = (kopie / LIJST).read_text(encoding="utf-8")
    tekst = tekst.replace('titel: "Zelfscan Werken', "titel: Zelfscan: Werken", 1)
    (kopie / LIJST).write_text(tekst, encoding="utf-8")
    code, uitvoer = valideer_cli(kopie)
    assert code == 1
    regel = regel_van(tekst, "titel: Zelfscan: Werken")
    assert f"vragenlijsten/{LIJST}, regel {regel}" in uitvoer
    assert "YAML-fout" in uitvoer
    assert "aanhalingstekens" in uitvoer


def test_libyaml_reads_the_shipped_files_as_pyyaml_does():
    # Files are parsed with libyaml when PyYAML has it (yamlbron); what they say, and the lines
    # the messages point at, must not depend on that.
    from zelfscan.inlezen.yamlbron import lees_tekst

    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML without libyaml")
    bestanden = sorted(paths.vragenlijsten_dir().rglob("*.yaml"))
    assert bestanden
    for pad in bestanden:
        tekst = pad.read_text(encoding="utf-8")
        snel = lees_tekst(yaml.CSafeLoader, tekst, pad.name)
        traag = lees_tekst(yaml.SafeLoader, tekst, pad.name)
        assert (snel.data, snel.regels) == (traag.data, traag.regels), pad


def test_tab_indentation_is_explained(kopie):
    tekst = (kopie / LIJST).read_text(encoding="utf-8")
    tekst = tekst.replace("\n    - waarde: 1", "\n\t- waarde: 1", 1)
    (kopie / LIJST).write_text(tekst, encoding="utf-8")
    melding = enige_melding(kopie)
    assert "tab" in melding
    assert f"regel {regel_van(tekst, chr(9))}" in melding


def test_duplicate_key_is_reported_not_silently_dropped(kopie):
    tekst = (kopie / LIJST).read_text(encoding="utf-8")
    tekst = tekst.replace('versie: "2021.1"', 'versie: "2021.1"\nversie: "2021.2"', 1)
    (kopie / LIJST).write_text(tekst, encoding="utf-8")
    melding = enige_melding(kopie)
    assert "'versie' staat twee keer" in melding
    assert f"regel {regel_van(tekst, 'versie: ' + chr(34) + '2021.2')}" in melding


@pytest.mark.parametrize(
    ("inhoud", "verwacht"),
    [
        (b"", "leeg"),
        (b"- een\n- lijst\n", "moet beginnen met velden"),
        (b"alleen tekst\n", "moet beginnen met velden"),
        (b"id: x\n\xff\xfe kapot\n", "geen UTF-8"),
        (b"id: [niet afgesloten\n", "YAML-fout"),
    ],
)
def test_unreadable_files_get_a_message_never_a_traceback(kopie, inhoud, verwacht):
    (kopie / "kapot.yaml").write_bytes(inhoud)
    code, uitvoer = valideer_cli(kopie)
    assert code == 1
    assert "kapot.yaml" in uitvoer
    assert verwacht in uitvoer


# --- structure (the JSON Schema) -------------------------------------------------------------


def test_misspelled_key_suggests_the_right_one(kopie):
    data = lees(kopie)
    vraag = eerste_thema(data)["vragen"][1]
    vraag["tekts"] = vraag.pop("tekst")
    tekst = schrijf(kopie, data)
    melding = enige_melding(kopie)  # the missing 'tekst' is not reported a second time
    assert "onbekend veld 'tekts'. Bedoelde u 'tekst'?" in melding
    assert f"vraag '{vraag['id']}'" in melding
    assert f"regel {regel_van(tekst, 'tekts:')}" in melding


def test_unknown_key_lists_what_is_allowed(kopie):
    data = lees(kopie)
    eerste_thema(data)["kleur"] = "rood"
    schrijf(kopie, data)
    melding = enige_melding(kopie)
    assert "onbekend veld 'kleur'" in melding
    assert "Toegestaan zijn hier:" in melding and "verbeterpunten" in melding


def test_missing_required_field(kopie):
    data = lees(kopie)
    thema = eerste_thema(data)
    del thema["titel"]
    schrijf(kopie, data)
    melding = enige_melding(kopie)
    assert "het verplichte veld 'titel' ontbreekt" in melding
    assert f"thema '{thema['id']}'" in melding


def test_wrong_type(kopie):
    data = lees(kopie)
    eerste_thema(data)["vragen"][0]["gewicht"] = "zwaar"
    schrijf(kopie, data)
    melding = enige_melding(kopie)
    assert "'gewicht' moet een getal zijn, maar is tekst ('zwaar')" in melding


def test_unquoted_version_gets_the_quoting_hint(kopie):
    tekst = (
        (kopie / LIJST).read_text(encoding="utf-8").replace('versie: "2021.1"', "versie: 2021.1", 1)
    )
    (kopie / LIJST).write_text(tekst, encoding="utf-8")
    melding = enige_melding(kopie)
    assert "'versie' moet tekst zijn" in melding
    assert 'aanhalingstekens, bijv. "2021.1"' in melding


def test_yes_no_as_label_is_explained(kopie):
    tekst = (kopie / LIJST).read_text(encoding="utf-8").replace('label: "Nee"', "label: Nee", 1)
    assert "label: Nee" in tekst
    # 'Nee' is safe in YAML 1.1; 'no' is not, and a maintainer may well type it.
    tekst = tekst.replace("label: Nee", "label: no", 1)
    (kopie / LIJST).write_text(tekst, encoding="utf-8")
    melding = enige_melding(kopie)
    assert "ja/nee-waarde" in melding
    assert "aanhalingstekens" in melding


def test_bad_id_form(kopie):
    data = lees(kopie)
    eerste_thema(data)["id"] = "Meldcode Signaleren"
    schrijf(kopie, data)
    melding = enige_melding(kopie)
    assert "'Meldcode Signaleren' is geen geldige id" in melding
    assert "kleine letters" in melding


@pytest.mark.parametrize(
    ("lijst", "verwacht"),
    [("vragen", "Dit thema heeft geen vragen"), ("themas", "Dit onderdeel heeft geen thema's")],
)
def test_empty_thema_or_onderdeel(kopie, lijst, verwacht):
    data = lees(kopie)
    if lijst == "vragen":
        eerste_thema(data)["vragen"] = []
        plaats = f"thema '{eerste_thema(data)['id']}'"
    else:
        data["onderdelen"][2]["themas"] = []
        plaats = f"onderdeel '{data['onderdelen'][2]['id']}'"
    schrijf(kopie, data)
    melding = enige_melding(kopie)
    assert verwacht in melding
    assert plaats in melding


# --- meaning -----------------------------------------------------------------------------------


def test_duplicate_id_names_both_places(kopie):
    data = lees(kopie)
    vragen = eerste_thema(data)["vragen"]
    eerste_id = vragen[0]["id"]
    vragen[1]["id"] = eerste_id
    tekst = schrijf(kopie, data)
    melding = enige_melding(kopie)
    assert (
        f"de id '{eerste_id}' komt twee keer voor (ook op regel {regel_van(tekst, 'id: ' + eerste_id)}"
        in melding
    )
    assert "geef een van beide een andere id" in melding


def test_duplicate_id_across_levels(kopie):
    data = lees(kopie)
    thema = eerste_thema(data)
    thema["vragen"][0]["id"] = data["onderdelen"][0]["id"]
    schrijf(kopie, data)
    assert "komt twee keer voor" in enige_melding(kopie)


def test_scale_out_of_order(kopie):
    data = lees(kopie)
    niveaus = data["schaal"]["niveaus"]
    niveaus[1], niveaus[2] = niveaus[2], niveaus[1]
    schrijf(kopie, data)
    assert "de niveaus staan niet op volgorde: 1 komt na 2" in enige_melding(kopie)


def test_scale_duplicate_value(kopie):
    data = lees(kopie)
    data["schaal"]["niveaus"][2]["waarde"] = 1
    schrijf(kopie, data)
    problemen = [str(p) for p in valideer([kopie])]
    assert any("de waarde 1 komt twee keer voor in de schaal" in p for p in problemen)


def test_bands_that_do_not_cover_the_scale(kopie):
    data = lees(kopie)
    thema = eerste_thema(data)
    thema["verbeterpunten"][-1]["niveaus"] = [2]
    schrijf(kopie, data)
    melding = enige_melding(kopie)
    assert "de verbeterpunten dekken niet de hele schaal: niveau 3 heeft geen suggestie" in melding
    assert f"thema '{thema['id']}'" in melding


def test_band_with_unknown_or_doubled_level(kopie):
    data = lees(kopie)
    eerste_thema(data)["verbeterpunten"][0]["niveaus"] = [0, 1, 7]
    schrijf(kopie, data)
    problemen = " | ".join(str(p) for p in valideer([kopie]))
    assert "niveau 7 bestaat niet in de schaal" in problemen
    assert "niveau 1 staat in twee verbeterpunten" in problemen


def nieuwe_versie(kopie: Path, vervangt: list[str], vorige: str | None = "2021.1") -> str:
    data = lees(kopie)
    data["versie"] = "2023.1"
    if vorige:
        data["vorige_versie"] = vorige
    eerste_thema(data)["vragen"][0]["vervangt"] = vervangt
    return schrijf(kopie, data, "werken-aan-veiligheid-2023.yaml")


def test_replaces_an_existing_question_is_valid(kopie):
    bestaand = eerste_thema(lees(kopie))["vragen"][2]["id"]
    nieuwe_versie(kopie, [bestaand])
    assert valideer([kopie]) == []
    catalogus = laad_catalogus(kopie)
    assert catalogus.vragenlijst("werken-aan-veiligheid").versie == "2023.1"


def test_replaces_a_nonexistent_id(kopie):
    bestaand = eerste_thema(lees(kopie))["vragen"][2]["id"]
    bijna = bestaand[:-1] + "9"
    tekst = nieuwe_versie(kopie, [bijna])
    melding = enige_melding(kopie)
    assert f"'{bijna}' bestaat niet als vraag in versie 2021.1" in melding
    assert "werken-aan-veiligheid-2023.yaml" in melding
    assert f"regel {regel_van(tekst, '- ' + bijna)}" in melding


def test_validating_one_new_file_finds_its_previous_version_beside_it(kopie):
    nieuwe_versie(kopie, ["bestaat-niet"])
    problemen = valideer([kopie / "werken-aan-veiligheid-2023.yaml"])
    assert len(problemen) == 1
    assert "'bestaat-niet' bestaat niet als vraag in versie 2021.1" in str(problemen[0])


def test_replaces_without_previous_version(kopie):
    nieuwe_versie(kopie, ["iets"], vorige=None)
    problemen = " | ".join(str(p) for p in valideer([kopie]))
    assert "noemt geen 'vorige_versie'" in problemen


def test_previous_version_missing(kopie):
    nieuwe_versie(kopie, [], vorige="2020.1")
    assert "vorige versie 2020.1 van 'werken-aan-veiligheid' is niet gevonden" in enige_melding(
        kopie
    )


def test_same_version_twice(kopie):
    shutil.copy(kopie / LIJST, kopie / "dubbel.yaml")
    assert "versie 2021.1 staat ook in" in enige_melding(kopie)


# --- regions -----------------------------------------------------------------------------------


def test_gemeente_in_two_subregios_at_the_same_time(kopie):
    data = lees(kopie, REGIO)
    ijmond = next(s for s in data["subregios"] if s["id"] == "ijmond")
    ijmond["gemeenten"].append({"cbs": "GM0392", "naam": "Haarlem"})
    tekst = schrijf(kopie, data, REGIO)
    melding = enige_melding(kopie)
    assert "gemeente GM0392 hoort in dezelfde periode ook bij subregio" in melding
    # One message per conflict, naming both places (the other one with its file and line).
    assert "ijmond" in melding and "zuid-kennemerland" in melding
    assert "gemeente GM0392 (Haarlem)" in melding
    assert "regel " in melding.split("ook bij subregio")[1]
    del tekst


def test_gemeente_may_change_subregio_over_time(kopie):
    data = lees(kopie, REGIO)
    subregios = {s["id"]: s for s in data["subregios"]}
    haarlem = next(g for g in subregios["zuid-kennemerland"]["gemeenten"] if g["cbs"] == "GM0392")
    haarlem["tot"] = "2023-12-31"
    subregios["ijmond"]["gemeenten"].append(
        {"cbs": "GM0392", "naam": "Haarlem", "vanaf": "2024-01-01"}
    )
    schrijf(kopie, data, REGIO)
    assert valideer([kopie]) == []


def test_gemeente_in_two_region_files(kopie):
    (kopie / "regios" / "andere.yaml").write_text(
        "id: andere\nnaam: Andere regio\nsubregios:\n  - id: een\n    naam: Een\n    gemeenten:\n"
        "      - cbs: GM0453\n        naam: Velsen\n",
        encoding="utf-8",
    )
    melding = enige_melding(kopie)
    assert "regios/andere.yaml" in melding
    assert "GM0453" in melding
    assert "andere › een" in melding or "kennemerland › ijmond" in melding


@pytest.mark.parametrize("code", ["GM392", "gm0392", "0392", "GM03921"])
def test_invalid_cbs_code(kopie, code):
    data = lees(kopie, REGIO)
    data["subregios"][1]["gemeenten"][0]["cbs"] = code
    schrijf(kopie, data, REGIO)
    melding = enige_melding(kopie)
    assert f"'{code}' is geen geldige CBS-code" in melding
    assert "GM0392" in melding  # the example of the right form


def test_impossible_date_and_reversed_period(kopie):
    data = lees(kopie, REGIO)
    gemeente = data["subregios"][1]["gemeenten"][0]
    gemeente["vanaf"] = "2021-02-30"
    data["subregios"][1]["gemeenten"][1].update(vanaf="2022-01-01", tot="2021-01-01")
    schrijf(kopie, data, REGIO)
    problemen = " | ".join(str(p) for p in valideer([kopie]))
    assert "'2021-02-30' bestaat niet als datum" in problemen
    assert "'tot' (2021-01-01) ligt vóór 'vanaf' (2022-01-01)" in problemen


def test_merger_needs_an_end_date_and_a_known_target(kopie):
    data = lees(kopie, REGIO)
    gemeente = data["subregios"][1]["gemeenten"][0]
    gemeente["opgegaan_in"] = "GM9999"
    schrijf(kopie, data, REGIO)
    problemen = " | ".join(str(p) for p in valideer([kopie]))
    assert "heeft ook een einddatum nodig" in problemen
    assert "'opgegaan_in' verwijst naar GM9999" in problemen


# --- all problems at once; the app refuses bad data -------------------------------------------


def test_every_problem_is_listed_in_one_run(kopie):
    data = lees(kopie)
    thema = eerste_thema(data)
    thema["vragen"][0]["tekts"] = thema["vragen"][0].pop("tekst")
    thema["verbeterpunten"][-1]["niveaus"] = [2]
    data["onderdelen"][0]["themas"][0]["vragen"][0]["id"] = thema["vragen"][1]["id"]
    schrijf(kopie, data)
    regio = lees(kopie, REGIO)
    regio["subregios"][1]["gemeenten"][0]["cbs"] = "GM12"
    schrijf(kopie, regio, REGIO)
    code, uitvoer = valideer_cli(kopie)
    assert code == 1
    assert "4 problemen gevonden" in uitvoer
    for stuk in ("tekts", "dekken niet de hele schaal", "komt twee keer voor", "'GM12'"):
        assert stuk in uitvoer

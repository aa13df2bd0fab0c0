"""The hosting files at the root, read as a container runtime would (none runs here): the
Dockerfile, compose.yaml with Caddy, the Caddyfile, and publiccode.yml's required keys."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def dockerfile_instructies() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction."""
    # As Docker does: comment lines go first (also inside a continued instruction), then the
    # continuation lines are joined.
    regels = (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
    tekst = "\n".join(r for r in regels if not r.strip().startswith("#"))
    tekst = re.sub(r"\\\n", " ", tekst)
    uit = []
    for regel in tekst.splitlines():
        regel = regel.strip()
        if regel:
            instructie, _, rest = regel.partition(" ")
            uit.append((instructie.upper(), rest.strip()))
    return uit


def test_dockerfile():
    instructies = dockerfile_instructies()
    per_soort: dict[str, list[str]] = {}
    for soort, argumenten in instructies:
        per_soort.setdefault(soort, []).append(argumenten)
    [basis] = per_soort["FROM"]
    gevonden = re.fullmatch(r"python:3\.(\d+)-slim(?:-\w+)?", basis)
    assert gevonden and int(gevonden.group(1)) >= 11, basis
    # Runs as a user that is not root, set before the command.
    gebruikers = per_soort["USER"]
    assert gebruikers[-1] not in ("root", "0")
    volgorde = [soort for soort, _ in instructies]
    assert volgorde.index("USER") < volgorde.index("CMD")
    assert any("pip install ." in r for r in per_soort["RUN"])
    assert "8080" in per_soort["EXPOSE"][0]
    assert "/data" in per_soort["VOLUME"][0]
    assert any("ZELFSCAN_DB=/data/zelfscan.db" in e for e in per_soort["ENV"])
    [gezond] = per_soort["HEALTHCHECK"]
    assert "/gezond" in gezond and "CMD" in gezond
    [opdracht] = per_soort["CMD"]
    assert '"-m", "zelfscan", "serve", "--host", "0.0.0.0", "--port", "8080"' in opdracht
    # Everything the wheel needs is copied in (pyproject's force-include).
    gekopieerd = " ".join(per_soort["COPY"])
    for map_ in ("zelfscan", "templates", "static", "vragenlijsten", "pyproject.toml"):
        assert map_ in gekopieerd


def test_compose_runs_the_app_behind_caddy():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    app, caddy = compose["services"]["app"], compose["services"]["caddy"]
    assert app["build"] == "."
    omgeving = app["environment"]
    assert omgeving["ZELFSCAN_ACHTER_PROXY"] == "1"
    assert omgeving["ZELFSCAN_PUBLIEKE_URL"].startswith("https://${ZELFSCAN_DOMEIN")
    assert omgeving["ZELFSCAN_DB"] == "/data/zelfscan.db"
    assert any(v.endswith(":/data") for v in app["volumes"])
    assert "ports" not in app  # only through Caddy
    assert caddy["image"].startswith("caddy:")
    assert {"80:80", "443:443"} <= set(caddy["ports"])
    assert "./Caddyfile:/etc/caddy/Caddyfile:ro" in caddy["volumes"]
    assert caddy["depends_on"]["app"]["condition"] == "service_healthy"
    benoemd = {v.split(":")[0] for s in (app, caddy) for v in s["volumes"]}
    assert set(compose["volumes"]) <= benoemd
    assert {"zelfscan-data", "caddy-data"} <= set(compose["volumes"])


def test_caddyfile_proxies_to_the_app():
    tekst = (ROOT / "Caddyfile").read_text(encoding="utf-8")
    assert "{$ZELFSCAN_DOMEIN}" in tekst
    assert re.search(r"^\s*reverse_proxy\s+app:8080\b", tekst, re.MULTILINE)
    assert tekst.count("{") == tekst.count("}")


# publiccode.yml 0.4: the keys the standard marks mandatory (https://yml.publiccode.tools).
VERPLICHT = [
    "publiccodeYmlVersion",
    "name",
    "url",
    "platforms",
    "developmentStatus",
    "softwareType",
    "description",
    "legal",
    "maintenance",
    "localisation",
]
SOFTWARESOORTEN = {
    "standalone/mobile",
    "standalone/iot",
    "standalone/desktop",
    "standalone/web",
    "standalone/backend",
    "standalone/other",
    "addon",
    "library",
    "configurationFiles",
}


@pytest.fixture(scope="module")
def publiccode():
    return yaml.safe_load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))


def test_publiccode_has_the_required_keys(publiccode):
    for sleutel in VERPLICHT:
        assert sleutel in publiccode, sleutel
    assert publiccode["publiccodeYmlVersion"] == "0.4"
    assert publiccode["url"].startswith("https://")
    assert publiccode["platforms"] == ["web"]
    assert publiccode["softwareType"] in SOFTWARESOORTEN
    assert publiccode["developmentStatus"] in {
        "concept",
        "development",
        "beta",
        "stable",
        "obsolete",
    }
    assert publiccode["legal"]["license"] == "EUPL-1.2"
    onderhoud = publiccode["maintenance"]
    assert onderhoud["type"] in {"internal", "contract", "community", "none"}
    if onderhoud["type"] in {"internal", "community"}:
        assert all(c["name"] for c in onderhoud["contacts"])
    taal = publiccode["localisation"]
    assert isinstance(taal["localisationReady"], bool)
    assert "nl" in taal["availableLanguages"]


def test_publiccode_describes_in_dutch_and_english(publiccode):
    for taal in ("nl", "en"):
        beschrijving = publiccode["description"][taal]
        assert 0 < len(beschrijving["shortDescription"]) <= 150, taal
        assert 150 <= len(beschrijving["longDescription"]) <= 10_000, taal
        assert beschrijving["features"], taal


def test_publiccode_agrees_with_pyproject(publiccode):
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert publiccode["softwareVersion"] == project["version"]
    assert project["license"] == publiccode["legal"]["license"]
    date.fromisoformat(publiccode["releaseDate"])  # required with softwareVersion

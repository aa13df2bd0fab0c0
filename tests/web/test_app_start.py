"""The app and `zelfscan serve` refuse to start on invalid data, with the validator's messages,
also when the data passed before and its catalogue is cached; and a start imports only what
serving needs."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import zelfscan
from tests.inlezen.test_validatie import eerste_thema, lees, schrijf
from zelfscan.cli import main
from zelfscan.errors import DataFout
from zelfscan.inlezen import cataloguscache
from zelfscan.web.app import create_app


def test_app_refuses_to_start_on_invalid_data(kopie):
    data = lees(kopie)
    eerste_thema(data)["vragen"] = []
    schrijf(kopie, data)
    with pytest.raises(DataFout) as fout:
        create_app({"VRAGENLIJSTEN": str(kopie), "SECRET_KEY": "test", "DATABASE": ":memory:"})
    assert "Dit thema heeft geen vragen" in str(fout.value)


def test_serve_prints_the_problems_without_traceback(kopie, monkeypatch, tmp_path):
    data = lees(kopie)
    eerste_thema(data)["vragen"] = []
    schrijf(kopie, data)
    monkeypatch.setenv("ZELFSCAN_VRAGENLIJSTEN", str(kopie))
    resultaat = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.db")])
    assert resultaat.exit_code == 1
    assert "Dit thema heeft geen vragen" in resultaat.output
    assert "Traceback" not in resultaat.output


# --- the catalogue cache: serving imports only what serving needs ------------------------------

# Reports, charts, checking the data files, the scoring behind results pages, and what
# sqlite-utils would import for its date recipes (dateutil's parser is a lazy module until used).
ZWAAR = {
    "dateutil.tz",
    "reportlab",
    "matplotlib",
    "jsonschema",
    "numpy",
    "PIL",
    "yaml",
    "zelfscan.scores",
    "zelfscan.grafieken",
    "zelfscan.rapport",
    "openpyxl",
}

# A server start as `zelfscan serve` makes it, in a fresh interpreter: the app and its first
# page (on a new database /inloggen leads to /inrichten, which renders a template).
START = """
import sys
from zelfscan.web.app import create_app
app = create_app({"DATABASE": sys.argv[1], "SECRET_KEY": "test", "TESTING": True})
assert app.test_client().get("/inloggen", follow_redirects=True).status_code == 200
zwaar = sys.argv[2].split(",")
print(sorted(m for m in sys.modules if any(m == z or m.startswith(z + ".") for z in zwaar)))
"""


def start_los(tmp_path) -> list[str]:
    """Start the app in a new process; the heavy modules it imported on the way."""
    wortel = Path(zelfscan.__file__).resolve().parent.parent
    omgeving = {**os.environ, "PYTHONPATH": str(wortel)}  # this checkout, not another install
    omgeving.pop("ZELFSCAN_VRAGENLIJSTEN", None)
    uit = subprocess.run(
        [sys.executable, "-c", START, str(tmp_path / "zelfscan.db"), ",".join(sorted(ZWAAR))],
        cwd=tmp_path,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert uit.returncode == 0, uit.stderr
    return ast.literal_eval(uit.stdout.strip().splitlines()[-1])


def test_serving_imports_no_heavy_modules(tmp_path):
    # Reports (reportlab), workbooks (openpyxl), charts (matplotlib, numpy, PIL) and checking the
    # data files (jsonschema, PyYAML) load when first used; a start with the catalogue cached uses
    # none.
    eerste = start_los(tmp_path)
    assert {m.split(".")[0] for m in eerste} <= {"jsonschema", "yaml"}, eerste
    assert (tmp_path / "catalogus-cache.json").is_file()
    assert start_los(tmp_path) == []


def app_op(kopie, tmp_path):
    return create_app(
        {"VRAGENLIJSTEN": str(kopie), "SECRET_KEY": "test", "DATABASE": str(tmp_path / "x.db")}
    )


def test_a_changed_data_file_is_checked_again(kopie, tmp_path):
    app_op(kopie, tmp_path)
    cache = tmp_path / "catalogus-cache.json"
    assert cache.is_file()
    data = lees(kopie)
    eerste_thema(data)["vragen"] = []
    schrijf(kopie, data)
    with pytest.raises(DataFout) as fout:
        app_op(kopie, tmp_path)
    assert "Dit thema heeft geen vragen" in str(fout.value)


def test_a_warm_start_reads_no_data_file(kopie, tmp_path, monkeypatch):
    app_op(kopie, tmp_path)

    def niet_lezen(*_):
        raise AssertionError("the files were read again")

    monkeypatch.setattr(cataloguscache, "geldige_data", niet_lezen)
    app = app_op(kopie, tmp_path)
    assert app.extensions["zelfscan.catalogus"].vragenlijst("werken-aan-veiligheid")


@pytest.mark.parametrize(
    "bederf",
    [
        lambda b: b"",
        lambda b: b"onzin",
        lambda b: b[: len(b) // 2],  # cut off halfway
        lambda b: b.replace(b"Zelfscan Werken", b"Zelfscan Gewerkt", 1),  # content edited
        lambda b: b.replace(b'"formaat": 1', b'"formaat": 0', 1),
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(kopie, tmp_path, bederf):
    eerst = app_op(kopie, tmp_path).extensions["zelfscan.catalogus"]
    cache = tmp_path / "catalogus-cache.json"
    goed = cache.read_bytes()
    cache.write_bytes(bederf(goed))
    assert app_op(kopie, tmp_path).extensions["zelfscan.catalogus"] == eerst
    assert cache.read_bytes() == goed


def test_a_damaged_cache_never_hides_invalid_data(kopie, tmp_path):
    app_op(kopie, tmp_path)
    cache = tmp_path / "catalogus-cache.json"
    cache.write_bytes(cache.read_bytes()[:100])
    data = lees(kopie)
    eerste_thema(data)["vragen"] = []
    schrijf(kopie, data)
    with pytest.raises(DataFout, match="Dit thema heeft geen vragen"):
        app_op(kopie, tmp_path)


def test_the_cache_lies_beside_the_database_or_nowhere(kopie, tmp_path):
    app = create_app(
        {
            "VRAGENLIJSTEN": str(kopie),
            "SECRET_KEY": "test",
            "DATABASE": str(tmp_path / "db" / "x.db"),
            "CATALOGUS_CACHE": "",
        }
    )
    assert app.extensions["zelfscan.catalogus"]
    assert not list(tmp_path.rglob("catalogus-cache.json"))

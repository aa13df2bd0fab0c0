"""The app and `zelfscan serve` refuse to start on invalid data, with the validator's messages."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.inlezen.test_validatie import eerste_thema, lees, schrijf
from zelfscan.cli import main
from zelfscan.errors import DataFout


def test_app_refuses_to_start_on_invalid_data(kopie):
    from zelfscan.web.app import create_app

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

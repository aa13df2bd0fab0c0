"""No command prints a traceback (issue 18): errors of SQLite and of the file system that no
store function translated still become one Dutch line and exit code 1."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from zelfscan import opslag
from zelfscan.cli import main
from zelfscan.opslag.verbinding import open_db


def test_a_file_system_error_is_one_dutch_line(tmp_path):
    db = tmp_path / "zelfscan.db"
    open_db(db).conn.close()
    geen_map = tmp_path / "een-bestand"
    geen_map.write_text("geen map")
    uitkomst = CliRunner().invoke(
        main, ["export", "--db", str(db), "--out", str(geen_map / "export.json")]
    )
    assert uitkomst.exit_code == 1, uitkomst.output
    assert uitkomst.exception is None or isinstance(uitkomst.exception, SystemExit)
    regels = [r for r in uitkomst.output.splitlines() if r.strip()]
    assert len(regels) == 1 and regels[0].startswith("Fout: een bestand of map"), uitkomst.output
    assert "bestaat al" in regels[0] or "geen map" in regels[0], regels[0]
    assert "Traceback" not in uitkomst.output


def test_a_sqlite_error_is_one_dutch_line(tmp_path, monkeypatch):
    db = tmp_path / "zelfscan.db"
    open_db(db).conn.close()

    def kapot(*args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr(opslag, "metingen", kapot)
    uitkomst = CliRunner().invoke(main, ["metingen", "--db", str(db)])
    assert uitkomst.exit_code == 1, uitkomst.output
    assert "Fout: de database kon niet worden gebruikt (database disk image is malformed)" in (
        uitkomst.output
    )
    assert "Traceback" not in uitkomst.output


def test_a_missing_database_points_to_the_demo_database(tmp_path, monkeypatch):
    """After `zelfscan serve --demo` the metingen are in instance/demo.db, not in the default
    database: the refusal says so, with the command that reads it (issue 20)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ZELFSCAN_DB", raising=False)
    (tmp_path / "instance").mkdir()
    open_db(tmp_path / "instance" / "demo.db").conn.close()
    for opdracht in (["metingen"], ["user", "list"]):
        uitkomst = CliRunner().invoke(main, opdracht)
        assert uitkomst.exit_code == 1, uitkomst.output
        assert (
            f"De database {tmp_path / 'instance' / 'zelfscan.db'} bestaat niet. De "
            "voorbeeldmetingen van `zelfscan serve --demo` staan in een ander bestand, "
            f"instance/demo.db: gebruik `zelfscan {' '.join(opdracht)} --db instance/demo.db`."
        ) in " ".join(uitkomst.output.split())
    # The hint keeps what was typed, so it can be copied as it stands.
    for opdracht, hint in (
        (
            ["report", "--meting", "2", "--gemeente", "Velsen"],
            "zelfscan report --meting 2 --gemeente Velsen --db instance/demo.db",
        ),
        (["export", "--meting", "2"], "zelfscan export --meting 2 --db instance/demo.db"),
        (["backup", "back ups"], "zelfscan backup --db instance/demo.db 'back ups'"),
    ):
        uitkomst = CliRunner().invoke(main, opdracht)
        assert uitkomst.exit_code == 1, uitkomst.output
        assert f"gebruik `{hint}`" in " ".join(uitkomst.output.split()), uitkomst.output
    # Without a demo database: the plain refusal.
    (tmp_path / "instance" / "demo.db").unlink()
    uitkomst = CliRunner().invoke(main, ["metingen"])
    assert "Geef met --db aan welke u bedoelt." in uitkomst.output

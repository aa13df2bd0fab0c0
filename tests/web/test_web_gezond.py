"""``/gezond``: the health check a container and a proxy ask; public, read-only, in Dutch."""

from __future__ import annotations

import sqlite3

from zelfscan.opslag.migraties import SCHEMA_VERSIE


def test_healthy_database_answers_ok(client, db):
    antwoord = client.get("/gezond")
    assert antwoord.status_code == 200
    assert antwoord.get_json() == {"status": "ok"}
    assert antwoord.headers["Cache-Control"] == "no-store"


def test_missing_database_is_503_and_not_created(app, client, tmp_path):
    app.config["DATABASE"] = str(tmp_path / "nergens" / "zelfscan.db")
    antwoord = client.get("/gezond")
    assert antwoord.status_code == 503
    assert antwoord.get_json()["status"] == "fout"
    assert "bestaat (nog) niet" in antwoord.get_json()["melding"]
    assert not (tmp_path / "nergens").exists()  # a health check never writes


def test_wrong_schema_version_is_503_and_left_alone(app, client, db):
    db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSIE - 1}")
    antwoord = client.get("/gezond")
    assert antwoord.status_code == 503
    assert "schemaversie" in antwoord.get_json()["melding"]
    with sqlite3.connect(app.config["DATABASE"]) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSIE - 1


def test_not_a_database_is_503(app, client, tmp_path):
    kapot = tmp_path / "kapot.db"
    kapot.write_bytes(b"dit is geen database" * 100)
    app.config["DATABASE"] = str(kapot)
    antwoord = client.get("/gezond")
    assert antwoord.status_code == 503
    assert "niet leesbaar" in antwoord.get_json()["melding"]


def test_health_check_needs_no_login_and_refuses_posts(client, db):
    assert client.get("/gezond").status_code == 200
    assert client.post("/gezond").status_code == 405

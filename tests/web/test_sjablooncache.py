"""Compiled templates are kept between starts (web.sjablooncache), and the cache never changes
what a page shows: a changed template is compiled again, and a damaged or unwritable cache
means compiling from the source, as without one."""

from __future__ import annotations

from pathlib import Path

import jinja2

from zelfscan.web.app import create_app
from zelfscan.web.sjablooncache import SjabloonCache


def omgeving(sjablonen: Path, cache: Path) -> jinja2.Environment:
    """A fresh environment, as a new server process makes one."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(sjablonen), bytecode_cache=SjabloonCache(cache)
    )


def test_a_second_start_loads_the_compiled_template(tmp_path):
    (tmp_path / "t.html").write_text("Hallo {{ naam }}!", encoding="utf-8")
    assert omgeving(tmp_path, tmp_path / "cache").get_template("t.html").render(naam="Fien")
    [bestand] = (tmp_path / "cache").iterdir()
    # A template whose code comes from the cache renders what its source says.
    geladen = omgeving(tmp_path, tmp_path / "cache").get_template("t.html")
    assert geladen.render(naam="Fien") == "Hallo Fien!"
    assert [*(tmp_path / "cache").iterdir()] == [bestand]


def test_a_changed_template_is_compiled_again(tmp_path):
    (tmp_path / "t.html").write_text("Oud {{ naam }}", encoding="utf-8")
    omgeving(tmp_path, tmp_path / "cache").get_template("t.html").render(naam="x")
    (tmp_path / "t.html").write_text("Nieuw {{ naam }}", encoding="utf-8")
    assert omgeving(tmp_path, tmp_path / "cache").get_template("t.html").render(naam="x") == (
        "Nieuw x"
    )


def test_a_damaged_cache_file_is_compiled_from_the_source(tmp_path):
    (tmp_path / "t.html").write_text("Hallo {{ naam }}!", encoding="utf-8")
    omgeving(tmp_path, tmp_path / "cache").get_template("t.html").render(naam="x")
    [bestand] = (tmp_path / "cache").iterdir()
    goed = bestand.read_bytes()
    for bederf in (b"", goed[:20], goed[:40], goed[:-10], b"onzin" * 50):
        bestand.write_bytes(bederf)
        sjabloon = omgeving(tmp_path, tmp_path / "cache").get_template("t.html")
        assert sjabloon.render(naam="Fien") == "Hallo Fien!"


def test_an_unwritable_cache_folder_is_no_error(tmp_path):
    (tmp_path / "t.html").write_text("Hallo {{ naam }}!", encoding="utf-8")
    (tmp_path / "bezet").write_text("een bestand, geen map", encoding="utf-8")
    for cache in (tmp_path / "bezet", tmp_path / "bezet" / "cache"):
        assert omgeving(tmp_path, cache).get_template("t.html").render(naam="x") == "Hallo x!"


def test_the_app_keeps_compiled_pages_where_asked(tmp_path):
    cache = tmp_path / "sjablonen"
    instellingen = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "DATABASE": str(tmp_path / "zelfscan.db"),
        "SJABLOON_CACHE": str(cache),
    }
    eerste = (
        create_app(instellingen)
        .test_client()
        .get("/inloggen", follow_redirects=True)
        .get_data(as_text=True)
    )
    assert len(list(cache.iterdir())) >= 2  # the page and base.html
    tweede = (
        create_app(instellingen)
        .test_client()
        .get("/inloggen", follow_redirects=True)
        .get_data(as_text=True)
    )
    # Only the CSRF token differs between two sessions.
    assert eerste.split('name="csrf_token"')[0] == tweede.split('name="csrf_token"')[0]


def test_a_test_app_keeps_no_compiled_pages_unless_asked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE": ":memory:"})
    assert app.jinja_env.bytecode_cache is None
    assert not list(tmp_path.rglob("*.cache"))

"""The Flask application factory (as in Flask's tutorial): ``create_app(test_config=None)``."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from flask import Flask, has_request_context, redirect, request, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect
from werkzeug.routing import IntegerConverter, Rule

from .. import paths
from ..inlezen.cataloguscache import laad_catalogus_met_cache
from ..opslag import regels
from ..opslag.verbinding import alleen_lezen_gevraagd, default_db_path
from . import adressen
from .sjablooncache import SjabloonCache

csrf = CSRFProtect()


class _Sessies(SecureCookieSessionInterface):
    # The cookie is Secure whenever the page came over HTTPS (directly, or through a proxy that
    # says so when ZELFSCAN_ACHTER_PROXY is set), without configuration; on a laptop serving
    # plain http://127.0.0.1 it must not be, or no one could log in.
    def get_cookie_secure(self, app) -> bool:
        return super().get_cookie_secure(app) or (has_request_context() and request.is_secure)


# OWASP secure headers: everything comes from this server (no CDN, works offline), no inline
# script or style, the app may not be framed (clickjacking), and links leak no paths elsewhere.
_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)


class BegrensdGetal(IntegerConverter):
    """``<int:…>`` up to what SQLite stores: a larger id is a 404, not an OverflowError and a
    500 (issue 18)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", regels.MAX_GETAL)
        super().__init__(url_map, *args, **kwargs)


class LuieRegel(Rule):
    """A URL rule that writes its URL-building code when a URL is first built with it.

    Werkzeug writes and compiles two small functions per rule as the rule is added (with and
    without extra query arguments): for the app's ~45 rules that was a seventh of a server's
    start, for URLs most of which no page builds in a process's first minutes. The code is the
    same, only later, once per rule and kind; a thread that races another compiles it twice.
    """

    def _compile_builder(self, append_unknown: bool = True):
        echt = None

        def bouw(regel, **waarden):
            nonlocal echt
            if echt is None:
                echt = Rule._compile_builder(regel, append_unknown)
            return echt(regel, **waarden)

        return bouw


class ZelfscanApp(Flask):
    url_rule_class = LuieRegel


def create_app(test_config: dict | None = None) -> Flask:
    app = ZelfscanApp(
        __name__,
        # ./instance where the app is started, as the CLI's default database (db.default_db_path):
        # the same place whether run from a checkout or from an installed wheel.
        instance_path=str(default_db_path().parent.resolve()),
        instance_relative_config=True,
        template_folder=str(paths.templates_dir()),
        static_folder=str(paths.static_dir()),
    )
    app.config.from_mapping(
        DATABASE=str(default_db_path()),
        VRAGENLIJSTEN=str(paths.vragenlijsten_dir()),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="zelfscan_sessie",
        # Idle expiry: four hours without a request (a long lunch) ends the session; an open
        # session page autosaves and the presentation window polls, so a meeting never idles.
        PERMANENT_SESSION_LIFETIME=timedelta(hours=4),
        # Absolute expiry: a session day, whatever happens (web/auth.py checks both).
        SESSIE_MAXIMAAL=timedelta(hours=12),
        # The CSRF token lives as long as the login, so a page left open during a long
        # discussion can still save.
        WTF_CSRF_TIME_LIMIT=None,
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        # The address gemeenten use (hosted: https://…); every link for them is built from it.
        # Empty: the address the facilitator's browser used.
        PUBLIEKE_URL=os.environ.get(adressen.OMGEVINGSVARIABELE, ""),
        # ZELFSCAN_ALLEEN_LEZEN=1: serve a database for reading only (opslag.verbinding.open_db).
        ALLEEN_LEZEN=alleen_lezen_gevraagd(),
        # WTForms' messages from its own Dutch translations (forms.Formulier), not flask-babel.
        WTF_I18N_ENABLED=False,
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.from_mapping(test_config)
    if app.config["PUBLIEKE_URL"]:
        # Refuse to start on a wrong address rather than hand out links that lead nowhere.
        app.config["PUBLIEKE_URL"] = adressen.controleer_publieke_url(app.config["PUBLIEKE_URL"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))
    # Before anything asks for app.jinja_env (CSRFProtect, the filters): Flask reads
    # jinja_options once, when it makes the environment.
    if sjablonen := _sjabloon_cache(app, test_config):
        app.jinja_options = {**app.jinja_options, "bytecode_cache": SjabloonCache(sjablonen)}

    # Refuse to start on invalid data: DataFout carries every problem, in Dutch, for the CLI
    # to print. Loading once here also keeps requests from re-reading YAML. Data that passed
    # before, unchanged since, comes from the cache (inlezen.cataloguscache): no YAML read.
    app.extensions["zelfscan.catalogus"] = laad_catalogus_met_cache(
        Path(app.config["VRAGENLIJSTEN"]), _catalogus_cache(app.config)
    )

    csrf.init_app(app)
    app.session_interface = _Sessies()
    if os.environ.get("ZELFSCAN_ACHTER_PROXY"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)

    from . import (
        auth,
        deelname,
        filters,
        fouten,
        gebruikerbeheer,
        gemeentelink,
        gezondheid,
        linkbeheer,
        metingbeheer,
        resultaatpaginas,
        sessie,
        stemleiding,
        verzoekdb,
        zaalstemming,
    )

    # Before the blueprints: their <int:…> rules take the converter when they are registered.
    app.url_map.converters["int"] = BegrensdGetal
    verzoekdb.init_app(app)
    filters.init_app(app)
    # The room's votes for the session's includes (issue 19), read once per request.
    app.jinja_env.globals["stemming_van"] = zaalstemming.stemming_van
    fouten.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(metingbeheer.bp)
    app.register_blueprint(sessie.bp)
    app.register_blueprint(resultaatpaginas.bp)
    app.register_blueprint(linkbeheer.bp)
    app.register_blueprint(gemeentelink.bp)
    app.register_blueprint(gezondheid.bp)
    app.register_blueprint(gebruikerbeheer.bp)
    # Everyone in the room votes (issue 19): the participants' public pages by code, and the
    # facilitator's side of it.
    app.register_blueprint(deelname.bp)
    app.register_blueprint(stemleiding.bp)

    @app.get("/")
    def start():
        return redirect(url_for("metingen.overzicht"))

    @app.after_request
    def beveiligingskoppen(response):
        response.headers.setdefault("Content-Security-Policy", _CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if request.is_secure:
            # Served over HTTPS (directly or through the proxy): browsers keep to HTTPS.
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    return app


def _catalogus_cache(config) -> Path | None:
    # CATALOGUS_CACHE names the file (empty: no cache); by default it lies beside the database
    # (instance/ unless --db says otherwise), where the server may write anyway.
    if "CATALOGUS_CACHE" in config:
        return Path(config["CATALOGUS_CACHE"]) if config["CATALOGUS_CACHE"] else None
    database = str(config.get("DATABASE") or "")
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).parent / "catalogus-cache.json"


def _sjabloon_cache(app: Flask, test_config: dict | None) -> Path | None:
    # SJABLOON_CACHE names the folder (empty: none). By default compiled templates are kept in
    # the instance folder (web.sjablooncache says why there); a test app keeps none unless asked.
    if "SJABLOON_CACHE" in app.config:
        return Path(app.config["SJABLOON_CACHE"]) if app.config["SJABLOON_CACHE"] else None
    if test_config is not None:
        return None
    return Path(app.instance_path) / "sjablonen-cache"


def _instance_secret(instance: Path) -> str:
    # A fixed key per installation keeps facilitators logged in across restarts of the laptop's
    # server, without anyone having to configure one.
    instance.mkdir(parents=True, exist_ok=True)
    bestand = instance / "secret_key"
    if not bestand.exists():
        bestand.write_text(secrets.token_hex(32), encoding="utf-8")
        bestand.chmod(0o600)
    return bestand.read_text(encoding="utf-8").strip()

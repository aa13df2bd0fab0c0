"""One database connection per request (as in Flask's tutorial), closed on teardown."""

from __future__ import annotations

from flask import Flask, current_app, g

from ..inlezen.model import Catalogus
from ..opslag.verbinding import open_db


def get_db():
    if "db" not in g:
        g.db = open_db(
            current_app.config["DATABASE"], alleen_lezen=current_app.config.get("ALLEEN_LEZEN")
        )
    return g.db


def catalogus() -> Catalogus:
    return current_app.extensions["zelfscan.catalogus"]


def close_db(_error=None):
    db = g.pop("db", None)
    if db is not None:
        db.conn.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_db)

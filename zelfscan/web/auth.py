"""Facilitator access: first-run set-up, log in, log out; every facilitator page needs it."""

from __future__ import annotations

import functools

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for

from ..opslag import gebruikers
from .forms import LeegForm, LoginForm, SetupForm
from .verzoekdb import get_db

bp = Blueprint("auth", __name__)


@bp.before_app_request
def laad_gebruiker():
    gebruiker_id = session.get("gebruiker_id")
    g.gebruiker = gebruikers.gebruiker(get_db(), gebruiker_id) if gebruiker_id else None


def login_vereist(view):
    @functools.wraps(view)
    def omhulsel(**kwargs):
        if g.gebruiker is None:
            return redirect(url_for("auth.login", volgende=request.full_path.rstrip("?")))
        return view(**kwargs)

    omhulsel.login_vereist = True
    return omhulsel


def _veilig_volgende(doel: str | None) -> str:
    # Only a path on this site: an open redirect would let a link send a facilitator elsewhere.
    if doel and doel.startswith("/") and not doel.startswith("//") and "\\" not in doel:
        return doel
    return url_for("metingen.overzicht")


@bp.route("/inloggen", methods=["GET", "POST"])
def login():
    db = get_db()
    if gebruikers.aantal(db) == 0:
        return redirect(url_for("auth.setup"))
    form = LoginForm()
    fout = None
    if form.validate_on_submit():
        try:
            gebruiker = gebruikers.log_in(
                db, form.naam.data, form.wachtwoord.data, request.remote_addr or ""
            )
        except gebruikers.TeVeelPogingen as te_veel:
            return render_template("auth/login.html", form=form, fout=str(te_veel)), 429
        if gebruiker is None:
            fout = "Gebruikersnaam of wachtwoord klopt niet."
        else:
            session.clear()
            session.permanent = True
            session["gebruiker_id"] = gebruiker.id
            return redirect(_veilig_volgende(request.args.get("volgende")))
    return render_template("auth/login.html", form=form, fout=fout), 401 if fout else 200


@bp.route("/inrichten", methods=["GET", "POST"])
def setup():
    """The first facilitator account; works only while there is none."""
    db = get_db()
    if gebruikers.aantal(db) > 0:
        abort(404)
    form = SetupForm()
    if form.validate_on_submit():
        try:
            gebruiker = gebruikers.voeg_toe(db, form.naam.data, form.wachtwoord.data)
        except gebruikers.GebruikerFout as fout:
            form.naam.errors = [*form.naam.errors, str(fout)]
        else:
            session.clear()
            session.permanent = True
            session["gebruiker_id"] = gebruiker.id
            flash("Uw account is aangemaakt. U bent ingelogd.")
            return redirect(url_for("metingen.overzicht"))
    return render_template("auth/setup.html", form=form)


@bp.post("/uitloggen")
def logout():
    if LeegForm().validate_on_submit():
        session.clear()
    return redirect(url_for("auth.login"))

"""Facilitator access: first-run set-up, log in, log out, sessions that end, and the scope of
a user's regio's; every facilitator page needs it.

Sessions: the signed cookie carries the user, the session generation it was issued under and
when it began. Every request re-reads the user, so logging out, a new password or disabling
(each raises the generation, see ``opslag.gebruikers``) ends every session of that user at once,
including a copied cookie; a session also ends after ``SESSIE_MAXIMAAL`` whatever happens and
after ``PERMANENT_SESSION_LIFETIME`` without a request. The clock is ``KLOK`` in the config
(``time.time`` by default), so tests can move it.

Scope: :func:`bewaak` runs before every request. A route with a ``meting_id`` of a regio the
user may not see answers 404, as if the meting did not exist (:func:`gebruikers.mag_meting`
decides), and so does a route with a ``regio_id`` the user may not see (the regio overview,
:func:`gebruikers.mag_regio`); the gemeente's token routes are not facilitator routes and are
left alone.
"""

from __future__ import annotations

import functools
import ipaddress
import secrets
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from ..opslag import gebruikers
from ..opslag.verbinding import open_db
from .forms import LeegForm, LoginForm, SetupForm
from .verzoekdb import get_db

bp = Blueprint("auth", __name__)

# Routes anyone may open: the login, the first-run page, static files, and "/" (a redirect).
OPENBAAR = frozenset({"static", "auth.login", "auth.setup", "start"})


def klok() -> float:
    return current_app.config.get("KLOK", time.time)()


def _sessie_geldig(gebruiker: gebruikers.Gebruiker | None, nu: float) -> bool:
    if gebruiker is None or not gebruiker.actief:
        return False
    if session.get("generatie") != gebruiker.generatie:
        return False  # logged out, new password or disabled since this session began
    begonnen, gezien = session.get("begonnen"), session.get("gezien")
    if not isinstance(begonnen, int) or not isinstance(gezien, int):
        return False  # a cookie from before sessions ended: log in again
    maximaal = current_app.config["SESSIE_MAXIMAAL"].total_seconds()
    inactief = current_app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
    return nu - begonnen < maximaal and nu - gezien < inactief


@bp.before_app_request
def bewaak():
    """Who is asking (``g.gebruiker``), and whether their session still holds; then the scope
    of a meting route. One hook for every blueprint, so a new route is covered too."""
    g.gebruiker = None
    if request.endpoint == "static":
        return None
    gebruiker_id = session.get("gebruiker_id")
    if gebruiker_id is not None:
        nu = klok()
        gebruiker = gebruikers.gebruiker(get_db(), gebruiker_id)
        if _sessie_geldig(gebruiker, nu):
            g.gebruiker = gebruiker
            session["gezien"] = int(nu)
        else:
            session.clear()
    waarden = request.view_args or {}
    meting_id, regio_id = waarden.get("meting_id"), waarden.get("regio_id")
    if (meting_id is None and regio_id is None) or request.blueprint == "gemeente":
        return None
    if g.gebruiker is None:
        return _naar_login()
    # Not 403: a meting or regio outside the user's scope is not there for them, as if it
    # never was.
    if meting_id is not None and not gebruikers.mag_meting(get_db(), g.gebruiker, meting_id):
        abort(404)
    if regio_id is not None and not gebruikers.mag_regio(g.gebruiker, regio_id):
        abort(404)
    return None


def _naar_login():
    return redirect(url_for("auth.login", volgende=request.full_path.rstrip("?")))


def login_vereist(view):
    @functools.wraps(view)
    def omhulsel(**kwargs):
        if g.gebruiker is None:
            return _naar_login()
        return view(**kwargs)

    omhulsel.login_vereist = True
    return omhulsel


def beheerder_vereist(view):
    """Only for a beheerder; a gespreksleider gets 403 (the page exists, it is not theirs)."""

    @functools.wraps(view)
    def omhulsel(**kwargs):
        if g.gebruiker is None:
            return _naar_login()
        if not g.gebruiker.is_beheerder:
            abort(403)
        return view(**kwargs)

    omhulsel.login_vereist = True
    return omhulsel


def terug_in_meting(meting_id: int) -> str:
    """Where a posted form of a meting's page returns to: its ``terug`` field when that is a
    safe path within this meting (see :func:`veilig_volgende`), else the meting's page."""
    terug = veilig_volgende(request.form.get("terug"))
    if terug is None or not terug.startswith(f"/metingen/{meting_id}/"):
        return url_for("metingen.meting", meting_id=meting_id)
    return terug


def veilig_volgende(doel: str | None) -> str | None:
    """``doel`` when it is a path on this site, else None.

    An open redirect would let a link send a facilitator to a look-alike site after logging
    in. Browsers drop tabs and newlines from a URL and read a backslash as a slash, so
    ``/\\tevil``, ``/\\evil`` and ``//evil`` all leave the site; the same holds after
    percent-decoding (``/%2F%2Fevil``, ``%2F%09%2F…``). Anything of that kind is refused.
    """
    if not doel or len(doel) > 2000:
        return None
    vorm = doel
    for _ in range(4):  # the text itself and up to three layers of percent-encoding
        if not vorm.startswith("/") or vorm.startswith("//"):
            return None
        if "\\" in vorm or any(ord(c) < 0x21 or ord(c) == 0x7F for c in vorm):
            return None
        delen = urlsplit(vorm)
        if delen.scheme or delen.netloc:
            return None
        ontcijferd = unquote(vorm)
        if ontcijferd == vorm:
            return doel
        vorm = ontcijferd
    return None


def _begin_sessie(gebruiker: gebruikers.Gebruiker) -> None:
    # A new session: nothing of what the browser brought survives (no fixation), and a random
    # id makes each login's cookie unlike any before it.
    session.clear()
    session.permanent = True
    nu = int(klok())
    session.update(
        gebruiker_id=gebruiker.id,
        generatie=gebruiker.generatie,
        begonnen=nu,
        gezien=nu,
        sessie=secrets.token_urlsafe(16),
    )


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
            _begin_sessie(gebruiker)
            return redirect(
                veilig_volgende(request.args.get("volgende")) or url_for("metingen.overzicht")
            )
    # A refused login 401; a field left empty 400, the form again with the error summary.
    status = 401 if fout else 400 if form.errors else 200
    return render_template("auth/login.html", form=form, fout=fout), status


def van_deze_machine() -> bool:
    """Whether the request comes from the loopback address, directly. A request a proxy
    forwarded says so in a header and counts as from elsewhere, even when the proxy itself
    runs on this machine."""
    if any(k in request.headers for k in ("X-Forwarded-For", "Forwarded", "X-Real-Ip")):
        return False
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


def inrichtcode_voor(app: Flask) -> str | None:
    """The one-time code for ``/inrichten`` while no account exists; None once one does.

    ``zelfscan serve`` prints it after ``create_app()`` (and after filling a demo)::

        if code := auth.inrichtcode_voor(app):
            click.echo(f"Eerste account aanmaken vanaf een andere computer: open /inrichten "
                       f"en vul deze eenmalige code in: {code}")
    """
    db = open_db(app.config["DATABASE"], alleen_lezen=app.config.get("ALLEEN_LEZEN"))
    try:
        leeg = gebruikers.aantal(db) == 0
    finally:
        db.conn.close()
    if not leeg:
        gebruikers.vergeet_inrichtcode(Path(app.instance_path))
        return None
    return gebruikers.inrichtcode(Path(app.instance_path))


@bp.route("/inrichten", methods=["GET", "POST"])
def setup():
    """The first account (a beheerder); works only while there is none, and only from this
    machine or with the one-time code that ``zelfscan serve`` prints and the log shows."""
    db = get_db()
    if gebruikers.aantal(db) > 0:
        abort(404)
    map_ = Path(current_app.instance_path)
    lokaal = van_deze_machine()
    form = SetupForm()
    if lokaal:
        del form.code
    elif not form.is_submitted():
        current_app.logger.warning(
            "Eerste account aanmaken vanaf %s: de eenmalige code voor /inrichten is %s",
            request.remote_addr,
            gebruikers.inrichtcode(map_),
        )
    if form.validate_on_submit():
        if not lokaal and not gebruikers.inrichtcode_klopt(map_, form.code.data or ""):
            form.code.errors = [
                *form.code.errors,
                "Deze code klopt niet. De code staat in de uitvoer van zelfscan serve "
                "(of in het logboek van de server).",
            ]
            return render_template("auth/setup.html", form=form, lokaal=lokaal), 403
        try:
            gebruiker = gebruikers.voeg_toe(
                db, form.naam.data, form.wachtwoord.data, alleen_als_eerste=True
            )
        except gebruikers.GebruikerFout as fout:
            form.naam.errors = [*form.naam.errors, str(fout)]
        else:
            gebruikers.vergeet_inrichtcode(map_)
            _begin_sessie(gebruiker)
            flash("Uw account is aangemaakt. U bent ingelogd.")
            return redirect(url_for("metingen.overzicht"))
    return render_template("auth/setup.html", form=form, lokaal=lokaal), 400 if form.errors else 200


@bp.post("/uitloggen")
def logout():
    """Ends every session of this user, on every device (a copied cookie included)."""
    if LeegForm().validate_on_submit():
        # This browser's cookie goes first, so it is gone even if the database cannot be
        # written (then the error page says so, and the other sessions run out on their own).
        session.clear()
        if g.gebruiker is not None:
            gebruikers.beeindig_sessies(get_db(), g.gebruiker.id)
    return redirect(url_for("auth.login"))

"""The facilitator's side of private links: make one per gemeente, see them, revoke them."""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from .. import opslag
from ..opslag import gemeentelinks
from .adressen import is_loopback, publieke_basis, publieke_url
from .auth import login_vereist
from .forms import LeegForm, LinkForm
from .verzoekdb import get_db

bp = Blueprint("links", __name__, url_prefix="/metingen/<int:meting_id>/links")

# A new link is shown once, from the server. It used to travel in a flash message, that is in
# the session cookie, which is signed but not encrypted: anyone who saw the cookie could read the
# gemeente's link (issue 18). Now it waits here, in this process's memory, under a random
# one-time id that the redirect after the POST carries; the links page of the same user and
# meting takes it out when it shows it, so a reload shows it no more. Unclaimed links are
# forgotten after BEWAARTIJD seconds; at most MAX_BEWAARD wait at once.
BEWAARTIJD = 600
MAX_BEWAARD = 200
_bewaard: OrderedDict[str, tuple[float, int, int, str, str]] = OrderedDict()
_bewaard_slot = threading.Lock()


def _bewaar(gebruiker_id: int, meting_id: int, cbs: str, url: str) -> str:
    sleutel = secrets.token_urlsafe(16)
    nu = time.monotonic()
    with _bewaard_slot:
        while _bewaard and (
            len(_bewaard) >= MAX_BEWAARD or next(iter(_bewaard.values()))[0] < nu - BEWAARTIJD
        ):
            _bewaard.popitem(last=False)
        _bewaard[sleutel] = (nu, gebruiker_id, meting_id, cbs, url)
    return sleutel


def _neem(sleutel: str, gebruiker_id: int, meting_id: int) -> tuple[str, str] | None:
    """(cbs, url) of the new link under ``sleutel``, once; None when unknown, expired, or made
    by someone else or for another meting."""
    with _bewaard_slot:
        gevonden = _bewaard.get(sleutel)
        if gevonden is None or gevonden[1:3] != (gebruiker_id, meting_id):
            return None
        del _bewaard[sleutel]
    if gevonden[0] < time.monotonic() - BEWAARTIJD:
        return None
    return gevonden[3], gevonden[4]


def _link_form(meting) -> LinkForm:
    form = LinkForm()
    form.cbs.choices = [SelectChoice(gm.cbs, gm.naam) for gm in meting.gemeenten]
    return form


def _pagina(meting, link_form: LinkForm, nieuwe_link=None, status: int = 200):
    return render_template(
        "links/overzicht.html",
        meting=meting,
        links=gemeentelinks.links(get_db(), meting.id),
        form=LeegForm(),
        link_form=link_form,
        basis=publieke_basis(),
        alleen_hier=is_loopback(publieke_basis()),
        ingesteld=bool(current_app.config.get("PUBLIEKE_URL")),
        nieuwe_link=nieuwe_link,
    ), status


@bp.get("/")
@login_vereist
def overzicht(meting_id: int):
    meting = opslag.meting(get_db(), meting_id)
    nieuwe_link = _neem(request.args.get("nieuw", ""), g.gebruiker.id, meting_id)
    antwoord = current_app.make_response(_pagina(meting, _link_form(meting), nieuwe_link))
    if nieuwe_link:
        # Not kept by the browser either: going back must not show the link again.
        antwoord.headers["Cache-Control"] = "no-store"
    return antwoord


@bp.post("/")
@login_vereist
def maak(meting_id: int):
    meting = opslag.meting(get_db(), meting_id)
    form = _link_form(meting)
    if not form.validate_on_submit():
        # The page again, with the error summary above the form and what was typed still there.
        return _pagina(meting, form, status=400)
    token, link = gemeentelinks.maak_link(
        get_db(), meting_id, form.cbs.data, wie=g.gebruiker.naam, geldig_dagen=form.dagen.data
    )
    # Shown once: only a hash is stored, so this is the only moment the link can be copied.
    url = publieke_url("gemeente.pagina", token=token)
    sleutel = _bewaar(g.gebruiker.id, meting_id, link.cbs, url)
    return redirect(url_for("links.overzicht", meting_id=meting_id, nieuw=sleutel))


@bp.post("/<int:link_id>/intrekken")
@login_vereist
def intrekken(meting_id: int, link_id: int):
    if LeegForm().validate_on_submit():
        gemeentelinks.trek_in(get_db(), meting_id, link_id, wie=g.gebruiker.naam)
        flash("De link is ingetrokken: wie hem opent, ziet niets meer.")
    return redirect(url_for("links.overzicht", meting_id=meting_id))

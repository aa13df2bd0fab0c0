"""The facilitator's side of private links: make one per gemeente, see them, revoke them."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, url_for

from .. import opslag
from ..opslag import gemeentelinks, regels
from .adressen import is_loopback, publieke_basis, publieke_url
from .auth import login_vereist
from .forms import LeegForm
from .verzoekdb import get_db

bp = Blueprint("links", __name__, url_prefix="/metingen/<int:meting_id>/links")


@bp.get("/")
@login_vereist
def overzicht(meting_id: int):
    db = get_db()
    meting = opslag.meting(db, meting_id)
    return render_template(
        "links/overzicht.html",
        meting=meting,
        links=gemeentelinks.links(db, meting_id),
        form=LeegForm(),
        basis=publieke_basis(),
        alleen_hier=is_loopback(publieke_basis()),
        ingesteld=bool(current_app.config.get("PUBLIEKE_URL")),
    )


@bp.post("/")
@login_vereist
def maak(meting_id: int):
    if not LeegForm().validate_on_submit():
        return redirect(url_for("links.overzicht", meting_id=meting_id))
    dagen_tekst = (request.form.get("dagen") or "").strip()
    dagen = regels.geheel_getal(dagen_tekst)
    if dagen_tekst and (dagen is None or dagen < 0):
        flash(
            "Vul het aantal dagen in als getal, of laat het leeg voor een link zonder einddatum.",
            "fout",
        )
        return redirect(url_for("links.overzicht", meting_id=meting_id))
    token, link = gemeentelinks.maak_link(
        get_db(),
        meting_id,
        request.form.get("cbs") or "",
        wie=g.gebruiker.naam,
        geldig_dagen=int(dagen_tekst) if dagen_tekst else None,
    )
    # Shown once: only a hash is stored, so this is the only moment the link can be copied.
    flash(f"{link.cbs} {publieke_url('gemeente.pagina', token=token)}", "link")
    return redirect(url_for("links.overzicht", meting_id=meting_id))


@bp.post("/<int:link_id>/intrekken")
@login_vereist
def intrekken(meting_id: int, link_id: int):
    if LeegForm().validate_on_submit():
        gemeentelinks.trek_in(get_db(), meting_id, link_id, wie=g.gebruiker.naam)
        flash("De link is ingetrokken: wie hem opent, ziet niets meer.")
    return redirect(url_for("links.overzicht", meting_id=meting_id))

"""The facilitator's side of the room's votes: open and close participation, the QR code, the
spread per gemeente under each vraag, settling an answer from the votes, and what the
projector may show.

Small on purpose, beside the session's pages (``sessie``): the thema page and the presentation
view only include ``sessie/_deelname.html``, ``sessie/_stemmen.html`` and
``sessie/_stemmen_presentatie.html``, which get their data from ``zaalstemming`` through
the template global ``stemming_van``. Every route is a facilitator route of a meting (login, regio scope
through ``auth.bewaak``, CSRF on every POST).
"""

from __future__ import annotations

import io

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

from .. import opslag
from ..errors import MetingAfgerond, OngeldigeInvoer
from ..opslag import deelnametabel, stemtabel
from . import adressen, wizard
from .auth import login_vereist, terug_in_meting
from .deelname import codeweergave
from .forms import LeegForm
from .verzoekdb import get_db
from .zaalstemming import stemming_van

bp = Blueprint("stemming", __name__, url_prefix="/metingen/<int:meting_id>/deelname")


@bp.post("/openen")
@login_vereist
def openen(meting_id: int):
    if not LeegForm().validate_on_submit():
        abort(400)
    try:
        deelname = deelnametabel.open_deelname(get_db(), meting_id, wie=g.gebruiker.naam)
    except MetingAfgerond as fout:
        flash(str(fout), "fout")
    else:
        flash(f"Deelname is open. De code is {codeweergave(deelname.code)}.")
    return redirect(terug_in_meting(meting_id))


@bp.post("/sluiten")
@login_vereist
def sluiten(meting_id: int):
    if not LeegForm().validate_on_submit():
        abort(400)
    if deelnametabel.sluit_deelname(get_db(), meting_id, wie=g.gebruiker.naam):
        flash("Deelname is gesloten. De code werkt niet meer.")
    return redirect(terug_in_meting(meting_id))


@bp.post("/onthul")
@login_vereist
def onthul(meting_id: int):
    """Show (or hide) the anonymous spread of this thema on the projector."""
    if not LeegForm().validate_on_submit():
        abort(400)
    thema_id = request.form.get("thema") or ""
    try:
        deelnametabel.onthul_spreiding(
            get_db(), meting_id, thema_id if request.form.get("actie") == "tonen" else None
        )
    except OngeldigeInvoer as fout:
        flash(str(fout), "fout")
    return redirect(terug_in_meting(meting_id))


@bp.get("/qr.svg")
@login_vereist
def qr(meting_id: int):
    """The QR code of the participation's address; made here (segno), no outside service."""
    import segno

    open_ = deelnametabel.deelname(get_db(), meting_id)
    if open_ is None:
        abort(404)
    link = adressen.publieke_url("deelname.pagina", code=open_.code)
    uit = io.BytesIO()
    segno.make(link, error="m").save(
        uit, kind="svg", scale=8, border=2, title=f"QR-code: {link}", xmldecl=True
    )
    antwoord = Response(uit.getvalue(), mimetype="image/svg+xml")
    antwoord.headers["Cache-Control"] = "no-store"
    return antwoord


@bp.post("/vaststellen")
@login_vereist
def vaststellen(meting_id: int):
    """Settle one gemeente's answer from the votes: ``neem`` = "cbs|vraag" takes the room's
    answer (the lower median, computed now), ``vast`` = "cbs|vraag" settles what is chosen in
    the answer grid (the posted ``a:cbs:vraag``). Posted from inside the thema form without
    JavaScript, so that form's other changes are saved first, as "Opslaan" would."""
    wil_json = request.accept_mimetypes.best == "application/json"
    if not LeegForm().validate_on_submit():
        abort(400)
    db = get_db()
    meting = opslag.meting(db, meting_id)
    soort = "neem" if request.form.get("neem") else "vast"
    cbs, _, vraag_id = (request.form.get(soort) or "").partition("|")
    try:
        thema = meting.vragenlijst.thema_van(vraag_id)
        meting.gemeente(cbs)
    except KeyError:
        abort(400)

    def klaar(melding: str, fout: bool = False):
        if wil_json:
            return jsonify({"ok": not fout, "bericht": melding}), 409 if fout else 200
        flash(melding, "fout" if fout else "bericht")
        return redirect(
            url_for(
                "sessie.thema", meting_id=meting_id, thema_id=thema.id, _anchor=f"vraag-{vraag_id}"
            )
        )

    try:
        if any(k.startswith("a:") for k in request.form) and wizard.verwerk_thema(
            db, meting, thema, request.form, g.gebruiker.naam
        ):
            return klaar(
                "Niet vastgesteld: iemand anders heeft intussen antwoorden gewijzigd. "
                "Kijk ze na en probeer het opnieuw.",
                fout=True,
            )
        from ..scores import stemmen

        waarden = [s.waarde for s in stemtabel.stemmen(db, meting_id, [vraag_id]) if s.cbs == cbs]
        spreiding = stemmen.spreiding(
            waarden, [n.waarde for n in meting.vragenlijst.schaal.niveaus]
        )
        if soort == "neem":
            waarde = spreiding.voorstel
            if waarde is None:
                return klaar("Er is nog niet gestemd; kies zelf een antwoord.", fout=True)
        else:
            waarde = wizard.tekst_als_waarde(
                request.form.get(f"a:{cbs}:{vraag_id}") or "", meting.vragenlijst.schaal
            )
            if waarde is None:
                return klaar("Kies eerst een antwoord in de rij van de gemeente.", fout=True)
        stemtabel.stel_vast(
            db,
            meting_id,
            cbs,
            vraag_id,
            waarde,
            voorstel=spreiding.voorstel,
            aantal_stemmen=spreiding.aantal,
            bespreekpunt=spreiding.verdeeld,
            wie=g.gebruiker.naam,
        )
    except ValueError:
        abort(400)
    except (OngeldigeInvoer, MetingAfgerond) as fout:
        return klaar(str(fout), fout=True)
    label = meting.vragenlijst.schaal.label(waarde)
    return klaar(f"Vastgesteld voor {meting.gemeente(cbs).naam}: {label}.")


@bp.get("/thema/<thema_id>/spreiding")
@login_vereist
def spreiding(meting_id: int, thema_id: str):
    """The spread blocks of one thema as HTML, for the thema page's script to swap in."""
    meting = opslag.meting(get_db(), meting_id)
    try:
        thema = meting.vragenlijst.thema(thema_id)
    except KeyError:
        abort(404)
    stemming = stemming_van(meting, thema)
    return jsonify(
        {
            "gestemd": stemming.gestemd,
            "deelnemers": stemming.deelnemers,
            "vragen": {
                vraag.id: render_template(
                    "sessie/_stemmen.html", meting=meting, thema=thema, vraag=vraag
                )
                for vraag in thema.vragen
            },
        }
    )

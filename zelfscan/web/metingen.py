"""Metingen: the overview, creating one, and a meting's own page (progress, participants)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, g, redirect, render_template, url_for
from wtforms.fields.choices import SelectChoice

from .. import store
from ..model import versie_sleutel
from ..voortgang import bereken_voortgang
from .auth import login_vereist
from .db import catalogus, get_db
from .forms import DeelnemerForm, LeegForm, MetingForm

bp = Blueprint("metingen", __name__, url_prefix="/metingen")


def voortgang_van(meting, antwoorden=None):
    antwoorden = store.antwoorden(get_db(), meting.id) if antwoorden is None else antwoorden
    return bereken_voortgang(meting.vragenlijst, [gm.cbs for gm in meting.gemeenten], antwoorden)


@bp.get("/")
@login_vereist
def overzicht():
    metingen = store.metingen(get_db())
    return render_template(
        "metingen/overzicht.html",
        metingen=[(m, voortgang_van(m)) for m in metingen],
    )


def _meting_form() -> MetingForm:
    form = MetingForm()
    cat = catalogus()
    form.subregio.choices = [
        SelectChoice(f"{r.id}/{s.id}", f"{r.naam} – {s.naam}")
        for r in cat.regios
        for s in r.subregios
    ]
    form.vragenlijst.choices = [
        SelectChoice(v.sleutel, f"{v.titel} (versie {v.versie})")
        for v in sorted(cat.vragenlijsten, key=lambda v: versie_sleutel(v.versie), reverse=True)
    ]
    form.gemeenten.choices = [
        SelectChoice(gm.cbs, f"{gm.naam} ({s.naam})")
        for r in cat.regios
        for s in r.subregios
        for gm in s.gemeenten
        if not gm.tot
    ]
    return form


@bp.route("/nieuw", methods=["GET", "POST"])
@login_vereist
def nieuw():
    form = _meting_form()
    if not form.is_submitted():
        form.jaar.data = date.today().year
        form.datum.data = date.today()
    if form.validate_on_submit():
        cat = catalogus()
        regio_id, subregio_id = form.subregio.data.split("/", 1)
        regio = cat.regio(regio_id)
        subregio = regio.subregio(subregio_id)
        vragenlijst_id, versie = form.vragenlijst.data.split("@", 1)
        actief = {gm.cbs for gm in subregio.gemeenten_op(form.datum.data)}
        vreemd = [c for c in form.gemeenten.data if c not in actief]
        if vreemd:
            form.gemeenten.errors = [
                *form.gemeenten.errors,
                f"Deze gemeenten horen op die datum niet bij {subregio.naam}: {', '.join(vreemd)}.",
            ]
        else:
            meting = store.maak_meting(
                get_db(),
                vragenlijst=cat.vragenlijst(vragenlijst_id, versie),
                regio=regio,
                subregio_id=subregio_id,
                jaar=form.jaar.data,
                soort=form.soort.data,
                datum=form.datum.data,
                gemeenten=form.gemeenten.data or None,
                titel=form.titel.data or None,
                wie=g.gebruiker.naam,
            )
            flash(f"De meting “{meting.titel}” is aangemaakt.")
            return redirect(url_for("metingen.meting", meting_id=meting.id))
    return render_template("metingen/nieuw.html", form=form)


@bp.get("/<int:meting_id>")
@login_vereist
def meting(meting_id: int):
    db = get_db()
    m = store.meting(db, meting_id)
    return render_template(
        "metingen/meting.html",
        meting=m,
        voortgang=voortgang_van(m),
        deelnemers=store.deelnemers(db, meting_id),
        deelnemer_form=DeelnemerForm(),
        leeg_form=LeegForm(),
    )


@bp.post("/<int:meting_id>/deelnemers")
@login_vereist
def deelnemer_toevoegen(meting_id: int):
    form = DeelnemerForm()
    if form.validate_on_submit():
        store.voeg_deelnemer_toe(
            get_db(),
            meting_id,
            organisatie=form.organisatie.data,
            rol=form.rol.data,
            naam=form.naam.data or None,
            wie=g.gebruiker.naam,
        )
        flash("Deelnemer toegevoegd.")
    else:
        flash("Vul organisatie en rol in.", "fout")
    return redirect(url_for("metingen.meting", meting_id=meting_id, _anchor="deelnemers"))


@bp.post("/<int:meting_id>/deelnemers/<int:deelnemer_id>/verwijderen")
@login_vereist
def deelnemer_verwijderen(meting_id: int, deelnemer_id: int):
    if LeegForm().validate_on_submit():
        store.verwijder_deelnemer(get_db(), meting_id, deelnemer_id, wie=g.gebruiker.naam)
        flash("Deelnemer verwijderd.")
    return redirect(url_for("metingen.meting", meting_id=meting_id, _anchor="deelnemers"))


@bp.get("/vragenlijst/<vragenlijst_id>/<versie>")
@login_vereist
def vragenlijst(vragenlijst_id: str, versie: str):
    try:
        lijst = catalogus().vragenlijst(vragenlijst_id, versie)
    except KeyError:
        abort(404)
    return render_template("metingen/vragenlijst.html", vragenlijst=lijst)

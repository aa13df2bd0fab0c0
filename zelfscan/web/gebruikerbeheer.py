"""The beheer page for beheerders: every account, a new one with its role and regio's,
disabling one, and a new password. The same store functions as ``zelfscan user …``."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from wtforms.fields.choices import SelectChoice

from ..opslag import gebruikers
from .auth import beheerder_vereist
from .forms import GebruikerForm, LeegForm, WachtwoordForm
from .verzoekdb import catalogus, get_db

bp = Blueprint("beheer", __name__, url_prefix="/beheer")


def _gebruiker_form() -> GebruikerForm:
    form = GebruikerForm()
    form.regios.choices = [SelectChoice(r.id, r.naam) for r in catalogus().regios]
    return form


def _pagina(form: GebruikerForm, status: int = 200):
    regionamen = {r.id: r.naam for r in catalogus().regios}
    return render_template(
        "beheer/gebruikers.html",
        form=form,
        gebruikers=gebruikers.alle(get_db()),
        regionamen=regionamen,
        leeg_form=LeegForm(),
    ), status


@bp.get("/gebruikers")
@beheerder_vereist
def gebruikers_overzicht():
    return _pagina(_gebruiker_form())


@bp.post("/gebruikers")
@beheerder_vereist
def gebruiker_toevoegen():
    form = _gebruiker_form()
    if form.validate_on_submit():
        try:
            nieuw = gebruikers.voeg_toe(
                get_db(),
                form.naam.data,
                form.wachtwoord.data,
                rol=form.rol.data,
                regios=form.regios.data or [],
                bekende_regios=[r.id for r in catalogus().regios],
            )
        except gebruikers.GebruikerFout as fout:
            form.form_errors.append(str(fout))
        else:
            flash(f"Het account '{nieuw.naam}' ({nieuw.rol}) is aangemaakt.")
            return redirect(url_for("beheer.gebruikers_overzicht"))
    return _pagina(form, 400)


def _van(gebruiker_id: int) -> gebruikers.Gebruiker:
    gevonden = gebruikers.gebruiker(get_db(), gebruiker_id)
    if gevonden is None:
        abort(404)
    return gevonden


@bp.post("/gebruikers/<int:gebruiker_id>/uitschakelen")
@beheerder_vereist
def uitschakelen(gebruiker_id: int):
    gebruiker = _van(gebruiker_id)
    if LeegForm().validate_on_submit():
        try:
            gebruikers.schakel_uit(get_db(), gebruiker.naam)
        except gebruikers.GebruikerFout as fout:
            flash(str(fout), "fout")
        else:
            flash(f"Het account '{gebruiker.naam}' is uitgeschakeld; het is overal uitgelogd.")
    return redirect(url_for("beheer.gebruikers_overzicht"))


@bp.route("/gebruikers/<int:gebruiker_id>/wachtwoord", methods=["GET", "POST"])
@beheerder_vereist
def wachtwoord(gebruiker_id: int):
    gebruiker = _van(gebruiker_id)
    form = WachtwoordForm()
    if form.validate_on_submit():
        gebruikers.zet_wachtwoord(get_db(), gebruiker.naam, form.wachtwoord.data)
        flash(
            f"Het wachtwoord van '{gebruiker.naam}' is gewijzigd; alle sessies van dit account "
            "zijn beëindigd."
        )
        return redirect(url_for("beheer.gebruikers_overzicht"))
    return render_template(
        "beheer/wachtwoord.html", form=form, gebruiker=gebruiker
    ), 400 if form.errors else 200

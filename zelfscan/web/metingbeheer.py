"""Metingen: the overview, creating one, and a meting's own page (progress, participants)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from .. import opslag
from ..errors import OngeldigeInvoer
from ..inlezen.model import versie_sleutel
from ..opslag import gebruikers, regels
from . import rapportlevering
from .auth import login_vereist
from .forms import DeelnemerForm, LeegForm, MetingForm, VervolgForm
from .verzoekdb import catalogus, get_db

# Progress, the overview's filter and the comparison with last year load with the first page
# that shows them, not when the server starts (issue 13): the views import them.

bp = Blueprint("metingen", __name__, url_prefix="/metingen")


def voortgang_van(meting, antwoorden=None):
    from ..scores.voortgang import bereken_voortgang

    antwoorden = opslag.antwoorden(get_db(), meting.id) if antwoorden is None else antwoorden
    return bereken_voortgang(meting.vragenlijst, [gm.cbs for gm in meting.gemeenten], antwoorden)


@bp.get("/")
@login_vereist
def overzicht():
    from ..scores.voortgang import voortgang_uit_tellingen
    from . import overzichtkeuze

    db = get_db()
    # Only the regio's this user may see: the rest is not there for them (not even counted).
    alle = [k for k in opslag.meting_koppen(db) if gebruikers.mag_regio(g.gebruiker, k.regio_id)]
    filter_, fouten = overzichtkeuze.lees_filter(request.args, alle)
    gekozen = overzichtkeuze.kies(alle, filter_)
    # Whole metingen, and their progress, only for the ones on the page. Progress is counted by
    # SQLite, never by loading answers; an afgeronde meting's counts are stored when it is
    # closed, so only the open ones are counted (docs/performance.md has the figures).
    metingen = {m.id: m for m in opslag.metingen(db, [k.id for k in gekozen.getoond])}
    tellingen = opslag.antwoord_tellingen(db, list(metingen.values()))
    voortgang = {
        m.id: voortgang_uit_tellingen(
            m.vragenlijst,
            len(m.gemeenten),
            tellingen[m.id].beantwoord,
            tellingen[m.id].onbevestigd,
            tellingen[m.id].per_vraag,
        )
        for m in metingen.values()
    }
    # Joined here, not with map/join filters per row: cheaper when hundreds of metingen show.
    gemeentenamen = {m.id: ", ".join(g.naam for g in m.gemeenten) for m in metingen.values()}
    # One url_for instead of one per row (860 rows took a sixth of the page): a meting's
    # address is this prefix and its id (tests/web/test_web_overzicht.py follows each link).
    meting_adres = url_for("metingen.meting", meting_id=0).removesuffix("0")
    regios, jaren = overzichtkeuze.keuzes(alle)
    return render_template(
        "metingen/overzicht.html",
        overzicht=gekozen,
        metingen=metingen,
        voortgang=voortgang,
        gemeentenamen=gemeentenamen,
        meting_adres=meting_adres,
        filter=filter_,
        fouten=fouten,
        totaal=len(alle),
        # The filter form only where there is something to filter: a region's handful of
        # metingen is shown whole without it.
        met_filter=len(alle) > overzichtkeuze.DREMPEL or filter_.actief or bool(fouten),
        regios=regios,
        jaren=jaren,
        statussen=overzichtkeuze.STATUSSEN,
        # Of every meting in scope, not only those shown: a filter narrows the list, not what
        # the regio overview covers.
        regio_jaren=overzichtkeuze.regio_jaren(alle),
    ), (400 if fouten else 200)


@bp.get("/regio/<regio_id>/<int:jaar>/overzicht.pdf")
@login_vereist
def regio_overzicht(regio_id: str, jaar: int):
    """The overview of a whole regio in one year, every subregio's meting in it (as ``zelfscan
    report --regio --jaar``). Scope: auth.bewaak answers 404 for a regio outside the user's."""
    from .. import rapport
    from ..rapport import regiorapport

    gegevens = regiorapport.verzamel_regio(get_db(), regio_id, jaar, op_id=True)
    return rapportlevering.download(
        ("regio", regio_id, jaar),
        gegevens,
        regiorapport.maak,
        rapport.bestandsnaam_regio(regio_id, jaar),
    )


def _eigen_regios():
    """The catalogue's regio's in this user's scope: a gespreksleider is offered only theirs."""
    return [r for r in catalogus().regios if gebruikers.mag_regio(g.gebruiker, r.id)]


def _meting_form() -> MetingForm:
    form = MetingForm()
    cat = catalogus()
    regios = _eigen_regios()
    subregios = [
        SelectChoice(f"{r.id}/{s.id}", f"{r.naam} – {s.naam}") for r in regios for s in r.subregios
    ]
    # The gemeenten follow the subregio, so nothing is chosen for the person: with one subregio
    # only that one, else first "Kies een subregio" (refused by DataRequired when left).
    form.subregio.choices = (
        subregios if len(subregios) == 1 else [SelectChoice("", "Kies een subregio"), *subregios]
    )
    form.vragenlijst.choices = [
        SelectChoice(v.sleutel, f"{v.titel} (versie {v.versie})")
        for v in sorted(cat.vragenlijsten, key=lambda v: versie_sleutel(v.versie), reverse=True)
    ]
    form.gemeenten.choices = [
        SelectChoice(gm.cbs, gm.naam)
        for r in regios
        for s in r.subregios
        for gm in s.gemeenten
        if not gm.tot
    ]
    return form


def _gemeentegroepen(form: MetingForm) -> list[tuple[str, str, list, bool]]:
    """Per subregio of this user: its key, its name, its gemeenten (cbs, naam, checked), and
    whether it is the chosen one. Only the chosen subregio's gemeenten are shown and can be
    checked; the page's script swaps the group when another subregio is chosen."""
    gekozen = form.subregio.data or ""
    aangevinkt = set(form.gemeenten.data or ())
    return [
        (
            sleutel,
            s.naam,
            [
                (gm.cbs, gm.naam, sleutel == gekozen and gm.cbs in aangevinkt)
                for gm in s.gemeenten
                if not gm.tot
            ],
            sleutel == gekozen,
        )
        for r in _eigen_regios()
        for s in r.subregios
        for sleutel in [f"{r.id}/{s.id}"]
    ]


def _toon_bij_veld(form, fout: OngeldigeInvoer) -> None:
    """The store's refusal next to the field it is about (or above the form), in its words:
    the rules live in the store (opslag.regels), so the form never says something else."""
    veld = getattr(form, fout.veld, None) if fout.veld else None
    if veld is None or not hasattr(veld, "errors"):
        form.form_errors.append(str(fout))
    else:
        veld.errors = [*veld.errors, str(fout)]


@bp.route("/nieuw", methods=["GET", "POST"])
@login_vereist
def nieuw():
    form = _meting_form()
    if not form.is_submitted():
        form.jaar.data = date.today().year
        form.datum.data = date.today()
        form.vragenlijst.data = form.vragenlijst.choices[0].value  # the newest
        if len(form.subregio.choices) == 1:
            form.subregio.data = form.subregio.choices[0].value
    # Without JavaScript the form takes two steps: "Gemeenten tonen" shows the gemeenten of the
    # subregio just chosen and saves nothing (the script swaps them at once instead).
    alleen_gemeenten = request.form.get("stap") == "gemeenten"
    if not alleen_gemeenten and form.validate_on_submit():
        cat = catalogus()
        regio_id, subregio_id = form.subregio.data.split("/", 1)
        if not gebruikers.mag_regio(g.gebruiker, regio_id):
            # The choices hold only the user's regio's, so WTForms refused it already; this
            # keeps the refusal even if the choices ever change.
            abort(404)
        regio = cat.regio(regio_id)
        vragenlijst_id, versie = form.vragenlijst.data.split("@", 1)
        try:
            meting = opslag.maak_meting(
                get_db(),
                vragenlijst=cat.vragenlijst(vragenlijst_id, versie),
                regio=regio,
                subregio_id=subregio_id,
                jaar=form.jaar.data,
                soort=form.soort.data,
                datum=form.datum.data,
                gemeenten=form.gemeenten.data or None,
                titel=form.titel.data or None,
                # Every gemeente of the catalogue by name, so a refusal never names one by code.
                gemeentenamen=cat.gemeentenamen(),
                wie=g.gebruiker.naam,
            )
        except OngeldigeInvoer as fout:
            _toon_bij_veld(form, fout)
        else:
            flash(f"De meting “{meting.titel}” is aangemaakt.")
            return redirect(url_for("metingen.meting", meting_id=meting.id))
    elif form.is_submitted() and not alleen_gemeenten:
        _gemeenten_van_andere_subregio(form)
    return render_template(
        "metingen/nieuw.html",
        form=form,
        # Each version's duur for a typical subregio of 2 to 4 gemeenten, beside the choice.
        duren=_duren(catalogus().vragenlijsten, (2, 3, 4)),
        groepen=_gemeentegroepen(form),
    ), (400 if form.errors else 200)


def _duren(vragenlijsten, aantallen) -> dict[str, list[str]]:
    """Per version of the vragenlijst: the session's planned length for each number of
    gemeenten ("ca. 2 uur 05 voor 3 gemeenten"); none when the version gives no duur."""
    from ..scores.weergave import duur_zin  # scores load with the first page that needs them

    return {
        v.sleutel: zinnen
        for v in vragenlijsten
        if (zinnen := [zin for n in aantallen if (zin := duur_zin(v, n))])
    }


def _gemeenten_van_andere_subregio(form: MetingForm) -> None:
    """A form refused for another field (the Jaar, say) never drops a checked gemeente of
    another subregio silently: the page shows only the chosen subregio's gemeenten, so the
    summary names the others, in the store's words (opslag.regels.gemeenten)."""
    if form.gemeenten.errors or not form.gemeenten.data or form.subregio.errors:
        return
    cat = catalogus()
    regio_id, _, subregio_id = (form.subregio.data or "").partition("/")
    try:
        regio = cat.regio(regio_id)
        datum = form.datum.data if isinstance(form.datum.data, date) else date.today()
        regels.gemeenten(
            regio,
            regels.subregio(regio, subregio_id),
            datum,
            form.gemeenten.data,
            cat.gemeentenamen(),
        )
    except KeyError:
        return
    except OngeldigeInvoer as fout:
        _toon_bij_veld(form, fout)


@bp.get("/<int:meting_id>")
@login_vereist
def meting(meting_id: int):
    return _metingpagina(meting_id, DeelnemerForm())


def _metingpagina(meting_id: int, deelnemer_form: DeelnemerForm, status: int = 200):
    db = get_db()
    m = opslag.meting(db, meting_id)
    return render_template(
        "metingen/meting.html",
        meting=m,
        vorige=opslag.meting(db, m.vorige_meting_id) if m.vorige_meting_id else None,
        vervolgen=opslag.vervolgmetingen(db, meting_id),
        voortgang=voortgang_van(m),
        deelnemers=opslag.deelnemers(db, meting_id),
        deelnemer_form=deelnemer_form,
        leeg_form=LeegForm(),
    ), status


def _een_jaar_later(dag: date) -> date:
    try:
        return dag.replace(year=dag.year + 1)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year + 1, day=28)


@bp.route("/<int:meting_id>/vervolg", methods=["GET", "POST"])
@login_vereist
def vervolg(meting_id: int):
    """Vervolgmeting starten: the same subregio, a new year, optionally last year's answers."""
    from ..scores import ontwikkeling

    db = get_db()
    vorige = opslag.meting(db, meting_id)
    terug = redirect(url_for("metingen.meting", meting_id=meting_id))
    try:
        regels.vorige_afgerond(regels.kern(vorige))
    except OngeldigeInvoer as fout:
        flash(str(fout), "fout")
        return terug
    cat = catalogus()
    try:
        regio = cat.regio(vorige.regio_id)
        subregio = regio.subregio(vorige.subregio_id)
    except KeyError:
        flash(
            f"Subregio {vorige.subregio_naam} staat niet (meer) in de regiogegevens; voeg haar "
            "weer toe in vragenlijsten/regios/ om een vervolgmeting te starten.",
            "fout",
        )
        return terug
    versies = sorted(
        (v for v in cat.vragenlijsten if v.id == vorige.vragenlijst_id),
        key=lambda v: versie_sleutel(v.versie),
        reverse=True,
    ) or sorted(cat.vragenlijsten, key=lambda v: versie_sleutel(v.versie), reverse=True)
    form = VervolgForm()
    form.vragenlijst.choices = [
        SelectChoice(
            v.sleutel,
            f"versie {v.versie}"
            + (" (nieuwste)" if i == 0 else "")
            + (" (vorige keer)" if v.hash == vorige.vragenlijst_hash else "")
            + ("" if v.id == vorige.vragenlijst_id else f" – {v.titel}"),
        )
        for i, v in enumerate(versies)
    ]
    form.titel.label.text = (
        f"Titel (leeg: “Vervolgmeting {vorige.jaar + 1} {vorige.subregio_naam}”)"
    )
    # Who belongs to the subregio a year on; one that merged meanwhile is named below instead.
    standaard = _een_jaar_later(vorige.datum)
    form.gemeenten.choices = [
        SelectChoice(gm.cbs, gm.naam)
        for gm in subregio.gemeenten
        if gm.tot is None or gm.tot >= standaard
    ]
    if not form.is_submitted():
        form.jaar.data = vorige.jaar + 1
        form.datum.data = standaard
        form.vragenlijst.data = versies[0].sleutel
        form.gemeenten.data = [gm.cbs for gm in subregio.gemeenten_op(form.datum.data)]
    if form.validate_on_submit():
        vragenlijst_id, versie = form.vragenlijst.data.split("@", 1)
        try:
            nieuw, aantal = opslag.maak_vervolgmeting(
                db,
                vorige.id,
                vragenlijst=cat.vragenlijst(vragenlijst_id, versie),
                regio=regio,
                jaar=form.jaar.data,
                datum=form.datum.data,
                gemeenten=form.gemeenten.data or None,
                titel=form.titel.data or None,
                overnemen=form.overnemen.data,
                wie=g.gebruiker.naam,
            )
        except OngeldigeInvoer as fout:
            _toon_bij_veld(form, fout)
        else:
            bericht = f"De vervolgmeting “{nieuw.titel}” is aangemaakt."
            if form.overnemen.data:
                bericht += (
                    f" {aantal} antwoorden van vorig jaar staan klaar; ze tellen mee zodra de "
                    "groep ze bevestigt of wijzigt."
                )
            flash(bericht)
            return redirect(url_for("metingen.meting", meting_id=nieuw.id))
    datum = form.datum.data if isinstance(form.datum.data, date) else standaard
    wijzigingen = ontwikkeling.deelname_wijzigingen(
        vorige.gemeenten,
        subregio.gemeenten_op(datum),
        [*subregio.gemeenten, *(gm for r in cat.regios for s in r.subregios for gm in s.gemeenten)],
    )
    return render_template(
        "metingen/vervolg.html",
        form=form,
        # Each version's duur for the gemeenten of the subregio on the date, beside the choice.
        duren=_duren(versies, [len(subregio.gemeenten_op(datum)) or len(vorige.gemeenten)]),
        vorige=vorige,
        wijzigingen=wijzigingen,
        datum=datum,
        vervolgen=opslag.vervolgmetingen(db, meting_id),
    ), (400 if form.errors else 200)


@bp.post("/<int:meting_id>/deelnemers")
@login_vereist
def deelnemer_toevoegen(meting_id: int):
    form = DeelnemerForm()
    if form.validate_on_submit():
        opslag.voeg_deelnemer_toe(
            get_db(),
            meting_id,
            organisatie=form.organisatie.data,
            rol=form.rol.data,
            naam=form.naam.data or None,
            wie=g.gebruiker.naam,
        )
        flash("Deelnemer toegevoegd.")
        return redirect(url_for("metingen.meting", meting_id=meting_id, _anchor="deelnemers"))
    # The page again, with the error summary above the form and each message at its field: the
    # validators' own words (a missing field, or the store's limit).
    return _metingpagina(meting_id, form, 400)


@bp.post("/<int:meting_id>/deelnemers/<int:deelnemer_id>/verwijderen")
@login_vereist
def deelnemer_verwijderen(meting_id: int, deelnemer_id: int):
    if LeegForm().validate_on_submit():
        opslag.verwijder_deelnemer(get_db(), meting_id, deelnemer_id, wie=g.gebruiker.naam)
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

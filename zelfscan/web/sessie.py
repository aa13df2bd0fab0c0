"""The joint session: one thema per screen, an answer grid per vraag with a row per gemeente.

Every view works without JavaScript (plain forms that POST, then redirect); with JavaScript,
``static/sessie.js`` saves each change at once through the small JSON endpoints below.

In a vervolgmeting that started from last year's answers, each copied answer is marked (a
dashed frame, "vorig jaar" for screen readers) until the room confirms it: "Klopt nog" on one
answer, "Alles in dit thema bevestigen", "same answer for all", or simply another answer.
"""

from __future__ import annotations

import json

from flask import Blueprint, abort, flash, g, jsonify, redirect, render_template, request, url_for

from .. import opslag
from ..errors import MetingAfgerond, OngeldigeInvoer
from ..opslag import regels
from . import wizard
from .auth import login_vereist, terug_in_meting
from .forms import AfrondForm, HeropenForm, LeegForm
from .metingbeheer import voortgang_van
from .verzoekdb import get_db

bp = Blueprint("sessie", __name__, url_prefix="/metingen/<int:meting_id>")


def _meting_en_thema(meting_id: int, thema_id: str):
    meting = opslag.meting(get_db(), meting_id)
    try:
        thema = meting.vragenlijst.thema(thema_id)
    except KeyError:
        abort(404)
    return meting, thema


def _buren(meting, thema):
    themas = meting.vragenlijst.themas
    index = themas.index(thema)
    vorige = themas[index - 1] if index > 0 else None
    volgende = themas[index + 1] if index + 1 < len(themas) else None
    return index, vorige, volgende


def _vraagrijen(meting, thema, antwoorden) -> list[dict]:
    """Per vraag: each gemeente with its current answer (as form text), toelichting, and
    whether that answer was copied from last year and still waits for confirmation."""
    rijen = []
    for vraag in thema.vragen:
        gemeenten = []
        for gm in meting.gemeenten:
            antwoord = antwoorden.get((gm.cbs, vraag.id))
            gemeenten.append(
                (
                    gm,
                    wizard.waarde_als_tekst(antwoord.waarde if antwoord else None),
                    (antwoord.toelichting if antwoord else "") or "",
                    bool(antwoord and antwoord.overgenomen and antwoord.waarde is not None),
                )
            )
        toelichtingen = {t for _, _, t, _ in gemeenten}
        gelijk = len(toelichtingen) == 1
        rijen.append(
            {
                "vraag": vraag,
                "gemeenten": gemeenten,
                "gelijk": gelijk,
                "gemeenschappelijk": gemeenten[0][2] if gelijk else "",
                "bespreekpunt": any(
                    (a := antwoorden.get((gm.cbs, vraag.id))) is not None and a.bespreekpunt
                    for gm in meting.gemeenten
                ),
            }
        )
    return rijen


def _conflictregels(meting, thema, conflicten) -> list[str]:
    schaal = meting.vragenlijst.schaal
    namen = {gm.cbs: gm.naam for gm in meting.gemeenten}
    nummers = {v.id: i + 1 for i, v in enumerate(thema.vragen)}
    velden = {
        "waarde": "antwoord",
        "toelichting": "toelichting",
        "bespreekpunt": "bespreekpunt",
        "notitie": "notities",
        "eigen_toelichting": "eigen toelichting",
    }

    def toon(c, waarde):
        if c.veld == "waarde":
            return schaal.label(waarde) if waarde else "open"
        if c.veld == "bespreekpunt":
            return "ja" if waarde == "1" else "nee"
        return waarde or "leeg"

    regels = []
    for c in conflicten:
        if c.veld == "eigen_toelichting":
            continue  # shown beside the field, as a question (_vervangingen)
        waar = ", ".join(
            x
            for x in (
                namen.get(c.cbs),
                f"vraag {nummers[c.vraag_id]}" if c.vraag_id in nummers else None,
            )
            if x
        )
        regels.append(
            f"{waar + ', ' if waar else ''}{velden[c.veld]}: u koos “{toon(c, c.uw_waarde)}”, "
            f"opgeslagen is “{toon(c, c.huidige_waarde)}”."
        )
    return regels


def _vervangingen(meting, conflicten) -> dict[str, dict]:
    """Per vraag: the toelichting typed for all, and each gemeente's own text it would replace."""
    namen = {gm.cbs: gm.naam for gm in meting.gemeenten}
    uit: dict[str, dict] = {}
    for c in conflicten:
        if c.veld == "eigen_toelichting":
            rij = uit.setdefault(c.vraag_id, {"tekst": c.uw_waarde, "gemeenten": []})
            rij["gemeenten"].append((c.cbs, namen.get(c.cbs, c.cbs), c.huidige_waarde))
    return uit


def _notities_van(db, meting, thema_id: str) -> dict:
    """The thema's note for all gemeenten, and per gemeente its own (None: none yet)."""
    alle = opslag.notities(db, meting.id)
    return {
        "notitie": alle.get((thema_id, None)),
        "gemeentenotities": {gm.cbs: alle.get((thema_id, gm.cbs)) for gm in meting.gemeenten},
    }


def _themapagina(meting, thema_, conflicten=(), status=200):
    db = get_db()
    antwoorden = opslag.antwoorden(db, meting.id)
    index, vorige, volgende = _buren(meting, thema_)
    return render_template(
        "sessie/thema.html",
        meting=meting,
        thema=thema_,
        onderdeel=meting.vragenlijst.onderdeel_van(thema_.id),
        vraagrijen=_vraagrijen(meting, thema_, antwoorden),
        **_notities_van(db, meting, thema_.id),
        voortgang=voortgang_van(meting, antwoorden),
        index=index,
        vorige=vorige,
        volgende=volgende,
        conflicten=_conflictregels(meting, thema_, conflicten),
        vervangingen=_vervangingen(meting, conflicten),
        alleen_lezen=meting.status != "concept",
        onthuld=opslag.onthuld_thema(db, meting.id) == thema_.id,
        bevestig_form=LeegForm(),
    ), status


@bp.get("/thema/<thema_id>")
@login_vereist
def thema(meting_id: int, thema_id: str):
    db = get_db()
    meting, thema_ = _meting_en_thema(meting_id, thema_id)
    if meting.status == "concept":
        opslag.zet_huidig_thema(
            db, meting_id, thema_id
        )  # resuming opens here; the projector follows
    return _themapagina(meting, thema_)


@bp.post("/thema/<thema_id>")
@login_vereist
def thema_opslaan(meting_id: int, thema_id: str):
    db = get_db()
    meting, thema_ = _meting_en_thema(meting_id, thema_id)
    try:
        conflicten = wizard.verwerk_thema(db, meting, thema_, request.form, g.gebruiker.naam)
    except ValueError:
        abort(400)
    if conflicten:
        return _themapagina(meting, thema_, conflicten, status=409)
    _, vorige, _ = _buren(meting, thema_)
    actie = request.form.get("actie", "opslaan")
    if actie == "vorige" and vorige:
        return redirect(url_for("sessie.thema", meting_id=meting_id, thema_id=vorige.id))
    if actie == "volgende":
        return redirect(url_for("sessie.thema_klaar", meting_id=meting_id, thema_id=thema_id))
    flash("Opgeslagen.")
    # After "same answer for all" or "bevestig" the page returns to that question, not the top.
    anker = next((f"vraag-{k[5:]}" for k in request.form if k.startswith("alle:")), "")
    if request.form.get("bevestig"):
        anker = f"vraag-{request.form['bevestig'].partition(':')[2]}"
    if anker:
        # That vraag was just answered: the projector follows it, as it does with JavaScript.
        _volg_vraag(db, meting, anker.removeprefix("vraag-"))
    return redirect(
        url_for("sessie.thema", meting_id=meting_id, thema_id=thema_id, _anchor=anker or None)
    )


@bp.post("/thema/<thema_id>/bevestigen")
@login_vereist
def thema_bevestigen(meting_id: int, thema_id: str):
    """The button "Alles in dit thema bevestigen": last year's answers on this thema hold."""
    _meting, thema_ = _meting_en_thema(meting_id, thema_id)
    if LeegForm().validate_on_submit():
        try:
            aantal = opslag.bevestig_thema(get_db(), meting_id, thema_id, wie=g.gebruiker.naam)
        except MetingAfgerond as fout:
            flash(str(fout), "fout")
        else:
            flash(
                f"{aantal} {'antwoord' if aantal == 1 else 'antwoorden'} van vorig jaar bevestigd."
                if aantal
                else "Er waren geen antwoorden meer te bevestigen."
            )
    return redirect(url_for("sessie.thema", meting_id=meting_id, thema_id=thema_.id))


@bp.get("/thema/<thema_id>/klaar")
@login_vereist
def thema_klaar(meting_id: int, thema_id: str):
    """End of thema: the room's answers at a glance, to round off the discussion."""
    db = get_db()
    meting, thema_ = _meting_en_thema(meting_id, thema_id)
    antwoorden = opslag.antwoorden(db, meting_id)
    index, _vorige, volgende = _buren(meting, thema_)
    return render_template(
        "sessie/klaar.html",
        meting=meting,
        thema=thema_,
        antwoorden=antwoorden,
        vraagrijen=_vraagrijen(meting, thema_, antwoorden),
        **_notities_van(db, meting, thema_id),
        voortgang=voortgang_van(meting, antwoorden),
        volgende=volgende,
        index=index,
        onthuld=opslag.onthuld_thema(db, meting_id) == thema_id,
    )


# --- autosave (JavaScript) --------------------------------------------------------------------


def _json_fout(status: int, melding: str, **extra):
    return jsonify({"fout": melding, **extra}), status


@bp.post("/autosave")
@login_vereist
def autosave(meting_id: int):
    """One field of one cell, or a whole row ('alle'), or the thema's note. JSON in, JSON out.

    The JSON comes as the body (with the CSRF token in a header), or, from
    ``navigator.sendBeacon`` when the page is closed, as the form field ``gegevens`` beside
    ``csrf_token`` (a beacon cannot set headers; CSRFProtect reads the token from the form).
    """
    db = get_db()
    meting = opslag.meting(db, meting_id)
    try:
        if request.is_json:
            gegevens = request.get_json(silent=True)
        else:
            try:
                gegevens = json.loads(request.form.get("gegevens") or "null")
            except ValueError:
                gegevens = None
    except RecursionError:  # JSON nested thousands deep: Python's parser gives up (issue 18)
        return _json_fout(400, "Onleesbaar verzoek: de gegevens zijn te diep genest.")
    if not isinstance(gegevens, dict):
        return _json_fout(400, "Onleesbaar verzoek.")
    soort = gegevens.get("soort")
    velden = {k: gegevens.get(k) for k in ("cbs", "vraag", "veld", "waarde", "origineel", "thema")}
    if not all(isinstance(v, str) or v is None for v in velden.values()):
        return _json_fout(400, "Onleesbaar verzoek.")
    try:
        if soort == "cel":
            if velden["veld"] not in ("waarde", "toelichting", "bespreekpunt"):
                return _json_fout(400, "Onbekend veld.")
            antwoord, conflict = wizard.bewaar_cel(
                db,
                meting,
                velden["cbs"] or "",
                velden["vraag"] or "",
                velden["veld"],
                velden["waarde"] or "",
                velden["origineel"] or "",
                g.gebruiker.naam,
            )
            if conflict:
                return _json_fout(
                    409, _conflict_tekst(meting, conflict), huidig=conflict.huidige_waarde
                )
            if velden["veld"] == "waarde":
                _volg_vraag(db, meting, velden["vraag"] or "")
            return jsonify({"ok": True, "versie": antwoord.versie if antwoord else 0})
        if soort == "bevestig":
            antwoord = opslag.bevestig_antwoord(
                db, meting_id, velden["cbs"] or "", velden["vraag"] or "", wie=g.gebruiker.naam
            )
            _volg_vraag(db, meting, velden["vraag"] or "")
            return jsonify({"ok": True, "versie": antwoord.versie})
        if soort == "alle":
            waarde = wizard.tekst_als_waarde(velden["waarde"] or "", meting.vragenlijst.schaal)
            opslag.sla_antwoord_voor_alle(
                db, meting_id, velden["vraag"] or "", waarde, wie=g.gebruiker.naam
            )
            _volg_vraag(db, meting, velden["vraag"] or "")
            return jsonify({"ok": True})
        if soort == "toelichting_alle":
            gezien, vervang = gegevens.get("gezien") or {}, gegevens.get("vervang") or {}
            if not all(
                isinstance(d, dict) and all(isinstance(v, str) for v in d.values())
                for d in (gezien, vervang)
            ):
                return _json_fout(400, "Onleesbaar verzoek.")
            try:
                conflicten = wizard.bewaar_toelichting_voor_alle(
                    db,
                    meting,
                    velden["vraag"] or "",
                    velden["waarde"] or "",
                    velden["origineel"] or "",
                    gezien,
                    vervang,
                    g.gebruiker.naam,
                )
            except KeyError:
                return _json_fout(400, "Die vraag hoort niet bij deze meting.")
            if conflicten:
                eigen = [c for c in conflicten if c.veld == "eigen_toelichting"]
                namen = {gm.cbs: gm.naam for gm in meting.gemeenten}
                return _json_fout(
                    409,
                    "Deze toelichting zou de eigen toelichting van "
                    + ", ".join(namen[c.cbs] for c in eigen)
                    + " vervangen. Niet opgeslagen."
                    if eigen and len(eigen) == len(conflicten)
                    else "Een toelichting is intussen elders gewijzigd. Laad de pagina opnieuw.",
                    vervangen=[
                        {"cbs": c.cbs, "naam": namen[c.cbs], "tekst": c.huidige_waarde}
                        for c in eigen
                    ],
                    gewijzigd=[c.cbs for c in conflicten if c.veld != "eigen_toelichting"],
                )
            return jsonify({"ok": True})
        if soort == "notitie":
            conflict = wizard.bewaar_notitie(
                db,
                meting,
                velden["thema"] or "",
                velden["waarde"] or "",
                velden["origineel"] or "",
                g.gebruiker.naam,
                velden["cbs"],
            )
            if conflict:
                return _json_fout(
                    409, _conflict_tekst(meting, conflict), huidig=conflict.huidige_waarde
                )
            return jsonify({"ok": True})
    # Any refusal of the store (an unknown cell, a text over its limit) as JSON with the
    # store's message, which the page shows beside the field.
    except OngeldigeInvoer as fout:
        return _json_fout(400, str(fout))
    except ValueError:
        return _json_fout(400, "Dat antwoord staat niet op de schaal.")
    except MetingAfgerond as fout:
        return _json_fout(409, str(fout))
    return _json_fout(400, "Onbekend soort verzoek.")


def _conflict_tekst(meting, conflict: wizard.Conflict) -> str:
    if conflict.veld == "waarde":
        huidig = (
            meting.vragenlijst.schaal.label(conflict.huidige_waarde)
            if conflict.huidige_waarde
            else "open"
        )
        return f"Dit antwoord is intussen elders gewijzigd (nu: {huidig}). Kijk het na en kies opnieuw."
    return "Deze tekst is intussen elders gewijzigd. Kijk hem na en pas hem opnieuw aan."


# --- presentation, afronden --------------------------------------------------------------------


def _volg_vraag(db, meting, vraag_id: str) -> None:
    """The projector shows the vraag just answered or pointed at. Only a vraag of this meting:
    a stray id from a crafted request is ignored, the answer itself was already saved."""
    if any(v.id == vraag_id for v in meting.vragenlijst.vragen):
        opslag.zet_huidige_vraag(db, meting.id, vraag_id)


@bp.get("/presentatie")
@login_vereist
def presentatie(meting_id: int):
    db = get_db()
    meting = opslag.meting(db, meting_id)
    thema_ = regels.open_thema(meting)
    antwoorden = opslag.antwoorden(db, meting_id)
    scores = None
    if opslag.onthuld_thema(db, meting_id) == thema_.id:
        # Scoring loads with the first scores shown, not at start (issue 13).
        from ..scores import resultaten

        uitslag = resultaten.bereken(meting, antwoorden)
        scores = [(g.naam, g.scores.thema(thema_.id)) for g in uitslag.gemeenten]
    huidig = opslag.huidige_vraag(db, meting_id)
    return render_template(
        "sessie/presentatie.html",
        meting=meting,
        thema=thema_,
        antwoorden=antwoorden,
        scores=scores,
        index=meting.vragenlijst.themas.index(thema_),
        voortgang=voortgang_van(meting, antwoorden),
        # Highlighted only when it is on this thema's screen (the facilitator may have moved on).
        huidige_vraag=huidig if any(v.id == huidig for v in thema_.vragen) else None,
        stand=opslag.stand(db, meting_id),
    )


@bp.get("/presentatie/volg")
@login_vereist
def presentatie_volg(meting_id: int):
    """Where the projector's refresh goes without JavaScript: the presentation, opened at the
    current vraag (a redirect may carry a fragment; the browser scrolls to it)."""
    vraag = opslag.huidige_vraag(get_db(), meting_id)
    return redirect(
        url_for("sessie.presentatie", meting_id=meting_id, _anchor=f"p-{vraag}" if vraag else None)
    )


@bp.post("/presentatie/vraag")
@login_vereist
def presentatie_vraag(meting_id: int):
    """The facilitator's page says which vraag it is on (focus, or Alt+arrow): JSON
    ``{"vraag": id}`` with the CSRF token in a header, like the autosave."""
    meting = opslag.meting(get_db(), meting_id)
    gegevens = request.get_json(silent=True)
    vraag = gegevens.get("vraag") if isinstance(gegevens, dict) else None
    if not isinstance(vraag, str) or not any(v.id == vraag for v in meting.vragenlijst.vragen):
        return _json_fout(400, "Die vraag hoort niet bij deze meting.")
    opslag.zet_huidige_vraag(get_db(), meting_id, vraag)
    return jsonify({"ok": True})


@bp.get("/voortgangregel")
@login_vereist
def voortgangregel(meting_id: int):
    """The session header's progress line alone, for sessie.js to put in place after a save."""
    meting = opslag.meting(get_db(), meting_id)
    return render_template(
        "sessie/_voortgangregel.html", meting=meting, voortgang=voortgang_van(meting)
    )


@bp.post("/onthul")
@login_vereist
def onthul(meting_id: int):
    """Show or hide the current thema's per-gemeente scores on the projector."""
    if LeegForm().validate_on_submit():
        thema_id = request.form.get("thema") or ""
        opslag.onthul_scores(
            get_db(), meting_id, thema_id if request.form.get("actie") == "tonen" else None
        )
    return redirect(terug_in_meting(meting_id))


@bp.get("/presentatie/stand")
@login_vereist
def presentatie_stand(meting_id: int):
    """A fingerprint of what the projector shows; the page reloads when it changes."""
    return jsonify({"stand": opslag.stand(get_db(), meting_id)})


def _afrondpagina(meting_id: int, afrond_form=None, heropen_form=None, status: int = 200):
    from ..scores import voortgang  # scores load with the first page that needs them

    db = get_db()
    meting = opslag.meting(db, meting_id)
    return render_template(
        "sessie/afronden.html",
        meting=meting,
        voortgang=voortgang_van(meting),
        # A warning, not a refusal: the facilitator may have meant it (a shared lesson).
        genoemd=voortgang.genoemde_gemeenten(
            meting.vragenlijst, meting.gemeenten, opslag.notities(db, meting_id)
        )
        if meting.status == "concept"
        else (),
        afrond_form=afrond_form or AfrondForm(),
        heropen_form=heropen_form or HeropenForm(),
        logboek=opslag.logboek(db, meting_id),
    ), status


@bp.route("/afronden", methods=["GET", "POST"])
@login_vereist
def afronden(meting_id: int):
    form = AfrondForm()
    if form.validate_on_submit():
        opslag.rond_af(get_db(), meting_id, wie=g.gebruiker.naam)
        flash("De meting is afgerond. Antwoorden kunnen nu niet meer worden gewijzigd.")
        return redirect(url_for("metingen.meting", meting_id=meting_id))
    # Not ticked: the page again, with the error summary above the form (400).
    return _afrondpagina(meting_id, afrond_form=form, status=400 if form.errors else 200)


@bp.post("/heropenen")
@login_vereist
def heropenen(meting_id: int):
    form = HeropenForm()
    if not form.validate_on_submit():
        # No reden: the page again, with the error summary above the form (400).
        return _afrondpagina(meting_id, heropen_form=form, status=400)
    opslag.heropen(get_db(), meting_id, wie=g.gebruiker.naam, reden=form.reden.data.strip())
    flash("De meting is heropend. Dit is vastgelegd in het logboek.")
    return redirect(url_for("metingen.meting", meting_id=meting_id))

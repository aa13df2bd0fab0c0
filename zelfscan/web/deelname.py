"""What a participant's phone sees: join by code, choose a gemeente, vote on the open thema.

Public on purpose (no account), and so narrow: every view starts from the code in the URL, and
only an open participation is found by it; the participant comes from a cookie signed for that
participation and sent only under its own path (``/d/<code>/``), so it opens nothing else and
stops working the moment the facilitator closes participation. A participant sees the open
thema and their own votes and, once settled, their own gemeente's answer; never another
gemeente's votes or answers, nor any facilitator page. Every form carries a CSRF token; every
request of a participant counts towards a rate limit (``web.snelheid``).

Works without JavaScript (plain forms, post and redirect, a "vernieuwen" link); with it,
``static/deelname.js`` sends each choice at once and follows the facilitator every 2 seconds.
"""

from __future__ import annotations

import hashlib
import math

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from itsdangerous import BadSignature, URLSafeSerializer

from .. import opslag
from ..errors import MetingAfgerond, NietGevonden, OngeldigeInvoer
from ..opslag import deelnametabel, regels, stemtabel
from . import adressen
from .forms import LeegForm
from .snelheid import begrenzer
from .verzoekdb import get_db

bp = Blueprint("deelname", __name__, url_prefix="/d")

COOKIE = "zelfscan_deelname"
# A session day; closing participation ends it sooner.
COOKIE_DUUR = 12 * 3600
REGIOBREED = "regiobreed"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="zelfscan-deelname")


def _adres() -> str:
    return request.remote_addr or ""


# The token (code) in the address is the key: no caches, search engines, referrers.
bp.after_request(adressen.geen_sporen)


def _ongeldig(gesloten: bool = False):
    # The phone's script asks for JSON: it reloads on 404 and then shows this page.
    if request.accept_mimetypes.best == "application/json":
        tekst = "Deze code werkt niet meer." if gesloten else "Deze code werkt niet."
        return make_response(jsonify({"fout": tekst}), 404)
    return Response(render_template("deelname/ongeldig.html", gesloten=gesloten), status=404)


def _te_veel(soort: str, sleutel: str):
    """429 with the real wait, in minutes (and as Retry-After)."""
    seconden = begrenzer().wacht(soort, sleutel) or 60
    minuten = math.ceil(seconden / 60)
    wacht = "een minuut" if minuten == 1 else f"{minuten} minuten"
    if soort == "DEELNAME_FOUTE_CODES":
        reden = "Op dit netwerk is te vaak een code ingevuld die niet werkt."
    else:
        reden = "Er kwamen te veel verzoeken achter elkaar."
    if request.accept_mimetypes.best == "application/json":
        antwoord = jsonify({"fout": f"{reden} Wacht {wacht} en probeer het opnieuw."})
    else:
        antwoord = make_response(render_template("deelname/te_veel.html", reden=reden, wacht=wacht))
    antwoord.status_code = 429
    antwoord.headers["Retry-After"] = str(seconden)
    return antwoord


@bp.route("/", methods=["GET", "POST"])
def code():
    """Typing the code from the projector (the QR code skips this page)."""
    form = LeegForm()
    fout = None
    if request.method == "POST" and form.validate_on_submit():
        if begrenzer().te_veel("DEELNAME_FOUTE_CODES", _adres()):
            return _te_veel("DEELNAME_FOUTE_CODES", _adres())
        getypt = request.form.get("code") or ""
        gevonden = deelnametabel.deelname_met_code(get_db(), getypt)
        if gevonden is not None:
            return redirect(url_for("deelname.pagina", code=gevonden.code))
        if deelnametabel.code_gesloten(get_db(), getypt):
            fout = "Deze code werkt niet meer. Kijk op het scherm of er een nieuwe code is."
        else:
            begrenzer().tel("DEELNAME_FOUTE_CODES", _adres())
            fout = "Deze code werkt niet. Kijk op het scherm en probeer het opnieuw."
    elif request.method == "POST":
        abort(400)
    return render_template("deelname/code.html", form=form, fout=fout), 200 if not fout else 400


@bp.url_value_preprocessor
def laad_deelname(_endpoint, waarden):
    """The participation of the code in the address, and the participant of the cookie.

    A code that does not work counts towards a limit per address (``DEELNAME_FOUTE_CODES``), as
    one typed wrong on the form: together they stop a script guessing codes. Not counted:
    a code in lower case or with a space (sent on to the capitals), a code that worked and was
    closed (every phone in the room asks once more after closing), and a phone with a valid
    cookie for the open participation (it has its own limit, ``DEELNAME_PER_DEELNEMER``), so a
    room behind one address that did hit the limit still votes. Without such a cookie an
    address over the limit gets the same 429 for every code, right, wrong or closed: the
    answer tells a guesser nothing.
    """
    if not waarden or "code" not in waarden:
        return
    code = waarden.pop("code")
    gewoon = regels.deelnamecode(code)
    if gewoon is not None and gewoon != code:
        doel = url_for(request.endpoint, **{**waarden, "code": gewoon})
        if request.query_string:
            doel += "?" + request.query_string.decode("latin-1")
        # 307 keeps a POST a POST; the cookie goes to the capitals' path.
        abort(redirect(doel, 302 if request.method in ("GET", "HEAD") else 307))
    db = get_db()
    gevonden = deelnametabel.deelname_met_code(db, code) if gewoon == code else None
    stemmer = _stemmer_uit_cookie(gevonden) if gevonden is not None else None
    if stemmer is not None:
        if begrenzer().tel("DEELNAME_PER_DEELNEMER", stemmer.id):
            abort(_te_veel("DEELNAME_PER_DEELNEMER", stemmer.id))
    elif begrenzer().te_veel("DEELNAME_FOUTE_CODES", _adres()):
        abort(_te_veel("DEELNAME_FOUTE_CODES", _adres()))
    elif gevonden is None:
        if gewoon is not None and deelnametabel.code_gesloten(db, gewoon):
            abort(_ongeldig(gesloten=True))
        begrenzer().tel("DEELNAME_FOUTE_CODES", _adres())
        abort(_ongeldig())
    g.deelname = gevonden
    g.stemmer = stemmer


@bp.url_defaults
def geef_code_door(_endpoint, waarden):
    if "code" not in waarden and "deelname" in g:
        waarden["code"] = g.deelname.code


def _stemmer_uit_cookie(deelname: deelnametabel.Deelname):
    ruw = request.cookies.get(COOKIE)
    if not ruw:
        return None
    try:
        inhoud = _serializer().loads(ruw)
    except BadSignature:
        return None
    if not isinstance(inhoud, dict) or inhoud.get("d") != deelname.id:
        return None  # a cookie of another (or an earlier) participation
    stemmer_id = inhoud.get("s")
    if not isinstance(stemmer_id, str):
        return None
    gevonden = deelnametabel.stemmer(get_db(), deelname.meting_id, stemmer_id)
    if gevonden is None or gevonden.deelname_id != deelname.id:
        return None
    return gevonden


def _pad() -> str:
    # The cookie goes only to this participation's pages (and url_for includes any prefix the
    # app is mounted under).
    return url_for("deelname.pagina")


@bp.get("/<code>/")
def pagina():
    db = get_db()
    meting = opslag.meting(db, g.deelname.meting_id)
    if meting.afgerond:
        return render_template("deelname/ongeldig.html", afgerond=True), 410
    if g.stemmer is None:
        return render_template("deelname/aanmelden.html", meting=meting, form=LeegForm())
    return render_template("deelname/stemmen.html", **_stemcontext(db, meting))


def _vastgesteld(db, meting, thema) -> dict:
    """vraag_id → the settled answer this participant may see: their own gemeente's; for
    regiobreed once every gemeente is settled, as one answer when they agree (None: it
    differs per gemeente)."""
    besluiten = stemtabel.besluiten(db, meting.id)
    doelen = [g.stemmer.cbs] if g.stemmer.cbs else [gm.cbs for gm in meting.gemeenten]
    uit = {}
    for vraag in thema.vragen:
        eigen = [besluiten.get((cbs, vraag.id)) for cbs in doelen]
        if all(eigen):
            waarden = {b.waarde for b in eigen}
            uit[vraag.id] = waarden.pop() if len(waarden) == 1 else None
    return uit


def _stemcontext(db, meting) -> dict:
    thema = regels.open_thema(meting)
    vastgesteld = _vastgesteld(db, meting, thema)
    return {
        "meting": meting,
        "thema": thema,
        "stemmer": g.stemmer,
        "gemeente": meting.gemeente(g.stemmer.cbs) if g.stemmer.cbs else None,
        "eigen": stemtabel.eigen_stemmen(db, meting.id, g.stemmer.id),
        "vastgesteld": vastgesteld,
        "form": LeegForm(),
        "stand": _stand(meting, thema, vastgesteld),
    }


def _stand(meting, thema, vastgesteld) -> str:
    tekst = f"{meting.status}|{thema.id}|{sorted(vastgesteld.items(), key=str)}"
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()[:16]


@bp.post("/<code>/aanmelden")
def aanmelden():
    if not LeegForm().validate_on_submit():
        abort(400)
    if begrenzer().tel("DEELNAME_AANMELDINGEN", _adres()):
        return _te_veel("DEELNAME_AANMELDINGEN", _adres())
    db = get_db()
    meting = opslag.meting(db, g.deelname.meting_id)
    keuze = request.form.get("gemeente") or ""
    if keuze != REGIOBREED and not any(gm.cbs == keuze for gm in meting.gemeenten):
        return _aanmelden_opnieuw(meting, "Kies de gemeente waarvoor u antwoordt, of ‘regiobreed’.")
    try:
        nieuw = deelnametabel.meld_aan(
            db,
            g.deelname.id,
            None if keuze == REGIOBREED else keuze,
            organisatie=request.form.get("organisatie") or "",
            rol=request.form.get("rol") or "",
        )
    except (NietGevonden, MetingAfgerond) as fout:
        flash(str(fout), "fout")  # participation ended: the page says so
        return redirect(url_for("deelname.pagina"))
    except OngeldigeInvoer as fout:
        return _aanmelden_opnieuw(meting, str(fout))
    antwoord = redirect(url_for("deelname.pagina"))
    antwoord.set_cookie(
        COOKIE,
        _serializer().dumps({"d": g.deelname.id, "s": nieuw.id}),
        max_age=COOKIE_DUUR,
        path=_pad(),
        secure=request.is_secure,
        httponly=True,
        samesite="Lax",
    )
    return antwoord


def _aanmelden_opnieuw(meting, fout: str):
    # The form again with what was typed, and the reason beside it: nothing typed is lost.
    return render_template(
        "deelname/aanmelden.html", meting=meting, form=LeegForm(), fout=fout, ingevuld=request.form
    ), 400


@bp.post("/<code>/afmelden")
def afmelden():
    """ "Andere gemeente kiezen": this phone starts again as a new participant. Whoever chose
    the wrong gemeente leaves no vote in its spread and no longer counts as one of the room;
    votes an answer was already settled on stay (``stemtabel.meld_af``)."""
    if not LeegForm().validate_on_submit():
        abort(400)
    if g.stemmer is not None and stemtabel.meld_af(get_db(), g.deelname.meting_id, g.stemmer.id):
        flash("Uw keuzes bij de open vragen zijn ingetrokken. Kies nu uw gemeente.")
    antwoord = redirect(url_for("deelname.pagina"))
    antwoord.delete_cookie(COOKIE, path=_pad(), secure=request.is_secure, samesite="Lax")
    return antwoord


@bp.post("/<code>/stem")
def stem():
    """The choices on the open thema: every ``v:<vraag_id>`` field is a vote. From the page's
    script one field at a time (JSON answer), from the form without script all at once."""
    wil_json = request.accept_mimetypes.best == "application/json"
    if not LeegForm().validate_on_submit():
        abort(400)
    if g.stemmer is None:
        if wil_json:
            return jsonify({"fout": "Meld u eerst aan."}), 403
        return redirect(url_for("deelname.pagina"))
    db = get_db()
    meting = opslag.meting(db, g.deelname.meting_id)
    eigen = stemtabel.eigen_stemmen(db, meting.id, g.stemmer.id)
    vragen = {v.id for v in meting.vragenlijst.vragen}
    fouten, doorgegeven, ongewijzigd = [], 0, 0
    for veld, waarde in request.form.items():
        if not veld.startswith("v:"):
            continue
        vraag_id = veld[2:]
        if vraag_id not in vragen:
            # The store names the vragenlijst for the facilitator; a phone needs no more than:
            fouten.append("Deze vraag kennen we niet. Vernieuw de pagina en kies opnieuw.")
            continue
        if waarde.strip() and str(eigen.get(vraag_id, "")) == waarde:
            ongewijzigd += 1  # nothing to pass on (and a settled one is not refused again)
            continue
        try:
            stemtabel.sla_stem(db, meting.id, g.stemmer.id, vraag_id, waarde)
            doorgegeven += 1
        except (OngeldigeInvoer, NietGevonden, MetingAfgerond) as fout:
            fouten.append(str(fout))
    if doorgegeven:
        bericht = "Uw antwoord is doorgegeven."
    elif ongewijzigd:
        bericht = "Dit antwoord had u al doorgegeven. Er is niets veranderd."
    else:
        bericht = None
    if wil_json:
        if fouten:
            return jsonify({"fout": fouten[0]}), 409
        if bericht is None:
            return jsonify({"fout": "Kies eerst een antwoord."}), 400
        return jsonify({"ok": True, "bericht": bericht, "doorgegeven": doorgegeven})
    for fout in dict.fromkeys(fouten):
        flash(fout, "fout")
    if bericht:
        flash(bericht)
    elif not fouten:
        flash("U hebt nog niets gekozen. Kies bij een vraag een antwoord.", "fout")
    return redirect(url_for("deelname.pagina"))


@bp.get("/<code>/stand")
def stand():
    """What the page shows, as a fingerprint: the script reloads when it changes (the
    facilitator opened another thema, or settled an answer of this participant's gemeente)."""
    db = get_db()
    meting = opslag.meting(db, g.deelname.meting_id)
    if g.stemmer is None or meting.afgerond:
        return jsonify({"stand": "opnieuw"})
    thema = regels.open_thema(meting)
    return jsonify({"stand": _stand(meting, thema, _vastgesteld(db, meting, thema))})


def codeweergave(code: str) -> str:
    """The code as shown on the projector: two groups of three, easier to read aloud."""
    return f"{code[:3]} {code[3:]}" if len(code) == regels.DEELNAMECODE_LENGTE else code

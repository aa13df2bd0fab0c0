"""What a gemeente sees through its private link: its own results, its PDF, its ambities.

Every view starts from the token and only from the token: the meting and the gemeente come
from the link, never from the URL or the form, so no change to a URL reaches other data.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for

from .. import opslag
from ..opslag import gemeentelinks
from ..opslag.verbinding import write_transaction
from . import adressen, ambitieformulier
from .forms import LeegForm
from .verzoekdb import get_db

bp = Blueprint("gemeente", __name__, url_prefix="/g/<token>")


@bp.url_value_preprocessor
def laad_link(_endpoint, waarden):
    token = waarden.pop("token", "")
    link = gemeentelinks.zoek(get_db(), token)
    if link is None:
        abort(Response(render_template("links/ongeldig.html"), status=404))
    g.link, g.token = link, token


@bp.url_defaults
def geef_token_door(_endpoint, waarden):
    if "token" not in waarden and "token" in g:
        waarden["token"] = g.token


# The token (code) in the address is the key: no caches, search engines, referrers.
bp.after_request(adressen.geen_sporen)


def _gegevens(met_terugblik: bool = False):
    # Scoring and comparisons load with the first results page, not at start (issue 13).
    from ..scores import resultaten
    from .terugblik import terugblik

    db = get_db()
    meting = opslag.meting(db, g.link.meting_id)
    antwoorden = opslag.antwoorden(db, meting.id)
    uitslag = resultaten.bereken(meting, antwoorden)
    blik = terugblik(db, meting, antwoorden) if met_terugblik else None
    return db, meting, uitslag, uitslag.gemeente(g.link.cbs), blik


@bp.get("/")
def pagina():
    return _toon()


def _toon(gelezen: ambitieformulier.Gelezen | None = None):
    """The page; after a refused save (``gelezen``) with what was typed and why not (400)."""
    from .tekeningen import radar_namen
    from .terugblik import gemeente_context

    db, meting, uitslag, gemeente, blik = _gegevens(met_terugblik=True)
    ambities = {t: a for (c, t), a in opslag.ambities(db, meting.id).items() if c == gemeente.cbs}
    # The notes for all and this gemeente's own; another gemeente's stays with that gemeente.
    notities = {
        (t, c): n.tekst.strip()
        for (t, c), n in opslag.notities(db, meting.id).items()
        if c in (None, gemeente.cbs) and n.tekst.strip()
    }
    return render_template(
        "links/gemeente.html",
        meting=meting,
        resultaat=uitslag,
        gemeente=gemeente,
        invoer=gelezen.invoer if gelezen else ambitieformulier.opgeslagen(meting, ambities),
        fouten=gelezen.fouten if gelezen else [],
        notities=notities,
        radar_url=url_for("gemeente.radar", formaat="svg"),
        radar_png_url=url_for("gemeente.radar", formaat="png"),
        radar_namen=radar_namen(meting, gemeente.cbs),
        trend_url=url_for("gemeente.trend"),
        form=LeegForm(),
        **gemeente_context(meting, uitslag, blik, gemeente.cbs),
    ), (400 if gelezen else 200)


@bp.get("/radar.<formaat>")
def radar(formaat: str):
    """The gemeente's radar as on its page, SVG or PNG (for slides): of its own gemeente only."""
    from .tekeningen import TYPES, radar_antwoord

    if formaat not in TYPES:
        abort(404)
    _, meting, uitslag, gemeente, blik = _gegevens(met_terugblik=True)
    return radar_antwoord(meting, uitslag, gemeente.cbs, blik, formaat)


@bp.get("/trend.svg")
def trend():
    from .tekeningen import trend_svg_voor

    _, _, _, gemeente, blik = _gegevens(met_terugblik=True)
    gevonden = blik.trend(gemeente.cbs) if blik else None
    if gevonden is None:
        abort(404)
    return Response(trend_svg_voor(gevonden), mimetype="image/svg+xml")


@bp.get("/rapport.pdf")
def rapport():
    from .resultaatpaginas import pdf_antwoord

    return pdf_antwoord(g.link.meting_id, g.link.cbs)


@bp.post("/ambities")
def ambities():
    if not LeegForm().validate_on_submit():
        abort(400)
    db, meting, _, gemeente, _ = _gegevens()
    # Every field checked before any is saved (each thema is its own save): a wrong one brings
    # the page back with every field as typed and the store's message at the field, instead of
    # saving half of it or an error page that loses everything typed.
    gelezen = ambitieformulier.lees(meting, request.form)
    if gelezen.fouten:
        return _toon(gelezen)
    # One transaction for the whole form (each save nests as a savepoint): a save that fails
    # half-way (a full disk, a rule of the store) leaves every ambitie as it was (issue 18).
    with write_transaction(db):
        for thema_id, niveau, tekst, door, wanneer in gelezen.wijzigingen:
            gezet = niveau is not None
            opslag.sla_ambitie(
                db,
                meting.id,
                gemeente.cbs,
                thema_id,
                niveau,
                tekst if gezet else "",
                door=door if gezet else "",
                wanneer=wanneer if gezet else "",
                wie=f"{gemeente.naam} (via link)",
            )
    # Shown beside the button, not at the top of this long page: where the eye is (the page
    # puts the focus on it). "ter-plaatse": base.html leaves it to the page.
    flash("Uw ambities zijn opgeslagen.", "ter-plaatse")
    return redirect(url_for("gemeente.pagina", _anchor="ambities-opgeslagen"))

"""Friendly Dutch error pages; never a stack trace to a user."""

from __future__ import annotations

from flask import Flask, g, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from ..errors import DatabaseFout, MetingAfgerond, NietGevonden, Verouderd, ZelfscanError

_PAGINAS = {
    400: (
        "Dat verzoek begrijpen we niet",
        "Er ging iets mis met wat de browser stuurde. Ga terug en probeer het opnieuw.",
    ),
    403: ("Geen toegang", "U hebt geen toegang tot deze pagina."),
    404: (
        "Pagina niet gevonden",
        "Deze pagina bestaat niet (meer). Controleer het adres of ga naar het overzicht.",
    ),
    405: ("Dat kan hier niet", "Deze pagina kan dat verzoek niet verwerken."),
    413: ("Te veel gegevens", "Wat u verstuurde is te groot."),
    409: ("Niet opgeslagen", "Dit kon niet worden opgeslagen."),
    429: (
        "Even geduld",
        "Er kwamen te veel verzoeken achter elkaar. Wacht even en probeer het opnieuw.",
    ),
    503: (
        "Tijdelijk niet beschikbaar",
        "De database is even niet bereikbaar. Probeer het zo opnieuw.",
    ),
    500: (
        "Er ging iets mis",
        "Er ging iets mis aan onze kant. Wat al als “opgeslagen” was gemeld, is bewaard. "
        "Probeer het opnieuw; blijft het misgaan, meld dan wat u deed.",
    ),
}


# A participant's phone (/d/): no account, no facilitator page to go back to; B1 Dutch.
_DEELNEMER = {
    400: (
        "Dat ging niet goed",
        "De telefoon stuurde iets wat we niet begrijpen. Probeer het opnieuw.",
    ),
    404: ("Pagina niet gevonden", "Deze pagina bestaat niet. Kijk of het adres klopt."),
    405: ("Dat kan hier niet", "Deze pagina kan dat niet. Ga terug naar uw pagina."),
    409: ("Niet doorgegeven", "Uw keuze is niet doorgegeven. Probeer het opnieuw."),
    413: ("Te veel tekst", "U stuurde te veel tekst. Maak het korter en probeer het opnieuw."),
    429: ("Even geduld", "Er kwamen te veel verzoeken achter elkaar. Wacht even."),
    500: ("Er ging iets mis", "Er ging iets mis bij ons. Probeer het opnieuw."),
    503: ("Even niet bereikbaar", "Het stemmen werkt even niet. Probeer het zo opnieuw."),
}


def _voor_deelnemer() -> bool:
    """A participant's page: the deelname blueprint, or any address under /d/ (also one that
    matched no route)."""
    return request.blueprint == "deelname" or request.path == "/d" or request.path.startswith("/d/")


def _pagina(code: int, **extra):
    if _voor_deelnemer():
        return _deelnemerpagina(code, **extra)
    titel, uitleg = _PAGINAS.get(code, _PAGINAS[500])
    context = {"titel": titel, "uitleg": uitleg, **extra}
    if request.accept_mimetypes.best == "application/json":
        return {"fout": context["uitleg"], "titel": context["titel"]}, code
    return render_template("fouten/fout.html", **context), code


def _deelnemerpagina(code: int, titel: str | None = None, uitleg: str | None = None, **_extra):
    """The participant's own layout, with a way back to their own page (the code's page when
    the address had a working code, else where a code is typed)."""
    standaard = _DEELNEMER.get(code, _DEELNEMER[500])
    titel, uitleg = titel or standaard[0], uitleg or standaard[1]
    if request.accept_mimetypes.best == "application/json":
        return {"fout": uitleg, "titel": titel}, code
    if "deelname" in g:
        terug = url_for("deelname.pagina", code=g.deelname.code)
        terugtekst = "Terug naar uw pagina"
    else:
        terug, terugtekst = url_for("deelname.code"), "Een code invullen"
    return render_template(
        "deelname/fout.html", titel=titel, uitleg=uitleg, terug=terug, terugtekst=terugtekst
    ), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_verlopen(_fout):
        if _voor_deelnemer():
            return _deelnemerpagina(
                400,
                titel="De pagina was verlopen",
                uitleg="Uw keuze is niet doorgegeven. Kies opnieuw."
                if request.accept_mimetypes.best != "application/json"
                # The phone's script keeps the old page: it needs a fresh one first.
                else "De pagina was verlopen. Uw keuze is niet doorgegeven. Vernieuw de pagina "
                "en kies opnieuw.",
            )
        if request.blueprint == "gemeente":
            # A gemeente's link has no login to lose: say what happened in its words, and lead
            # back to its own page, never to the facilitator's.
            return _pagina(
                400,
                titel="De pagina was verlopen",
                uitleg="De pagina stond te lang open, dus uw wijziging is niet opgeslagen. Open "
                "uw pagina opnieuw en vul de wijziging nog eens in.",
                terug=url_for("gemeente.pagina"),
                terugtekst="Terug naar uw pagina",
            )
        return _pagina(
            400,
            titel="Uw sessie is verlopen",
            uitleg="Deze pagina stond te lang open of u was intussen uitgelogd, dus de wijziging is "
            "niet verwerkt. Laad de pagina opnieuw en voer de laatste wijziging nog eens in.",
            bewaard=True,
            terug=request.referrer
            if request.referrer and request.referrer.startswith(request.host_url)
            else None,
            terugtekst="Terug naar de pagina",
        )

    @app.errorhandler(HTTPException)
    def http_fout(fout: HTTPException):
        if fout.response is not None:  # abort(Response(...)): the view made its own page
            return fout.response
        return _pagina(fout.code or 500)

    @app.errorhandler(ZelfscanError)
    def zelfscan_fout(fout: ZelfscanError):
        # Our own errors are explanations meant for people: show them, with a fitting status.
        if isinstance(fout, NietGevonden):
            return _pagina(404, uitleg=str(fout))
        if isinstance(fout, (MetingAfgerond, Verouderd)):
            return _pagina(409, titel="Niet opgeslagen", uitleg=str(fout))
        if isinstance(fout, DatabaseFout):
            return _pagina(503, titel="De database is niet beschikbaar", uitleg=str(fout))
        return _pagina(400, titel="Dat lukte niet", uitleg=str(fout))

    @app.errorhandler(Exception)
    def onverwacht(fout: Exception):
        app.logger.exception("Onverwachte fout: %s", fout)
        return _pagina(500)

"""Friendly Dutch error pages; never a stack trace to a user."""

from __future__ import annotations

from flask import Flask, render_template, request
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


def _pagina(code: int, **extra):
    titel, uitleg = _PAGINAS.get(code, _PAGINAS[500])
    context = {"titel": titel, "uitleg": uitleg, **extra}
    if request.accept_mimetypes.best == "application/json":
        return {"fout": context["uitleg"], "titel": context["titel"]}, code
    return render_template("fouten/fout.html", **context), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_verlopen(_fout):
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

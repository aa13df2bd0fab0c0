"""The addresses gemeenten get: built from ``PUBLIEKE_URL`` (``ZELFSCAN_PUBLIEKE_URL``) when set,
else from the address the facilitator's browser used; and whether such an address can be reached
from elsewhere at all (127.0.0.1, localhost and ::1 only work on this computer)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from flask import current_app, request, url_for

from ..errors import InstellingFout

OMGEVINGSVARIABELE = "ZELFSCAN_PUBLIEKE_URL"


def controleer_publieke_url(waarde: str) -> str:
    """The setting without a trailing slash, or InstellingFout in Dutch when it is not an
    absolute http(s) address (scheme, host and optionally a path prefix; no query or #)."""
    tekst = waarde.strip()
    delen = urlsplit(tekst)
    voorbeeld = (
        "Bijvoorbeeld: https://zelfscan.regio-voorbeeld.nl of https://www.voorbeeld.nl/zelfscan."
    )
    if delen.scheme not in ("http", "https") or not delen.hostname:
        raise InstellingFout(
            f"{OMGEVINGSVARIABELE} moet een volledig webadres zijn dat begint met https:// "
            f"(of http://), maar is {waarde!r}. {voorbeeld}"
        )
    if delen.query or delen.fragment or delen.username or delen.password:
        raise InstellingFout(
            f"{OMGEVINGSVARIABELE} mag alleen een adres met eventueel een pad bevatten, zonder "
            f"?, # of inloggegevens, maar is {waarde!r}. {voorbeeld}"
        )
    try:
        delen.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise InstellingFout(
            f"{OMGEVINGSVARIABELE} heeft een ongeldig poortnummer: {waarde!r}. {voorbeeld}"
        ) from None
    return tekst.rstrip("/")


def publieke_basis() -> str:
    """Where this app is reached from outside, without a trailing slash."""
    return current_app.config.get("PUBLIEKE_URL") or request.host_url.rstrip("/")


def publieke_url(endpoint: str, **waarden) -> str:
    """An absolute address for a gemeente, on the public address when one is set."""
    ingesteld = current_app.config.get("PUBLIEKE_URL")
    if not ingesteld:
        return url_for(endpoint, _external=True, **waarden)
    pad = url_for(endpoint, **waarden)
    # url_for's path carries the prefix this server was mounted under; the setting carries the
    # one the outside world uses.
    if request.script_root and pad.startswith(request.script_root):
        pad = pad[len(request.script_root) :]
    return ingesteld + pad


def is_loopback(adres: str) -> bool:
    """True for an address only this computer can open: 127.x, ::1, localhost."""
    host = (urlsplit(adres).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def geen_sporen(response):
    """For the pages whose address is their key (a gemeente's link, a participation code): keep
    them out of caches, search engines and other sites' logs. An ``after_request`` handler."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response

"""Private links for gemeenten: one gemeente, one meting, nothing else; revocable; expiring;
and the place where a gemeente records its ambities."""

from __future__ import annotations

import html as html_module
import re

import pytest

from tests.conftest import WACHTWOORD, csrf_token, log_in
from zelfscan import opslag
from zelfscan.errors import DatabaseFout
from zelfscan.opslag import gebruikers, gemeentelinks, regels


@pytest.fixture
def beantwoord(db, ijmond):
    for vraag in ijmond.vragenlijst.vragen:
        opslag.sla_antwoord_voor_alle(db, ijmond.id, vraag.id, 1, wie="test")
    opslag.rond_af(db, ijmond.id, wie="test")
    return ijmond


def maak_link(facilitator, meting, cbs: str, dagen: str = "") -> str:
    token = csrf_token(facilitator, f"/metingen/{meting.id}/links/")
    antwoord = facilitator.post(
        f"/metingen/{meting.id}/links/", data={"csrf_token": token, "cbs": cbs, "dagen": dagen}
    )
    assert antwoord.status_code == 302
    html = facilitator.get(antwoord.headers["Location"]).get_data(as_text=True)
    url = re.search(r'id="nieuwe-link" class="linkveld" value="([^"]+)"', html).group(1)
    # Shown once only.
    assert url not in facilitator.get(f"/metingen/{meting.id}/links/").get_data(as_text=True)
    return url.split("/g/")[1].rstrip("/")


def test_a_link_shows_one_gemeente_only(facilitator, app, beantwoord):
    token = maak_link(facilitator, beantwoord, "GM0375")
    bezoeker = app.test_client()  # the gemeente: not logged in
    antwoord = bezoeker.get(f"/g/{token}/")
    assert antwoord.status_code == 200
    html = antwoord.get_data(as_text=True)
    assert "Zelfscan-resultaten Beverwijk" in html
    assert "Heemskerk" not in html and "Velsen" not in html
    assert antwoord.headers["Referrer-Policy"] == "no-referrer"
    assert antwoord.headers["Cache-Control"] == "no-store"
    assert bezoeker.get(f"/g/{token}/radar.svg").mimetype == "image/svg+xml"


def test_no_url_change_reaches_other_data(facilitator, app, beantwoord, db):
    token = maak_link(facilitator, beantwoord, "GM0375")
    bezoeker = app.test_client()
    for pad in (
        f"/g/{token[:-1]}x/",  # a tampered token
        f"/g/{token}x/",
        "/g//",
        f"/g/{token.upper()}/",
    ):
        antwoord = bezoeker.get(pad)
        assert antwoord.status_code == 404, pad
        assert "Beverwijk" not in antwoord.get_data(as_text=True)
    for pad in (
        f"/metingen/{beantwoord.id}/resultaten/GM0396",
        f"/metingen/{beantwoord.id}/grafiek/radar-GM0396.svg",
        f"/metingen/{beantwoord.id}/rapport/GM0396.pdf",
        f"/g/{token}/../../metingen/{beantwoord.id}/resultaten",
    ):
        antwoord = bezoeker.get(pad)
        assert antwoord.status_code in (302, 404), pad
        assert "Heemskerk" not in antwoord.get_data(as_text=True)
    # A link of another meting does not open this one, and vice versa.
    assert gemeentelinks.zoek(db, token).meting_id == beantwoord.id


def test_revoked_and_expired_links_show_nothing(facilitator, app, beantwoord, db):
    token = maak_link(facilitator, beantwoord, "GM0396", dagen="30")
    bezoeker = app.test_client()
    assert bezoeker.get(f"/g/{token}/").status_code == 200
    [link] = gemeentelinks.links(db, beantwoord.id)
    assert link.verloopt_op is not None and link.laatst_gebruikt_op is not None
    db.execute("UPDATE gemeente_links SET verloopt_op = '2000-01-01T00:00:00+00:00'")
    db.conn.commit()
    verlopen = bezoeker.get(f"/g/{token}/")
    assert verlopen.status_code == 404
    assert "Deze link werkt niet (meer)" in verlopen.get_data(as_text=True)
    assert "Heemskerk" not in verlopen.get_data(as_text=True)

    token2 = maak_link(facilitator, beantwoord, "GM0396")
    assert bezoeker.get(f"/g/{token2}/").status_code == 200
    [_, link2] = gemeentelinks.links(db, beantwoord.id)
    csrf = csrf_token(facilitator, f"/metingen/{beantwoord.id}/links/")
    facilitator.post(
        f"/metingen/{beantwoord.id}/links/{link2.id}/intrekken", data={"csrf_token": csrf}
    )
    assert bezoeker.get(f"/g/{token2}/").status_code == 404
    assert bezoeker.get(f"/g/{token2}/radar.svg").status_code == 404
    # The logboek names the gemeente as a person reads it: by name (issue 20).
    assert [
        r.details for r in opslag.logboek(db, beantwoord.id) if r.actie == "link ingetrokken"
    ] == ["voor Heemskerk"]


def test_only_a_hash_of_the_token_is_stored(facilitator, beantwoord, db):
    token = maak_link(facilitator, beantwoord, "GM0453")
    dump = "\n".join(db.conn.iterdump())
    assert token not in dump


def test_gemeente_records_its_ambities(facilitator, app, beantwoord, db):
    token = maak_link(facilitator, beantwoord, "GM0453")
    bezoeker = app.test_client()
    csrf = csrf_token(bezoeker, f"/g/{token}/")
    themas = beantwoord.vragenlijst.themas
    antwoord = bezoeker.post(
        f"/g/{token}/ambities",
        data={
            "csrf_token": csrf,
            f"niveau:{themas[0].id}": "2",
            f"tekst:{themas[0].id}": "Opdracht herschrijven in 2022",
            f"niveau:{themas[1].id}": "3",
        },
    )
    assert antwoord.status_code == 302
    ambities = opslag.ambities(db, beantwoord.id)
    assert ambities[("GM0453", themas[0].id)].niveau == 2
    assert ambities[("GM0453", themas[0].id)].tekst == "Opdracht herschrijven in 2022"
    assert ambities[("GM0453", themas[1].id)].niveau == 3
    assert not any(c != "GM0453" for c, _ in ambities)
    html = bezoeker.get(f"/g/{token}/").get_data(as_text=True)
    assert "Opdracht herschrijven in 2022" in html

    # Clearing one removes it; junk and missing CSRF are refused.
    bezoeker.post(f"/g/{token}/ambities", data={"csrf_token": csrf, f"niveau:{themas[1].id}": "3"})
    assert ("GM0453", themas[0].id) not in opslag.ambities(db, beantwoord.id)
    assert (
        bezoeker.post(
            f"/g/{token}/ambities", data={"csrf_token": csrf, f"niveau:{themas[0].id}": "9"}
        ).status_code
        == 400
    )
    assert (
        bezoeker.post(f"/g/{token}/ambities", data={f"niveau:{themas[0].id}": "1"}).status_code
        == 400
    )


def test_link_for_a_gemeente_outside_the_meting_is_refused(facilitator, beantwoord, db):
    csrf = csrf_token(facilitator, f"/metingen/{beantwoord.id}/links/")
    antwoord = facilitator.post(
        f"/metingen/{beantwoord.id}/links/", data={"csrf_token": csrf, "cbs": "GM0392"}
    )
    # The form again, refused in words, never by the code (the store refuses it too: "doet
    # niet mee", tests/opslag).
    assert antwoord.status_code == 400
    html = antwoord.get_data(as_text=True)
    assert "Gemeente: Kies een gemeente die meedoet aan deze meting." in html
    assert "GM0392" not in html
    assert gemeentelinks.links(db, beantwoord.id) == []


def test_pdf_downloads_for_facilitator_and_through_the_link(facilitator, app, beantwoord):
    from io import BytesIO

    from pypdf import PdfReader

    eigen = facilitator.get(f"/metingen/{beantwoord.id}/rapport/GM0396.pdf")
    assert eigen.mimetype == "application/pdf"
    assert (
        'filename="zelfscan-2021-0-meting-ijmond-heemskerk.pdf"'
        in eigen.headers["Content-Disposition"]
    )
    tekst = " ".join(p.extract_text() for p in PdfReader(BytesIO(eigen.data)).pages)
    assert "Heemskerk" in tekst and "Verbeterpunten" in tekst
    assert (
        facilitator.get(f"/metingen/{beantwoord.id}/rapport/overzicht.pdf").mimetype
        == "application/pdf"
    )
    assert facilitator.get(f"/metingen/{beantwoord.id}/rapport/GM0392.pdf").status_code == 404

    token = maak_link(facilitator, beantwoord, "GM0453")
    via_link = app.test_client().get(f"/g/{token}/rapport.pdf")
    assert via_link.mimetype == "application/pdf"
    eerste = PdfReader(BytesIO(via_link.data)).pages[0].extract_text()
    assert "Velsen" in eerste and "Heemskerk" not in eerste


def test_a_new_link_never_travels_in_the_session_cookie(facilitator, app, beantwoord):
    # The session cookie is signed, not encrypted: whatever is in it can be read by anyone who
    # sees it. The new link is kept on the server and shown once (issue 18, item 8).
    from flask.sessions import SecureCookieSessionInterface

    csrf = csrf_token(facilitator, f"/metingen/{beantwoord.id}/links/")
    antwoord = facilitator.post(
        f"/metingen/{beantwoord.id}/links/", data={"csrf_token": csrf, "cbs": "GM0375"}
    )
    assert antwoord.status_code == 302
    pagina = facilitator.get(antwoord.headers["Location"])
    html = pagina.get_data(as_text=True)
    url = re.search(r'id="nieuwe-link" class="linkveld" value="([^"]+)"', html).group(1)
    token = url.split("/g/")[1].rstrip("/")
    assert html.count(token) == 1
    assert pagina.headers["Cache-Control"] == "no-store"

    koekje = facilitator.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert koekje is not None
    serializer = SecureCookieSessionInterface().get_signing_serializer(app)
    inhoud = serializer.loads(koekje.value)
    assert inhoud.get("gebruiker_id")  # really the session, read back
    assert token not in repr(inhoud) and token not in koekje.value
    assert token not in antwoord.headers["Location"]

    # A reload of the same address shows it no more.
    opnieuw = facilitator.get(antwoord.headers["Location"]).get_data(as_text=True)
    assert token not in opnieuw and 'id="nieuwe-link"' not in opnieuw


def test_a_new_link_is_shown_only_to_the_facilitator_who_made_it(facilitator, app, db, beantwoord):
    gebruikers.voeg_toe(db, "joost", WACHTWOORD, rol=gebruikers.BEHEERDER)
    csrf = csrf_token(facilitator, f"/metingen/{beantwoord.id}/links/")
    antwoord = facilitator.post(
        f"/metingen/{beantwoord.id}/links/", data={"csrf_token": csrf, "cbs": "GM0375"}
    )
    ander = app.test_client()
    assert log_in(ander, "joost").status_code == 302
    html = ander.get(antwoord.headers["Location"]).get_data(as_text=True)
    assert 'id="nieuwe-link"' not in html
    # The maker still sees it once: the other's attempt did not use it up.
    assert 'id="nieuwe-link"' in facilitator.get(antwoord.headers["Location"]).get_data(
        as_text=True
    )


def _alle_ambities(beantwoord, csrf, laatste_tekst: str = "Laatste") -> dict:
    themas = beantwoord.vragenlijst.themas
    data = {"csrf_token": csrf}
    for thema in themas:
        data[f"niveau:{thema.id}"] = "2"
        data[f"tekst:{thema.id}"] = f"Ambitie {thema.id}"
    data[f"tekst:{themas[-1].id}"] = laatste_tekst
    return data


def test_ambities_with_an_invalid_last_field_save_nothing(facilitator, app, beantwoord, db):
    token = maak_link(facilitator, beantwoord, "GM0453")
    bezoeker = app.test_client()
    csrf = csrf_token(bezoeker, f"/g/{token}/")
    te_lang = "x" * (regels.MAX_AMBITIE + 1)
    antwoord = bezoeker.post(f"/g/{token}/ambities", data=_alle_ambities(beantwoord, csrf, te_lang))
    assert antwoord.status_code == 400
    assert opslag.ambities(db, beantwoord.id) == {}


def test_ambities_are_saved_all_or_nothing_when_the_last_save_fails(
    facilitator, app, beantwoord, db, monkeypatch
):
    # Every field valid, but the store fails on the last thema (as a disk that fills up would):
    # the earlier thema's, already written in the same request, are rolled back with it.
    token = maak_link(facilitator, beantwoord, "GM0453")
    laatste = beantwoord.vragenlijst.themas[-1].id
    echt = opslag.sla_ambitie

    def sla_op(db_, meting_id, cbs, thema_id, *args, **kwargs):
        if thema_id == laatste:
            raise DatabaseFout("De schijf is vol: de laatste wijziging is niet opgeslagen.")
        return echt(db_, meting_id, cbs, thema_id, *args, **kwargs)

    monkeypatch.setattr(opslag, "sla_ambitie", sla_op)
    bezoeker = app.test_client()
    csrf = csrf_token(bezoeker, f"/g/{token}/")
    antwoord = bezoeker.post(f"/g/{token}/ambities", data=_alle_ambities(beantwoord, csrf))
    assert antwoord.status_code == 503
    assert "De schijf is vol" in antwoord.get_data(as_text=True)
    assert opslag.ambities(db, beantwoord.id) == {}
    monkeypatch.undo()
    assert (
        bezoeker.post(f"/g/{token}/ambities", data=_alle_ambities(beantwoord, csrf)).status_code
        == 302
    )
    assert len(opslag.ambities(db, beantwoord.id)) == len(beantwoord.vragenlijst.themas)


def _formulier(html: str) -> dict[str, str]:
    """What a browser would send of the ambities form as the page shows it, unchanged."""
    formulier = html[html.index('class="ambitieformulier"') :]
    data = {}
    for veld in re.findall(r"<input [^>]*>", formulier):
        naam, waarde = re.search(r'name="([^"]+)"', veld), re.search(r'value="([^"]*)"', veld)
        data[naam.group(1)] = waarde.group(1) if waarde else ""
    for naam, opties in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', formulier, re.S):
        gekozen = re.search(r'<option value="([^"]*)" selected', opties)
        data[naam] = gekozen.group(1) if gekozen else ""
    return {k: html_module.unescape(v) for k, v in data.items()}


def test_ambities_shown_with_a_date_are_accepted_back_unchanged(facilitator, app, beantwoord, db):
    # The page shows a saved wanneer as a reader writes it; pressing 'Ambities opslaan' without
    # a change was an error page ('30 juni 2027' is geen datum) that lost every choice.
    token = maak_link(facilitator, beantwoord, "GM0453")
    visie, sturing = (t.id for t in beantwoord.vragenlijst.themas[:2])
    opslag.sla_ambitie(db, beantwoord.id, "GM0453", visie, 3, "Nota", door="team Jeugd",
                       wanneer="30-06-2027", wie="x")  # fmt: skip
    opslag.sla_ambitie(db, beantwoord.id, "GM0453", sturing, 2, wanneer="q4 2027", wie="x")
    voor = opslag.ambities(db, beantwoord.id)
    bezoeker = app.test_client()
    data = _formulier(bezoeker.get(f"/g/{token}/").get_data(as_text=True))
    assert (data[f"wanneer:{visie}"], data[f"wanneer:{sturing}"]) == ("30 juni 2027", "Q4 2027")
    assert data[f"niveau:{visie}"] == "3" and data[f"wie:{visie}"] == "team Jeugd"
    antwoord = bezoeker.post(f"/g/{token}/ambities", data=data)
    assert antwoord.status_code == 302
    na = opslag.ambities(db, beantwoord.id)
    assert na == voor  # the same values, not even a new version


def test_a_wrong_ambitie_brings_the_page_back_with_every_field_as_typed(
    facilitator, app, beantwoord, db
):
    token = maak_link(facilitator, beantwoord, "GM0453")
    themas = beantwoord.vragenlijst.themas
    bezoeker = app.test_client()
    data = {"csrf_token": csrf_token(bezoeker, f"/g/{token}/")}
    for nr, thema in enumerate(themas):
        data |= {
            f"niveau:{thema.id}": str(1 + nr % 3),
            f"tekst:{thema.id}": f"Plan <{thema.id}> & zo",
            f"wie:{thema.id}": f"team {nr}",
            f"wanneer:{thema.id}": "Q1 2028",
        }
    data[f"wanneer:{themas[1].id}"] = "31-02-2028"
    data[f"wie:{themas[-1].id}"] = "w" * (regels.MAX_DEELNEMER + 1)
    antwoord = bezoeker.post(f"/g/{token}/ambities", data=data)
    assert antwoord.status_code == 400
    html = antwoord.get_data(as_text=True)
    assert opslag.ambities(db, beantwoord.id) == {}  # nothing saved, not even the good ones
    # The error summary first, focused, each message a link to its field.
    samenvatting = re.search(r'<div class="melding melding-fout foutoverzicht"[^>]*>(.*?)</div>',
                             html, re.S)  # fmt: skip
    assert samenvatting and "autofocus" in samenvatting.group(0)
    assert html.index('id="foutoverzicht"') < html.index("<h1>")
    links = re.findall(r'<li><a href="#([^"]+)">([^<]+)</a></li>', samenvatting.group(1))
    assert [id_ for id_, _ in links] == [f"wanneer-{themas[1].id}", f"wie-{themas[-1].id}"]
    assert html_module.unescape(links[0][1]).startswith(
        f"{themas[1].titel}, wanneer: ‘31-02-2028’ is geen datum of kwartaal."
    )
    assert "Wie de ambitie oppakt is te lang (121 tekens" in links[1][1]
    # Each wrong field marked, its message tied to it; the others not.
    wanneer = re.search(rf'<input [^>]*id="wanneer-{themas[1].id}"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in wanneer
    assert f'aria-describedby="wanneer-{themas[1].id}-fout ambitie-uitleg"' in wanneer
    assert f'<p class="foutmelding" id="wanneer-{themas[1].id}-fout">' in html
    goed = re.search(rf'<input [^>]*id="wanneer-{themas[0].id}"[^>]*>', html).group(0)
    assert "aria-invalid" not in goed and 'aria-describedby="ambitie-uitleg"' in goed
    # And every field as typed: nothing lost.
    terug = _formulier(html)
    assert {k: v for k, v in terug.items() if k != "csrf_token"} == {
        k: v for k, v in data.items() if k != "csrf_token"
    }
    # Corrected, it saves.
    terug[f"wanneer:{themas[1].id}"] = "28 februari 2028"
    terug[f"wie:{themas[-1].id}"] = "team Veiligheid"
    assert bezoeker.post(f"/g/{token}/ambities", data=terug).status_code == 302
    opgeslagen = opslag.ambities(db, beantwoord.id)
    assert opgeslagen[("GM0453", themas[1].id)].wanneer == "2028-02-28"
    assert opgeslagen[("GM0453", themas[0].id)].tekst == f"Plan <{themas[0].id}> & zo"
    assert len(opgeslagen) == len(themas)


def test_an_expired_ambities_form_leads_back_to_the_gemeentes_own_page(
    facilitator, app, beantwoord, db
):
    """No login to lose on a gemeente's link: the expired-page message says what happened in
    its words and leads back to its own page, never to the facilitator's overview."""
    token = maak_link(facilitator, beantwoord, "GM0375")
    bezoeker = app.test_client()
    bezoeker.get(f"/g/{token}/")
    antwoord = bezoeker.post(f"/g/{token}/ambities", data={"csrf_token": "verlopen"})
    html = antwoord.get_data(as_text=True)
    assert antwoord.status_code == 400
    assert "De pagina was verlopen" in html and "uitgelogd" not in html
    assert f'href="/g/{token}/"' in html and "/metingen/" not in html


def test_text_without_an_ambitie_is_not_thrown_away_in_silence(facilitator, app, beantwoord, db):
    """Found in review: a toelichting and a date typed without choosing an ambitie read
    "opgeslagen" and were gone on the next view. The page comes back and says why."""
    token = maak_link(facilitator, beantwoord, "GM0453")
    bezoeker = app.test_client()
    csrf = csrf_token(bezoeker, f"/g/{token}/")
    thema = beantwoord.vragenlijst.themas[2]
    antwoord = bezoeker.post(
        f"/g/{token}/ambities",
        data={
            "csrf_token": csrf,
            f"tekst:{thema.id}": "Alleen tekst zonder niveau",
            f"wanneer:{thema.id}": "30-06-2027",
        },
    )
    html = antwoord.get_data(as_text=True)
    assert antwoord.status_code == 400
    assert "Kies een ambitie, of maak toelichting, wie en wanneer leeg" in html
    assert f'href="#niveau-{thema.id}"' in html and "Alleen tekst zonder niveau" in html
    assert opslag.ambities(db, beantwoord.id) == {}

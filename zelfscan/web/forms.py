"""WTForms forms; flask-wtf adds the CSRF token to each."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    EqualTo,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from ..errors import OngeldigeInvoer
from ..opslag import regels
from ..opslag.gebruikers import MIN_WACHTWOORD


class Formulier(FlaskForm):
    """Every form: WTForms' own messages ("Not a valid choice") in Dutch, from the translations
    WTForms ships (flask-wtf would ask flask-babel, which is not installed; create_app sets
    WTF_I18N_ENABLED off so these are used)."""

    class Meta:
        locales = ("nl_NL", "nl")


class Tekstlimiet(Length):
    """``Length(max=…)`` with the store's own limit and message (opslag.regels.TEKSTVELDEN),
    so the form refuses exactly what the store would, in the same words. As a Length it also
    gives the input its ``maxlength``."""

    def __init__(self, soort: str):
        super().__init__(max=regels.TEKSTVELDEN[soort][1])
        self.soort = soort

    def __call__(self, form, field):
        try:
            regels.veld(self.soort, field.data)
        except OngeldigeInvoer as fout:
            raise ValidationError(str(fout)) from None


class LoginForm(Formulier):
    naam = StringField("Gebruikersnaam", validators=[DataRequired("Vul uw gebruikersnaam in.")])
    wachtwoord = PasswordField("Wachtwoord", validators=[DataRequired("Vul uw wachtwoord in.")])


class SetupForm(Formulier):
    # Removed by the view for a request from this machine (the loopback address).
    code = StringField(
        "Eenmalige code (staat in de uitvoer van zelfscan serve)",
        validators=[DataRequired("Vul de eenmalige code in.")],
    )
    naam = StringField(
        "Gebruikersnaam",
        validators=[DataRequired("Vul een gebruikersnaam in."), Tekstlimiet("gebruiker")],
    )
    wachtwoord = PasswordField(
        f"Wachtwoord (minstens {MIN_WACHTWOORD} tekens)",
        validators=[
            DataRequired("Kies een wachtwoord."),
            Length(min=MIN_WACHTWOORD, message=f"Kies minstens {MIN_WACHTWOORD} tekens."),
        ],
    )
    herhaal = PasswordField(
        "Herhaal het wachtwoord",
        validators=[EqualTo("wachtwoord", "De twee wachtwoorden zijn niet gelijk.")],
    )


class LeegForm(Formulier):
    """A form with only the CSRF token, for buttons that change state (log out, close, …)."""


class MetingForm(Formulier):
    subregio = SelectField("Subregio", validators=[DataRequired("Kies een subregio.")])
    # Radio buttons, not a select: a vragenlijst's title is long, and a select cuts it off.
    vragenlijst = RadioField("Vragenlijst", validators=[DataRequired("Kies een vragenlijst.")])
    jaar = IntegerField(
        "Jaar",
        validators=[
            DataRequired("Vul een jaar in, bijvoorbeeld 2021."),
            NumberRange(2000, 2100, "Vul een jaar tussen 2000 en 2100 in."),
        ],
    )
    soort = RadioField(
        "Soort meting",
        choices=[
            SelectChoice("0-meting", "0-meting (de eerste keer)"),
            SelectChoice("vervolgmeting", "Vervolgmeting"),
        ],
        default="0-meting",
        validators=[DataRequired("Kies de soort meting.")],
    )
    datum = DateField(
        "Datum van de sessie", validators=[DataRequired("Vul de datum in (dd-mm-jjjj).")]
    )
    titel = StringField(
        "Titel (leeg: bijvoorbeeld “0-meting 2021 IJmond”)",
        validators=[Optional(), Tekstlimiet("titel")],
    )
    gemeenten = SelectMultipleField(
        "Gemeenten die meedoen (niets aangevinkt: alle gemeenten van de subregio)",
        validators=[Optional()],
    )


class VervolgForm(Formulier):
    """A vervolgmeting: the subregio comes from the previous meting."""

    jaar = IntegerField(
        "Jaar",
        validators=[
            DataRequired("Vul een jaar in, bijvoorbeeld 2022."),
            NumberRange(2000, 2100, "Vul een jaar tussen 2000 en 2100 in."),
        ],
    )
    datum = DateField(
        "Datum van de sessie", validators=[DataRequired("Vul de datum in (dd-mm-jjjj).")]
    )
    # Radio buttons, as on "Nieuwe meting": a version's label is long, and a select cuts it off.
    vragenlijst = RadioField(
        "Versie van de vragenlijst", validators=[DataRequired("Kies een versie.")]
    )
    titel = StringField(
        "Titel (leeg: bijvoorbeeld “Vervolgmeting 2022 IJmond”)",
        validators=[Optional(), Tekstlimiet("titel")],
    )
    overnemen = BooleanField("Begin met de antwoorden van vorig jaar", default=True)
    gemeenten = SelectMultipleField(
        "Gemeenten die meedoen (niets aangevinkt: alle gemeenten van de subregio op die datum)",
        validators=[Optional()],
    )


class DeelnemerForm(Formulier):
    organisatie = StringField(
        "Organisatie",
        validators=[DataRequired("Vul de organisatie in."), Tekstlimiet("organisatie")],
    )
    rol = StringField("Rol", validators=[DataRequired("Vul de rol in."), Tekstlimiet("rol")])
    naam = StringField("Naam (mag leeg)", validators=[Optional(), Tekstlimiet("naam")])


class WachtwoordForm(Formulier):
    """A new password, typed twice (the beheer page's reset)."""

    wachtwoord = PasswordField(
        f"Nieuw wachtwoord (minstens {MIN_WACHTWOORD} tekens)",
        validators=[
            DataRequired("Kies een wachtwoord."),
            Length(min=MIN_WACHTWOORD, message=f"Kies minstens {MIN_WACHTWOORD} tekens."),
        ],
    )
    herhaal = PasswordField(
        "Herhaal het wachtwoord",
        validators=[EqualTo("wachtwoord", "De twee wachtwoorden zijn niet gelijk.")],
    )


class GebruikerForm(WachtwoordForm):
    """A new account on the beheer page: name, role, regio's (choices set by the view)."""

    naam = StringField(
        "Gebruikersnaam",
        validators=[DataRequired("Vul een gebruikersnaam in."), Tekstlimiet("gebruiker")],
    )
    rol = RadioField(
        "Rol",
        choices=[
            SelectChoice("gespreksleider", "Gespreksleider: alleen de regio's hieronder"),
            SelectChoice("beheerder", "Beheerder: alle regio's, en beheert de accounts"),
        ],
        default="gespreksleider",
        validators=[DataRequired("Kies een rol.")],
    )
    regios = SelectMultipleField(
        "Regio's (voor een gespreksleider minstens één)", validators=[Optional()]
    )
    wachtwoord = PasswordField(
        f"Wachtwoord (minstens {MIN_WACHTWOORD} tekens)",
        validators=[
            DataRequired("Kies een wachtwoord."),
            Length(min=MIN_WACHTWOORD, message=f"Kies minstens {MIN_WACHTWOORD} tekens."),
        ],
    )
    # Again after the password, so the error summary lists the fields in the page's order.
    herhaal = PasswordField(
        "Herhaal het wachtwoord",
        validators=[EqualTo("wachtwoord", "De twee wachtwoorden zijn niet gelijk.")],
    )


class Aantal(IntegerField):
    """A whole number from ``laagste`` to ``hoogste``, or nothing: one message for every wrong
    input (text, a fraction, too large), where an IntegerField with NumberRange gives two. The
    typed text comes back as typed; the input gets its min and max."""

    def __init__(self, label: str, *, laagste: int, hoogste: int, melding: str, **kwargs):
        super().__init__(
            label,
            validators=[Optional()],
            render_kw={"min": laagste, "max": hoogste, "inputmode": "numeric"},
            **kwargs,
        )
        self.grenzen = (laagste, hoogste)
        self.melding = melding

    def process_formdata(self, valuelist):
        tekst = (valuelist[0] if valuelist else "").strip()
        getal = regels.geheel_getal(tekst) if tekst else None
        if tekst and (getal is None or not self.grenzen[0] <= getal <= self.grenzen[1]):
            self.data = None
            raise ValueError(self.melding)
        self.data = getal


class LinkForm(Formulier):
    """A private link for one gemeente (choices set by the view: the meting's gemeenten)."""

    cbs = SelectField("Gemeente", validate_choice=False)
    dagen = Aantal(
        "Geldig (dagen, leeg = onbeperkt)",
        laagste=1,
        hoogste=regels.MAX_GELDIG_DAGEN,
        melding=f"Vul een aantal dagen van 1 tot {regels.MAX_GELDIG_DAGEN} in, of laat het "
        "leeg voor een link zonder einddatum.",
    )

    def validate_cbs(self, field):
        if field.data not in {keuze.value for keuze in field.choices}:
            raise ValidationError("Kies een gemeente die meedoet aan deze meting.")


class AfrondForm(Formulier):
    # The check box's own label is long (the template writes it); this short one heads its line
    # in the error summary.
    bevestig = BooleanField(
        "Afronden", validators=[DataRequired("Vink aan dat u de meting wilt afronden.")]
    )


class HeropenForm(Formulier):
    reden = StringField(
        "Reden",
        validators=[
            DataRequired("Geef een reden om de meting te heropenen; die wordt vastgelegd."),
            Tekstlimiet("reden"),
        ],
    )

"""The Django peer of issue 13's start-up figure: what a comparable app costs on *this* machine.

A login page rendered from a template with a CSRF form, sessions and users in SQLite, served
by waitress — what ``zelfscan serve`` answers on its first request. Issue 13 measured such a
peer at 0.35 s beside zelfscan's 0.63 s; an absolute number moves with the machine and its
load, the side-by-side comparison does not. Only the benchmark uses it, only when Django is
installed (``pip install -e ".[bench]"``).

``python bench/peer_django.py --db PAD migrate`` creates the tables once;
``python bench/peer_django.py --db PAD --port N`` serves.
"""

from __future__ import annotations

import argparse

from django.conf import settings

LOGIN = (
    "<!doctype html><html lang=nl><title>Inloggen</title><main><h1>Inloggen</h1>"
    "<form method=post>{% csrf_token %}{{ form.as_p }}<button>Inloggen</button></form></main>"
)


def configureer(db: str) -> None:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-" * 10,
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
        ],
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": db}},
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "OPTIONS": {
                    "context_processors": ["django.template.context_processors.csrf"],
                    "loaders": [("django.template.loaders.locmem.Loader", {"login.html": LOGIN})],
                },
            }
        ],
    )


urlpatterns: list = []


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int)
    parser.add_argument("opdracht", nargs="?", default="serve", choices=["serve", "migrate"])
    args = parser.parse_args()
    configureer(args.db)
    import django

    django.setup()
    if args.opdracht == "migrate":
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        return
    from django.contrib.auth.views import LoginView
    from django.core.wsgi import get_wsgi_application
    from django.urls import path

    urlpatterns.append(path("inloggen", LoginView.as_view(template_name="login.html")))
    import waitress

    waitress.serve(get_wsgi_application(), host="127.0.0.1", port=args.port, threads=8)


if __name__ == "__main__":
    main()

"""Run the test provider: migrate its SQLite database, create the people and the portal's client
named in PROVIDER_SETUP (JSON), then serve on the port given, printing one "ready" line.

    PROVIDER_DATABASE=... PROVIDER_RSA_PRIVATE_KEY=... PROVIDER_SETUP='{...}' \
        python -m tests.oidc_provider.serve 8765
"""

import json
import os
import sys
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.oidc_provider.settings")


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # the test's output stays readable
        pass


def set_up(setup: dict) -> None:
    from django.contrib.auth.models import Group, User
    from oauth2_provider.models import Application

    from tests.oidc_provider.validator import UNVERIFIED_GROUP

    unverified = Group.objects.create(name=UNVERIFIED_GROUP)
    for person in setup["people"]:
        user = User.objects.create_user(
            username=person["email"],
            email=person["email"],
            password=person["password"],
            first_name=person.get("first_name", ""),
            last_name=person.get("last_name", ""),
        )
        if not person.get("verified", True):
            user.groups.add(unverified)
    Application.objects.create(
        name="Eco-town portal",
        client_id=setup["client_id"],
        client_secret=setup["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(setup["redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )


def main() -> None:
    import django
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    django.setup()
    call_command("migrate", verbosity=0)
    set_up(json.loads(os.environ["PROVIDER_SETUP"]))
    server = make_server(
        "127.0.0.1",
        int(sys.argv[1]),
        get_wsgi_application(),
        server_class=ThreadingServer,
        handler_class=QuietHandler,
    )
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

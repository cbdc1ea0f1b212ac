"""A real OpenID provider (tests/oidc_provider/) in its own process, and a browser's walk through
the authorization code flow: the portal's side through Django's test client, the provider's
side over HTTP as a browser would."""

import json
import re
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent.parent
CLIENT_ID = "ecotown-portal"
CLIENT_SECRET = "portal-secret-for-tests"
PASSWORD = "provider-password"
# The people the organisation knows; unverified ones have an address it never checked.
PEOPLE = [
    {"email": "new.officer@unido.example", "first_name": "Amina", "last_name": "Haddad"},
    {"email": "Known.Expert@unido.example", "first_name": "Kenji", "last_name": "Mori"},
    {"email": "trainee.person@unido.example"},
    {"email": "someone@elsewhere.example"},
    {"email": "unchecked@unido.example", "verified": False},
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """The provider's base URL; its issuer is base + "/o"."""
    port = free_port()
    setup = {
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uris": ["http://testserver/accounts/oidc/callback/"],
        "people": [{"password": PASSWORD, **person} for person in PEOPLE],
    }
    env = {
        "PATH": "/usr/bin:/bin",
        "PROVIDER_DATABASE": str(tmp_path_factory.mktemp("provider") / "provider.sqlite3"),
        "PROVIDER_RSA_PRIVATE_KEY": private_key_pem(),
        "PROVIDER_SETUP": json.dumps(setup),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.serve", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.strip() == "ready", f"the test provider did not start (exit {process.poll()})"
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def sso_on(settings, oidc_provider):
    settings.OIDC_ISSUER = f"{oidc_provider}/o"
    settings.OIDC_CLIENT_ID = CLIENT_ID
    settings.OIDC_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_ALLOWED_EMAIL_DOMAINS = ["unido.example"]
    settings.OIDC_NEW_USER_GROUP = "coordinator"
    settings.OIDC_PROVIDER_NAME = "UNIDO"
    return settings


def sign_in_at_provider(client, email: str, password: str = PASSWORD, next_url: str = ""):
    """Click "Sign in with UNIDO", sign in at the provider, and come back to the portal.

    Returns the portal's answer to the callback."""
    query = f"?next={next_url}" if next_url else ""
    start = client.get(reverse("oidc-authenticate") + query)
    assert start.status_code == 302, start.status_code
    browser = requests.Session()
    answer = browser.get(start["Location"], allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    login_url = urljoin(start["Location"], answer.headers["Location"])
    form = browser.get(login_url, timeout=10)
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    next_field = re.search(r'name="next" value="([^"]*)"', form.text).group(1)
    signed_in = browser.post(
        login_url,
        data={
            "csrfmiddlewaretoken": csrf,
            "username": email,
            "password": password,
            "next": next_field.replace("&amp;", "&"),
        },
        allow_redirects=False,
        timeout=10,
    )
    assert signed_in.status_code == 302, signed_in.text
    authorized = browser.get(
        urljoin(login_url, signed_in.headers["Location"]), allow_redirects=False, timeout=10
    )
    assert authorized.status_code == 302, authorized.text
    back = urlsplit(authorized.headers["Location"])
    assert (back.scheme, back.netloc) == ("http", "testserver"), back
    return client.get(f"{back.path}?{back.query}")

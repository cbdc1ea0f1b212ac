"""The client's address, for sign-in lockouts and password-reset limits.

REMOTE_ADDR is the peer that connected: behind a reverse proxy, the proxy. The client's address
is then in X-Forwarded-For, which the client can also write. It is read only when
TRUSTED_PROXY_COUNT says how many of our own proxies stand in front: each appends the address it
received the request from, so the client is that many places from the right; whatever stands
further left was written by the client and is ignored.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", ""))
    trusted: int = settings.TRUSTED_PROXY_COUNT
    if trusted <= 0:
        return remote
    header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if len(forwarded) < trusted:
        return remote  # not through all our proxies: the peer itself is the client
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote

"""Who is asking: the client's address for log-in throttling and the audit log.

Directly exposed, the address is the socket's (REMOTE_ADDR). Behind the reverse proxy of
docs/deploy.md (THIDUA_BEHIND_PROXY=1) it is the last address of X-Forwarded-For, the one the
proxy itself appended; the ones before it are whatever the client claimed and are never
trusted, or anyone could escape the throttle by sending a new header each time.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return remote

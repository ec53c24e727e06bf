"""Response headers that make untrusted report text inert, and the hosts the server answers.

Reports are untrusted text: templates escape everything, and on top of that the
Content-Security-Policy lets a page run only the scripts and styles served from
this server (no inline script, no inline style, no plugins, no framing), so even
an escaping bug could not run a script. Answering only to local host names
stops DNS-rebinding pages from reading the knowledge base through the browser.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ]
)

HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)

#: Host names a server bound to the loopback interface answers to.
LOCAL_HOSTS: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]", "::1")


def allowed_hosts_for(bind: str) -> list[str]:
    """The Host header values to accept when listening on `bind`."""
    hosts = list(LOCAL_HOSTS)
    if bind not in ("127.0.0.1", "localhost", "::1"):
        # Bound to another interface on purpose: its own address must be accepted too;
        # "0.0.0.0" means any, and the user chose to expose the server.
        hosts.append("*" if bind in ("0.0.0.0", "::") else bind)
    return hosts


class SecurityHeaders:
    """ASGI middleware adding HEADERS to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _value in message.get("headers", [])}
                extra = [(name, value) for name, value in HEADERS if name not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)

"""Deployment checks (`manage.py check --deploy`): is the client's address the real one?

Login throttling and the security log count clients by address
(ops.security.client_ip). Without TRUSTED_PROXIES that is the socket's peer,
which is the client only if clients reach gunicorn directly.
"""

import ipaddress
import runpy

from django.conf import settings
from django.core.checks import Info, Tags, Warning, register

GUNICORN_CONF = settings.BASE_DIR / "gunicorn.conf.py"


@register(Tags.security, deploy=True)
def check_trusted_proxies(app_configs, **kwargs):
    if settings.DEBUG or settings.TRUSTED_PROXIES:
        return []
    binds = gunicorn_binds()
    public = [bind for bind in binds if not is_local_bind(bind)]
    if public:
        return [
            Warning(
                f"gunicorn listens on {', '.join(public)}, which others can reach, and TRUSTED_PROXIES is empty.",
                hint=(
                    "If a proxy or load balancer is in front, set TRUSTED_PROXIES to its address, or every "
                    "client counts as that one address for login throttling; if not, bind gunicorn to "
                    "127.0.0.1 behind a proxy (docs/deployment.md)."
                ),
                id="ops.W001",
            )
        ]
    # Only a note: behind a proxy on the same machine, the documented set-up, the
    # one missing setting makes throttling coarse (one address for everyone), not open.
    return [
        Info(
            f"gunicorn listens only on {', '.join(binds)}, so a proxy on this machine forwards every request, "
            "but TRUSTED_PROXIES is empty: every client counts as the proxy's address for login throttling.",
            hint="Bind gunicorn to 127.0.0.1 and set TRUSTED_PROXIES=127.0.0.1 (docs/deployment.md).",
            id="ops.I002",
        )
    ]


def gunicorn_binds():
    """The addresses gunicorn.conf.py binds to (it reads GUNICORN_BIND)."""
    bind = runpy.run_path(str(GUNICORN_CONF))["bind"]
    return [bind] if isinstance(bind, str) else list(bind)


def is_local_bind(bind):
    """Whether only this machine can connect: a Unix socket or a loopback address."""
    if bind.startswith("unix:"):
        return True
    host = bind.rsplit(":", 1)[0] if ":" in bind else bind
    host = host.strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

"""Serve the studio on 127.0.0.1 and open the browser on it.

Only the loopback address is ever bound: a studio reachable from the network would hand a
site's restricted data to anyone on it, so any other host is a usage error.
"""

from __future__ import annotations

import socket
import threading
import webbrowser

from upsides_data.errors import UsageError
from upsides_data.extras import require
from upsides_data.studio import DEFAULT_MAX_UPLOAD_BYTES, LOCAL_HOSTS

HOST = "127.0.0.1"


def check_host(host: str) -> str:
    """``host`` when it is the loopback address (or localhost), else ``UsageError``."""
    if host not in LOCAL_HOSTS:
        raise UsageError(f"the studio binds to 127.0.0.1 only, not {host!r}: it serves a "
                         "site's restricted data and must not be reachable from the network")
    return HOST


def free_port() -> int:
    """A port nothing listens on now (the default when none is given)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def serve(*, port: int = 0, host: str = HOST, open_browser: bool = True,
          max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES) -> None:
    """Run the studio until Ctrl-C; its session folders are removed when it stops."""
    bound = check_host(host)
    for module in ("starlette", "jinja2", "python_multipart"):
        require(module, extra="studio", purpose="upsides studio")
    uvicorn = require("uvicorn", extra="studio", purpose="upsides studio")
    from upsides_data.studio.app import create_app

    port = port or free_port()
    url = f"http://{bound}:{port}/"
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    print(f"upsides studio on {url} (Ctrl-C stops it and deletes the uploaded files)",
          flush=True)
    uvicorn.run(create_app(max_upload_bytes=max_upload_bytes), host=bound, port=port,
                log_level="warning", lifespan="on")

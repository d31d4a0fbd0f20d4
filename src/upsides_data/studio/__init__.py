"""``upsides studio``: a local web page where a site validates, fixes and downloads its package.

The page only shows what the library computes (the validator's JSON report, the report
module's page, anonymise's change log); it re-implements none of it. It is safe by
construction: bound to 127.0.0.1, the Host header checked, every POST carrying the session's
CSRF token, uploads size-capped and written only into the session's own temporary folder,
which is removed when the session is reset and when the server stops.
"""

from __future__ import annotations

DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024**2  # a whole study's packages zipped are a few MB
LOCAL_HOSTS = ("127.0.0.1", "localhost")

__all__ = ["DEFAULT_MAX_UPLOAD_BYTES", "LOCAL_HOSTS"]

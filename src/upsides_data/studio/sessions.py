"""One session per browser: its temporary folder, its CSRF token and the packages it holds.

Everything a browser sends is written inside ``Session.folder`` and nowhere else; the folder
is removed when the session is reset and, for every session, when the server stops.
"""

from __future__ import annotations

import hmac
import secrets
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from upsides_data.findings import Finding

COOKIE = "upsides_studio"


@dataclass
class Session:
    """What one browser has dropped and what the library said about it."""

    id: str
    csrf: str
    folder: Path
    packages: list[Path] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)  # uploads that became no package
    report: dict[str, Any] | None = None  # the validator's JSON report, parsed
    anonymised: dict[str, Any] | None = None  # anonymise's change log
    report_page: Path | None = None
    uploads: int = 0

    def new_folder(self, stem: str) -> Path:
        """A fresh numbered folder inside the session folder (never a name from the browser)."""
        self.uploads += 1
        path = self.folder / f"{stem}-{self.uploads}"
        path.mkdir()
        return path

    def token_ok(self, token: object) -> bool:
        return isinstance(token, str) and hmac.compare_digest(token, self.csrf)


class SessionStore:
    """The sessions of a running server, each in a temporary folder under ``base``."""

    def __init__(self, base: Path | None = None) -> None:
        self._base = Path(tempfile.mkdtemp(prefix="upsides-studio-", dir=base))
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    @property
    def base(self) -> Path:
        return self._base

    def get(self, session_id: str | None) -> Session | None:
        with self._lock:
            return self._sessions.get(session_id or "")

    def create(self) -> Session:
        session_id = secrets.token_urlsafe(24)
        folder = Path(tempfile.mkdtemp(prefix="session-", dir=self._base))
        session = Session(id=session_id, csrf=secrets.token_urlsafe(32), folder=folder)
        with self._lock:
            self._sessions[session_id] = session
        return session

    def drop(self, session: Session) -> None:
        """Forget a session and remove its folder with everything uploaded into it."""
        with self._lock:
            self._sessions.pop(session.id, None)
        shutil.rmtree(session.folder, ignore_errors=True)

    def close(self) -> None:
        """Remove every session's folder (the server is stopping)."""
        with self._lock:
            self._sessions.clear()
        shutil.rmtree(self._base, ignore_errors=True)

"""One session per browser: its temporary folder, its CSRF token and the packages it holds.

Everything a browser sends is written inside ``Session.folder`` and nowhere else; the folder
is removed when the session is reset, when the session has been idle for ``IDLE_SECONDS`` (a
site's restricted data must not linger on disk because a browser tab was closed), and, for
every session, when the server stops.
"""

from __future__ import annotations

import hmac
import secrets
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from upsides_data.findings import Finding

COOKIE = "upsides_studio"
IDLE_SECONDS = 3600.0  # a session unused this long is forgotten and its folder removed


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
    last_seen: float = 0.0  # the store's clock at the session's last request

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

    def __init__(self, base: Path | None = None, *, idle_seconds: float = IDLE_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._base = Path(tempfile.mkdtemp(prefix="upsides-studio-", dir=base))
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()
        self._idle = idle_seconds
        self._clock = clock

    @property
    def base(self) -> Path:
        return self._base

    def get(self, session_id: str | None) -> Session | None:
        """The live session of this id (its idle clock restarts), or None."""
        self.expire()
        with self._lock:
            session = self._sessions.get(session_id or "")
            if session is not None:
                session.last_seen = self._clock()
            return session

    def create(self) -> Session:
        self.expire()
        session_id = secrets.token_urlsafe(24)
        folder = Path(tempfile.mkdtemp(prefix="session-", dir=self._base))
        session = Session(id=session_id, csrf=secrets.token_urlsafe(32), folder=folder,
                          last_seen=self._clock())
        with self._lock:
            self._sessions[session_id] = session
        return session

    def expire(self) -> list[str]:
        """Forget the sessions idle past the limit and remove their folders; their ids."""
        now = self._clock()
        with self._lock:
            idle = [s for s in self._sessions.values() if now - s.last_seen > self._idle]
            for session in idle:
                del self._sessions[session.id]
        for session in idle:
            shutil.rmtree(session.folder, ignore_errors=True)
        return [session.id for session in idle]

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

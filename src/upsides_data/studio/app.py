"""The studio's routes: server-rendered pages over the library's own results.

Every route finds its session by cookie; every POST checks the session's CSRF token first and
reads at most a small form (uploads stream through ``uploads.receive`` under the size cap).
Hosts other than 127.0.0.1 and localhost are refused (DNS rebinding).
"""

from __future__ import annotations

import io
import zipfile
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from upsides_data.errors import LimitExceededError, UpsidesError
from upsides_data.package.reader import open_package
from upsides_data.studio import DEFAULT_MAX_UPLOAD_BYTES, LOCAL_HOSTS
from upsides_data.studio.cells import edit_cell
from upsides_data.studio.results import grouped, problems_report, validated
from upsides_data.studio.sessions import COOKIE, Session, SessionStore
from upsides_data.studio.uploads import dropped_order, findings_of, receive, unpack_upload

HERE = Path(__file__).parent
MAX_FORM_BYTES = 1024**2  # a fix, a k, a token: far less
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                               "style-src 'self' 'unsafe-inline'; frame-ancestors 'self'; "
                               "form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


def create_app(*, max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES,
               base: Path | None = None) -> Starlette:
    """The studio as an ASGI app; its sessions live in a temporary folder under ``base``."""
    store = SessionStore(base)
    templates = Jinja2Templates(directory=str(HERE / "templates"))

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    def page(request: Request, session: Session, status: int = 200) -> Response:
        return _with_cookie(templates.TemplateResponse(request, "page.html", _view(session),
                                                       status_code=status), session)

    async def home(request: Request) -> Response:
        return page(request, _session(request, store))

    async def upload(request: Request) -> Response:
        session = store.get(request.cookies.get(COOKIE))
        if session is None:  # no page was ever loaded: nothing is read, nothing written
            return _refused()
        folder = session.new_folder("upload")
        try:
            received = await receive(request.stream(), request.headers.get("content-type", ""),
                                     folder, max_bytes=max_upload_bytes)
        except UpsidesError as error:
            _forget(folder)
            session.problems = findings_of(error)
            return page(request, session, 413 if isinstance(error, LimitExceededError) else 400)
        if not session.token_ok(received.fields.get("csrf")):
            _forget(folder)
            return _refused()
        session.problems = []
        found: list[Path] = []
        dropped = dropped_order(received.files) if _is_archive_set(received.files) else [folder]
        for path in dropped:
            try:
                found += unpack_upload(path, session.new_folder("unpacked"),
                                       site=received.fields.get("site", "").strip(),
                                       study=received.fields.get("study", "").strip(),
                                       country=received.fields.get("country", "").strip(),
                                       codebook=_codebook(session.packages + found))
            except UpsidesError as error:
                session.problems += findings_of(error)
        session.packages += found
        _revalidate(session)
        return _back()

    async def fix(request: Request) -> Response:
        session, form = await _checked_form(request, store)
        if session is None:
            return _refused()
        try:
            root = session.packages[int(form.get("package", "-1"))]
            edit_cell(root, file=form.get("file", ""), row=int(form.get("row", "0")),
                      column=form.get("field", ""), value=form.get("value", ""))
            session.problems = []
        except (ValueError, IndexError):
            return PlainTextResponse("no such package or row", status_code=400)
        except UpsidesError as error:
            session.problems = findings_of(error)
        _revalidate(session)
        return _back()

    async def revalidate(request: Request) -> Response:
        session, _ = await _checked_form(request, store)
        if session is None:
            return _refused()
        _revalidate(session)
        return _back()

    async def download(request: Request) -> Response:
        session, form = await _checked_form(request, store)
        if session is None:
            return _refused()
        try:
            root = session.packages[int(form.get("package", "-1"))]
        except (ValueError, IndexError):
            return PlainTextResponse("no such package", status_code=400)
        if not (session.report or {}).get("valid"):
            return PlainTextResponse("the packages do not validate yet: fix the findings first",
                                     status_code=409)
        name = open_package(root).name
        return Response(_zipped(root, name), media_type="application/zip", headers={
            "Content-Disposition": f'attachment; filename="{name}.zip"'})

    async def report(request: Request) -> Response:
        session, _ = await _checked_form(request, store)
        if session is None:
            return _refused()
        from upsides_data.report import write_report

        out = session.folder / "report"
        try:
            write_report(session.packages, out, force=True)
            session.report_page = out / "report.html"
            session.problems = []
        except UpsidesError as error:
            session.problems = findings_of(error)
            return _back()
        return RedirectResponse("/report", status_code=303)

    async def report_page(request: Request) -> Response:
        session = store.get(request.cookies.get(COOKIE))
        if session is None or session.report_page is None or not session.report_page.is_file():
            return PlainTextResponse("no report yet: press Preview report", status_code=404)
        return HTMLResponse(session.report_page.read_text(encoding="utf-8"),
                            headers=SECURITY_HEADERS)

    async def anonymise(request: Request) -> Response:
        session, form = await _checked_form(request, store)
        if session is None:
            return _refused()
        from upsides_data.anonymisation import anonymise as run_anonymise

        try:
            root = session.packages[int(form.get("package", "-1"))]
            k = int(form.get("k", "3"))
        except (ValueError, IndexError):
            return PlainTextResponse("no such package, or k is not a number", status_code=400)
        out = session.folder / "public"
        out.mkdir(exist_ok=True)
        try:
            log = run_anonymise(root, out / open_package(root).name, k=k, force=True)
            session.anonymised = log.to_dict()
            session.problems = []
        except UpsidesError as error:
            session.anonymised = None
            session.problems = findings_of(error)
        return _back()

    async def reset(request: Request) -> Response:
        session, _ = await _checked_form(request, store)
        if session is None:
            return _refused()
        store.drop(session)
        response = _back()
        response.delete_cookie(COOKIE)
        return response

    routes = [
        Route("/", home),
        Route("/upload", upload, methods=["POST"]),
        Route("/fix", fix, methods=["POST"]),
        Route("/validate", revalidate, methods=["POST"]),
        Route("/download", download, methods=["POST"]),
        Route("/report", report, methods=["POST"]),
        Route("/report", report_page, methods=["GET"]),
        Route("/anonymise", anonymise, methods=["POST"]),
        Route("/reset", reset, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, middleware=[
        Middleware(TrustedHostMiddleware, allowed_hosts=list(LOCAL_HOSTS)),
        Middleware(SecurityHeaders)])
    app.state.store = store
    return app


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` to every response (a page may set its own first)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                    if k.lower().encode() not in present]
            await send(message)

        await self.app(scope, receive, with_headers)


def _session(request: Request, store: SessionStore) -> Session:
    return store.get(request.cookies.get(COOKIE)) or store.create()


def _with_cookie(response: Response, session: Session) -> Response:
    response.set_cookie(COOKIE, session.id, httponly=True, samesite="strict")
    return response


async def _checked_form(request: Request, store: SessionStore
                        ) -> tuple[Session | None, dict[str, str]]:
    """The session and the small url-encoded form, or (None, {}) when the token is wrong."""
    session = store.get(request.cookies.get(COOKIE))
    if session is None:
        return None, {}
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return None, {}
    form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"),
                                        keep_blank_values=True).items()}
    if not session.token_ok(form.get("csrf")):
        return None, {}
    return session, form


def _refused() -> Response:
    return PlainTextResponse("refused: the form's security token is missing or wrong "
                             "(reload the page and try again)", status_code=403)


def _back() -> Response:
    return RedirectResponse("/", status_code=303)


def _forget(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def _is_archive_set(files: list[Path]) -> bool:
    """Files dropped one by one (zips, projects, workbooks), not a package folder's files."""
    return bool(files) and not any(f.name == "datapackage.json" for f in files)


def _codebook(packages: list[Path]) -> Path | None:
    """The first codebook package among ``packages`` (a workbook is packed against it)."""
    for root in packages:
        try:
            if open_package(root).meta.kind == "codebook":
                return root
        except UpsidesError:
            continue
    return None


def _revalidate(session: Session) -> None:
    session.report = validated(session.packages) if session.packages else None


def _zipped(root: Path, name: str) -> bytes:
    """The package folder as a zip, the same bytes for the same files (fixed dates, sorted)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
            info = zipfile.ZipInfo(f"{name}/{path.relative_to(root).as_posix()}",
                                   date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def _view(session: Session) -> dict[str, Any]:
    """What the page template shows: the session's packages, findings and results."""
    names = []
    for root in session.packages:
        try:
            names.append(open_package(root).name)
        except UpsidesError:
            names.append(root.name)
    report = session.report
    problems = problems_report(session.problems) if session.problems else None
    return {
        "csrf": session.csrf,
        "packages": list(enumerate(names)),
        "index_of": {name: i for i, name in enumerate(names)},
        "report": report,
        "groups": grouped(report["findings"]) if report else [],
        "problems": grouped(problems["findings"]) if problems else [],
        "anonymised": session.anonymised,
        "has_report": session.report_page is not None,
    }


__all__ = ["create_app"]

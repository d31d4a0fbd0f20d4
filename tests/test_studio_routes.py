"""The studio's routes without a browser (Starlette's TestClient): uploads become packages and
findings equal to ``upsides validate --format json``; a cell fixed validates again; the download
validates; and the security checks refuse what they must (CSRF token, Host header, hostile file
names, size cap, zip traversal), writing nothing outside the session folder."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from typing import Any, Iterator

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")
from starlette.testclient import TestClient  # noqa: E402
from studio_support import (  # noqa: E402
    CSRF, REPO, cli_report, comparable, original_cell, page_findings, site_and_codebook,
    zip_folder, zip_names,
)

from upsides_data.cli import main as upsides  # noqa: E402
from upsides_data.errors import UsageError  # noqa: E402
from upsides_data.studio import uploads  # noqa: E402
from upsides_data.studio.app import create_app  # noqa: E402
from upsides_data.studio.server import check_host  # noqa: E402

BASE = "http://127.0.0.1"


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[tuple[TestClient, Any]]:
    app = create_app(base=_fresh(tmp_path / "studio"), max_upload_bytes=2 * 1024**2)
    with TestClient(app, base_url=BASE, follow_redirects=True) as client:
        yield client, app


def _fresh(folder: Path) -> Path:
    folder.mkdir()
    return folder


def _token(client: TestClient) -> str:
    match = CSRF.search(client.get("/").text)
    assert match, "the page holds no CSRF token"
    return match.group(1)


def _upload(client: TestClient, *paths: Path, token: str | None = None, **fields: str) -> Any:
    files = [("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in paths]
    data = dict(fields, **({"csrf": token} if token is not None else {}))
    return client.post("/upload", files=files, data=data)


def _multipart(name: str, token: str, content: bytes = b"x") -> tuple[bytes, str]:
    """A body naming the file exactly ``name`` (httpx would not send a NUL byte)."""
    boundary = "studio-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
            f"filename=\"{name}\"\r\nContent-Type: application/zip\r\n\r\n").encode(
                "utf-8", "surrogateescape") + content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_the_page_sets_a_session_cookie_and_token(studio: tuple[TestClient, Any]) -> None:
    client, _ = studio
    page = client.get("/")
    assert page.status_code == 200 and "upsides_studio" in page.cookies
    assert CSRF.search(page.text)
    assert "default-src 'self'" in page.headers["content-security-policy"]


def test_a_valid_package_shows_no_errors_and_downloads(studio: tuple[TestClient, Any],
                                                      tmp_path: Path, capsys: Any) -> None:
    client, _ = studio
    site, codebook, _ = site_and_codebook(tmp_path)
    page = _upload(client, site, codebook, token=_token(client))
    assert page.status_code == 200
    expected = cli_report([site, codebook], capsys)
    assert expected["valid"]
    assert comparable(page_findings(page.text)) == comparable(expected["findings"])
    assert "Valid:" in page.text
    download = client.post("/download", data={"csrf": _token(client), "package": "0"})
    assert download.status_code == 200 and download.headers["content-type"] == "application/zip"
    again = client.post("/download", data={"csrf": _token(client), "package": "0"})
    assert download.content == again.content, "the same package zips to the same bytes"
    assert "upsides-mhw-2019-ulm/datapackage.json" in zip_names(download.content) or any(
        n.endswith("/datapackage.json") for n in zip_names(download.content))


@pytest.mark.parametrize("overlay", ["constraint-enum", "constraint-pattern-date",
                                     "constraint-required"])
def test_findings_equal_the_cli_and_a_fixed_cell_validates(
        studio: tuple[TestClient, Any], tmp_path: Path, capsys: Any, overlay: str) -> None:
    client, _ = studio
    site, codebook, expect = site_and_codebook(tmp_path, overlay)
    page = _upload(client, site, codebook, token=_token(client))
    expected = cli_report([site, codebook], capsys)
    assert not expected["valid"]
    shown = page_findings(page.text)
    assert comparable(shown) == comparable(expected["findings"])
    assert "Not valid yet" in page.text
    [hit] = [f for f in expected["findings"] if f["rule"] == expect["rule"]]
    value = original_cell(tmp_path, hit["file"][:-4], hit["row"], hit["field"])
    fixed = client.post("/fix", data={"csrf": _token(client), "package": "0",
                                      "file": hit["file"], "row": str(hit["row"]),
                                      "field": hit["field"], "value": value})
    assert fixed.status_code == 200
    assert page_findings(fixed.text) == [] and "Valid:" in fixed.text
    download = client.post("/download", data={"csrf": _token(client), "package": "0"})
    assert download.status_code == 200
    zipped = tmp_path / "fixed.zip"
    zipped.write_bytes(download.content)
    assert upsides(["validate", str(zipped), str(codebook)]) == 0


def test_an_invalid_package_cannot_be_downloaded(studio: tuple[TestClient, Any],
                                                 tmp_path: Path) -> None:
    client, _ = studio
    site, codebook, _ = site_and_codebook(tmp_path, "constraint-enum")
    _upload(client, site, codebook, token=_token(client))
    refused = client.post("/download", data={"csrf": _token(client), "package": "0"})
    assert refused.status_code == 409


@pytest.mark.parametrize("route", ["/upload", "/fix", "/validate", "/download", "/report",
                                   "/anonymise", "/reset"])
@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_a_post_without_the_right_token_is_refused(studio: tuple[TestClient, Any],
                                                   tmp_path: Path, route: str,
                                                   token: str | None) -> None:
    client, app = studio
    site, codebook, _ = site_and_codebook(tmp_path)
    _upload(client, site, codebook, token=_token(client))
    data = {"package": "0", "file": "site.csv", "row": "2", "field": "label", "value": "x"}
    if token is not None:
        data["csrf"] = token
    if route == "/upload":
        response = _upload(client, site, token=token)
    else:
        response = client.post(route, data=data)
    assert response.status_code == 403
    [session] = app.state.store._sessions.values()
    assert len(session.packages) == 2, "nothing was added, changed or reset"
    assert session.folder.is_dir()


def test_a_post_from_a_browser_without_the_session_cookie_writes_nothing(tmp_path: Path) -> None:
    app = create_app(base=_fresh(tmp_path / "studio"))
    with TestClient(app, base_url=BASE) as client:
        body, kind = _multipart("x.zip", "any-token")
        response = client.post("/upload", content=body, headers={"content-type": kind})
        assert response.status_code == 403
        assert list(app.state.store.base.iterdir()) == []


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "192.168.1.10"])
def test_other_hosts_are_refused(studio: tuple[TestClient, Any], host: str) -> None:
    client, _ = studio
    assert client.get("/", headers={"host": host}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8765"}).status_code == 200


@pytest.mark.parametrize("name", ["../../x.zip", "/tmp/x.zip", "a\x00b.zip", "..", ".hidden.zip",
                                  "sub/x.zip"])
def test_hostile_file_names_are_refused_and_nothing_escapes(studio: tuple[TestClient, Any],
                                                            tmp_path: Path, name: str) -> None:
    client, app = studio
    body, kind = _multipart(name, _token(client))
    page = client.post("/upload", content=body, headers={"content-type": kind})
    assert page.status_code == 400
    assert [f["rule"] for f in page_findings(page.text)] == [uploads.RULE_NAME]
    outside = [p for p in tmp_path.rglob("*") if not p.is_relative_to(app.state.store.base)]
    assert outside == [tmp_path / "studio"], outside
    assert not any(p.name in ("x.zip", "b.zip", ".hidden.zip") for p in tmp_path.rglob("*"))


def test_an_upload_over_the_cap_is_refused(studio: tuple[TestClient, Any]) -> None:
    client, app = studio
    body, kind = _multipart("big.zip", _token(client), b"0" * (3 * 1024**2))
    page = client.post("/upload", content=body, headers={"content-type": kind})
    assert page.status_code == 413
    assert [f["rule"] for f in page_findings(page.text)] == ["input-too-large"]
    [session] = app.state.store._sessions.values()
    assert sorted(p.name for p in session.folder.iterdir()) == []


def test_a_zip_leaving_its_folder_is_refused(studio: tuple[TestClient, Any],
                                             tmp_path: Path) -> None:
    client, app = studio
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../escaped.csv", "id\n1\n")
    page = _upload(client, evil, token=_token(client))
    assert page_findings(page.text), "the refusal is shown as a finding"
    assert "escapes the archive" in page.text
    assert not any(p.name == "escaped.csv" for p in tmp_path.rglob("*"))


def test_a_workbook_says_pack_is_needed_when_this_build_lacks_it(
        studio: tuple[TestClient, Any], tmp_path: Path, monkeypatch: Any) -> None:
    client, _ = studio
    monkeypatch.setattr(uploads, "workbook_packer", lambda: None)
    book = tmp_path / "site.xlsx"
    book.write_bytes(b"PK\x03\x04 not really a workbook")
    page = _upload(client, book, token=_token(client))
    [shown] = page_findings(page.text)
    assert shown["rule"] == uploads.RULE_WORKBOOK
    assert "workbooks need `upsides pack` (not available in this build)" in shown["message"]


def test_a_workbook_goes_to_the_sites_packer_when_present(tmp_path: Path,
                                                          monkeypatch: Any) -> None:
    calls: list[tuple[Path, Path, Path | None]] = []

    def pack(path: Path, out: Path, *, codebook: Path | None = None) -> None:
        calls.append((path, out, codebook))
    monkeypatch.setattr(uploads, "workbook_packer", lambda: pack)
    book = tmp_path / "site.ods"
    book.write_bytes(b"x")
    into = _fresh(tmp_path / "into")
    assert uploads.unpack_upload(book, into, codebook=tmp_path / "cb") == [into / "package"]
    assert calls == [(book, into / "package", tmp_path / "cb")]
    names = [Path(n) for n in ("site.xlsx", "codebook.zip", "b.ods", "a.qdpx")]
    assert [p.name for p in uploads.dropped_order(names)] == [
        "codebook.zip", "a.qdpx", "site.xlsx", "b.ods"]


def test_an_unknown_kind_of_file_is_a_finding(studio: tuple[TestClient, Any],
                                              tmp_path: Path) -> None:
    client, _ = studio
    odd = tmp_path / "notes.txt"
    odd.write_text("hello")
    page = _upload(client, odd, token=_token(client))
    assert [f["rule"] for f in page_findings(page.text)] == [uploads.RULE_KIND]


def test_a_package_folders_files_are_one_package(studio: tuple[TestClient, Any],
                                                 tmp_path: Path, capsys: Any) -> None:
    """The folder's files alone miss their codebook, as the CLI says of the folder alone; the
    codebook dropped next makes the session the CLI's two packages."""
    client, app = studio
    site, codebook, _ = site_and_codebook(tmp_path)
    alone = shutil.copytree(tmp_path / "packages" / "ulm", tmp_path / "alone" / "ulm")
    page = _upload(client, *sorted(alone.iterdir()), token=_token(client))
    expected = cli_report([alone], capsys)
    assert "codebook-unresolved" in {f["rule"] for f in expected["findings"]}
    assert comparable(page_findings(page.text)) == comparable(expected["findings"])
    page = _upload(client, codebook, token=_token(client))
    expected = cli_report([alone, codebook], capsys)
    assert comparable(page_findings(page.text)) == comparable(expected["findings"])
    [session] = app.state.store._sessions.values()
    assert len(session.packages) == 2


def test_report_preview_is_the_report_modules_page(studio: tuple[TestClient, Any],
                                                   tmp_path: Path) -> None:
    client, _ = studio
    site, codebook, _ = site_and_codebook(tmp_path)
    _upload(client, site, codebook, token=_token(client))
    page = client.post("/report", data={"csrf": _token(client)})
    assert page.status_code == 200
    assert 'alt="Heatmap of themes by site"' in page.text and "COREQ" in page.text


def test_anonymise_preview_shows_its_change_log(studio: tuple[TestClient, Any],
                                                tmp_path: Path) -> None:
    from upsides_data.anonymisation import anonymise

    client, _ = studio
    example = REPO / "examples" / "synthetic"
    zips = [zip_folder(example / name, tmp_path / f"{name}.zip") for name in ("s01", "codebook")]
    _upload(client, *zips, token=_token(client))
    page = client.post("/anonymise", data={"csrf": _token(client), "package": "0", "k": "3"})
    log = anonymise(example / "s01", tmp_path / "public")
    assert log.changes, "the synthetic package has something to change"
    for action, count in log.summary().items():
        assert f"<li>{action}: {count}</li>" in page.text
    assert page.text.count("<tr><td>") == len(log.changes)


def test_reset_and_shutdown_remove_the_session_folders(tmp_path: Path) -> None:
    app = create_app(base=_fresh(tmp_path / "studio"))
    with TestClient(app, base_url=BASE, follow_redirects=True) as client:
        site, codebook, _ = site_and_codebook(tmp_path)
        _upload(client, site, codebook, token=_token(client))
        [session] = app.state.store._sessions.values()
        assert any(session.folder.iterdir())
        client.post("/reset", data={"csrf": _token(client)})
        assert not session.folder.exists()
        _upload(client, site, token=_token(client))
        base = app.state.store.base
        assert any(base.iterdir())
    assert not base.exists()


def test_an_idle_session_is_forgotten_and_its_folder_removed(tmp_path: Path) -> None:
    from upsides_data.studio.sessions import SessionStore

    now = [1000.0]
    store = SessionStore(_fresh(tmp_path / "studio"), idle_seconds=60, clock=lambda: now[0])
    idle, busy = store.create(), store.create()
    (idle.folder / "upload-1").mkdir()
    now[0] += 45
    assert store.get(busy.id) is busy  # a request restarts its idle clock
    now[0] += 30  # idle: 75 s since its last request; busy: 30 s
    assert store.get(idle.id) is None
    assert not idle.folder.exists()
    assert store.get(busy.id) is busy and busy.folder.is_dir()
    store.close()


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "example.org"])
def test_the_server_binds_only_to_loopback(host: str, capsys: Any) -> None:
    with pytest.raises(UsageError):
        check_host(host)
    assert upsides(["studio", "--host", host, "--no-browser"]) == 2
    assert "127.0.0.1 only" in capsys.readouterr().err


def test_hostile_names_never_become_paths() -> None:
    for name in ("../x", "/x", "a\x00b", "", ".", "x/", "con\ny", "C:\\x.zip", "..\\x"):
        with pytest.raises(UsageError):
            uploads.plain_name(name)
    assert uploads.plain_name("ulm package.zip") == "ulm package.zip"


def test_a_qdpx_project_is_imported_as_import_qdpx_would(studio: tuple[TestClient, Any],
                                                        tmp_path: Path, capsys: Any) -> None:
    client, app = studio
    example = REPO / "examples" / "upsides-mhw-2019"
    qdpx = tmp_path / "project.qdpx"
    assert upsides(["export", "qdpx", str(example / "ulm"), str(example / "codebook"),
                    "-o", str(qdpx)]) == 0
    without = _upload(client, qdpx, token=_token(client))
    assert [f["rule"] for f in page_findings(without.text)] == ["qdpx-site-study-missing"]
    page = _upload(client, qdpx, token=_token(client), site="ulm", study="mhw-2019",
                   country="DE")
    out = tmp_path / "imported"
    assert upsides(["import", "qdpx", str(qdpx), "--site", "ulm", "--study", "mhw-2019",
                    "--country", "DE", "-o", str(out / "site"),
                    "--codebook-out", str(out / "codebook")]) == 0
    expected = cli_report([out / "site", out / "codebook"], capsys)
    assert comparable(page_findings(page.text)) == comparable(expected["findings"])
    [session] = app.state.store._sessions.values()
    assert len(session.packages) == 2

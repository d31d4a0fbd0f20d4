"""``upsides studio``: the local web page where a site checks, fixes and downloads its package.

Needs the ``studio`` extra (``pip install 'upsides-data[studio]'``); without it ``serve`` says
so (``extras.require``) and the command exits with 2.
"""

from __future__ import annotations

import typer

from upsides_data.studio import DEFAULT_MAX_UPLOAD_BYTES


LIMITS = """Limits and refusals: The studio binds to 127.0.0.1 only (any other --host is a usage
error, exit 2) and answers only requests whose Host is 127.0.0.1 or localhost. An upload over
--max-upload-mb (default 200) is refused (input-too-large); a file name that is not a plain
name (../../x, an absolute path, a NUL byte) is refused (upload-name-refused); a file of
another kind than .zip, a package folder's files, .qdpx, .xlsx or .ods is upload-unsupported;
a workbook in a build without `upsides pack` is workbook-unsupported; a QDPX project without
site and study is qdpx-site-study-missing; a fix naming no cell of the package is
cell-not-found. Zips are extracted with the limits of every zip (zip bombs, members outside the
archive). A POST without the page's security token is refused (HTTP 403). Uploaded files live
in a temporary folder per session, removed by Start over and when the studio stops."""


def register(app: typer.Typer) -> None:
    @app.command("studio", epilog=LIMITS)
    def studio_command(
        port: int = typer.Option(0, "--port", min=0, max=65535,
                                 help="The port on 127.0.0.1 (default: a free one)."),
        host: str = typer.Option("127.0.0.1", "--host",
                                 help="Only 127.0.0.1 or localhost are accepted."),
        no_browser: bool = typer.Option(False, "--no-browser",
                                        help="Do not open the page in the browser."),
        max_upload_mb: int = typer.Option(DEFAULT_MAX_UPLOAD_BYTES // 1024**2,
                                          "--max-upload-mb", min=1,
                                          help="The largest upload accepted, in MB."),
    ) -> None:
        """Open a local web page to validate, fix and download a site's package."""
        from upsides_data.studio.server import check_host, serve

        check_host(host)
        serve(port=port, host=host, open_browser=not no_browser,
              max_upload_bytes=max_upload_mb * 1024**2)

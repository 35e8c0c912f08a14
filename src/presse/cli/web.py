"""``presse serve``: the review page on a local web server."""

from __future__ import annotations

import os

import click

from presse.cli.main import repository
from presse.errors import PresseError

PASSWORD_VARIABLE = "PRESSE_SERVE_PASSWORD"
SECRET_VARIABLE = "PRESSE_SERVE_SECRET"


@click.command("serve")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help=f"Address to listen on; anything but loopback needs a login (${PASSWORD_VARIABLE}).",
)
@click.pass_context
def serve_command(ctx: click.Context, port: int, host: str) -> None:
    """Start the review page: review, edit, preview and approve releases in a browser."""
    from werkzeug.serving import make_server

    from presse.web import create_app
    from presse.web.security import is_loopback

    repo = repository(ctx)
    password = os.environ.get(PASSWORD_VARIABLE) or None
    if not is_loopback(host) and not password:
        raise PresseError(
            f"listening on {host} lets other machines in: set {PASSWORD_VARIABLE} to a "
            "password first (or keep the default --host 127.0.0.1)"
        )
    app = create_app(repo, password=password, secret_key=os.environ.get(SECRET_VARIABLE) or None)
    try:
        server = make_server(host, port, app, threaded=True)
    except OSError as error:
        raise PresseError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"Review page for {repo.config.office}: http://{shown}:{server.server_port}/")
    click.echo("Login required." if password else "Only this computer can open it.")
    click.echo("Press Ctrl+C to stop.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def add(group: click.Group) -> None:
    group.add_command(serve_command)

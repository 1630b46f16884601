"""``casewarden archive``: public-records releases, legal holds and retention."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casewarden.actor import Actor
from casewarden.cli.context import context_of
from casewarden.cli.errors import fail, handles_errors
from casewarden.crypto.keyring import Keyring
from casewarden.moderation import archive
from casewarden.moderation.redaction import redactor_for
from casewarden.pages.service import find_page
from casewarden.platforms.interfaces import Platform

app = typer.Typer(help="The moderation archive (public records).", no_args_is_help=True)


def _page_pk(cli_ctx: typer.Context, platform: Platform, page_id: str) -> int:
    with context_of(cli_ctx).unit() as session:
        page = find_page(session=session, platform=platform, page_id=page_id)
        if page is None:
            raise fail(f"no registered {platform} page {page_id}")
        return page.id


@app.command("export")
@handles_errors
def export(
    ctx: typer.Context,
    page_id: Annotated[str, typer.Option("--page-id", help="The platform's page id.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="ZIP file to write.")],
    platform: Annotated[Platform, typer.Option("--platform")] = Platform.FACEBOOK,
    thread: Annotated[
        str | None, typer.Option("--thread", help="Only this post and its comments.")
    ] = None,
) -> None:
    """Write a redacted release of a page (or one thread) for a public-records request."""
    cli = context_of(ctx)
    settings = cli.get_settings()
    pk = _page_pk(ctx, platform, page_id)
    keyring = Keyring.parse(settings.encryption_keys.get_secret_value())
    try:
        handle = output.open("wb")
    except OSError as exc:
        raise fail(f"cannot write {output}: {exc.strerror}") from None
    with handle, cli.unit() as session:
        summary = archive.export_release(
            session=session,
            actor=Actor.system(),
            keyring=keyring,
            redactor=redactor_for(settings),
            page_pk=pk,
            post_external_id=thread,
            out=handle,
        )
    typer.echo(
        f"wrote {output}: {summary.comments} comments, {summary.versions} versions, "
        f"{summary.redactions} redactions (manifest sha256 {summary.sha256})"
    )


@app.command("hold")
@handles_errors
def hold(
    ctx: typer.Context,
    page_id: Annotated[str, typer.Option("--page-id")],
    *,
    platform: Annotated[Platform, typer.Option("--platform")] = Platform.FACEBOOK,
    thread: Annotated[str | None, typer.Option("--thread")] = None,
    release: Annotated[bool, typer.Option("--release", help="Release the hold instead.")] = False,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            help="Why a whole page is held (a case or request number); kept sealed, shown on "
            f"the Pages screen. At most {archive.HOLD_REASON_MAX} characters.",
        ),
    ] = None,
) -> None:
    """Place (or release) a legal hold on a page or one thread: retention stops for it.

    A thread's hold covers the comments it receives afterwards too.
    """
    cli = context_of(ctx)
    pk = _page_pk(ctx, platform, page_id)
    keyring = Keyring.parse(cli.get_settings().encryption_keys.get_secret_value())
    with cli.unit() as session:
        count = archive.set_hold(
            session=session,
            actor=Actor.system(),
            hold=not release,
            page_pk=pk,
            post_external_id=thread,
            keyring=keyring,
            reason=reason,
        )
    typer.echo(f"{'released' if release else 'placed'} a legal hold on {count} comment(s)")


@app.command("purge")
@handles_errors
def purge(ctx: typer.Context) -> None:
    """Delete comments past their retention period and not on legal hold."""
    with context_of(ctx).unit() as session:
        count = archive.purge_expired(session=session)
    typer.echo(f"purged {count} comment(s) past retention")

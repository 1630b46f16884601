"""``casewarden pages``: connect the agency's Facebook and Instagram pages."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from typing import Annotated

import typer

from casewarden.actor import Actor
from casewarden.agencies.service import ensure_default_agency, get_agency_by_code
from casewarden.cli.context import CliContext, context_of
from casewarden.cli.errors import EXIT_FAILURE, EXIT_UNAVAILABLE, fail, handles_errors
from casewarden.clock import utcnow
from casewarden.config import PlatformChoice
from casewarden.crypto.keyring import Keyring
from casewarden.moderation import sync as page_sync
from casewarden.pages import service
from casewarden.platforms.interfaces import (
    CommentLister,
    PageRef,
    Platform,
    PlatformComment,
    PlatformError,
)
from casewarden.process.runtime import ProcessRuntime

app = typer.Typer(help="Agency pages on Facebook and Instagram.", no_args_is_help=True)


@app.command("add")
@handles_errors
def add(
    ctx: typer.Context,
    platform: Annotated[Platform, typer.Option("--platform", help="facebook or instagram.")],
    page_id: Annotated[str, typer.Option("--page-id", help="The platform's numeric page id.")],
    token: Annotated[
        str, typer.Option("--token", help="The page access token, or - to read it from stdin.")
    ],
    name: Annotated[str | None, typer.Option("--name", help="A label for the console.")] = None,
    agency: Annotated[
        str | None, typer.Option("--agency", help="Agency code (default: the configured one).")
    ] = None,
) -> None:
    """Register an agency-owned page; its token is stored encrypted."""
    cli = context_of(ctx)
    settings = cli.get_settings()
    secret = sys.stdin.readline().strip() if token == "-" else token  # noqa: S105 - "-" is stdin
    keyring = Keyring.parse(settings.encryption_keys.get_secret_value())
    with cli.unit() as session:
        owner = (
            get_agency_by_code(session=session, code=agency)
            if agency
            else ensure_default_agency(
                session=session,
                code=settings.default_agency_code,
                name=settings.default_agency_name,
            )
        )
        page = service.register_page(
            session=session,
            actor=Actor.system(),
            keyring=keyring,
            agency=owner,
            platform=platform,
            page_id=page_id,
            token=secret,
            name=name,
        )
        typer.echo(f"registered {page.platform} page {page.page_id} for {owner.code}")


@app.command("set-token")
@handles_errors
def set_token(
    ctx: typer.Context,
    platform: Annotated[Platform, typer.Option("--platform", help="facebook or instagram.")],
    page_id: Annotated[str, typer.Option("--page-id", help="The platform's numeric page id.")],
    token: Annotated[
        str, typer.Option("--token", help="The new page access token, or - to read it from stdin.")
    ] = "-",  # noqa: S107 - "-" means stdin
) -> None:
    """Replace a connected page's access token (leaked or expired); the old one is destroyed."""
    cli = context_of(ctx)
    secret = sys.stdin.readline().strip() if token == "-" else token  # noqa: S105 - "-" is stdin
    keyring = Keyring.parse(cli.get_settings().encryption_keys.get_secret_value())
    with cli.unit() as session:
        page = service.replace_token(
            session=session,
            actor=Actor.system(),
            keyring=keyring,
            platform=platform,
            page_id=page_id,
            token=secret,
        )
        typer.echo(f"new token stored for {page.platform} page {page.page_id}")


@app.command("list")
@handles_errors
def list_(ctx: typer.Context) -> None:
    """List connected pages (never their tokens)."""
    with context_of(ctx).unit() as session:
        for page in service.list_pages(session=session):
            typer.echo(f"{page.platform}\t{page.page_id}\t{page.name}")


@app.command("remove")
@handles_errors
def remove(
    ctx: typer.Context,
    platform: Annotated[Platform, typer.Option("--platform")],
    page_id: Annotated[str, typer.Option("--page-id")],
) -> None:
    """Disconnect a page: its token is destroyed; its archive is kept."""
    with context_of(ctx).unit() as session:
        page = service.retire_page(
            session=session, actor=Actor.system(), platform=platform, page_id=page_id
        )
        typer.echo(f"removed {page.platform} page {page.page_id}")


_TIME_FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@app.command("sync")
@handles_errors
def sync(
    ctx: typer.Context,
    page_id: Annotated[
        str | None, typer.Option("--page-id", help="Only this page (default: every page).")
    ] = None,
    agency: Annotated[
        str | None, typer.Option("--agency", help="Only this agency's pages (its code).")
    ] = None,
    since: Annotated[
        datetime | None,
        typer.Option(
            "--since", formats=_TIME_FORMATS, help="Window start, UTC (default: --hours ago)."
        ),
    ] = None,
    until: Annotated[
        datetime | None,
        typer.Option("--until", formats=_TIME_FORMATS, help="Window end, UTC (default: now)."),
    ] = None,
    hours: Annotated[
        int, typer.Option("--hours", min=1, max=24 * 90, help="Window length without --since.")
    ] = 72,
    max_posts: Annotated[
        int,
        typer.Option("--max-posts", min=1, max=5000, help="Most recently active posts read."),
    ] = 100,
) -> None:
    """Fetch pages' recent comments from the Graph API and moderate those never received.

    After an outage longer than Meta's webhook retries: comments casewarden has no record
    of go through the same intake and moderation as a delivery; known ones are left alone,
    so running it again stores nothing. Facebook pages and Instagram accounts alike.
    """
    cli = context_of(ctx)
    settings = cli.get_settings()
    if settings.platform is not PlatformChoice.META:
        raise fail(
            "pages sync lists comments through the Graph API, and the console platform "
            "adapter has none: set CASEWARDEN_PLATFORM_ADAPTER=meta",
            EXIT_UNAVAILABLE,
        )
    end = _utc(until) if until else utcnow()
    start = _utc(since) if since else end - timedelta(hours=hours)
    if start >= end:
        raise typer.BadParameter("--since must be before --until")
    window = page_sync.SyncWindow(since=start, until=end, max_posts=max_posts)
    runtime = ProcessRuntime.build(settings, cli.get_database())
    lister = runtime.adapter
    if not isinstance(lister, CommentLister):
        raise fail("the configured platform adapter cannot list comments", EXIT_UNAVAILABLE)
    failures = 0
    try:
        with cli.unit() as session:
            owner = get_agency_by_code(session=session, code=agency).id if agency else None
            pages = [
                page
                for page in service.list_pages(session=session)
                if (page_id is None or page.page_id == page_id)
                and (owner is None or page.agency_id == owner)
            ]
            if page_id is not None and not pages:
                raise fail(f"no connected page {page_id}" + (f" for {agency}" if agency else ""))
            targets = [(page.id, service.page_ref(page, runtime.keyring)) for page in pages]
        for page_pk, ref in targets:
            failures += _sync_one(cli, runtime, lister, page_pk, ref, window)
        runtime.worker().drain()
    finally:
        runtime.close()
    if failures:
        raise typer.Exit(EXIT_FAILURE)


def _sync_one(
    cli: CliContext,
    runtime: ProcessRuntime,
    lister: CommentLister,
    page_pk: int,
    ref: PageRef,
    window: page_sync.SyncWindow,
) -> int:
    """Sync one page in a transaction of its own; returns 1 when its listing failed."""
    comments: list[PlatformComment] = []
    try:
        comments = list(
            lister.recent_comments(
                ref, since=window.since, until=window.until, max_posts=window.max_posts
            )
        )
    except PlatformError as exc:
        with cli.unit() as session:
            page_sync.record_failure(
                session=session,
                actor=Actor.system(),
                page=service.get_page(session=session, page_pk=page_pk),
                window=window,
                error_kind=type(exc).__name__,
            )
        typer.secho(
            f"error: {ref.platform} page {ref.page_id}: {exc.public_message}",
            err=True,
            fg=typer.colors.RED,
        )
        return 1
    with cli.unit() as session:
        report = page_sync.store_missed(
            session=session,
            keyring=runtime.keyring,
            secret=runtime.settings.secret_key,
            actor=Actor.system(),
            page=service.get_page(session=session, page_pk=page_pk),
            comments=comments,
            window=window,
        )
    typer.echo(
        f"{ref.platform} page {ref.page_id}: {report.listed} listed, {report.known} already "
        f"known, {report.own} the page's own, {report.stored} stored and queued for moderation"
    )
    return 0

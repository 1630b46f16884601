"""``casewarden privacy``: maintenance of visit records and checks of the notices at collection."""

from __future__ import annotations

import typer

from casewarden.cli.context import context_of
from casewarden.cli.errors import EXIT_FAILURE, handles_errors
from casewarden.clock import utcnow
from casewarden.privacy import maintenance, notices
from casewarden.privacy.messages import CONTACT_FORM
from casewarden.privacy.notices import NoticeIncomplete
from casewarden.privacy.requests import REVIEW_FORM

app = typer.Typer(help="The public privacy portal.", no_args_is_help=True)

FORMS = (CONTACT_FORM, REVIEW_FORM)


@app.command("maintain")
@handles_errors
def maintain(ctx: typer.Context) -> None:
    """Truncate raw IP addresses past their window, purge old visits (run it from cron)."""
    cli = context_of(ctx)
    settings = cli.get_settings()
    with cli.unit() as session:
        report = maintenance.run(session=session, settings=settings, now=utcnow())
    typer.echo(
        f"truncated {report.truncated} addresses, purged {report.purged} visits, "
        f"looked up {report.resolved} domains"
    )


@app.command("check-notices")
@handles_errors
def check_notices(ctx: typer.Context) -> None:
    """Check that every public form's notice at collection is complete in both languages."""
    directory = context_of(ctx).get_settings().privacy_notices_dir
    failed = False
    for spec in FORMS:
        try:
            notices.load(spec, directory)
        except NoticeIncomplete as error:
            failed = True
            typer.secho(f"{spec.name}: incomplete", err=True, fg=typer.colors.RED)
            for problem in error.problems:
                typer.echo(f"  - {problem}", err=True)
        else:
            typer.echo(f"{spec.name}: complete ({notices.notice_path(spec.name, directory)})")
    if failed:
        raise typer.Exit(EXIT_FAILURE)

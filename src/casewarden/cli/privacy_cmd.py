"""``casewarden privacy``: maintenance of visit records and checks of the notices at collection."""

from __future__ import annotations

from pathlib import Path

import typer

from casewarden.cli.context import context_of
from casewarden.cli.errors import EXIT_FAILURE, handles_errors
from casewarden.clock import utcnow
from casewarden.privacy import maintenance, notices
from casewarden.privacy.content import load_content, notice_of
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
    """Check every notice at collection: the web forms' and the forms library's, in both languages.

    Each problem names the notice file and the item: a missing or placeholder text, a
    telephone or address that is not a real one, a downloadable form that asks for
    personal information without its notice.
    """
    settings = context_of(ctx).get_settings()
    directory = settings.privacy_notices_dir
    failed = False
    for spec in FORMS:
        path = notices.notice_path(spec.name, directory)
        try:
            notices.load(spec, directory)
        except NoticeIncomplete as error:
            failed = True
            _report(f"form {spec.name}", path, error.problems)
        else:
            typer.echo(f"form {spec.name}: complete ({path})")
    load_content.cache_clear()  # the files may have changed since this process read them
    for form in load_content(settings.portal_content_dir).forms.values():
        where = f"forms library {form.slug}"
        if form.notice is None:
            located = form.notice_in_file["en"] if form.notice_in_file else None
            typer.echo(
                f"{where}: notice in the form's own file ({located})"
                if located
                else f"{where}: asks for no personal information"
            )
            continue
        path = notices.notice_path(form.notice, directory)
        try:
            notice_of(form, directory)
        except NoticeIncomplete as error:
            failed = True
            _report(where, path, error.problems)
        else:
            typer.echo(f"{where}: complete ({path})")
    if failed:
        raise typer.Exit(EXIT_FAILURE)


def _report(where: str, path: Path, problems: list[str]) -> None:
    typer.secho(f"{where}: incomplete", err=True, fg=typer.colors.RED)
    for problem in problems:
        typer.echo(f"  - {path.name}: {problem}", err=True)

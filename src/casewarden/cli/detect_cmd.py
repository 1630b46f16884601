"""``casewarden detect``: the detection engine's trained models.

``casewarden detect train`` trains the shipped models from the labelled corpus (``make model``
runs it). ``--from-decisions --agency CODE`` trains an agency's own comment classifier from
its moderators' decisions instead (``moderation.learning``): it is stored sealed, with its
gate, and is used only once an administrator switches it on (``switch-on``; ``switch-off``
goes back to the shipped classifier alone).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casewarden.actor import Actor
from casewarden.cli.context import context_of
from casewarden.cli.errors import fail, handles_errors

app = typer.Typer(help="The detection engine's trained models.", no_args_is_help=True)

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "detect" / "data" / "model"


@app.command("train")
@handles_errors
def train(
    ctx: typer.Context,
    *,
    corpus: Annotated[
        Path,
        typer.Option(
            help="The labelled corpus folder (its manifest.toml lists the sources).",
        ),
    ] = Path("bench/corpus"),
    out: Annotated[
        Path,
        typer.Option(
            help="Where the model, its card and the training set are written.",
            # The path itself depends on where casewarden is installed: the reference
            # (docs/cli.md) names the place, not one machine's absolute path.
            show_default="the shipped model, src/casewarden/detect/data/model",
        ),
    ] = DEFAULT_OUT,
    seed: Annotated[int, typer.Option(help="The training seed (same seed, same model).")] = (
        20261206
    ),
    from_decisions: Annotated[
        bool,
        typer.Option(
            "--from-decisions",
            help="Train an agency's own classifier from its moderators' decisions.",
        ),
    ] = False,
    agency: Annotated[
        str | None, typer.Option("--agency", help="The agency's code (with --from-decisions).")
    ] = None,
) -> None:
    """Train the comment classifier on the corpus (or an agency's decisions) and write it."""
    if from_decisions:
        if agency is None:
            raise typer.BadParameter("--from-decisions needs --agency CODE", param_hint="--agency")
        _train_from_decisions(ctx, agency)
        return
    from casewarden.detect.errors import DetectError
    from casewarden.detect.training.build import build
    from casewarden.detect.training.comment_trainer import TrainingOptions
    from casewarden.detect.training.corpus import CorpusError

    if not corpus.is_dir():
        # Checked here rather than by the option: training from decisions needs no corpus.
        raise fail(f"no corpus folder at {corpus} (run from the repository, or give --corpus)")
    command = f"casewarden detect train --corpus {corpus} --seed {seed}"
    try:
        card = build(corpus, out, options=TrainingOptions(seed=seed), command=command)
    except (CorpusError, DetectError, OSError) as exc:
        raise fail(str(exc)) from None
    training = card["training"]
    typer.echo(
        f"trained on {training['comments']} comments from {len(training['sources'])} sources "
        f"(data {training['data_sha256'][:12]}); wrote {out}"
    )
    for split, figures in card["name_tagger"].get("blind_figures", {}).items():
        typer.echo(
            f"{split}: name tagger alone, PERSON precision {figures['precision']:.3f}, "
            f"recall {figures['recall']:.3f}, F1 {figures['f1']:.3f}"
        )
    for split, figures in card.get("blind_figures", {}).items():
        typer.echo(
            f"{split}: hide recall {figures['hide_recall']:.3f}, false-hide "
            f"{figures['false_hide']:.3f}, threats {figures['threats_caught']:.3f}, "
            f"criticism hidden {figures['criticism_hidden']}"
        )


def _train_from_decisions(ctx: typer.Context, code: str) -> None:
    from casewarden.agencies.service import get_agency_by_code
    from casewarden.crypto.keyring import Keyring
    from casewarden.moderation.learning import train_from_decisions
    from casewarden.moderation.scanning import build_scanner

    cli = context_of(ctx)
    settings = cli.get_settings()
    keyring = Keyring.parse(settings.encryption_keys.get_secret_value())
    with cli.unit() as session:
        agency = get_agency_by_code(session=session, code=code)
        typer.echo(f"training {agency.code}'s classifier from its moderators' decisions…", err=True)
        model = train_from_decisions(
            session=session,
            keyring=keyring,
            base_scanner=build_scanner(settings),
            agency_id=agency.id,
            actor=Actor.system(),
        )
        gate = model.gate
    typer.echo(f"agency model {model.id}: {model.state} ({model.decisions} decisions, "
               f"{model.held_back} held back)")  # fmt: skip
    for check in gate["checks"]:
        typer.echo(f"  {'ok  ' if check['holds'] else 'FAIL'} {check['measured']}")
    held = gate["held_back"]
    typer.echo(
        f"  held back: {held['confirmed_hidden_shipped']} -> {held['confirmed_hidden_combined']} "
        f"of {held['confirmed']} confirmed hides hidden; {held['restored_hidden_shipped']} -> "
        f"{held['restored_hidden_combined']} of {held['restored']} restored ones"
    )
    if gate["passed"]:
        typer.echo(f"switch it on with: casewarden detect switch-on {model.id}")


@app.command("models")
@handles_errors
def models(ctx: typer.Context) -> None:
    """List the agencies' own classifiers: state, decisions, gate."""
    from sqlalchemy import select

    from casewarden.agencies.models import Agency
    from casewarden.moderation.models import AgencyModel

    with context_of(ctx).unit() as session:
        rows = session.execute(
            select(AgencyModel, Agency.code)
            .join(Agency, Agency.id == AgencyModel.agency_id)
            .order_by(AgencyModel.id)
        ).all()
        if not rows:
            typer.echo("no agency models: every agency uses the shipped classifier")
        for model, code in rows:
            typer.echo(
                f"{model.id}\t{code}\t{model.state}\t{model.decisions} decisions\t"
                f"gate {'passed' if model.gate.get('passed') else 'failed'}\t"
                f"{model.created_at:%Y-%m-%d %H:%M}"
            )


@app.command("switch-on")
@handles_errors
def switch_on(
    ctx: typer.Context,
    model_id: Annotated[int, typer.Argument(help="The agency model's id (see `models`).")],
) -> None:
    """Use an agency's own classifier beside the shipped one (it must have passed its gate)."""
    from casewarden.moderation.learning import switch_on as switch

    with context_of(ctx).unit() as session:
        switch(session=session, actor=Actor.system(), model_id=model_id)
    typer.echo(f"agency model {model_id} is on; workers take it up within a minute")


@app.command("switch-off")
@handles_errors
def switch_off(
    ctx: typer.Context,
    agency: Annotated[str, typer.Option("--agency", help="The agency's code.")],
) -> None:
    """Go back to the shipped classifier alone for an agency."""
    from casewarden.agencies.service import get_agency_by_code
    from casewarden.moderation.learning import switch_off as switch

    with context_of(ctx).unit() as session:
        agency_id = get_agency_by_code(session=session, code=agency).id
        retired = switch(session=session, actor=Actor.system(), agency_id=agency_id)
    typer.echo(f"agency model {retired} is off; {agency} uses the shipped classifier")

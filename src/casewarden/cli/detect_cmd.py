"""``casewarden detect``: train the detection engine's comment classifier.

``casewarden detect train`` trains the shipped model from the labelled corpus (``make model``
runs it); it needs the training extras (NumPy's companions SciPy and scikit-learn, which
install with casewarden).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casewarden.cli.errors import fail

app = typer.Typer(help="The detection engine's trained models.", no_args_is_help=True)

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "detect" / "data" / "model"


@app.command("train")
def train(
    corpus: Annotated[
        Path,
        typer.Option(
            help="The labelled corpus folder (its manifest.toml lists the sources).",
            exists=True,
            file_okay=False,
        ),
    ] = Path("bench/corpus"),
    out: Annotated[
        Path, typer.Option(help="Where the model, its card and the training set are written.")
    ] = DEFAULT_OUT,
    seed: Annotated[int, typer.Option(help="The training seed (same seed, same model).")] = (
        20261206
    ),
) -> None:
    """Train the comment classifier on the corpus and write it with its card."""
    from casewarden.detect.errors import DetectError
    from casewarden.detect.training.build import build
    from casewarden.detect.training.comment_trainer import TrainingOptions
    from casewarden.detect.training.corpus import CorpusError

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

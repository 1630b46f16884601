"""``casewarden dev``: tools for development and testing."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(help="Development tools.", no_args_is_help=True)


@app.command("fake-graph")
def fake_graph(
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8100,
) -> None:
    """Serve the fake Graph API locally (point CASEWARDEN_META_GRAPH_URL at it)."""
    import uvicorn

    from casewarden.platforms.fake_graph import FakeGraph

    typer.echo(f"fake Graph API on http://127.0.0.1:{port}/v21.0 (calls: /_fake/calls)", err=True)
    uvicorn.run(FakeGraph().app, host="127.0.0.1", port=port, log_config=None, access_log=False)

"""``python -m casewarden`` runs the command line."""

from casewarden.cli import main

main()

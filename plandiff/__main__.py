"""``python -m plandiff``."""

from plandiff.cli import main

main()

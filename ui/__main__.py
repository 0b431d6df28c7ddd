"""`python -m ui` is `policykg`."""

from ui.cli import main

main(prog_name="policykg")

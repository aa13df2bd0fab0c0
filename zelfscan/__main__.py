"""``python -m zelfscan``: the same as the ``zelfscan`` command, without needing it on PATH."""

from zelfscan.cli import main

main(prog_name="zelfscan")

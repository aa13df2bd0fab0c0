"""Compiled templates, remembered between starts of the server (Jinja's bytecode cache).

Jinja turns every template into Python code the first time it is rendered: parsing and
compiling ``base.html`` and a page is most of the work of a server's first response. Jinja
can keep the compiled code in files; a template whose source changed is compiled again (the
file carries a checksum of the source).

The files hold code (marshal), so they live only where code is trusted already: the instance
folder, whose ``config.py`` the app executes (``create_app``). The file names carry the Jinja
and Python versions, so an upgrade of either compiles afresh instead of loading code made for
another. The cache is never needed: a file that cannot be read or written, or is damaged,
means the template is compiled from its source, as without a cache.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, FileSystemBytecodeCache


class SjabloonCache(FileSystemBytecodeCache):
    """Jinja's file cache in ``map_``, which is made when first written to."""

    def __init__(self, map_: Path) -> None:
        self.map = Path(map_)
        versies = f"jinja{jinja2.__version__}-{sys.implementation.cache_tag}"
        super().__init__(str(self.map), f"{versies}-%s.cache")

    def load_bytecode(self, bucket: Bucket) -> None:
        # Jinja unpickles a checksum from the file before the code: a damaged file can raise
        # nearly anything there. Then the template is compiled from its source.
        try:
            super().load_bytecode(bucket)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        # A read-only instance folder (ZELFSCAN_ALLEEN_LEZEN on a USB stick) or a full disk
        # must not turn a page into an error: the next start compiles again.
        try:
            self.map.mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass

"""What cached results depend on besides the data: our code, the libraries
that shape the output, and the fonts. Part of every cache key."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

from .fonts import font_fingerprint

# Libraries whose behaviour ends up in pages or downloads.
OUTPUT_LIBRARIES = ("typst", "odfpy", "mkdocs-material", "Markdown", "jieba")
PACKAGE = Path(__file__).parent


@cache
def output_fingerprint() -> str:
    """A digest of the plansite sources (code, templates, schemas), library versions and fonts."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"{path.relative_to(PACKAGE)}\0".encode())
            digest.update(path.read_bytes())
    for library in OUTPUT_LIBRARIES:
        digest.update(f"{library}={_version(library)}\0".encode())
    digest.update(font_fingerprint().encode())
    return digest.hexdigest()


def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "-"

"""The ``newsclean`` command: a thin shell over :func:`newsclean.clean`."""

from __future__ import annotations

import argparse
import sys

from . import __version__, clean
from .errors import NewscleanError


def render_text(doc) -> str:
    """The cleaned article as text: the title (if any) on the first line, one paragraph per line."""
    lines = ([doc.title] if doc.title else []) + list(doc.paragraphs)
    return "\n".join(lines) + ("\n" if lines else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="newsclean",
        description="Clean scraped news articles (HTML or extracted text) and print the cleaned text.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="article files (HTML or text); '-' reads stdin")
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}")
    args = parser.parse_args(argv)
    status = 0
    for path in args.files:
        try:
            data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()
            doc = clean(data, name=path)
        except (OSError, NewscleanError) as exc:
            print(f"newsclean: {path}: {exc}", file=sys.stderr)
            status = 123
            continue
        sys.stdout.write(render_text(doc))
    return status

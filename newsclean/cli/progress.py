"""A small progress line on stderr for long runs, shown only on a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO

# Short runs (a pre-commit hook on a few files) never show it.
DELAY_SECONDS = 1.0
REFRESH_SECONDS = 0.1
WIDTH = 30


class Progress:
    """``[#####.....] 12/40 files, 3051 documents`` redrawn in place; silent when not a terminal."""

    def __init__(self, total_files: int, stream: TextIO | None = None, *, enabled: bool | None = None):
        self.stream = stream or sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = bool(isatty and isatty()) if enabled is None else enabled
        self.total = total_files
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.visible = False

    def update(self, files: int, documents: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < DELAY_SECONDS or now - self.drawn_at < REFRESH_SECONDS:
            return
        self.drawn_at = now
        filled = WIDTH * files // self.total if self.total else 0
        bar = "#" * filled + "." * (WIDTH - filled)
        rate = documents / (now - self.started)
        self.stream.write(f"\r[{bar}] {files}/{self.total} files, {documents} documents ({rate:.0f}/s)")
        self.stream.flush()
        self.visible = True

    def close(self) -> None:
        if self.visible:
            self.stream.write("\r\033[K")  # clear the line so the summary starts clean
            self.stream.flush()
            self.visible = False

"""The progress bar on stderr for long runs, shown only on a terminal.

The bar itself is tqdm's: it fits the terminal's width, smooths the rate, shows the time
left and clears itself at the end, which our own 45-line bar did not all do. What stays
ours is the policy: nothing off a terminal, and nothing for runs shorter than a second (a
pre-commit hook on a few files), so short runs print only the summary.
"""

from __future__ import annotations

import sys
from typing import TextIO

DELAY_SECONDS = 1.0
REFRESH_SECONDS = 0.1


class Progress:
    """``37%|####      | 15/40 [00:04<00:07, 3.4file/s, 3051 documents]``; silent when not a terminal."""

    def __init__(
        self,
        total_files: int,
        stream: TextIO | None = None,
        *,
        enabled: bool | None = None,
        delay: float = DELAY_SECONDS,
        refresh: float = REFRESH_SECONDS,
    ):
        stream = stream or sys.stderr
        if enabled is None:
            isatty = getattr(stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.bar = None
        if enabled:  # imported on use: runs off a terminal (hooks, pipes, tests) never load it
            from tqdm import tqdm

            self.bar = tqdm(
                total=total_files,
                unit="file",
                file=stream,
                delay=delay,
                mininterval=refresh,
                leave=False,
                dynamic_ncols=True,
            )

    def update(self, files: int, documents: int) -> None:
        if self.bar is None:
            return
        self.bar.set_postfix_str(f"{documents} documents", refresh=False)
        self.bar.update(files - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()  # leave=False: the line is cleared, so the summary starts clean

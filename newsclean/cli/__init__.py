"""The ``newsclean`` command line, and everything only it uses.

* :mod:`.command`: the ``newsclean`` command (``newsclean.cli:main`` is the console script);
* :mod:`.corpus_command`: ``newsclean corpus``;
* :mod:`.files`, :mod:`.formats`, :mod:`.jsonl`: finding inputs and reading them as documents;
* :mod:`.batch`, :mod:`.linefix`: running the cleaning in order and mapping it back onto lines;
* :mod:`.report`, :mod:`.progress`: what the user reads; :mod:`.atomic`: safe writes;
* :mod:`.configfile`: ``newsclean.toml`` / ``[tool.newsclean]`` discovery.

Nothing outside this package imports it: the library works without the command line.
"""

from newsclean.cli.command import main

__all__ = ["main"]

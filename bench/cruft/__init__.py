"""Our own multilingual cruft set: labelled extracted-text documents, their HTML pages, the scorer.

``python -m bench.cruft`` scores newsclean on it, tune and check halves side by side (see
``bench/split.py``). The documents live in ``tests/fixtures/multilingual/`` (one file per
language, format in its README), written for this project: no benchmark page is copied.
"""

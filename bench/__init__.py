"""Benchmark harness for newsclean: scorers, runs, reports and the CI quality gate.

``python -m bench.run`` measures newsclean against trafilatura alone on
``../shared/benchdata`` and writes ``docs/benchmarks.md``; ``python -m bench.gate``
checks (or raises) the pinned quality floors that ``tests/test_quality_gate.py`` enforces.
"""

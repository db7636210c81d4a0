"""``newsclean corpus --engine ray``: the same options, run on a Ray cluster into a folder of shards.

Without Ray installed it says how to install it and exits 2 (bad usage): nothing was run.
"""

from __future__ import annotations

import argparse
import logging
import sys

from newsclean.cli.report import EXIT_CLEAN, EXIT_FAILED, EXIT_USAGE, print_corpus_summary
from newsclean.corpus import BoilerplateModel, CorpusSummary, RecordShape, Thresholds
from newsclean.corpus.ray_engine import INSTALL_HINT, ray_available
from newsclean.errors import NewscleanError


def run(
    args: argparse.Namespace, config, model: BoilerplateModel | None, thresholds: Thresholds, shape: RecordShape
) -> int:
    """Exit codes as the local engine's: 0 done, 2 bad usage (or no Ray), 123 records or files that failed."""
    if not ray_available():
        print(f"newsclean corpus: {INSTALL_HINT}", file=sys.stderr)
        return EXIT_USAGE
    if args.records_per_shard < 1:
        print("newsclean corpus: --records-per-shard must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if args.output == "-":
        print("newsclean corpus: the ray engine writes shards into a folder: give -o OUTPUT_DIR", file=sys.stderr)
        return EXIT_USAGE
    import ray

    from newsclean.corpus.ray_engine import clean_corpus_on_ray

    summary = CorpusSummary()
    show = sys.stderr.isatty() and not args.quiet
    started = not ray.is_initialized()  # a caller (a test, a notebook) may have connected already
    if started:
        ray.init(
            address=args.address,
            include_dashboard=False,
            log_to_driver=show,
            logging_level=logging.INFO if show else logging.WARNING,
        )
    try:
        shards = clean_corpus_on_ray(
            args.inputs,
            args.output,
            config=config,
            near_duplicates=args.near_duplicates,
            threshold=args.threshold,
            boilerplate=model,
            learn_boilerplate=thresholds if args.learn_boilerplate else False,
            site_field=args.site_field,
            output_format=args.output_format,
            records_per_shard=args.records_per_shard,
            shape=shape,
            summary=summary,
            progress=show,
        )
        if args.save_boilerplate and summary.model is not None:
            summary.model.save(args.save_boilerplate)
    except (OSError, NewscleanError) as exc:
        print(f"newsclean corpus: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        if started:
            ray.shutdown()
    if not args.quiet:
        print(f"newsclean corpus: {len(shards)} shards in {args.output}", file=sys.stderr)
        print_corpus_summary(summary)
    return EXIT_FAILED if summary.failed else EXIT_CLEAN

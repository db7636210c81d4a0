"""Corpus mode: clean a whole corpus, using the corpus itself to find what no per-document rule can.

* near-duplicate documents (syndicated stories with small edits), by MinHash LSH;
* site boilerplate (the appeal or imprint every article of one outlet carries, in any
  language), learned from how often a passage recurs across a site's documents;
* streaming JSONL in and out, with the per-document pipeline in parallel.

>>> from newsclean.corpus import clean_corpus, CorpusSummary
>>> records = [{"id": str(i), "url": f"https://example.com/{i}",
...             "text": f"Story {i} is about topic number {i} and nothing else at all.\\nPrinted by the Harbour Gazette cooperative, Pier 4."}
...            for i in range(6)]
>>> summary = CorpusSummary()
>>> out = list(clean_corpus(records, learn_boilerplate=True, summary=summary))
>>> out[0]["text"], out[0]["metadata"]["changes"][0]["reason"]
('Story 0 is about topic number 0 and nothing else at all.', 'seen on 6 of 6 documents from example.com')
"""

from newsclean.corpus.boilerplate import BoilerplateLearner, BoilerplateModel, Thresholds, site_of
from newsclean.corpus.near_duplicates import DEFAULT_THRESHOLD, NearDuplicateIndex, Signer, shingles
from newsclean.corpus.records import RecordShape
from newsclean.corpus.runner import NEAR_DUPLICATE_MODES, CorpusSummary, clean_corpus, clean_corpus_lines
from newsclean.corpus.step import RecordResult, Sourced, StepOptions, process_record
from newsclean.corpus.stream import read_records, write_records

__all__ = [
    "DEFAULT_THRESHOLD",
    "NEAR_DUPLICATE_MODES",
    "BoilerplateLearner",
    "BoilerplateModel",
    "CorpusSummary",
    "NearDuplicateIndex",
    "RecordResult",
    "RecordShape",
    "Signer",
    "Sourced",
    "StepOptions",
    "Thresholds",
    "clean_corpus",
    "clean_corpus_lines",
    "process_record",
    "read_records",
    "shingles",
    "site_of",
    "write_records",
]

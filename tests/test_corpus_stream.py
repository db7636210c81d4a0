"""JSONL streaming and the ordered parallel map."""

import gzip
from itertools import count

import pytest

from newsclean.corpus.stream import AHEAD, CHUNK_SIZE, ordered_map, read_records, write_records
from newsclean.errors import InputError


def square(x):
    return x * x


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz"])
def test_records_round_trip(tmp_path, name):
    records = [{"id": i, "text": f"ünïcode {i}", "extra": [i]} for i in range(5)]
    path = str(tmp_path / name)
    assert write_records(records, path) == 5
    assert list(read_records([path])) == records
    if name.endswith(".gz"):
        assert gzip.open(path, "rt").readline().startswith("{")


def test_several_inputs_are_read_in_order_and_blank_lines_skipped(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text('{"id": 1}\n\n{"id": 2}\n')
    b.write_text('{"id": 3}\n')
    assert [r["id"] for r in read_records([str(a), str(b)])] == [1, 2, 3]


def test_bad_lines_and_missing_files_are_input_errors(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("[1, 2]\n")
    with pytest.raises(InputError, match="JSON object"):
        list(read_records([str(bad)]))
    with pytest.raises(InputError, match="cannot read"):
        list(read_records([str(tmp_path / "missing.jsonl")]))


@pytest.mark.parametrize("jobs", [1, 2])
def test_ordered_map_keeps_input_order(jobs):
    assert list(ordered_map(square, range(500), jobs=jobs, chunk_size=7)) == [x * x for x in range(500)]


def test_ordered_map_reads_input_only_as_results_are_taken():
    pulled = count()

    def numbers():
        for i in range(100_000):
            next(pulled)
            yield i

    results = ordered_map(square, numbers(), jobs=2)
    assert next(results) == 0
    in_flight = next(pulled)
    assert in_flight <= (2 * (AHEAD + 1) + 1) * CHUNK_SIZE + 1  # the queue, refilled once
    results.close()


def test_jobs_must_be_positive():
    with pytest.raises(ValueError):
        list(ordered_map(square, [1], jobs=0))


def test_json_lines_keep_what_the_standard_library_reads(tmp_path):
    # msgspec does the work; what it refuses (NaN, lone surrogates) goes through the standard
    # library, and integers beyond 64 bits stay integers (orjson would make them floats).
    from newsclean.corpus.stream import dumps, loads

    big = 123456789012345678901234567890
    assert loads(f'{{"n": {big}, "t": "é"}}') == {"n": big, "t": "é"}
    assert loads(f'{{"n": {big}}}'.encode()) == {"n": big}
    assert loads('{"x": NaN}')["x"] != loads('{"x": NaN}')["x"]  # nan
    assert loads('{"s": "\\ud800"}') == {"s": "\ud800"}
    with pytest.raises(InputError, match="invalid JSON"):
        loads('{"id": 1')
    assert dumps({"n": big, "t": "é\u2028", "f": 0.5}) == f'{{"n":{big},"t":"é\u2028","f":0.5}}\n'.encode()
    assert dumps({"x": float("nan")}) == b'{"x":null}\n'
    lone = dumps({"s": "\ud800"})
    assert lone == b'{"s":"\\ud800"}\n' and loads(lone) == {"s": "\ud800"}


def test_a_line_holding_a_lone_surrogate_itself_is_read_and_mended():
    # A str (not bytes) can hold a lone surrogate unescaped: msgspec cannot encode it to read
    # it, so the standard library reads it, and the record gets U+FFFD in its place.
    from newsclean.corpus.stream import decode_record, loads

    assert loads('{"s": "\ud800"}') == {"s": "\ud800"}
    assert decode_record('{"s": "a\ud800", "t": ["\\udc00"]}') == {"s": "a\ufffd", "t": ["\ufffd"]}
    assert decode_record({"s": "\ud800"}) == {"s": "\ufffd"}  # records given as dicts are mended too

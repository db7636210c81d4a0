"""MinHash signatures and the near-duplicate index."""

import random

import pytest

from newsclean.corpus.near_duplicates import NearDuplicateIndex, Signer, estimated_similarity, jaccard, shingles

WORDS = (
    "river council budget school harbour bridge market station winter farmers court hospital election "
    "museum factory railway festival library drought teachers"
).split()


def story(seed: int, n_words: int = 300) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(n_words))


def edited(text: str, every: int) -> str:
    words = text.split()
    return " ".join("changed" if i % every == 0 else w for i, w in enumerate(words))


def test_shingles_ignore_case_and_punctuation():
    assert shingles("The Mayor, said: “no”.") == shingles("the mayor said no")
    assert shingles("") == set()


def test_signatures_agree_between_signers():
    text = story(1)
    assert Signer().signature(text) == Signer().signature(text)


def test_estimate_tracks_exact_jaccard():
    a, b = story(2), edited(story(2), 25)
    signer = Signer(num_perm=256)
    exact = jaccard(shingles(a), shingles(b))
    assert abs(estimated_similarity(signer.signature(a), signer.signature(b)) - exact) < 0.1


def test_copy_matches_first_occurrence_and_unrelated_story_does_not():
    signer, index = Signer(), NearDuplicateIndex(threshold=0.6)
    original = story(3)
    assert index.match_or_add("a", signer.signature(original)) is None
    assert index.match_or_add("b", signer.signature(story(4))) is None
    match = index.match_or_add("c", signer.signature(edited(original, 40)))
    assert match is not None and match.representative == "a" and match.similarity >= 0.6
    # a copy of the copy still points at the original: copies are never indexed
    assert index.match_or_add("d", signer.signature(edited(original, 41))).representative == "a"
    assert len(index) == 2


def test_below_threshold_is_not_a_duplicate():
    signer, index = Signer(), NearDuplicateIndex(threshold=0.9)
    original = story(5)
    index.match_or_add("a", signer.signature(original))
    heavily_edited = edited(original, 6)  # most 5-grams broken
    assert jaccard(shingles(original), shingles(heavily_edited)) < 0.5
    assert index.match_or_add("b", signer.signature(heavily_edited)) is None


def test_text_without_words_is_never_a_duplicate():
    index = NearDuplicateIndex()
    assert Signer().signature("— … —") is None
    assert index.match_or_add("a", None) is None and index.match_or_add("b", None) is None


@pytest.mark.parametrize("threshold", [0, 1.5, -0.1])
def test_threshold_must_be_a_similarity(threshold):
    with pytest.raises(ValueError, match="threshold"):
        NearDuplicateIndex(threshold=threshold)


def test_signature_of_another_size_is_rejected():
    index = NearDuplicateIndex(num_perm=64)
    with pytest.raises(ValueError, match="expects 64"):
        index.match_or_add("a", Signer(num_perm=32).signature(story(6)))


@pytest.mark.parametrize(
    "text",
    [
        "One two, THREE four five six seven",
        "Just three words",
        "Ünïcode wörds — and “quotes” 12 34 ñ 日本語 text here again and again and again",
        "a " * 40,
    ],
)
def test_all_shingle_hashes_at_once_equal_hashing_each_shingle(text):
    from newsclean.corpus.near_duplicates import shingle_hash, shingle_hashes

    assert sorted(shingle_hashes(text).tolist()) == sorted(shingle_hash(s) for s in shingles(text))


def test_shingle_hashes_of_long_texts_do_not_collide():
    from newsclean.corpus.near_duplicates import shingle_hashes

    text = story(7, 5000)
    assert len(shingle_hashes(text)) == len(shingles(text))
    assert len(shingle_hashes("")) == 0


def test_bands_are_datasketchs_choice():
    from newsclean.corpus.near_duplicates import optimal_bands

    assert optimal_bands(0.6, 64) == (14, 4)
    lsh = pytest.importorskip("datasketch.lsh")
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
        assert optimal_bands(threshold, 64) == lsh._optimal_param(threshold, 64, 0.2, 0.8)


def test_many_near_copies_all_found_and_unrelated_stories_never():
    signer, index = Signer(), NearDuplicateIndex(threshold=0.6)
    originals = [story(100 + k) for k in range(60)]
    for k, text in enumerate(originals):
        assert index.match_or_add(f"o{k}", signer.signature(text)) is None
    for k, text in enumerate(originals):
        match = index.match_or_add(f"c{k}", signer.signature(edited(text, 60)))  # Jaccard about 0.85
        assert match is not None and match.representative == f"o{k}"
    assert len(index) == 60

"""Build a planted corpus for the corpus-mode benchmark, with its truth recorded separately.

Bodies are random recombinations of real paragraphs (scrapinghub gold ``articleBody``
texts and the text trafilatura extracts from the trafeval-dev pages), so no two
unplanted documents share more than the odd paragraph. Planted on top:

* near-duplicate copies: word edits, a paragraph dropped or added, a wire prefix;
* exact copies of a body, on another site or the same one;
* per-site boilerplate in invented wording (several languages), top, bottom or middle;
* pairs of different stories on one site that share one quoted paragraph.

``corpus.jsonl.gz`` holds records ``{id, url, title, text}``; ``truth.jsonl.gz`` one line
per record: ``{id, site, family, copy_of, kind, jaccard, body, boilerplate, quote}``.
Run: ``python -m bench.corpus_gen --docs 2000 --out bench/corpus/small``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import re
from pathlib import Path

BENCHDATA = Path(os.environ.get("NEWSCLEAN_SHARED", Path(__file__).resolve().parents[2] / "shared")) / "benchdata"
CACHE = Path(__file__).resolve().parent / "corpus" / "paragraphs.json.gz"
_WORD = re.compile(r"\w+")

# Boilerplate built from invented names and phrase pieces, so no phrase list knows it.
_OPENERS = {
    "en": [
        "The {org} relies on {n} members in {city}",
        "Every story at {org} is checked twice by our {city} desk",
        "{org} prints on recycled paper from {city}",
        "Tip line for the {org}: call {phone} any night",
    ],
    "de": ["Die {org} dankt ihren {n} Mitgliedern in {city}", "Hinweise an die {org} unter {phone}, rund um die Uhr"],
    "es": ["{org} agradece a sus {n} socios de {city}", "Escriba a la redacción de {org} en {city}: {phone}"],
    "fr": ["{org} remercie ses {n} lecteurs fidèles de {city}", "La rédaction de {org} répond au {phone}"],
}
_TAILS = [
    "and the {animal} fund",
    "since {year}",
    "with the {animal} cooperative",
    "- reply within {n} hours",
    "for the {animal} prize",
    "at the {animal} pier office",
]
_ORGS = [
    "Harbour Gazette",
    "Quillmark Post",
    "Vendel Courier",
    "Brasswick Ledger",
    "Ostery Daily",
    "Marlow Crier",
    "Tannery Herald",
    "Kestrel Wire",
    "Lumen Tribune",
    "Ferrow Bulletin",
]
_CITIES = ["Oskarby", "Valdemora", "Pritchley", "Nørrevik", "Saint-Abel", "Kuppenheim", "Tarragal", "Wexmoor"]
_ANIMALS = ["heron", "lynx", "otter", "badger", "kestrel", "marten", "ibis", "stoat"]
_WIRES = ["WASHINGTON (Reuters) - ", "LONDON (AP) — ", "BERLIN, dpa - ", "PARIS (AFP) - ", "NEW YORK (Bloomberg) -- "]
_SPEAKERS = ["the minister said", "a spokeswoman said", "the mayor told reporters", "the chief executive said"]


def shingles(text: str, size: int = 5) -> set[str]:
    tokens = _WORD.findall(text.casefold())
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def jaccard(a: str, b: str) -> float:
    x, y = shingles(a), shingles(b)
    return len(x & y) / len(x | y) if x or y else 1.0


def source_paragraphs(trafeval: bool = True, benchdata: Path = BENCHDATA) -> list[str]:
    """Distinct paragraphs of 12 to 120 words from the scrapinghub gold bodies and, with ``trafeval``,
    the text trafilatura extracts from the trafeval-dev pages (cached after one extraction)."""
    if trafeval and CACHE.exists():
        return json.loads(gzip.decompress(CACHE.read_bytes()))
    texts = [
        v["articleBody"] for v in json.loads((benchdata / "scrapinghub" / "ground-truth.json").read_text()).values()
    ]
    if trafeval:
        import trafilatura

        for page in sorted((benchdata / "trafeval-dev" / "html").glob("*.gz")):
            text = trafilatura.extract(gzip.decompress(page.read_bytes()), include_comments=False, deduplicate=False)
            texts.append(text or "")
    seen, paragraphs = set(), []
    for text in texts:
        for line in text.split("\n"):
            line = " ".join(line.split())
            key = " ".join(_WORD.findall(line.casefold()))
            if 12 <= len(key.split()) <= 120 and key not in seen:  # paragraphs, not whole tables or menus
                seen.add(key)
                paragraphs.append(line)
    if trafeval:
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_bytes(gzip.compress(json.dumps(paragraphs).encode()))
    return paragraphs


def pools_by_language(paragraphs: list[str], min_size: int = 300) -> tuple[list[list[str]], list[int]]:
    """Paragraphs grouped by their (cheaply guessed) language, so a body is in one language as news is.

    Returns the pools with at least ``min_size`` paragraphs and their sizes (sampling weights).
    """
    from newsclean.reading.language import guess

    groups: dict[str, list[str]] = {}
    for paragraph in paragraphs:
        groups.setdefault(guess(paragraph)[0] or "?", []).append(paragraph)
    pools = [groups[lang] for lang in sorted(groups) if lang != "?" and len(groups[lang]) >= min_size]
    return pools, [len(pool) for pool in pools]


def site_boilerplate(rng: random.Random, site_number: int) -> list[dict]:
    """One to three passages with a place and a rate: how many of the site's documents carry it."""
    passages = []
    for k in range(rng.randint(1, 3)):
        lang = rng.choice(list(_OPENERS))
        fill = dict(
            org=rng.choice(_ORGS) + f" {site_number}",
            n=rng.randint(200, 9000),
            city=rng.choice(_CITIES),
            phone=f"0{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            animal=rng.choice(_ANIMALS),
            year=rng.randint(1950, 2015),
        )
        text = rng.choice(_OPENERS[lang]).format(**fill) + " " + rng.choice(_TAILS).format(**fill) + "."
        passages.append({"text": text, "where": ["top", "bottom", "middle"][k % 3], "rate": rng.uniform(0.6, 1.0)})
    return passages


def edit_words(rng: random.Random, paragraphs: list[str], rate: float, pool: list[str]) -> list[str]:
    """Replace, delete or insert words at ``rate`` per word."""
    vocabulary = rng.choice(pool).split()
    out = []
    for paragraph in paragraphs:
        words = []
        for word in paragraph.split():
            if rng.random() < rate:
                action = rng.randrange(3)
                if action == 0:
                    words.append(rng.choice(vocabulary))
                elif action == 2:
                    words += [word, rng.choice(vocabulary)]
            else:
                words.append(word)
        out.append(" ".join(words) or paragraph)
    return out


def near_copy(rng: random.Random, body: list[str], pool: list[str]) -> list[str]:
    copy = list(body)
    if rng.random() < 0.7:
        copy = edit_words(rng, copy, rng.uniform(0.0, 0.06), pool)
    if rng.random() < 0.35 and len(copy) > 4:
        del copy[rng.randrange(1, len(copy))]
    if rng.random() < 0.35:
        copy.insert(rng.randrange(1, len(copy) + 1), rng.choice(pool))
    if rng.random() < 0.4:
        copy[0] = rng.choice(_WIRES) + copy[0]
    return copy if copy != body else copy + [rng.choice(pool)]


def generate(n_docs: int, seed: int = 1234, n_sites: int = 60, paragraphs: list[str] | None = None):
    """Yield ``(record, truth)`` pairs, ``n_docs`` of them, originals before their copies."""
    rng = random.Random(seed)
    pools, pool_weights = pools_by_language(paragraphs if paragraphs is not None else source_paragraphs())
    sites = [f"site{k:02d}.example" for k in range(n_sites)]
    weights = [1 / (k + 1) ** 0.8 for k in range(n_sites)]  # a few big sites, a long tail
    boiler = {site: site_boilerplate(rng, k) for k, site in enumerate(sites)}
    queued: list[tuple[int, dict]] = []  # copies waiting for their slot: (due index, truth)
    families = 0
    distinct = DistinctBodies()
    for index in range(n_docs):
        truth = None
        if queued and queued[0][0] <= index:
            truth = queued.pop(0)[1]
        if truth is None:
            families += 1
            language_pool = rng.choices(pools, pool_weights)[0]
            body = distinct.sample(rng, language_pool)
            truth = {
                "family": families,
                "kind": "unique",
                "copy_of": None,
                "jaccard": None,
                "quote": None,
                "site": rng.choices(sites, weights)[0],
                "body": body,
            }
            roll = rng.random()
            if roll < 0.02:  # a follow-up story on the same site, sharing one quotation
                quote = f'"{rng.choice(language_pool)}" {rng.choice(_SPEAKERS)}.'
                truth["body"] = body[:2] + [quote] + body[2:]
                truth["quote"] = quote
                sibling = {**truth, "family": None, "body": distinct.sample(rng, language_pool)}
                sibling["body"] = sibling["body"][:1] + [quote] + sibling["body"][1:]
                _enqueue(queued, index + rng.randint(1, 200), sibling)
            elif roll < 0.14:
                for _ in range(rng.randint(1, 3)):
                    exact = rng.random() < 0.25
                    copy_body = list(truth["body"]) if exact else near_copy(rng, truth["body"], language_pool)
                    site = truth["site"] if rng.random() < 0.3 else rng.choices(sites, weights)[0]
                    _enqueue(
                        queued,
                        index + rng.randint(1, 2000),
                        {
                            "family": families,
                            "kind": "exact_copy" if exact else "near_copy",
                            "copy_of": None,
                            "jaccard": round(jaccard("\n".join(body), "\n".join(copy_body)), 4),
                            "quote": None,
                            "site": site,
                            "body": copy_body,
                            "_original": index,
                        },
                    )
        doc_id = f"d{index:06d}"
        if truth.get("_original") is not None:
            truth["copy_of"] = f"d{truth.pop('_original'):06d}"
        if truth["family"] is None:
            families += 1
            truth["family"] = families
        paragraphs = list(truth["body"])
        planted = []
        for passage in boiler[truth["site"]]:
            if rng.random() < passage["rate"]:
                planted.append(passage["text"])
                where = {"top": 0, "bottom": len(paragraphs), "middle": len(paragraphs) // 2}[passage["where"]]
                paragraphs.insert(where, passage["text"])
        title = " ".join(truth["body"][0].split()[:9]).rstrip(".,;:")
        record = {
            "id": doc_id,
            "url": f"https://www.{truth['site']}/news/{doc_id}",
            "title": title,
            "text": "\n".join(paragraphs),
        }
        yield (
            record,
            {"id": doc_id, **{k: v for k, v in truth.items() if not k.startswith("_")}, "boilerplate": planted},
        )


class DistinctBodies:
    """Draws bodies that are no accidental near-duplicates of earlier ones.

    Random recombination alone makes, at 100,000 documents, a few pairs of stories that
    share half their paragraphs, or one long paragraph that is most of both texts: near-
    duplicates by any measure, yet unplanted. A draw is redone while the paragraphs it
    shares with an earlier body make up ``MAX_SHARED`` or more of the longer of the two,
    which keeps the Jaccard similarity of any two unplanted bodies under about 0.3.
    """

    MAX_SHARED = 0.3

    def __init__(self) -> None:
        self._lengths: list[int] = []  # words of each body
        self._holders: dict[str, list[int]] = {}  # paragraph -> bodies holding it

    def sample(self, rng: random.Random, pool: list[str]) -> list[str]:
        while True:
            body = rng.sample(pool, rng.randint(4, 12))
            words = [len(p.split()) for p in body]
            if self._acceptable(body, words):
                number = len(self._lengths)
                self._lengths.append(sum(words))
                for paragraph in body:
                    self._holders.setdefault(paragraph, []).append(number)
                return body

    def _acceptable(self, body: list[str], words: list[int]) -> bool:
        total = sum(words)
        shared: dict[int, int] = {}
        for paragraph, n in zip(body, words):
            for other in self._holders.get(paragraph, ()):
                shared[other] = shared.get(other, 0) + n
                if shared[other] >= self.MAX_SHARED * max(total, self._lengths[other]):
                    return False
        return True


def _enqueue(queued: list, due: int, truth: dict) -> None:
    queued.append((due, truth))
    queued.sort(key=lambda item: item[0])


def write(n_docs: int, out: Path, seed: int = 1234) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    corpus, truth = out / "corpus.jsonl.gz", out / "truth.jsonl.gz"
    with (
        gzip.open(corpus, "wt", encoding="utf-8", compresslevel=3) as c,
        gzip.open(truth, "wt", encoding="utf-8", compresslevel=3) as t,
    ):
        for record, fact in generate(n_docs, seed):
            c.write(json.dumps(record, ensure_ascii=False) + "\n")
            t.write(json.dumps(fact, ensure_ascii=False) + "\n")
    return corpus, truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "corpus" / "small")
    args = parser.parse_args()
    print(*write(args.docs, args.out, args.seed))


if __name__ == "__main__":
    main()

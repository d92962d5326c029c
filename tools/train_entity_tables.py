"""Build the learned entity tables shipped in shared/articles/extract/entities/data/.

Sources (offline only; nothing here runs in the Lambda):
- the TRAIN part of ../shared/eval/ner/*.jsonl (see ``split_part``: a stable hash of the document's
  source file, so neighbouring documents of one source never straddle the parts);
- simplemma's dictionaries (Hungarian proper-noun forms -> lemma; German capitalised lemmas,
  i.e. common nouns), whose data licences are recorded in data/NOTICE.txt.

    .venv/bin/python tools/train_entity_tables.py [--eval-dir ../shared/eval]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from articles.extract.entities.bloom import build_filter
from articles.extract.entities.compounds import is_listed
from articles.extract.entities.type_model import mention_features, name_features

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / "shared" / "articles" / "extract" / "entities" / "data"
HELD_OUT = "heldout"
TRAIN = "train"
MAX_ENDING = 7
HU_DICTIONARY_FILTER = "hu_words.bloom"
DICTIONARY_FALSE_POSITIVE_RATE = 0.02
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W_]+)*")


def split_key(doc: dict) -> str:
    """NerKor documents are consecutive slices of one source file: split by that file, else by id."""
    return str(doc.get("orig_file") or doc["id"])


def split_part(doc: dict) -> str:
    digest = hashlib.sha256(split_key(doc).encode()).digest()
    return TRAIN if digest[0] % 2 == 0 else HELD_OUT


def read_gold(eval_dir: Path, language: str) -> list[dict]:
    docs = []
    for path in sorted((eval_dir / "ner").glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            docs.extend(doc for doc in map(json.loads, handle) if doc.get("lang") == language)
    return docs


# --- base-form model: "which rewrite turns this word ending into the base form" -----------------


def rewrite_rule(form: str, base: str) -> str:
    """'Japánnal' -> 'Japán' is '3|': drop 3 characters, append nothing."""
    common = 0
    while common < min(len(form), len(base)) and form[common] == base[common]:
        common += 1
    return f"{len(form) - common}|{base[common:]}"


def train_suffix_model(pairs: Counter[tuple[str, str]]) -> dict[str, str]:
    """A suffix tree of rewrite rules, pruned to the nodes whose best rule differs from their parent's."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for (form, base), weight in pairs.items():
        key = "^" + form.lower()
        rule = rewrite_rule(form, base)
        for length in range(0, MAX_ENDING + 1):
            if length > len(key):
                break
            counts[key[len(key) - length :]][rule] += weight
    model: dict[str, str] = {}
    for ending in sorted(counts, key=len):
        best, support = counts[ending].most_common(1)[0]
        if ending and support < 2:
            continue
        parent = _predict(model, ending)
        if ending == "" or best != parent:
            model[ending] = best
    return model


def _predict(model: dict[str, str], key: str) -> str:
    for length in range(len(key), -1, -1):
        rule = model.get(key[len(key) - length :])
        if rule is not None:
            return rule
    return "0|"


def hungarian_tables(train_docs: list[dict]) -> dict:
    from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk

    pairs: Counter[tuple[str, str]] = Counter()
    proper_lemmas: set[str] = set()
    dictionary_words: set[str] = set()
    for form_bytes, lemma_bytes in _load_dictionary_from_disk("hu").items():
        lemma = lemma_bytes.decode()
        form = form_bytes.decode()
        if form[:1].islower():
            dictionary_words.add(form)
        if lemma[:1].isupper() and form[:1].isupper() and " " not in lemma:
            # the dictionary lists ~25 generated case forms per name but text mostly has the bare
            # name: weigh the bare form like all its inflections together, or names get over-stripped
            pairs[(form, lemma)] += 25 if form == lemma else 1
            proper_lemmas.add(lemma)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    last_token_types: dict[str, Counter[str]] = defaultdict(Counter)
    given_names: Counter[str] = Counter()
    lowercase_words: Counter[str] = Counter()
    for doc in train_docs:
        lowercase_words.update(w for w in _WORD.findall(doc["text"]) if w[:1].islower())
        for entity in doc["entities"]:
            base = entity.get("base") or entity["text"]
            surface_tokens, base_tokens = entity["text"].split(), base.split()
            if len(surface_tokens) == len(base_tokens) and base_tokens:
                # gold data is worth more than generated dictionary forms
                pairs[(surface_tokens[-1], base_tokens[-1])] += 20
            names[base][entity["type"]] += 1
            last_token_types[base_tokens[-1]][entity["type"]] += 1 if base_tokens else 0
            if entity["type"] == "PER" and len(base_tokens) >= 2:
                given_names.update(t for t in base_tokens if t[:1].isupper())
    # every inflected form of every common word ('meghívom', 'megállapítja'): a capitalised one at a
    # sentence start or in a shouted headline is no name
    filter_path = DATA_DIR / HU_DICTIONARY_FILTER
    filter_path.write_bytes(build_filter(sorted(dictionary_words), DICTIONARY_FALSE_POSITIVE_RATE))
    print(
        f"{filter_path.relative_to(REPO)}: {len(dictionary_words):,} words, {filter_path.stat().st_size:,} bytes"
    )
    return {
        "suffix_model": train_suffix_model(pairs),
        "proper_lemmas": sorted(proper_lemmas),
        "names": {name: types.most_common(1)[0][0] for name, types in names.items()},
        "last_token_types": _confident_types(last_token_types),
        "given_names": sorted(name for name, n in given_names.items() if n >= 1),
        "lowercase_words": sorted(w.lower() for w, n in lowercase_words.items() if n >= 2),
        "type_model": train_type_model(train_docs),
    }


def train_type_model(train_docs: list[dict], min_count: int = 2) -> dict:
    """Counts for type_model.best_type: one example per gold mention, with the same features as at
    run time (the name in base form, the inflection, the neighbouring words)."""
    priors: Counter[str] = Counter()
    features: dict[str, Counter[str]] = defaultdict(Counter)
    for doc in train_docs:
        text = doc["text"]
        for entity in doc["entities"]:
            base = entity.get("base") or entity["text"]
            surface_last, base_last = entity["text"].split()[-1], base.split()[-1]
            before = text[max(0, entity["start"] - 30) : entity["start"]]
            after = text[entity["end"] : entity["end"] + 30]
            priors[entity["type"]] += 1
            for feature in name_features(base) + mention_features(surface_last, base_last, before, after):
                features[feature][entity["type"]] += 1
    kept = {f: dict(votes) for f, votes in features.items() if sum(votes.values()) >= min_count}
    return {"priors": dict(priors), "features": kept}


def _confident_types(votes: dict[str, Counter[str]], min_count: int = 3, min_share: float = 0.75) -> dict:
    table = {}
    for token, types in votes.items():
        best, n = types.most_common(1)[0]
        total = sum(types.values())
        if total >= min_count and n / total >= min_share:
            table[token] = best
    return table


# --- German: common nouns (capitalised words that are not names) ---------------------------------

_NOUN_SUFFIXES = (
    "ung",
    "heit",
    "keit",
    "schaft",
    "tion",
    "ität",
    "ismus",
    "nis",
    "tum",
    "ment",
    "ling",
    "chen",
    "ur",
    "ik",
    "ie",
    "anz",
    "enz",
)
_REGULAR_ENDINGS = ("", "e", "en", "n", "s", "es", "er", "ern", "ns", "nen")


def german_tables(train_docs: list[dict]) -> dict:
    from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk

    forms_of: dict[str, set[str]] = defaultdict(set)
    lowercase_lemmas: set[str] = set()
    for form_bytes, lemma_bytes in _load_dictionary_from_disk("de").items():
        lemma = lemma_bytes.decode()
        if lemma[:1].isupper():
            forms_of[lemma].add(form_bytes.decode())
        elif lemma[:1].islower() and form_bytes[:1].islower():
            lowercase_lemmas.add(lemma)
    common_nouns: set[str] = set()
    dictionary_names: set[str] = set()
    for lemma, forms in forms_of.items():
        if lemma.isupper() or len(lemma) < 3:
            continue
        # a name has no plural, only a genitive -s beside it ('Berlin', 'Berlins'); so do some nouns,
        # but those are nominalised verbs ('Leben') or carry a noun suffix ('Regierung')
        name_like = all(f in (lemma, lemma + "s", lemma + "'") for f in forms)
        if name_like and lemma.lower() not in lowercase_lemmas and not lemma.endswith(_NOUN_SUFFIXES):
            dictionary_names.add(lemma)
            continue
        common_nouns.add(lemma)
        common_nouns.update(
            f for f in forms if f[:1].isupper() and not any(f == lemma + e for e in _REGULAR_ENDINGS)
        )
    names: dict[str, Counter[str]] = defaultdict(Counter)
    last_token_types: dict[str, Counter[str]] = defaultdict(Counter)
    given_names: Counter[str] = Counter()
    for doc in train_docs:
        for entity in doc["entities"]:
            names[entity["text"]][entity["type"]] += 1
            tokens = entity["text"].split()
            last_token_types[tokens[-1]][entity["type"]] += 1
            if entity["type"] == "PER" and len(tokens) >= 2:
                given_names[tokens[0]] += 1
    # single-word names of the train part and the hand-written gazetteers are not common nouns
    hand = json.loads((DATA_DIR / "de.json").read_text(encoding="utf-8"))
    gazetteer = {n for names_of_type in hand["places"].values() for n in names_of_type} | set(
        hand["organisations"]
    )
    common = json.loads((DATA_DIR / "common.json").read_text(encoding="utf-8"))
    known_names = (
        {token for name in names for token in name.split() if token[:1].isupper()}
        | gazetteer
        | set(common["given_names"])
        | set(given_names)
    )
    common_nouns -= known_names
    noun_suffixes = tuple(hand["noun_suffixes"])
    nouns = _heads_only({noun.lower() for noun in common_nouns}, noun_suffixes)
    lowercase = _heads_only(lowercase_lemmas)
    # names that only look like compounds or declined words to the pruned lists: 'Heidelberg'
    # (Berg), 'Hoffmann' (Mann), 'Österreich' (reich); the full lists did not contain them
    exceptions = {
        name
        for name in known_names | dictionary_names
        if name not in common_nouns
        and (is_listed(name.lower(), nouns, noun_suffixes) or is_listed(name.lower(), lowercase))
    }
    return {
        # newline-joined: str.split loads ~3x faster than a JSON list of strings
        "common_nouns": "\n".join(sorted(nouns)),
        "lowercase_words": "\n".join(sorted(lowercase)),
        "not_common": "\n".join(sorted(exceptions)),
        "names": {name: types.most_common(1)[0][0] for name, types in names.items()},
        "last_token_types": _confident_types(last_token_types, min_count=2),
        "given_names": sorted(given_names),
        "type_model": train_type_model(train_docs),
    }


def _heads_only(words: set[str], word_suffixes: tuple[str, ...] = ()) -> frozenset[str]:
    """Drop every word that compounds.is_listed finds through a shorter listed word or a noun
    suffix: shortest first, so 'bundesregierung' goes because 'regierung' stays (~80% smaller)."""
    kept: set[str] = set()
    for word in sorted(words, key=len):
        if not is_listed(word, kept, word_suffixes):
            kept.add(word)
    return frozenset(kept)


def write_table(name: str, table: dict) -> None:
    path = DATA_DIR / f"{name}_learned.json.gz"
    raw = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    # mtime=0: the same input gives the same bytes (reviewable, cache-friendly builds)
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as handle:
        handle.write(raw)
    sizes = {key: len(value) for key, value in table.items()}
    print(f"{path.relative_to(REPO)}: {path.stat().st_size:,} bytes gzipped; {sizes}", file=sys.stderr)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval-dir", type=Path, default=REPO / ".." / "shared" / "eval")
    args = parser.parse_args(argv)
    for language, build in (("hu", hungarian_tables), ("de", german_tables)):
        docs = read_gold(args.eval_dir, language)
        train = [doc for doc in docs if split_part(doc) == TRAIN]
        print(f"{language}: training on {len(train)} of {len(docs)} gold documents", file=sys.stderr)
        write_table(language, build(train))


if __name__ == "__main__":
    main()

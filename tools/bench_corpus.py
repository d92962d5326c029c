"""The benchmark's documents: real news text from ../shared, cut or joined into size groups.

NerKor and GermEval "documents" are 2–7 KB runs of consecutive sentences, so the groups are built:
~1 KB and ~3 KB are each document's leading sentences up to the group's size; ~10 KB joins
consecutive documents of the same source file (NerKor) or of the file (GermEval) with a blank line
and cuts at a sentence end. The reference sample (2.4 KB) joins the ~3 KB group unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NERKOR = SHARED / "eval" / "ner" / "hu-nerkor-news.jsonl"
GERMEVAL = SHARED / "eval" / "ner" / "de-germeval2014-news.jsonl"
REFERENCE_SAMPLE = SHARED / "samples" / "hu-nato-japan-2024-07.txt"


@dataclass(frozen=True)
class SizeGroup:
    label: str
    target_bytes: int
    min_bytes: int
    """A cut that ends up shorter than this (a short source document) is left out of the group."""


SIZE_GROUPS = (
    SizeGroup("1KB", 1024, 700),
    SizeGroup("3KB", 3072, 2300),
    SizeGroup("10KB", 10240, 8500),
)


@dataclass(frozen=True)
class Doc:
    id: str
    lang: str
    text: str
    source: str
    """Where it came from and how it was built, e.g. 'nerkor', 'nerkor-cut', 'nerkor-joined', 'sample'."""

    @property
    def size_bytes(self) -> int:
        return len(self.text.encode("utf-8"))


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»')]?(?=\s)")


def load_jsonl(path: Path, source: str) -> list[Doc]:
    with path.open(encoding="utf-8") as lines:
        items = [json.loads(line) for line in lines if line.strip()]
    return [Doc(id=item["id"], lang=item["lang"], text=item["text"], source=source) for item in items]


def load_reference_sample(path: Path = REFERENCE_SAMPLE) -> Doc:
    return Doc(id=path.name, lang="hu", text=path.read_text(encoding="utf-8"), source="sample")


def cut_at_sentence(text: str, max_bytes: int) -> str:
    """The longest run of leading whole sentences within ``max_bytes`` of UTF-8 (a word boundary if none fits)."""
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    best = ""
    for match in _SENTENCE_END.finditer(text):
        prefix = text[: match.end()]
        if len(prefix.encode("utf-8")) > max_bytes:
            break
        best = prefix
    if best:
        return best
    head = text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")
    return head.rsplit(" ", 1)[0] if " " in head else head


def source_file(doc_id: str) -> str:
    """NerKor ids end in a running number within their source file: 'nerkor-news-train-rapid_10-003'."""
    return doc_id.rsplit("-", 1)[0]


def join_consecutive(docs: Sequence[Doc], target_bytes: int, min_bytes: int) -> list[Doc]:
    """Join runs of consecutive documents from one source file until each run reaches ``target_bytes``."""
    joined: list[Doc] = []
    run: list[Doc] = []

    def flush() -> None:
        if run:
            text = cut_at_sentence("\n\n".join(doc.text for doc in run), target_bytes)
            if len(text.encode("utf-8")) >= min_bytes:
                joined.append(Doc(f"{run[0].id}+{len(run)}", run[0].lang, text, f"{run[0].source}-joined"))
        run.clear()

    for doc in docs:
        if run and source_file(doc.id) != source_file(run[-1].id):
            flush()  # a run never spans two source files: the text would not be one article
        run.append(doc)
        if sum(item.size_bytes for item in run) >= target_bytes:
            flush()
    flush()
    return joined


def cut_each(docs: Iterable[Doc], group: SizeGroup) -> list[Doc]:
    cuts = []
    for doc in docs:
        text = cut_at_sentence(doc.text, group.target_bytes)
        if len(text.encode("utf-8")) >= group.min_bytes:
            source = doc.source if text == doc.text else f"{doc.source}-cut"
            cuts.append(Doc(doc.id, doc.lang, text, source))
    return cuts


def build_groups(corpora: Sequence[Sequence[Doc]], sample: Doc | None) -> dict[str, list[Doc]]:
    """Size label -> documents; every corpus contributes to every group it can fill."""
    groups: dict[str, list[Doc]] = {}
    for group in SIZE_GROUPS:
        docs: list[Doc] = []
        for corpus in corpora:
            largest = max((doc.size_bytes for doc in corpus), default=0)
            if group.target_bytes <= largest:
                docs.extend(cut_each(corpus, group))
            else:
                docs.extend(join_consecutive(corpus, group.target_bytes, group.min_bytes))
        if sample is not None and group.min_bytes <= sample.size_bytes <= group.target_bytes:
            docs.append(sample)
        groups[group.label] = docs
    return groups


def every_nth(docs: Sequence[Doc], limit: int) -> list[Doc]:
    """An evenly spread subset of at most ``limit`` documents (for --quick), keeping both languages."""
    if len(docs) <= limit:
        return list(docs)
    step = len(docs) / limit
    return [docs[int(i * step)] for i in range(limit)]


def interleave(corpora: Sequence[Sequence[Doc]]) -> list[Doc]:
    """Round-robin over the corpora until every one is used up, so languages alternate."""
    longest = max((len(corpus) for corpus in corpora), default=0)
    return [corpus[i] for i in range(longest) for corpus in corpora if i < len(corpus)]


def mixed_cycle(corpora: Sequence[Sequence[Doc]], count: int) -> list[Doc]:
    """``count`` documents: the interleaved corpora, cycled from the start when exhausted."""
    mixed = interleave(corpora)
    return [mixed[i % len(mixed)] for i in range(count)] if mixed else []


def load_all() -> tuple[list[Doc], list[Doc], Doc]:
    return load_jsonl(NERKOR, "nerkor"), load_jsonl(GERMEVAL, "germeval"), load_reference_sample()

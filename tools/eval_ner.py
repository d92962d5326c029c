"""Score the product's entity extraction on the gold NER files with the real scorer.

Runs the whole pipeline (``articles.extract.extract_article`` on the UTF-8 bytes: decoding, format,
language detection, credits, entities) on every gold document, writes PRED lines
``{"id", "entities": [{"text": mention, "type", "base": name}, ...]}`` and runs score_ner.py as a
subprocess on three gold sets: the HELD-OUT part (never used to build the data tables), the TRAIN
part (used by tools/train_entity_tables.py) and all documents.

    .venv/bin/python tools/eval_ner.py --eval-dir ../shared/eval
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from train_entity_tables import HELD_OUT, TRAIN, split_part

from articles.extract.record import Entity

REPO = Path(__file__).resolve().parents[1]


def make_predictor() -> Callable[[str, str], list[Entity]]:
    """The whole pipeline; until every pipeline step exists, language detection + entities."""
    try:
        from articles.extract.pipeline import extract_article
    except ImportError as error:
        print(
            f"WARNING: pipeline not importable ({error}); scoring detect_language + extract_entities",
            file=sys.stderr,
        )
        from articles.extract.entities import extract_entities
        from articles.extract.language import detect_language

        return lambda text, _doc_id: extract_entities(text, detect_language(text).code)

    return lambda text, doc_id: extract_article(text.encode("utf-8"), article_id=doc_id).entities


def pred_entities(entities: list[Entity]) -> list[dict]:
    return [
        {"text": mention, "type": entity.type.value, "base": entity.name}
        for entity in entities
        for mention in entity.mentions
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval-dir", type=Path, default=REPO / ".." / "shared" / "eval")
    parser.add_argument("--by-source", action="store_true", help="one row per gold file")
    args = parser.parse_args(argv)
    scorer = args.eval_dir / "score_ner.py"
    gold_files = sorted((args.eval_dir / "ner").glob("*.jsonl"))
    if not gold_files or not scorer.is_file():
        print(f"no gold data or scorer under {args.eval_dir}", file=sys.stderr)
        return 2
    predict = make_predictor()
    with tempfile.TemporaryDirectory(prefix="eval_ner_") as tmp:
        work = Path(tmp)
        parts = {TRAIN: work / TRAIN, HELD_OUT: work / HELD_OUT, "all": work / "all"}
        for folder in parts.values():
            folder.mkdir()
        predictions = work / "pred.jsonl"
        with predictions.open("w", encoding="utf-8") as pred_out:
            for gold_file in gold_files:
                handles = {
                    name: (folder / gold_file.name).open("w", encoding="utf-8")
                    for name, folder in parts.items()
                }
                with gold_file.open(encoding="utf-8") as lines:
                    for line in lines:
                        if not line.strip():
                            continue
                        doc = json.loads(line)
                        handles["all"].write(line)
                        handles[split_part(doc)].write(line)
                        row = {"id": doc["id"], "entities": pred_entities(predict(doc["text"], doc["id"]))}
                        pred_out.write(json.dumps(row, ensure_ascii=False) + "\n")
                for handle in handles.values():
                    handle.close()
        titles = {
            HELD_OUT: "HELD-OUT part (not used to build any table) — the figures to report",
            TRAIN: "TRAIN part (gazetteers and suffix rules were built from it; optimistic)",
            "all": "ALL documents",
        }
        for name in (HELD_OUT, TRAIN, "all"):
            print(f"\n=== {titles[name]} ===", flush=True)
            command = [sys.executable, str(scorer), str(parts[name]), str(predictions)]
            if args.by_source:
                command.append("--by-source")
            subprocess.run(command, check=True)
    print(
        "\nsplit: sha256 of each document's source file (NerKor orig_file, else id); even first byte = train"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

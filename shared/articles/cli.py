"""The ``articles`` command: extract records from files, print the JSON Schema, run the local stack."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path


def _files(paths: Sequence[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            yield path


def _extract(args: argparse.Namespace) -> int:
    from .extract import extract_article

    out = sys.stdout
    if args.jsonl:
        with open(args.jsonl, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    text, article_id = item["text"], str(item.get("id", number))
                except (json.JSONDecodeError, KeyError, TypeError) as error:
                    print(
                        f"{args.jsonl}:{number}: skipped, not a {{id, text}} line ({error})", file=sys.stderr
                    )
                    continue
                record = extract_article(text.encode("utf-8"), article_id=article_id)
                out.write(record.model_dump_json() + "\n")
    for path in _files(args.paths):
        try:
            data = path.read_bytes()
        except OSError as error:
            print(f"articles: cannot read {path}: {error.strerror}", file=sys.stderr)
            return 2
        out.write(extract_article(data, filename=path.name, article_id=str(path)).model_dump_json() + "\n")
    return 0


def _schema(_: argparse.Namespace) -> int:
    from .extract.record import ArticleRecord

    print(json.dumps(ArticleRecord.model_json_schema(), indent=2, ensure_ascii=False))
    return 0


def _local(args: argparse.Namespace) -> int:
    try:
        from devstack.stack import run_local  # dev-only: never part of the Lambda layer
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in {"devstack", "moto"}:
            raise  # a real bug, not a missing development install
        print("articles local needs the development install: run `make install`", file=sys.stderr)
        return 2
    return run_local(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="articles", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="print one JSON record per input file (JSON Lines)")
    extract.add_argument("paths", nargs="*", help="files or folders")
    extract.add_argument("--jsonl", help='input lines {"id", "text"}; each record keeps the id')
    extract.set_defaults(run=_extract)

    schema = commands.add_parser("schema", help="print the JSON Schema of the article record")
    schema.set_defaults(run=_schema)

    local = commands.add_parser("local", help="run the whole service locally on moto (no Docker, no AWS)")
    local.add_argument("--port", type=int, default=5000, help="moto server port (S3, SQS, DynamoDB)")
    local.add_argument("--api-port", type=int, default=3000, help="HTTP API port")
    local.add_argument("--once", action="store_true", help="ingest PATHs, print the stored records, exit")
    local.add_argument("paths", nargs="*", help="files or folders to upload (default: the sample articles)")
    local.set_defaults(run=_local)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "extract" and not args.paths and not args.jsonl:
        build_parser().error("extract needs PATH... or --jsonl FILE")
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())

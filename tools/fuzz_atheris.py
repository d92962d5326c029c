"""Coverage-guided fuzzing of the extraction pipeline with atheris (libFuzzer for Python).

    .venv/bin/pip install atheris        # a dev-only tool, not a project dependency
    .venv/bin/python tools/fuzz_atheris.py -atheris_runs=200000 -max_len=4096 -timeout=20 [WORK_DIR]

New inputs go to WORK_DIR (a fresh temporary directory by default); tests/hostile/corpus and the shared
samples are read as seeds only, never written to. A crash is an input that made the
pipeline return internal_error (or raise): libFuzzer writes it to crash-<hash>; add it to
tests/unit/test_fuzz_regressions.py. -timeout turns a slow input into a reported failure.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

REPO = Path(__file__).resolve().parents[1]
SEEDS = [REPO / "tests" / "hostile" / "corpus", REPO.parent / "shared" / "samples"]
FILENAMES = (None, "a.txt", "a.md", "a.json", "a.html")

with atheris.instrument_imports():
    from articles.extract import extract_article


class InternalError(Exception):
    """An input the pipeline could not handle: it became internal_error."""


def test_one_input(data: bytes) -> None:
    filename = FILENAMES[data[0] % len(FILENAMES)] if data else None
    record = extract_article(data[1:], filename=filename)
    if record.rejection is not None and record.rejection.code == "internal_error":
        raise InternalError(repr(data[:200]))


def main() -> None:
    options = [argument for argument in sys.argv[1:] if argument.startswith("-")]
    work_dirs = [argument for argument in sys.argv[1:] if not argument.startswith("-")]
    work_dir = work_dirs[0] if work_dirs else tempfile.mkdtemp(prefix="fuzz-articles-")
    print(f"new inputs go to {work_dir}", file=sys.stderr)
    # libFuzzer writes to its first corpus directory only: the seeds come after it.
    arguments = [sys.argv[0], *options, work_dir, *(str(path) for path in SEEDS if path.is_dir())]
    extract_article("A NATO fokozza együttműködését Japánnal, közölte Jens Stoltenberg.".encode())  # warm
    atheris.Setup(arguments, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

"""Doubling scan of every regular expression the extractors compile: `python -m tests.hostile.regex_scan`.

For each pattern (module-level ones, the credit-label patterns and the date grammars of a few
languages) and each input built from a prefix, a run of one unit repeated, and a suffix, it times
``finditer`` + ``match`` at n, 2n and 4n characters; a pattern whose time grows ~4x per doubling twice
is reported as super-linear. Arguments: [N [NAME_FILTER]]. A report, not a test (it measures time).
Some flagged patterns only ever see bounded text (a credit of <= 120 characters, a 60-character
label window); the hostile corpus checks the ones that see the whole body.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import sys
import time

import articles.extract as package
from articles.extract import credits
from articles.extract.dates import grammar

UNITS = [
    *(" ", "\t", "\n", "\u00a0", "a", "A", "á", "1", ".", "-", "1.", "a-", "A-", "- ", "* ", "_", "*", "**"),
    *("<", "<a", "<a ", "<!--", "<script>", "[", "](", "![", "(", "( ", "[a](", "#", "# ", ": ", ":", "a:"),
    *("Fotó ", "Fotó: ", "Photo by ", "2024. ", "2024 ", "12. ", "12:30 ", "1/", "@", "a@", "\\", "`", "~"),
    *("|", " |", "&amp;", "&", "'", "a'", '"', "„", "Aa ", "Aa-", "A. ", "http://", "www.", "{", "}", ";"),
    *("=", "---\n", "> ", "1) ", "(c) ", "© ", "január ", "July ", "Mon, ", "+02:00 ", "T", "Z", "0", "20"),
    *("12.07.", "-\n", " \n", "\n\n", "  \n", "a\n", ". A", ".A", "…", "- A "),
]
PREFIXES = [
    *("", "x", "Fotó:", "(Fotó:", "(Photo by", "Photo by", "(AP Photo", "2024", "2024. ", "# ", "<div "),
    *("<script ", "[", "![", "---\n", "date ", "Title: ", "- ", "if (", "import ", "<!--", "<", "A "),
    *("Published: ", "Budapest, ", "(", "\n"),
]
SUFFIXES = ["", "!", "\n", ")", "x", "\x00"]
GROWTH = 3.0
"""Linear doubles the time, quadratic quadruples it; above 3x twice in a row is super-linear."""
MIN_SECONDS = 0.002
"""Below this the timer's noise dominates: the input is not costly enough to judge."""


def compiled_patterns() -> dict[str, re.Pattern[str]]:
    patterns: dict[str, re.Pattern[str]] = {}
    for module_info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                patterns[f"{module_info.name.removeprefix('articles.extract.')}.{name}"] = value
    for language in (None, "hu", "en", "de"):
        labels = credits._labels_for(language)
        for field in ("line_start", "anchored", "bracketed", "agency_bracketed"):
            patterns[f"credits.{field}[{language}]"] = getattr(labels, field)
    grammars = {code: grammar.grammar_for(code) for code in ("hu", "en", "de", "fr")}
    grammars["numeric"] = grammar.numeric_grammar()
    for code, language_grammar in grammars.items():
        for field in ("pattern", "published_end", "updated_any", "particle_end"):
            pattern = getattr(language_grammar, field, None)
            if pattern is not None:
                patterns[f"grammar[{code}].{field}"] = pattern
    return patterns


def _cost(pattern: re.Pattern[str], text: str) -> float:
    started = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    pattern.match(text)
    return time.perf_counter() - started


def scan(pattern: re.Pattern[str], size: int, max_flags: int = 3) -> list[tuple[str, str, str, list[float]]]:
    flagged = []
    for unit in UNITS:
        for prefix in PREFIXES:
            for suffix in SUFFIXES:
                repeats = max(1, size // len(unit))
                times = [_cost(pattern, prefix + unit * repeats + suffix)]
                if times[0] < MIN_SECONDS:
                    continue
                for factor in (2, 4):
                    times.append(_cost(pattern, prefix + unit * (repeats * factor) + suffix))
                    if times[-1] / times[-2] < GROWTH:
                        break
                else:
                    flagged.append((prefix, unit, suffix, times))
                    if len(flagged) >= max_flags:
                        return flagged
    return flagged


def main(argv: list[str]) -> int:
    size = int(argv[0]) if argv else 600
    name_filter = argv[1] if len(argv) > 1 else ""
    patterns = {name: p for name, p in compiled_patterns().items() if name_filter in name}
    super_linear = 0
    for name, pattern in patterns.items():
        flagged = scan(pattern, size)
        super_linear += bool(flagged)
        for prefix, unit, suffix, times in flagged:
            seconds = " -> ".join(f"{t:.4f}" for t in times)
            print(f"SUPER-LINEAR {name}: {prefix!r} + {unit!r}*n + {suffix!r}: {seconds} s", flush=True)
    print(f"{len(patterns)} patterns scanned, {super_linear} super-linear")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

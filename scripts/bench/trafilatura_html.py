#!/usr/bin/env python3
"""Extract the article body of saved HTML pages with trafilatura (or readability-lxml), for speed and quality comparison.

Benchmark-only: neither is a dependency of Copydesk (scripts/bench/comparison-tools.sh installs
them into .build/bench-venv).

    python3 scripts/bench/trafilatura_html.py INDEX.tsv [--tool trafilatura|readability] [--min-seconds S]
    python3 scripts/bench/trafilatura_html.py PAGE.html ... [--score INDEX.tsv]

INDEX.tsv has a header row and the columns name, url, html, expected_text (paths relative to
the index's folder), as in shared/html-dev. Without an index, each page is named by its file
name less `.html`.

Prints one JSON object: the tool and its version, the settings, `pages` and `bytes` of one pass,
`passes`, `seconds` and `cpu_seconds` (wall and process CPU time spent inside the extraction
calls only, summed over all passes: pages are read into memory first, and one warm-up call pays
the imports), and `results`, one
`{"name", "text"}` per page in order (the text of the first pass; "" when the tool found
nothing). The pages are passed as bytes, as trafilatura's own evaluation does, so each tool
detects the encoding itself.

trafilatura runs with the settings of its evaluation (tests/eval_common.py, EXTRACT_OPTS with
fast=False), which are also the article-extraction benchmark's: include_comments=False, the
rest default (tables kept, no formatting, neither favor_precision nor favor_recall).

With --score, also writes to stderr the word 4-gram precision, recall and F1 against the
expected texts, computed independently of Copydesk's scorer as a cross-check.
"""
import argparse
import collections
import csv
import json
import os
import re
import sys
import time
from importlib.metadata import PackageNotFoundError, version

TRAFILATURA_SETTINGS = {"include_comments": False, "include_tables": True, "include_formatting": False, "fast": False}


def read_index(path):
    """(name, url, html path, expected path) of each row, paths resolved against the index's folder."""
    folder = os.path.dirname(os.path.abspath(path))
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        (row["name"], row.get("url") or None, os.path.join(folder, row["html"]), os.path.join(folder, row["expected_text"]))
        for row in rows
    ]


def trafilatura_extractor():
    import trafilatura

    def extract(html, url):
        return trafilatura.extract(html, url=url, **TRAFILATURA_SETTINGS) or ""

    return "trafilatura", TRAFILATURA_SETTINGS, extract


BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "td", "th", "ul", "ol", "table"}


def readability_extractor():
    import lxml.html
    from readability import Document

    def extract(html, url):
        summary = Document(html, url=url).summary(html_partial=True)
        tree = lxml.html.fromstring(summary)
        for element in tree.iter():
            if isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
                element.tail = "\n" + (element.tail or "")
        return "\n".join(line.strip() for line in tree.text_content().splitlines() if line.strip())

    return "readability-lxml", {}, extract


TOOLS = {"trafilatura": trafilatura_extractor, "readability": readability_extractor}


def run(pages, extract, min_seconds):
    """Texts of the first pass, and the wall and CPU seconds spent in extraction over all passes."""
    texts, seconds, cpu_seconds, passes = [], 0.0, 0.0, 0
    while passes == 0 or seconds < min_seconds:
        for name, url, html in pages:
            started, cpu_started = time.perf_counter(), time.process_time()
            text = extract(html, url)
            seconds += time.perf_counter() - started
            cpu_seconds += time.process_time() - cpu_started
            if passes == 0:
                texts.append({"name": name, "text": text})
        passes += 1
    return texts, seconds, cpu_seconds, passes


_WORD = re.compile(r"\w+")


def shingles(text, n=4):
    words = _WORD.findall(text)
    return collections.Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)) if words)


def score(results, index):
    """Mean precision and recall over the pages each is defined for, and their F1."""
    expected = {name: open(path, encoding="utf-8").read() for name, _, _, path in index}
    precisions, recalls = [], []
    for result in results:
        got, want = shingles(result["text"]), shingles(expected[result["name"]])
        overlap = sum((got & want).values())
        if got:
            precisions.append(overlap / sum(got.values()))
        if want:
            recalls.append(overlap / sum(want.values()))
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1, len(precisions), len(recalls)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help="an index.tsv, or HTML files")
    parser.add_argument("--tool", choices=sorted(TOOLS), default="trafilatura")
    parser.add_argument("--min-seconds", type=float, default=0.0, help="repeat whole passes until extraction took this long")
    parser.add_argument("--score", metavar="INDEX", help="also score against this index's expected texts (to stderr)")
    args = parser.parse_args()

    if len(args.inputs) == 1 and args.inputs[0].endswith(".tsv"):
        index = read_index(args.inputs[0])
        sources = [(name, url, path) for name, url, path, _ in index]
    else:
        sources = [(os.path.basename(path).removesuffix(".html"), None, path) for path in args.inputs]
    try:
        tool, settings, extract = TOOLS[args.tool]()
    except ImportError as error:
        print(f"{args.tool} is not installed: {error}", file=sys.stderr)
        return 3
    import logging

    logging.disable(logging.CRITICAL)
    pages = []
    for name, url, path in sources:
        with open(path, "rb") as handle:
            pages.append((name, url, handle.read()))
    extract(b"<html><head><title>t</title></head><body><p>Warm-up text.</p></body></html>", None)

    texts, seconds, cpu_seconds, passes = run(pages, extract, args.min_seconds)
    try:
        tool_version = version("readability-lxml" if args.tool == "readability" else tool)
    except PackageNotFoundError:
        tool_version = "?"
    json.dump(
        {
            "tool": tool,
            "version": tool_version,
            "settings": settings,
            "pages": len(pages),
            "bytes": sum(len(html) for _, _, html in pages),
            "passes": passes,
            "seconds": seconds,
            "cpu_seconds": cpu_seconds,
            "results": texts,
        },
        sys.stdout,
        ensure_ascii=False,
    )
    sys.stdout.write("\n")
    if args.score:
        p, r, f1, p_pages, r_pages = score(texts, read_index(args.score))
        print(f"{tool}: precision {p:.4f} ({p_pages} pages), recall {r:.4f} ({r_pages} pages), F1 {f1:.4f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Segment the sentence-boundary evaluation sets with pysbd and print its sentences as JSON lines.

Benchmark-only: pysbd is not a dependency of Copydesk (scripts/bench/comparison-tools.sh installs
it into .build/bench-venv). `copydesk-bench` scores the output with the same comparison it uses
for Copydesk (SentenceQuality.swift), so both are measured alike.

    python3 scripts/bench/pysbd_quality.py --pragmatic FILE --gum FILE --cases FILE

Each input is optional. Prints one JSON object a line: `{"set", "index", "sentences"}`, where
`set` is `pragmatic`, `gum` or `cases` and `index` the case's line number from 0. The pragmatic
cases are segmented with the options their spec gives (`doc_type`, `clean`; pysbd cleans by
default there, as the spec's segmenter does); the others with `clean=False`, as the `segment`
benchmark runs pysbd.
"""
import argparse
import json
import sys


def read_cases(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main():
    import pysbd

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pragmatic", help="pragmatic_segmenter cases: JSON lines with text, doc_type, clean")
    parser.add_argument("--gum", help="GUM paragraphs: JSON lines with text")
    parser.add_argument("--cases", help="hand-written boundary cases: JSON lines with paragraph")
    args = parser.parse_args()
    out = sys.stdout
    plain = pysbd.Segmenter(language="en", clean=False)
    if args.pragmatic:
        for index, case in enumerate(read_cases(args.pragmatic)):
            segmenter = pysbd.Segmenter(
                language="en", clean=case.get("clean", True), doc_type=case.get("doc_type"))
            sentences = [s.strip() for s in segmenter.segment(case["text"]) if s.strip()]
            out.write(json.dumps({"set": "pragmatic", "index": index, "sentences": sentences}) + "\n")
    for name, path, field in (("gum", args.gum, "text"), ("cases", args.cases, "paragraph")):
        if not path:
            continue
        for index, case in enumerate(read_cases(path)):
            sentences = [s.strip() for s in plain.segment(case[field]) if s.strip()]
            out.write(json.dumps({"set": name, "index": index, "sentences": sentences}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

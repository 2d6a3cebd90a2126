#!/usr/bin/env python3
"""A Copydesk `exec` plugin: guesses each article's language from the share of its words that
are common function words of English, German, French, Spanish, Italian, Dutch or Portuguese,
and writes it as `language` (an ISO 639-1 code) when the article has none; an article with too
few known words keeps what it had.

    - type: exec
      command: [python3, examples/plugins/language_guesser.py]
      writes: [language]

The protocol (docs/plugins.md): one JSON record a line on standard input, one JSON line with
the record's id and the fields it writes on standard output, flushed, for every line read.
Python standard library only.
"""
import json
import re
import sys

FUNCTION_WORDS = {
    "en": "the of and to in is that for it was on with as by at from he she they this be are have has not".split(),
    "de": "der die das und ist nicht ein eine zu den mit von sich des auf für im dem auch es wird sie".split(),
    "fr": "le la les et est des une un du que pour dans qui pas sur au par avec il elle ce sont".split(),
    "es": "el la los las y es que de en un una del por con para se no su al lo como".split(),
    "it": "il lo la gli le e che di un una per non con del della sono nel alla si".split(),
    "nl": "de het een en van is dat niet op te met voor zijn er aan ook als bij".split(),
    "pt": "o a os as e que de do da em um uma para com não por se mais dos das".split(),
}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SETS = {language: set(words) for language, words in FUNCTION_WORDS.items()}
# Fewer known words than this, or no clear winner, and the article keeps its language.
MINIMUM_HITS = 5


def guess(text):
    counts = dict.fromkeys(SETS, 0)
    for word in WORD.findall(text.lower()):
        for language, words in SETS.items():
            if word in words:
                counts[language] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    (best, hits), (_, runner_up) = ranked[0], ranked[1]
    if hits < MINIMUM_HITS or hits < 1.5 * runner_up:
        return None
    return best



def main():
    for line in iter(sys.stdin.buffer.readline, b""):
        record = json.loads(line)
        answer = {"id": record["id"]}
        if not record.get("language"):
            language = guess((record.get("title") or "") + " " + record.get("text", ""))
            if language:
                answer["language"] = language
        sys.stdout.buffer.write(json.dumps(answer).encode("utf-8") + b"\n")
        sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Where person names' time goes in a JFR recording of PersonNameCpuProbe's profile mode (docs/benchmarks.md).

Each sample under PersonNameDetector.detect is charged to a stage by the frames on its stack: the name finder
(OpenNLP's NameFinderME: feature strings, maxent eval, beam search; or the compiled finder: token rows, decoding),
tokenising, candidate scoring (lexicon, cues), and the rest. Also prints the hottest innermost methods.
Usage: bench/jfr-names.py FILE.jfr [TOP]
"""
import sys

sys.path.insert(0, __import__("os").path.dirname(__file__))
jfr = __import__("jfr-scanner")

STAGES = [  # first match from the innermost frame outwards wins within the finder; order matters
    ("finder: maxent eval (GISModel.eval, pmap lookups)", ("opennlp.tools.ml.maxent.GISModel.eval",)),
    ("finder: feature strings (context generators)", ("opennlp.tools.namefind.DefaultNameContextGenerator.getContext",)),
    ("finder: beam search, sequences, decoding", ("opennlp.tools.namefind.NameFinderME.find",)),
    ("finder: compiled, token rows (once per distinct token)", ("dev.hush.detect.nlp.CompiledNameFinder.atomsOf",)),
    ("finder: compiled, bigram rows (once per pair)", ("dev.hush.detect.nlp.CompiledNameFinder$Memo.pairs",)),
    ("finder: compiled, decoding", ("dev.hush.detect.nlp.CompiledNameFinder.tag",
                                    "dev.hush.detect.nlp.CompiledNameFinder$Decoding.through",
                                    "dev.hush.detect.nlp.CompiledNameFinder$Decoding.extend",
                                    "dev.hush.detect.nlp.CompiledNameFinder$Decoding.step")),
    ("tokens, sentences, table cells", ("dev.hush.detect.nlp.Tokens.of", "dev.hush.detect.nlp.Sentences.cuts",
                                        "dev.hush.detect.nlp.NameColumns.find")),
    ("candidate scoring (lexicon, cues, ensemble)", ("dev.hush.detect.nlp.PersonNameDetector.score",)),
    ("echo pass", ("dev.hush.detect.nlp.PersonNameDetector.echo",)),
    ("candidate walk", ("dev.hush.detect.nlp.PersonNameDetector.candidates",)),
    ("ScanText view", ("dev.hush.detect.ScanText.of",)),
]


def stage_of(stack):
    if not any(f.startswith("dev.hush.detect.nlp.PersonNameDetector.detect") or f.startswith("dev.hush.detect.ScanText.of")
               for f in stack):
        return None
    for name, frames in STAGES:
        if any(f in frames for f in stack):
            return name
    return "other"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    stages, hot, total, _ = jfr.tally(path, stage_of)
    print(f"{total} samples under PersonNameDetector.detect / ScanText.of")
    jfr.print_shares(stages, hot, total, top)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Builds person-heldout.jsonl from person-heldout.src.txt: [[...]] marks a PII.PERSON span.
Titles written inside the brackets (Mr., Mrs., Frau ...) are kept outside the span, as in the corpus."""
import json, re, sys, os
here = os.path.dirname(os.path.abspath(__file__))
src = open(os.path.join(here, 'person-heldout.src.txt'), encoding='utf-8').read()
blocks = [b.strip('\n') for b in re.split(r'\n---\n', '\n'.join(l for l in src.split('\n') if not l.startswith('#')))]
TITLE = re.compile(r'^(Mr\.|Mrs\.|Ms\.|Dr\.|Frau|Herr) ')
out = []
for i, b in enumerate(blocks):
    text, spans, pos = '', [], 0
    for m in re.finditer(r'\[\[(.+?)\]\]', b):
        text += b[pos:m.start()]
        name = m.group(1)
        t = TITLE.match(name)
        if t:
            text += t.group(0)
            name = name[t.end():]
        start = len(text.encode('utf-16-le')) // 2
        text += name
        spans.append({'start': start, 'end': start + len(name.encode('utf-16-le')) // 2, 'type': 'PII.PERSON'})
        pos = m.end()
    text += b[pos:]
    out.append({'id': f'heldout-{i}', 'template': 'nlp.heldout', 'text': text, 'spans': spans})
with open(os.path.join(here, 'person-heldout.jsonl'), 'w', encoding='utf-8') as f:
    for r in out:
        f.write(json.dumps(r, ensure_ascii=False) + '\n')
print(len(out), 'prompts,', sum(len(r['spans']) for r in out), 'names,', sum(1 for r in out if not r['spans']), 'clean')

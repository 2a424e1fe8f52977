"""Group mentions: nationality + collective noun ("the Russian delegation")."""

from __future__ import annotations

import numpy as np

from .lexicon import _BACKED, _OFFICIAL_NOUNS, slugify
from .records import Cluster, Ment


def add_groups(art) -> None:
    """Nationality + collective noun: "the Russian delegation", "Ukrainian troops"."""
    doc, d = art.doc, art.d
    art.group_spans: list[tuple[int, int, list[str]]] = []
    cand = art._positions(art.low, d.group_hashes)
    for t in (doc[i] for i in cand if i not in art.tok_ment):
        if t.lower_ not in d.group_nouns or t.i in art.tok_ment:
            continue
        if t.dep_ in {"compound", "amod"} or (t.i + 1 < art.n and doc[t.i + 1].pos_ in {"NOUN", "PROPN"}
                                              and doc[t.i + 1].lower_ not in d.group_nouns):
            continue  # "military alliance": not a group
        # walk left over adjectives / demonyms / "and"
        k = t.i
        demonyms: list[tuple[int, str]] = []
        backed = False
        while k > 0:
            p = doc[k - 1]
            low = p.lower_
            if low in _BACKED and k >= 2 and doc[k - 2].text == "-":
                backed = True
                k -= 2
                continue
            if low == "pro" or low.startswith("pro-") or any(low.endswith("-" + b) for b in _BACKED):
                backed = True
                k -= 1
                continue
            cid = d.demonym.get(low)
            ment = art.tok_ment.get(p.i)
            if cid:
                demonyms.append((p.i, cid))
                k -= 1
                continue
            if ment is not None and art.acts.get(ment.key) and art.acts[ment.key].kind == "country" and \
                    p.dep_ in {"compound", "amod", "nmod"}:
                demonyms.append((p.i, ment.key))
                k = ment.start
                continue
            if low in {"and", "-", "pro", "military", "nationalist"} or (p.pos_ == "ADJ" and p.is_lower):
                k -= 1
                continue
            break
        if not demonyms:
            continue
        start = k
        while start < t.i and not backed and (doc[start].lower_ in {"and", "-"} or (
                doc[start].pos_ == "ADJ" and doc[start].is_lower and doc[start].lower_ not in d.demonym)):
            start += 1
        noun = t.text
        keys = []
        coord = len({c for _, c in demonyms}) > 1
        for pos, cid in sorted(demonyms):
            if backed:
                break
            country = d.entries.get(cid)
            demo = country.demonyms[0] if country and country.demonyms else doc[pos].text
            n = noun
            if coord and t.lemma_ and t.lemma_.lower() in {"delegation", "side", "party", "team"}:
                n = t.lemma_
            name = f"{demo} {n}" if not coord else f"{demo} {n}"
            key = slugify(name)
            if key not in art.acts:
                g = Cluster(key=key, name=name, kind="group", country=country.country if country else None,
                         affiliation=country.name if country else None, emit=False)
                art.acts[key] = g
            keys.append(key)
        if not keys:
            # "Russian-backed separatists"
            name = doc[start:t.i + 1].text
            key = slugify(name)
            if key not in art.acts:
                art.acts[key] = Cluster(key=key, name=name, kind="group", emit=False)
            keys = [key]
        if art._is_speech_subject(t):
            for key in keys:
                art.acts[key].emit = True
        art.group_spans.append((start, t.i + 1, keys))
        if len(keys) == 1:
            m = Ment(start, t.i + 1, keys[0], "name", "group")
            art.ments.append(m)
            art._occupy(m)
    # "officials in Moscow", "representatives of Ukraine"
    for t in (doc[i] for i in cand if i not in art.tok_ment):
        if t.lower_ not in _OFFICIAL_NOUNS or t.i in art.tok_ment:
            continue
        if t.i + 2 < art.n and doc[t.i + 1].lower_ in {"in", "of", "from"}:
            m = art.tok_ment.get(t.i + 2) or (art.tok_ment.get(t.i + 3) if doc[t.i + 2].lower_ == "the" else None)
            if m is None:
                continue
            a = art.acts.get(m.key)
            if a is None or a.kind not in {"country", "location"} or not a.country:
                continue
            if m.end < art.n and doc[m.end].lower_ == "and":
                continue  # "representatives of Canada and Mexico": a joint group
            ce = next((e for e in art.d.entries.values() if e.kind == "country" and e.country == a.country), None)
            if ce is None or not ce.demonyms:
                continue
            name = f"{ce.demonyms[0]} {t.text}"
            key = slugify(name)
            if key not in art.acts:
                art.acts[key] = Cluster(key=key, name=name, kind="group", country=ce.country,
                                      affiliation=ce.name, emit=False)
            if art._is_speech_subject(t):
                art.acts[key].emit = True
            mm = Ment(t.i, t.i + 1, key, "name", "group")
            art.ments.append(mm)
            art._occupy(mm)
    art.ments.sort(key=lambda m: m.start)

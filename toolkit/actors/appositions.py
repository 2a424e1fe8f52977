"""Pass 3, appositives and role appositions: the role and affiliation of named people."""

from __future__ import annotations

from typing import Optional

import numpy as np
from spacy.tokens import Token

from .lexicon import _CAMPAIGNS, _DETS, _DETS_OF, _ENVOYS, _OFFICES, _POSS, _norm, _title_key, slugify
from .records import Cluster, Ment


def title_at(art, i: int, limit: int) -> int:
    """Length of the longest title starting at token i (0 if none)."""
    doc, d = art.doc, art.d
    for L in range(min(d.title_maxlen, limit - i), 0, -1):
        key = tuple(_norm(t.lower_) for t in doc[i:i + L])
        if key in d.titles:
            return L
    return 0


def parse_role(art, s: int, e: int) -> Optional[tuple[str, Optional[str], list[int]]]:
    """Parse tokens [s, e) as a role phrase: (role text, affiliation act key, title tokens)."""
    doc, d = art.doc, art.d
    while s < e and (doc[s].lower_ in _DETS or doc[s].is_punct):
        s += 1
    while e > s and (doc[e - 1].is_punct and doc[e - 1].text not in {")"}):
        e -= 1
    if e <= s:
        return None
    # a possessive person inside: the role is what follows it ("Trump's envoy to Ukraine")
    poss_aff = None
    for k in range(e - 1, s, -1):
        if _norm(doc[k].text) in _POSS:
            owner = art._mention_entity(k - 1)
            if owner is not None and owner.kind == "person":
                poss_aff = owner
                s = k + 1
                break
    # find title start, allowing modifiers / affiliations before it
    aff: Optional[str] = None
    mods: list[Token] = []
    k = s
    tstart = tlen = 0
    while k < e:
        L = title_at(art, k, e)
        if L:
            tstart, tlen = k, L
            # extend with further title words ("Foreign Minister" after "foreign")
            while k + tlen < e:
                L2 = title_at(art, k + tlen, e)
                if not L2 or doc[k + tlen].lower_ in {"head", "member"}:
                    break
                tlen += L2
            break
        t = doc[k]
        act = art._mention_entity(k)
        if act is not None and act.kind in {"country", "organization"}:
            if aff is None:
                aff = act.key
            m = art.tok_ment[k]
            k = m.end
            if k < e and _norm(doc[k].text) in _POSS:
                k += 1
            continue
        if t.lower_ in d.demonym:
            cid = d.demonym[t.lower_]
            art._act_for_entry(d.entries[cid]).emit = art.acts[cid].emit if cid in art.acts else False
            if aff is None:
                aff = cid
            k += 1
            continue
        if t.lower_ in d.modifiers or t.text in {"-"}:
            mods.append(t)
            k += 1
            continue
        return None
    if not tlen:
        return None
    # a role never contains another person's name: in lists ("Director of the FSB
    # Alexander Bortnikov, Director of ... Sergei Naryshkin") the chunk is someone else's
    for q in range(tstart, e):
        if doc[q].lower_ in d.title_or_mod:
            continue  # the small model tags some titles as names ("the Adviser to ...")
        if doc[q].ent_type_ == "PERSON" or doc[q].text in d.given_names:
            return None
        owner = art._mention_entity(q)
        if owner is not None and owner.kind == "person":
            return None
    title_toks = mods + list(doc[tstart:tstart + tlen])
    rest_s = tstart + tlen
    role = " ".join(t.text for t in title_toks).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    if rest_s < e:
        prep = doc[rest_s]
        if prep.lower_ not in {"of", "for", "to", "at", "in"}:
            return None
        q = rest_s + 1
        while q < e and doc[q].lower_ in _DETS:
            q += 1
        obj = art._mention_entity(q)
        m = art.tok_ment.get(q)
        envoy = doc[tstart + tlen - 1].lower_ in _ENVOYS
        if prep.lower_ in {"of", "for"} and obj is not None and m is not None and m.end == e \
                and obj.kind in {"country", "organization"} and not envoy:
            aff = obj.key
        else:
            role = role + " " + doc[rest_s:e].text
            for q2 in range(rest_s + 1, e):
                o = art._mention_entity(q2)
                if o is not None and o.kind == "organization" and not envoy:
                    aff = aff or o.key
                    break
                if o is not None and o.kind == "country" and doc[q2 - 1].lower_ in {"of", "the"} \
                        and q2 - 1 > rest_s and not envoy and aff is None:
                    aff = o.key  # "aide to the President of the Russian Federation"
                    break
    if aff is None and poss_aff is not None:
        aff = poss_aff.aff_id or (art._country_key(poss_aff.country) if poss_aff.country else None)
    return role, aff, [t.i for t in title_toks]


def left_region(art, i: int) -> tuple[int, int]:
    doc = art.doc
    sent_start = art.sents[art.sent_of[i]].start
    j = i
    while j > sent_start and i - j < 16:
        t = doc[j - 1]
        txt = _norm(t.text)
        if txt in _POSS or txt in {",", "-"} or t.lower_ in art.d.modifiers:
            j -= 1
            continue
        if t.is_punct or t.pos_ in {"VERB", "AUX", "CCONJ", "PRON", "SCONJ", "NUM"} or t.is_quote:
            break
        if t.pos_ == "ADP" and t.lower_ not in {"of", "for", "to"}:
            break
        if t.is_lower and t.lower_ not in art.d.title_or_mod and t.lower_ not in _DETS_OF \
                and t.lower_ not in art.d.demonym and t.pos_ not in {"ADJ", "NOUN"}:
            break
        j -= 1
    return j, i


def role_for(art, m: Ment) -> Optional[tuple[str, Optional[str]]]:
    doc = art.doc
    # pre-nominal: the region left of the name, by comma chunks, the first with a title
    j, i = left_region(art, m.start)
    chunks, cur = [], []
    for k in range(j, i):
        if doc[k].text == ",":
            if cur:
                chunks.append(cur)
            cur = []
        else:
            cur.append(k)
    if cur:
        chunks.append(cur)
    root = doc[m.end - 1]
    coordinated = root.dep_ == "conj" or any(c.dep_ in {"cc", "conj"} for c in root.children) or \
        (m.end < art.n and doc[m.end].lower_ == "and")
    for n_ch, ch in enumerate(chunks):
        # a chunk set off by a comma is a title only in apposition, not before "A and B"
        if coordinated and (n_ch < len(chunks) - 1 or doc[i - 1].text == ","):
            continue
        r = parse_role(art, ch[0], ch[-1] + 1)
        if r:
            return r[0], r[1]
    # appositive after the name: ", the spokesperson for the Kremlin,"
    k = m.end
    if k < art.n and doc[k].text == ",":
        q = k + 1
        sent_end = art.sents[art.sent_of[m.start]].end
        while q < sent_end and doc[q].text not in {",", ";", ".", "\u201c", '"', "(", ")"} and \
                doc[q].pos_ not in {"VERB", "AUX"} and doc[q].lower_ not in {"who", "which", "and"}:
            q += 1
        if q > k + 1:
            r = parse_role(art, k + 1, q)
            if r:
                return r[0], r[1]
    return None


def assign_roles(art) -> None:
    d = art.d
    for m in art.ments:
        a = art.acts.get(m.key)
        if a is None or a.kind != "person" or a.role_from_text:
            continue
        r = role_for(art, m)
        if r:
            a.role, a.aff_id, a.role_from_text = r[0], r[1], True
    for a in list(art.acts.values()):
        if a.kind != "person":
            continue
        dr = a.entry.role_on(art.published) if a.entry else None
        if a.role_from_text:
            if dr and a.aff_id is None and _title_key(dr.get("role", "")).endswith(_title_key(a.role).split()[-1]):
                aff = d.find(str(dr.get("affiliation", "")))
                a.aff_id = aff.id if aff else None
                if aff:
                    art._act_for_entry(aff).emit = art.acts[aff.id].emit if aff.id in art.acts and art._has_mention(aff.id) else False
            if dr and len(a.role.split()) == 1 and _title_key(dr.get("role", "")).startswith(_title_key(a.role)):
                a.role = dr["role"]
        elif dr:
            a.role = dr.get("role")
            aff = d.find(str(dr.get("affiliation", ""))) if dr.get("affiliation") else None
            if aff:
                a.aff_id = aff.id
                if aff.id not in art.acts:
                    art._act_for_entry(aff).emit = False
        if a.aff_id:
            aff = art.acts.get(a.aff_id) or Cluster(key=a.aff_id, name=a.aff_id, kind="")
            a.affiliation = aff.name
            if aff.kind == "country":
                a.country = aff.country
            elif aff.kind == "organization":
                a.country = aff.country
            elif aff.kind == "person":
                a.country = aff.country
        elif a.entry is not None:
            a.country = a.entry.country
        if a.gender is None and a.entry is not None:
            a.gender = a.entry.gender
    # persons in possessive before a role (Trump's envoy) may get their affiliation late
    for m in art.ments:
        a = art.acts.get(m.key)
        if a and a.kind == "person" and a.role_from_text and a.affiliation is None:
            pass


def add_offices(art) -> None:
    """A person's office as an organisation: "Ban Ki-moon's press office", "Zelenskyy's office"."""
    doc = art.doc
    for m in list(art.ments):
        a = art.acts.get(m.key)
        if a is not None and a.kind == "person" and m.end < art.n and doc[m.end].lower_ in _CAMPAIGNS \
                and doc[m.end - 1].dep_ == "compound":
            _campaign(art, a, m.end)  # "the Clinton campaign"
            continue
        if a is None or a.kind != "person" or m.end + 1 >= art.n or _norm(doc[m.end].text) not in _POSS:
            continue
        s = m.end + 1
        L = next((len(p) for p in _OFFICES if tuple(t.lower_ for t in doc[s:s + len(p)]) == p), 0)
        if not L:
            continue
        name = f"{a.name}'s {doc[s:s + L].text}"
        if doc[s + L - 1].lower_ in _CAMPAIGNS:  # "Kasich's campaign": the Kasich campaign
            name = f"{a.name.split()[-1]} {doc[s + L - 1].lower_}"
        key = slugify(name)
        if key not in art.acts:
            art.acts[key] = Cluster(key=key, name=name, kind="organization", country=a.country,
                                  affiliation=a.affiliation)
        om = Ment(s, s + L, key, "name", "organization")
        art.ments.append(om)
        art._occupy(om)
    art.ments.sort(key=lambda m: m.start)


def _campaign(art, a, i: int) -> None:
    """The "<surname> campaign" organisation of person cluster ``a`` at token ``i``."""
    name = f"{a.name.split()[-1]} {art.doc[i].lower_}"
    key = slugify(name)
    if key not in art.acts:
        art.acts[key] = Cluster(key=key, name=name, kind="organization", country=a.country)
    if i not in art.tok_ment:
        om = Ment(i, i + 1, key, "name", "organization")
        art.ments.append(om)
        art._occupy(om)

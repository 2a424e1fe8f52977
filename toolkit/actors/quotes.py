"""Quotation spans: which tokens are inside a quotation."""

from __future__ import annotations

import numpy as np

from .lexicon import _QUOTE_HASHES


def quote_mask(art) -> list[bool]:
    """Per token, whether it is inside a quotation (pronouns there are the quoted speaker's).

    Curly and LaTeX-style marks open and close; a straight double quote toggles. A span
    over more than three sentences is not a quotation (a release wrapped in quotes).
    """
    mask = np.zeros(art.n, dtype=bool)
    inside, prev = False, 0
    strings = art.doc.vocab.strings
    for q in art._positions(art.orth, _QUOTE_HASHES):
        if inside:
            mask[prev:q] = True
        txt = strings[int(art.orth[q])]
        if txt in {"\u201c", "``"}:  # opening marks: curly, or `` of LaTeX/PTB-style text
            inside = True
        elif txt in {"\u201d", "''"}:
            inside = False
        else:
            inside = not inside
        prev = q + 1
    if inside:
        mask[prev:art.n] = True
    # a "quote" running over more than three sentences wraps a whole release: not a quote
    if mask.any():
        cover = mask | art.is_quote
        i = 0
        while i < art.n:
            if not mask[i]:
                nz = np.flatnonzero(mask[i:])
                if not len(nz):
                    break
                i += int(nz[0])
                continue
            off = np.flatnonzero(~cover[i:])
            j = i + int(off[0]) if len(off) else art.n
            if art.sent_of[j - 1] - art.sent_of[i] > 3:
                mask[i:j] = False
            i = j
    return mask.tolist()

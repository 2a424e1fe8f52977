"""A fixed held-out subset of the PolNeAR train split, and the development rest.

PolNeAR's dev and test splits are not available here; only its 840 train articles are
(``../shared/bench/polnear/``). Until now the statement rules were developed on that train
split, so every figure measured on it is **in-sample**. What was read before this split was
drawn (issue 13):

* the **first half** (the first 420 articles in ``metadata.tsv`` order: all of ``breitbart``,
  ``huff-post`` and ``nyt`` and the first 60 of ``politico``): error samples read in every
  tuning round, and scorer conversions (complementizers, cue adverbs) chosen from its gold;
* the **second half** (the other 60 ``politico``, all of ``usa-today``, ``wash-post`` and
  ``west-journal``): aggregate figures in every round, error samples read in one round.

So no article here was never looked at. The held-out subset below is held out **from now
on**: its errors are never printed (``bench_polnear.py --split heldout`` refuses
``--errors``) and no rule may be tuned on it. Its figure is a confirmation figure only in
that sense; it is still text of the same publishers, period and annotation as the rest.

Definition (deterministic, no randomness beyond a hash):

* eligible: the train articles that are neither among the 28 articles with speaker
  references (``../shared/gold/speakers/*.speakers.json``, used to measure speaker identity)
  nor among the 16 articles annotated by several annotators (``--agreement``);
* per publisher, the eligible articles sorted by ``sha256("polnear-heldout-v1:" + filename)``;
  the first ``PER_PUBLISHER`` (20) of each of the 7 publishers are held out: 140 articles
  (68 from the first half, 72 from the second);
* development (``dev``): every other train article (700), including the excluded ones.

``HELDOUT_SHA256`` is the digest of the sorted held-out names joined by newlines; the
benchmark stops when the data on disk give another subset.

Example::

    >>> from polnear_split import split_names   # run from benchmarks/  # doctest: +SKIP
    >>> len(split_names(rows, speakers=names)["heldout"])  # doctest: +SKIP
    140
"""

from __future__ import annotations

import hashlib
from pathlib import Path

#: Held-out articles drawn per publisher.
PER_PUBLISHER = 20
#: Salt of the hash that orders the articles (change it and the subset changes).
SALT = "polnear-heldout-v1:"
#: Digest of the held-out subset drawn on the data of 2026-12-07 (see the docstring).
HELDOUT_SHA256 = "04b4e31af10d8c35c8c52c20501d832d7dcbc53753f2c8d0f7ca69385e61e787"


def speaker_reference_names(speakers_dir: Path) -> set[str]:
    """Article names that have a speaker reference file in ``speakers_dir``.

    Args:
        speakers_dir: ``../shared/gold/speakers``.

    Returns:
        The article names (``<name>.speakers.json`` without the suffix); empty when the
        folder is absent.

    Example:
        >>> speaker_reference_names(Path("/nonexistent"))
        set()
    """
    if not speakers_dir.is_dir():
        return set()
    return {p.name[: -len(".speakers.json")] for p in speakers_dir.glob("*.speakers.json")}


def split_names(rows: list[dict], *, speakers: set[str], per_publisher: int = PER_PUBLISHER,
                salt: str = SALT) -> dict[str, set[str]]:
    """Split the PolNeAR train articles into ``heldout`` and ``dev``.

    Args:
        rows: the rows of ``metadata.tsv`` (``filename``, ``publisher``, ``annotators``).
        speakers: names of the articles with speaker references (excluded from heldout).
        per_publisher: held-out articles per publisher.
        salt: prefix of the hashed file name.

    Returns:
        ``{"heldout": names, "dev": names}``; every row is in exactly one of them.

    Example:
        >>> rows = [{"filename": f"p_{i}", "publisher": "p", "annotators": "a"} for i in range(5)]
        >>> s = split_names(rows, speakers={"p_0"}, per_publisher=2)
        >>> len(s["heldout"]), len(s["dev"]), "p_0" in s["dev"]
        (2, 3, True)
    """
    by_pub: dict[str, list[str]] = {}
    for row in rows:
        name = row["filename"]
        if name in speakers or "|" in row["annotators"]:
            continue
        by_pub.setdefault(row["publisher"], []).append(name)
    heldout: set[str] = set()
    for names in by_pub.values():
        names.sort(key=lambda n: hashlib.sha256((salt + n).encode("utf-8")).hexdigest())
        heldout.update(names[:per_publisher])
    return {"heldout": heldout, "dev": {r["filename"] for r in rows} - heldout}


def digest(names: set[str]) -> str:
    """sha256 of the sorted names joined by newlines (to check the subset has not moved).

    Example:
        >>> digest({"b", "a"}) == hashlib.sha256(b"a\\nb").hexdigest()
        True
    """
    return hashlib.sha256("\n".join(sorted(names)).encode("utf-8")).hexdigest()

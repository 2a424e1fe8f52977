"""Chronology: the same event reported by several articles, merged into one dated row.

:func:`chronology` takes the ``events`` and ``articles`` tables of a corpus (and, for
merging talks by their parties, its ``actors`` table) and returns one row per event with
the articles that report it. Which actions count as one kind of event ("meet", "talk",
"discuss", "negotiate") comes from ``toolkit/data/event_actions.yaml``; the event rows
themselves come from :mod:`toolkit.events`, which this module does not import.

Example:
    >>> import toolkit
    >>> corpus = toolkit.parse_many("data/articles/")                     # doctest: +SKIP
    >>> toolkit.chronology(corpus.events, corpus.articles, actors=corpus.actors)  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import re
from typing import Iterable, Mapping, Optional

from . import frames
from .frames import is_missing
from .paths import LEXICON_DIR
from .yamlfiles import read_mapping

__all__ = ["ACTION_FAMILIES_PATH", "CHRONOLOGY_COLUMNS", "chronology", "default_families"]

CHRONOLOGY_COLUMNS = tuple(frames.DERIVED_SCHEMAS["chronology"])


def _slug(text) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "x"


def _who(actor_id, actor) -> str:
    """Merge key of an actor: its id (or the slug of its name), joint actors in sorted order."""
    key = actor_id or (_slug(actor) if actor else "")
    return "+".join(sorted(key.split("+"))) if key else ""


def _as_ts(v):
    import pandas as pd

    if is_missing(v):
        return pd.NaT
    return pd.Timestamp(v).normalize()


def _most_common(values: list):
    vals = [v for v in values if not is_missing(v) and str(v) != ""]
    if not vals:
        return None
    counts: dict = {}
    for v in vals:
        counts[v] = counts.get(v, 0) + 1
    return sorted(counts, key=lambda v: (-counts[v], len(str(v)), str(v)))[0]


ACTION_FAMILIES_PATH = LEXICON_DIR / "event_actions.yaml"


@functools.lru_cache(maxsize=1)
def _action_lexicon() -> dict:
    return read_mapping(ACTION_FAMILIES_PATH, what="event-action")


def default_families() -> dict:
    """Family name -> actions, from ``toolkit/data/event_actions.yaml`` (a new dict).

    Example:
        >>> "meet" in default_families()["talk"]  # doctest: +SKIP
        True
    """
    return dict(_action_lexicon().get("families") or {})


def _party_countries(actors_frame) -> dict:
    """(article_id, actor_id or lower-cased name) -> country code, from an actors table.

    A person's surname is a key too ("met Umerov"), unless two actors of the article with
    different countries share it."""
    out: dict = {}
    if actors_frame is None:
        return out
    for c in ("article_id", "actor_id", "name", "country"):
        if c not in actors_frame.columns:
            raise ValueError(f"actors frame has no column {c!r}")
    surnames: dict = {}
    for aid, actor_id, name, country in zip(actors_frame["article_id"].tolist(), actors_frame["actor_id"].tolist(),
                                            actors_frame["name"].tolist(), actors_frame["country"].tolist()):
        if is_missing(country) or is_missing(aid):
            continue
        for key in (actor_id, name):
            if not is_missing(key):
                out.setdefault((str(aid), str(key).lower()), str(country))
        words = [] if is_missing(name) else str(name).split()
        if len(words) >= 2 and words[-1][:1].isupper():
            surnames.setdefault((str(aid), words[-1].lower()), set()).add(str(country))
    for key, found in surnames.items():
        if len(found) == 1:
            out.setdefault(key, next(iter(found)))
    return out


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict:
    """lower-cased demonym ("russian") -> ISO country code, from the actor dictionary."""
    from .actors import load_dictionary

    d = load_dictionary()
    return {w: d.entries[cid].country for w, cid in d.demonym.items()
            if cid in d.entries and getattr(d.entries[cid], "country", None)}


def _text_countries(text: str) -> set:
    """Countries named by demonym in a group's name ("the Russian and Ukrainian delegations")."""
    dem = _demonyms()
    return {dem[w] for w in re.findall(r"[a-z]+", text.lower()) if w in dem}


def _parties(rec: dict, countries: dict) -> frozenset:
    """The countries on both sides of an event row: its actor's (each of a joint actor) and
    its target's, from the actors table, else from demonyms in their names ("Russian
    delegation")."""
    aid = rec["article_id"]
    found = set()
    for part in (rec["actor_id"] or "").split("+"):
        if part and (aid, part) in countries:
            found.add(countries[(aid, part)])
    if not found and rec["actor"]:
        c = countries.get((aid, rec["actor"].lower()))
        found |= {c} if c else _text_countries(rec["actor"])
    if rec["target"]:
        t = re.sub(r"^(the|a|an)\s+", "", rec["target"].strip(), flags=re.I).lower()
        c = countries.get((aid, t))
        found |= {c} if c else _text_countries(t)
    return frozenset(found)


def _family_of(families: Optional[Mapping]) -> dict:
    """action -> family name, from ``families`` (family -> actions) or the lexicon file."""
    fams = default_families() if families is None else families
    out: dict = {}
    for name in sorted(fams):
        for action in fams[name] or []:
            out.setdefault(str(action).lower(), str(name))
    return out


def _join_one_sided(rows: list, sym: set) -> None:
    """Give a one-sided report of a symmetric event ("the Ukrainian delegation met in
    Istanbul": one known country) the parties key of the two-sided reports it overlaps
    ("Russia and Ukraine held talks" on the same days), when exactly one set of parties
    of that family includes its country over its dates. Undated rows are left alone."""
    import bisect

    import pandas as pd

    # two-sided rows by (family, country), sorted by start; the longest span bounds the search
    index: dict = {}
    for o in rows:
        if o["family"] in sym and len(o["parties"]) >= 2 and not pd.isna(o["start"]):
            for c in o["parties"]:
                index.setdefault((o["family"], c), []).append((o["start"], o["end"], o["who"]))
    spans = {}
    for key, items in index.items():
        items.sort(key=lambda x: (x[0], x[1], x[2]))
        spans[key] = ([x[0] for x in items], max(x[1] - x[0] for x in items))
    for r in rows:
        if r["family"] not in sym or len(r["parties"]) != 1 or pd.isna(r["start"]):
            continue
        key = (r["family"], next(iter(r["parties"])))
        if key not in index:
            continue
        starts, longest = spans[key]
        lo = bisect.bisect_left(starts, r["start"] - longest)
        hi = bisect.bisect_right(starts, r["end"])
        keys = {who for start, end, who in index[key][lo:hi] if end >= r["start"]}
        if len(keys) == 1:
            r["who"] = keys.pop()


_EVENT_COLUMNS = ("article_id", "actor", "actor_id", "action", "target", "date_value", "start", "end", "status")


def chronology(events_frame, articles_frame, *, actors=None, families: Optional[Mapping] = None,
               symmetric: Optional[Iterable[str]] = None):
    """Merge the same event reported by several articles into one dated row.

    Two event rows are the same event when they have the same actor (``actor_id`` if
    set, else the actor name, case-insensitive), actions of the same family ("meet",
    "talk", "discuss" and "negotiate" all report talks; ``toolkit/data/event_actions.yaml``)
    and overlapping ``start``..``end`` dates. Undated rows merge only with undated rows
    that also share the target. A merged row takes the most specific date of its reports,
    the most frequent actor name, action and target, and the status of its latest report
    (the best informed). The inputs are not mutated.

    The steps: :func:`_check_frames`, :func:`_report_rows` (one dict per event row),
    :func:`_merge_keys` (family, parties and the key to merge by), :func:`_clusters` (rows
    of one key with overlapping dates), :func:`_merged_row` per cluster, :func:`_add_event_keys`
    and :func:`_chronology_frame`.

    Args:
        events_frame: pandas events table (``article_id, actor, actor_id, action, target,
            date_value, start, end, status`` ...).
        articles_frame: pandas articles table (``article_id, published`` ...).
        actors: the pandas actors table of the same corpus (optional). With it, reports of
            a symmetric family (talks, exchanges) are merged by their parties, the
            countries of actor and target, when there are two or more: "Russia talked with
            Ukraine" and "the Russian and Ukrainian delegations met" on one day are one row.
            A report that names one side only ("the Ukrainian delegation met") joins them
            when its dates overlap the talks of exactly one set of parties that includes
            its country. The ``parties`` column lists the countries (ISO codes, "RU+UA").
        families: family name -> actions, instead of the lexicon file's; ``{}`` merges
            identical actions only.
        symmetric: the families merged by parties (default: the lexicon file's).

    Returns:
        A new frame with :data:`CHRONOLOGY_COLUMNS`, sorted by start, actor, action.

    Example:
        >>> chron = chronology(corpus.events, corpus.articles)   # doctest: +SKIP
        >>> chron[["start", "actor", "action", "n_articles"]]     # doctest: +SKIP
    """
    import pandas as pd

    _check_frames(events_frame, articles_frame)
    rows = _report_rows(events_frame, articles_frame)
    sym = set(_action_lexicon().get("symmetric") or []) if symmetric is None else set(symmetric)
    _merge_keys(rows, family=_family_of(families), sym=sym, countries=_party_countries(actors))
    out = [_merged_row(cl) for cl in _clusters(rows)]
    out.sort(key=lambda r: (r["start"] if not pd.isna(r["start"]) else pd.Timestamp.max,
                            (r["actor"] or "").lower(), r["action"], (r["target"] or "").lower(),
                            r["article_ids"]))
    _add_event_keys(out)
    return _chronology_frame(out)


def _check_frames(events_frame, articles_frame) -> None:
    """Raise ``ValueError`` naming the frame and column when an input lacks one."""
    for name, frame, cols in (("events", events_frame, _EVENT_COLUMNS),
                              ("articles", articles_frame, ("article_id", "published"))):
        if frame is None:
            raise ValueError(f"{name} frame is None")
        for c in cols:
            if c not in frame.columns:
                raise ValueError(f"{name} frame has no column {c!r}")


def _report_rows(events_frame, articles_frame) -> list[dict]:
    """One dict per event row with an action: its merge key ``who``, dates as timestamps
    (a missing end is the start and the other way round) and ``reported``, the
    publication date of its article."""
    import pandas as pd

    published = {}
    for aid, pub in zip(articles_frame["article_id"].tolist(), articles_frame["published"].tolist()):
        if not is_missing(aid):
            published[str(aid)] = _as_ts(pub)
    rows = []
    for rec in events_frame.to_dict("records"):
        if is_missing(rec.get("action")):
            continue
        actor = None if is_missing(rec.get("actor")) else str(rec["actor"])
        actor_id = None if is_missing(rec.get("actor_id")) else str(rec["actor_id"])
        start, end = _as_ts(rec.get("start")), _as_ts(rec.get("end"))
        if pd.isna(end):
            end = start
        if pd.isna(start):
            start = end
        target = None if is_missing(rec.get("target")) else str(rec["target"])
        rows.append({
            "who": _who(actor_id, actor), "actor": actor, "actor_id": actor_id,
            "action": str(rec["action"]), "target": target,
            "date_value": None if is_missing(rec.get("date_value")) else str(rec["date_value"]),
            "start": start, "end": end,
            "status": None if is_missing(rec.get("status")) else str(rec["status"]),
            "article_id": "" if is_missing(rec.get("article_id")) else str(rec["article_id"]),
            "reported": published.get("" if is_missing(rec.get("article_id")) else str(rec["article_id"]), pd.NaT),
        })
    return rows


def _merge_keys(rows: list[dict], *, family: dict, sym: set, countries: dict) -> None:
    """Give each row its action ``family`` and ``parties``; a report of a symmetric family
    with two or more parties is merged by them (``who`` becomes ``parties:RU+UA``), and a
    one-sided one joins them when it can (:func:`_join_one_sided`). Rows are updated in place."""
    for r in rows:
        r["family"] = family.get(r["action"].lower(), r["action"])
        r["parties"] = _parties(r, countries) if countries else frozenset()
        if r["family"] in sym and len(r["parties"]) >= 2:
            r["who"] = "parties:" + "+".join(sorted(r["parties"]))
    _join_one_sided(rows, sym)


def _clusters(rows: list[dict]) -> list[list[dict]]:
    """Rows of one ``(who, family)`` whose dates overlap (a chain of overlaps is one
    cluster); undated rows by their target. Deterministic order."""
    import pandas as pd

    groups: dict = {}
    for r in rows:
        groups.setdefault((r["who"], r["family"]), []).append(r)
    clusters = []
    for (who, action) in sorted(groups):
        members = groups[(who, action)]
        dated = sorted([r for r in members if not pd.isna(r["start"])],
                       key=lambda r: (r["start"], r["end"], r["article_id"], r["date_value"] or ""))
        cur, cur_end = [], None
        for r in dated:
            if cur and r["start"] <= cur_end:
                cur.append(r)
                cur_end = max(cur_end, r["end"])
            else:
                if cur:
                    clusters.append(cur)
                cur, cur_end = [r], r["end"]
        if cur:
            clusters.append(cur)
        undated: dict = {}
        for r in members:
            if pd.isna(r["start"]):
                undated.setdefault((r["target"] or "").lower(), []).append(r)
        clusters.extend(undated[k] for k in sorted(undated))
    return clusters


def _merged_row(cl: list[dict]) -> dict:
    """One chronology row from a cluster: the most specific date, the most frequent actor,
    action and target, the status of the latest report."""
    import pandas as pd

    dated = [r for r in cl if not pd.isna(r["start"])]
    best = min(dated, key=lambda r: (r["end"] - r["start"], r["start"], r["date_value"] or "")) if dated else None
    latest = max(cl, key=lambda r: (r["reported"] if not pd.isna(r["reported"]) else pd.Timestamp.min,
                                    r["article_id"]))
    reports = [r["reported"] for r in cl if not pd.isna(r["reported"])]
    ids = sorted({r["article_id"] for r in cl if r["article_id"]})
    actor = _most_common([r["actor"] for r in cl])
    parties = sorted(set().union(*(r["parties"] for r in cl)))
    return {
        "actor": actor, "action": _most_common([r["action"] for r in cl]),
        "target": _most_common([r["target"] for r in cl]),
        "parties": "+".join(parties) if parties else None,
        "date_value": best["date_value"] if best else None,
        "start": best["start"] if best else pd.NaT, "end": best["end"] if best else pd.NaT,
        "status": latest["status"], "n_articles": len(ids), "article_ids": ",".join(ids),
        "first_reported": min(reports) if reports else pd.NaT,
        "last_reported": max(reports) if reports else pd.NaT,
        "_who": cl[0]["who"],
    }


def _add_event_keys(out: list[dict]) -> None:
    """``event_key`` of each merged row: ``who|action|day``, ``#2``, ``#3`` ... on repeats."""
    import pandas as pd

    used: dict = {}
    for r in out:
        day = r["start"].date().isoformat() if not pd.isna(r["start"]) else "undated"
        key = f"{_slug(r['_who'] or 'unknown')}|{r['action']}|{day}"
        if key in used:
            used[key] += 1
            key = f"{key}#{used[key]}"
        else:
            used[key] = 1
        r["event_key"] = key


def _chronology_frame(out: list[dict]):
    """The merged rows as a pandas frame with :data:`CHRONOLOGY_COLUMNS` and their dtypes."""
    return frames.build("chronology", out)

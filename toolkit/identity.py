"""Actor identity across a corpus: one ``actor_id`` per real actor.

Each article resolves its own actors; across articles the same person or body can still
come under several names, because outlets write them differently ("Hillary Clinton",
"Mrs. Clinton", "Clinton"; "Robert S. Mueller", "Robert Mueller"; "U.N.", "UN",
"United Nations"). :func:`resolve_identity` reads the corpus ``actors`` table (and,
optionally, ``mentions`` for titles like "Mrs.") and decides which actor ids are the same
actor; :func:`apply_identity` rewrites the id and name columns of the tables
(``actors.actor_id/name``, ``mentions.actor_id``, ``statements.speaker_id/speaker``,
``attributions.speaker_id/speaker``, ``events.actor_id/actor``); :func:`actor_index`
builds the ``actor_index`` table (one row per actor of the corpus).

Rules, most precise first (all case-insensitive, dots ignored, titles and degree suffixes
dropped, a generational suffix kept with the surname so that "Donald Trump Jr." and "Trump
Jr." are never "Donald Trump"; the word lists are in ``toolkit/data/names.yaml``):

1. a user's ``split`` list keeps the named actors out of every automatic rule;
2. people with the same first name and surname are one actor when their middle names
   agree ("Robert S. Mueller" = "Robert Mueller"; "Robert S." and "Robert T." stay apart,
   reported);
3. organisations (and places) with the same name up to dots, a leading "the" and
   "Department of X" / "X Department" are one; an acronym ("UN", "U.N.") joins the one
   full name of the corpus whose initials it is ("United Nations"); two full names with
   those initials: both stay apart, reported. Bodies (organisation, group) and places
   (country, location) are never joined to each other;
4. a user's ``merge`` entries join whatever they list, whatever the rules above said;
5. a surname alone ("Clinton", also a surname tagged as an organisation) joins, in each
   article, the one person of that article with that surname. Failing that (only for
   people, or where a title or a gendered pronoun shows a person), it may join the one
   person of the whole corpus with that surname, but only when its own article supports
   that person: a title or role that fits the person's titles and roles elsewhere in the
   corpus ("Sen. Marsh" for "Senator Ada Marsh"), or a gendered title of the person's
   known gender ("Mrs. Clinton" for a Hillary Clinton called "she" elsewhere). A
   candidate is ruled out by a gender of the other kind (title, pronoun, or the first
   name's gender) or by roles that do not fit ("Marsh, the clinic's accountant" is not
   the senator). Two candidates left (two Clintons): it stays apart and the ambiguity is
   reported (:attr:`Identity.ambiguous`); one candidate without support: it stays apart
   and is reported (:attr:`Identity.unsupported`), for the user to merge.

Everything is deterministic: the same tables give the same ids, in any backend.

User rules (a YAML file read with :func:`toolkit.yamlfiles.read_mapping`)::

    merge:                       # canonical name: other names or actor ids of the same actor
      Hillary Clinton: [HRC, Clinton campaign chair]
    split: [Johnson, Robert S. Mueller]   # never joined by the automatic rules

Example:
    >>> import polars as pl
    >>> actors = pl.DataFrame({"article_id": ["a", "b"], "actor_id": ["robert-s-mueller", "robert-mueller"],
    ...                        "name": ["Robert S. Mueller", "Robert Mueller"], "kind": ["person", "person"],
    ...                        "n_mentions": [3, 1]})
    >>> sorted(set(resolve_identity(actors).changes.values()))
    [('robert-mueller', 'Robert Mueller')]
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional, Union

import polars as pl

from . import frames
from .names import NAMES_PATH, NameWords as Lexicon, load_names as load_lexicon
from .yamlfiles import read_mapping

IDENTITY_PATH = NAMES_PATH  # the name word lists identity reads (toolkit/data/names.yaml)
#: table -> (id column, name column) that :func:`apply_identity` rewrites.
ID_COLUMNS = {
    "actors": ("actor_id", "name"),
    "mentions": ("actor_id", None),
    "statements": ("speaker_id", "speaker"),
    "attributions": ("speaker_id", "speaker"),
    "events": ("actor_id", "actor"),
}
_SEP = "\x1f"
#: Kinds an acronym may join across ("U.N." tagged a group, "United Nations" an organisation).
_KIND_FAMILY = {"organization": "body", "group": "body", "country": "place", "location": "place"}
_SLUG = re.compile(r"[^a-z0-9]+")
_PRONOUN_GENDER = {**dict.fromkeys(("he", "him", "his", "himself"), "male"),
                   **dict.fromkeys(("she", "her", "hers", "herself"), "female")}
#: The word right before a mention (a title: "Sen. [Marsh]"), and an apposition right after one
#: ("[Marsh], the clinic's accountant,"); read from the article's text.
_WORD_BEFORE = r"(?:^|[^A-Za-z.])([A-Za-z]+)\.?\s+$"
_APPOSITION = r"^\s*,\s+((?:the|a|an)\s+[^,;:()\"“”\n]{2,60}?)\s*[,;]"
_ROLE_WORD = re.compile(r"[a-z]+")
#: Words that end a role's head phrase ("spokesman [for the mayor]").
_ROLE_STOP = frozenset("of to for at in on with from by who whose which that and or since until".split())


# --------------------------------------------------------------------------- lexicon and rules


@dataclass(frozen=True)
class IdentityRules:
    """A user's corrections: ``merge`` (canonical name -> names or ids) and ``split``."""

    merge: tuple = ()  # ((canonical name, (name or id, ...)), ...)
    split: frozenset = frozenset()  # normalised names and ids


def read_identity_rules(source: Union[None, str, Path, Mapping, IdentityRules]) -> IdentityRules:
    """User identity rules from a YAML file (or a mapping of the same shape).

    Args:
        source: a path to a YAML file with ``merge`` and/or ``split`` (see the module
            docstring), a mapping of that shape, ready rules, or ``None`` (no rules).

    Raises:
        ValueError: the file or mapping has other keys or values of the wrong shape; the
            message names the file and says what is expected.

    Example:
        >>> read_identity_rules({"merge": {"UN": ["United Nations"]}}).merge
        (('UN', ('United Nations',)),)
    """
    if source is None:
        return IdentityRules()
    if isinstance(source, IdentityRules):
        return source
    where = "identity rules"
    if isinstance(source, (str, Path)):
        where = str(source)
        source = read_mapping(source, what="actor-identity")
    if not isinstance(source, Mapping):
        raise ValueError(f"{where}: identity rules must be a mapping with 'merge' and/or 'split'")
    extra = sorted(set(source) - {"merge", "split"})
    if extra:
        raise ValueError(f"{where}: unknown key {extra[0]!r}; use 'merge' (canonical name: [other names]) "
                         f"and 'split' ([names kept apart])")
    merge = source.get("merge") or {}
    split = source.get("split") or []
    if not isinstance(merge, Mapping) or not all(isinstance(v, (list, tuple, str)) for v in merge.values()):
        raise ValueError(f"{where}: 'merge' must map a canonical name to a list of names or actor ids")
    if not isinstance(split, (list, tuple)) or not all(isinstance(s, str) for s in split):
        raise ValueError(f"{where}: 'split' must be a list of names or actor ids")
    merged = tuple((str(k), tuple(str(x) for x in ([v] if isinstance(v, str) else v))) for k, v in merge.items())
    return IdentityRules(merged, frozenset(norm(s) for s in split))


# --------------------------------------------------------------------------- name forms


def norm(name: Optional[str]) -> str:
    """Lower case, no dots, straight apostrophes, single spaces: ``"U.N."`` -> ``"un"``."""
    s = (name or "").replace("’", "'").replace("‘", "'").replace(".", "").lower()
    return " ".join(s.split())


def slug(name: str) -> str:
    """An actor id for a name: ``"Hillary Clinton"`` -> ``"hillary-clinton"``."""
    return _SLUG.sub("-", norm(name).replace("'", "")).strip("-")


@functools.lru_cache(maxsize=65536)
def person_parts(name: str, lex: Lexicon) -> tuple[tuple[str, ...], Optional[str]]:
    """The name's words without titles and suffixes, and the gender a title implies. A
    generational suffix stays with the surname: "Donald Trump Jr." and "Trump Jr." have the
    surname "trump jr", another person than "Donald Trump" (``generational_suffixes`` of
    ``data/names.yaml``).

    Example:
        >>> person_parts("Mrs. Hillary Rodham Clinton", load_lexicon())
        (('hillary', 'rodham', 'clinton'), 'female')
        >>> person_parts("Donald Trump Jr.", load_lexicon())
        (('donald', 'trump jr'), None)
    """
    words = [w.strip(",") for w in norm(name).split()]
    gender = None
    while len(words) > 1 and words[0] in lex.honorifics:
        gender = gender or lex.honorifics[words[0]]
        words.pop(0)
    gen = ""
    while len(words) > 1 and words[-1] in lex.suffixes:
        w = words.pop()
        gen = gen or (w if w in lex.generational else "")
    words = [w for w in words if w]
    if gen and words:  # "Donald Trump Jr." is compared with the surname "trump jr"
        words[-1] = f"{words[-1]} {gen}"
    return tuple(words), gender


def org_key(name: str, lex: Lexicon) -> str:
    """The comparison form of an organisation's name ("the Department of State" ->
    "state department")."""
    s = norm(name).replace("&", "and")
    s = s[4:] if s.startswith("the ") else s
    m = re.match(r"^(\w+) of (?:the )?(.+)$", s)
    if m and m.group(1) in lex.heads:
        s = f"{m.group(2)} {m.group(1)}"
    return s


def is_acronym(name: str) -> bool:
    """``UN``, ``U.N.``, ``FBI``: two to six capitals, dots allowed."""
    s = name.replace(".", "").strip()
    return 2 <= len(s) <= 6 and s.isalpha() and s.isupper()


def initials(name: str, lex: Lexicon) -> Optional[str]:
    """The acronym of a name of two or more content words ("Trans-Pacific Partnership" -> "tpp")."""
    words = [w for w in re.split(r"[\s\-]+", norm(name)) if w and w not in lex.function_words]
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def _middles_agree(a: tuple, b: tuple) -> bool:
    if not a or not b:
        return True
    return len(a) == len(b) and all(x[0] == y[0] and (len(x) == 1 or len(y) == 1 or x == y) for x, y in zip(a, b))


# --------------------------------------------------------------------------- resolving


@dataclass(frozen=True)
class Ambiguity:
    """A name left apart because it fits several actors of the corpus."""

    name: str
    candidates: tuple
    articles: tuple


@dataclass(frozen=True)
class Identity:
    """What :func:`resolve_identity` decided: the ``(article_id, actor_id)`` pairs that get
    another ``(actor_id, name)``; the names left apart as ambiguous (several candidates);
    and the surnames left apart as unsupported (one candidate of the corpus, but the
    surname's article gives nothing that shows it is that person; merge them with a user
    rule when it is). Both lists hold :class:`Ambiguity` records (name, candidates,
    articles)."""

    changes: Mapping = field(default_factory=dict)
    ambiguous: tuple = ()
    unsupported: tuple = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes)


@dataclass
class _Entry:
    actor_id: str
    name: str
    kind: str
    articles: list
    n_mentions: int
    words: tuple = ()
    gender: Optional[str] = None


class _Groups:
    """Union-find over actor ids (the smaller id is the root, for determinism)."""

    def __init__(self) -> None:
        self.parent: dict = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:
            self.parent[x], x = root, self.parent.get(x, x)
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _polars(frame, table: str) -> pl.DataFrame:
    if isinstance(frame, pl.DataFrame):
        return frame
    import pandas as pd

    if isinstance(frame, pd.DataFrame):
        cols = [c for c in frames.SCHEMAS[table] if c in frame.columns]
        return pl.from_pandas(frame[cols])
    raise TypeError(f"{table} must be a pandas or polars DataFrame, not {type(frame).__name__}")


def _modes(df: pl.DataFrame, col: str) -> pl.DataFrame:
    """Per actor id, the most frequent value of ``col`` (ties: the first in sort order)."""
    return (df.select("actor_id", pl.col(col).fill_null("")).group_by("actor_id", col).len()
            .sort(["actor_id", "len", col], descending=[False, True, False])
            .unique("actor_id", keep="first", maintain_order=True).drop("len"))


def _entries(actors: pl.DataFrame, lex: Lexicon) -> dict:
    """Actor id -> entry (most frequent name and kind, its articles, its mentions)."""
    if not actors.height:
        return {}
    df = actors.filter(pl.col("actor_id").is_not_null())
    n = pl.col("n_mentions").sum() if "n_mentions" in df.columns else pl.len()
    agg = (df.group_by("actor_id").agg(pl.col("article_id").unique().sort(), n.alias("n"))
           .join(_modes(df, "name"), on="actor_id").join(_modes(df, "kind"), on="actor_id").sort("actor_id"))
    out = {}
    for xid, name, kind, arts, n_ment in agg.select("actor_id", "name", "kind", "article_id", "n").iter_rows():
        words, gender = person_parts(name, lex)
        out[xid] = _Entry(xid, name, kind, arts, int(n_ment or 0), words, gender)
    return out


def _merge_people(entries: dict, groups: _Groups, fixed: set, ambiguous: list) -> None:
    by_key = defaultdict(list)
    for e in entries.values():
        if e.kind == "person" and len(e.words) >= 2 and e.actor_id not in fixed:
            by_key[(e.words[0], e.words[-1])].append(e)
    for key in sorted(by_key):
        members = by_key[key]
        mids = {e.words[1:-1] for e in members}
        if all(_middles_agree(a, b) for a in mids for b in mids):
            for e in members[1:]:
                groups.union(members[0].actor_id, e.actor_id)
            continue
        bare = [e for e in members if not e.words[1:-1]]
        for mid in sorted(mids):
            same = [e for e in members if e.words[1:-1] == mid]
            for e in same[1:]:
                groups.union(same[0].actor_id, e.actor_id)
        for e in bare:
            ambiguous.append(Ambiguity(e.name, tuple(sorted({m.name for m in members if m.words[1:-1]})),
                                       tuple(e.articles)))


def _merge_organisations(entries: dict, groups: _Groups, fixed: set, ambiguous: list, lex: Lexicon) -> None:
    orgs = [e for e in entries.values() if e.kind not in ("person", "") and e.actor_id not in fixed]
    by_key = defaultdict(list)
    for e in orgs:
        by_key[(_KIND_FAMILY.get(e.kind, e.kind), org_key(e.name, lex))].append(e)
    for key in sorted(by_key):
        for e in by_key[key][1:]:
            groups.union(by_key[key][0].actor_id, e.actor_id)
    by_initials = defaultdict(set)
    for e in orgs:
        ini = initials(e.name, lex)
        if ini and not is_acronym(e.name):
            by_initials[(_KIND_FAMILY.get(e.kind, e.kind), ini)].add(groups.find(e.actor_id))
    for e in orgs:
        if not is_acronym(e.name):
            continue
        roots = by_initials.get((_KIND_FAMILY.get(e.kind, e.kind), norm(e.name))) or set()
        if len(roots) == 1:
            groups.union(e.actor_id, next(iter(roots)))
        elif len(roots) > 1:
            ambiguous.append(Ambiguity(e.name, tuple(sorted(entries[r].name for r in roots)), tuple(e.articles)))


def _user_merges(entries: dict, groups: _Groups, rules: IdentityRules) -> dict:
    """Apply ``merge`` rules; root -> the canonical name the user gave."""
    if not rules.merge:
        return {}
    by_form = defaultdict(list)
    for e in entries.values():
        by_form[norm(e.name)].append(e.actor_id)
        by_form[e.actor_id].append(e.actor_id)
    forced = {}
    for canonical, others in rules.merge:
        ids = sorted({x for form in (canonical, *others) for x in by_form.get(norm(form), by_form.get(form, []))})
        for x in ids[1:]:
            groups.union(ids[0], x)
        if ids:
            forced[groups.find(ids[0])] = canonical
    return {groups.find(r): name for r, name in forced.items()}


def _canonical(entries: dict, groups: _Groups, forced: dict) -> dict:
    """Root -> (actor_id, name) of each group: the user's name, else the member without a
    middle initial, without dots ("UN" before "U.N."), in most articles, with most
    mentions, then alphabetical."""
    members = defaultdict(list)
    for e in entries.values():
        members[groups.find(e.actor_id)].append(e)
    out = {}
    for root, ms in members.items():
        if root in forced:
            name = forced[root]
            same = [e for e in ms if norm(e.name) == norm(name)]
            out[root] = (same[0].actor_id if same else slug(name), name)
            continue
        best = min(ms, key=lambda e: (any(len(w) == 1 for w in e.words[1:-1]), "." in e.name, -len(e.articles),
                                      -e.n_mentions, len(e.words) < 2, e.name, e.actor_id))
        out[root] = (best.actor_id, best.name)
    return out


@dataclass
class _Clues:
    """What one article says about one of its actors, beyond the name: the genders its
    courtesy titles imply ("Mrs. Clinton"), other genders (a pronoun linked to it, "she";
    a rank title, "King"), its titles ("Sen." -> "senator", "King" -> "king") and the heads
    of its roles ("the clinic's accountant" -> "accountant", from the ``role`` column or an
    apposition after a mention)."""

    title_gender: set = field(default_factory=set)
    pronoun_gender: set = field(default_factory=set)  # pronouns and rank titles
    titles: set = field(default_factory=set)
    roles: set = field(default_factory=set)

    def genders(self) -> set:
        return self.title_gender | self.pronoun_gender

    def heads(self) -> set:
        return self.titles | self.roles


_NO_CLUES = _Clues()


@functools.lru_cache(maxsize=65536)
def role_head(role: Optional[str], lex: Lexicon) -> Optional[str]:
    """The head word of a role, in the form it is compared as (``title_forms`` of
    ``names.yaml``), or None.

    Example:
        >>> role_head("the clinic's accountant", load_lexicon()), role_head("former Sen.", load_lexicon())
        ('accountant', 'senator')
        >>> role_head("a spokeswoman for the mayor", load_lexicon())
        'spokesperson'
    """
    words = []
    for w in _ROLE_WORD.findall(norm(role).replace("'s ", " ")):
        if w in _ROLE_STOP:
            break
        if w not in ("the", "a", "an"):
            words.append(w)
    if not words or len(words[-1]) < 2:
        return None
    return lex.title_forms.get(words[-1], words[-1])


def _add_title(clue: _Clues, word: str, lex: Lexicon) -> bool:
    """Record an honorific (``False`` if ``word`` is none): a courtesy title ("Mrs.") gives
    a gender; a rank ("King", "Sen.") is a title, and gives a gender if it has one."""
    if word not in lex.honorifics:
        return False
    gender = lex.honorifics[word]
    if word in lex.courtesy_titles:
        clue.title_gender |= {gender} if gender else set()
        return True
    if gender:
        clue.pronoun_gender.add(gender)
    clue.titles.add(lex.title_forms.get(word, word))
    return True


def _clues(actors: pl.DataFrame, mentions: Optional[pl.DataFrame], lex: Lexicon,
           texts: Optional[Mapping], wanted: set) -> dict:
    """(article_id, actor_id) -> :class:`_Clues`, for the actor ids in ``wanted``: from the
    ``role`` column, from the mentions (a title inside the mention, a gendered pronoun) and,
    with ``texts``, from the words around a mention (a title right before it, "Mrs.
    [Clinton]"; an apposition right after it, "[Marsh], the clinic's accountant,")."""
    out: dict = defaultdict(_Clues)
    if not wanted:
        return out
    ids = pl.col("actor_id").is_in(sorted(wanted))
    if "role" in actors.columns:
        roles = actors.filter(ids & pl.col("role").is_not_null()).select("article_id", "actor_id", "role").unique()
        for aid, xid, role in roles.iter_rows():
            head = role_head(role, lex)
            if head:
                out[(aid, xid)].roles.add(head)
    if mentions is None or not mentions.height:
        return out
    sub = mentions.filter(ids)
    honorifics = sorted(lex.honorifics)
    low = pl.col("text").str.to_lowercase().str.replace_all(".", "", literal=True).str.strip_chars()
    told = (sub.select("article_id", "actor_id", low.alias("low"))
            .filter(pl.col("low").is_in(list(_PRONOUN_GENDER))
                    | pl.col("low").str.extract(r"^(\S+)\s", 1).is_in(honorifics))
            .group_by("article_id", "actor_id").agg(pl.col("low").unique()))
    for aid, xid, forms in told.iter_rows():
        clue = out[(aid, xid)]
        for text in forms:
            words = text.split()
            if len(words) == 1:
                clue.pronoun_gender.add(_PRONOUN_GENDER[words[0]])
                continue
            for w in words[:-1]:  # "Mrs. Clinton", "Sen. Ada Marsh"
                if not _add_title(clue, w, lex):
                    break
    if texts and sub.height:
        tx = pl.DataFrame({"article_id": list(texts), "__text": [t or "" for t in texts.values()]},
                          schema={"article_id": pl.String, "__text": pl.String})
        lo = pl.max_horizontal(pl.col("start_char") - 30, 0)
        before = (pl.col("__text").str.slice(lo, pl.col("start_char") - lo).str.extract(_WORD_BEFORE, 1)
                  .str.to_lowercase())
        near = (sub.select("article_id", "actor_id", "start_char", "end_char").join(tx, on="article_id", how="inner")
                .select("article_id", "actor_id", before.alias("before"),
                        pl.col("__text").str.slice(pl.col("end_char"), 90).str.extract(_APPOSITION, 1)
                        .alias("after"))
                .with_columns(pl.when(pl.col("before").is_in(honorifics)).then(pl.col("before")).alias("before"))
                .filter(pl.col("before").is_not_null() | pl.col("after").is_not_null())
                .group_by("article_id", "actor_id")
                .agg(pl.col("before").drop_nulls().unique(), pl.col("after").drop_nulls().unique()))
        for aid, xid, befores, afters in near.iter_rows():
            clue = out[(aid, xid)]
            for word in befores:
                _add_title(clue, word, lex)
            for after in afters:
                head = role_head(after, lex)
                if head:
                    clue.roles.add(head)
    return out


@functools.lru_cache(maxsize=65536)
def _first_name_gender(first: str) -> Optional[str]:
    """"male" / "female" for a first name of the actor resolver's lexicon, else None."""
    from .actors.gender import first_name_gender

    return {"m": "male", "f": "female"}.get(first_name_gender(first[:1].upper() + first[1:]) or "")


@dataclass
class _Person:
    """What the whole corpus says about one full-name person (a group root)."""

    gender: set = field(default_factory=set)
    heads: set = field(default_factory=set)
    articles: set = field(default_factory=set)


def _fits(gender: set, heads: set, p: _Person) -> bool:
    """No clue of the article contradicts the person: no gender of the other kind, and no
    title or role that is not one of the person's when both have some."""
    if gender and p.gender and not gender & p.gender:
        return False
    return not (heads and p.heads and not heads & p.heads)


def _surname_ids(entries: dict) -> set:
    """The actor ids rule 5 reads clues for: surnames alone, and the full-name people
    whose surname one of them is."""
    alone = {e.words[0] for e in entries.values() if len(e.words) == 1}
    return {e.actor_id for e in entries.values() if e.words and e.words[-1] in alone
            and (len(e.words) == 1 or e.kind == "person")}


def _surnames(entries: dict, groups: _Groups, canon: dict, fixed: set, clues: dict,
              ambiguous: list, unsupported: list) -> dict:
    """(article_id, actor_id) -> root, for surnames alone (rule 5 of the module docstring)."""
    sizes = Counter(groups.find(e.actor_id) for e in entries.values())
    people = defaultdict(set)  # surname -> roots of full-name people
    in_article = defaultdict(set)  # (article, surname) -> roots
    in_article_gen = defaultdict(set)  # (article, surname) -> roots named with a suffix ("Jr.")
    info: dict = defaultdict(_Person)
    for e in entries.values():
        if e.kind == "person" and len(e.words) >= 2:
            r = groups.find(e.actor_id)
            people[e.words[-1]].add(r)
            p = info[r]
            p.gender |= {e.gender} if e.gender else set()
            g = _first_name_gender(e.words[0]) if len(e.words[0]) > 1 else None
            p.gender |= {g} if g else set()
            for a in e.articles:
                in_article[(a, e.words[-1])].add(r)
                if " " in e.words[-1]:
                    in_article_gen[(a, e.words[-1].split()[0])].add(r)
                p.articles.add(a)
                c = clues.get((a, e.actor_id), _NO_CLUES)
                p.gender |= c.genders()
                p.heads |= c.heads()
    for p in info.values():
        if len(p.gender) > 1:  # contradictory clues: unknown
            p.gender = set()
    out = {}
    for e in entries.values():
        if (len(e.words) != 1 or e.kind not in ("person", "organization") or is_acronym(e.name)
                or e.actor_id in fixed or sizes[groups.find(e.actor_id)] > 1 or not e.name[:1].isupper()):
            continue
        sur = e.words[0]
        left: dict = defaultdict(list)
        alone: dict = defaultdict(list)
        for a in e.articles:
            c = clues.get((a, e.actor_id), _NO_CLUES)
            gender = c.genders() | ({e.gender} if e.gender else set())
            local = {r for r in in_article.get((a, sur), ()) if _fits(gender, set(), info[r])}
            if not in_article.get((a, sur)):  # "King" beside only "Martin Luther King Jr."
                local = {r for r in in_article_gen.get((a, sur), ()) if _fits(gender, set(), info[r])}
            if len(local) == 1:  # the article names the person in full
                out[(a, e.actor_id)] = next(iter(local))
                continue
            if local:
                left[frozenset(local)].append(a)
                continue
            if not (e.kind == "person" or gender):  # "Mrs." or "she" shows a person
                continue
            cands = {r for r in people.get(sur, ()) if _fits(gender, c.heads(), info[r])}
            if len(cands) > 1:
                left[frozenset(cands)].append(a)
                continue
            if not cands:
                continue
            r = next(iter(cands))
            if _supported(c, info[r]):
                out[(a, e.actor_id)] = r
            else:
                alone[r].append(a)
        named = sorted((tuple(sorted(canon[r][1] for r in c)), tuple(arts)) for c, arts in left.items())
        ambiguous.extend(Ambiguity(e.name, c, arts) for c, arts in named)
        unsupported.extend(Ambiguity(e.name, (canon[r][1],), tuple(arts)) for r, arts in sorted(alone.items()))
    return out


def _supported(c: _Clues, p: _Person) -> bool:
    """Whether an article that names a person only by surname supports that person: a
    title or role of the person's ("Sen. Marsh" for "Senator Ada Marsh"), or a courtesy
    title of the person's known gender ("Mrs. Clinton" for a Hillary Clinton called "she"
    elsewhere). A pronoun's gender only rules candidates out (half of all people share
    it), and a co-actor named in both articles is no support (one president is named in
    half of a White House corpus)."""
    return bool(c.heads() & p.heads) or bool(c.title_gender and p.gender and c.title_gender <= p.gender)


@contextlib.contextmanager
def _gc_paused():
    """Pause Python's cyclic garbage collector (the work in between makes no cycles)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def resolve_identity(actors, mentions=None, *, rules=None, texts: Optional[Mapping] = None,
                     lexicon: Union[str, Path] = IDENTITY_PATH) -> Identity:
    """Decide which actors of a corpus are the same real actor.

    Args:
        actors: the corpus ``actors`` table (pandas or polars).
        mentions: the ``mentions`` table, to read titles and pronouns ("Mrs. Clinton",
            "she"); optional. The ``role`` column of ``actors``, when present, is read too.
        rules: user corrections: a YAML path, a mapping or :class:`IdentityRules`
            (see :func:`read_identity_rules`).
        texts: ``{article_id: text}``, to read a title right before a mention ("Mrs.
            [Clinton]", "Sen. [Marsh]") and an apposition right after it ("[Marsh], the
            clinic's accountant,"); optional.
        lexicon: the word lists (default ``toolkit/data/names.yaml``).

    Returns:
        An :class:`Identity`; pass it to :func:`apply_identity`.

    Example:
        >>> import pandas as pd
        >>> actors = pd.DataFrame({"article_id": ["a", "b"], "actor_id": ["un", "united-nations"],
        ...                        "name": ["U.N.", "United Nations"], "kind": ["organization"] * 2,
        ...                        "n_mentions": [1, 4]})
        >>> resolve_identity(actors).changes
        {('a', 'un'): ('united-nations', 'United Nations')}
    """
    lex = load_lexicon(lexicon)
    rules = read_identity_rules(rules)
    actors = _polars(actors, "actors")
    entries = _entries(actors, lex)
    mentions = None if mentions is None else _polars(mentions, "mentions")
    fixed = {x for x, e in entries.items() if x in rules.split or norm(e.name) in rules.split}
    groups, ambiguous = _Groups(), []
    _merge_people(entries, groups, fixed, ambiguous)
    _merge_organisations(entries, groups, fixed, ambiguous, lex)
    forced = _user_merges(entries, groups, rules)
    canon = _canonical(entries, groups, forced)
    unsupported: list = []
    with _gc_paused():  # many small sets: the collector's passes over a large heap cost more than the work
        clues = _clues(actors, mentions, lex, texts, _surname_ids(entries))
        local = _surnames(entries, groups, canon, fixed, clues, ambiguous, unsupported)
    changes = _changes(actors, {x: canon[groups.find(x)] for x in entries}, {k: canon[r] for k, r in local.items()})
    seen, report = set(), []
    for amb in sorted(ambiguous, key=lambda a: (a.name, a.candidates, a.articles)):
        if (amb.name, amb.candidates) not in seen:
            seen.add((amb.name, amb.candidates))
            report.append(amb)
    return Identity(dict(sorted(changes.items())), tuple(report),
                    tuple(sorted(set(unsupported), key=lambda a: (a.name, a.candidates, a.articles))))


def _changes(actors: pl.DataFrame, by_id: dict, local: dict) -> dict:
    """(article_id, actor_id) -> (actor_id, name) for the rows whose id or name changes."""
    if not by_id:
        return {}
    m = pl.DataFrame({"actor_id": list(by_id), "__id": [v[0] for v in by_id.values()],
                      "__name": [v[1] for v in by_id.values()]},
                     schema={"actor_id": pl.String, "__id": pl.String, "__name": pl.String})
    rows = actors.select("article_id", "actor_id", "name").filter(pl.col("actor_id").is_not_null())
    rows = rows.join(m, on="actor_id", how="left")
    if local:
        key = pl.concat_str([pl.col("article_id"), pl.lit(_SEP), pl.col("actor_id")])
        lid = key.replace_strict({f"{a}{_SEP}{x}": v[0] for (a, x), v in local.items()}, default=None,
                                 return_dtype=pl.String)
        lname = key.replace_strict({f"{a}{_SEP}{x}": v[1] for (a, x), v in local.items()}, default=None,
                                   return_dtype=pl.String)
        rows = rows.with_columns(pl.coalesce(lid, pl.col("__id")).alias("__id"),
                                 pl.when(lid.is_not_null()).then(lname).otherwise(pl.col("__name")).alias("__name"))
    rows = rows.filter((pl.col("__id") != pl.col("actor_id")) | (pl.col("__name") != pl.col("name").fill_null("")))
    return {(a, x): (i, n) for a, x, i, n in rows.select("article_id", "actor_id", "__id", "__name").iter_rows()}


# --------------------------------------------------------------------------- applying


def _relabel(df: pl.DataFrame, id_col: str, name_col: Optional[str], identity: Identity) -> pl.DataFrame:
    if id_col not in df.columns or not df.height:
        return df
    key = pl.concat_str([pl.col("article_id"), pl.lit(_SEP), pl.col(id_col)])
    ids = {f"{a}{_SEP}{x}": v[0] for (a, x), v in identity.changes.items()}
    new_id = key.replace_strict(ids, default=None, return_dtype=pl.String)
    cols = [pl.coalesce(new_id, pl.col(id_col)).alias(id_col)]
    if name_col and name_col in df.columns:
        names = {f"{a}{_SEP}{x}": v[1] for (a, x), v in identity.changes.items()}
        new_name = key.replace_strict(names, default=None, return_dtype=pl.String)
        cols.append(pl.when(new_id.is_not_null()).then(new_name).otherwise(pl.col(name_col)).alias(name_col))
    return df.with_columns(cols)


def collapse_actors(actors: pl.DataFrame, *, by: str = "article_id") -> pl.DataFrame:
    """One row per (article, actor_id): merged rows keep the first non-empty role,
    affiliation and country and add up their mentions; rows sorted by ``actor_id`` within
    each article, articles in their order (``by`` names the article column or a position)."""
    if not actors.height:
        return actors
    rows = actors.with_columns(pl.int_range(pl.len()).alias("__first"))
    rows = rows.with_columns(pl.col("__first").min().over(by))
    firsts = [pl.col(c).drop_nulls().first() for c in actors.columns if c not in (by, "actor_id", "n_mentions")]
    agg = rows.group_by([by, "actor_id"], maintain_order=True).agg(
        pl.col("__first").first(), *firsts, pl.col("n_mentions").sum())
    return agg.sort(["__first", "actor_id"]).drop("__first").select(actors.columns).cast(actors.schema)


def apply_identity(tables: Mapping[str, Any], identity: Identity) -> dict:
    """The tables with ids and names rewritten by ``identity`` (frame-in, frame-out).

    Args:
        tables: ``{table name: frame}`` (pandas or polars); tables without identity
            columns are returned as they are.
        identity: from :func:`resolve_identity`.

    Returns:
        A new dict of frames of the same backends; ``actors`` has one row per article and
        actor (merged rows add up their mentions).
    """
    out = dict(tables)
    if not identity.changed:
        return out
    for name, frame in tables.items():
        if name not in ID_COLUMNS or frame is None:
            continue
        if isinstance(frame, pl.DataFrame):
            df = _relabel(frame, *ID_COLUMNS[name], identity)
            out[name] = collapse_actors(df) if name == "actors" else df
            continue
        df = _relabel_pandas(frame, *ID_COLUMNS[name], identity)
        if name == "actors":
            full = all(c in df.columns for c in frames.SCHEMAS["actors"])
            merged = collapse_actors(_polars(df, "actors"))
            df = frames.polars_to_pandas("actors", merged) if full else merged.to_pandas()
        out[name] = df
    return out


def _relabel_pandas(df, id_col: str, name_col: Optional[str], identity: Identity):
    """:func:`_relabel` for a pandas frame (any columns kept, dtypes kept)."""
    if id_col not in df.columns or not len(df):
        return df
    new = [identity.changes.get((a, x)) for a, x in zip(df["article_id"], df[id_col])]
    out = df.copy()
    out[id_col] = _pd_array([n[0] if n else x for n, x in zip(new, df[id_col])], df[id_col].dtype)
    if name_col and name_col in df.columns:
        out[name_col] = _pd_array([n[1] if n else x for n, x in zip(new, df[name_col])], df[name_col].dtype)
    return out


def _pd_array(values: list, dtype):
    import pandas as pd

    return pd.array(values, dtype=dtype)


def apply_to_corpus(tables: dict, counts: dict, *, rules=None, texts: Optional[list] = None
                    ) -> tuple[dict, dict, Identity]:
    """Resolve and apply identity on a corpus's polars tables with per-article row counts
    and texts (what :class:`toolkit.Corpus` holds); returns new tables, new counts and the
    identity."""
    if "actors" not in tables:
        return tables, counts, Identity()
    by_id = None
    if texts and "articles" in tables and len(texts) == tables["articles"].height:
        by_id = dict(zip(tables["articles"].get_column("article_id").to_list(), texts))
    identity = resolve_identity(tables["actors"], tables.get("mentions"), rules=rules, texts=by_id)
    if not identity.changed:
        return tables, counts, identity
    tables = dict(tables)
    for name in ID_COLUMNS:
        if name in tables and name != "actors":
            tables[name] = _relabel(tables[name], *ID_COLUMNS[name], identity)
    actors = tables["actors"]
    pos = pl.Series("__pos", [i for i, n in enumerate(counts["actors"]) for _ in range(n)], dtype=pl.Int64)
    actors = collapse_actors(_relabel(actors, "actor_id", "name", identity).with_columns(pos), by="__pos")
    per = Counter(actors.get_column("__pos").to_list())
    tables["actors"] = actors.drop("__pos")
    counts = {**counts, "actors": [per.get(i, 0) for i in range(len(counts["actors"]))]}
    return tables, counts, identity


# --------------------------------------------------------------------------- the index


def actor_index(actors, mentions=None, statements=None, *, backend: str = "pandas"):
    """The ``actor_index`` table: one row per actor of the corpus.

    Columns: ``actor_id``, ``name`` (most frequent), ``aliases`` (the other names its
    mentions use, most frequent first, ``"; "``-separated), ``kind``, ``n_articles``,
    ``n_mentions`` and ``n_statements`` (statements whose ``speaker_id`` it is). Rows by
    number of articles, then mentions, then id.

    Example:
        >>> import pandas as pd
        >>> actors = pd.DataFrame({"article_id": ["a", "b"], "actor_id": ["un", "un"], "name": ["UN", "UN"],
        ...                        "kind": ["organization"] * 2, "n_mentions": [1, 2]})
        >>> actor_index(actors)[["actor_id", "n_articles", "n_mentions"]].values.tolist()
        [['un', 2, 3]]
    """
    actors = _polars(actors, "actors")
    entries = _entries(actors, load_lexicon())
    aliases: dict = defaultdict(Counter)
    if mentions is not None:
        m = _polars(mentions, "mentions").filter(pl.col("actor_id").is_not_null())
        if "how" in m.columns:
            m = m.filter(~pl.col("how").is_in(["pronoun", "role"]) | pl.col("how").is_null())
        m = m.select("actor_id", pl.col("text").str.replace_all(r"\s+", " ").str.strip_chars())
        for xid, text, n in m.group_by("actor_id", "text").len().iter_rows():
            if xid in entries and text and text[:1].isupper():
                aliases[xid][text] += n
    n_stmt: Counter = Counter()
    if statements is not None:
        n_stmt.update(x for x in _polars(statements, "statements").get_column("speaker_id").to_list() if x)
    rows = []
    for xid, e in entries.items():
        al = sorted((t for t in aliases[xid] if norm(t) != norm(e.name)), key=lambda t: (-aliases[xid][t], t))
        rows.append({"actor_id": xid, "name": e.name, "aliases": "; ".join(al) or None, "kind": e.kind or None,
                     "n_articles": len(e.articles), "n_mentions": e.n_mentions, "n_statements": n_stmt[xid]})
    rows.sort(key=lambda r: (-r["n_articles"], -r["n_mentions"], r["actor_id"]))
    return frames.build("actor_index", rows, backend=backend)

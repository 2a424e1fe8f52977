"""Statement extraction on PolNeAR: source, cue and content spans against gold attributions.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates attributions in 2016 US-election
news as brat standoff: a Source span (may be absent), a Cue span and a Content span per
attribution. This script reads the train split from ``../shared/bench/polnear/`` (never
copied into the project; the script exits with a message when it is absent), parses each
article once with ``nlp.pipe``, runs ``extract_dates``, ``extract_actors`` and
``extract_statements`` over the parse, and scores our statements against the gold.

Gold. One annotator file per article: the first annotator listed in ``metadata.tsv``.
Every ``E`` line is one attribution; ``Content2`` pieces are added to its content.
Span text is recomputed from the offsets (some ``.ann`` text fields hold line breaks).

Our spans. Source = ``speaker_start:speaker_end`` (the speaker noun phrase as written,
with appositions and relative clauses, as PolNeAR marks it); cue = ``cue_start:cue_end``;
content = ``content_start:content_end``. Statements without a speaker span (readout-style
passives) contribute no source span, like PolNeAR's ``Attribution-no-source``.

Span conventions. The two annotations differ in a few conventions, which are converted
here, on both sides alike, before comparing (our output is not changed to fit PolNeAR):

* edges: leading/trailing white space, quotation marks (straight, curly, single,
  guillemets) and punctuation ``, . ; : ! ? — – -`` are stripped (PolNeAR keeps the
  quotation marks and the final period of a quote, we do not);
* content: a leading complementizer "that", "whether" or "if" is stripped (PolNeAR keeps
  "said *that* ...", "asked *whether* ...", we drop it). Scoring fix: only "that" used to
  be stripped, though our contents drop all three complementizers alike; on the first half
  of the articles "whether"/"if" were the most frequent gold words before the start of an
  otherwise matching content of ours;
* cue: PolNeAR's cue is the verb group ("has said", "didn't ask", "pointed out"), ours
  the reporting word (with the particle of a two-word cue); our cue span is widened to
  the auxiliaries, negation and adverbs right before the verb and a particle after it
  (``polnear_cue``). Scoring fix: this widening used to leave out an adverb before the
  first auxiliary or before an auxiliary-less verb ("*also* said", "*later* told"), but
  PolNeAR's cue includes such an adverb: on the first half of the articles, 734 of the
  807 adverbs (91%) attached right before a gold cue verb are inside the gold cue, the
  exceptions being mostly wh-adverbs ("when he said"), which stay out;
* discontinuous spans (“A,” he said. “B.”) are compared by their hull (first start to
  last end): our split quotations are one span from A to B.

Scores (per role: source, cue, content), micro-averaged over the articles:

* exact match: P/R/F1 over spans, a predicted span counting as correct when, after the
  normalisation above, its offsets equal those of a gold span of the same role in the same
  article (one-to-one; a source shared by several attributions counts once, as in the
  BIO-tagging evaluation of the CofeNet paper's Table 6);
* token overlap: token-wise P/R/F1, tokens being the word tokens (``\\w+``) covered by
  the spans of that role (precision: share of our tokens inside a gold span of the role;
  recall: share of gold tokens inside one of ours). Our content tokens exclude our own
  source and cue tokens (a split quotation's hull covers its attribution).

Alignment (attribution level, for the speech-only figures and the attribution count): a
predicted statement is paired with the gold attribution whose cue overlaps our cue; failing
that, with the gold attribution whose content has the best token-overlap F1 with ours, if
at least 0.5; pairs are taken greedily, best first, one to one.

Tables scored. ``extract_statements`` returns every attribution with its ``kind`` (speech,
belief, intention, perception): all of them are the ``attributions`` table, scored against
all gold attributions ("All attributions"); the speech rows are the ``statements`` table.

Speech only. PolNeAR marks speech acts, beliefs ("he thinks that") and intentions ("she
wants to") alike, with no label. A gold attribution is a belief/intention when a word of
its cue has a lemma in ``BELIEF_CUES`` (think, believe, want, hope, expect, seem, ...); all
the others count as speech (including "according to", documents and polls). The
speech-only scores keep the speech gold attributions and our ``statements`` table (rows of
kind ``speech``), less those of its rows aligned to a belief/intention gold attribution
(the two annotations then disagree on the kind, not on the attribution). Before the
attributions/statements split (issue 15) our side was every statement aligned to a speech
gold attribution or, unaligned, with a cue lemma outside ``BELIEF_CUES``.
``--speech-only`` prints only these scores.

Speed: statement extraction time / ``nlp.pipe`` parse time on the same texts, in this run
(dates and actors, needed for the resolver, are timed separately and not included).

Usage::

    .venv/bin/python benchmarks/bench_polnear.py            # all 840 articles
    .venv/bin/python benchmarks/bench_polnear.py --quick    # 50 articles
    .venv/bin/python benchmarks/bench_polnear.py --n 200 --errors 30
    .venv/bin/python benchmarks/bench_polnear.py --split dev --half first --cache /tmp/polnear --errors 30
    .venv/bin/python benchmarks/bench_polnear.py --split heldout --cache /tmp/polnear   # confirmation only
    .venv/bin/python benchmarks/bench_polnear.py --agreement   # human agreement, and ours

``--split dev|heldout`` (default ``all``: the 840 articles) keeps the development articles
or the fixed held-out subset of 140 defined in ``polnear_split.py`` (20 per publisher, none
with speaker references or several annotators). Every figure on ``all`` or ``dev`` is
in-sample (rules were tuned on these articles); ``heldout`` is held out from issue 13 on
(see ``polnear_split.py`` for what was read before), and ``--errors`` is refused on it.

``--half first|second`` keeps the first or the second half of the articles in the order
they are read (``metadata.tsv`` order over all 840, the first half has 420 articles; with
``--split dev``, the dev articles of that half): rules were developed on the first half and
the second half was read in one round. ``--n``/``--quick`` then draw a fixed sample of what
is left. ``--actor-timeout 0`` skips the
actor resolver, which changes no span (only the resolved speaker names).

Only aggregate figures are printed, except with ``--errors`` (a sample of error spans for
tuning, printed to the terminal only; never store them in the project).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import signal
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from toolkit.actors import extract_actors
from toolkit.dates import extract_dates
from toolkit.models import load_pipeline, pipeline_id
from toolkit.paths import SHARED_DIR
from toolkit.statements import extract_statements

if str(Path(__file__).resolve().parent) not in sys.path:  # also when imported by path (tests)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
import polnear_split  # noqa: E402  (benchmarks/polnear_split.py)

POLNEAR = SHARED_DIR / "bench" / "polnear"
ROLES = ("source", "cue", "content")

#: Cue lemmas that make an attribution a belief or an intention rather than speech.
BELIEF_CUES = frozenset("""
think believe feel fear doubt hope expect want wish know see view consider like love hate
worry plan intend seek try need seem appear understand realize realise remember assume
suspect guess prefer aim desire imagine suppose reckon figure trust regard deem find_it
mean care dream envision envisage favor favour oppose support dislike enjoy prepare
""".split())

_EDGE = set(" \t\n\"'“”‘’«»„,.;:!?—–-")
_WORD = re.compile(r"\w+")
#: Complementizers stripped from the start of a content on both sides (see the docstring).
_COMPLEMENTIZERS = frozenset({"that", "whether", "if"})


# --------------------------------------------------------------------------- gold


@dataclass
class Gold:
    """One gold attribution: each role a list of (start, end) pieces (empty when absent)."""

    source: list
    cue: list
    content: list
    belief: bool = False


@dataclass
class Article:
    name: str
    text: str
    published: Optional[dt.date]
    gold: list = field(default_factory=list)


def _parse_ann(path: Path, text: str) -> list[Gold]:
    spans: dict[str, tuple[str, list]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        parts = line.split("\t")
        if not parts or not parts[0]:
            continue
        tag = parts[0]
        if tag.startswith("T") and len(parts) >= 2:
            head = parts[1].split(" ", 1)
            if len(head) != 2:
                continue
            label, offs = head
            pieces = []
            try:
                for piece in offs.split(";"):
                    a, b = piece.split()
                    pieces.append((int(a), int(b)))
            except ValueError:
                continue
            spans[tag] = (label, pieces)
        elif tag.startswith("E") and len(parts) >= 2:
            events.append(parts[1].split())
    out = []
    for args in events:
        roles: dict[str, list] = defaultdict(list)
        for arg in args[1:]:
            if ":" not in arg:
                continue
            role, tid = arg.split(":", 1)
            if tid in spans:
                role = "content" if role.lower().startswith("content") else role.lower()
                roles[role].extend(spans[tid][1])
        if not roles.get("cue") and not roles.get("content"):
            continue
        out.append(Gold(source=sorted(roles.get("source", [])), cue=sorted(roles.get("cue", [])),
                        content=sorted(roles.get("content", []))))
    return out


def load_articles(n: Optional[int] = None) -> list[Article]:
    """The PolNeAR train articles with their gold attributions (first annotator)."""
    meta = POLNEAR / "metadata.tsv"
    if not meta.is_file():
        sys.exit(f"PolNeAR not found at {POLNEAR} (set TOOLKIT_SHARED_DIR); nothing to do")
    with open(meta, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    out = []
    for row in rows:
        name = row["filename"]
        ann = POLNEAR / "attributions" / f"{name}_{row['annotators'].split('|')[0]}.ann"
        txt = POLNEAR / "text" / f"{name}.txt"
        if not ann.is_file() or not txt.is_file():
            continue
        text = txt.read_text(encoding="utf-8")
        try:
            pub = dt.date.fromisoformat(row["publication_date"])
        except ValueError:
            pub = None
        out.append(Article(name, text, pub, _parse_ann(ann, text)))
    if n is not None:
        # a spread-out, deterministic sample over the publishers
        random.Random(13).shuffle(out)
        out = out[:n]
    return out


# --------------------------------------------------------------------------- spans


def norm_span(text: str, pieces: list, *, role: str) -> Optional[tuple[int, int]]:
    """The hull of ``pieces`` with the convention differences stripped (see the docstring)."""
    if not pieces:
        return None
    a, b = min(p[0] for p in pieces), min(len(text), max(p[1] for p in pieces))
    for _ in range(4):
        while a < b and text[a] in _EDGE:
            a += 1
        while b > a and text[b - 1] in _EDGE:
            b -= 1
        word = text[a:a + 8].lower().split(" ", 1)[0]
        if role == "content" and word in _COMPLEMENTIZERS and text[a + len(word):a + len(word) + 1] == " " \
                and b - a > len(word) + 1:
            a += len(word) + 1
            continue
        break
    if b <= a:  # a span of punctuation only (the headline cue ":") is kept as it is
        a, b = min(p[0] for p in pieces), min(len(text), max(p[1] for p in pieces))
        a, b = a + len(text[a:b]) - len(text[a:b].lstrip()), b - len(text[a:b]) + len(text[a:b].rstrip())
    return (a, b) if b > a else None


def word_tokens(text: str, pieces: list, *, drop_that: bool = False) -> set:
    toks = set()
    for a, b in pieces:
        for m in _WORD.finditer(text, a, b):
            toks.add(m.start())
    if drop_that and pieces:
        first = _WORD.search(text, min(p[0] for p in pieces))
        if first and first.group().lower() in _COMPLEMENTIZERS and first.start() in toks:
            toks.discard(first.start())
    return toks


def _lemmas_in(doc, pieces: list) -> set:
    out = set()
    for a, b in pieces:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            out.update(t.lemma_.lower() for t in span)
    return out


@dataclass
class Pred:
    source: list
    cue: list
    content: list
    content_tokens: set
    cue_lemma: str
    kind: str = "speech"  # the attribution's kind (speech rows make the statements table)


def polnear_cue(doc, start: int, end: int) -> tuple[int, int]:
    """Our cue span in PolNeAR's convention: the verb group, i.e. the cue verb with the
    auxiliaries, negation and adverbs right before it ("has also said", "also said",
    "later told"; not a wh-adverb: "when he said"), and its particle ("pointed out")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return start, end
    t = span[0]
    if t.pos_ not in {"VERB", "AUX"}:
        return start, end
    kids = {c.i: c.dep_ for c in t.children}
    k = t.i - 1
    while k >= 0 and kids.get(k) in {"aux", "auxpass", "neg", "advmod"} \
            and not (kids[k] == "advmod" and doc[k].tag_ in {"WRB", "WDT", "WP"}):
        k -= 1
    k += 1
    a = doc[k].idx if k < t.i else start
    last = span[-1]
    b = end
    if last.i + 1 < len(doc) and doc[last.i + 1].dep_ == "prt" and doc[last.i + 1].head.i == t.i:
        b = doc[last.i + 1].idx + len(doc[last.i + 1])
    return a, b


def predictions(text: str, stmts, doc=None) -> list[Pred]:
    out = []
    for s in stmts:
        src = [(s.speaker_start, s.speaker_end)] if s.speaker_start is not None and s.speaker_end else []
        cue = [(s.cue_start, s.cue_end)] if s.cue_start is not None and s.cue_end else []
        if cue and doc is not None:
            cue = [polnear_cue(doc, *cue[0])]
        con = [(s.content_start, s.content_end)]
        toks = word_tokens(text, con, drop_that=True) - word_tokens(text, src) - word_tokens(text, cue)
        out.append(Pred(src, cue, con, toks, (s.cue or "").lower(), getattr(s, "kind", "speech")))
    return out


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _tok_f1(a: set, b: set) -> float:
    inter = len(a & b)
    return _f1(inter / len(a), inter / len(b)) if a and b and inter else 0.0


def align(text: str, gold: list[Gold], preds: list[Pred]) -> dict[int, int]:
    """Pred index -> gold index (see the docstring's alignment rule)."""
    cands = []
    gtoks = [word_tokens(text, g.content, drop_that=True) for g in gold]
    for i, p in enumerate(preds):
        for j, g in enumerate(gold):
            cue_hit = any(min(b1, b2) > max(a1, a2) for a1, b1 in p.cue for a2, b2 in g.cue)
            f = _tok_f1(p.content_tokens, gtoks[j])
            if cue_hit:
                cands.append((2.0 + f, i, j))
            elif f >= 0.5:
                cands.append((f, i, j))
    out: dict[int, int] = {}
    used = set()
    for _score, i, j in sorted(cands, reverse=True):
        if i in out or j in used:
            continue
        out[i] = j
        used.add(j)
    return out


# --------------------------------------------------------------------------- scoring


class Tally:
    def __init__(self) -> None:
        self.exact = {r: Counter() for r in ROLES}  # tp, npred, ngold
        self.tok = {r: Counter() for r in ROLES}  # inter_p, npred, inter_g, ngold
        self.attr = Counter()
        self.errors: dict[str, list] = defaultdict(list)

    def add(self, art: Article, doc, gold: list[Gold], preds: list[Pred], pairs: dict[int, int],
            *, keep_errors: bool = False) -> None:
        text = art.text
        self.attr.update(pred=len(preds), gold=len(gold), aligned=len(pairs))
        for role in ROLES:
            gset = {norm_span(text, getattr(g, role), role=role) for g in gold} - {None}
            pset = {norm_span(text, getattr(p, role), role=role) for p in preds} - {None}
            self.exact[role].update(tp=len(gset & pset), npred=len(pset), ngold=len(gset))
            gt: set = set()
            for g in gold:
                gt |= word_tokens(text, getattr(g, role), drop_that=role == "content")
            pt: set = set()
            for p in preds:
                pt |= p.content_tokens if role == "content" else word_tokens(text, getattr(p, role))
            self.tok[role].update(inter=len(pt & gt), npred=len(pt), ngold=len(gt))
            if keep_errors:
                for i, j in pairs.items():
                    ps = norm_span(text, getattr(preds[i], role), role=role)
                    gs = norm_span(text, getattr(gold[j], role), role=role)
                    if ps != gs and ps and gs:
                        self.errors[role].append((text[gs[0]:gs[1]], text[ps[0]:ps[1]]))
        if keep_errors:
            for j, g in enumerate(gold):
                if j not in pairs.values():
                    self.errors["missed"].append(" | ".join(
                        text[a:b] for a, b in g.source + g.cue) + " || " + " ".join(
                        text[a:b] for a, b in g.content)[:160])
            for i, p in enumerate(preds):
                if i not in pairs:
                    self.errors["spurious"].append(" | ".join(
                        text[a:b] for a, b in p.source + p.cue) + " || " + " ".join(
                        text[a:b] for a, b in p.content)[:160])

    def rows(self) -> dict[str, tuple]:
        out = {}
        for role in ROLES:
            e, t = self.exact[role], self.tok[role]
            ep = e["tp"] / e["npred"] if e["npred"] else 0.0
            er = e["tp"] / e["ngold"] if e["ngold"] else 0.0
            tp = t["inter"] / t["npred"] if t["npred"] else 0.0
            tr = t["inter"] / t["ngold"] if t["ngold"] else 0.0
            out[role] = (ep, er, _f1(ep, er), tp, tr, _f1(tp, tr))
        return out

    def report(self, title: str) -> None:
        a = self.attr
        ap = a["aligned"] / a["pred"] if a["pred"] else 0.0
        ar = a["aligned"] / a["gold"] if a["gold"] else 0.0
        print(f"\n{title}: {a['gold']} gold attributions, {a['pred']} predicted, "
              f"{a['aligned']} aligned (attribution P {ap:.3f} R {ar:.3f} F1 {_f1(ap, ar):.3f})")
        print(f"{'role':<8} {'exact P':>8} {'exact R':>8} {'exact F1':>9}   "
              f"{'tok P':>6} {'tok R':>6} {'tok F1':>7}")
        for role, (ep, er, ef, tp, tr, tf) in self.rows().items():
            print(f"{role:<8} {ep:8.3f} {er:8.3f} {ef:9.3f}   {tp:6.3f} {tr:6.3f} {tf:7.3f}")


class _Timeout(Exception):
    pass


def select_articles(*, split: str, half: Optional[str], n: Optional[int]) -> list[Article]:
    """The articles of ``split`` (all, dev, heldout), of ``half`` of the reading order, then a
    fixed sample of ``n`` (see the docstring). Stops when the held-out subset has moved."""
    arts = load_articles()
    if half:
        mid = (len(arts) + 1) // 2
        arts = arts[:mid] if half == "first" else arts[mid:]
    if split != "all":
        with open(POLNEAR / "metadata.tsv", encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
        names = polnear_split.split_names(
            rows, speakers=polnear_split.speaker_reference_names(SHARED_DIR / "gold" / "speakers"))
        if polnear_split.digest(names["heldout"]) != polnear_split.HELDOUT_SHA256:
            sys.exit("the held-out subset drawn from the data on disk differs from the one fixed in "
                     "benchmarks/polnear_split.py (HELDOUT_SHA256): check ../shared/bench/polnear "
                     "and ../shared/gold/speakers; do not redraw the subset to make it match")
        arts = [a for a in arts if a.name in names[split]]
    if n is not None:
        random.Random(13).shuffle(arts)  # a spread-out, deterministic sample over the publishers
        arts = arts[:n]
    return arts


def _actors_resolver(doc, published, timeout: int):
    """``extract_actors(doc).resolver``, or None when it fails or runs over ``timeout`` s."""
    def _raise(signum, frame):
        raise _Timeout()

    old = signal.signal(signal.SIGALRM, _raise)
    signal.alarm(max(1, timeout))
    try:
        return extract_actors(doc, published=published).resolver
    except Exception:  # a bug in the actors module must not stop the benchmark
        return None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def multi_annotated() -> list[tuple[Article, dict[str, list[Gold]]]]:
    """The articles annotated by several annotators (for agreement checks), each with the
    annotations of every annotator, first annotator first."""
    with open(POLNEAR / "metadata.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    out = []
    for row in rows:
        anns = row["annotators"].split("|")
        if len(anns) < 2:
            continue
        name = row["filename"]
        text = (POLNEAR / "text" / f"{name}.txt").read_text(encoding="utf-8")
        golds = {a: _parse_ann(POLNEAR / "attributions" / f"{name}_{a}.ann", text) for a in anns
                 if (POLNEAR / "attributions" / f"{name}_{a}.ann").is_file()}
        if len(golds) < 2:
            continue
        try:
            pub = dt.date.fromisoformat(row["publication_date"])
        except ValueError:
            pub = None
        out.append((Article(name, text, pub, golds[anns[0]]), golds))
    return out


def _as_preds(text: str, gold: list[Gold]) -> list[Pred]:
    """One annotator's attributions in the shape of our predictions (for agreement)."""
    return [Pred(g.source, g.cue, g.content,
                 word_tokens(text, g.content, drop_that=True) - word_tokens(text, g.source)
                 - word_tokens(text, g.cue), "") for g in gold]


def agreement(nlp) -> int:
    """Human agreement under this scorer, next to ours, on the multi-annotated articles.

    Every pair of annotators of an article is scored once (one as reference, the other as
    prediction; F1 is symmetric up to the one-to-one alignment), micro-averaged; our
    extractor is scored against every annotator of the same articles."""
    arts = multi_annotated()
    if not arts:
        sys.exit("no multi-annotated articles found")
    humans, ours = Tally(), Tally()
    n_pairs = 0
    docs = nlp.pipe([a.text for a, _ in arts])
    for (art, golds), doc in zip(arts, docs):
        text = art.text
        ds = extract_dates(doc, published=art.published)
        preds = predictions(text, extract_statements(doc, dates=ds, published=art.published), doc)
        names = list(golds)
        for i, a in enumerate(names):
            ref = Article(art.name, text, art.published, golds[a])
            ours.add(ref, doc, ref.gold, preds, align(text, ref.gold, preds))
            for b in names[i + 1:]:
                other = _as_preds(text, golds[b])
                humans.add(ref, doc, ref.gold, other, align(text, ref.gold, other))
                n_pairs += 1
    print(f"PolNeAR train, agreement: {len(arts)} articles annotated by several annotators, "
          f"{n_pairs} annotator pairs")
    humans.report("Annotator against annotator (every pair once)")
    ours.report("Ours against every annotator of the same articles")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=None, help="number of articles (default: all 840)")
    ap.add_argument("--quick", action="store_true", help="50 articles")
    ap.add_argument("--half", choices=("first", "second"), default=None,
                    help="only the first or the second half of the articles, in reading order "
                         "(develop on the first, confirm on the second)")
    ap.add_argument("--split", choices=("all", "dev", "heldout"), default="all",
                    help="all 840 train articles, the development articles, or the fixed "
                         "held-out subset of polnear_split.py (no --errors on it)")
    ap.add_argument("--speech-only", action="store_true",
                    help="print only the speech-only scores (our statements table against the "
                         "speech gold); by default the attributions table is scored too")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--cache", type=Path, default=None,
                    help="a DocBin file OUTSIDE the project to reuse parses between runs "
                         "(the speed ratio is only printed when the texts were parsed in this run)")
    ap.add_argument("--actor-timeout", type=int, default=20,
                    help="seconds allowed to extract_actors per article; beyond, the article's "
                         "statements are extracted without a resolver (counted in the output)")
    ap.add_argument("--model", default=None,
                    help="spaCy pipeline: an installed name (en_core_web_md) or a model folder "
                         "(default: the toolkit's default pipeline)")
    ap.add_argument("--agreement", action="store_true",
                    help="score the annotators against each other, and us against each of "
                         "them, on the articles annotated by several annotators")
    ap.add_argument("--errors", type=int, default=0,
                    help="print this many sample errors per kind (terminal only)")
    args = ap.parse_args()
    if args.agreement:
        if not (POLNEAR / "metadata.tsv").is_file():
            sys.exit(f"PolNeAR not found at {POLNEAR} (set TOOLKIT_SHARED_DIR); nothing to do")
        return agreement(load_pipeline(args.model))
    if args.split == "heldout" and args.errors:
        sys.exit("--errors is refused on --split heldout: its errors are never read, so that "
                 "it stays held out (use --split dev, with --half first to tune)")
    if args.split == "heldout" and args.half:
        sys.exit("--half is for the development articles: use --split dev --half first|second")
    arts = select_articles(split=args.split, half=args.half, n=50 if args.quick else args.n)
    nlp = load_pipeline(args.model)
    nlp("warm up")
    if args.model:
        print(f"pipeline: {pipeline_id(nlp)}")
    n_words = sum(len(a.text.split()) for a in arts)

    t_parse = None
    tag = (f".{args.split}" if args.split != "all" else "") + (f".{args.half}" if args.half else "")
    if args.model:  # one cache per pipeline
        tag += "." + re.sub(r"[^A-Za-z0-9_-]+", "_", pipeline_id(nlp))
    cache = args.cache.with_suffix(f"{tag}.{len(arts)}.spacy") if args.cache else None
    if cache is not None and cache.is_file():
        from spacy.tokens import DocBin
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] != [a.text for a in arts]:
            sys.exit(f"{cache} holds other texts; delete it")
    else:
        t0 = time.perf_counter()
        docs = list(nlp.pipe([a.text for a in arts], batch_size=args.batch_size))
        t_parse = time.perf_counter() - t0
        if cache is not None:
            from spacy.tokens import DocBin
            DocBin(store_user_data=True, docs=docs).to_disk(cache)

    t_stmt = t_other = 0.0
    no_actors = 0
    full, speech = Tally(), Tally()
    for art, doc in zip(arts, docs):
        t = time.perf_counter()
        ds = extract_dates(doc, published=art.published)
        resolver = None
        if args.actor_timeout > 0:
            resolver = _actors_resolver(doc, art.published, args.actor_timeout)
            no_actors += resolver is None
        t_other += time.perf_counter() - t
        t = time.perf_counter()
        stmts = extract_statements(doc, resolver=resolver, dates=ds, published=art.published)
        t_stmt += time.perf_counter() - t

        for g in art.gold:
            g.belief = bool(_lemmas_in(doc, g.cue) & BELIEF_CUES)
        preds = predictions(art.text, stmts, doc)
        pairs = align(art.text, art.gold, preds)
        full.add(art, doc, art.gold, preds, pairs, keep_errors=args.errors > 0)
        keep_g = [j for j, g in enumerate(art.gold) if not g.belief]
        keep_p = [i for i, p in enumerate(preds)  # the statements table: our speech rows
                  if p.kind == "speech" and not (i in pairs and art.gold[pairs[i]].belief)]
        gi = {j: k for k, j in enumerate(keep_g)}
        sp = {pi: gi[pairs[i]] for pi, i in enumerate(keep_p) if i in pairs and pairs[i] in gi}
        speech.add(art, doc, [art.gold[j] for j in keep_g], [preds[i] for i in keep_p], sp)

    label = {"all": "in-sample", "dev": "development, in-sample",
             "heldout": "held-out subset, held out since issue 13"}[args.split]
    print(f"PolNeAR train, split {args.split} ({label})"
          f"{' (' + args.half + ' half)' if args.half else ''}: "
          f"{len(arts)} articles, {n_words:,} words "
          f"(gold: first annotator per article)")
    if no_actors:
        print(f"note: extract_actors failed or timed out on {no_actors} article(s); their "
              f"statements were extracted without a resolver (source spans are unaffected)")
    if not args.speech_only:
        full.report("All attributions (the attributions table: speech, beliefs, intentions, "
                    "perceptions)")
    speech.report("Speech only (the statements table against gold whose cue is not a "
                  "belief/intention verb)")
    if t_parse:
        print(f"\nspeed: nlp.pipe {t_parse:.1f} s ({n_words / t_parse:,.0f} words/s); "
              f"statements {t_stmt:.2f} s; ratio statements / parse = {t_stmt / t_parse:.3f} "
              f"(dates + actors, not included: {t_other / t_parse:.3f})")
    else:
        print(f"\nspeed: parses read from {cache}; statements {t_stmt:.2f} s (no ratio)")
    if args.errors:
        rng = random.Random(7)
        for kind, errs in full.errors.items():
            print(f"\n--- {kind}: {len(errs)} (sample)")
            for e in rng.sample(errs, min(args.errors, len(errs))):
                print("  ", e if isinstance(e, str) else f"GOLD {e[0]!r}\n     OURS {e[1]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

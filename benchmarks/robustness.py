"""Robustness run: thousands of real, generated and mangled articles through ``parse_many``.

Writes, into a temporary folder (deleted afterwards; nothing is copied into the project):

* White House briefings from ``../shared/bench/whitehouse/briefings.jsonl.gz`` in every input
  format (front-matter text, Markdown, saved HTML pages, JSON, JSON Lines, CSV, RSS feeds);
* random corruption of many of them: truncation, byte flips, re-encoding (cp1252, latin-1,
  UTF-16, Mac Roman), injected control characters, a non-English paragraph at the start or in
  the middle, whole non-English texts, duplicated files, impossible dates, broken headers,
  binary junk, empty files, an oversized file;
* generated strange texts: only quotes, only numbers, very long sentences, emoji and mixed
  scripts, unbalanced quotation marks.

Then it parses the folder with :func:`toolkit.parse_many` and prints: inputs, parsed, errors
by stage and by kind of reason, duplicates, how each corruption ended, and crashes (uncaught
exceptions plus extractor failures caught as ``extract`` error rows): must be 0. It also
checks the identity inputs = parsed + errors + duplicates, with inputs counted by a separate
:func:`toolkit.ingest.iter_articles` pass.

Usage: ``.venv/bin/python benchmarks/robustness.py [--n 1500] [--generated 300] [--seed 1] [--workers 2]``
"""

from __future__ import annotations

import argparse
import email.utils
import datetime as dt
import gzip
import html
import json
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter, defaultdict
from pathlib import Path

import toolkit
from toolkit.ingest import MAX_CHARS, ArticleWarning, ReadError, iter_articles
from toolkit.models import load_pipeline
from toolkit.paths import SHARED_DIR

#: Error stages that mean an exception inside the parser (caught by parse_many): counted as crashes.
CRASH_STAGES = ("extract", "encode", "decode", "parse")
BRIEFINGS = SHARED_DIR / "bench" / "whitehouse" / "briefings.jsonl.gz"

# Short paragraphs written for this script (not taken from any corpus).
FOREIGN = {
    "fr": "Le gouvernement a annoncé jeudi que les négociations reprendraient la semaine prochaine à Genève. "
          "Selon le porte-parole, les deux délégations se sont mises d'accord sur un calendrier, mais plusieurs "
          "questions restent ouvertes et aucune date n'a encore été fixée pour la signature.",
    "es": "El gobierno anunció el jueves que las negociaciones se reanudarán la próxima semana en Ginebra. "
          "Según el portavoz, las dos delegaciones acordaron un calendario, pero varias cuestiones siguen "
          "abiertas y todavía no se ha fijado una fecha para la firma del acuerdo.",
    "de": "Die Regierung teilte am Donnerstag mit, dass die Verhandlungen in der kommenden Woche in Genf "
          "fortgesetzt werden. Nach Angaben des Sprechers haben sich die beiden Delegationen auf einen Zeitplan "
          "geeinigt, aber mehrere Fragen sind noch offen.",
    "ru": "Правительство объявило в четверг, что переговоры возобновятся на следующей неделе в Женеве. "
          "По словам представителя, обе делегации согласовали график, но ряд вопросов остаётся открытым.",
    "zh": "政府星期四宣布，谈判将于下周在日内瓦恢复。发言人说，双方代表团已就时间表达成一致，但仍有若干问题没有解决。",
}
QUOTES = ['"', "'", "“", "”", "‘", "’", "«", "»", "„"]
CONTROL = [chr(c) for c in range(32) if chr(c) not in "\n\t"] + ["\x7f", "\u200b", "\u202e", "\ufeff", "\u2028"]
EMOJI = ["🚀", "🔥", "👍🏽", "🇺🇦", "❤️", "😀", "👨‍👩‍👧"]
SCRIPTS = ["Кремль", "中文", "العربية", "עברית", "ελληνικά", "हिन्दी", "日本語", "한국어", "İstanbul", "Erdoğan"]


def load_briefings(n: int, max_words: int, rng: random.Random) -> list[dict]:
    if not BRIEFINGS.is_file():
        sys.exit(f"benchmark data not found: {BRIEFINGS} (set TOOLKIT_SHARED_DIR)")
    with gzip.open(BRIEFINGS, "rt", encoding="utf-8") as fh:
        recs = [json.loads(line) for line in fh]
    recs = [r for r in recs if len(r["text"].split()) <= max_words]
    return rng.sample(recs, min(n, len(recs)))


# --------------------------------------------------------------------------- writers


def front_matter(rec: dict, *, published: str | None = None) -> str:
    title = rec["title"].replace("\n", " ")
    return (f"---\ntitle: {title}\nurl: {rec['url']}\npublished: {published or rec['published']}\n"
            f"section: {rec['section']}\n---\n{rec['text']}")


def html_page(rec: dict) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in rec["text"].split("\n\n") if p.strip())
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(rec['title'])}</title>"
            f"<meta property='article:published_time' content='{rec['published']}T12:00:00-05:00'>"
            f"<link rel='canonical' href='{html.escape(rec['url'])}'></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/briefing-room/'>Briefing Room</a></nav><main><article>"
            f"<h1>{html.escape(rec['title'])}</h1>\n{paras}</article></main>"
            f"<footer>The White House, 1600 Pennsylvania Ave NW</footer></body></html>")


def rss_feed(recs: list[dict]) -> str:
    items = []
    for r in recs:
        d = dt.datetime.fromisoformat(r["published"]).replace(hour=12, tzinfo=dt.timezone.utc)
        body = "".join(f"<p>{html.escape(p)}</p>" for p in r["text"].split("\n\n") if p.strip())
        items.append(f"<item><title>{html.escape(r['title'])}</title><link>{html.escape(r['url'])}</link>"
                     f"<guid>{html.escape(r['id'])}</guid><pubDate>{email.utils.format_datetime(d)}</pubDate>"
                     f"<description>{html.escape(body)}</description></item>")
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Briefing room</title>"
            + "".join(items) + "</channel></rss>")


def csv_table(recs: list[dict]) -> str:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["id", "title", "published", "url", "text"])
    for r in recs:
        w.writerow([r["id"], r["title"], r["published"], r["url"], r["text"]])
    return buf.getvalue()


# --------------------------------------------------------------------------- corruption


def corrupt(data: bytes, kind: str, rng: random.Random) -> bytes:
    if kind == "truncate":
        return data[: rng.randrange(max(1, len(data)))]
    if kind == "byte_flips":
        b = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    if kind == "control_chars":
        text = data.decode("utf-8", "replace")
        for _ in range(rng.randint(1, 30)):
            pos = rng.randrange(len(text) + 1)
            text = text[:pos] + rng.choice(CONTROL) + text[pos:]
        return text.encode("utf-8")
    if kind.startswith("encoding_"):
        codec = kind.split("_", 1)[1].replace("_", "-")
        return data.decode("utf-8").encode(codec, "replace")
    if kind == "mixed_encoding":
        text = data.decode("utf-8")
        cut = rng.randrange(len(text) + 1)
        return text[:cut].encode("utf-8") + text[cut:].encode("cp1252", "replace")
    raise ValueError(kind)


def strange_text(rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(["only_quotes", "only_numbers", "long_sentence", "emoji_scripts", "unbalanced_quotes",
                       "control_soup"])
    if kind == "only_quotes":
        text = "".join(rng.choice(QUOTES + [" ", "\n"]) for _ in range(rng.randint(1, 1500)))
    elif kind == "only_numbers":
        text = " ".join(str(rng.randint(-10**9, 10**9)) if rng.random() < .8 else rng.choice(["2025-05-30", "1.5", "%"])
                        for _ in range(rng.randint(1, 800)))
    elif kind == "long_sentence":
        words = "the talks would resume next week in Istanbul said Peskov and officials on Friday".split()
        text = "The President said " + " ".join(rng.choice(words + [","]) for _ in range(rng.randint(300, 2500))) + "."
    elif kind == "emoji_scripts":
        words = "President Biden met Zelenskyy in Kyiv on Monday and said".split()
        text = " ".join(rng.choice(words + EMOJI + SCRIPTS) for _ in range(rng.randint(5, 500)))
    elif kind == "unbalanced_quotes":
        text = " ".join(rng.choice(["“We will not stop,", "he said.", "” She added:", "‘never", "\"Yes", "The",
                                    "President", "told reporters", "«Non»", "on Tuesday."])
                        for _ in range(rng.randint(5, 800)))
    else:
        text = "".join(rng.choice(CONTROL + list("abc .\n") + EMOJI) for _ in range(rng.randint(1, 2000)))
    return text, "generated_" + kind


def build(folder: Path, recs: list[dict], n_generated: int, rng: random.Random) -> tuple[dict, Counter]:
    """Write every input file; returns {path: corruption label} and planted-record counts."""
    labels: dict[str, str] = {}
    planted: Counter = Counter()
    written: list[Path] = []

    def put(name: str, data: bytes, label: str, n_records: int = 1) -> Path:
        p = folder / name
        p.write_bytes(data)
        labels[str(p)] = label
        planted[label] += n_records
        written.append(p)
        return p

    i = 0
    corruptions = ["truncate", "byte_flips", "control_chars", "encoding_cp1252", "encoding_latin_1",
                   "encoding_utf_16", "encoding_mac_roman", "mixed_encoding", "foreign_start", "foreign_middle",
                   "foreign_whole", "bad_date", "broken_header"]
    while i < len(recs):
        r = recs[i]
        fmt = rng.choices(["txt", "md", "html", "json", "jsonl", "csv", "rss"], [40, 10, 15, 8, 9, 9, 9])[0]
        if fmt in ("jsonl", "csv", "rss", "json") and rng.random() < 0.7:
            group = recs[i : i + rng.randint(2, 8)]
        else:
            group = [r]
        i += len(group)
        label = "clean"
        if rng.random() < 0.55:
            label = rng.choice(corruptions)
            if label in ("foreign_start", "foreign_middle", "foreign_whole"):
                lang = rng.choice(sorted(FOREIGN))
                for g in group:
                    paras = g["text"].split("\n\n")
                    if label == "foreign_start":
                        paras.insert(0, FOREIGN[lang])
                    elif label == "foreign_middle":
                        paras.insert(len(paras) // 2 + 1, FOREIGN[lang])
                    else:
                        paras = [FOREIGN[lang], FOREIGN[lang].upper(), FOREIGN[lang][::-1]]
                    g.update(text="\n\n".join(paras))
                label = f"{label}_{lang}"
        stem = f"{len(written):05d}"
        if fmt in ("txt", "md"):
            pub = rng.choice(["2025-02-30", "someday soon", "2024-13-01"]) if label == "bad_date" else None
            text = front_matter(group[0], published=pub)
            if label == "broken_header":
                text = text.replace("\n---\n", "\n", 1)
            data = text.encode("utf-8")
        elif fmt == "html":
            data = html_page(group[0]).encode("utf-8")
        elif fmt == "json":
            objs = [{"id": g["id"], "title": g["title"], "date": g["published"], "url": g["url"], "body": g["text"]}
                    for g in group]
            if label == "bad_date":
                objs[0]["date"] = "2023-02-29"
            data = json.dumps(objs if len(objs) > 1 else objs[0], ensure_ascii=rng.random() < 0.5).encode("utf-8")
        elif fmt == "jsonl":
            objs = [{"id": g["id"], "title": g["title"], "published": g["published"], "text": g["text"]} for g in group]
            if label == "bad_date":
                objs[-1]["published"] = "2025-04-31"
            data = "\n".join(json.dumps(o) for o in objs).encode("utf-8")
        elif fmt == "csv":
            data = csv_table(group).encode("utf-8")
        else:
            data = rss_feed(group).encode("utf-8")
        if label in ("truncate", "byte_flips", "control_chars", "mixed_encoding") or label.startswith("encoding_"):
            data = corrupt(data, label, rng)
        put(f"{stem}_{fmt}.{fmt}", data, f"{label}:{fmt}", len(group))
    n_briefing_files = len(written)
    for k in range(n_generated):
        text, label = strange_text(rng)
        put(f"g{k:05d}.txt", text.encode("utf-8"), label)
    # duplicated files, junk, empty, oversized
    for k, src in enumerate(rng.sample(written[:n_briefing_files], min(n_briefing_files, max(5, len(written) // 25)))):
        put(f"d{k:05d}_copy{src.suffix}", src.read_bytes(), "duplicate_file:" + src.suffix[1:])
    for k in range(max(3, n_generated // 40)):
        put(f"j{k:04d}.txt", bytes(rng.randrange(256) for _ in range(rng.randint(10, 5000))), "binary_random")
        put(f"p{k:04d}.txt", b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(500)), "binary_pdf")
        put(f"e{k:04d}.md", rng.choice([b"", b"   \n\n", b"---\ntitle: Only a header\n---\n"]), "empty")
        put(f"n{k:04d}.html", b"<html><body><nav><a href='/'>Home</a></nav><p>Subscribe!</p></body></html>",
            "html_no_body")
    put("huge.txt", ("The President said the talks would resume. " * (MAX_CHARS // 40 + 10)).encode(), "oversized")
    return labels, planted


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1500, help="briefings to use (default 1500)")
    ap.add_argument("--generated", type=int, default=300, help="generated strange texts (default 300)")
    ap.add_argument("--max-words", type=int, default=600, help="skip longer briefings, to bound the run time")
    ap.add_argument("--workers", type=int, default=1, help="parse_many workers (default 1)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", help="write the inputs to this folder and keep them (default: a temporary folder)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    recs = load_briefings(args.n, args.max_words, rng)
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="toolkit-robustness-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        labels, planted = build(folder, recs, args.generated, rng)
        t_build = time.perf_counter() - t0
        warnings.simplefilter("ignore", ArticleWarning)

        t1 = time.perf_counter()
        read_items = list(iter_articles(folder))
        t_read = time.perf_counter() - t1
        n_inputs = len(read_items)

        nlp = load_pipeline()
        crashes: list[str] = []
        t2 = time.perf_counter()
        try:
            corpus = toolkit.parse_many(folder, nlp=nlp, workers=args.workers)
        except Exception:  # noqa: BLE001 - this is what the run is counting
            crashes.append(traceback.format_exc())
            corpus = None
        t_parse = time.perf_counter() - t2
        if corpus is None:
            print("parse_many crashed:\n" + crashes[0])
            return 1

        errors = corpus.error_list
        extract_errors = [e for e in errors if e.stage in CRASH_STAGES]
        crashes.extend(f"{e.path}: {e.reason}" for e in extract_errors)
        dups = [e for e in errors if e.stage == "duplicate"]
        parsed = len(corpus)
        n_files = len(labels)

        print(f"files written: {n_files:,} ({sum(planted.values()):,} records planted: {len(recs):,} briefings in "
              f"7 formats, {args.generated:,} generated texts, copies, junk) in {t_build:.1f} s")
        print(f"inputs (articles or error rows, from iter_articles): {n_inputs:,}   read in {t_read:.1f} s")
        print(f"parsed: {parsed:,}   errors: {len(errors) - len(dups):,}   duplicates: {len(dups):,}   "
              f"parse_many: {t_parse:.1f} s")
        identity = parsed + (len(errors) - len(dups)) + len(dups)
        print(f"identity inputs = parsed + errors + duplicates: {n_inputs:,} = {parsed:,} + "
              f"{len(errors) - len(dups):,} + {len(dups):,} -> {'OK' if identity == n_inputs else 'BROKEN'}")
        print(f"crashes: {len(crashes)} (uncaught exceptions + extractor failures)")
        for c in crashes[:10]:
            print("   ", c[:300])

        print("\nerrors by stage:")
        for stage, n in Counter(e.stage for e in errors).most_common():
            print(f"  {stage:<10} {n:>6,}")
        print("\nerrors by kind of reason:")
        kinds = Counter(reason_kind(e) for e in errors)
        for kind, n in kinds.most_common(25):
            print(f"  {n:>6,}  {kind}")

        print("\nhow each kind of input ended (parsed / error stages):")
        outcome: dict[str, Counter] = defaultdict(Counter)
        for e in errors:
            outcome[labels.get(e.path, "?").split(":")[0]][e.stage] += 1
        for path in corpus.articles["path"]:
            outcome[labels.get(path, "?").split(":")[0]]["parsed"] += 1
        for label in sorted(outcome):
            c = outcome[label]
            total = sum(c.values())
            parts = ", ".join(f"{k} {v}" for k, v in c.most_common())
            print(f"  {label:<28} {total:>5,}: {parts}")
        return 0 if not crashes and identity == n_inputs else 1
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


_VOLATILE = re.compile(r"(/[^\s:]+|\b\d[\d,.]*\b|'[^']*'|\"[^\"]*\"|\([^)]*\))")


def reason_kind(e: ReadError) -> str:
    """The reason without the path, numbers and quoted values, to group similar errors."""
    reason = e.reason.split(": ", 1)[1] if ": " in e.reason else e.reason
    reason = re.sub(r"^(line|item|row|#)\s*\d+: ", "", reason)
    return f"{e.stage}: " + _VOLATILE.sub("…", reason)[:90]


if __name__ == "__main__":
    sys.exit(main())

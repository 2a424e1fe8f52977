"""Command line: ``toolkit demo | parse | show | eval | notebooks``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

from . import paths


def _cmd_parse(args) -> int:
    from .article import parse_many

    t0 = time.perf_counter()
    corpus = parse_many(args.paths, published=args.published, nlp=args.nlp)
    written = corpus.write_parquet(args.output)
    for e in corpus.error_list:
        print(f"error: {e.path}: {e.reason}", file=sys.stderr)
    print(f"{corpus.summary()} in {time.perf_counter() - t0:.1f}s")
    print(f"tables written to {Path(args.output)}/: {', '.join(sorted(p.name for p in written.values()))}")
    return 0 if len(corpus) else 1


def _cmd_show(args) -> int:
    from .article import parse_many

    corpus = parse_many(args.path, published=args.published, nlp=args.nlp)
    for e in corpus.error_list:
        print(f"error: {e.path}: {e.reason}", file=sys.stderr)
    import pandas as pd

    with pd.option_context("display.width", 160, "display.max_colwidth", 70, "display.max_rows", 200):
        for art in corpus:
            a = art.records.article
            print(f"# {a['title'] or art.article_id}  ({a['published']}{', inferred' if a['published_inferred'] else ''})")
            print("\n## actors\n", art.actors[["name", "kind", "role", "affiliation", "country", "n_mentions"]].to_string(index=False))
            print("\n## dates\n", art.dates[["text", "type", "value"]].to_string(index=False))
            print("\n## statements\n", art.statements[["speaker", "cue", "mode", "content"]].to_string(index=False))
    return 0 if len(corpus) else 1


def run_notebooks(*, out_dir: Optional[Path] = None, in_place: bool = False, timeout: int = 600) -> list[Path]:
    """Execute the curated notebooks; write HTML reports to ``out_dir`` (or update them in place)."""
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import ExecutePreprocessor

    written = []
    for nb_path in sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        ExecutePreprocessor(timeout=timeout, kernel_name="python3").preprocess(
            nb, {"metadata": {"path": str(paths.NOTEBOOKS_DIR)}})
        if in_place:
            nbformat.write(nb, nb_path)
            written.append(nb_path)
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            html, _ = HTMLExporter().from_notebook_node(nb)
            target = out_dir / (nb_path.stem + ".html")
            target.write_text(html, encoding="utf-8")
            written.append(target)
    return written


def _cmd_notebooks(args) -> int:
    out = None if args.in_place and not args.output else Path(args.output or paths.REPORTS_DIR)
    for p in run_notebooks(out_dir=out, in_place=args.in_place):
        print(f"wrote {p}")
    return 0


def _cmd_demo(args) -> int:
    from .article import parse_many

    t0 = time.perf_counter()
    corpus = parse_many(paths.ARTICLES_DIR)
    corpus.write_parquet(paths.PROCESSED_DIR)
    (paths.REPORTS_DIR).mkdir(parents=True, exist_ok=True)
    for art in corpus:
        (paths.REPORTS_DIR / f"{art.article_id}.html").write_text(art.to_html(), encoding="utf-8")
    t1 = time.perf_counter()
    reports = run_notebooks(out_dir=paths.REPORTS_DIR)
    print(f"parsed {paths.ARTICLES_DIR.relative_to(paths.PROJECT_DIR)}/: {corpus.summary()} ({t1 - t0:.1f}s)")
    for e in corpus.error_list:
        print(f"  error: {e.path}: {e.reason}")
    print(f"tables: {paths.PROCESSED_DIR.relative_to(paths.PROJECT_DIR)}/{{articles,sentences,actors,mentions,dates,statements,events,errors}}.parquet")
    print(f"reports: {len(reports)} notebooks and {len(corpus)} annotated articles in "
          f"{paths.REPORTS_DIR.relative_to(paths.PROJECT_DIR)}/ ({time.perf_counter() - t1:.1f}s)")
    st = corpus.statements
    if len(st):
        top = st.groupby("speaker").size().sort_values(ascending=False).head(5)
        print("most quoted: " + ", ".join(f"{k} ({v})" for k, v in top.items()))
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="toolkit", description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)

    p = sub.add_parser("parse", help="parse articles into Parquet tables")
    p.add_argument("paths", nargs="+", help="files, folders or glob patterns")
    p.add_argument("-o", "--output", default=str(paths.PROCESSED_DIR))
    p.add_argument("--published", default=None, help="publication date for every article (ISO)")
    p.add_argument("--nlp", default=None, help="spaCy pipeline name")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("show", help="print the tables of one article")
    p.add_argument("path")
    p.add_argument("--published", default=None)
    p.add_argument("--nlp", default=None)
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("eval", help="score against gold annotations")
    p.add_argument("gold", nargs="+")
    p.add_argument("--nlp", default=None)
    p.add_argument("--per-file", action="store_true")
    p.set_defaults(func=lambda a: __import__("toolkit.evaluate", fromlist=["main"]).main(
        [*a.gold, *(["--nlp", a.nlp] if a.nlp else []), *(["--per-file"] if a.per_file else [])]))

    p = sub.add_parser("notebooks", help="execute the curated notebooks, write HTML reports")
    p.add_argument("-o", "--output", default=None)
    p.add_argument("--in-place", action="store_true", help="store the outputs in the notebooks")
    p.set_defaults(func=_cmd_notebooks)

    p = sub.add_parser("demo", help="parse data/articles, run the notebooks, write reports/")
    p.set_defaults(func=_cmd_demo)

    args = ap.parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, FileNotFoundError, OSError) as exc:
        print(f"toolkit: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

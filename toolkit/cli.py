"""Command line: ``toolkit parse | show | report | eval | demo | notebooks``.

Examples::

    toolkit parse data/articles -o data/processed --workers 2 --cache .toolkit-cache --csv
    toolkit show data/articles/000_a191f6331583f074.txt
    toolkit report new-articles/ -o reports/new --article-pages 50 --workers 2
    toolkit eval ../shared/gold/*.json
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
import warnings
from pathlib import Path
from typing import Optional, Sequence

from . import paths


def _article_warning() -> type:
    from . import ingest

    return getattr(ingest, "ArticleWarning", UserWarning)


class CLIError(Exception):
    """A user error: printed as ``toolkit: error: ...`` with exit status 2."""


def _dask_client(address: str):
    """A Dask client for ``--dask``: a scheduler address, or ``local`` for a local cluster."""
    try:
        from dask.distributed import Client
    except ImportError as exc:
        raise CLIError('--dask needs the "dask" extra: pip install "newskit-toolkit[dask]"') from exc
    try:
        return Client(None if address == "local" else address)
    except (OSError, ValueError) as exc:
        raise CLIError(f"cannot reach the Dask scheduler at {address!r}: {exc}") from exc


def _cmd_parse(args) -> int:
    from .corpus import parse_to_parquet, read_corpus

    t0 = time.perf_counter()
    client = _dask_client(args.dask) if args.dask else None
    try:
        with warnings.catch_warnings():  # unreadable inputs are listed below, once
            warnings.simplefilter("ignore", _article_warning())
            # tables go to disk every --flush-every articles instead of accumulating in memory
            res = parse_to_parquet(args.paths, args.output, flush_every=args.flush_every,
                                   published=args.published, nlp=args.nlp, workers=args.workers,
                                   cache_dir=args.cache, batch_size=args.batch_size, progress=not args.quiet,
                                   executor=client, timeout=args.timeout)
    finally:
        if client is not None:
            client.close()  # also stops a local cluster it started
    if not res["articles"] and not res["errors"]:
        for path in res["written"].values():
            path.unlink(missing_ok=True)
        raise CLIError(f"no articles found in {' '.join(args.paths)}")
    written = dict(res["written"])
    if args.csv:
        corpus = read_corpus(args.output, backend="polars")
        written.update({f"{k}.csv": v for k, v in corpus.write_csv(args.output).items()})
    for e in res["errors"]:
        print(f"failed: {e.path or e.article_id} ({e.stage}): {e.reason}", file=sys.stderr)
    print(f"{res['articles'] + len(res['errors'])} inputs in {time.perf_counter() - t0:.1f}s: "
          f"{res['parsed']} parsed, {res['cached']} from cache, {res['failed']} failed"
          + (f" ({res['corrupt']} damaged cache entries recomputed)" if res.get("corrupt") else ""))
    n = {t: _parquet_rows(res["written"][t]) for t in ("actors", "dates", "statements", "events")}
    print(f"{res['articles']} articles parsed, {len(res['errors'])} errors; {n['actors']} actor rows, "
          f"{n['dates']} dates, {n['statements']} statements, {n['events']} events")
    print(f"tables written to {Path(args.output)}/: {', '.join(sorted(p.name for p in written.values()))}")
    return 0 if res["articles"] else 1


def _parquet_rows(path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def _table(df, columns, *, width: int) -> str:
    import pandas as pd

    if not len(df):
        return "  (none)"
    with pd.option_context("display.width", width, "display.max_colwidth", max(30, width // 2),
                           "display.max_rows", 500):
        text = df[columns].to_string(index=False, na_rep="")
    return "\n".join("  " + line for line in text.splitlines())


def _cmd_show(args) -> int:
    from .corpus import parse_many

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", _article_warning())
        corpus = parse_many(args.path, published=args.published, nlp=args.nlp)
    for e in corpus.error_list:
        print(f"toolkit: error: {e.path or e.article_id}: {e.reason}", file=sys.stderr)
    if not len(corpus):
        return 2 if corpus.error_list else 1
    width = shutil.get_terminal_size((120, 40)).columns
    for art in corpus:
        a = art.records.article
        pub = f"{a['published']}{' (estimated)' if a['published_inferred'] else ''}" if a["published"] else "unknown"
        title = a["title"] or art.article_id
        print(title)
        print("=" * min(len(title), width))
        print(f"published {pub} · {a['n_words']} words · {a['n_sentences']} sentences"
              + (f" · {a['source']}" if a["source"] else ""))
        actors = art.actors.sort_values("n_mentions", ascending=False, kind="stable")
        print(f"\nActors ({len(actors)})")
        print(_table(actors, ["name", "kind", "role", "affiliation", "country", "n_mentions"], width=width))
        print(f"\nDates ({len(art.dates)})")
        print(_table(art.dates, ["text", "type", "value"], width=width))
        st = art.statements.copy()
        if len(st):
            st["said_on"] = st["said_on"].dt.strftime("%Y-%m-%d")
        print(f"\nStatements ({len(st)})")
        print(_table(st, ["speaker", "cue", "mode", "said_on", "content"], width=width))
        ev = art.events
        if len(ev):
            print(f"\nEvents ({len(ev)})")
            print(_table(ev, ["actor", "action", "target", "date_value", "status"], width=width))
        print()
    return 0


def _check_inputs(inputs: Sequence[str]) -> None:
    """Raise :class:`CLIError` for a path that does not exist or inputs that hold no file."""
    from .ingest import expand_paths

    found = expand_paths(inputs)
    missing = [str(p) for p in found if not p.is_file()]
    if missing:
        raise CLIError(f"no such file: {missing[0]}")
    if not found:
        raise CLIError(f"no articles found in {' '.join(inputs)}")


def _article_pages(value: str) -> str:
    from .report import n_article_pages

    try:
        n_article_pages(value, 0)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc).replace("--article-pages ", "")) from None
    return value


def _cmd_report(args) -> int:
    from . import report

    nbs = report.corpus_notebooks()  # those taking corpus_dir; article pages replace notebook 01
    if args.only:
        nbs = [nb for nb in nbs if any(o in nb.stem for o in args.only)]
        if not nbs:
            raise CLIError(f"no notebook of a report (one whose parameters take corpus_dir) in "
                           f"{paths.NOTEBOOKS_DIR} matches {', '.join(args.only)}")
    _check_inputs(args.paths)
    rep = report.build_report(args.paths, out_dir=Path(args.output), published=args.published,
                              article_pages=args.article_pages, workers=args.workers, cache_dir=args.cache,
                              notebooks=nbs, timeout=args.timeout)
    for f in rep.failures:
        print(f"toolkit: report: {f}", file=sys.stderr)
    return 1 if rep.failures else 0


def _execute_notebook(nb_path: Path, *, out_dir: Optional[Path], in_place: bool, timeout: int) -> list[Path]:
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import CoalesceStreamsPreprocessor, ExecutePreprocessor

    nb = nbformat.read(nb_path, as_version=4)
    # no execution timestamps in the cells: the same outputs give the same file
    ExecutePreprocessor(timeout=timeout, kernel_name="python3", record_timing=False).preprocess(
        nb, {"metadata": {"path": str(paths.NOTEBOOKS_DIR)}})
    # one stream output per cell and stream, however the kernel happened to flush it
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    written = []
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


def run_notebooks(*, out_dir: Optional[Path] = None, in_place: bool = False, timeout: int = 600) -> list[Path]:
    """Execute the curated notebooks (side by side, one kernel each); write HTML reports to
    ``out_dir`` (or update them in place). Returns the files written, in notebook order."""
    from concurrent.futures import ThreadPoolExecutor

    nbs = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    with ThreadPoolExecutor(max_workers=max(1, len(nbs))) as pool:
        futures = [pool.submit(_execute_notebook, nb, out_dir=out_dir, in_place=in_place, timeout=timeout)
                   for nb in nbs]
        return [p for f in futures for p in f.result()]


def _cmd_notebooks(args) -> int:
    out = None if args.in_place and not args.output else Path(args.output or paths.REPORTS_DIR)
    for p in run_notebooks(out_dir=out, in_place=args.in_place):
        print(f"wrote {p}")
    return 0


def _cmd_demo(args) -> int:
    from . import report
    from .corpus import parse_many

    t0 = time.perf_counter()
    corpus = parse_many(paths.ARTICLES_DIR)
    written = corpus.write_parquet(paths.PROCESSED_DIR)
    out = paths.REPORTS_DIR
    pages = report.write_article_pages(corpus, out / "articles")
    t1 = time.perf_counter()
    runs = [report.NotebookRun(p.stem, p, None) for p in run_notebooks(out_dir=out)]
    index = out / "index.html"
    index.write_text(report.index_page(corpus, out_dir=out, pages=pages, notebooks=runs, tables=written,
                                       title="The bundled articles"), encoding="utf-8")
    rel = lambda p: p.relative_to(paths.PROJECT_DIR)  # noqa: E731
    print(f"parsed {rel(paths.ARTICLES_DIR)}/: {corpus.summary()} ({t1 - t0:.1f}s)")
    for e in corpus.error_list:
        print(f"  error: {e.path}: {e.reason}")
    print(f"tables: {rel(paths.PROCESSED_DIR)}/{{{','.join(written)}}}.parquet")
    print(f"reports: {len(runs)} notebooks and {len(pages)} article pages in {rel(out)}/ "
          f"({time.perf_counter() - t1:.1f}s); start at {rel(index)}")
    st = corpus.statements
    if len(st):
        top = st.groupby("speaker").size().sort_values(ascending=False).head(5)
        print("most quoted: " + ", ".join(f"{k} ({v})" for k, v in top.items()))
    return 0


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}")
    return n


def _cmd_eval(args) -> int:
    import importlib

    evaluate = importlib.import_module("toolkit.evaluate")  # the module, not toolkit.evaluate()

    missing = [g for g in args.gold if not Path(g).is_file() and not any(ch in g for ch in "*?[")]
    if missing:
        raise CLIError(f"no such gold file: {missing[0]}")
    return evaluate.main([*args.gold, *(["--nlp", args.nlp] if args.nlp else []),
                          *(["--per-file"] if args.per_file else [])])


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="toolkit", description=__doc__)
    sub = ap.add_subparsers(dest="cmd", required=True)

    p = sub.add_parser("parse", help="parse articles into Parquet tables (one file per table)")
    p.add_argument("paths", nargs="+", help="files, folders or glob patterns")
    p.add_argument("-o", "--output", default=str(paths.PROCESSED_DIR), help="output folder (default data/processed)")
    p.add_argument("--workers", type=_positive, default=1, help="parsing processes (default 1)")
    p.add_argument("--cache", default=None, metavar="DIR", help="cache folder: reruns only parse new articles")
    p.add_argument("--dask", default=None, metavar="ADDRESS",
                   help="parse on a Dask cluster: a scheduler address (tcp://host:8786) or 'local' "
                        "(needs the dask extra)")
    p.add_argument("--csv", action="store_true", help="also write one CSV file per table")
    p.add_argument("--flush-every", type=_positive, default=1000, metavar="N",
                   help="write the tables every N articles instead of holding them (default 1000)")
    p.add_argument("--batch-size", type=_positive, default=32, help="texts per nlp.pipe batch")
    p.add_argument("--timeout", type=_positive, default=None, metavar="SECONDS",
                   help="seconds one article may take (needs --workers 2 or more, or --dask); an article "
                        "over it is stopped and listed as failed")
    p.add_argument("--published", default=None, help="publication date for every article (ISO)")
    p.add_argument("--nlp", default=None, help="spaCy pipeline name")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_cmd_parse)

    p = sub.add_parser("show", help="a readable summary of one article: actors, dates, statements")
    p.add_argument("path")
    p.add_argument("--published", default=None)
    p.add_argument("--nlp", default=None)
    p.set_defaults(func=_cmd_show)

    p = sub.add_parser("report", help="a report folder on these articles: index.html, a page per article, "
                                      "the corpus notebooks")
    p.add_argument("paths", nargs="+", help="article files, folders or glob patterns")
    p.add_argument("-o", "--output", default=str(paths.REPORTS_DIR), help="output folder (default reports/)")
    p.add_argument("--published", default=None, help="publication date for every article (ISO)")
    p.add_argument("--article-pages", type=_article_pages, default="all", metavar="none|all|N",
                   help="write a page for every article (all, the default), none, or the first N")
    p.add_argument("--workers", type=_positive, default=1, help="processes for parsing and article pages")
    p.add_argument("--cache", default=None, metavar="DIR", help="parse cache folder")
    p.add_argument("--only", action="append", default=None, metavar="NAME",
                   help="run only the corpus notebooks whose name contains NAME (repeatable), e.g. --only 02")
    p.add_argument("--timeout", type=_positive, default=600, help="seconds allowed per notebook cell")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("eval", help="score against gold annotations")
    p.add_argument("gold", nargs="+")
    p.add_argument("--nlp", default=None)
    p.add_argument("--per-file", action="store_true")
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("notebooks", help="execute the curated notebooks, write HTML reports")
    p.add_argument("-o", "--output", default=None)
    p.add_argument("--in-place", action="store_true", help="store the outputs in the notebooks")
    p.set_defaults(func=_cmd_notebooks)

    p = sub.add_parser("demo", help="parse data/articles, run the notebooks, write reports/")
    p.set_defaults(func=_cmd_demo)

    args = ap.parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # e.g. `toolkit show a.txt | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("toolkit: interrupted", file=sys.stderr)
        return 130
    except (CLIError, ValueError, TypeError, ImportError, OSError) as exc:
        print(f"toolkit: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

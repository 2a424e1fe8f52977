"""Command line: ``toolkit parse | show | report | eval | demo | notebooks``.

Examples::

    toolkit parse data/articles -o data/processed --workers 2 --cache .toolkit-cache --csv
    toolkit show data/articles/000_a191f6331583f074.txt
    toolkit report new-articles/ -o reports/new
    toolkit eval ../shared/gold/*.json
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
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


def _stage_articles(inputs: Sequence[str], folder: Path) -> list[Path]:
    """Link (or copy) the input files into ``folder`` so a notebook can read them as one folder."""
    from .ingest import expand_paths

    files = [p for p in expand_paths(inputs) if p.is_file()]
    missing = [str(p) for p in expand_paths(inputs) if not p.is_file()]
    if missing:
        raise CLIError(f"no such file: {missing[0]}")
    if not files:
        raise CLIError(f"no articles found in {' '.join(inputs)}")
    staged = []
    for i, src in enumerate(files):
        dst = folder / src.name
        if dst.exists():
            dst = folder / f"{i:04d}-{src.name}"
        try:
            os.symlink(src.resolve(), dst)
        except OSError:
            shutil.copyfile(src, dst)
        staged.append(dst)
    return staged


#: Tag of the markdown cells that read the outputs of the bundled articles in prose.
READING_TAG = "bundled-reading"

_READING_LEFT_OUT = ("*The reading of the bundled articles that stands here in the curated "
                     "notebook is left out: it describes other articles than these. The tables "
                     "and plots above are computed on the articles of this report.*")


def _drop_bundled_readings(nb):
    """Replace the cells tagged :data:`READING_TAG` by a one-line note (a report on other
    articles must not carry prose about the bundled ones)."""
    import nbformat

    for i, cell in enumerate(nb.cells):
        if READING_TAG in cell.get("metadata", {}).get("tags", []):
            note = nbformat.v4.new_markdown_cell(_READING_LEFT_OUT)
            note.id = cell.get("id", note.id)
            nb.cells[i] = note
    return nb


def run_reports(inputs: Sequence[str], *, out_dir: Path, published: Optional[str] = None,
                notebooks: Optional[Sequence[Path]] = None, timeout: int = 600,
                log=print) -> tuple[list[Path], list[str]]:
    """Rerun the curated notebooks on the given articles with papermill; write HTML reports.

    Each notebook has a cell tagged ``parameters``. One that takes ``articles_dir`` runs once
    on a temporary folder holding the given articles; one that takes ``article_path`` runs
    once per article. The executed notebook (``.ipynb``) and its HTML rendering are written to
    ``out_dir``; a notebook that fails is still written (with the error) and reported. The
    prose readings of the bundled articles (cells tagged ``bundled-reading``) are replaced by
    a note, since they describe other articles.

    Returns:
        ``(files written, failure messages)``.

    Example:
        >>> run_reports(["new-articles/"], out_dir=Path("reports/new"))  # doctest: +SKIP
    """
    try:
        import nbformat
        import papermill as pm
        from nbconvert import HTMLExporter
    except ImportError as exc:
        raise CLIError(f"toolkit report needs papermill and nbconvert ({exc}); "
                       f"install them with: pip install 'newskit-toolkit[dev]'") from None
    nbs = list(notebooks) if notebooks is not None else sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    if not nbs:
        raise CLIError(f"no notebooks found in {paths.NOTEBOOKS_DIR}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="toolkit-report-") as tmp:
        staged = _stage_articles(inputs, Path(tmp))
        runs = []
        for nb in nbs:
            params = pm.inspect_notebook(str(nb))
            if "articles_dir" in params:
                runs.append((nb, nb.stem, {"articles_dir": str(tmp), "published": published}))
            elif "article_path" in params:
                for art in staged:
                    name = nb.stem if len(staged) == 1 else f"{nb.stem}--{art.stem}"
                    runs.append((nb, name, {"article_path": str(art), "published": published}))
            else:
                log(f"skipped {nb.name}: its parameters cell takes neither articles_dir nor article_path")
        for nb, name, params in runs:
            if "published" not in pm.inspect_notebook(str(nb)):
                params.pop("published")
            target = out_dir / f"{name}.ipynb"
            t0 = time.perf_counter()
            error = None
            try:
                pm.execute_notebook(str(nb), str(target), parameters=params, kernel_name="python3",
                                    cwd=str(nb.parent), progress_bar=False, execution_timeout=timeout)
            except pm.PapermillExecutionError as exc:
                error = f"{nb.name} failed at cell {exc.exec_count}: {exc.ename}: {exc.evalue}"
            if not target.is_file():
                failures.append(error or f"{nb.name}: no output written")
                continue
            written.append(target)
            nb_out = _drop_bundled_readings(nbformat.read(target, as_version=4))
            nbformat.write(nb_out, target)
            html, _ = HTMLExporter().from_notebook_node(nb_out)
            html_path = target.with_suffix(".html")
            html_path.write_text(html, encoding="utf-8")
            written.append(html_path)
            if error:
                failures.append(error)
                log(f"FAILED {html_path} ({error})")
            else:
                log(f"wrote {html_path} ({time.perf_counter() - t0:.0f}s)")
    return written, failures


def _cmd_report(args) -> int:
    nbs = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    if args.only:
        nbs = [nb for nb in nbs if any(o in nb.stem for o in args.only)]
        if not nbs:
            raise CLIError(f"no notebook in {paths.NOTEBOOKS_DIR} matches {', '.join(args.only)}")
    _, failures = run_reports(args.paths, out_dir=Path(args.output), published=args.published,
                              notebooks=nbs, timeout=args.timeout)
    for f in failures:
        print(f"toolkit: report: {f}", file=sys.stderr)
    return 1 if failures else 0


def run_notebooks(*, out_dir: Optional[Path] = None, in_place: bool = False, timeout: int = 600) -> list[Path]:
    """Execute the curated notebooks; write HTML reports to ``out_dir`` (or update them in place)."""
    import nbformat
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import ExecutePreprocessor

    written = []
    for nb_path in sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb")):
        nb = nbformat.read(nb_path, as_version=4)
        # no execution timestamps in the cells: the same outputs give the same file
        ExecutePreprocessor(timeout=timeout, kernel_name="python3", record_timing=False).preprocess(
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
    written = corpus.write_parquet(paths.PROCESSED_DIR)
    (paths.REPORTS_DIR).mkdir(parents=True, exist_ok=True)
    for art in corpus:
        (paths.REPORTS_DIR / f"{art.article_id}.html").write_text(art.to_html(), encoding="utf-8")
    t1 = time.perf_counter()
    reports = run_notebooks(out_dir=paths.REPORTS_DIR)
    print(f"parsed {paths.ARTICLES_DIR.relative_to(paths.PROJECT_DIR)}/: {corpus.summary()} ({t1 - t0:.1f}s)")
    for e in corpus.error_list:
        print(f"  error: {e.path}: {e.reason}")
    print(f"tables: {paths.PROCESSED_DIR.relative_to(paths.PROJECT_DIR)}/{{{','.join(written)}}}.parquet")
    print(f"reports: {len(reports)} notebooks and {len(corpus)} annotated articles in "
          f"{paths.REPORTS_DIR.relative_to(paths.PROJECT_DIR)}/ ({time.perf_counter() - t1:.1f}s)")
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

    p = sub.add_parser("report", help="rerun the curated notebooks on these articles; write HTML reports")
    p.add_argument("paths", nargs="+", help="article files, folders or glob patterns")
    p.add_argument("-o", "--output", default=str(paths.REPORTS_DIR), help="output folder (default reports/)")
    p.add_argument("--published", default=None, help="publication date for every article (ISO)")
    p.add_argument("--only", action="append", default=None, metavar="NAME",
                   help="run only the notebooks whose name contains NAME (repeatable), e.g. --only 02")
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

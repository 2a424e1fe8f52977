"""Report folders: an index page, one page per article, the corpus notebooks run once.

``toolkit report PATHS -o DIR`` parses the articles once, writes their tables to
``DIR/tables/``, renders a page per article straight from the parsed tables with a template
(no notebook kernel per article; in worker processes when ``workers`` is given), runs the
corpus notebooks (those whose parameters cell takes ``corpus_dir``) once with papermill on
those tables, and writes ``DIR/index.html``: what was parsed, the inputs that failed and why,
links to every report and a sortable table of the articles.

Example:
    >>> rep = build_report(["new-articles/"], out_dir=Path("reports/new"), article_pages="all")  # doctest: +SKIP
    >>> rep.index                                                                                # doctest: +SKIP
    PosixPath('reports/new/index.html')
"""

from __future__ import annotations

import concurrent.futures as cf
import html as _html
import multiprocessing
import os
import re
import string
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional, Sequence, Union

from . import paths

#: Tag of the notebook markdown cells that read the outputs of the bundled articles in prose.
READING_TAG = "bundled-reading"

READING_LEFT_OUT = ("*The reading of the bundled articles that stands here in the curated "
                    "notebook is left out: it describes other articles than these. The tables "
                    "and plots above are computed on the articles of this report.*")

ArticlePages = Union[str, int, None]

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#222222}
h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em}
table{border-collapse:collapse;margin:0.5em 0;font-size:0.9em}
th,td{border-bottom:1px solid #dddddd;padding:0.25em 0.6em;text-align:left;vertical-align:top}
th{background:#f4f4f4}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th[aria-sort=ascending]::after{content:" \\25B2"}
table.sortable th[aria-sort=descending]::after{content:" \\25BC"}
.note{color:#555555}.error{color:#b00020}
nav a{margin-right:1em}
"""

# Sorting by a click on a column header; no network, no library.
_SORT_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, col) {
    th.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      var numeric = th.getAttribute("data-type") === "number";
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var body = table.tBodies[0];
      var key = function (row) {
        var cell = row.cells[col];
        var v = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent;
        return numeric ? (v === "" ? -Infinity : parseFloat(v)) : v.toLowerCase();
      };
      Array.from(body.rows).sort(function (a, b) {
        var x = key(a), y = key(b);
        var c = numeric ? x - y : x.localeCompare(y);
        return asc ? c : -c;
      }).forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""

PAGE_TEMPLATE = string.Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>$title</title>
<style>$style</style>
</head>
<body>
$body
$script
</body>
</html>
""")


# --------------------------------------------------------------------------- small helpers


def _e(value) -> str:
    """Escaped text of a value; missing values are empty."""
    from .frames import is_missing

    return "" if is_missing(value) else _html.escape(str(value))


def _page(title: str, body: str, *, script: bool = False) -> str:
    return PAGE_TEMPLATE.substitute(title=_html.escape(title), style=_STYLE, body=body,
                                    script=f"<script>{_SORT_SCRIPT}</script>" if script else "")


def page_name(article_id: str, taken: set) -> str:
    """A file name for an article's page: the id with unsafe characters replaced, unique in ``taken``.

    Example:
        >>> page_name("a/b c", set())
        'a_b_c.html'
    """
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", str(article_id)).strip("._")[:100] or "article"
    name, i = f"{base}.html", 2
    while name.lower() in taken:
        name, i = f"{base}-{i}.html", i + 1
    taken.add(name.lower())
    return name


def n_article_pages(article_pages: ArticlePages, n_articles: int) -> int:
    """How many article pages ``--article-pages`` asks for: ``"none"``, ``"all"`` or a number.

    Raises:
        ValueError: anything else (the message lists the choices).

    Example:
        >>> n_article_pages("5", 3), n_article_pages("none", 3), n_article_pages("all", 3)
        (3, 0, 3)
    """
    if article_pages is None or str(article_pages).strip().lower() == "all":
        return n_articles
    text = str(article_pages).strip().lower()
    if text == "none":
        return 0
    if text.isdigit():
        return min(int(text), n_articles)
    raise ValueError(f"--article-pages {article_pages!r} is invalid; use none, all or a number such as 20")


def _fmt_date(value) -> str:
    from .frames import is_missing

    if is_missing(value):
        return ""
    return f"{value.day} {value:%B %Y}" if hasattr(value, "strftime") else str(value)


# --------------------------------------------------------------------------- describing a corpus


def describe_corpus(corpus, *, analysis: Optional[str] = None) -> str:
    """What a corpus holds, in sentences computed from its tables (no prose about any topic),
    followed, for ``analysis="chronology"`` or ``"rhetoric"``, by what the analysis cannot show.

    Example:
        >>> print(describe_corpus(toolkit.parse_many("data/articles")))  # doctest: +SKIP
        11 articles (3,114 words): 3 from Meridian Wire (illustrative), ...
    """
    arts = corpus.articles
    n = len(arts)
    words = int(arts["n_words"].fillna(0).sum()) if n else 0
    sources = arts["source"].dropna().value_counts().sort_index(kind="stable")
    sources = sources.sort_values(ascending=False, kind="stable")
    parts = [f"{v} from {k}" for k, v in sources.head(8).items()]
    if len(sources) > 8:
        parts.append(f"{int(sources.iloc[8:].sum())} from {len(sources) - 8} other sources")
    if sources.sum() < n:
        parts.append(f"{n - int(sources.sum())} without a source" if len(sources) else "no source given")
    lines = [f"{n} article{'s' if n != 1 else ''} ({words:,} words): {', '.join(parts)}."]
    pub = arts["published"].dropna()
    if len(pub):
        n_inf = int(arts["published_inferred"].fillna(False).sum())
        rng = (f"on {_fmt_date(pub.min())}" if pub.min() == pub.max()
               else f"from {_fmt_date(pub.min())} to {_fmt_date(pub.max())}")
        extra = [f"{n_inf} estimated from the text"] if n_inf else []
        if len(pub) < n:
            extra.append(f"{n - len(pub)} unknown")
        lines.append(f"Published {rng}" + (f" ({', '.join(extra)})" if extra else "") + ".")
    else:
        lines.append("No article has a publication date, given or found in the text.")
    st, ev = corpus.statements, corpus.events
    n_speakers = st["speaker"].dropna().nunique()
    lines.append(f"{len(st)} statements by {n_speakers} named speakers, {len(ev)} events "
                 f"({int(ev['start'].notna().sum())} with a date), {len(corpus.dates)} date expressions, "
                 f"{corpus.actors['actor_id'].nunique()} actors.")
    if analysis:
        lines += gaps(corpus, analysis=analysis)
    return "\n".join(lines)


def gaps(corpus, *, analysis: str) -> list[str]:
    """Sentences saying what ``analysis`` (``"chronology"`` or ``"rhetoric"``) cannot show on
    this corpus: one article, no statements, no dated events, no publication dates.

    Example:
        >>> gaps(corpus, analysis="rhetoric")  # doctest: +SKIP
        ['No statement was found in these articles: the tables below are empty ...']
    """
    if analysis not in ("chronology", "rhetoric"):
        raise ValueError(f"analysis={analysis!r} is invalid; use 'chronology' or 'rhetoric'")
    n = len(corpus.articles)
    out = []
    if n == 1:
        out.append("There is one article: nothing below compares articles or outlets, and no event "
                   "is merged across reports.")
    if analysis == "chronology":
        ev = corpus.events
        if not len(ev):
            out.append("No event was found: the event tables are empty and the plots say so.")
        elif not ev["start"].notna().any():
            out.append("No event has a date: the events are listed, but the timeline and the report "
                       "lag have nothing to place.")
        if not corpus.articles["published"].notna().any():
            out.append("No article has a publication date: the report lag (event date against "
                       "publication date) cannot be measured, and the timeline is not cut at a first "
                       "publication date.")
    else:
        st = corpus.statements
        if not len(st):
            out.append("No statement was found in these articles: the voice, quotation, reporting-verb, "
                       "hedging and sentiment tables below are empty and the plots say so.")
        elif st["speaker"].dropna().nunique() < 2:
            out.append("Fewer than two speakers are named: the comparisons between speakers below "
                       "have one row at most.")
    return out


# --------------------------------------------------------------------------- article pages


_ARTICLE_TABLES = (
    ("Actors", "actors", ["name", "kind", "role", "affiliation", "country", "n_mentions"]),
    ("Dates", "dates", ["text", "type", "value", "start", "end"]),
    ("Statements", "statements", ["speaker", "speaker_text", "cue", "cue_class", "mode", "content",
                                  "addressee", "said_on"]),
    ("Events", "events", ["actor", "action", "target", "date_value", "start", "status"]),
    ("Mentions", "mentions", ["text", "actor_id", "how", "start_char", "end_char"]),
)


def _frame_html(frame, columns) -> str:
    """A table of ``columns`` (those present): dates as ISO days, missing values empty."""
    if not len(frame):
        return '<p class="note">None found.</p>'
    shown = frame[[c for c in columns if c in frame.columns]].copy()
    for c in shown.columns:
        if str(shown[c].dtype).startswith("datetime"):
            shown[c] = shown[c].dt.strftime("%Y-%m-%d")
    return shown.astype(object).fillna("").to_html(index=False, border=0, escape=True)


def article_page(article, *, index_href: Optional[str] = "../index.html") -> str:
    """A self-contained HTML page for one parsed article: its header fields, the annotated text
    and its tables (actors, dates, statements, events, mentions), as notebook 01 shows them.

    Args:
        article: a :class:`toolkit.Article`.
        index_href: link back to the report's index (``None``: no link).

    Example:
        >>> Path("a.html").write_text(article_page(toolkit.parse(text)))  # doctest: +SKIP
    """
    from .render import render_html

    art = article.to_pandas()
    a = art.records.article
    title = a.get("title") or art.article_id
    pub = _fmt_date(a.get("published")) or "unknown"
    if a.get("published") is not None and a.get("published_inferred"):
        pub += " (estimated from the text)"
    meta = [f"published {_e(pub)}", f"{a.get('n_words') or 0} words", f"{a.get('n_sentences') or 0} sentences"]
    if a.get("source"):
        meta.append(_e(a["source"]))
    if a.get("url"):
        meta.append(f'<a href="{_html.escape(str(a["url"]), quote=True)}">original</a>')
    parts = []
    if index_href:
        parts.append(f'<nav><a href="{_html.escape(index_href, quote=True)}">&larr; report index</a></nav>')
    parts += [f"<h1>{_e(title)}</h1>", f'<p class="note">{" · ".join(meta)}</p>',
              f'<p class="note">article_id: <code>{_e(art.article_id)}</code></p>',
              "<h2>The article, annotated</h2>",
              render_html(art.text, actors=art.actors, mentions=art.mentions, dates=art.dates,
                          statements=art.statements)]
    for heading, table, columns in _ARTICLE_TABLES:
        frame = art.table(table)
        parts.append(f"<h2>{heading} ({len(frame)})</h2>")
        parts.append(_frame_html(frame, columns))
    return _page(str(title), "\n".join(parts))


def _render_pages(payloads: Sequence[tuple], out_dir: str) -> list[str]:
    """Worker task: write the pages of some articles (``(name, text, records)`` each)."""
    from .article import Article

    written = []
    for name, text, records in payloads:
        (Path(out_dir) / name).write_text(article_page(Article(text, records)), encoding="utf-8")
        written.append(name)
    return written


def _page_pool(workers: int) -> cf.Executor:
    # like parse_many: a forkserver that imports the toolkit once (fork is unsafe with polars' threads)
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["toolkit.report"])
    else:  # pragma: no cover - Windows, macOS without forkserver
        ctx = multiprocessing.get_context("spawn")
    return cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx)


def write_article_pages(corpus, out_dir: Union[str, Path], *, limit: Optional[int] = None,
                        workers: int = 1) -> dict[str, str]:
    """Write a page per article (the first ``limit`` articles; all when ``None``) into ``out_dir``.

    With ``workers >= 2`` and more articles than a few, pages are rendered in worker processes.

    Returns:
        ``{article_id: file name}`` of the pages written, in corpus order.

    Example:
        >>> write_article_pages(corpus, "reports/articles", limit=20)  # doctest: +SKIP
    """
    out = Path(out_dir)
    n = len(corpus) if limit is None else min(limit, len(corpus))
    if n:
        out.mkdir(parents=True, exist_ok=True)
    taken: set = set()
    names = {}
    payloads = []
    for i in range(n):
        art = corpus[i]
        if art.article_id in names:
            continue
        names[art.article_id] = page_name(art.article_id, taken)
        payloads.append((names[art.article_id], art.text, art.records))
    if workers < 2 or len(payloads) < 8:
        _render_pages(payloads, str(out))
        return names
    size = max(1, -(-len(payloads) // (workers * 4)))
    with _page_pool(workers) as pool:
        futures = [pool.submit(_render_pages, payloads[i:i + size], str(out))
                   for i in range(0, len(payloads), size)]
        for f in futures:
            f.result()
    return names


# --------------------------------------------------------------------------- notebooks


@dataclass
class NotebookRun:
    """One corpus notebook executed for a report."""

    name: str
    html: Optional[Path]
    ipynb: Optional[Path]
    error: Optional[str] = None
    seconds: float = 0.0


def drop_bundled_readings(nb):
    """Replace the cells tagged :data:`READING_TAG` by a one-line note (a report on other
    articles must not carry prose about the bundled ones)."""
    import nbformat

    for i, cell in enumerate(nb.cells):
        if READING_TAG in cell.get("metadata", {}).get("tags", []):
            note = nbformat.v4.new_markdown_cell(READING_LEFT_OUT)
            note.id = cell.get("id", note.id)
            nb.cells[i] = note
    return nb


def _need_papermill():
    try:
        import nbformat  # noqa: F401
        import papermill as pm
        from nbconvert import HTMLExporter  # noqa: F401
    except ImportError as exc:
        raise ImportError(f"toolkit report needs papermill and nbconvert ({exc}); "
                          f"install them with: pip install 'newskit-toolkit[dev]'") from None
    return pm


def corpus_notebooks(notebooks: Optional[Sequence[Path]] = None) -> list[Path]:
    """The notebooks a report runs: those whose parameters cell takes ``corpus_dir``."""
    pm = _need_papermill()
    nbs = list(notebooks) if notebooks is not None else sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
    return [nb for nb in nbs if "corpus_dir" in pm.inspect_notebook(str(nb))]


def run_notebook(nb: Path, *, tables_dir: Path, out_dir: Path, timeout: int = 600) -> NotebookRun:
    """Execute one corpus notebook with papermill on the tables in ``tables_dir``; write the
    executed ``.ipynb`` and its HTML (bundled readings replaced) to ``out_dir``. A notebook that
    fails is still written, with the error, and the error is returned in ``NotebookRun.error``."""
    import nbformat
    from nbconvert import HTMLExporter

    pm = _need_papermill()
    target = out_dir / f"{nb.stem}.ipynb"
    t0 = time.perf_counter()
    error = None
    try:
        # The kernel's working directory goes through nbclient's ``resources``, not papermill's
        # ``cwd``: papermill's ``cwd`` changes the whole process's directory, and the notebooks
        # run in threads, so two of them racing could leave the caller in notebooks/.
        pm.execute_notebook(str(nb), str(target), parameters={"corpus_dir": str(tables_dir.resolve())},
                            kernel_name="python3", progress_bar=False, execution_timeout=timeout,
                            resources={"metadata": {"path": str(nb.parent)}})
    except pm.PapermillExecutionError as exc:
        error = f"{nb.name} failed at cell {exc.exec_count}: {exc.ename}: {exc.evalue}"
    if not target.is_file():
        return NotebookRun(nb.stem, None, None, error or f"{nb.name}: no output written")
    nb_out = drop_bundled_readings(nbformat.read(target, as_version=4))
    nbformat.write(nb_out, target)
    body, _ = HTMLExporter().from_notebook_node(nb_out)
    html_path = target.with_suffix(".html")
    html_path.write_text(body, encoding="utf-8")
    return NotebookRun(nb.stem, html_path, target, error, time.perf_counter() - t0)


# --------------------------------------------------------------------------- index


def _top_speakers(statements, k: int = 3) -> dict[str, str]:
    if not len(statements):
        return {}
    counts = statements.dropna(subset=["speaker"]).groupby(["article_id", "speaker"]).size()
    out: dict[str, str] = {}
    for aid, grp in counts.groupby(level=0):
        top = grp.droplevel(0).sort_index().sort_values(ascending=False, kind="stable").head(k)
        out[aid] = ", ".join(f"{s} ({c})" for s, c in top.items())
    return out


def _article_rows(corpus, pages: dict[str, str], pages_dir: str) -> str:
    arts = corpus.articles
    n_st = corpus.statements.groupby("article_id").size().to_dict() if len(corpus.statements) else {}
    top = _top_speakers(corpus.statements)
    rows = []
    for r in arts.to_dict("records"):
        aid = r["article_id"]
        title = _e(r.get("title")) or _e(aid)
        if aid in pages:
            title = f'<a href="{_html.escape(pages_dir + "/" + pages[aid], quote=True)}">{title}</a>'
        pub = r.get("published")
        iso = "" if pub is None or str(pub) in ("NaT", "<NA>") else f"{pub:%Y-%m-%d}"
        shown = iso + (" (est.)" if iso and r.get("published_inferred") else "")
        rows.append(f'<tr><td data-sort="{_e(r.get("title") or aid)}">{title}</td><td>{_e(r.get("source"))}</td>'
                    f'<td data-sort="{iso}">{shown}</td><td>{_e(r.get("n_words"))}</td>'
                    f"<td>{n_st.get(aid, 0)}</td><td>{_e(top.get(aid, ''))}</td></tr>")
    return "\n".join(rows)


def _counts_html(corpus) -> str:
    t = {name: len(corpus.table(name)) for name in ("articles", "sentences", "actors", "mentions", "dates",
                                                     "statements", "events")}
    t["errors"] = len(corpus.error_list)
    t["inputs"] = t["articles"] + t["errors"]
    order = ["inputs", "articles", "errors", "sentences", "actors", "mentions", "dates", "statements", "events"]
    cells = "".join(f"<tr><th>{k}</th><td>{t[k]}</td></tr>" for k in order)
    return f'<table class="counts">{cells}</table>'


def _errors_html(corpus) -> str:
    errs = corpus.error_list
    if not errs:
        return '<p class="note">Every input was parsed.</p>'
    rows = "".join(f"<tr><td>{_e(e.path or '')}</td><td>{_e(e.article_id)}</td><td>{_e(e.stage)}</td>"
                   f'<td class="error">{_e(e.reason)}</td></tr>' for e in errs)
    return ("<table><thead><tr><th>input</th><th>article_id</th><th>stage</th><th>reason</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _links_html(out_dir: Path, notebooks: Sequence[NotebookRun], tables: dict[str, Path]) -> str:
    items = []
    for run in notebooks:
        links = []
        if run.html is not None:
            links.append(f'<a href="{_rel(run.html, out_dir)}">{_e(run.name)}</a>')
        else:
            links.append(_e(run.name))
        if run.ipynb is not None:
            links.append(f'(<a href="{_rel(run.ipynb, out_dir)}">notebook</a>)')
        if run.error:
            links.append(f'<span class="error">failed: {_e(run.error)}</span>')
        items.append("<li>" + " ".join(links) + "</li>")
    if not items:
        items.append('<li class="note">No corpus report was run.</li>')
    if tables:
        items.append("<li>tables: " + ", ".join(f'<a href="{_rel(p, out_dir)}">{_e(p.name)}</a>'
                                                for _, p in sorted(tables.items())) + "</li>")
    return "<ul>" + "\n".join(items) + "</ul>"


def _rel(target: Path, start: Path) -> str:
    return _html.escape(Path(os.path.relpath(Path(target).resolve(), Path(start).resolve())).as_posix(), quote=True)


def index_page(corpus, *, out_dir: Path, pages: dict[str, str], pages_dir: str = "articles",
               notebooks: Sequence[NotebookRun] = (), tables: Optional[dict[str, Path]] = None,
               title: str = "Report") -> str:
    """The report's ``index.html``: counts, errors with reasons, links to the corpus reports,
    tables and article pages, and a table of articles sortable by any column (inline script).

    Example:
        >>> html = index_page(corpus, out_dir=Path("reports"), pages={"a1": "a1.html"})  # doctest: +SKIP
    """
    n = len(corpus)
    parts = [f"<h1>{_e(title)}</h1>"]
    if n:
        parts.append("<p>" + "<br>".join(_e(s) for s in describe_corpus(corpus).splitlines()) + "</p>")
    else:
        parts.append(f'<p class="error">Nothing was parsed: all {len(corpus.error_list)} inputs failed '
                     f"(reasons below), so there is no report to show.</p>")
    parts += ["<h2>What was parsed</h2>", _counts_html(corpus),
              f"<h2>Inputs that failed ({len(corpus.error_list)})</h2>", _errors_html(corpus)]
    if n:
        parts += ["<h2>Corpus reports</h2>", _links_html(out_dir, notebooks, tables or {})]
        shown = (f"{len(pages)} of {n} articles have a page (the titles are links)" if len(pages) < n
                 else "every title links to the article's page")
        parts += [f"<h2>Articles ({n})</h2>",
                  f'<p class="note">Click a column heading to sort; {shown}.</p>',
                  '<table class="sortable" id="articles"><thead><tr><th>title</th><th>source</th>'
                  '<th>published</th><th data-type="number">words</th><th data-type="number">statements</th>'
                  "<th>top speakers</th></tr></thead><tbody>",
                  _article_rows(corpus, pages, pages_dir), "</tbody></table>"]
    return _page(title, "\n".join(parts), script=bool(n))


# --------------------------------------------------------------------------- the whole report


@dataclass
class Report:
    """What :func:`build_report` wrote."""

    out_dir: Path
    index: Path
    n_articles: int
    n_errors: int
    pages: dict = field(default_factory=dict)
    notebooks: list = field(default_factory=list)

    @property
    def failures(self) -> list[str]:
        """Why the report is incomplete: nothing parsed, or notebooks that failed."""
        out = [r.error for r in self.notebooks if r.error]
        if not self.n_articles:
            out.insert(0, f"nothing could be parsed: all {self.n_errors} inputs failed "
                          f"(their reasons are listed in {self.index})")
        return out


def build_report(inputs, *, out_dir: Union[str, Path], published=None, article_pages: ArticlePages = "all",
                 workers: int = 1, cache_dir=None, notebooks: Optional[Sequence[Path]] = None,
                 timeout: int = 600, log: Callable[[str], None] = print) -> Report:
    """Parse ``inputs`` once and write a report folder: ``tables/``, ``articles/<id>.html``,
    the corpus notebooks as ``.ipynb`` and ``.html``, and ``index.html``.

    Args:
        inputs: what :func:`toolkit.parse_many` takes (folders, globs, paths, ArticleInputs).
        out_dir: the report folder (created).
        published: publication date for every article (else each header's, else estimated).
        article_pages: ``"all"``, ``"none"`` or a number: pages for the first N articles.
        workers: processes for parsing and for the article pages.
        cache_dir: parse cache folder (see :func:`toolkit.parse_many`).
        notebooks: the corpus notebooks to run (default: every notebook of ``notebooks/``
            whose parameters cell takes ``corpus_dir``).
        timeout: seconds allowed per notebook cell.
        log: called with one line per step.

    Returns:
        A :class:`Report`; ``report.failures`` is empty when everything was written.

    Example:
        >>> rep = build_report(["new-articles/"], out_dir="reports/new", article_pages=20, workers=2)  # doctest: +SKIP
    """
    from .corpus import parse_many
    from .ingest import ArticleWarning

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    nbs = corpus_notebooks(notebooks)
    t0 = time.perf_counter()
    with warnings.catch_warnings():  # unreadable inputs are listed in the index
        warnings.simplefilter("ignore", ArticleWarning)
        corpus = parse_many(inputs, published=published, workers=workers, cache_dir=cache_dir)
    log(f"parsed: {corpus.summary()} ({time.perf_counter() - t0:.1f}s)")
    rep = Report(out, out / "index.html", len(corpus), len(corpus.error_list))
    tables: dict[str, Path] = {}
    if len(corpus):
        tables = corpus.write_parquet(out / "tables")
        t0 = time.perf_counter()
        rep.pages = write_article_pages(corpus, out / "articles",
                                        limit=n_article_pages(article_pages, len(corpus)), workers=workers)
        log(f"wrote {len(rep.pages)} article pages in {out / 'articles'} ({time.perf_counter() - t0:.1f}s)")
        # each notebook runs in its own kernel process, side by side (their outputs do not depend on it)
        with cf.ThreadPoolExecutor(max_workers=max(1, len(nbs))) as pool:
            runs = [pool.submit(run_notebook, nb, tables_dir=out / "tables", out_dir=out, timeout=timeout)
                    for nb in nbs]
            for fut in runs:
                run = fut.result()
                rep.notebooks.append(run)
                log(f"FAILED {run.name} ({run.error})" if run.error else f"wrote {run.html} ({run.seconds:.0f}s)")
    rep.index.write_text(index_page(corpus, out_dir=out, pages=rep.pages, notebooks=rep.notebooks,
                                    tables=tables, title=f"Report on {len(corpus)} article{'s' if len(corpus) != 1 else ''}"),
                         encoding="utf-8")
    log(f"wrote {rep.index}")
    return rep

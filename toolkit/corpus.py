"""Corpora at scale: streaming parse, a content-addressed cache, parallel and distributed runs.

:func:`parse_many` turns many articles into one :class:`Corpus` whose tables are pandas or
polars frames, or lazy polars frames over a Parquet dataset (:meth:`Corpus.scan`).

* **Streaming.** Inputs are read one at a time and parsed in chunks of ``batch_size`` with
  ``nlp.pipe``; a spaCy ``Doc`` is dropped as soon as its records are extracted, so memory
  holds the pipeline, the compact (Arrow) tables and the texts, never the parses.
* **Cache.** With ``cache_dir=``, each article's records are stored as one small Parquet
  file whose name is a hash of the text, the metadata (id, title, source, url, publication
  date), the toolkit version and code fingerprint, and the pipeline name, version and
  components. A rerun reads these files instead of parsing: adding one article to a folder
  parses only that article. Entries are written atomically (temporary file + rename) and
  carry a checksum; a damaged entry is detected, removed and recomputed.
* **Parallel.** ``workers=N`` parses in N processes on this machine, forked (Linux) from this
  process with its loaded pipeline where that is safe, else started fresh, each loading the
  pipeline (see :func:`worker_start_method`); texts go out in chunks of about
  ``CHUNK_WORDS`` words. ``executor=`` takes any :class:`concurrent.futures.Executor` or a Dask
  ``distributed.Client``. Workers receive texts and metadata and send back the encoded
  records; the corpus is assembled in input order, so the frames are identical whatever runs
  the work.

Running on a Dask cluster (``pip install "newskit-toolkit[dask]"``; the toolkit and the spaCy
pipeline must be installed on every worker, the cache directory is only used by the client)::

    from dask.distributed import Client
    client = Client("tcp://scheduler-host:8786")   # or Client(LocalCluster(n_workers=4))
    corpus = toolkit.parse_many("archive/", executor=client, cache_dir="~/.cache/toolkit")

Example:
    >>> corpus = parse_many("data/articles", workers=2, cache_dir=".toolkit-cache")  # doctest: +SKIP
    >>> corpus.stats                                                                 # doctest: +SKIP
    {'parsed': 11, 'cached': 0, 'failed': 0, 'corrupt': 0}
    >>> corpus.write_parquet("data/processed")                                       # doctest: +SKIP
    >>> read_corpus("data/processed").scan("statements").filter(pl.col("mode") == "direct").collect()  # doctest: +SKIP
"""

from __future__ import annotations

import ast
import collections
import concurrent.futures as cf
import datetime as dt
import functools
import gc
import hashlib
import io
import itertools
import json
import multiprocessing
import os
import sys
import tempfile
import threading
import time
import warnings
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union

import polars as pl

from . import article as _article
from . import frames
from . import identity as _identity
from .ingest import ArticleInput, ReadError, expand_paths, iter_articles
from .models import NlpLike, load_pipeline, pipeline_id

#: The tables of a corpus, in order (``errors`` is kept apart).
TABLES = ("articles", "sentences", "actors", "mentions", "dates", "statements", "attributions",
          "events")
#: Bump when the cache entry layout changes.
CACHE_FORMAT = 1
#: Words of text per chunk sent to a worker process (a chunk also holds at most ``batch_size``
#: articles): about half a second of work, so that the workers finish close together.
CHUNK_WORDS = 2000
_MAGIC = b"TKCACHE1"
_DIGEST = 32
#: Modules that do not change what is extracted (left out of the code fingerprint).
_PRESENTATION = {"cli.py", "plots.py", "render.py", "report.py", "rhetoric.py", "evaluate.py", "paths.py", "__main__.py"}

PathLike = Union[str, Path]


# --------------------------------------------------------------------------- cache keys


def fingerprint_files() -> list[Path]:
    """The files whose contents key the cache: every extraction module of the package,
    subpackages included (``statements/``, ``actors/``), and every lexicon."""
    pkg = Path(__file__).resolve().parent
    files = sorted(p for p in pkg.rglob("*.py")
                   if "__pycache__" not in p.parts and p.relative_to(pkg).as_posix() not in _PRESENTATION)
    return files + sorted((pkg / "data").glob("**/*.y*ml"))


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of the toolkit version, its extraction code and its lexicons.

    Any change to an extractor or a lexicon (``toolkit/data/*.yaml``) gives new cache keys, so
    a cache never serves records made by older rules.
    """
    from ._version import __version__

    pkg = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{__version__}|{CACHE_FORMAT}".encode())
    for p in fingerprint_files():
        h.update(p.relative_to(pkg).as_posix().encode())
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:16]


def pipeline_signature(nlp) -> str:
    """``lang_name-version`` of a pipeline plus its active components (part of cache keys)."""
    return f"{pipeline_id(nlp)}[{','.join(nlp.pipe_names)}]"


def cache_key(item: ArticleInput, published: Optional[dt.date], *, pipeline: str) -> str:
    """The content address of one article's records (hex SHA-256).

    The key covers the text, the metadata that ends up in the tables (article id, title,
    source, url, effective publication date), the toolkit code fingerprint and the pipeline
    signature. The file path is not part of it: moving a folder keeps its cache.
    """
    meta = [CACHE_FORMAT, code_fingerprint(), pipeline, item.article_id, item.title, item.source,
            item.url, published.isoformat() if published else None]
    if getattr(item, "author", None):  # only when set: keys of articles without one are unchanged
        meta.append(item.author)
    h = hashlib.sha256(json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    h.update(b"\x00")
    h.update(item.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


class Cache:
    """A content-addressed store of per-article records, one file per article.

    An entry is ``<dir>/<k[:2]>/<k>.tkc``: an 8-byte magic, a BLAKE2b checksum of the rest,
    then a Parquet file with one row and one ``list<struct>`` column per table. Entries are
    written to a temporary file and renamed into place, so readers never see half a file;
    an entry whose checksum or Parquet decoding fails is deleted and reported as a miss.

    Example:
        >>> cache = Cache(tmp_path)                       # doctest: +SKIP
        >>> cache.put(key, encode_records(records))       # doctest: +SKIP
        >>> cache.get(key) is not None                    # doctest: +SKIP
        True
    """

    def __init__(self, directory: PathLike):
        self.directory = Path(directory).expanduser()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.corrupt = 0
        self._write_failed = False

    def path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.tkc"

    def get(self, key: str) -> Optional[pl.DataFrame]:
        """The decoded entry (a one-row nested frame), or ``None`` if absent or damaged."""
        path = self.path(key)
        try:
            blob = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError:
            return None
        payload = blob[len(_MAGIC) + _DIGEST:]
        ok = (blob[: len(_MAGIC)] == _MAGIC
              and hashlib.blake2b(payload, digest_size=_DIGEST).digest() == blob[len(_MAGIC): len(_MAGIC) + _DIGEST])
        nested = None
        if ok:
            try:
                nested = decode_payload(payload)
            except Exception:
                nested = None
        if nested is None:
            self.corrupt += 1
            try:
                path.unlink()
            except OSError:
                pass
        return nested

    def put(self, key: str, payload: bytes) -> None:
        """Store an encoded entry atomically (a failure to write only warns once)."""
        path = self.path(key)
        blob = _MAGIC + hashlib.blake2b(payload, digest_size=_DIGEST).digest() + payload
        try:
            path.parent.mkdir(exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".tkc")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(blob)
                os.replace(tmp, path)
            except BaseException:
                with _suppress():
                    os.unlink(tmp)
                raise
        except OSError as exc:
            if not self._write_failed:
                warnings.warn(f"toolkit cache: cannot write to {self.directory} ({exc}); continuing without it",
                              RuntimeWarning, stacklevel=3)
                self._write_failed = True

    def __len__(self) -> int:
        return sum(1 for _ in self.directory.glob("*/*.tkc"))


class _suppress:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return True


# --------------------------------------------------------------------------- encoding


@functools.lru_cache(maxsize=1)
def _polars_schemas() -> dict[str, dict]:
    return {t: {c: frames._TYPES[k][1] for c, k in frames.SCHEMAS[t].items()} for t in TABLES + ("errors",)}


def records_frames(records) -> dict[str, pl.DataFrame]:
    """The polars frame of every table for one article's :class:`~toolkit.article.Records`."""
    out = {}
    for t in TABLES:
        rows = [records.article] if t == "articles" else getattr(records, t)
        out[t] = frames.build(t, rows, backend="polars")
    return out


def _nest(flat: dict[str, pl.DataFrame]) -> pl.DataFrame:
    return pl.concat([flat[t].select(pl.struct(pl.all()).implode().alias(t)) for t in TABLES], how="horizontal")


def encode_records(records) -> bytes:
    """Records of one article → Parquet bytes (one row, one ``list<struct>`` column per table)."""
    return encode_nested(_nest(records_frames(records)))


def encode_nested(nested: pl.DataFrame) -> bytes:
    """The one-row nested frame of an article → the Parquet bytes of a cache entry."""
    buf = io.BytesIO()
    nested.write_parquet(buf, compression="lz4", statistics=False)
    return buf.getvalue()


def decode_payload(payload: bytes) -> pl.DataFrame:
    """Parquet bytes from :func:`encode_records` → the one-row nested frame (checked)."""
    nested = pl.read_parquet(io.BytesIO(payload))
    if nested.columns != list(TABLES) or nested.height != 1:
        raise ValueError("not a toolkit cache entry")
    return nested


def _unnest(nested: pl.DataFrame) -> tuple[dict[str, pl.DataFrame], dict[str, list[int]]]:
    """Nested rows (one per article) → flat tables and per-article row counts."""
    schemas = _polars_schemas()
    tables, counts = {}, {}
    lazy = nested.lazy()
    for t in TABLES:
        counts[t] = nested.get_column(t).list.len().to_list() if nested.height else []
        flat = (lazy.select(t).filter(pl.col(t).list.len() > 0).explode(t).unnest(t).collect()
                if nested.height else pl.DataFrame(schema=schemas[t]))
        tables[t] = flat.select(list(schemas[t])).cast(schemas[t])
    return tables, counts


# --------------------------------------------------------------------------- pipelines in workers

_PIPELINES: dict = {}
_LOCAL = threading.local()


def _pipeline_spec(model, nlp: NlpLike) -> tuple:
    """How a worker gets the same pipeline: by name when possible, else config + weights."""
    if isinstance(nlp, str):
        return ("name", nlp)
    meta = model.meta or {}
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', '')}"
    try:
        if load_pipeline(name) is model:
            return ("name", name)
    except Exception:
        pass
    data = model.to_bytes()
    return ("bytes", hashlib.sha1(data).hexdigest(), model.config.to_str(), data)


def _load_spec(spec: tuple):
    kind = spec[0]
    if kind == "name":
        import spacy

        return spacy.load(spec[1])
    if kind == "bytes":
        import spacy
        from thinc.api import Config

        config = Config().from_str(spec[2])
        nlp = spacy.util.get_lang_class(config["nlp"]["lang"]).from_config(config)
        return nlp.from_bytes(spec[3])
    raise ValueError(f"unknown pipeline spec {kind!r}")


def _worker_pipeline(spec: tuple):
    """The pipeline for ``spec`` in this process/thread, loaded once and kept."""
    key = spec[1]
    if spec[0] == "fork":  # a forked worker: the parent's pipeline, shared copy-on-write
        return _PIPELINES[key]
    if threading.current_thread() is threading.main_thread():
        store = _PIPELINES
    else:  # spaCy pipelines are not guaranteed thread-safe: one per thread
        store = _LOCAL.__dict__.setdefault("pipelines", {})
    if key not in store:
        if spec[0] == "ref":
            store[key] = _PIPELINES[key]
        elif spec[0] == "name" and store is _PIPELINES:
            store[key] = load_pipeline(spec[1])
        else:
            store[key] = _load_spec(spec)
    return store[key]


def _init_worker(spec: tuple) -> None:
    """Process-pool initializer: load the pipeline once per process (and warm it up)."""
    _PIPELINES[spec[1]] = _warm_up(_load_spec(spec))


def _warm_up(model):
    """Parse and extract a short text: the extractors build their lexicons and matchers on
    first use (a second or more), which must not count against the first article's time
    limit. Returns ``model``."""
    process_items(model, [(0, _WARM_TEXT, "warm-up", None, None, None, None, None)], raw=True)
    return model


def _ping() -> int:
    """A task that returns once a worker is up (its pipeline loaded)."""
    time.sleep(0.05)  # long enough for the pool to start every worker
    return os.getpid()


# --------------------------------------------------------------------------- how workers start

#: Pipeline component factories whose libraries (torch) keep threads or GPU state that a fork breaks.
_FORK_UNSAFE_FACTORIES = ("transformer", "llm")
_GUARD = 'if __name__ == "__main__":'
#: Parsed and extracted once before workers are forked, so that they inherit warm extractors.
_WARM_TEXT = ("WASHINGTON, May 16, 2025 -- Dmitry Peskov, the Kremlin spokesman, said on Friday that the talks "
              "in Istanbul would resume next week. \u201cWe are ready,\u201d he told reporters. Elena Marsh of "
              "the State Department said she expected an agreement by June 2. The two sides "
              "met in Geneva on Monday and agreed to exchange 1,000 prisoners; they signed a memorandum. "
              "President Trump spoke with Ukraine's president by phone, the White House said.")


def worker_start_method(model=None) -> tuple[str, str]:
    """How ``parse_many(workers=N)`` starts its worker processes now, and why not by fork.

    Fork (Linux) starts the workers in milliseconds and shares this process's loaded pipeline
    with them copy-on-write; forked workers send back plain records and never touch polars,
    whose thread pool does not survive a fork. Fork is not chosen when it is not safe: on
    other systems, when other Python threads are running (a forked worker could inherit a
    lock one of them holds), or when the pipeline runs on a GPU or through a transformer.
    Then workers start from a fresh ``forkserver`` (else ``spawn``) and each loads the
    pipeline itself. The environment variable ``TOOLKIT_START_METHOD`` (``fork``,
    ``forkserver`` or ``spawn``) overrides the choice.

    Args:
        model: the spaCy pipeline the workers will run (its components are checked).

    Returns:
        ``(method, reason)``; ``reason`` says why fork was not chosen (``""`` for fork).

    Raises:
        ValueError: ``TOOLKIT_START_METHOD`` names a start method this system does not have.

    Example:
        >>> worker_start_method(toolkit.load_pipeline())   # doctest: +SKIP
        ('fork', '')
    """
    methods = multiprocessing.get_all_start_methods()
    forced = os.environ.get("TOOLKIT_START_METHOD", "").strip().lower()
    if forced:
        if forced not in methods:
            raise ValueError(f"TOOLKIT_START_METHOD={forced!r} is invalid on this system; must be one of "
                             f"{', '.join(methods)} (or unset)")
        return forced, "" if forced == "fork" else "TOOLKIT_START_METHOD is set"
    reason = _fork_unsafe(model)
    if not reason:
        return "fork", ""
    return ("forkserver" if "forkserver" in methods else "spawn"), reason


def _fork_unsafe(model) -> str:
    """Why forking this process now is unsafe, or ``""``."""
    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        return f"fork is not safe on {sys.platform}"
    if threading.current_thread() is not threading.main_thread():
        return "parse_many is not called from the main thread"
    others = sorted(t.name for t in threading.enumerate() if t is not threading.current_thread())
    if others:
        return (f"{len(others)} other thread(s) are running ({', '.join(others[:3])}); a forked worker "
                f"could inherit a lock one of them holds")
    for name in getattr(model, "pipe_names", ()):
        factory = str(model.get_pipe_meta(name).factory)
        if any(k in factory for k in _FORK_UNSAFE_FACTORIES):
            return f"the pipeline's component {name!r} ({factory}) keeps threads that do not survive a fork"
    try:
        from thinc.api import get_current_ops

        ops = get_current_ops().name
    except Exception:  # pragma: no cover - thinc always has ops
        ops = "numpy"
    if ops in ("cupy", "mps"):
        return f"the pipeline runs on a GPU ({ops}), whose state does not survive a fork"
    return ""


def _unguarded_main_call() -> Optional[str]:
    """``"script.py, line N"`` when this call comes from the top-level code of the main script
    outside an ``if __name__ == "__main__":`` block (a start method other than fork would run
    that code again in every worker), else ``None``."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if not path:  # python -c, an interactive session, a notebook: nothing is imported again
        return None
    frame = sys._getframe(1)
    while frame is not None and not (frame.f_globals is vars(main) and frame.f_code.co_name == "<module>"):
        frame = frame.f_back
    if frame is None:  # not called while the script's top-level code runs
        return None
    try:
        tree = ast.parse(Path(path).read_bytes())
    except (OSError, SyntaxError, ValueError):
        return None
    line = frame.f_lineno
    for node in tree.body:
        if isinstance(node, ast.If) and _is_main_test(node.test) and node.lineno <= line <= (node.end_lineno or line):
            return None
    return f"{path}, line {line}"


def _is_main_test(test) -> bool:
    """``__name__ == "__main__"`` (either way round)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = (test.left, test.comparators[0])
    return ({s.id for s in sides if isinstance(s, ast.Name)} == {"__name__"}
            and {s.value for s in sides if isinstance(s, ast.Constant)} == {"__main__"})


class _PoolFactory:
    """Makes the process pool of ``workers=N``, and a new one after a worker died or ran over
    time. The start method is chosen once, when the run starts: threads started later by the
    run itself (the old pool's, the progress bar's) hold no lock a worker needs."""

    def __init__(self, model, nlp: NlpLike, workers: int, warm: bool):
        self.model, self.nlp, self.workers, self.warm = model, nlp, workers, warm
        self.method, self.reason = worker_start_method(model)
        self._spec: Optional[tuple] = None
        if self.method != "fork":
            where = _unguarded_main_call()
            if where:
                why = f" ({self.reason})" if self.reason else ""
                raise RuntimeError(
                    f"parse_many(workers={workers}) is called from the top-level code of {where}, outside an "
                    f"`{_GUARD}` block. Its worker processes start with {self.method}{why}, which imports the "
                    f"script again in each worker and would run it again. Put the code that runs when the "
                    f"script starts under `{_GUARD}` (see docs/corpus.md), or use workers=1.")

    def task_spec(self) -> tuple:
        """What a task names to get its pipeline in the worker."""
        if self.method == "fork":
            key = f"parent-{id(self.model)}"
            if key not in _PIPELINES:
                _warm_up(self.model)  # once here, inherited by every worker, not once per worker
            _PIPELINES[key] = self.model  # inherited by the forked workers
            return ("fork", key)
        return ("ref", self._load_spec()[1])

    def _load_spec(self) -> tuple:
        if self._spec is None:
            self._spec = _pipeline_spec(self.model, self.nlp)
        return self._spec

    def __call__(self) -> cf.Executor:
        ctx = multiprocessing.get_context(self.method)
        init, initargs = None, ()
        if self.method != "fork":
            if self.method == "forkserver":
                ctx.set_forkserver_preload(["toolkit.corpus"])
            init, initargs = _init_worker, (self._load_spec(),)
        pool = cf.ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, initializer=init, initargs=initargs)
        gc.freeze()  # with fork the workers start at the first task: their collector leaves the heap shared
        try:
            first = [pool.submit(_ping) for _ in range(self.workers)] if self.warm else [pool.submit(os.getpid)]
        finally:
            gc.unfreeze()
        if self.warm:  # with a time limit, the workers' start-up must not count against an article
            for f in first:
                f.result()
        return pool

    def close(self) -> None:
        if self.method == "fork":
            _PIPELINES.pop(f"parent-{id(self.model)}", None)


# --------------------------------------------------------------------------- the unit of work

# An item shipped to a worker: (index, text, article_id, published, title, source, url, path, author)
Item = tuple


def _extract_one(item: Item, doc, keep_doc: bool, local: bool = False, raw: bool = False):
    idx, _text, aid, pub, title, source, url, path = item[:8]
    author = item[8] if len(item) > 8 else None
    try:
        recs = _article.extract(doc, article_id=aid, published=pub, title=title, source=source, url=url, path=path,
                                author=author)
    except Exception as exc:  # an extractor bug must not lose the article silently
        return (idx, None, ("extract", f"{type(exc).__name__}: {exc}"), None)
    if raw:  # a forked worker: plain records, the frames are built by the parent
        return (idx, recs, None, None)
    try:
        nested = _nest(records_frames(recs))
        payload = nested if local else encode_nested(nested)
    except Exception as exc:
        return (idx, None, ("encode", f"{type(exc).__name__}: {exc}"), None)
    return (idx, payload, None, doc if keep_doc else None)


@functools.lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's ``malloc_trim`` or ``None`` (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes, trim.restype = [ctypes.c_size_t], ctypes.c_int
    return trim


def release_memory() -> None:
    """Hand freed heap pages back to the operating system (glibc only; a no-op elsewhere).

    Extracting records from a parse allocates and frees many small native blocks; glibc keeps
    the freed pages, so without this a long run's RSS grows by ~0.3 MB per article although
    nothing is alive. Called after every chunk of articles; it takes about a millisecond.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def process_items(nlp, items: Sequence[Item], *, batch_size: int = 32, keep_docs: bool = False,
                  local: bool = False, raw: bool = False) -> list:
    """Parse and extract a chunk of articles with ``nlp``; one result per item, in order.

    A result is ``(index, payload, error, doc)``: ``payload`` is the encoded records (see
    :func:`encode_records`; with ``local=True``, in this process, the nested frame itself,
    which saves a Parquet round trip; with ``raw=True``, in a forked worker, the
    :class:`~toolkit.article.Records`, which keeps polars out of the worker) or ``None`` with
    ``error = (stage, reason)``. If
    ``nlp.pipe`` fails on a batch, the remaining texts are parsed one by one so only the bad
    one fails.
    """
    out: list = []
    try:
        for item, doc in zip(items, nlp.pipe((it[1] for it in items), batch_size=batch_size)):
            out.append(_extract_one(item, doc, keep_docs, local, raw))
    except Exception:
        for item in items[len(out):]:
            try:
                doc = nlp(item[1])
            except Exception as exc:
                out.append((item[0], None, ("parse", f"{type(exc).__name__}: {exc}"), None))
                continue
            out.append(_extract_one(item, doc, keep_docs, local, raw))
    release_memory()
    return out


def run_chunk(spec: tuple, items: Sequence[Item], batch_size: int = 32) -> list:
    """The task shipped to a worker (process, thread or Dask): parse ``items`` with ``spec``."""
    return process_items(_worker_pipeline(spec), items, batch_size=batch_size, raw=spec[0] == "fork")


# --------------------------------------------------------------------------- runners


class _SerialRunner:
    """Runs chunks in this process with the caller's pipeline object."""

    def __init__(self, model, batch_size: int, keep_docs: bool):
        self.model, self.batch_size, self.keep_docs = model, batch_size, keep_docs
        self.chunk_size = batch_size
        self.chunk_words = None  # one nlp.pipe batch of batch_size articles
        self.max_in_flight = 1

    def submit(self, items) -> cf.Future:
        fut: cf.Future = cf.Future()
        fut.set_result(process_items(self.model, items, batch_size=self.batch_size, keep_docs=self.keep_docs,
                                     local=True))
        return fut

    def recover(self, exc: BaseException, fut: Optional[cf.Future] = None) -> None:
        pass

    def close(self) -> None:
        pass


class _ExecutorRunner:
    """Runs chunks on a ``concurrent.futures.Executor`` (process pool, thread pool, Dask)."""

    def __init__(self, executor: cf.Executor, spec: tuple, batch_size: int, n_slots: int, own: bool = False,
                 restart: Optional[Callable[[], cf.Executor]] = None):
        self.executor, self.spec, self.batch_size, self.own = executor, spec, batch_size, own
        self.restart = restart
        self.generation = 0  # how many times the pool was replaced
        # chunks sized to the work (words), small enough that the workers finish together
        self.chunk_size, self.chunk_words = batch_size, CHUNK_WORDS
        self.max_in_flight = max(2, 3 * n_slots)

    def submit(self, items) -> cf.Future:
        fut = self.executor.submit(run_chunk, self.spec, list(items), self.batch_size)
        fut.toolkit_generation = self.generation
        return fut

    def recover(self, exc: BaseException, fut: Optional[cf.Future] = None) -> None:
        """After ``fut`` failed: a process pool of ours whose worker died (killed, out of
        memory) is replaced, and one whose worker runs over the time limit is stopped and
        replaced, so that the rest of the batch goes on; not again for the other futures of
        a pool already replaced. (A caller's executor is left as it is.)"""
        if self.restart is None or not isinstance(exc, (BrokenProcessPool, TimeoutError)):
            return
        if fut is not None and getattr(fut, "toolkit_generation", self.generation) != self.generation:
            return
        if isinstance(exc, TimeoutError):
            for proc in list((getattr(self.executor, "_processes", None) or {}).values()):
                proc.kill()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self.restart()
        self.generation += 1

    def close(self) -> None:
        if self.own:
            self.executor.shutdown(wait=True, cancel_futures=True)
            getattr(self.restart, "close", lambda: None)()


def dask_executor(client_or_address: Any = None) -> cf.Executor:
    """A ``concurrent.futures.Executor`` over a Dask cluster, for ``parse_many(executor=...)``.

    Args:
        client_or_address: a ``distributed.Client``, a scheduler address such as
            ``"tcp://10.0.0.5:8786"``, or ``None`` for a new local cluster.

    Example:
        >>> corpus = parse_many(paths, executor=dask_executor("tcp://scheduler:8786"))  # doctest: +SKIP
    """
    try:
        from dask.distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the extra
        raise ImportError('Dask support needs the "dask" extra: pip install "newskit-toolkit[dask]"') from exc
    client = client_or_address if isinstance(client_or_address, Client) else Client(client_or_address)
    return client.get_executor()


def _is_dask_client(obj) -> bool:
    return type(obj).__name__ == "Client" and hasattr(obj, "get_executor") and hasattr(obj, "scheduler_info")


def _make_runner(model, nlp: NlpLike, *, workers: int, executor, batch_size: int, keep_docs: bool,
                 warm: bool = False):
    if executor is None and workers == 1:
        return _SerialRunner(model, batch_size, keep_docs)
    if keep_docs:
        raise ValueError("keep_docs=True needs workers=1 and no executor (docs stay in the worker processes)")
    if executor is None:
        factory = _PoolFactory(model, nlp, workers, warm)
        spec = factory.task_spec()  # before the pool forks: a forked worker finds the pipeline by it
        runner = _ExecutorRunner(factory(), spec, batch_size, workers, own=True, restart=factory)
        runner.start_method, runner.start_reason = factory.method, factory.reason
        return runner
    spec = _pipeline_spec(model, nlp)
    if _is_dask_client(executor):
        n = sum(w.get("nthreads", 1) for w in executor.scheduler_info().get("workers", {}).values()) or 1
        return _ExecutorRunner(executor.get_executor(), spec, batch_size, n)
    if not isinstance(executor, cf.Executor) and not hasattr(executor, "submit"):
        raise TypeError(f"executor must be a concurrent.futures.Executor or a dask Client, "
                        f"not {type(executor).__name__}")
    n = getattr(executor, "_max_workers", None) or workers or 2
    return _ExecutorRunner(executor, spec, batch_size, n)


# --------------------------------------------------------------------------- progress


class _Progress:
    def __init__(self, enabled: bool, total: Optional[int]):
        self.bar = None
        self.enabled = enabled
        self.n = 0
        self.total = total
        self._last = 0.0
        if not enabled:
            return
        try:
            from tqdm.auto import tqdm

            self.bar = tqdm(total=total, unit="article", desc="parsing", file=sys.stderr, dynamic_ncols=True)
        except ImportError:
            self.bar = None

    def update(self, n: int = 1, **postfix) -> None:
        self.n += n
        if not self.enabled:
            return
        if self.bar is not None:
            self.bar.update(n)
            if postfix:
                self.bar.set_postfix(postfix, refresh=False)
        elif time.monotonic() - self._last > 0.5 or (self.total and self.n >= self.total):
            self._last = time.monotonic()
            tot = f"/{self.total}" if self.total else ""
            print(f"\rparsing: {self.n}{tot} articles", end="", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.enabled and self.n:
            print(file=sys.stderr)


# --------------------------------------------------------------------------- corpus


class Corpus(_article._Tables):
    """Several parsed articles; each table concatenates the articles' rows, in input order.

    Tables are attributes (``corpus.statements``) in the corpus backend (pandas by default),
    ``corpus.to_polars()`` gives polars frames, and ``corpus.scan(name)`` a lazy polars frame
    (over the Parquet dataset the corpus was written to or read from, else over memory).
    ``corpus.errors`` lists every input that could not be read or parsed, so that
    inputs = articles + errors always holds. ``corpus.stats`` says how many articles were
    parsed, read from the cache, or failed.

    Internally the tables are kept as compact Arrow (polars) columns with per-article row
    counts; ``corpus[i]`` / ``corpus["article_id"]`` rebuilds one :class:`~toolkit.Article`.

    Example:
        >>> corpus = toolkit.parse_many("data/articles")              # doctest: +SKIP
        >>> corpus.statements.groupby("speaker").size()                # doctest: +SKIP
        >>> corpus["000_a191f6331583f074"].dates                       # doctest: +SKIP
    """

    _tables = TABLES
    _also_written = ("errors",)

    def __init__(self, articles: Sequence = (), errors: Sequence[ReadError] = (), *, backend: str = "pandas"):
        super().__init__(backend)
        arts = list(articles)
        per = [records_frames(a.records) for a in arts]
        tables = {t: (pl.concat([p[t] for p in per], how="vertical") if per else
                      pl.DataFrame(schema=_polars_schemas()[t])) for t in TABLES}
        counts = {t: [p[t].height for p in per] for t in TABLES}
        self._init(tables, counts, [a.text for a in arts], list(errors),
                   docs=[a.doc for a in arts] if any(a.doc is not None for a in arts) else None)
        self._objects = None if self.identity.changed else arts  # corpus ids differ from the articles'

    def _init(self, tables, counts, texts, errors, *, docs=None, source_dir=None, stats=None,
              identity_rules=None, resolved=None):
        # one actor_id per real actor across the corpus (toolkit.identity); the tables as the
        # articles gave them are kept for with_identity()
        self._raw = (tables, counts)
        self.identity_rules = identity_rules
        tables, counts, self.identity = resolved or _identity.apply_to_corpus(
            tables, counts, rules=identity_rules, texts=texts)
        self._pl = tables
        self._counts = counts
        self._offsets = {t: [0, *itertools.accumulate(c)] for t, c in counts.items()}
        self._texts = texts
        self._docs = docs
        self.error_list = list(errors)
        self.source_dir = Path(source_dir) if source_dir else None
        self.stats = dict(stats or {"parsed": len(texts), "cached": 0, "failed": len(self.error_list), "corrupt": 0})
        self._objects = None
        self._ids = None

    @classmethod
    def _from_tables(cls, tables, counts, texts, errors, *, backend="pandas", **kw) -> "Corpus":
        obj = cls.__new__(cls)
        _article._Tables.__init__(obj, backend)
        obj._init(tables, counts, texts, errors, **kw)
        return obj

    def _shallow(self, backend: str) -> "Corpus":
        obj = Corpus._from_tables(self._pl, self._counts, self._texts, self.error_list, backend=backend,
                                  docs=self._docs, source_dir=self.source_dir, stats=self.stats,
                                  identity_rules=self.identity_rules,
                                  resolved=(self._pl, self._counts, self.identity))
        obj._objects, obj._raw = self._objects, self._raw
        return obj

    # identity -------------------------------------------------------------

    @property
    def actor_index(self):
        """One row per actor of the corpus: actor_id, name, aliases, kind, n_articles,
        n_mentions, n_statements (see :mod:`toolkit.identity`; names it left apart as
        ambiguous are in ``corpus.identity.ambiguous``)."""
        if "actor_index" not in self._cache:
            self._cache["actor_index"] = _identity.actor_index(
                self._pl["actors"], self._pl["mentions"], self._pl["statements"], backend=self.backend)
        return self._cache["actor_index"]

    def with_identity(self, rules) -> "Corpus":
        """The same corpus with the user's identity rules (a YAML file with ``merge`` and
        ``split``, or a mapping; see :func:`toolkit.identity.read_identity_rules`), applied
        to the tables as the articles gave them.

        Example:
            >>> corpus = corpus.with_identity("my_actors.yaml")   # doctest: +SKIP
            >>> corpus.actor_index.head()                          # doctest: +SKIP
        """
        tables, counts = self._raw
        return Corpus._from_tables(tables, counts, self._texts, self.error_list, backend=self.backend,
                                   docs=self._docs, source_dir=self.source_dir, stats=self.stats,
                                   identity_rules=_identity.read_identity_rules(rules))

    # tables ---------------------------------------------------------------

    def table(self, name: str):
        """One table by name, as a frame of this corpus's backend."""
        if name not in frames.SCHEMAS:
            raise ValueError(f"table {name!r} is invalid; must be one of {', '.join(frames.TABLES)}")
        if name not in self._cache:
            if name == "errors":
                self._cache[name] = frames.build("errors", self.error_list, backend=self.backend)
            elif self.backend == "polars":
                self._cache[name] = self._pl[name]
            else:
                self._cache[name] = _to_pandas(name, self._pl[name])
        return self._cache[name]

    def _rows(self, table: str) -> list:
        if table == "errors":
            return list(self.error_list)
        return self._pl[table].to_dicts()

    errors = property(lambda self: self.table("errors"), doc="Inputs that could not be read or parsed.")

    def scan(self, name: str) -> pl.LazyFrame:
        """A lazy polars frame of one table.

        Over the Parquet file of the dataset this corpus was written to
        (:meth:`write_parquet`) or read from (:func:`read_corpus`), so filters and column
        selections are pushed down to the file; otherwise over the in-memory table.

        Example:
            >>> corpus.scan("statements").filter(pl.col("speaker") == "Peskov").collect()  # doctest: +SKIP
        """
        if name not in frames.SCHEMAS:
            raise ValueError(f"table {name!r} is invalid; must be one of {', '.join(frames.TABLES)}")
        if self.source_dir is not None and (self.source_dir / f"{name}.parquet").is_file() \
                and not (self.identity.changed and name in _identity.ID_COLUMNS):  # files hold other ids
            return pl.scan_parquet(self.source_dir / f"{name}.parquet")
        if name == "errors":
            return frames.build("errors", self.error_list, backend="polars").lazy()
        return self._pl[name].lazy()

    # articles -------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._texts)

    def _article(self, i: int):
        if self._objects is not None:
            art = self._objects[i]
            return art if art.backend == self.backend else (art.to_polars() if self.backend == "polars" else art.to_pandas())
        recs = {}
        for t in TABLES:
            a, b = self._offsets[t][i], self._offsets[t][i + 1]
            recs[t] = self._pl[t].slice(a, b - a).to_dicts()
        records = _article.Records(article=recs["articles"][0], **{t: recs[t] for t in TABLES[1:]})
        doc = self._docs[i] if self._docs is not None else None
        return _article.Article(self._texts[i] or "", records, backend=self.backend, doc=doc)

    def __iter__(self) -> Iterator:
        return (self._article(i) for i in range(len(self)))

    @property
    def articles_list(self) -> list:
        """Every article as an :class:`~toolkit.Article` (rebuilt on demand)."""
        return list(self)

    def __getitem__(self, key: Union[int, str]):
        if isinstance(key, str):
            if self._ids is None:
                ids: dict = {}
                for i, aid in enumerate(self._pl["articles"].get_column("article_id").to_list()):
                    ids.setdefault(aid, i)
                self._ids = ids
            if key not in self._ids:
                raise KeyError(f"no article with article_id {key!r}")
            return self._article(self._ids[key])
        n = len(self)
        if not -n <= key < n:
            raise IndexError(f"corpus index {key} out of range ({n} articles)")
        return self._article(key % n)

    def to_polars(self) -> "Corpus":
        """The same corpus with polars frames (no copy)."""
        return self._shallow("polars")

    def to_pandas(self) -> "Corpus":
        """The same corpus with pandas frames (no copy)."""
        return self._shallow("pandas")

    def summary(self) -> str:
        n = {t: self._pl[t].height for t in TABLES}
        return (f"{len(self)} articles parsed, {len(self.error_list)} errors; "
                f"{n['actors']} actor rows, {n['dates']} dates, "
                f"{n['statements']} statements, {n['events']} events")

    def __repr__(self) -> str:
        return f"<Corpus: {self.summary()}>"

    # outputs --------------------------------------------------------------

    def write_parquet(self, directory: PathLike, *, texts: bool = True) -> dict[str, Path]:
        """Write one Parquet file per table: ``directory/<table>.parquet`` (plus ``errors``).

        Each file is a Parquet dataset readable by polars (``pl.scan_parquet``), pandas
        (``pd.read_parquet``), DuckDB (``SELECT * FROM 'dir/statements.parquet'``) and Spark
        (``spark.read.parquet``). ``texts.parquet`` (article_id, text) lets
        :func:`read_corpus` restore the article texts. Files are written atomically and the
        output is deterministic. Afterwards :meth:`scan` reads from these files.

        Returns:
            ``{table: path}`` of the files written.
        """
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = {}
        tables = {t: self._pl[t] for t in TABLES}
        tables["errors"] = frames.build("errors", self.error_list, backend="polars")
        if texts:
            tables["texts"] = _texts_frame(self._pl["articles"], self._texts)
        for name, frame in tables.items():
            path = out / f"{name}.parquet"
            tmp = out / f".{name}.parquet.tmp"
            frame.write_parquet(tmp, statistics=True, compression="zstd")
            tmp.replace(path)
            written[name] = path
        self.source_dir = out
        return written

    def write_csv(self, directory: PathLike) -> dict[str, Path]:
        """Write one CSV file per table (UTF-8, header row, ISO dates) to ``directory``."""
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = {}
        tables = {t: self._pl[t] for t in TABLES}
        tables["errors"] = frames.build("errors", self.error_list, backend="polars")
        for name, frame in tables.items():
            path = out / f"{name}.csv"
            tmp = out / f".{name}.csv.tmp"
            frame.write_csv(tmp)
            tmp.replace(path)
            written[name] = path
        return written

    @classmethod
    def from_parquet(cls, directory: PathLike, *, backend: str = "pandas") -> "Corpus":
        """Reopen a corpus written by :meth:`write_parquet` (see :func:`read_corpus`)."""
        return read_corpus(directory, backend=backend)


def _to_pandas(name: str, frame: pl.DataFrame):
    """A polars table → the pandas frame :func:`frames.build` would give (same dtypes, values)."""
    import pandas as pd

    schema = frames.SCHEMAS[name]
    return pd.DataFrame({c: frames._pandas_column(frame.get_column(c).to_list(), k) for c, k in schema.items()})


def read_corpus(directory: PathLike, *, backend: str = "pandas") -> Corpus:
    """Open a Parquet dataset written by :meth:`Corpus.write_parquet` as a corpus.

    Missing tables are empty; texts come from ``texts.parquet`` when present (else ``""``).
    ``corpus.scan(name)`` then reads lazily from these files.

    Raises:
        FileNotFoundError: ``directory`` has no ``articles.parquet``.

    Example:
        >>> corpus = read_corpus("data/processed")                                # doctest: +SKIP
        >>> corpus.scan("events").group_by("action").len().collect()              # doctest: +SKIP
    """
    frames.check_backend(backend)
    src = Path(directory)
    if not (src / "articles.parquet").is_file():
        raise FileNotFoundError(f"{src}: no articles.parquet (not a corpus written by write_parquet)")
    schemas = _polars_schemas()

    def load(name):
        p = src / f"{name}.parquet"
        if not p.is_file():
            return pl.DataFrame(schema=schemas[name])
        df = pl.read_parquet(p)
        missing = [c for c in schemas[name] if c not in df.columns]
        if "article_id" in missing or len(missing) * 2 > len(schemas[name]):
            raise ValueError(f"{p}: column {missing[0]!r} is missing (not a table written by write_parquet)")
        if missing:
            # A dataset written by an earlier version: its newer columns are left empty.
            warnings.warn(f"{p}: written by an earlier version of the toolkit; column(s) "
                          f"{', '.join(missing)} left empty (parse the articles again to fill them)",
                          stacklevel=3)
            df = df.with_columns([pl.lit(None).alias(c) for c in missing])
        return df.select(list(schemas[name])).cast(schemas[name])

    arts = load("articles")
    ids = arts.get_column("article_id").to_list()
    first: dict = {}
    for i, a in enumerate(ids):
        first.setdefault(a, i)
    tables, counts = {"articles": arts}, {"articles": [1] * len(ids)}
    for t in TABLES[1:]:
        df = load(t)
        pos = df.get_column("article_id").replace_strict(first, default=None, return_dtype=pl.Int64)
        df = df.with_columns(pos.alias("__pos")).filter(pl.col("__pos").is_not_null()).sort("__pos", maintain_order=True)
        per = df.group_by("__pos").len()
        c = [0] * len(ids)
        for p, n in per.iter_rows():
            c[p] = n
        tables[t], counts[t] = df.drop("__pos"), c
    texts = [""] * len(ids)
    if (src / "texts.parquet").is_file():
        tx = pl.read_parquet(src / "texts.parquet")
        if tx.height == len(ids):
            texts = tx.get_column("text").to_list()
        else:
            by_id = dict(zip(tx.get_column("article_id").to_list(), tx.get_column("text").to_list()))
            texts = [by_id.get(a, "") for a in ids]
    errors = [ReadError(r["path"] or "", r["article_id"], r["stage"] or "", r["reason"] or "")
              for r in load("errors").iter_rows(named=True)]
    return Corpus._from_tables(tables, counts, texts, errors, backend=backend, source_dir=src,
                               stats={"parsed": 0, "cached": 0, "failed": len(errors), "corrupt": 0})


# --------------------------------------------------------------------------- parse_many


def _count_and_stream(inputs) -> tuple[Optional[int], Iterator[Union[ArticleInput, ReadError]]]:
    if isinstance(inputs, (str, Path, ArticleInput)):
        inputs = [inputs]
    if not hasattr(inputs, "__len__"):  # a generator: stream it, total unknown
        def gen():
            paths = []
            for item in inputs:
                if isinstance(item, ArticleInput):
                    yield item
                else:
                    paths.append(item)
            if paths:
                yield from iter_articles(paths)
        return None, gen()
    direct = [x for x in inputs if isinstance(x, ArticleInput)]
    paths = [x for x in inputs if not isinstance(x, ArticleInput)]
    files = expand_paths(paths) if paths else []
    # a .jsonl/.csv/... file may hold many articles: count only when each file is one article
    single = all(f.suffix.lower() in (".txt", ".md") for f in files)
    total = len(direct) + len(files) if single else None
    return total, itertools.chain(direct, iter_articles(files) if files else ())


class _Slot:
    __slots__ = ("item", "pub", "key", "nested", "fut", "pos", "cached", "words")

    def __init__(self, item, pub, key):
        self.item, self.pub, self.key = item, pub, key
        self.nested = self.fut = self.pos = self.words = None
        self.cached = False


class _Builder:
    """Accumulates decoded articles in compact Arrow chunks; with a sink, hands them to it
    every ``flush_every`` articles and keeps nothing."""

    def __init__(self, keep_docs: bool, sink: Optional["_ParquetSink"] = None, flush_every: int = 1000):
        self.rows: list = []
        self.chunks: list = []
        self.texts: list = []
        self.paths: list = []
        self.docs: Optional[list] = [] if keep_docs else None
        self.sink = sink
        self.flush_every = flush_every

    def add(self, nested: pl.DataFrame, item: ArticleInput, doc) -> None:
        self.rows.append(nested)
        self.texts.append(item.text)
        self.paths.append(item.path)
        if self.docs is not None:
            self.docs.append(doc)
        if len(self.rows) >= 256:
            self.chunks.append(pl.concat(self.rows, how="vertical", rechunk=True))
            self.rows = []
        if self.sink is not None and len(self.texts) >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        """Write what is held to the sink and forget it (streaming mode)."""
        if not self.texts:
            return
        tables, _ = self.finish()
        self.sink.write(tables, self.texts)
        self.texts, self.paths = [], []
        release_memory()

    def finish(self):
        if self.rows:
            self.chunks.append(pl.concat(self.rows, how="vertical", rechunk=True))
            self.rows = []
        nested = (pl.concat(self.chunks, how="vertical", rechunk=True) if self.chunks
                  else pl.DataFrame(schema={t: pl.List(pl.Struct(_polars_schemas()[t])) for t in TABLES}))
        self.chunks = []
        tables, counts = _unnest(nested)
        del nested
        # the path is not part of the cache key: always report where the article was read now
        tables["articles"] = tables["articles"].with_columns(pl.Series("path", self.paths, dtype=pl.String))
        return tables, counts


def _texts_frame(articles: pl.DataFrame, texts: list) -> pl.DataFrame:
    """The ``texts`` table (article_id, text) written next to the others."""
    return pl.DataFrame({"article_id": articles.get_column("article_id"),
                         "text": pl.Series("text", texts, dtype=pl.String)})


class _ParquetSink:
    """Appends slices of a corpus to ``directory/<table>.parquet`` (one row group per
    slice) with the schemas of :meth:`Corpus.write_parquet`; files appear atomically on
    :meth:`close`."""

    def __init__(self, directory: PathLike, *, texts: bool = True):
        import pyarrow.parquet as pq

        self._pq = pq
        self.out = Path(directory)
        self.out.mkdir(parents=True, exist_ok=True)
        schemas = dict(_polars_schemas())
        schemas["errors"] = frames.build("errors", [], backend="polars").schema
        if texts:
            schemas["texts"] = {"article_id": pl.String, "text": pl.String}
        self.schemas = schemas
        self.writers: dict = {}
        self.n_articles = 0

    def _write(self, name: str, frame: pl.DataFrame) -> None:
        schema = self.schemas[name]
        table = frame.select(list(schema)).cast(schema).to_arrow()
        w = self.writers.get(name)
        if w is None:
            w = self.writers[name] = self._pq.ParquetWriter(
                self.out / f".{name}.parquet.tmp", table.schema, compression="zstd", write_statistics=True)
        w.write_table(table)

    def write(self, tables: dict, texts: list) -> None:
        for name in TABLES:
            self._write(name, tables[name])
        if "texts" in self.schemas:
            self._write("texts", _texts_frame(tables["articles"], texts))
        self.n_articles += tables["articles"].height

    def close(self, errors: Sequence[ReadError]) -> dict[str, Path]:
        self._write("errors", frames.build("errors", list(errors), backend="polars"))
        for name, schema in self.schemas.items():
            if name not in self.writers:
                self._write(name, pl.DataFrame(schema=schema))
        written = {}
        for name, w in self.writers.items():
            w.close()
            path = self.out / f"{name}.parquet"
            (self.out / f".{name}.parquet.tmp").replace(path)
            written[name] = path
        self.writers = {}
        return written

    def abort(self) -> None:
        for name, w in self.writers.items():
            w.close()
            (self.out / f".{name}.parquet.tmp").unlink(missing_ok=True)
        self.writers = {}


def parse_to_parquet(inputs, directory: PathLike, *, flush_every: int = 1000, texts: bool = True,
                     **options) -> dict:
    """Parse many articles straight into Parquet files, a slice at a time.

    Like ``parse_many(inputs, **options).write_parquet(directory)``, but the tables of every
    ``flush_every`` articles are appended to the files and dropped, so the tables never
    accumulate in memory. Read the result with :func:`read_corpus` (``corpus.scan``
    reads lazily).

    Args:
        inputs: as for :func:`parse_many`.
        directory: the output folder (``<table>.parquet``, ``errors.parquet`` and, with
            ``texts``, ``texts.parquet``).
        flush_every: articles held in memory before they are written.
        texts: also write the article texts.
        **options: the keyword options of :func:`parse_many` (``published``, ``nlp``,
            ``workers``, ``cache_dir``, ``executor``, ``batch_size``, ``progress``).

    Returns:
        ``{"parsed", "cached", "failed", "corrupt", "articles", "errors", "written"}``:
        counts, the errors (:class:`ReadError`) and ``{table: path}`` of the files.

    Example:
        >>> parse_to_parquet("archive/**/*.json", "data/processed", workers=2)  # doctest: +SKIP
        >>> read_corpus("data/processed").scan("statements").collect()          # doctest: +SKIP
    """
    if not isinstance(flush_every, int) or flush_every < 1:
        raise ValueError(f"flush_every={flush_every!r} is invalid; must be an integer >= 1")
    for bad in ("keep_docs", "backend"):
        if bad in options:
            raise TypeError(f"parse_to_parquet() does not take {bad!r}")
    sink = _ParquetSink(directory, texts=texts)
    try:
        stats = _parse(inputs, sink=sink, flush_every=flush_every, **options)
    except BaseException:
        sink.abort()
        raise
    errors = stats.pop("error_list")
    written = sink.close(errors)
    return {**stats, "articles": sink.n_articles, "errors": errors, "written": written}


def parse_many(inputs, *, published=None, nlp: NlpLike = None, batch_size: int = 32,
               backend: str = "pandas", workers: int = 1, cache_dir: Optional[PathLike] = None,
               executor: Any = None, progress: bool = False, keep_docs: bool = False,
               timeout: Optional[float] = None) -> Corpus:
    """Parse many articles (folders, glob patterns, paths or :class:`ArticleInput`) into a corpus.

    Texts are read one at a time and go through ``nlp.pipe`` in chunks; docs are dropped as
    soon as their records are extracted (memory does not grow with the parses). An input
    that cannot be read or parsed becomes a row of ``corpus.errors`` (path, article id,
    stage, reason); none is lost silently. Rows follow the input order whatever the
    number of workers, so the frames are identical to a serial run.

    Args:
        inputs: a folder, a glob pattern, a path, an ``ArticleInput``, or a list (or any
            iterable) of them.
        published: overrides every article's publication date (else each header's date,
            else an estimate from the text).
        nlp: a spaCy pipeline name or object. With workers, a name (or the default) lets
            each worker load it itself; an object is shipped as config + weights.
        batch_size: texts per ``nlp.pipe`` batch.
        backend: ``"pandas"`` or ``"polars"`` frames.
        workers: number of processes parsing on this machine (1: in this process).
        cache_dir: a directory for the content-addressed cache of per-article records
            (created if needed); ``None`` for no cache.
        executor: any ``concurrent.futures.Executor`` (``ThreadPoolExecutor``,
            ``ProcessPoolExecutor``, ...) or a ``dask.distributed.Client``; overrides
            ``workers``. It is not shut down.
        progress: show a progress bar on stderr (tqdm if installed, else a counter).
        keep_docs: keep each spaCy ``Doc`` on its article (uses much more memory; needs
            ``workers=1``, no executor; cached articles are parsed again to get their doc).
        timeout: seconds one article may take to parse and extract (``None``: no limit).
            An article over it becomes an error row at stage ``timeout``; with
            ``workers >= 2`` its worker process is stopped and replaced. Needs workers or an
            executor: a parse running in this process cannot be stopped. With a caller's
            executor the task is abandoned, not stopped.

    Returns:
        A :class:`Corpus`; ``corpus.stats`` counts articles parsed, from cache, failed.

    Raises:
        ValueError: ``published``, ``backend``, ``workers``, ``batch_size`` or ``timeout``
            is invalid.

    Example:
        >>> corpus = parse_many("data/articles", workers=2, cache_dir=".toolkit-cache")  # doctest: +SKIP
        >>> corpus.statements.groupby("speaker").size()                                  # doctest: +SKIP
    """
    frames.check_backend(backend)
    return _parse(inputs, published=published, nlp=nlp, batch_size=batch_size, backend=backend,
                  workers=workers, cache_dir=cache_dir, executor=executor, progress=progress,
                  keep_docs=keep_docs, timeout=timeout)


def _chunk_full(chunk: list, words: Optional[int]) -> bool:
    """Whether the articles of ``chunk`` hold ``words`` words or more (``None``: no limit)."""
    if words is None:
        return False
    if chunk[-1].words is None:
        chunk[-1].words = len(chunk[-1].item.text.split())
    return sum(s.words for s in chunk) >= words


def _chunk_results(runner, fut: cf.Future, items: list, timeout: Optional[float] = None) -> list:
    """The results of a chunk. When the chunk failed as a whole (its worker process died, a
    Dask worker was lost) or ran over ``timeout`` seconds per article, its articles are tried
    again one by one, so that only the one at fault becomes an error row, at stage
    ``worker`` or ``timeout``."""
    try:
        return fut.result(timeout=timeout * len(items) if timeout else None)
    except Exception as exc:
        runner.recover(exc, fut)
    out = []
    for item in items:
        retry = None
        try:
            retry = runner.submit([item])
            out.extend(retry.result(timeout=timeout))
        except TimeoutError as exc:
            runner.recover(exc, retry)
            out.append((item[0], None, ("timeout", f"parsing this article took longer than timeout={timeout:g} "
                                                   f"seconds, also when it was retried alone; it was "
                                                   f"stopped"), None))
        except Exception as exc:
            runner.recover(exc, retry)
            out.append((item[0], None, ("worker", f"the process parsing this article failed and failed "
                                                  f"again when it was retried alone ({type(exc).__name__}: "
                                                  f"{exc}); the other articles are not affected"), None))
    return out


def _check_parse_options(*, workers, batch_size, timeout, executor) -> None:
    """Refuse invalid options of :func:`parse_many` with a message saying what is expected."""
    if not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers={workers!r} is invalid; must be an integer >= 1")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise ValueError(f"batch_size={batch_size!r} is invalid; must be an integer >= 1")
    if timeout is not None:
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
            raise ValueError(f"timeout={timeout!r} is invalid; must be a number of seconds > 0")
        if workers == 1 and executor is None:
            raise ValueError("timeout needs workers >= 2 or an executor: a parse running in this "
                             "process cannot be stopped")


def _decoded(payload, *, encode: bool):
    """One article's result as ``(nested frame, payload for the cache, error)``: records from a
    forked worker, frames built in this process, or bytes from a worker or the cache."""
    try:
        if isinstance(payload, _article.Records):  # from a forked worker
            payload = _nest(records_frames(payload))
        if isinstance(payload, pl.DataFrame):  # frames built in this process
            nested = payload
            if encode:
                payload = encode_nested(nested)
        else:
            nested = decode_payload(payload)
    except Exception as exc:
        return None, payload, ("decode", f"{type(exc).__name__}: {exc}")
    return nested, payload, None


def _parse(inputs, *, published=None, nlp: NlpLike = None, batch_size: int = 32, backend: str = "pandas",
           workers: int = 1, cache_dir: Optional[PathLike] = None, executor: Any = None,
           progress: bool = False, keep_docs: bool = False, sink: Optional[_ParquetSink] = None,
           flush_every: int = 1000, timeout: Optional[float] = None):
    """The loop of :func:`parse_many` (returns a Corpus) and :func:`parse_to_parquet` (with a
    sink: returns the counts and the errors)."""
    _check_parse_options(workers=workers, batch_size=batch_size, timeout=timeout, executor=executor)
    override = _article.parse_published(published)
    model = load_pipeline(nlp)
    cache = Cache(cache_dir) if cache_dir is not None else None
    signature = pipeline_signature(model) if cache is not None else ""
    runner = _make_runner(model, nlp, workers=workers, executor=executor, batch_size=batch_size,
                          keep_docs=keep_docs, warm=timeout is not None)
    total, stream = _count_and_stream(inputs)
    bar = _Progress(progress, total)
    builder = _Builder(keep_docs, sink=sink, flush_every=flush_every)
    errors: list[ReadError] = []
    n_parsed = n_cached = 0
    slots: collections.deque = collections.deque()
    chunk: list = []
    in_flight: dict = {}  # future -> slots of its chunk not consumed yet

    chunk_items: dict = {}  # future -> the items it was given (to retry them one by one)
    results: dict = {}  # future -> its results by input position, while slots of it are queued

    def submit():
        items = [(s.pos, s.item.text, s.item.article_id, s.pub, s.item.title, s.item.source, s.item.url,
                  s.item.path, getattr(s.item, "author", None)) for s in chunk]
        fut = runner.submit(items)
        for s in chunk:
            s.fut = fut
        in_flight[fut] = len(chunk)
        chunk_items[fut] = items
        chunk.clear()

    def consume(drain: bool) -> None:
        nonlocal n_parsed, n_cached
        while slots:
            s = slots[0]
            if s.nested is not None:  # a cache hit
                slots.popleft()
                builder.add(s.nested, s.item, None)
                n_cached += 1
                bar.update(1)
                continue
            if s.fut is None:  # its chunk is not submitted yet
                return
            if not s.fut.done() and not (drain or len(in_flight) >= runner.max_in_flight):
                return
            fut = s.fut
            if fut not in results:  # cache hits may sit between the slots of one chunk
                results[fut] = {r[0]: r for r in _chunk_results(runner, fut, chunk_items.pop(fut), timeout)}
            by_pos = results[fut]
            # the slots of this chunk leave the queue in input order (hits may sit between them)
            while slots and slots[0].fut is fut:
                t = slots.popleft()
                in_flight[fut] -= 1
                if not in_flight[fut]:
                    del in_flight[fut], results[fut]
                _, payload, err, doc = by_pos[t.pos]
                aid = t.item.article_id
                if err is None:
                    nested, payload, err = _decoded(payload, encode=cache is not None)
                if err is not None:
                    errors.append(ReadError(t.item.path or "", aid, err[0], err[1]))
                    bar.update(1)
                    continue
                if cache is not None:
                    cache.put(t.key, payload)
                builder.add(nested, t.item, doc)
                n_parsed += 1
                bar.update(1)

    try:
        for pos, item in enumerate(stream):
            if isinstance(item, ReadError):
                errors.append(item)
                bar.update(1)
                continue
            try:
                pub = override or _article.parse_published(
                    item.published, what=f"{item.path or item.article_id}: published")
            except ValueError as exc:
                errors.append(ReadError(item.path or "", item.article_id, "read", str(exc)))
                bar.update(1)
                continue
            key = cache_key(item, pub, pipeline=signature) if cache is not None else None
            slot = _Slot(item, pub, key)
            slot.pos = pos
            if cache is not None and not keep_docs:
                slot.nested = cache.get(key)
                slot.cached = slot.nested is not None
            slots.append(slot)
            if slot.nested is None:
                chunk.append(slot)
                if len(chunk) >= runner.chunk_size or _chunk_full(chunk, runner.chunk_words):
                    submit()
            consume(drain=False)
        if chunk:
            submit()
        consume(drain=True)
    finally:
        runner.close()
        bar.close()
    stats = {"parsed": n_parsed, "cached": n_cached, "failed": len(errors),
             "corrupt": cache.corrupt if cache is not None else 0}
    if sink is not None:
        builder.flush()
        return {**stats, "error_list": errors}
    tables, counts = builder.finish()
    return Corpus._from_tables(tables, counts, builder.texts, errors, backend=backend, docs=builder.docs,
                               stats=stats)

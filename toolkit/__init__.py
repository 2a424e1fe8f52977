"""toolkit: English news articles into tidy tables of actors, dates, statements and events.

Example:
    >>> import toolkit
    >>> art = toolkit.parse(text, published="2025-05-30")  # doctest: +SKIP
    >>> art.statements                                     # doctest: +SKIP
"""

from .article import Article, parse, parse_published
from .corpus import Corpus, parse_many, parse_to_parquet, read_corpus
from .evaluate import evaluate
from .chronology import chronology
from .ingest import ArticleInput, ArticleWarning, ReadError, iter_articles, read_article, read_articles
from .models import DEFAULT_PIPELINE, load_pipeline

from ._version import __version__

__all__ = [
    "Article", "ArticleInput", "ArticleWarning", "Corpus", "DEFAULT_PIPELINE", "chronology", "evaluate", "iter_articles",
    "load_pipeline", "parse", "parse_many", "parse_published", "parse_to_parquet", "ReadError", "read_article", "read_articles", "read_corpus",
]

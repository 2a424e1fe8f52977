"""Project paths, defined once. Notebooks and scripts import these, never build ``../..``."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PROJECT_DIR / "data"
ARTICLES_DIR = DATA_DIR / "articles"
PROCESSED_DIR = DATA_DIR / "processed"
REPORTS_DIR = PROJECT_DIR / "reports"
NOTEBOOKS_DIR = PROJECT_DIR / "notebooks"
SEEDS_DIR = PROJECT_DIR / "seeds"
LEXICON_DIR = PACKAGE_DIR / "data"
SEED_ARTICLE = SEEDS_DIR / "000_a191f6331583f074.txt"

#: Read-only reference data beside the project (gold annotations, corpus, benchmarks).
#: Override with the ``TOOLKIT_SHARED_DIR`` environment variable.
SHARED_DIR = Path(os.environ.get("TOOLKIT_SHARED_DIR", PROJECT_DIR.parent / "shared"))
GOLD_DIR = SHARED_DIR / "gold"

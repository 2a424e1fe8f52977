import pytest

from toolkit.models import load_pipeline
from toolkit.paths import GOLD_DIR, SHARED_DIR


@pytest.fixture(scope="session")
def nlp():
    """The default English pipeline, loaded once per test session."""
    return load_pipeline()


@pytest.fixture(scope="session")
def gold_dir():
    if not GOLD_DIR.is_dir():
        pytest.skip(f"reference annotations not found at {GOLD_DIR} (set TOOLKIT_SHARED_DIR)")
    return GOLD_DIR


@pytest.fixture(scope="session")
def shared_dir():
    if not SHARED_DIR.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DIR} (set TOOLKIT_SHARED_DIR)")
    return SHARED_DIR

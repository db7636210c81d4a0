import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SHARED = Path(os.environ.get("NEWSCLEAN_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        message = f"seed articles not found at {SEEDS} (set NEWSCLEAN_SHARED)"
        if os.environ.get("CI"):  # CI always has shared/ beside the clone: missing seeds are a failure
            pytest.fail(message)
        pytest.skip(message)
    return SEEDS

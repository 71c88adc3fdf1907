"""Where the five seed plans are: `../shared/seeds` beside the checkout (as in CI)."""

from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"

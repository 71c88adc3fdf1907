"""Accuracy and speed of the plan reader (issue 8).

Run from the project root:

    THIDUA_DEBUG=1 .venv/bin/python bench/planimport.py [--seeds ../shared/seeds]

1. Reads each of the five seed plans with `read_plan` and compares every field the tests
   expect (the `EXPECTED` dicts of `tests/planimport/expected_*.py`, one module per group of
   fields; a group whose module is missing is skipped and named) with what the reader found.
   Prints, per seed and overall: fields expected, correct, accuracy, and each wrong field
   with the value expected and the value read.
2. Times the reading of a synthetic 200-page plan: the seeds repeated to about 600,000
   characters (best of three runs, wall clock and CPU). The requirement is well under 2 s.

No database is used; nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GROUPS = ("header", "lists", "awards")  # header holds the period and rounds too
TARGET_CHARS = 600_000


def setup() -> None:
    os.environ.setdefault("THIDUA_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    # The readers ask the rules of the law (legal values seeded by the migrations): an
    # in-memory database, migrated, holds them.
    os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def plain(value):
    """JSON values only, so a date read compares with the ISO text of an expectation."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value


def expectations() -> tuple[dict[str, dict[str, object]], list[str]]:
    """seed → path → value, merged over the groups; and the groups skipped."""
    merged: dict[str, dict[str, object]] = {}
    skipped = []
    found = sorted(p.stem[9:] for p in (ROOT / "tests" / "planimport").glob("expected_*.py"))
    for group in dict.fromkeys([*GROUPS, *found]):
        try:
            module = importlib.import_module(f"tests.planimport.expected_{group}")
        except ImportError:
            skipped.append(group)
            continue
        for seed, fields in module.EXPECTED.items():
            merged.setdefault(seed, {}).update(fields)
    return merged, skipped


def short(value, limit: int = 90) -> str:
    text = json.dumps(plain(value), ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def accuracy(seeds: dict[str, str]) -> None:
    from thidua.planimport.reader import read_plan

    expected, skipped = expectations()
    if skipped:
        print(f"groups skipped (no tests/planimport/expected_<group>.py): {', '.join(skipped)}")
    total = correct = 0
    print(f"{'seed':<6}{'expected':>10}{'correct':>10}{'accuracy':>10}")
    wrong_all = []
    for seed, text in sorted(seeds.items()):
        fields = expected.get(seed, {})
        draft = read_plan(text)
        wrong = [
            (path, value, draft.get(path))
            for path, value in fields.items()
            if plain(draft.get(path)) != plain(value)
        ]
        right = len(fields) - len(wrong)
        total += len(fields)
        correct += right
        rate = f"{100 * right / len(fields):.1f}%" if fields else "—"
        print(f"{seed:<6}{len(fields):>10}{right:>10}{rate:>10}")
        wrong_all += [(seed, *item) for item in wrong]
    rate = f"{100 * correct / total:.1f}%" if total else "—"
    print(f"{'all':<6}{total:>10}{correct:>10}{rate:>10}")
    if wrong_all:
        print("\nwrong fields:")
        for seed, path, value, got in wrong_all:
            print(f"  {seed} {path}\n      expected {short(value)}\n      read     {short(got)}")


def speed(seeds: dict[str, str]) -> None:
    from thidua.planimport.reader import read_plan

    pieces = [seeds[key] for key in sorted(seeds)]
    parts, size = [], 0
    while size < TARGET_CHARS and pieces:
        for piece in pieces:
            parts.append(piece)
            size += len(piece) + 1
            if size >= TARGET_CHARS:
                break
    text = "\n".join(parts)
    pages = len(text) / 3000
    runs = []
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        draft = read_plan(text)
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    best_wall = min(r[0] for r in runs)
    best_cpu = min(r[1] for r in runs)
    print(
        f"\nsynthetic plan: {len(text):,} characters (~{pages:.0f} pages of 3,000), "
        f"{text.count(chr(10)) + 1:,} lines"
    )
    print(f"read_plan: best of 3 {best_wall:.3f} s wall, {best_cpu:.3f} s CPU (limit 2 s)")
    print(f"fields found: {len(draft.sources)}, missing: {len(draft.missing)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--seeds", default=str(ROOT.parent / "shared" / "seeds"), help="folder of the 00N_*.txt"
    )
    args = parser.parse_args()
    setup()
    from thidua.planimport.extract import normalise

    seeds = {
        path.name[:3]: normalise(path.read_text(encoding="utf-8"))
        for path in sorted(Path(args.seeds).glob("00*.txt"))
    }
    if not seeds:
        sys.exit(f"no seed plans in {args.seeds}")
    accuracy(seeds)
    speed(seeds)


if __name__ == "__main__":
    main()

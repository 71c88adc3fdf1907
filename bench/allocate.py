"""Benchmark of `thidua allocate FILE --round CODE` against merely reading the file.

Run from the project root:

    .venv/bin/python bench/allocate.py                      # 10,000/250,000 and 100,000/2,500,000
    .venv/bin/python bench/allocate.py --sizes 10000:250000 --repeat 3
    .venv/bin/python bench/allocate.py --dir /tmp/thidua-bench --round 2024 --seed 1

For each size it generates the package with `bench/packages.py` (kept in `--dir`, reused when
it is there), then, each in its own subprocess: `thidua allocate` (the console script, with
THIDUA_DEBUG=1), timed from outside (wall clock) with its peak memory (the child's ru_maxrss
from `os.wait4`); and `json.load` of the same file, timed inside the subprocess (the parse
alone) with its peak memory. It prints one table and the ratio allocate / json.load.

The subprocesses run with bytecode caching on (PYTHONDONTWRITEBYTECODE unset, the cache under
`--dir`), as on an installed system; a first small run fills the cache, so that compiling
Django's sources does not count.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_ROUND = "2024"  # the round of bench/packages.py with every unit and person in its results
THIDUA = Path(sys.executable).parent / "thidua"
JSON_LOAD = (
    "import json, sys, time\n"
    "with open(sys.argv[1], encoding='utf-8') as f:\n"
    "    started = time.perf_counter()\n"
    "    json.load(f)\n"
    "print(time.perf_counter() - started)\n"
)


def environment(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    env["THIDUA_DEBUG"] = "1"
    return env


def run(command: list[str], env: dict[str, str], stdout) -> tuple[float, int, str]:
    """Run a command: (wall seconds, peak resident memory in MiB, stderr)."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=stdout, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)}: exit {process.returncode}\n{message}")
    return wall, usage.ru_maxrss // 1024, message


def package(directory: Path, units: int, people: int, seed: int) -> Path:
    path = directory / f"package-u{units}-p{people}-s{seed}.json"
    if not path.exists():
        partial = path.with_suffix(".part")
        command = [sys.executable, str(ROOT / "bench" / "packages.py"), "--units", str(units)]
        command += ["--people", str(people), "--seed", str(seed), "-o", str(partial)]
        subprocess.run(command, check=True)
        partial.rename(path)
    return path


def allocate(path: Path, round_code: str, env: dict[str, str], out: Path) -> tuple[float, int]:
    with out.open("wb") as stdout:
        wall, memory, _ = run(
            [str(THIDUA), "allocate", str(path), "--round", round_code], env, stdout
        )
    return wall, memory


def json_load(path: Path, env: dict[str, str]) -> tuple[float, float, int]:
    with tempfile.TemporaryFile() as stdout:
        wall, memory, _ = run([sys.executable, "-c", JSON_LOAD, str(path)], env, stdout)
        stdout.seek(0)
        parse = float(stdout.read())
    return parse, wall, memory


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="10000:250000,100000:2500000",
        help="units:people, comma-separated (default: %(default)s)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--round", default=BENCH_ROUND, help="the round to allocate")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best is kept")
    parser.add_argument(
        "--dir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "thidua-bench",
        help="where the packages and the bytecode cache are kept (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    sizes = [tuple(int(n) for n in size.split(":")) for size in args.sizes.split(",")]
    args.dir.mkdir(parents=True, exist_ok=True)
    env = environment(args.dir / "pycache")
    output = args.dir / "allocation.json"

    warm = package(args.dir, 40, 400, args.seed)
    allocate(warm, args.round, env, output)

    rows = []
    for units, people in sizes:
        path = package(args.dir, units, people, args.seed)
        best_allocate = best_load = None
        for _ in range(args.repeat):
            result = allocate(path, args.round, env, output)
            best_allocate = min(best_allocate or result, result)
            loaded = json_load(path, env)
            best_load = min(best_load or loaded, loaded)
        allocation = json.loads(output.read_bytes())
        rows.append((units, people, path.stat().st_size, best_allocate, best_load, allocation))
        print(f"{units:,} units, {people:,} people: done", file=sys.stderr)

    print(
        "| units   | people    | file    | allocate wall | allocate peak | json.load "
        "| json.load peak | ratio | awards | ties | ineligible |"
    )
    print(
        "|---------|-----------|---------|---------------|---------------|-----------|"
        "----------------|-------|--------|------|------------|"
    )
    for units, people, size, (wall, memory), (parse, _, load_memory), allocation in rows:
        print(
            f"| {units:>7,} | {people:>9,} | {size / 2**20:>4,.0f} MB | {wall:>11.2f} s "
            f"| {memory:>9,} MiB | {parse:>7.2f} s | {load_memory:>10,} MiB "
            f"| {wall / parse:>5.2f} | {len(allocation['awards']):>6,} "
            f"| {len(allocation['ties']):>4,} | {len(allocation['ineligible']):>10,} |"
        )


if __name__ == "__main__":
    main()

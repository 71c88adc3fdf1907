"""bench/load.py: its pure parts (percentiles, the request mix, the table), without a server."""

import importlib.util
import math
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "load.py"


@pytest.fixture(scope="module")
def load():
    spec = importlib.util.spec_from_file_location("bench_load", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        del sys.modules[spec.name]


def test_percentile_interpolates_between_closest_ranks(load):
    values = [5.0, 1.0, 4.0, 2.0, 3.0]

    assert load.percentile(values, 0) == 1.0
    assert load.percentile(values, 50) == 3.0
    assert load.percentile(values, 100) == 5.0
    assert load.percentile(values, 95) == pytest.approx(4.8)
    assert load.percentile(list(range(1, 101)), 99) == pytest.approx(99.01)
    assert load.percentile([7.0], 95) == 7.0
    assert math.isnan(load.percentile([], 50))


def test_roles_put_one_officer_in_three_users(load):
    roles = load.roles_for(20)

    assert roles[:4] == ["office", "focal", "focal", "office"]
    assert roles.count("office") == 7
    assert roles.count("focal") == 13


def test_mix_shares_the_total_and_follows_each_roles_cycle(load):
    roles = load.roles_for(20)
    mixes = load.build_mix(roles, 2003)

    assert sum(len(pages) for pages in mixes) == 2003
    assert sorted({len(pages) for pages in mixes}) == [100, 101]
    assert [len(pages) for pages in mixes[:4]] == [101, 101, 101, 100]
    for role, pages in zip(roles, mixes, strict=True):
        cycle = load.CYCLES[role]
        start = cycle.index(pages[0])
        assert pages == [cycle[(start + n) % len(cycle)] for n in range(len(pages))]
    # The officers never write, the focal officers never open the dashboard or the council.
    office = {
        page for role, pages in zip(roles, mixes, strict=True) if role == "office" for page in pages
    }
    focal = {
        page for role, pages in zip(roles, mixes, strict=True) if role == "focal" for page in pages
    }
    assert office == {"dashboard", "campaign", "unit", "council", "honour", "bare"}
    assert focal == {"campaign", "unit", "report", "nomination", "honour", "bare"}
    # Users start at different places of their cycle: not all on the same page at once.
    assert len({pages[0] for pages in mixes}) == 6


def test_mix_with_fewer_requests_than_users(load):
    mixes = load.build_mix(load.roles_for(5), 3)

    assert [len(pages) for pages in mixes] == [1, 1, 1, 0, 0]


def test_summary_counts_errors_and_compares_with_the_bare_view(load):
    samples = [("bare", float(ms), True) for ms in range(1, 21)]
    samples += [("dashboard", float(ms) * 3, True) for ms in range(1, 21)]
    samples += [("report", 30.0, True), ("report", 40.0, False)]

    summary = load.summarize(samples, wall=2.0)

    assert summary["requests"] == 42
    assert summary["rps"] == 21.0
    assert summary["errors"] == 1
    rows = {row["page"]: row for row in summary["pages"]}
    assert [row["page"] for row in summary["pages"]] == ["dashboard", "report", "bare"]
    assert rows["bare"]["p95"] == pytest.approx(19.05)
    assert rows["dashboard"]["ratio"] == pytest.approx(3.0)
    assert rows["dashboard"]["rps"] == 10.0
    assert (rows["report"]["count"], rows["report"]["errors"]) == (2, 1)
    assert rows["report"]["p50"] == 35.0
    assert load.main_pages_within(summary)
    samples.append(("council", 1000.0, True))
    assert not load.main_pages_within(load.summarize(samples, wall=2.0))


def test_table_has_one_line_per_page_with_its_figures(load):
    samples = [("bare", 10.0, True), ("bare", 20.0, True), ("campaign", 40.0, False)]
    table = load.format_table(20, load.summarize(samples, wall=1.5))
    lines = table.splitlines()

    assert lines[0] == ("20 người dùng đồng thời: 3 yêu cầu trong 1.5 s = 2.0 yêu cầu/s, 1 lỗi")
    assert lines[1].split() == [
        "trang",
        "số",
        "yc",
        "yc/s",
        "p50",
        "ms",
        "p95",
        "ms",
        "p99",
        "ms",
        "lỗi",
        "p95/bare",
    ]
    assert lines[2].split() == ["campaign", "1", "0.7", "40.0", "40.0", "40.0", "1", "2.05"]
    assert lines[3].split() == ["bare", "2", "1.3", "15.0", "19.5", "19.9", "0", "1.00"]

"""bench/packages.py: the synthetic package is valid, deterministic, and uses every rule."""

import importlib.util
import io
import json
from pathlib import Path

import pytest

from thidua.campaigns.package import (
    PackageError,
    Person,
    _Reader,
    parse_package_text,
    read_package,
)

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "packages.py"


@pytest.fixture(scope="module")
def packages():
    spec = importlib.util.spec_from_file_location("bench_packages", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(packages, seed: int, units: int = 60, people: int = 900) -> str:
    out = io.StringIO()
    packages.generate(units, people, seed, out)
    return out.getvalue()


def test_generated_package_is_read_without_error(packages):
    package = read_package(parse_package_text(generate(packages, seed=7)))

    assert (len(package.units), len(package.people), len(package.scheme)) == (60, 900, 17)
    assert [(r.code, r.kind) for r in package.campaign.rounds] == [
        ("2023", "annual"),
        ("2024", "annual"),
        ("2025", "annual"),
        ("2021-2023", "midterm"),
        ("2021-2025", "final"),
    ]
    counts = {
        code: (len(r.units), len(r.people), len(r.adhoc)) for code, r in package.results.items()
    }
    assert counts["2024"][1] > 800
    assert counts["2025"] == counts["2021-2025"] == (0, 0, 0)


def test_same_seed_gives_the_same_file_and_another_seed_another(packages):
    assert generate(packages, seed=3) == generate(packages, seed=3)
    assert generate(packages, seed=3) != generate(packages, seed=4)


def test_generated_package_uses_every_rule_of_the_spec(packages):
    data = json.loads(generate(packages, seed=1))
    package = read_package(data)
    lines = package.scheme
    conditions = [*package.eligibility.collective, *package.eligibility.individual]
    filters = [c.applies_to for c in conditions if c.applies_to is not None]
    metrics = [c.metric for c in conditions] + [o.metric for c in conditions for o in c.any or ()]
    results = package.results["2024"]
    people_metrics = [r.metrics for r in results.people]
    unit_metrics = [r.metrics for r in results.units]

    assert {u.block for u in package.units} == {None, "SBN", "HTP", "PB", "XP", "DVSN"}
    assert {line.block for line in lines} == {None, "SBN", "HTP", "PB", "XP"}  # DVSN: no line
    assert sum(u.parent is None for u in package.units) == 1
    assert {p.position for p in package.people} == {
        "chairman",
        "vice_chairman",
        "head",
        "deputy_head",
        "civil_servant",
        "public_employee",
        "non_professional",
        "worker",
    }
    assert {(p.direct_reform_work, p.female) for p in package.people} == {
        (False, False),
        (False, True),
        (True, False),
        (True, True),
    }
    assert package.scales == {"party_rating_2018": tuple(packages.PARTY_2018)}
    assert package.scale_of("org_rating") == tuple(packages.PARTY_2018)
    assert any(t.if_applicable for t in package.campaign.targets)
    assert {f.block for f in filters} >= {"XP", "HTP", "SBN"}
    assert any(f.position for f in filters) and any(f.direct_reform_work for f in filters)
    assert {"unit.par_rating", "targets_met", "registered"} <= set(metrics)
    assert sum(c.any is not None for c in conditions) == 2
    assert any(line.cap for line in lines) and any(line.higher_level for line in lines)
    assert any(line.tiers for line in lines) and any(line.positions for line in lines)
    assert {line.from_line for line in lines} == {None, "NAM-TT-XP", "SK-TT"}
    assert any(line.per_unit_max for line in lines)
    assert any(line.priority for line in lines) and any(line.tie_break for line in lines)
    assert any(not line.exclusive for line in lines)
    rank_by = {line.rank_by for line in lines}
    assert rank_by == {"score", "tthc_on_time_pct", "par_rating", "initiatives"}
    assert {line.id for line in lines if line.is_adhoc} == {"DX-TT", "DX-CN", "SK-DX-TT"}
    assert {a.line for a in results.adhoc} == {"DX-TT", "DX-CN"}
    assert {a.line for a in package.results["2021-2023"].adhoc} == {"SK-DX-TT"}
    assert any("score" not in m for m in people_metrics)
    assert any("org_rating" not in m for m in unit_metrics)
    assert any(not r.registered for r in results.people)
    assert any(m.get("violations") for m in people_metrics)
    scores = [m["score"] for m in people_metrics if "score" in m]
    assert len(set(scores)) < len(scores)  # ties on the score


def test_fast_reading_gives_the_same_package_as_the_precise_reader(packages, monkeypatch):
    data = json.loads(generate(packages, seed=5))
    fast = read_package(data)
    monkeypatch.setattr(_Reader, "fast", lambda self, fast, precise: precise)

    precise = read_package(data)

    assert fast == precise
    assert [type(p) for p in fast.people[:2]] == [Person, Person]
    assert hash(fast.people[0]) == hash(precise.people[0])


def test_one_bad_person_among_many_is_reported_by_its_path(packages):
    data = json.loads(generate(packages, seed=5))
    data["people"][500]["female"] = 1
    data["results"]["2024"]["people"][3]["metrics"]["violations"] = False

    with pytest.raises(PackageError) as error:
        read_package(data)

    assert str(error.value) == "$.people[500].female: phải là true hoặc false"


def test_a_boolean_where_a_number_metric_is_expected_is_reported_by_its_path(packages):
    data = json.loads(generate(packages, seed=5))
    data["results"]["2024"]["people"][3]["metrics"]["violations"] = False

    with pytest.raises(PackageError) as error:
        read_package(data)

    assert str(error.value) == '$.results["2024"].people[3].metrics["violations"]: phải là một số'

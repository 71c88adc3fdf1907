"""The engine on small packages, one rule of the spec per test, with exact outputs."""

import pytest

from thidua.awards.engine import UnknownRound, allocate, eligibility, explain
from thidua.campaigns.package import read_package


def package(*, lines, units=(), people=(), eligibility=None, adhoc=(), targets=(), **extra):
    """A package of one annual round "2025" whose results hold the given units and people:
    units as (code, block, metrics[, registered]), people as (code, unit, metrics, flags)."""
    blocks = sorted({u[1] for u in units if u[1]})
    data = {
        "format": "thidua-campaign/1",
        "campaign": {
            "issuer": "UBND huyện",
            "title": "Kế hoạch",
            "kind": "thematic",
            "targets": list(targets),
            "rounds": [{"code": "2025", "kind": "annual"}],
        },
        "blocks": [{"code": b, "name": f"Khối {b}"} for b in blocks],
        "units": [{"code": u[0], "name": u[0], "block": u[1]} for u in units],
        "people": [
            {"code": p[0], "name": p[0], "unit": p[1], "position": "civil_servant", **p[3]}
            for p in people
        ],
        "scheme": [{"round_kind": "annual", "form": "Giấy khen", **line} for line in lines],
        "eligibility": eligibility or {"collective": [], "individual": []},
        "results": {
            "2025": {
                "units": [
                    {"unit": u[0], "metrics": u[2], "registered": u[3] if len(u) > 3 else True}
                    for u in units
                ],
                "people": [{"person": p[0], "metrics": p[2]} for p in people],
                "adhoc": list(adhoc),
            }
        },
        **extra,
    }
    return read_package(data)


def line(id, subject="collective", **kw):
    return {"id": id, "subject": subject, **kw}


def awarded(result):
    return [(a["line"], a["code"], a["tier"], a["rank"]) for a in result["awards"]]


def test_a_line_awards_the_best_scores_up_to_its_count():
    result = allocate(
        package(
            lines=[line("L", count=2)],
            units=[
                ("A", None, {"score": 90}),
                ("B", None, {"score": 95}),
                ("C", None, {"score": 80}),
            ],
        ),
        "2025",
    )
    assert result == {
        "round": "2025",
        "awards": [
            {"line": "L", "subject": "collective", "code": "B", "tier": None, "rank": 1},
            {"line": "L", "subject": "collective", "code": "A", "tier": None, "rank": 2},
        ],
        "ties": [],
        "ineligible": [],
    }


def test_a_group_larger_than_the_seats_left_takes_none_and_the_line_stops():
    units = [("A", None, {"score": 95}), ("B", None, {"score": 90}), ("C", None, {"score": 90})]
    units.append(("D", None, {"score": 80}))
    result = allocate(package(lines=[line("L", count=2)], units=units), "2025")
    assert awarded(result) == [("L", "A", None, 1)]
    assert result["ties"] == [{"line": "L", "seats": 1, "tiers": None, "candidates": ["B", "C"]}]


def test_a_tied_group_that_fits_on_one_tier_is_awarded_whole_with_one_rank():
    units = [("A", None, {"score": 90}), ("B", None, {"score": 90}), ("C", None, {"score": 70})]
    result = allocate(package(lines=[line("L", count=3)], units=units), "2025")
    assert awarded(result) == [("L", "A", None, 1), ("L", "B", None, 1), ("L", "C", None, 3)]


def test_a_group_straddling_two_tiers_holds_its_seats_and_leaves_the_tiers_to_the_council():
    tiers = [{"name": "Nhất", "count": 1}, {"name": "Nhì", "count": 1}, {"name": "Ba", "count": 2}]
    units = [("A", None, {"score": 99}), ("B", None, {"score": 90}), ("C", None, {"score": 90})]
    units += [("D", None, {"score": 85}), ("E", None, {"score": 60})]
    result = allocate(package(lines=[line("G", tiers=tiers)], units=units), "2025")
    assert awarded(result) == [("G", "A", "Nhất", 1), ("G", "D", "Ba", 4)]
    assert result["ties"] == [
        {"line": "G", "seats": 2, "tiers": ["Nhì", "Ba"], "candidates": ["B", "C"]}
    ]


def test_an_oversized_group_on_a_tier_line_reports_the_tiers_of_the_seats_left():
    tiers = [{"name": "Nhất", "count": 1}, {"name": "Khuyến khích", "count": 1}]
    units = [("A", None, {"score": 99}), ("B", None, {"score": 90}), ("C", None, {"score": 90})]
    result = allocate(package(lines=[line("G", tiers=tiers)], units=units), "2025")
    assert result["ties"] == [
        {"line": "G", "seats": 1, "tiers": ["Khuyến khích"], "candidates": ["B", "C"]}
    ]


def test_blocks_separate_the_lines_and_one_seat_per_candidate_per_round():
    units = [("X1", "XP", {"score": 90}), ("X2", "XP", {"score": 80}), ("P1", "PB", {"score": 99})]
    result = allocate(
        package(lines=[line("XP", block="XP", count=1), line("ALL", count=2)], units=units),
        "2025",
    )
    assert awarded(result) == [
        ("XP", "X1", None, 1),
        ("ALL", "P1", None, 1),
        ("ALL", "X2", None, 2),
    ]


def test_a_non_exclusive_line_neither_takes_nor_is_blocked_by_the_one_seat_rule():
    units = [("A", None, {"score": 90}), ("B", None, {"score": 80})]
    lines = [line("L1", count=1), line("L2", count=1, exclusive=False), line("L3", count=1)]
    result = allocate(package(lines=lines, units=units), "2025")
    assert awarded(result) == [("L1", "A", None, 1), ("L2", "A", None, 1), ("L3", "B", None, 1)]


def test_from_line_and_per_unit_max_pick_individuals_of_awarded_units():
    units = [("X1", None, {"score": 90}), ("X2", None, {"score": 80})]
    people = [
        ("N1", "X1", {"score": 99}, {}),
        ("N2", "X1", {"score": 98}, {}),
        ("N3", "X2", {"score": 97}, {}),
        ("N4", "X1", {"score": 50}, {}),
    ]
    lines = [
        line("C", count=1),
        line("I", subject="individual", count=3, from_line="C", per_unit_max=2),
    ]
    result = allocate(package(lines=lines, units=units, people=people), "2025")
    assert awarded(result) == [("C", "X1", None, 1), ("I", "N1", None, 1), ("I", "N2", None, 2)]


def test_per_unit_max_with_a_tie_inside_one_unit_is_left_to_the_council():
    units = [("X1", None, {"score": 90})]
    people = [("N1", "X1", {"score": 95}, {}), ("N2", "X1", {"score": 95}, {})]
    lines = [line("I", subject="individual", count=2, per_unit_max=1)]
    result = allocate(package(lines=lines, units=units, people=people), "2025")
    assert result["awards"] == []
    assert result["ties"] == [{"line": "I", "seats": 2, "tiers": None, "candidates": ["N1", "N2"]}]


def test_priority_ranks_flagged_people_first_and_tie_break_only_among_equals():
    people = [
        ("A", "X", {"score": 99}, {}),
        ("B", "X", {"score": 80}, {"direct_reform_work": True}),
        ("C", "X", {"score": 90}, {}),
        ("D", "X", {"score": 90}, {"female": True}),
    ]
    lines = [
        line(
            "I",
            subject="individual",
            count=3,
            priority=["direct_reform_work"],
            tie_break=["female"],
        )
    ]
    result = allocate(package(lines=lines, units=[("X", None, {})], people=people), "2025")
    assert awarded(result) == [("I", "B", None, 1), ("I", "A", None, 2), ("I", "D", None, 3)]


def test_rank_by_a_rating_orders_on_its_scale():
    units = [
        ("A", None, {"par_rating": "Khá"}),
        ("B", None, {"par_rating": "Xuất sắc"}),
        ("C", None, {"par_rating": "Tốt"}),
    ]
    result = allocate(
        package(lines=[line("L", count=2, rank_by="par_rating")], units=units), "2025"
    )
    assert awarded(result) == [("L", "B", None, 1), ("L", "C", None, 2)]


def test_a_candidate_without_the_rank_metric_is_ineligible_from_that_line_on():
    units = [
        ("A", None, {"score": 90}),
        ("B", None, {"initiatives": 2}),
        ("C", None, {"initiatives": 1}),
    ]
    lines = [
        line("L0", count=1, rank_by="initiatives", exclusive=False),
        line("L1", count=1, exclusive=False),
        line("L2", count=1, rank_by="initiatives"),
    ]
    result = allocate(package(lines=lines, units=units), "2025")
    # L0 ranks by initiatives: A lacks it and is out of the round from L0 on; B takes the
    # seat. L1 ranks by score: C lacks it and is out too; B, already awarded, is simply not
    # ranked there (never both awarded and ineligible). L2 has nobody left but B, whose seat
    # on L0 was not exclusive.
    assert awarded(result) == [("L0", "B", None, 1), ("L2", "B", None, 1)]
    assert result["ineligible"] == [
        {"subject": "collective", "code": "A", "reasons": ["initiatives: missing"]},
        {"subject": "collective", "code": "C", "reasons": ["score: missing"]},
    ]


def test_conditions_give_every_reason_and_keep_the_ineligible_out():
    conditions = {
        "collective": [
            {"metric": "par_rating", "op": ">=", "value": "Tốt"},
            {"metric": "violations", "op": "==", "value": 0},
            {"metric": "registered", "op": "==", "value": True},
        ],
        "individual": [],
    }
    units = [
        ("A", None, {"score": 99, "par_rating": "Khá", "violations": 2}, False),
        ("B", None, {"score": 80, "par_rating": "Tốt", "violations": 0}),
        ("C", None, {"score": 95}),
    ]
    pkg = package(lines=[line("L", count=3)], units=units, eligibility=conditions)
    result = allocate(pkg, "2025")
    assert awarded(result) == [("L", "B", None, 1)]
    assert result["ineligible"] == [
        {
            "subject": "collective",
            "code": "A",
            "reasons": ["par_rating: Khá < Tốt", "violations: 2 != 0", "registered: false != true"],
        },
        {
            "subject": "collective",
            "code": "C",
            "reasons": ["par_rating: missing", "violations: missing"],
        },
    ]
    assert eligibility(pkg, "2025") == {
        ("collective", "A"): result["ineligible"][0]["reasons"],
        ("collective", "C"): result["ineligible"][1]["reasons"],
    }


def test_applies_to_any_and_unit_metrics_for_people():
    conditions = {
        "collective": [],
        "individual": [
            {"metric": "unit.par_rating", "op": ">=", "value": "Khá"},
            {
                "any": [
                    {"metric": "task_rating", "op": ">=", "value": "HTXSNV"},
                    {"metric": "initiatives", "op": ">=", "value": 1},
                ]
            },
            {
                "metric": "score",
                "op": ">=",
                "value": 90,
                "applies_to": {"direct_reform_work": True},
            },
        ],
    }
    units = [("X", "XP", {"par_rating": "Tốt"}), ("Y", "XP", {"par_rating": "Yếu"})]
    people = [
        ("N1", "X", {"score": 80, "task_rating": "HTXSNV"}, {}),
        ("N2", "X", {"score": 80, "task_rating": "HTTNV", "initiatives": 0}, {}),
        ("N3", "X", {"score": 85, "task_rating": "HTXSNV"}, {"direct_reform_work": True}),
        ("N4", "Y", {"score": 99, "initiatives": 2}, {}),
    ]
    pkg = package(
        lines=[line("I", subject="individual", count=4)],
        units=units,
        people=people,
        eligibility=conditions,
    )
    result = allocate(pkg, "2025")
    assert awarded(result) == [("I", "N1", None, 1)]
    assert result["ineligible"] == [
        {
            "subject": "individual",
            "code": "N2",
            "reasons": ["any(task_rating: HTTNV < HTXSNV | initiatives: 0 < 1)"],
        },
        {"subject": "individual", "code": "N3", "reasons": ["score: 85 < 90"]},
        {"subject": "individual", "code": "N4", "reasons": ["unit.par_rating: Yếu < Khá"]},
    ]
    checks = explain(pkg, "2025", "individual", "N3")
    assert [(c.applies, c.holds, c.actual, c.reason) for c in checks] == [
        (True, True, "Tốt", None),
        (True, True, None, None),
        (True, False, 85, "score: 85 < 90"),
    ]
    assert [(o.holds, o.actual) for o in checks[1].options] == [(True, "HTXSNV"), (False, None)]
    checks = explain(pkg, "2025", "individual", "N1")
    assert (checks[2].applies, checks[2].holds) == (False, True)


def test_targets_met_uses_a_persons_own_value_else_the_units():
    targets = [
        {
            "code": "T1",
            "area": "tthc",
            "text": "Đúng hạn",
            "metric": "on_time",
            "op": ">=",
            "value": 99,
        },
        {
            "code": "T2",
            "area": "other",
            "text": "Nếu có",
            "metric": "extra",
            "op": ">=",
            "value": 1,
            "if_applicable": True,
        },
    ]
    conditions = {
        "collective": [{"metric": "targets_met", "op": "==", "value": True}],
        "individual": [{"metric": "targets_met", "op": "==", "value": True}],
    }
    units = [("X", None, {"score": 1, "on_time": 99.5}), ("Y", None, {"score": 2, "on_time": 98})]
    people = [
        ("N1", "X", {"score": 1}, {}),
        ("N2", "X", {"score": 2, "on_time": 90}, {}),
        ("N3", "Y", {"score": 3, "on_time": 100, "extra": 0}, {}),
    ]
    pkg = package(
        lines=[line("C", count=2), line("I", subject="individual", count=3)],
        units=units,
        people=people,
        targets=targets,
        eligibility=conditions,
    )
    result = allocate(pkg, "2025")
    assert awarded(result) == [("C", "X", None, 1), ("I", "N1", None, 1)]
    assert [(i["code"], i["reasons"]) for i in result["ineligible"]] == [
        ("Y", ["targets_met: false != true"]),
        ("N2", ["targets_met: false != true"]),
        ("N3", ["targets_met: false != true"]),
    ]


def test_adhoc_awards_only_listed_eligible_candidates_outside_the_one_seat_rule():
    conditions = {
        "collective": [{"metric": "violations", "op": "==", "value": 0}],
        "individual": [],
    }
    units = [
        ("A", None, {"score": 90, "violations": 0}),
        ("B", None, {"score": 80, "violations": 0}),
        ("C", None, {"score": 70, "violations": 1}),
    ]
    adhoc = [
        {"line": "DX", "code": "C", "reason": "Cứu hộ"},
        {"line": "DX", "code": "A", "reason": "Chống dịch"},
    ]
    lines = [line("L", count=1), line("DX")]
    result = allocate(
        package(lines=lines, units=units, adhoc=adhoc, eligibility=conditions), "2025"
    )
    # Ad-hoc awards have no rank (null, as the spec says).
    assert awarded(result) == [("L", "A", None, 1), ("DX", "A", None, None)]


def test_the_result_does_not_depend_on_the_order_of_the_file():
    units = [(c, None, {"score": s}) for c, s in [("A", 90), ("B", 90), ("C", 95), ("D", 70)]]
    one = allocate(package(lines=[line("L", count=3)], units=units), "2025")
    two = allocate(package(lines=[line("L", count=3)], units=list(reversed(units))), "2025")
    assert one == two


def test_an_unknown_round_is_refused():
    with pytest.raises(UnknownRound):
        allocate(package(lines=[line("L", count=1)]), "2030")

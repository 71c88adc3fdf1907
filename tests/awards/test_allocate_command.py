"""`thidua allocate FILE --round CODE`: the allocation as JSON on stdout with exit 0; exit 2, the
problem on stderr and nothing on stdout for a bad file, an invalid package or an unknown round.
No database: none of these tests asks for one."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from thidua.awards.engine import allocate
from thidua.campaigns.package import read_package

THIDUA = Path(sys.executable).parent / "thidua"


def package_data() -> dict:
    """A district's annual round: three communes compete for two seats of Giấy khen, their
    chairmen for one; X03's PAR rating is below the standard."""
    return {
        "format": "thidua-campaign/1",
        "campaign": {
            "issuer": "UBND huyện Thăng Bình",
            "title": "Phong trào thi đua đẩy mạnh cải cách hành chính năm 2023",
            "kind": "regular",
            "rounds": [{"code": "2023", "kind": "annual"}, {"code": "TK", "kind": "final"}],
        },
        "blocks": [{"code": "XP", "name": "Xã, thị trấn"}],
        "units": [
            {"code": "X01", "name": "UBND xã Bình An", "block": "XP"},
            {"code": "X02", "name": "UBND xã Bình Chánh", "block": "XP"},
            {"code": "X03", "name": "UBND xã Bình Quý", "block": "XP"},
        ],
        "people": [
            {"code": "N001", "name": "Nguyễn Văn An", "unit": "X01", "position": "chairman"},
            {
                "code": "N002",
                "name": "Trần Thị Bình",
                "unit": "X02",
                "position": "chairman",
                "female": True,
            },
        ],
        "scheme": [
            {
                "id": "C-XP",
                "round_kind": "annual",
                "form": "Giấy khen",
                "subject": "collective",
                "block": "XP",
                "count": 2,
            },
            {
                "id": "CN",
                "round_kind": "annual",
                "form": "Giấy khen",
                "subject": "individual",
                "count": 1,
                "from_line": "C-XP",
                "tie_break": ["female"],
            },
        ],
        "eligibility": {
            "collective": [{"metric": "par_rating", "op": ">=", "value": "Tốt"}],
            "individual": [],
        },
        "results": {
            "2023": {
                "units": [
                    {"unit": "X01", "metrics": {"score": 91.5, "par_rating": "Xuất sắc"}},
                    {"unit": "X02", "metrics": {"score": 88, "par_rating": "Tốt"}},
                    {"unit": "X03", "metrics": {"score": 95, "par_rating": "Khá"}},
                ],
                "people": [
                    {"person": "N001", "metrics": {"score": 90}},
                    {"person": "N002", "metrics": {"score": 90}},
                ],
            }
        },
    }


EXPECTED = {
    "round": "2023",
    "awards": [
        {"line": "C-XP", "subject": "collective", "code": "X01", "tier": None, "rank": 1},
        {"line": "C-XP", "subject": "collective", "code": "X02", "tier": None, "rank": 2},
        {"line": "CN", "subject": "individual", "code": "N002", "tier": None, "rank": 1},
    ],
    "ties": [],
    "ineligible": [{"subject": "collective", "code": "X03", "reasons": ["par_rating: Khá < Tốt"]}],
}


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in-process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("allocate", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return exc.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def write(tmp_path: Path, data, name: str = "goi.json") -> str:
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_allocate_prints_the_round_allocation_as_json(tmp_path):
    status, out, err = run(write(tmp_path, package_data()), "--round", "2023")

    assert (status, err) == (0, "")
    assert json.loads(out) == EXPECTED


def test_allocate_prints_the_engine_result_as_one_line_of_utf8_json(tmp_path):
    data = package_data()
    data["results"]["2023"]["units"][1]["metrics"]["score"] = 91.5

    status, out, _ = run(write(tmp_path, data), "--round", "2023")

    assert status == 0
    assert out == json.dumps(allocate(read_package(data), "2023"), ensure_ascii=False) + "\n"
    assert [(a["code"], a["rank"]) for a in json.loads(out)["awards"]] == [
        ("X01", 1),
        ("X02", 1),
        ("N002", 1),
    ]
    assert "Khá < Tốt" in out.split('"ineligible"')[1]


def test_a_round_without_results_allocates_nothing(tmp_path):
    status, out, err = run(write(tmp_path, package_data()), "--round", "TK")

    assert (status, err) == (0, "")
    assert json.loads(out) == {"round": "TK", "awards": [], "ties": [], "ineligible": []}


def test_allocate_reads_standard_input(monkeypatch):
    text = json.dumps(package_data(), ensure_ascii=False).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text), encoding="utf-8"))

    status, out, err = run("-", "--round", "2023")

    assert (status, err) == (0, "")
    assert json.loads(out) == EXPECTED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            lambda data: data["scheme"][0].update(seats=2),
            "$.scheme[0].seats: khóa 'seats' không có trong định dạng thidua-campaign/1\n",
            id="unknown-key",
        ),
        pytest.param(
            lambda data: data["scheme"][1].update(from_line="C-PB"),
            "$.scheme[1].from_line: dòng 'C-PB' không có trong scheme\n",
            id="unknown-line",
        ),
        pytest.param(
            lambda data: data["results"]["2023"]["people"][0].update(person="N099"),
            "$.results[\"2023\"].people[0].person: cá nhân 'N099' không có trong gói\n",
            id="unknown-person",
        ),
        pytest.param(
            lambda data: data["results"]["2023"]["units"][2]["metrics"].update(
                par_rating="Rất tốt"
            ),
            '$.results["2023"].units[2].metrics["par_rating"]: \'Rất tốt\' không có trong '
            "thang của 'par_rating' (Yếu, Trung bình, Khá, Tốt, Xuất sắc)\n",
            id="level-not-on-the-scale",
        ),
        pytest.param(
            lambda data: data.update(format="thidua-campaign/2"),
            "$.format: định dạng 'thidua-campaign/2' không được hỗ trợ; phải là "
            "'thidua-campaign/1'\n",
            id="wrong-format",
        ),
    ],
)
def test_an_invalid_package_exits_2_with_its_json_path_and_prints_nothing(
    tmp_path, change, message
):
    data = package_data()
    change(data)

    assert run(write(tmp_path, data), "--round", "2023") == (2, "", message)


def test_an_unknown_round_exits_2_naming_the_rounds_there_are(tmp_path):
    assert run(write(tmp_path, package_data()), "--round", "2024") == (
        2,
        "",
        "--round: kế hoạch không có đợt '2024' (các đợt: 2023, TK).\n",
    )


def test_a_file_that_is_not_json_exits_2_with_line_and_column(tmp_path):
    path = write(tmp_path, '{\n  "format": "thidua-campaign/1",\n  "campaign": {,\n}')

    assert run(path, "--round", "2023") == (
        2,
        "",
        "$: tệp không phải JSON hợp lệ (dòng 3, cột 16: Expecting property name enclosed in "
        "double quotes)\n",
    )


def test_a_missing_file_exits_2(tmp_path):
    path = tmp_path / "khong-co.json"

    assert run(str(path), "--round", "2023") == (
        2,
        "",
        f"Không đọc được tệp {path}: [Errno 2] No such file or directory: '{path}'\n",
    )


def test_a_file_that_is_not_utf8_exits_2(tmp_path):
    path = tmp_path / "goi.json"
    path.write_bytes(b'{"format": "Th\xe0ng B\xecnh"}')

    assert run(str(path), "--round", "2023") == (2, "", f"Tệp {path} không phải văn bản UTF-8.\n")


def _console(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """The installed console script, on an empty data directory: the allocation must not
    need a database (none is created)."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(THIDUA_DEBUG="1", THIDUA_VAR_DIR=str(tmp_path / "var"))
    env.pop("THIDUA_SECRET_KEY", None)
    return subprocess.run(
        [str(THIDUA), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_console_script_allocates_without_a_database(tmp_path):
    result = _console(tmp_path, "allocate", write(tmp_path, package_data()), "--round", "2023")

    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == EXPECTED
    assert not (tmp_path / "var" / "thidua.sqlite3").exists()


def test_console_script_reports_an_invalid_package_on_stderr(tmp_path):
    data = package_data()
    data["scheme"][0]["tiers"] = [{"name": "Giải Nhất", "count": 1}]

    result = _console(tmp_path, "allocate", write(tmp_path, data), "--round", "2023")

    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        "$.scheme[0].count: dòng chia theo giải (tiers) phải có count là null\n",
    )

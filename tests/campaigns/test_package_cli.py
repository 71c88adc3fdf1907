"""`thidua package import|export`: stdout for the result, exit 2 and the JSON path on stderr
for a bad file, nothing saved."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.campaigns.test_package import model_counts, package_data
from thidua.campaigns.models import Campaign
from thidua.campaigns.services import export_package

THIDUA = Path(sys.executable).parent / "thidua"


def run(*args: str) -> tuple[int, str, str]:
    """Run the command in-process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("package", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return exc.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def write(tmp_path: Path, data, name: str = "goi.json") -> str:
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_import_prints_the_new_campaign_id(trio, tmp_path):
    status, out, err = run("import", write(tmp_path, package_data()))

    campaign = Campaign.objects.get()
    assert (status, out, err) == (0, f"{campaign.pk}\n", "")
    assert campaign.owner == trio["district"]


def test_export_prints_the_package_as_indented_utf8_json(trio, tmp_path):
    run("import", write(tmp_path, package_data()))
    campaign = Campaign.objects.get()

    status, out, err = run("export", str(campaign.pk))

    assert (status, err) == (0, "")
    assert out == json.dumps(export_package(campaign), ensure_ascii=False, indent=2) + "\n"
    assert out.splitlines()[6] == '    "issuer": "UBND huyện Thăng Bình",'


def test_exported_file_imports_back_to_the_same_package(trio, tmp_path):
    run("import", write(tmp_path, package_data()))
    first = run("export", str(Campaign.objects.get().pk))[1]

    status, out, _ = run("import", write(tmp_path, first, "ban-xuat.json"))

    assert status == 0
    assert run("export", out.strip())[1] == first


def test_owner_option_names_the_issuing_unit(trio, tmp_path):
    data = package_data()
    data["campaign"]["issuer"] = "Ủy ban nhân dân huyện Thăng Bình"
    data["units"][0]["name"] = "Huyện Thăng Bình"
    data["units"].append({"code": "QNA", "name": "Tỉnh Quảng Nam"})

    status, out, err = run("import", write(tmp_path, data), "--owner", "TB")

    assert (status, err) == (0, "")
    assert Campaign.objects.get(pk=int(out)).owner == trio["district"]


def test_import_reads_standard_input(trio, monkeypatch):
    text = json.dumps(package_data(), ensure_ascii=False).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text), encoding="utf-8"))

    status, out, err = run("import", "-")

    assert (status, out, err) == (0, f"{Campaign.objects.get().pk}\n", "")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        pytest.param(
            lambda data: data["units"][3].update(parent="X99"),
            "$.units[3].parent: đơn vị cha 'X99' không có trong gói\n",
            id="reader",
        ),
        pytest.param(
            lambda data: data["units"].append(
                {"code": "QN2", "name": "UBND tỉnh Mới", "parent": "TB"}
            ),
            "$.units[5].parent: không thể tạo đơn vị mới 'UBND tỉnh Mới' (Tỉnh, thành phố trực "
            "thuộc Trung ương) dưới 'UBND huyện Thăng Bình': Tỉnh, thành phố trực thuộc Trung "
            "ương không trực thuộc đơn vị nào. Hãy thêm đơn vị này hoặc đơn vị cấp trên của nó "
            "vào danh mục tổ chức trước khi nhập gói.\n",
            id="registry",
        ),
        pytest.param(
            lambda data: data["campaign"]["rounds"][0].update(registration_deadline="2023-02-30"),
            "$.campaign.rounds[0].registration_deadline: ngày '2023-02-30' không hợp lệ: phải "
            "theo dạng YYYY-MM-DD\n",
            id="bad-date",
        ),
        pytest.param(
            lambda data: data["units"][1].update(block="ZZ"),
            "$.units[1].block: khối 'ZZ' không có trong gói\n",
            id="unknown-block",
        ),
        pytest.param(
            lambda data: data["people"].append(dict(data["people"][0])),
            "$.people[3].code: mã 'N001' trùng với $.people[0]\n",
            id="duplicate-code",
        ),
        pytest.param(
            lambda data: data["units"][0].update(parent=data["units"][1]["code"]),
            "$.units[0].parent: vòng lặp đơn vị cha: TB → TB-NV → TB\n",
            id="cycle-in-the-cascade",
        ),
    ],
)
def test_an_invalid_package_exits_2_with_its_path_and_saves_nothing(
    trio, tmp_path, change, message
):
    data = package_data()
    change(data)
    before = model_counts()

    assert run("import", write(tmp_path, data)) == (2, "", message)
    assert model_counts() == before


def test_invalid_json_exits_2_with_line_and_column(trio, tmp_path):
    path = write(tmp_path, '{\n  "format": "thidua-campaign/1",\n  "campaign": {,\n}')
    before = model_counts()

    assert run("import", path) == (
        2,
        "",
        f"{path}: tệp không phải JSON hợp lệ (dòng 3, cột 16: Expecting property name "
        "enclosed in double quotes)\n",
    )
    assert model_counts() == before


def test_a_missing_file_exits_2(db, tmp_path):
    path = tmp_path / "khong-co.json"

    status, out, err = run("import", str(path))

    assert (status, out) == (2, "")
    assert err == (f"Không đọc được tệp {path}: [Errno 2] No such file or directory: '{path}'\n")


def test_a_file_that_is_not_utf8_exits_2(db, tmp_path):
    path = tmp_path / "goi.json"
    path.write_bytes(b'{"format": "Th\xe0ng B\xecnh"}')

    assert run("import", str(path)) == (2, "", f"Tệp {path} không phải văn bản UTF-8.\n")


def test_an_unknown_owner_exits_2(trio, tmp_path):
    assert run("import", write(tmp_path, package_data()), "--owner", "ZZ") == (
        2,
        "",
        "--owner: không có đơn vị mã 'ZZ'.\n",
    )


def test_exporting_an_unknown_campaign_exits_2(db):
    assert run("export", "999") == (2, "", "Không có kế hoạch mã số 999.\n")


def _console(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """The installed console script, on a database of its own."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(THIDUA_DEBUG="1", THIDUA_VAR_DIR=str(tmp_path / "var"))
    env.pop("THIDUA_SECRET_KEY", None)
    return subprocess.run(
        [str(THIDUA), *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_console_script_reports_an_invalid_package_without_a_database(tmp_path):
    data = package_data()
    data["scheme"][1]["count"] = 2
    path = write(tmp_path, data)

    result = _console(tmp_path, "package", "import", path)

    assert (result.returncode, result.stdout, result.stderr) == (
        2,
        "",
        "$.scheme[1].count: dòng chia theo giải (tiers) phải có count là null\n",
    )


def test_console_script_imports_and_exports(tmp_path):
    data = package_data()
    data["units"].insert(0, {"code": "QN", "name": "UBND tỉnh Quảng Nam"})
    data["units"][1]["parent"] = "QN"
    path = write(tmp_path, data)
    assert _console(tmp_path, "migrate", "-v0").returncode == 0

    imported = _console(tmp_path, "package", "import", path)
    exported = _console(tmp_path, "package", "export", imported.stdout.strip())

    assert (imported.returncode, imported.stdout, imported.stderr) == (0, "1\n", "")
    assert (exported.returncode, exported.stderr) == (0, "")
    assert json.loads(exported.stdout)["units"][0] == {
        "code": "QN",
        "name": "UBND tỉnh Quảng Nam",
        "block": None,
        "parent": None,
    }


def test_console_script_without_settings_says_what_to_set(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("THIDUA_DEBUG", "THIDUA_SECRET_KEY", "THIDUA_SECRET_KEY_FILE")
    }

    result = subprocess.run(
        [str(THIDUA), "package", "export", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        "thidua: cấu hình chưa đúng: THIDUA_SECRET_KEY is required unless THIDUA_DEBUG=1 "
        "(see docs/configuration.md)\n"
        "Trên máy phát triển, đặt THIDUA_DEBUG=1 (xem docs/configuration.md).\n"
    )

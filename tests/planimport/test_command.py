"""`thidua plan read FILE`: the package on stdout, the fields not found on stderr, exit 2 with
a Vietnamese message for a file that cannot be read."""

import io
import json
import sys

import pytest
from django.core.management import call_command

from tests.planimport.seeds import SEEDS_DIR
from thidua.campaigns.package import CAMPAIGN_KEYS, FORMAT, LINE_KEYS, read_package
from thidua.planimport.draft import EXPECTED
from thidua.planimport.extract import normalise
from thidua.planimport.package import package_of
from thidua.planimport.reader import read_plan

SEEDS = sorted(SEEDS_DIR.glob("00*.txt"))


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    try:
        call_command("plan", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return exc.code, out.getvalue(), err.getvalue()
    finally:
        sys.stdin = saved
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_read_prints_the_package_of_the_seed_and_what_is_missing(seed):
    status, out, err = run("read", str(seed))

    draft = read_plan(normalise(seed.read_text(encoding="utf-8")))
    package = package_of(draft)
    assert status == 0
    assert out == json.dumps(package, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    parts = set(json.loads(out))
    assert {"format", "campaign", "blocks", "scheme", "eligibility"} <= parts
    assert parts <= {"format", "campaign", "blocks", "scheme", "eligibility", "scales", "metrics"}
    if draft.missing:
        assert err == "không tìm thấy: " + ", ".join(draft.missing) + "\n"
    else:
        assert err == ""


def test_read_from_stdin_gives_the_same_as_the_file():
    seed = SEEDS[2]
    from_file = run("read", str(seed))
    from_stdin = run("read", "-", stdin=seed.read_bytes())
    assert from_stdin == from_file


def test_package_has_every_key_of_the_spec_and_reads_as_a_package():
    text = "KẾ HOẠCH\nThi đua cải cách hành chính\n"
    draft = read_plan(text)
    draft.put("campaign.issuer", "UBND xã Bình An", _span(text))
    draft.put("campaign.title", "Thi đua cải cách hành chính", _span(text))
    draft.put("campaign.kind", "thematic", _span(text))
    draft.append(
        "scheme",
        {"form": "Giấy khen", "subject": "collective", "round_kind": "final", "count": 3},
        _span(text),
    )
    draft.append(
        "campaign.targets",
        {
            "area": "tthc",
            "text": "Hồ sơ đúng hạn tối thiểu 99%",
            "op": ">=",
            "value": 99,
            "unit": "%",
        },
        _span(text),
    )
    draft.append("eligibility.individual", {"text": "Gương mẫu chấp hành"}, _span(text))

    package = package_of(draft)

    assert package["format"] == FORMAT
    assert tuple(package["campaign"]) == CAMPAIGN_KEYS
    assert tuple(package["scheme"][0]) == LINE_KEYS
    assert package["scheme"][0]["id"] == "L1"
    assert package["scheme"][0]["rank_by"] == "score"
    assert package["scheme"][0]["exclusive"] is True
    assert package["campaign"]["targets"][0]["code"] == "T1"
    assert package["campaign"]["targets"][0]["if_applicable"] is False
    assert package["eligibility"]["individual"][0] == {
        "metric": "standard_1",
        "op": "==",
        "value": True,
        "applies_to": None,
        "text": "Gương mẫu chấp hành",
    }
    read_package(package)  # valid as it stands


def test_package_of_an_empty_draft_keeps_every_field_at_its_default():
    package = package_of(read_plan(""))
    campaign = package["campaign"]
    assert campaign["period"] == {"start": None, "end": None}
    for key in ("number", "issued_on", "place", "issuer", "signer", "title", "kind"):
        assert campaign[key] is None
    for key in ("contents", "targets", "rounds", "dossier", "recipients", "assignments"):
        assert campaign[key] == []
    assert package["scheme"] == [] and package["blocks"] == []
    assert package["eligibility"] == {"collective": [], "individual": []}


def test_missing_fields_of_an_empty_text_are_all_the_expected_ones():
    status, _out, err = run("read", "-", stdin="Thông báo họp tổ dân phố.\n".encode())
    assert status == 0
    assert err.startswith("không tìm thấy: campaign.number, campaign.issued_on")
    assert err.strip().split(": ", 1)[1].split(", ") == read_plan("Thông báo\n").missing
    assert set(read_plan("x\n").missing) <= set(EXPECTED)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ke-hoach.pdf", b"%PDF-1.4 garbage garbage", "PDF"),
        ("ke-hoach.docx", b"PK\x03\x04 not a zip", ".docx"),
        ("ke-hoach.pdf", b"\x00\x01\x02 not a pdf", "Nội dung tệp không khớp"),
        ("ke-hoach.doc", b"\xd0\xcf\x11\xe0", ".doc"),
        ("trong.txt", b"  \n\n ", "không có nội dung chữ"),
    ],
)
def test_unreadable_file_exits_2_with_a_vietnamese_message(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    status, out, err = run("read", str(path))
    assert (status, out) == (2, "")
    assert message in err


def test_missing_file_exits_2(tmp_path):
    status, out, err = run("read", str(tmp_path / "khong-co.txt"))
    assert (status, out) == (2, "")
    assert err.startswith("Không đọc được tệp")


def _span(text):
    from thidua.planimport.document import Span

    return Span(0, min(8, len(text)))

"""The audit log read back: the selector's filters, the change summary, and the export (inline
and as a background job), with the export recorded in the log itself."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from openpyxl import load_workbook

from tests.factories import make_user
from thidua.core import audit_log
from thidua.core.enums import JobStatus, Role
from thidua.core.jobs import run_job
from thidua.core.models import AuditEvent
from thidua.core.selectors import AuditFilters, audit_events
from thidua.core.services import record_event

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def people(trio):
    """An administrator, the standing officer and two focal officers, with an empty log
    (creating them wrote to it)."""
    users = {
        "admin": make_user(role=Role.SYSTEM_ADMIN, username="quantri", full_name="Lê Quản Trị"),
        "standing": trio["standing"],
        "hoa": make_user(unit=trio["a"], username="hoa.nt", full_name="Nguyễn Thị Hoà"),
        "binh": make_user(unit=trio["b"], username="binh.tv", full_name="Trần Văn Bình"),
    }
    AuditEvent.objects.all().delete()
    return users


def event(action="unit.update", *, actor=None, object_type="organizations.unit", **kw):
    return record_event(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=kw.pop("object_id", "1"),
        object_repr=kw.pop("object_repr", "UBND xã Bình An"),
        **kw,
    )


def at(event_, moment: dt.datetime) -> None:
    AuditEvent.objects.filter(pk=event_.pk).update(at=moment)


def actions(filters: AuditFilters) -> list[str]:
    return [e.action for e in audit_events(filters)]


# The selector


def test_audit_events_are_newest_first_with_their_actor_in_one_query(
    people, django_assert_num_queries
):
    first = event("a.first", actor=people["hoa"])
    second = event("a.second", actor=people["binh"])
    at(first, dt.datetime(2025, 1, 1, 8, tzinfo=VN))
    at(second, dt.datetime(2025, 1, 2, 8, tzinfo=VN))

    with django_assert_num_queries(1):
        rows = [(e.action, e.actor.username) for e in audit_events()]

    assert rows == [("a.second", "binh.tv"), ("a.first", "hoa.nt")]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hoa", ["by.hoa"]),
        ("Hoà", ["by.hoa"]),
        ("nguyen thi", ["by.hoa"]),
        ("BINH.TV", ["by.binh"]),
        ("tran van binh", ["by.binh"]),
        ("khong ai", []),
    ],
    ids=["folded", "with-diacritics", "two-words", "username", "full-name", "nobody"],
)
def test_actor_filter_matches_username_or_name_without_diacritics(people, query, expected):
    event("by.hoa", actor=people["hoa"])
    event("by.binh", actor=people["binh"])
    event("by.system")

    assert actions(AuditFilters(actor=query)) == expected


def test_actor_id_filter_keeps_one_users_rows(people):
    event("by.hoa", actor=people["hoa"])
    event("by.binh", actor=people["binh"])

    assert actions(AuditFilters(actor_id=people["binh"].pk)) == ["by.binh"]


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("auth", {"auth.login", "auth.logout", "auth.login_failed"}),
        ("auth.login", {"auth.login"}),
        ("auth.log*", {"auth.login", "auth.logout", "auth.login_failed"}),
        ("auth.login_", set()),
        ("unit.", {"unit.update"}),
        ("unit.update", {"unit.update"}),
    ],
    ids=["namespace", "exact", "star-prefix", "no-partial-word", "dot-prefix", "other-exact"],
)
def test_action_filter_is_exact_or_a_prefix(people, action, expected):
    for name in ("auth.login", "auth.logout", "auth.login_failed", "unit.update"):
        event(name)

    assert set(actions(AuditFilters(action=action))) == expected


def test_object_type_and_id_filters(people):
    event("unit.update", object_type="organizations.unit", object_id="7")
    event("unit.update2", object_type="organizations.unit", object_id="8")
    event("person.update", object_type="organizations.person", object_id="7")

    assert actions(AuditFilters(object_type="organizations.unit")) == [
        "unit.update2",
        "unit.update",
    ]
    assert actions(AuditFilters(object_type="organizations.unit", object_id="7")) == ["unit.update"]
    assert actions(AuditFilters(object_id=" 7 ")) == ["person.update", "unit.update"]


def test_date_range_takes_whole_local_days(people):
    """A Vietnamese day runs from 00:00 to 24:00 in Viet Nam, 17:00 UTC the day before."""
    late = event("late.on.31")
    early = event("early.on.1")
    late_on_1 = event("late.on.1")
    on_2 = event("on.2")
    at(late, dt.datetime(2024, 12, 31, 23, 59, tzinfo=VN))
    at(early, dt.datetime(2025, 1, 1, 0, 1, tzinfo=VN))
    at(late_on_1, dt.datetime(2025, 1, 1, 23, 59, tzinfo=VN))
    at(on_2, dt.datetime(2025, 1, 2, 0, 0, tzinfo=VN))
    day = dt.date(2025, 1, 1)

    assert actions(AuditFilters(date_from=day, date_to=day)) == ["late.on.1", "early.on.1"]
    assert actions(AuditFilters(date_from=day)) == ["on.2", "late.on.1", "early.on.1"]
    assert actions(AuditFilters(date_to=day)) == ["late.on.1", "early.on.1", "late.on.31"]


def test_text_filter_searches_the_object_name(people):
    event("a", object_repr="UBND xã Bình An")
    event("b", object_repr="UBND xã Bình Chánh")

    assert actions(AuditFilters(text="bình an")) == ["a"]
    assert actions(AuditFilters(text="UBND")) == ["b", "a"]


def test_filters_survive_a_trip_through_job_params():
    filters = AuditFilters(
        actor="hoa", actor_id=3, action="auth", date_from=dt.date(2025, 1, 1), text="xã"
    )

    params = filters.as_params()

    assert params == {
        "actor": "hoa",
        "actor_id": 3,
        "action": "auth",
        "date_from": "2025-01-01",
        "text": "xã",
    }
    assert AuditFilters.from_params(params) == filters


# What the page shows of a change


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ({"name": "Xã A"}, {"name": "Xã B"}, (["name: Xã A → Xã B"], 0)),
        (None, {"roles": ["leader"]}, (['roles: ["leader"]'], 0)),
        ({"state": "draft", "x": 1}, {"state": "draft"}, (["x: 1 → ∅"], 0)),
        ({"a": 1, "b": 2, "c": 3, "d": 4}, {}, (["a: 1 → ∅", "b: 2 → ∅", "c: 3 → ∅"], 1)),
        (None, None, ([], 0)),
        ("cũ", "mới", (["cũ → mới"], 0)),
    ],
    ids=["changed", "created", "removed", "more-than-three", "nothing", "plain-values"],
)
def test_change_lines_show_only_what_changed(before, after, expected):
    assert audit_log.change_lines(before, after) == expected


def test_object_types_are_named_by_their_model():
    labels = audit_log.object_type_labels()

    assert labels["organizations.unit"] == "Đơn vị"
    assert labels["accounts.user"] == "Tài khoản"
    assert not any(label.startswith("awards.historical") for label in labels)


# Export


def test_xlsx_export_has_headers_widths_frozen_row_and_real_local_times(people):
    hoa = people["hoa"]
    change = event("unit.rename", actor=hoa, before={"name": "Xã A"}, after={"name": "Phường A"})
    at(change, dt.datetime(2025, 3, 5, 7, 30, 15, tzinfo=dt.UTC))

    export = audit_log.export_audit_log(
        actor=people["admin"], filters=AuditFilters(action="unit"), fmt="xlsx"
    )

    workbook = load_workbook(io.BytesIO(b"".join(export.content)))
    sheet = workbook.active
    assert (export.rows, export.job, export.content_type) == (1, None, audit_log.XLSX)
    assert export.filename.startswith("nhat-ky-thao-tac-") and export.filename.endswith(".xlsx")
    assert sheet.freeze_panes == "A2"
    assert [sheet.column_dimensions[c].width for c in "ABCDEFGHIJ"] == [
        width for _header, width in audit_log.COLUMNS
    ]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [
        [
            "Thời điểm",
            "Người thực hiện",
            "Tên đăng nhập",
            "Hành động",
            "Nội dung",
            "Loại đối tượng",
            "Mã đối tượng",
            "Đối tượng",
            "Trước",
            "Sau",
        ],
        [
            dt.datetime(2025, 3, 5, 14, 30, 15),
            "Nguyễn Thị Hoà",
            "hoa.nt",
            "unit.rename",
            "Đổi tên đơn vị",
            "Đơn vị",
            "1",
            "UBND xã Bình An",
            '{"name": "Xã A"}',
            '{"name": "Phường A"}',
        ],
    ]
    assert sheet["A2"].number_format == "dd/mm/yyyy hh:mm"
    assert sheet["A1"].font.bold is True


def test_a_name_that_looks_like_a_formula_stays_text(people):
    """A failed log-in records whatever was typed as the name; opened in Excel it must not
    run as a formula."""
    event("auth.login_failed", object_repr='=HYPERLINK("http://x","y")', object_id="")

    xlsx = audit_log.export_audit_log(actor=people["admin"], filters=AuditFilters(), fmt="xlsx")
    chunks = audit_log.export_audit_log(
        actor=people["admin"], filters=AuditFilters(action="auth"), fmt="csv"
    ).content

    cell = load_workbook(io.BytesIO(b"".join(xlsx.content))).active["H2"]
    lines = list(csv.reader(io.StringIO(b"".join(chunks).decode("utf-8-sig"))))
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","y")', "s")
    assert lines[1][7] == '\'=HYPERLINK("http://x","y")'


def test_csv_export_is_utf8_with_a_bom_and_local_times(people):
    change = event("unit.update", actor=people["hoa"], object_repr="Phường Hoà Bình")
    at(change, dt.datetime(2025, 3, 5, 17, 5, 9, tzinfo=dt.UTC))

    export = audit_log.export_audit_log(
        actor=people["admin"], filters=AuditFilters(action="unit"), fmt="csv"
    )
    content = b"".join(export.content)

    assert export.content_type == "text/csv; charset=utf-8"
    assert content.startswith(b"\xef\xbb\xbf")
    assert list(csv.reader(io.StringIO(content.decode("utf-8-sig")))) == [
        [header for header, _width in audit_log.COLUMNS],
        [
            "06/03/2025 00:05:09",
            "Nguyễn Thị Hoà",
            "hoa.nt",
            "unit.update",
            "Sửa đơn vị",
            "Đơn vị",
            "1",
            "Phường Hoà Bình",
            "",
            "",
        ],
    ]


def test_csv_export_streams_in_chunks(people, monkeypatch):
    monkeypatch.setattr(audit_log, "PROGRESS_EVERY", 2)
    for number in range(5):
        event(f"a.{number}")

    export = audit_log.export_audit_log(actor=people["admin"], filters=AuditFilters(), fmt="csv")
    chunks = list(export.content)

    assert len(chunks) == 3
    assert b"".join(chunks).decode("utf-8-sig").count("\r\n") == 6


def test_an_export_is_recorded_in_the_log_and_leaves_itself_out_of_the_file(people):
    event("unit.update", actor=people["hoa"])
    admin = people["admin"]

    export = audit_log.export_audit_log(
        actor=admin, filters=AuditFilters(actor="hoa", date_from=dt.date(2025, 1, 1)), fmt="xlsx"
    )

    recorded = AuditEvent.objects.get(action="audit.export")
    assert (recorded.actor, recorded.object_type, recorded.object_id) == (
        admin,
        "core.auditevent",
        "",
    )
    assert recorded.object_repr == export.filename
    assert recorded.after == {
        "format": "xlsx",
        "rows": 1,
        "filters": {"actor": "hoa", "date_from": "2025-01-01"},
    }
    everything = audit_log.export_audit_log(actor=admin, filters=AuditFilters(), fmt="csv")
    assert everything.rows == 2  # the change and the first export, not this export itself


@pytest.mark.parametrize("who", ["hoa", "standing"])
def test_only_a_system_administrator_may_export(people, who):
    with pytest.raises(PermissionDenied):
        audit_log.export_audit_log(actor=people[who], filters=AuditFilters(), fmt="xlsx")

    assert AuditEvent.objects.count() == 0


def test_an_unknown_format_is_refused(people):
    with pytest.raises(ValidationError):
        audit_log.export_audit_log(actor=people["admin"], filters=AuditFilters(), fmt="pdf")
    assert AuditEvent.objects.count() == 0


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_large_export_runs_as_a_job_and_keeps_its_file(
    people, media, monkeypatch, django_capture_on_commit_callbacks, fmt
):
    monkeypatch.setattr(audit_log, "EXPORT_INLINE_LIMIT", 3)
    for number in range(5):
        event(f"unit.n{number}", actor=people["binh"])
    event("person.other")

    with django_capture_on_commit_callbacks(execute=True):
        export = audit_log.export_audit_log(
            actor=people["admin"],
            filters=AuditFilters(action="unit"),
            fmt=fmt,
            back_url="/quan-tri/nhat-ky/?action=unit",
        )

    job = export.job
    job.refresh_from_db()
    assert (export.content, export.rows) == (None, 5)
    assert (job.kind, job.status, job.total, job.done) == (
        audit_log.KIND,
        JobStatus.SUCCEEDED,
        5,
        5,
    )
    assert job.params["back_url"] == "/quan-tri/nhat-ky/?action=unit"
    assert job.result["rows"] == 5
    assert job.result["download_url"] == f"/quan-tri/nhat-ky/tep/{job.pk}/"
    assert AuditEvent.objects.get(action="audit.export").after["job"] == job.pk
    with default_storage.open(job.result["file"], "rb") as stored:
        content = stored.read()
    if fmt == "xlsx":
        rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(content)).active.iter_rows()]
    else:
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert [row[3] for row in rows[1:]] == [f"unit.n{n}" for n in range(4, -1, -1)]


def test_the_export_job_run_again_writes_the_same_single_file(
    people, media, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(audit_log, "EXPORT_INLINE_LIMIT", 1)
    event("unit.a")
    event("unit.b")
    with django_capture_on_commit_callbacks(execute=True):
        job = audit_log.export_audit_log(
            actor=people["admin"], filters=AuditFilters(), fmt="csv"
        ).job
    job.refresh_from_db()
    event("unit.later")  # after the export was asked for: never in its file

    again = audit_log.run_audit_export(job)

    folder = media / "exports" / "audit" / str(job.pk)
    assert [p.name for p in folder.iterdir()] == [job.params["filename"]]
    assert again["file"] == job.result["file"]
    content = (folder / job.params["filename"]).read_text(encoding="utf-8-sig")
    assert [row[3] for row in csv.reader(io.StringIO(content))][1:] == ["unit.b", "unit.a"]
    run_job(job.pk)  # a finished job is not run again
    assert AuditEvent.objects.filter(action="audit.export").count() == 1

"""The dossier templates (Tờ trình, Báo cáo thành tích of a collective or an individual,
Danh sách trích ngang) as versioned data: each form with the legal basis it follows, the
period it is valid for and the headings of its sections. A nomination uses the form in force
on its date (`template_for`): Nghị định 91/2017/NĐ-CP for the older campaigns (Mẫu số 07,
named by their plans), Nghị định 98/2023/NĐ-CP after it, Nghị định 152/2025/NĐ-CP from
1/7/2025. The layout of every document is that of Nghị định 30/2020/NĐ-CP.

Pure data: no model, no database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

TO_TRINH = "to_trinh"
REPORT_COLLECTIVE = "bao_cao_thanh_tich_tap_the"
REPORT_INDIVIDUAL = "bao_cao_thanh_tich_ca_nhan"
SHORT_LIST = "danh_sach_trich_ngang"
KEYS = (TO_TRINH, REPORT_COLLECTIVE, REPORT_INDIVIDUAL, SHORT_LIST)

DECREE_98_2023 = dt.date(2023, 12, 31)
DECREE_152_2025 = dt.date(2025, 7, 1)


@dataclass(frozen=True)
class DossierTemplate:
    key: str
    title: str
    basis: str
    valid_from: dt.date | None  # None: since ever
    valid_to: dt.date | None  # the last day it applies; None: still in force
    sections: tuple[str, ...] = ()

    def applies_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


_REPORT_COLLECTIVE_SECTIONS = (
    "ĐẶC ĐIỂM, TÌNH HÌNH",
    "THÀNH TÍCH ĐẠT ĐƯỢC",
    "CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN",
)
_REPORT_INDIVIDUAL_SECTIONS = (
    "SƠ LƯỢC LÝ LỊCH",
    "THÀNH TÍCH ĐẠT ĐƯỢC",
    "CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN",
)
_TO_TRINH_SECTIONS = ("Căn cứ đề nghị", "Danh sách đề nghị khen thưởng", "Hồ sơ kèm theo")
_SHORT_LIST_SECTIONS = (
    "STT",
    "Họ tên / tên tập thể",
    "Chức vụ",
    "Đơn vị",
    "Hình thức đề nghị",
    "Tóm tắt thành tích",
)


def _decree_versions(
    key: str, title: str, bases: tuple[str, str, str], sections: tuple[str, ...]
) -> list[DossierTemplate]:
    before, middle, after = bases
    return [
        DossierTemplate(key, title, before, None, DECREE_98_2023 - dt.timedelta(days=1), sections),
        DossierTemplate(
            key, title, middle, DECREE_98_2023, DECREE_152_2025 - dt.timedelta(days=1), sections
        ),
        DossierTemplate(key, title, after, DECREE_152_2025, None, sections),
    ]


TEMPLATES: tuple[DossierTemplate, ...] = (
    *_decree_versions(
        TO_TRINH,
        "Tờ trình đề nghị khen thưởng",
        (
            "Tờ trình theo thể thức Nghị định 30/2020/NĐ-CP, hồ sơ theo Nghị định 91/2017/NĐ-CP",
            "Tờ trình theo thể thức Nghị định 30/2020/NĐ-CP, hồ sơ theo Nghị định 98/2023/NĐ-CP",
            "Tờ trình theo thể thức Nghị định 30/2020/NĐ-CP, hồ sơ theo Nghị định 152/2025/NĐ-CP",
        ),
        _TO_TRINH_SECTIONS,
    ),
    *_decree_versions(
        REPORT_COLLECTIVE,
        "Báo cáo thành tích của tập thể",
        (
            "Mẫu số 07, Nghị định 91/2017/NĐ-CP",
            "Mẫu báo cáo thành tích theo Nghị định 98/2023/NĐ-CP",
            "Mẫu báo cáo thành tích theo Nghị định 152/2025/NĐ-CP",
        ),
        _REPORT_COLLECTIVE_SECTIONS,
    ),
    *_decree_versions(
        REPORT_INDIVIDUAL,
        "Báo cáo thành tích của cá nhân",
        (
            "Mẫu số 07, Nghị định 91/2017/NĐ-CP",
            "Mẫu báo cáo thành tích theo Nghị định 98/2023/NĐ-CP",
            "Mẫu báo cáo thành tích theo Nghị định 152/2025/NĐ-CP",
        ),
        _REPORT_INDIVIDUAL_SECTIONS,
    ),
    *_decree_versions(
        SHORT_LIST,
        "Danh sách trích ngang",
        (
            "Danh sách trích ngang theo Nghị định 91/2017/NĐ-CP",
            "Danh sách trích ngang theo Nghị định 98/2023/NĐ-CP",
            "Danh sách trích ngang theo Nghị định 152/2025/NĐ-CP",
        ),
        _SHORT_LIST_SECTIONS,
    ),
)


def template_for(key: str, *, on: dt.date) -> DossierTemplate:
    """The form of `key` in force on the day (raises LookupError for an unknown key)."""
    for template in TEMPLATES:
        if template.key == key and template.applies_on(on):
            return template
    raise LookupError(f"no dossier template {key!r} on {on:%d/%m/%Y}")

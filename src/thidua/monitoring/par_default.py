"""The default PAR Index criteria (chỉ số CCHC): the eight standard areas of the Ministry of Home
Affairs' index, each with a few criteria and sub-criteria, points per level (province,
district, commune) adding up to 100. A starting point only: every office adjusts it to the
rules of its province for the year, and the framework's name says so.

Pure data, no database: `default_tree(level)` gives the nodes the services create."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

LEVELS = ("province", "district", "commune")


@dataclass(frozen=True)
class Node:
    code: str
    title: str
    max_points: Decimal
    evidence_required: bool = False
    children: tuple[Node, ...] = field(default=())


# (code, title, points for province / district / commune, evidence required, children)
_TREE: list = [
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", (10, 10, 12), False, [
        ("1.1", "Kế hoạch cải cách hành chính năm", (3, 3, 4), False, [
            ("1.1.1", "Ban hành kế hoạch CCHC năm kịp thời, đúng yêu cầu", (1, 1, 1.5), True, []),
            ("1.1.2", "Mức độ hoàn thành kế hoạch CCHC năm", (2, 2, 2.5), True, []),
        ]),
        ("1.2", "Báo cáo CCHC định kỳ đầy đủ, đúng hạn", (1.5, 1.5, 2), True, []),
        ("1.3", "Kiểm tra công tác cải cách hành chính", (2, 2, 2), False, [
            ("1.3.1", "Tỷ lệ cơ quan, đơn vị được kiểm tra trong năm", (1, 1, 1), False, []),
            ("1.3.2", "Xử lý các vấn đề phát hiện qua kiểm tra", (1, 1, 1), False, []),
        ]),
        ("1.4", "Thông tin, tuyên truyền về cải cách hành chính", (1.5, 1.5, 2), False, []),
        ("1.5", "Sáng kiến, giải pháp mới trong cải cách hành chính", (2, 2, 2), False, []),
    ]),
    ("2", "Cải cách thể chế (xây dựng và tổ chức thực hiện văn bản QPPL)", (8, 8, 6), False, [
        ("2.1", "Ban hành văn bản QPPL đúng thẩm quyền, trình tự, thủ tục", (3, 3, 2), True, []),
        ("2.2", "Rà soát, hệ thống hóa văn bản QPPL", (2, 2, 1.5), False, [
            ("2.2.1", "Ban hành kế hoạch rà soát, hệ thống hóa", (0.5, 0.5, 0.5), False, []),
            ("2.2.2", "Xử lý kết quả rà soát", (1.5, 1.5, 1), False, []),
        ]),
        ("2.3", "Tổ chức thực hiện và theo dõi thi hành pháp luật", (3, 3, 2.5), False, []),
    ]),
    ("3", "Cải cách thủ tục hành chính", (14, 15, 18), False, [
        ("3.1", "Công khai thủ tục hành chính đầy đủ, đúng quy định", (2, 2, 3), True, []),
        ("3.2", "Kiểm soát, rà soát, đơn giản hóa thủ tục hành chính", (3, 3, 3), False, [
            ("3.2.1", "Rà soát, đánh giá TTHC theo kế hoạch", (1.5, 1.5, 1.5), False, []),
            ("3.2.2", "Thực hiện phương án đơn giản hóa TTHC", (1.5, 1.5, 1.5), False, []),
        ]),
        ("3.3", "Thực hiện cơ chế một cửa, một cửa liên thông", (5, 6, 7), False, [
            ("3.3.1", "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn", (3, 4, 5), True, []),
            ("3.3.2", "Xin lỗi người dân, tổ chức khi giải quyết hồ sơ quá hạn", (1, 1, 1), False,
             []),
            ("3.3.3", "Số hóa hồ sơ, kết quả giải quyết TTHC", (1, 1, 1), False, []),
        ]),
        ("3.4", "Tiếp nhận, xử lý phản ánh, kiến nghị về quy định hành chính", (2, 2, 3), False,
         []),
        ("3.5", "Tỷ lệ hồ sơ TTHC nộp trực tuyến", (2, 2, 2), True, []),
    ]),
    ("4", "Cải cách tổ chức bộ máy hành chính nhà nước", (9, 8, 6), False, [
        ("4.1", "Sắp xếp, kiện toàn tổ chức bộ máy theo quy định", (3, 3, 2), True, []),
        ("4.2", "Quản lý biên chế", (3, 3, 2), False, [
            ("4.2.1", "Sử dụng biên chế được giao", (1.5, 1.5, 1), False, []),
            ("4.2.2", "Tinh giản biên chế theo kế hoạch", (1.5, 1.5, 1), False, []),
        ]),
        ("4.3", "Thực hiện phân cấp, ủy quyền quản lý nhà nước", (3, 2, 2), False, []),
    ]),
    ("5", "Cải cách chế độ công vụ", (12, 12, 12), False, [
        ("5.1", "Xác định, điều chỉnh vị trí việc làm", (3, 3, 2), True, []),
        ("5.2", "Tuyển dụng, sử dụng, quản lý cán bộ, công chức, viên chức đúng quy định",
         (3, 3, 3), False, []),
        ("5.3", "Đào tạo, bồi dưỡng cán bộ, công chức, viên chức", (2, 2, 3), False, [
            ("5.3.1", "Ban hành kế hoạch đào tạo, bồi dưỡng", (0.5, 0.5, 1), False, []),
            ("5.3.2", "Mức độ thực hiện kế hoạch đào tạo, bồi dưỡng", (1.5, 1.5, 2), False, []),
        ]),
        ("5.4", "Kỷ luật, kỷ cương hành chính", (4, 4, 4), False, [
            ("5.4.1", "Không có cán bộ, công chức, viên chức bị kỷ luật", (2, 2, 2), False, []),
            ("5.4.2", "Thực hiện quy định về văn hóa công vụ", (2, 2, 2), False, []),
        ]),
    ]),
    ("6", "Cải cách tài chính công", (8, 7, 6), False, [
        ("6.1", "Quản lý, sử dụng ngân sách nhà nước đúng quy định", (3, 3, 3), True, []),
        ("6.2", "Quản lý, sử dụng tài sản công", (2, 2, 2), False, []),
        ("6.3", "Cơ chế tự chủ tài chính của đơn vị sự nghiệp công lập", (3, 2, 1), False, []),
    ]),
    ("7", "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", (12, 12, 12), False, [
        ("7.1", "Kế hoạch chuyển đổi số, ứng dụng công nghệ thông tin", (1, 1, 1), False, []),
        ("7.2", "Văn bản điện tử và chữ ký số", (3, 3, 4), False, [
            ("7.2.1", "Tỷ lệ văn bản trao đổi dưới dạng điện tử", (2, 2, 2), False, []),
            ("7.2.2", "Sử dụng chữ ký số trong văn bản điện tử", (1, 1, 2), False, []),
        ]),
        ("7.3", "Cung cấp dịch vụ công trực tuyến", (5, 5, 4), False, [
            ("7.3.1", "Tỷ lệ dịch vụ công trực tuyến toàn trình", (2, 2, 1.5), False, []),
            ("7.3.2", "Tỷ lệ hồ sơ giải quyết trực tuyến", (2, 2, 1.5), True, []),
            ("7.3.3", "Tỷ lệ hồ sơ thanh toán trực tuyến", (1, 1, 1), False, []),
        ]),
        ("7.4", "Cổng, trang thông tin điện tử và hệ thống thông tin báo cáo", (3, 3, 3), False,
         []),
    ]),
    ("8", "Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế - xã hội",
     (27, 28, 28), False, [
        ("8.1", "Mức độ hài lòng của người dân, tổ chức (khảo sát SIPAS)", (15, 16, 16), True,
         []),
        ("8.2", "Tác động đến phát triển kinh tế - xã hội", (12, 12, 12), False, [
            ("8.2.1", "Thu ngân sách nhà nước so với dự toán được giao", (4, 4, 4), False, []),
            ("8.2.2", "Thu hút đầu tư, phát triển sản xuất, kinh doanh", (4, 4, 3), False, []),
            ("8.2.3", "Thực hiện các chỉ tiêu phát triển kinh tế - xã hội", (4, 4, 5), False, []),
        ]),
    ]),
]  # fmt: skip


def _node(item: tuple, index: int) -> Node:
    code, title, points, evidence, children = item
    return Node(
        code=code,
        title=title,
        max_points=Decimal(str(points[index])),
        evidence_required=evidence,
        children=tuple(_node(child, index) for child in children),
    )


def default_tree(level: str) -> tuple[Node, ...]:
    """The areas of the default index for a level, with their criteria."""
    index = LEVELS.index(level)
    return tuple(_node(item, index) for item in _TREE)


def default_name(year: int, level_label: str) -> str:
    return (
        f"Bộ tiêu chí chỉ số CCHC năm {year} — {level_label} (mặc định theo các lĩnh vực của "
        "Bộ Nội vụ, cần điều chỉnh theo quy định của địa phương)"
    )

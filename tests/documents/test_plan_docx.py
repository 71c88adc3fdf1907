"""The official-document writer on the plan of seed 002 (Kế hoạch 31/KH-UBND of Thái Nguyên city)
and the draft of seed 004 (Tam Phước): rendered, opened again with python-docx, read back."""

import ast
import datetime
import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from thidua.documents.docx import (
    DECISION_NUMBERING,
    Cell,
    IssueDate,
    Item,
    NumberStyle,
    OfficialDocument,
    Paragraph,
    Section,
    Signer,
    Span,
    Table,
    date_line,
    render_docx,
    section_marker,
)

QUOTAS = Table(
    header=[
        [Cell("Khen thưởng", rowspan=2), Cell("Tập thể", colspan=3), Cell("Cá nhân", colspan=3)],
        ["Phòng, ban, đơn vị", "UBND xã, phường", "Cộng"] * 2,
    ],
    rows=[
        ["Tổng kết hàng năm", "04", "06", "10", "07", "08", "15"],
        ["Tổng kết giai đoạn", "06", "09", "15", "10", "10", "20"],
    ],
    widths_mm=[39, 21, 21, 21, 21, 21, 21],
)  # fmt: skip

RECIPIENTS = [
    "UBND tỉnh Thái Nguyên",
    "Sở Nội vụ tỉnh Thái Nguyên",
    "TT Thành uỷ",
    "TT HĐND TP",
    "Lãnh đạo UBND TP",
    "Các phòng, ban, đơn vị TP",
    "UBND 32 xã, phường",
]

MOVEMENT = "“Thực hiện cải cách hành chính”"


def thai_nguyen_plan() -> OfficialDocument:
    """Kế hoạch số 31/KH-UBND ngày 27/02/2018 of UBND thành phố Thái Nguyên (seed 002)."""
    purposes = Section(
        "Mục đích",
        [
            Item(
                f"Đẩy mạnh phong trào thi đua {MOVEMENT} thành phố Thái Nguyên, thực hiện tốt các"
                " nhiệm vụ và giải pháp trong Đề án Cải cách hành chính thành phố Thái Nguyên,"
                " giai đoạn 2016 - 2020; Kế hoạch CCHC năm 2018 và những năm tiếp theo, quyết tâm"
                " duy trì thứ hạng cao của thành phố trong toàn tỉnh về kết quả Chỉ số CCHC."
            ),
            Item(
                "Động viên tinh thần đội ngũ cán bộ, công chức, viên chức và người lao động có"
                " những hoạt động cụ thể, thiết thực, hiệu quả trong phong trào thi đua đẩy mạnh"
                " thực hiện CCHC. Nâng cao vai trò, trách nhiệm của tổ chức, cá nhân trực tiếp"
                " thực hiện nhiệm vụ CCHC, trọng tâm là công tác cải cách, đơn giản hóa các thủ"
                " tục hành chính góp phần xây dựng nền hành chính hiện đại, hiệu lực, hiệu quả."
            ),
            Item(
                "Xây dựng và nhân rộng điển hình tiên tiến; biểu dương, khen thưởng kịp thời gương"
                " người tốt, việc tốt trong thực hiện phong trào thi đua; khuyến khích cán bộ,"
                " công chức, viên chức, người lao động đề xuất các đề tài, sáng kiến, giải pháp"
                " công tác để tham mưu, thực hiện có hiệu quả công tác cải cách hành chính."
            ),
        ],
    )
    requirements = Section(
        "Yêu cầu",
        [
            Item(
                "Phong trào thi đua phải được triển khai rộng khắp, thường xuyên, phát huy sự"
                " sáng tạo trong công tác CCHC, đảm bảo thực hiện đầy đủ các tiêu chí, nội dung về"
                " CCHC, các biện pháp có bước đột phá, góp phần hoàn thành thắng lợi các mục tiêu"
                " phát triển kinh tế - xã hội của cơ quan, đơn vị, địa phương."
            ),
            Item(
                "Thủ trưởng các phòng, ban, đơn vị, Chủ tịch UBND các xã, phường chịu trách nhiệm"
                f" tổ chức có hiệu quả phong trào thi đua {MOVEMENT} thành phố Thái Nguyên đối với"
                " các đối tượng thuộc phạm vi quản lý. Đánh giá thực chất, khách quan, công bằng"
                " kết quả thực hiện, tổ chức bình xét, tổng kết khen thưởng hàng năm cho các tập"
                " thể, cá nhân có thành tích xuất sắc trong công tác cải cách hành chính."
            ),
            Item(
                "Kết quả thực hiện CCHC là cơ sở quan trọng để đánh giá mức độ hoàn thành nhiệm"
                " vụ, năng lực lãnh đạo, điều hành và trách nhiệm của người đứng đầu; là một trong"
                " các tiêu chí chính để xét tặng danh hiệu thi đua, hình thức khen thưởng đối với"
                " cá nhân là người đứng đầu, người phụ trách công tác CCHC và đối với tập thể cơ"
                " quan, đơn vị."
            ),
        ],
    )
    subjects = Section(
        "Đối tượng thi đua, khen thưởng",
        [
            Item(
                "Các phòng, ban, đơn vị, Ủy ban Mặt trận Tổ quốc, tổ chức chính trị - xã hội, tổ"
                " chức kinh tế, doanh nghiệp, hợp tác xã, các xã, phường, lực lượng quân đội, công"
                " an nhân dân trên địa bàn thành phố Thái Nguyên."
            ),
            Item(
                "Cán bộ, công chức, viên chức, chiến sĩ, sĩ quan và người lao động làm việc tại"
                " phòng, ban, đơn vị, các xã, phường trên địa bàn thành phố Thái Nguyên."
            ),
            Item(
                "Các tổ chức, cá nhân tự nguyện đăng ký tham gia phong trào thi đua, xác định mục"
                " tiêu, chỉ tiêu thi đua và có thành tích đem lại hiệu quả thiết thực trong công"
                " tác thực hiện CCHC."
            ),
        ],
    )
    contents = Section(
        "Nội dung thi đua",
        [
            Item(
                "Thi đua nâng cao trách nhiệm lãnh đạo, chỉ đạo của người đứng đầu các phòng"
                " chuyên môn, UBND các xã, phường trong triển khai thực hiện nhiệm vụ CCHC của đơn"
                " vị."
            ),
            Item(
                "Thi đua thực hiện các nội dung CCHC theo Chương trình tổng thể CCHC của Chính"
                " phủ, Đề án, kế hoạch CCHC của tỉnh và thành phố."
            ),
            Item(
                "Thi đua trong công tác tuyên truyền CCHC, chú trọng tuyên truyền, vận động nhân"
                " dân đăng ký thực hiện Dịch vụ công trực tuyến mức độ 3, 4 trên Cổng Dịch vụ công"
                " trực tuyến thành phố."
            ),
            Item(
                "Thi đua đề xuất các giải pháp, sáng kiến kinh nghiệm, đề tài nghiên cứu khoa học"
                " sáng tạo, có khả năng áp dụng rộng rãi, có hiệu quả cao trong thực hiện CCHC."
            ),
        ],
    )
    forms = Section(
        "Hình thức, cơ cấu và số lượng khen thưởng",
        children=[
            Section(
                "Đối với cấp tỉnh",
                [
                    "Hình thức, số lượng, cơ cấu khen thưởng theo hướng dẫn của UBND tỉnh, Sở Nội"
                    " vụ tỉnh Thái Nguyên."
                ],
            ),
            Section(
                "Đối với cấp thành phố",
                [
                    Item("Hình thức khen thưởng: Giấy khen của Chủ tịch UBND thành phố."),
                    Item(
                        "Số lượng:",
                        [
                            "Khen thưởng đột xuất: Tập thể, cá nhân lập thành tích đặc biệt xuất"
                            " sắc, số lượng căn cứ thành tích của các tập thể, cá nhân.",
                            "Khen thưởng tổng kết hàng năm: 10 tập thể và 15 cá nhân; khen thưởng"
                            " tổng kết giai đoạn: 15 tập thể và 20 cá nhân, cơ cấu như sau:",
                        ],
                    ),
                    QUOTAS,
                ],
            ),
            Section(
                "Đối với cấp xã",
                [
                    "Căn cứ kế hoạch thi đua CCHC hàng năm, dựa trên kết quả thực hiện và điều kiện"
                    " thực tế của đơn vị, Hội đồng Thi đua, khen thưởng xã, phường bình xét, đề"
                    " nghị Chủ tịch UBND các xã, phường khen thưởng cho tập thể, cá nhân có thành"
                    " tích tiêu biểu, mang lại hiệu quả cao trong công tác CCHC."
                ],
            ),
        ],
    )
    standards = Section(
        "Tiêu chuẩn khen thưởng",
        children=[
            Section(
                "Đối với tập thể",
                [
                    "Là tập thể tiêu biểu được lựa chọn trong số các tập thể đạt các tiêu chuẩn"
                    " sau:",
                    Item("Hoàn thành xuất sắc nhiệm vụ được giao."),
                    Item(
                        "Phát động và tích cực tham gia phong trào thi đua CCHC thường xuyên."
                        " Thực hiện có hiệu quả các nội dung trong Kế hoạch CCHC hàng năm của UBND"
                        " thành phố và của cơ quan, đơn vị, địa phương."
                    ),
                    Item(
                        "Kết quả đánh giá, xếp hạng Chỉ số CCHC của UBND các xã, phường xếp loại"
                        " Tốt trở lên."
                    ),
                    Item(
                        [
                            "Thực hiện nghiêm kỷ luật, kỷ cương hành chính (",
                            Span(
                                "không có cán bộ, công chức, viên chức trong cơ quan, đơn vị vi"
                                " phạm kỷ luật, kỷ cương hành chính, không bị tổ chức, công dân"
                                " phản ánh đến cơ quan có thẩm quyền, hoặc bị lập biên bản kiểm"
                                " điểm trở lên",
                                italic=True,
                            ),
                            ").",
                        ]
                    ),
                ],
            ),
            Section(
                "Đối với cá nhân",
                [
                    Item("Được đánh giá, xếp loại: Hoàn thành xuất sắc nhiệm vụ được giao."),
                    Item(
                        "Đối với Chủ tịch, Phó Chủ tịch UBND các xã, phường, kết quả xếp hạng Chỉ"
                        " số CCHC của đơn vị phải xếp hạng chỉ số CCHC đạt loại Tốt trở lên."
                    ),
                    Paragraph(
                        [
                            "* ",
                            Span("Lưu ý:", bold=True),
                            " Ưu tiên khen thưởng đối với cá nhân là công chức, viên chức, người"
                            " lao động trực tiếp thực hiện nhiệm vụ CCHC tại đơn vị.",
                        ]
                    ),
                ],
            ),
        ],
    )
    dossier = Section(
        "Hồ sơ đề nghị khen thưởng",
        [
            Item("Tờ trình đề nghị khen thưởng của cơ quan, đơn vị."),
            Item("Báo cáo tóm tắt thành tích của tập thể, cá nhân được đề nghị khen thưởng."),
            Item(
                "Biên bản họp xét đề nghị khen thưởng của Hội đồng thi đua, khen thưởng của cơ"
                " quan, đơn vị."
            ),
            Item("Danh sách trích ngang thành tích của tập thể, cá nhân đề nghị khen thưởng."),
            Item(
                "Số lượng hồ sơ: 01 bộ đối với khen thưởng cấp thành phố; 02 bộ đối với khen"
                " thưởng cấp tỉnh."
            ),
        ],
    )
    deadlines = Section(
        "Thời gian đăng ký thi đua và đề nghị khen thưởng",
        [
            Item(
                [
                    "Thời gian đăng ký thi đua: Các phòng, ban, đơn vị, UBND các xã, phường đăng"
                    " ký thi đua gửi về UBND thành phố (",
                    Span("qua phòng Nội vụ", italic=True),
                    ") trước ngày ",
                    Span("10/3", bold=True),
                    " hàng năm.",
                ]
            ),
            Item(
                [
                    "Thời gian đề nghị khen thưởng: Các phòng, ban, đơn vị, UBND các xã, phường"
                    " gửi hồ sơ đề nghị khen thưởng về UBND thành phố (",
                    Span("qua phòng Nội vụ", italic=True),
                    ") trước ngày ",
                    Span("31/12", bold=True),
                    " hàng năm.",
                ]
            ),
        ],
    )
    organisation = [
        Section(
            "Phòng Nội vụ (cơ quan thường trực):",
            [
                Item(
                    "Hướng dẫn, kiểm tra, đôn đốc các cơ quan, đơn vị, địa phương thực hiện kế"
                    " hoạch cải cách hành chính, kế hoạch tổ chức phong trào thi đua CCHC, tổng"
                    " hợp báo cáo UBND thành phố theo quy định."
                ),
                Item(
                    "Chủ trì và phối hợp với các đơn vị liên quan theo dõi kết quả thực hiện CCHC"
                    " hàng năm, tổng hợp hồ sơ đề nghị khen thưởng, lựa chọn đề xuất Hội đồng Thi"
                    " đua, khen thưởng thành phố bình xét, đề nghị khen thưởng cho các tập thể và"
                    " cá nhân có thành tích tiêu biểu, xuất sắc."
                ),
                Item(
                    "Phối hợp với Văn phòng HĐND và UBND thành phố tổ chức Hội nghị tổng kết hàng"
                    " năm, tổng kết giai đoạn 2018-2020, tổ chức khen thưởng cho các tập thể, cá"
                    " nhân có thành tích tiêu biểu trong công tác CCHC."
                ),
            ],
        ),
        Section(
            "Phòng Văn hóa và Thông tin, Đài Truyền thanh - Truyền hình thành phố",
            [
                Item(
                    "Phòng Văn hóa và Thông tin thành phố chủ trì, phối hợp với các đơn vị liên"
                    " quan đẩy mạnh các hình thức tuyên truyền nội dung thi đua trong công tác cải"
                    " cách hành chính."
                ),
                Item(
                    "Đài Truyền thanh - Truyền hình thành phố đổi mới trong việc xây dựng và tăng"
                    " thời lượng phát sóng các chuyên trang, chuyên mục giới thiệu gương điển hình"
                    " tiên tiến, gương người tốt, việc tốt trong phong trào thi đua cải cách hành"
                    " chính."
                ),
            ],
        ),
        Section(
            "Thủ trưởng phòng, ban, đơn vị, Chủ tịch UBND các xã, phường",
            [
                Item(
                    "Xây dựng Kế hoạch thực hiện, triển khai nội dung Kế hoạch phát động phong"
                    f" trào thi đua {MOVEMENT} thành phố Thái Nguyên, giai đoạn 2018 - 2020 đến"
                    " toàn thể cán bộ, công chức, viên chức và người lao động."
                ),
                Item(
                    "Tổ chức đánh giá, bình xét, đề nghị khen thưởng kịp thời cho các tập thể, cá"
                    " nhân có thành tích tiêu biểu trong phong trào thi đua CCHC hàng năm và cả"
                    " giai đoạn."
                ),
            ],
        ),
        Section(
            "Đề nghị Ban Dân vận Thành ủy, Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã"
            " hội thành phố.",
            [
                "Phối hợp chặt chẽ với chính quyền địa phương, phát huy sức mạnh khối đại đoàn kết"
                " toàn dân trong công tác dân vận, vận động cán bộ, công chức, viên chức và nhân"
                " dân tích cực hưởng ứng, tham gia phong trào thi đua đạt hiệu quả thiết thực."
            ],
        ),
    ]
    return OfficialDocument(
        issuer="ỦY BAN NHÂN DÂN THÀNH PHỐ THÁI NGUYÊN",
        number="31/KH-UBND",
        place="TP. Thái Nguyên",
        date=datetime.date(2018, 2, 27),
        kind_title="KẾ HOẠCH",
        summary="Đẩy mạnh phong trào thi đua “Thực hiện Cải cách hành chính”\n"
        "thành phố Thái Nguyên, giai đoạn 2018 - 2020",
        intro=[
            "Thực hiện Chỉ thị số 18/CT-UBND ngày 16/10/2017 của UBND tỉnh Thái Nguyên về đẩy"
            " mạnh phong trào thi đua “Thực hiện cải cách hành chính tỉnh Thái Nguyên”. Để góp"
            " phần thực hiện tốt công tác cải cách hành chính, hoàn thành xuất sắc nhiệm vụ phát"
            " triển kinh tế - xã hội thành phố Thái Nguyên.",
            f"UBND thành phố xây dựng Kế hoạch đẩy mạnh phong trào thi đua {MOVEMENT} (CCHC)"
            " thành phố Thái Nguyên, giai đoạn 2018 - 2020, cụ thể như sau:",
        ],
        numbering=(NumberStyle.ROMAN, NumberStyle.ARABIC, NumberStyle.DECIMAL),
        sections=[
            Section("MỤC ĐÍCH, YÊU CẦU", children=[purposes, requirements]),
            Section("ĐỐI TƯỢNG, NỘI DUNG THI ĐUA", children=[subjects, contents]),
            Section("CÔNG TÁC KHEN THƯỞNG", children=[forms, standards, dossier, deadlines]),
            Section("TỔ CHỨC THỰC HIỆN", children=organisation),
        ],
        closing=[
            f"Trên đây là Kế hoạch đẩy mạnh phong trào thi đua {MOVEMENT} thành phố Thái Nguyên,"
            " giai đoạn 2018 - 2020 của UBND thành phố, yêu cầu Thủ trưởng các phòng, ban, đơn vị"
            " thành phố; Chủ tịch UBND các xã, phường triển khai, thực hiện./."
        ],
        recipients=RECIPIENTS,
        archive="VT, NV",
        signer=Signer(capacity="TM. ỦY BAN NHÂN DÂN", title="CHỦ TỊCH", name="Nguyễn Văn A"),
    )


def tam_phuoc_draft() -> OfficialDocument:
    """The draft of seed 004: no number yet, the day left blank, signed by a vice-chairman."""
    return OfficialDocument(
        issuer_parent="UBND HUYỆN LONG ĐIỀN",
        issuer="ỦY BAN NHÂN DÂN XÃ TAM PHƯỚC",
        number="/KH-UBND",
        place="Tam Phước",
        date=IssueDate(month=4, year=2023),
        kind_title="KẾ HOẠCH",
        summary="Phát động phong trào thi đua “Nâng cao trách nhiệm người đứng đầu trong thực"
        " hiện các nhiệm vụ cải cách hành chính” trên địa bàn xã Tam Phước năm 2023",
        sections=[
            Section(
                "ĐỐI TƯỢNG, TIÊU CHUẨN, HÌNH THỨC, SỐ LƯỢNG KHEN THƯỞNG",
                children=[
                    Section(
                        "Hình thức, số lượng khen thưởng",
                        children=[
                            Section("Hình thức khen thưởng: Giấy khen của Chủ tịch UBND xã."),
                            Section("Số lượng khen thưởng: Không quá 05 cá nhân."),
                        ],
                    )
                ],
            )
        ],
        recipients=["UBND huyện (báo cáo)", "Phòng Nội vụ huyện (báo cáo)"],
        signer=Signer(capacity="KT. CHỦ TỊCH", title="PHÓ CHỦ TỊCH", name="Bùi Ngọc Nhân"),
    )


def reopen(document: OfficialDocument):
    return docx.Document(io.BytesIO(render_docx(document)))


@pytest.fixture(scope="module")
def plan():
    return reopen(thai_nguyen_plan())


def lines(cell) -> list[str]:
    """The texts of a cell's paragraphs, without the empty ones that carry the short rules."""
    return [paragraph.text for paragraph in cell.paragraphs if paragraph.text]


def body_texts(document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs if paragraph.text]


def test_page_is_a4_with_the_margins_of_the_decree(plan):
    section = plan.sections[0]
    lengths = (section.page_width, section.page_height, section.top_margin)
    lengths += (section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(length.mm) for length in lengths] == [210, 297, 20, 20, 30, 15]


def test_heading_block_holds_the_body_number_nation_motto_and_date(plan):
    heading = plan.tables[0]
    (body, nation), (number, date) = ([cell for cell in row.cells] for row in heading.rows)
    assert lines(body) == ["ỦY BAN NHÂN DÂN\nTHÀNH PHỐ THÁI NGUYÊN"]
    assert lines(number) == ["Số: 31/KH-UBND"]
    assert lines(nation) == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert lines(date) == ["TP. Thái Nguyên, ngày 27 tháng 02 năm 2018"]
    assert [run.bold for run in body.paragraphs[0].runs] == [True]
    assert [run.bold for run in number.paragraphs[0].runs] == [None]
    assert [run.italic for run in date.paragraphs[0].runs] == [True]
    assert [run.font.size.pt for run in nation.paragraphs[0].runs] == [12]
    assert [round(column.width.mm) for column in heading.columns] == [70, 95]


def test_heading_block_draws_short_rules_under_the_body_and_the_motto(plan):
    rules = []
    for cell in plan.tables[0].rows[0].cells:
        rule = cell.paragraphs[-1]
        border = rule._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
        indents = rule.paragraph_format.left_indent.mm + rule.paragraph_format.right_indent.mm
        rules.append((rule.text, border.get(qn("w:val")), round(cell.width.mm - indents)))
    # 40 % of "THÀNH PHỐ THÁI NGUYÊN" (62 mm at 13 pt bold); the whole motto (56 mm).
    assert rules == [("", "single", 25), ("", "single", 56)]


def test_title_and_summary_are_centred_in_bold(plan):
    title, summary = plan.paragraphs[0], plan.paragraphs[1]
    assert title.text == "KẾ HOẠCH"
    assert summary.text == (
        "Đẩy mạnh phong trào thi đua “Thực hiện Cải cách hành chính”\n"
        "thành phố Thái Nguyên, giai đoạn 2018 - 2020"
    )
    assert {run.bold for run in [*title.runs, *summary.runs]} == {True}
    assert {p.alignment for p in (title, summary)} == {docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER}


def test_sections_are_numbered_from_their_depth(plan):
    numbered = re.compile(r"^(?:[IVX]+|\d+(?:\.\d+)*)\. ")
    headings = [text for text in body_texts(plan) if numbered.match(text)]
    assert headings == [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "2. Yêu cầu",
        "II. ĐỐI TƯỢNG, NỘI DUNG THI ĐUA",
        "1. Đối tượng thi đua, khen thưởng",
        "2. Nội dung thi đua",
        "III. CÔNG TÁC KHEN THƯỞNG",
        "1. Hình thức, cơ cấu và số lượng khen thưởng",
        "1.1. Đối với cấp tỉnh",
        "1.2. Đối với cấp thành phố",
        "1.3. Đối với cấp xã",
        "2. Tiêu chuẩn khen thưởng",
        "2.1. Đối với tập thể",
        "2.2. Đối với cá nhân",
        "3. Hồ sơ đề nghị khen thưởng",
        "4. Thời gian đăng ký thi đua và đề nghị khen thưởng",
        "IV. TỔ CHỨC THỰC HIỆN",
        "1. Phòng Nội vụ (cơ quan thường trực):",
        "2. Phòng Văn hóa và Thông tin, Đài Truyền thanh - Truyền hình thành phố",
        "3. Thủ trưởng phòng, ban, đơn vị, Chủ tịch UBND các xã, phường",
        "4. Đề nghị Ban Dân vận Thành ủy, Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã"
        " hội thành phố.",
    ]


def test_headings_are_bold_and_body_paragraphs_justified_with_a_first_line_indent(plan):
    paragraphs = {p.text: p for p in plan.paragraphs if p.text}
    heading = paragraphs["I. MỤC ĐÍCH, YÊU CẦU"]
    item = paragraphs["- Hoàn thành xuất sắc nhiệm vụ được giao."]
    assert {run.bold for run in heading.runs} == {True}
    assert heading.paragraph_format.keep_with_next is True
    assert item.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY
    assert (item.paragraph_format.first_line_indent.cm, item.paragraph_format.line_spacing) == (
        pytest.approx(1.27),
        1.2,
    )
    assert item.paragraph_format.space_after.pt == 6


def test_items_take_dashes_and_their_children_plus_signs(plan):
    texts = body_texts(plan)
    start = texts.index("1.2. Đối với cấp thành phố")
    assert texts[start + 1 : start + 6] == [
        "- Hình thức khen thưởng: Giấy khen của Chủ tịch UBND thành phố.",
        "- Số lượng:",
        "+ Khen thưởng đột xuất: Tập thể, cá nhân lập thành tích đặc biệt xuất sắc, số lượng căn"
        " cứ thành tích của các tập thể, cá nhân.",
        "+ Khen thưởng tổng kết hàng năm: 10 tập thể và 15 cá nhân; khen thưởng tổng kết giai"
        " đoạn: 15 tập thể và 20 cá nhân, cơ cấu như sau:",
        "1.3. Đối với cấp xã",
    ]


def test_spans_keep_their_emphasis(plan):
    note = next(p for p in plan.paragraphs if p.text.startswith("* Lưu ý:"))
    assert [(run.text, run.bold) for run in note.runs] == [
        ("* ", None),
        ("Lưu ý:", True),
        (
            " Ưu tiên khen thưởng đối với cá nhân là công chức, viên chức, người lao động trực"
            " tiếp thực hiện nhiệm vụ CCHC tại đơn vị.",
            None,
        ),
    ]


def test_award_quota_table_has_merged_bold_headers_borders_and_widths(plan):
    table = plan.tables[1]
    grid = [[cell.text for cell in row.cells] for row in table.rows]
    assert grid == [
        ["Khen thưởng", "Tập thể", "Tập thể", "Tập thể", "Cá nhân", "Cá nhân", "Cá nhân"],
        ["Khen thưởng"] + ["Phòng, ban, đơn vị", "UBND xã, phường", "Cộng"] * 2,
        ["Tổng kết hàng năm", "04", "06", "10", "07", "08", "15"],
        ["Tổng kết giai đoạn", "06", "09", "15", "10", "10", "20"],
    ]
    assert {run.bold for row in table.rows[:2] for c in row.cells for run in c.paragraphs[0].runs}
    assert [round(column.width.mm) for column in table.columns] == [39, 21, 21, 21, 21, 21, 21]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"single"}
    assert [bool(row._tr.xpath("w:trPr/w:tblHeader")) for row in table.rows] == [
        True,
        True,
        False,
        False,
    ]


def test_every_run_is_times_new_roman_for_every_script(plan):
    runs = [run for paragraph in plan.paragraphs for run in paragraph.runs]
    runs += [
        run
        for table in plan.tables
        for row in table.rows
        for cell in row.cells
        for paragraph in cell.paragraphs
        for run in paragraph.runs
    ]
    scripts = ("ascii", "hAnsi", "eastAsia", "cs")
    fonts = {tuple(run._r.rPr.rFonts.get(qn(f"w:{s}")) for s in scripts) for run in runs}
    assert fonts == {("Times New Roman",) * 4}
    assert {run.font.size.pt for run in runs if run.text} == {11, 12, 13, 14}


def test_recipients_and_signature_block(plan):
    recipients, signature = plan.tables[-1].rows[0].cells
    assert lines(recipients) == [
        "Nơi nhận:",
        "- UBND tỉnh Thái Nguyên;",
        "- Sở Nội vụ tỉnh Thái Nguyên;",
        "- TT Thành uỷ;",
        "- TT HĐND TP;",
        "- Lãnh đạo UBND TP;",
        "- Các phòng, ban, đơn vị TP;",
        "- UBND 32 xã, phường;",
        "- Lưu: VT, NV.",
    ]
    label = recipients.paragraphs[0].runs[0]
    assert (label.bold, label.italic, label.font.size.pt) == (True, True, 12)
    assert {p.runs[0].font.size.pt for p in recipients.paragraphs[1:]} == {11}
    assert lines(signature) == ["TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "Nguyễn Văn A"]
    assert {run.bold for p in signature.paragraphs for run in p.runs} == {True}
    assert signature.paragraphs[1].paragraph_format.space_before.pt == 72


def test_closing_paragraph_stays_with_the_signature(plan):
    closing = next(p for p in plan.paragraphs if p.text.startswith("Trên đây là Kế hoạch"))
    assert closing.text.endswith("triển khai, thực hiện./.")
    assert closing.paragraph_format.keep_with_next is True


def test_without_closing_the_last_paragraph_of_the_text_stays_with_the_signature():
    document = docx.Document(
        io.BytesIO(
            render_docx(
                OfficialDocument(
                    issuer="UBND XÃ BÌNH AN",
                    kind_title="BÁO CÁO THÀNH TÍCH",
                    summary="Đề nghị tặng Giấy khen",
                    place="Bình An",
                    sections=[Section("Thành tích", body=["Đoạn thứ nhất.", "Đoạn cuối."])],
                    signer=Signer(title="THỦ TRƯỞNG ĐƠN VỊ", name=""),
                )
            )
        )
    )
    last = [p for p in document.paragraphs if p.text][-1]
    assert last.text == "Đoạn cuối."
    assert last.paragraph_format.keep_with_next is True


def test_page_numbers_start_on_the_second_page(plan):
    section = plan.sections[0]
    assert section.different_first_page_header_footer is True
    assert [p.text for p in section.first_page_header.paragraphs] == [""]
    header = section.header.paragraphs[0]
    assert header._p.xpath(".//w:instrText/text()") == [" PAGE "]
    assert header.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER


def test_vietnamese_diacritics_survive_the_round_trip(plan):
    text = "\n".join(body_texts(plan))
    assert unicodedata.is_normalized("NFC", text)
    for phrase in (
        "Đẩy mạnh phong trào thi đua “Thực hiện Cải cách hành chính”",
        "Ưu tiên khen thưởng đối với cá nhân",
        "Đài Truyền thanh - Truyền hình thành phố đổi mới",
    ):
        assert phrase in text


def test_draft_leaves_the_number_and_the_day_blank():
    draft = reopen(tam_phuoc_draft())
    (body, _), (number, date) = ([cell for cell in row.cells] for row in draft.tables[0].rows)
    assert lines(body) == ["UBND HUYỆN LONG ĐIỀN", "ỦY BAN NHÂN DÂN\nXÃ TAM PHƯỚC"]
    assert [run.bold for run in body.paragraphs[0].runs] == [None]
    assert lines(number) == ["Số: /KH-UBND"]
    assert lines(date) == ["Tam Phước, ngày     tháng 4 năm 2023"]
    assert draft.paragraphs[1].text == (
        "Phát động phong trào thi đua “Nâng cao trách nhiệm\n"
        "người đứng đầu trong thực hiện các nhiệm vụ cải cách\n"
        "hành chính” trên địa bàn xã Tam Phước năm 2023"
    )  # a long summary is broken into even lines, no lonely "2023" on the last
    assert [t for t in body_texts(draft) if t[:2] in ("I.", "1.", "a)", "b)")] == [
        "I. ĐỐI TƯỢNG, TIÊU CHUẨN, HÌNH THỨC, SỐ LƯỢNG KHEN THƯỞNG",
        "1. Hình thức, số lượng khen thưởng",
        "a) Hình thức khen thưởng: Giấy khen của Chủ tịch UBND xã.",
        "b) Số lượng khen thưởng: Không quá 05 cá nhân.",
    ]
    signature = draft.tables[-1].rows[0].cells[1]
    assert lines(signature) == ["KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", "Bùi Ngọc Nhân"]
    assert lines(draft.tables[-1].rows[0].cells[0])[-1] == "- Lưu: VT."


def test_document_without_number_or_summary_has_no_number_line_and_no_title_rule():
    document = OfficialDocument(issuer="PHÒNG NỘI VỤ", kind_title="BÁO CÁO", summary="", place="X")
    rendered = reopen(document)
    assert rendered.tables[0].rows[1].cells[0].text == ""
    assert [p.text for p in rendered.paragraphs[:3]] == ["BÁO CÁO", "", ""]
    assert rendered.element.body.xpath("./w:p/w:pPr/w:pBdr") == []


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2018, 2, 27), "TP. Thái Nguyên, ngày 27 tháng 02 năm 2018"),
        (datetime.date(2023, 4, 3), "TP. Thái Nguyên, ngày 03 tháng 4 năm 2023"),
        (datetime.date(2023, 12, 31), "TP. Thái Nguyên, ngày 31 tháng 12 năm 2023"),
        (IssueDate(month=1, year=2024), "TP. Thái Nguyên, ngày     tháng 01 năm 2024"),
        (None, "TP. Thái Nguyên, ngày     tháng     năm    "),
    ],
    ids=["february", "april-day-padded", "december", "blank-day", "all-blank"],
)
def test_date_line_pads_days_below_ten_and_january_and_february(date, expected):
    assert date_line("TP. Thái Nguyên", date) == expected


def test_impossible_issue_date_is_refused():
    with pytest.raises(ValueError):
        IssueDate(day=30, month=2, year=2023)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ([(NumberStyle.ROMAN, 4)], "IV."),
        ([(NumberStyle.ROMAN, 3), (NumberStyle.ARABIC, 2)], "2."),
        ([(NumberStyle.ROMAN, 3), (NumberStyle.ARABIC, 2), (NumberStyle.DECIMAL, 1)], "2.1."),
        ([(NumberStyle.ARABIC, 2), (NumberStyle.DECIMAL, 1), (NumberStyle.DECIMAL, 3)], "2.1.3."),
        ([(NumberStyle.ROMAN, 1), (NumberStyle.LETTER, 5)], "đ)"),
        ([(NumberStyle.ARTICLE, 2)], "Điều 2."),
    ],
    ids=["roman", "arabic", "decimal", "decimal-nested", "letter-d-stroke", "article"],
)
def test_section_marker(path, expected):
    assert section_marker(path) == expected


def test_decision_articles_have_a_bold_number_and_plain_text():
    decision = OfficialDocument(
        issuer="ỦY BAN NHÂN DÂN XÃ TAM PHƯỚC",
        kind_title="QUYẾT ĐỊNH",
        summary="Về việc khen thưởng",
        place="Tam Phước",
        numbering=DECISION_NUMBERING,
        sections=[Section("Khen thưởng 05 cá nhân."), Section("Quyết định có hiệu lực.")],
    )
    articles = [p for p in reopen(decision).paragraphs if p.text.startswith("Điều")]
    assert [[(run.text, run.bold) for run in p.runs] for p in articles] == [
        [("Điều 1. ", True), ("Khen thưởng 05 cá nhân.", None)],
        [("Điều 2. ", True), ("Quyết định có hiệu lực.", None)],
    ]


@pytest.mark.parametrize(
    "rows",
    [
        [["a", "b"], ["c"]],
        [[Cell("a", rowspan=3), "b"], ["c"]],
        [[Cell("a", colspan=2)], ["b", "c", "d"]],
    ],
    ids=["short-row", "rowspan-past-the-end", "long-row"],
)
def test_table_that_is_not_a_rectangle_is_refused(rows):
    document = OfficialDocument(
        issuer="PHÒNG NỘI VỤ",
        kind_title="BÁO CÁO",
        summary="Kết quả",
        place="Long Điền",
        intro=[Table(header=rows[:1], rows=rows[1:])],
    )
    with pytest.raises(ValueError, match="do not fill a rectangle"):
        render_docx(document)


def test_sections_deeper_than_the_numbering_are_refused():
    document = OfficialDocument(
        issuer="PHÒNG NỘI VỤ",
        kind_title="BÁO CÁO",
        summary="Kết quả",
        place="Long Điền",
        numbering=(NumberStyle.ROMAN,),
        sections=[Section("MỘT", children=[Section("Hai")])],
    )
    with pytest.raises(ValueError, match="sections nest 2 deep"):
        render_docx(document)


def test_documents_imports_no_domain_app():
    source = Path(__file__).resolve().parents[2] / "src" / "thidua" / "documents"
    imported = {
        node.module
        for path in source.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("thidua")
    }
    assert imported <= {"thidua.documents", "thidua.documents.docx"}


RENDER_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "render_docx.sh"


@pytest.mark.render
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is missing")
def test_plan_converts_to_pdf_and_png(tmp_path):
    source = tmp_path / "ke-hoach-31.docx"
    source.write_bytes(render_docx(thai_nguyen_plan()))
    subprocess.run([str(RENDER_SCRIPT), str(source), str(tmp_path)], check=True, timeout=300)
    pdf = tmp_path / "ke-hoach-31.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)$", info.stdout, re.MULTILINE).group(1))
    assert pages >= 1
    pngs = sorted(tmp_path.glob("ke-hoach-31-*.png"))
    assert len(pngs) == pages
    assert pngs[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

"""A campaign (Kế hoạch phát động phong trào thi đua) with everything its plan says.

The shape follows the campaign package (`shared/spec/campaign-package.md`): what the spec
keeps as lists of small objects (targets, rounds, award lines, dossier items, assignments) are
rows ordered by `position`; free lists of text (purposes, contents, recipients) and the
declarative parts (rating scales, metrics, eligibility conditions) are JSON, validated by the
package reader before they are stored.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from thidua.campaigns.enums import (
    Area,
    CampaignKind,
    CampaignState,
    Deadline,
    Operator,
    RoundKind,
    Subject,
)
from thidua.core.text import fold
from thidua.organizations.enums import Position
from thidua.organizations.models import Block, Person, Unit


class Campaign(models.Model):
    owner = models.ForeignKey(
        Unit, verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="campaigns"
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60, null=True, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    signer = models.JSONField(_("người ký"), null=True, blank=True)
    implements = models.ForeignKey(
        "self",
        verbose_name=_("thực hiện kế hoạch cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="implementations",
    )
    implements_text = models.TextField(_("văn bản cấp trên"), null=True, blank=True)
    title = models.TextField(_("trích yếu"))
    kind = models.CharField(_("loại"), max_length=20, choices=CampaignKind.choices)
    purposes = models.JSONField(_("mục đích"), default=list, blank=True)
    requirements = models.JSONField(_("yêu cầu"), default=list, blank=True)
    contents = models.JSONField(_("nội dung thi đua"), default=list, blank=True)
    scope = models.TextField(_("phạm vi, đối tượng"), null=True, blank=True)
    funding = models.TextField(_("kinh phí"), null=True, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    period_start = models.DateField(_("thời gian từ"), null=True, blank=True)
    period_end = models.DateField(_("thời gian đến"), null=True, blank=True)
    scales = models.JSONField(_("thang xếp loại khai báo thêm"), default=dict, blank=True)
    metrics = models.JSONField(_("chỉ số"), default=list, blank=True)
    eligibility = models.JSONField(_("tiêu chuẩn"), default=dict, blank=True)
    state = models.CharField(
        "trạng thái", max_length=20, choices=CampaignState.choices, default=CampaignState.DRAFT
    )
    version = models.PositiveSmallIntegerField(_("lần ban hành"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("phiên bản trước"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="amendment",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Title, number and issuer folded (no case, no diacritics): "cai cach" finds "cải cách".
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("kế hoạch thi đua")
        verbose_name_plural = _("kế hoạch thi đua")
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["state", "period_start"])]

    def __str__(self) -> str:
        return f"{self.number or 'Dự thảo'} – {self.title[:80]}"

    def save(self, *args, **kwargs) -> None:
        """Keep the folded search column in step with the fields it is made of."""
        self.search_text = fold(" ".join(filter(None, [self.title, self.number, self.issuer])))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"title", "number", "issuer"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_frozen(self) -> bool:
        return self.state in CampaignState.FROZEN


class Ordered(models.Model):
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class CampaignBlock(Ordered):
    """A block that competes in the campaign (it may be named by no award line)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="blocks")
    block = models.ForeignKey(Block, on_delete=models.PROTECT, related_name="campaign_uses")

    class Meta(Ordered.Meta):
        constraints = [
            models.UniqueConstraint(fields=["campaign", "block"], name="campaignblock_unique")
        ]

    def __str__(self) -> str:
        return str(self.block_id)


class Participant(models.Model):
    """A unit that takes part in the campaign, the block it competes in and the unit above it
    in the campaign's tree (its registry parent when the campaign was set up: the registry
    moves on with mergers, the campaign's package must not)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participants")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="participations")
    block = models.ForeignKey(
        Block, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    parent = models.ForeignKey(
        Unit,
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit"], name="participant_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}@{self.campaign_id}"


class Competitor(models.Model):
    """A person named in the campaign (candidate of its individual lines).

    The unit, position and the two priority fields are the person's record as it stood in the
    campaign, not the registry's current one: people move and are promoted, and a campaign's
    package must give the same allocation whenever it is exported.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="competitors")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="competitions")
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField(_("vị trí"), max_length=20, choices=Position.choices)
    direct_reform_work = models.BooleanField(_("trực tiếp làm công tác CCHC"), default=False)
    female = models.BooleanField(_("nữ"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="competitor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.campaign_id}"


class Target(Ordered):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets")
    code = models.CharField(_("mã"), max_length=40)
    area = models.CharField(_("lĩnh vực"), max_length=30, choices=Area.choices)
    text = models.TextField(_("chỉ tiêu"))
    metric = models.CharField(_("chỉ số đo"), max_length=80)
    op = models.CharField(_("phép so sánh"), max_length=2, choices=Operator.choices)
    value = models.JSONField(_("giá trị"))
    unit = models.CharField(_("đơn vị tính"), max_length=30, null=True, blank=True)
    if_applicable = models.BooleanField(_("nếu có"), default=False)

    class Meta(Ordered.Meta):
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="target_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:60]}"


class Round(Ordered):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="rounds")
    code = models.CharField(_("mã đợt"), max_length=40)
    kind = models.CharField(_("loại đợt"), max_length=20, choices=RoundKind.choices)
    start = models.DateField(_("từ ngày"), null=True, blank=True)
    end = models.DateField(_("đến ngày"), null=True, blank=True)
    review = models.CharField(
        _("thời điểm sơ kết, tổng kết"), max_length=100, null=True, blank=True
    )
    registration_deadline = models.DateField(_("hạn đăng ký"), null=True, blank=True)
    nomination_deadline = models.DateField(_("hạn gửi hồ sơ"), null=True, blank=True)

    class Meta(Ordered.Meta):
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="round_code_unique")
        ]

    def __str__(self) -> str:
        """Fits mid-sentence: "Đăng ký thi đua đợt hằng năm 2025"."""
        return gettext("đợt %(kind)s %(code)s") % {
            "kind": self.get_kind_display().lower(),
            "code": self.code,
        }


class AwardLine(Ordered):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="lines")
    line_id = models.CharField(_("mã dòng"), max_length=40)
    round_kind = models.CharField(_("áp dụng cho đợt"), max_length=20, choices=RoundKind.choices)
    form = models.CharField(_("hình thức"), max_length=200)
    awarded_by = models.CharField(_("thẩm quyền"), max_length=200, null=True, blank=True)
    amount = models.BigIntegerField(_("tiền thưởng mỗi suất (đồng)"), null=True, blank=True)
    higher_level = models.BooleanField(_("đề nghị cấp trên"), default=False)
    subject = models.CharField(_("đối tượng"), max_length=20, choices=Subject.choices)
    block = models.ForeignKey(
        Block, verbose_name=_("khối"), null=True, blank=True, on_delete=models.PROTECT
    )
    positions = models.JSONField(_("vị trí"), null=True, blank=True)
    count = models.PositiveIntegerField(_("số lượng"), null=True, blank=True)
    cap = models.BooleanField(_("không quá"), default=False)
    tiers = models.JSONField(_("các giải"), null=True, blank=True)
    from_line = models.CharField(_("từ dòng"), max_length=40, null=True, blank=True)
    per_unit_max = models.PositiveIntegerField(_("tối đa mỗi đơn vị"), null=True, blank=True)
    rank_by = models.CharField(_("xếp hạng theo"), max_length=80, default="score")
    priority = models.JSONField(_("ưu tiên"), default=list, blank=True)
    tie_break = models.JSONField(_("khi ngang nhau"), default=list, blank=True)
    exclusive = models.BooleanField(_("mỗi đối tượng một suất"), default=True)

    class Meta(Ordered.Meta):
        constraints = [
            models.UniqueConstraint(fields=["campaign", "line_id"], name="awardline_id_unique")
        ]

    def __str__(self) -> str:
        return f"{self.line_id}: {self.form}"

    @property
    def is_adhoc(self) -> bool:
        return self.count is None and not self.tiers


class DossierItem(Ordered):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="dossier")
    subject = models.CharField(
        "đối tượng", max_length=20, choices=Subject.choices, null=True, blank=True
    )
    component = models.CharField(_("thành phần hồ sơ"), max_length=300)
    template = models.CharField(_("mẫu"), max_length=200, null=True, blank=True)
    copies = models.PositiveSmallIntegerField(_("số bộ"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), null=True, blank=True)

    def __str__(self) -> str:
        return self.component


class Assignment(Ordered):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="assignments")
    assignee = models.CharField(_("cơ quan, đơn vị"), max_length=300)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT)
    task = models.TextField(_("nhiệm vụ"))

    def __str__(self) -> str:
        return self.assignee


class UnitResult(models.Model):
    """A unit's results of a round (registered, metrics), as the package carries them."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="unit_results")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="round_results")
    registered = models.BooleanField(default=False)
    metrics = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="unitresult_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}@{self.round_id}"


class PersonResult(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="person_results")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="round_results")
    registered = models.BooleanField(default=False)
    metrics = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="personresult_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.round_id}"


class AdhocProposal(Ordered):
    """A candidate put forward for an ad-hoc line (khen thưởng đột xuất) in a round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="adhoc")
    line = models.ForeignKey(AwardLine, on_delete=models.CASCADE, related_name="adhoc")
    code = models.CharField(max_length=40)
    reason = models.TextField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.line_id}: {self.code}"


class DeadlineReopening(models.Model):
    """A deadline reopened for one unit, with the reason the officer recorded."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reopenings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    deadline = models.CharField(max_length=20, choices=Deadline.choices)
    until = models.DateField()
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.deadline} {self.unit_id} → {self.until:%d/%m/%Y}"

"""The campaign package in and out of the database (shared/spec/campaign-package.md)."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _

from thidua.campaigns import package as pkg
from thidua.campaigns.models import (
    AdhocProposal,
    Assignment,
    AwardLine,
    Campaign,
    CampaignBlock,
    Competitor,
    DossierItem,
    Participant,
    PersonResult,
    Round,
    Target,
    UnitResult,
)
from thidua.core.services import acting_user, record_audit
from thidua.core.text import fold
from thidua.organizations import services as registry
from thidua.organizations.enums import UnitKind
from thidua.organizations.models import Block, Person, Unit

# --- Campaign package: import and export ------------------------------------------------
#
# A package carries no unit kind; a new unit takes the kind its name announces ("UBND xã
# Bình An" is a commune), compared on the folded name (no case, no diacritics).
_LOCALITY_WORDS = (
    ("thanh pho ", UnitKind.CITY),
    ("thi xa ", UnitKind.TOWN),
    ("thi tran ", UnitKind.TOWNSHIP),
    ("tinh ", UnitKind.PROVINCE),
    ("huyen ", UnitKind.DISTRICT),
    ("quan ", UnitKind.DISTRICT),
    ("xa ", UnitKind.COMMUNE),
    ("phuong ", UnitKind.WARD),
)
_COMMITTEE_PREFIXES = ("ubnd ", "uy ban nhan dan ")
_BARE_LOCALITY_WORDS = (
    ("thi tran ", UnitKind.TOWNSHIP),
    ("xa ", UnitKind.COMMUNE),
    ("phuong ", UnitKind.WARD),
)
_BODY_PREFIXES = (
    ("van phong ", UnitKind.OFFICE),
    ("phong ", UnitKind.OFFICE),
    ("so ", UnitKind.DEPARTMENT),
    ("trung tam ", UnitKind.PUBLIC_SERVICE),
    ("uy ban mat tran ", UnitKind.MASS_ORG),
    ("uy ban mttq ", UnitKind.MASS_ORG),
    ("mat tran ", UnitKind.MASS_ORG),
    ("ap ", UnitKind.HAMLET),
    ("khu pho ", UnitKind.HAMLET),
    ("thon ", UnitKind.HAMLET),
    ("to dan pho ", UnitKind.HAMLET),
)


def unit_kind_from_name(name: str) -> str:
    """The kind of unit a name announces, `other` when it announces none."""
    folded = fold(name) + " "
    for prefix in _COMMITTEE_PREFIXES:
        if folded.startswith(prefix):
            rest = folded.removeprefix(prefix)
            for word, kind in _LOCALITY_WORDS:
                if rest.startswith(word):
                    return kind
    for word, kind in (*_BARE_LOCALITY_WORDS, *_BODY_PREFIXES):
        if folded.startswith(word):
            return kind
    return UnitKind.OTHER


def _same_name(first: str, second: str) -> bool:
    def key(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).casefold().split())

    return key(first) == key(second)


def _fit(path: str, value: Any, model: type[models.Model], field: str) -> Any:
    """A value the column can hold, or the package error at its path."""
    if value is None:
        return value
    column = model._meta.get_field(field)
    if isinstance(value, str) and column.max_length and len(value) > column.max_length:
        raise pkg.PackageError(path, _("dài quá %(limit)s ký tự") % {"limit": column.max_length})
    if isinstance(value, int) and not isinstance(value, bool):
        # The portable ranges (PostgreSQL's), not SQLite's looser ones: the same package
        # must import the same way on both.
        low, high = BaseDatabaseOperations.integer_field_ranges[column.get_internal_type()]
        if not low <= value <= high:
            raise pkg.PackageError(path, _("số quá lớn"))
    return value


def _as_package_error(path: str, exc: ValidationError) -> pkg.PackageError:
    return pkg.PackageError(path, " ".join(exc.messages))


class _PackageImport:
    """One import: the registry read once, what is missing created, then the campaign."""

    def __init__(self, *, actor: Any, package: pkg.Package, owner: Unit | None) -> None:
        self.actor = actor
        self.package = package
        self.owner = owner
        self.written = pkg.write_package(package)
        codes = [unit.code for unit in package.units]
        self.units: dict[str, Unit] = {u.code: u for u in Unit.objects.filter(code__in=codes)}
        self.blocks: dict[str, Block] = {}
        self.people: dict[str, Person] = {}
        self.created_units = 0
        self.created_people = 0
        self.created_blocks = 0

    def require_manager(self, owner: Unit) -> None:
        if self.actor is not None and not self.actor.has_perm("organizations.change_unit", owner):
            raise PermissionDenied(
                _("Bạn không có quyền nhập kế hoạch cho đơn vị %(unit)s.") % {"unit": owner}
            )

    def owner_code(self) -> str:
        """The package unit that issues the campaign: the one named as the issuer, else the
        only root."""
        issuer = self.package.campaign.issuer
        named = [unit for unit in self.package.units if _same_name(unit.name, issuer)]
        if len(named) == 1:
            return named[0].code
        roots = [unit for unit in self.package.units if unit.parent is None]
        if len(roots) == 1:
            return roots[0].code
        raise pkg.PackageError(
            "$.units",
            _(
                "không xác định được đơn vị ban hành: gói cần đúng một đơn vị tên "
                "'%(issuer)s' hoặc chỉ một đơn vị gốc (không có parent); hãy chỉ định đơn vị "
                "ban hành"
            )
            % {"issuer": issuer},
        )

    def run(self) -> Campaign:
        if self.owner is not None:
            self.require_manager(self.owner)
        else:
            code = self.owner_code()
            if code in self.units:
                self.owner = self.units[code]
                self.require_manager(self.owner)
        self.create_units()
        if self.owner is None:
            self.owner = self.units[self.owner_code()]
            self.require_manager(self.owner)
        self.create_blocks()
        self.create_people()
        campaign = self.campaign()
        self.competitors(campaign)
        self.results(*self.plan(campaign))
        record_audit(
            actor=self.actor,
            action="campaign.import",
            obj=campaign,
            after={
                "units": len(self.package.units),
                "people": len(self.package.people),
                "created_units": self.created_units,
                "created_people": self.created_people,
                "created_blocks": self.created_blocks,
            },
        )
        return campaign

    def create_units(self) -> None:
        """Create the units the registry lacks, parents first (the package has no loop)."""
        index = {unit.code: i for i, unit in enumerate(self.package.units)}
        placed_under_owner = self.owner is not None and self.owner.code not in index
        pending = [unit for unit in self.package.units if unit.code not in self.units]
        while pending:
            waiting = []
            for unit in pending:
                if unit.parent is not None and unit.parent not in self.units:
                    waiting.append(unit)
                    continue
                if unit.parent is not None:
                    parent = self.units[unit.parent]
                else:
                    parent = self.owner if placed_under_owner else None
                self.units[unit.code] = self.create_unit(unit, parent, index[unit.code])
            pending = waiting

    def create_unit(self, unit: pkg.Unit, parent: Unit | None, index: int) -> Unit:
        path = f"$.units[{index}]"
        try:
            registry.check_code(unit.code)
        except ValidationError as exc:
            raise _as_package_error(f"{path}.code", exc) from exc
        _fit(f"{path}.name", unit.name, Unit, "name")
        kind = unit_kind_from_name(unit.name)
        try:
            registry.check_placement(kind, parent)
        except ValidationError as exc:
            where = (
                _("dưới '%(parent)s'") % {"parent": parent}
                if parent is not None
                else _("ở gốc cây đơn vị (gói không ghi đơn vị cha)")
            )
            raise pkg.PackageError(
                f"{path}.parent",
                _(
                    "không thể tạo đơn vị mới '%(name)s' (%(kind)s) %(where)s: %(reason)s "
                    "Hãy thêm đơn vị này hoặc đơn vị cấp trên của nó vào danh mục tổ chức "
                    "trước khi nhập gói."
                )
                % {
                    "name": unit.name,
                    "kind": UnitKind(kind).label,
                    "where": where,
                    "reason": " ".join(exc.messages),
                },
            ) from exc
        try:
            created = registry.create_unit(
                actor=self.actor, code=unit.code, name=unit.name, kind=kind, parent=parent
            )
        except ValidationError as exc:
            raise _as_package_error(path, exc) from exc
        self.created_units += 1
        return created

    def create_blocks(self) -> None:
        """The package's blocks are the issuing unit's: reused by code, else created with the
        package's units of the block (those inside the issuing unit) as members."""
        owner = self.owner
        codes = [block.code for block in self.package.blocks]
        found = self.blocks
        found.update({b.code: b for b in Block.objects.filter(owner=owner, code__in=codes)})
        for index, block in enumerate(self.package.blocks):
            if block.code in found:
                continue
            path = f"$.blocks[{index}]"
            try:
                registry.check_code(block.code)
            except ValidationError as exc:
                raise _as_package_error(f"{path}.code", exc) from exc
            _fit(f"{path}.name", block.name, Block, "name")
            members = [
                self.units[unit.code]
                for unit in self.package.units
                if unit.block == block.code and self.units[unit.code].path.startswith(owner.path)
            ]
            try:
                found[block.code] = registry.save_block(
                    actor=self.actor, owner=owner, code=block.code, name=block.name, members=members
                )
            except ValidationError as exc:
                raise _as_package_error(path, exc) from exc
            self.created_blocks += 1

    def create_people(self) -> None:
        codes = [person.code for person in self.package.people]
        found = self.people
        found.update({p.code: p for p in Person.objects.filter(code__in=codes)})
        for index, person in enumerate(self.package.people):
            if person.code in found:
                continue
            path = f"$.people[{index}]"
            try:
                registry.check_code(person.code)
            except ValidationError as exc:
                raise _as_package_error(f"{path}.code", exc) from exc
            _fit(f"{path}.name", person.name, Person, "full_name")
            try:
                found[person.code] = registry.create_person(
                    actor=self.actor,
                    code=person.code,
                    full_name=person.name,
                    unit=self.units[person.unit],
                    position=person.position,
                    female=person.female,
                    direct_reform_work=person.direct_reform_work,
                )
            except ValidationError as exc:
                raise _as_package_error(path, exc) from exc
            self.created_people += 1

    def campaign(self) -> Campaign:
        info, written = self.package.campaign, self.written
        at = "$.campaign"
        return Campaign.objects.create(
            owner=self.owner,
            number=_fit(f"{at}.number", info.number, Campaign, "number"),
            issued_on=info.issued_on,
            place=_fit(f"{at}.place", info.place, Campaign, "place"),
            issuer=_fit(f"{at}.issuer", info.issuer, Campaign, "issuer"),
            signer=written["campaign"]["signer"],
            implements_text=info.implements,
            title=info.title,
            kind=info.kind,
            purposes=written["campaign"]["purposes"],
            requirements=written["campaign"]["requirements"],
            contents=written["campaign"]["contents"],
            scope=info.scope,
            funding=info.funding,
            recipients=written["campaign"]["recipients"],
            period_start=info.period.start,
            period_end=info.period.end,
            scales=written["scales"],
            metrics=written["metrics"],
            eligibility=written["eligibility"],
            created_by=acting_user(self.actor),
        )

    def plan(self, campaign: Campaign) -> tuple[dict[str, Round], dict[str, AwardLine]]:
        """The ordered parts of the plan, one insert per kind of part."""
        info, at = self.package.campaign, "$.campaign"
        Target.objects.bulk_create(
            Target(
                campaign=campaign,
                position=i,
                code=_fit(f"{at}.targets[{i}].code", target.code, Target, "code"),
                area=target.area,
                text=target.text,
                metric=_fit(f"{at}.targets[{i}].metric", target.metric, Target, "metric"),
                op=target.op,
                value=target.value,
                unit=_fit(f"{at}.targets[{i}].unit", target.unit, Target, "unit"),
                if_applicable=target.if_applicable,
            )
            for i, target in enumerate(info.targets)
        )
        rounds = Round.objects.bulk_create(
            Round(
                campaign=campaign,
                position=i,
                code=_fit(f"{at}.rounds[{i}].code", round.code, Round, "code"),
                kind=round.kind,
                start=round.start,
                end=round.end,
                review=_fit(f"{at}.rounds[{i}].review", round.review, Round, "review"),
                registration_deadline=round.registration_deadline,
                nomination_deadline=round.nomination_deadline,
            )
            for i, round in enumerate(info.rounds)
        )
        DossierItem.objects.bulk_create(
            DossierItem(
                campaign=campaign,
                position=i,
                subject=item.subject,
                component=_fit(
                    f"{at}.dossier[{i}].component", item.component, DossierItem, "component"
                ),
                template=_fit(
                    f"{at}.dossier[{i}].template", item.template, DossierItem, "template"
                ),
                copies=_fit(f"{at}.dossier[{i}].copies", item.copies, DossierItem, "copies"),
                note=item.note,
            )
            for i, item in enumerate(info.dossier)
        )
        Assignment.objects.bulk_create(
            Assignment(
                campaign=campaign,
                position=i,
                assignee=_fit(
                    f"{at}.assignments[{i}].assignee", item.assignee, Assignment, "assignee"
                ),
                unit=self.units[item.unit] if item.unit is not None else None,
                task=item.task,
            )
            for i, item in enumerate(info.assignments)
        )
        lines = AwardLine.objects.bulk_create(
            self.line(campaign, i, line) for i, line in enumerate(self.package.scheme)
        )
        return {round.code: round for round in rounds}, {line.line_id: line for line in lines}

    def line(self, campaign: Campaign, index: int, line: pkg.Line) -> AwardLine:
        path, written = f"$.scheme[{index}]", self.written["scheme"][index]
        return AwardLine(
            campaign=campaign,
            position=index,
            line_id=_fit(f"{path}.id", line.id, AwardLine, "line_id"),
            round_kind=line.round_kind,
            form=_fit(f"{path}.form", line.form, AwardLine, "form"),
            awarded_by=_fit(f"{path}.awarded_by", line.awarded_by, AwardLine, "awarded_by"),
            amount=_fit(f"{path}.amount", line.amount, AwardLine, "amount"),
            higher_level=line.higher_level,
            subject=line.subject,
            block=self.blocks[line.block] if line.block is not None else None,
            positions=written["positions"],
            count=_fit(f"{path}.count", line.count, AwardLine, "count"),
            cap=line.cap,
            tiers=written["tiers"],
            from_line=line.from_line,
            per_unit_max=_fit(f"{path}.per_unit_max", line.per_unit_max, AwardLine, "per_unit_max"),
            rank_by=_fit(f"{path}.rank_by", line.rank_by, AwardLine, "rank_by"),
            priority=written["priority"],
            tie_break=written["tie_break"],
            exclusive=line.exclusive,
        )

    def competitors(self, campaign: Campaign) -> None:
        """Who competes: every unit of the package in its block, every person in their unit."""
        package = self.package
        CampaignBlock.objects.bulk_create(
            CampaignBlock(campaign=campaign, block=self.blocks[block.code], position=i)
            for i, block in enumerate(package.blocks)
        )
        Participant.objects.bulk_create(
            Participant(
                campaign=campaign,
                unit=self.units[unit.code],
                block=self.blocks[unit.block] if unit.block is not None else None,
                parent=self.units[unit.parent] if unit.parent is not None else None,
            )
            for unit in package.units
        )
        Competitor.objects.bulk_create(
            Competitor(
                campaign=campaign,
                person=self.people[person.code],
                unit=self.units[person.unit],
                position=person.position,
                direct_reform_work=person.direct_reform_work,
                female=person.female,
            )
            for person in package.people
        )

    def results(self, rounds: dict[str, Round], lines: dict[str, AwardLine]) -> None:
        unit_rows, person_rows, adhoc_rows = [], [], []
        for code, entry in self.package.results.items():
            round = rounds[code]
            unit_rows += [
                UnitResult(
                    round=round,
                    unit=self.units[item.unit],
                    registered=item.registered,
                    metrics=dict(item.metrics),
                )
                for item in entry.units
            ]
            person_rows += [
                PersonResult(
                    round=round,
                    person=self.people[item.person],
                    registered=item.registered,
                    metrics=dict(item.metrics),
                )
                for item in entry.people
            ]
            adhoc_rows += [
                AdhocProposal(
                    round=round,
                    line=lines[item.line],
                    position=i,
                    code=item.code,
                    reason=item.reason,
                )
                for i, item in enumerate(entry.adhoc)
            ]
        UnitResult.objects.bulk_create(unit_rows, batch_size=500)
        PersonResult.objects.bulk_create(person_rows, batch_size=500)
        AdhocProposal.objects.bulk_create(adhoc_rows, batch_size=500)


def import_package(*, actor: Any, data: Any, owner: Unit | None = None) -> Campaign:
    """Create a draft campaign from a package, with the blocks, units and people the registry
    lacks (matched by code; those that exist are left as the registry has them), its
    participants and its results. All or nothing: the first problem raises a `PackageError`
    naming its JSON path, and nothing is saved.

    What the package says of a unit or person for this campaign (a unit's block and parent, a
    person's unit, position and priority fields) is kept with the campaign, so that its
    export gives the same package whatever the registry becomes.

    The issuing unit is `owner`, else the package's unit named as the issuer, else its only
    root unit; the actor must manage it (`actor=None` is the command line). New units take
    the kind their name announces and the parent the package gives; a new root goes under
    `owner` when `owner` is given and is not a unit of the package, else it must be a
    province (the registry's placement rules).
    """
    package = pkg.read_package(data)
    with transaction.atomic():
        return _PackageImport(actor=actor, package=package, owner=owner).run()


def export_package(campaign: Campaign) -> dict[str, Any]:
    """The campaign's package, every key written; a fixed number of queries whatever its
    size. It goes through the package reader, so an export is always a valid package."""
    campaign = Campaign.objects.select_related("owner__parent").get(pk=campaign.pk)
    blocks = list(
        CampaignBlock.objects.filter(campaign=campaign)
        .select_related("block")
        .order_by("position", "id")
    )
    participants = list(
        Participant.objects.filter(campaign=campaign).select_related("unit", "block", "parent")
    )
    competitors = list(
        Competitor.objects.filter(campaign=campaign)
        .select_related("person", "unit")
        .order_by("person__sort_key", "person__code")
    )
    rounds = list(Round.objects.filter(campaign=campaign).order_by("position", "id"))
    lines = list(
        AwardLine.objects.filter(campaign=campaign)
        .select_related("block")
        .order_by("position", "id")
    )
    unit_results = (
        UnitResult.objects.filter(round__campaign=campaign)
        .select_related("unit")
        .order_by("unit__sort_key", "unit__code")
    )
    person_results = (
        PersonResult.objects.filter(round__campaign=campaign)
        .select_related("person")
        .order_by("person__sort_key", "person__code")
    )
    adhoc = AdhocProposal.objects.filter(round__campaign=campaign).select_related("line")
    assignments = list(
        Assignment.objects.filter(campaign=campaign)
        .select_related("unit__parent")
        .order_by("position", "id")
    )

    units = {p.unit_id: (p.unit, p.block, p.parent) for p in participants}
    units.setdefault(campaign.owner_id, (campaign.owner, None, campaign.owner.parent))
    # A unit tied to an assignment is referenced by the package, so it is one of its units.
    for row in assignments:
        if row.unit is not None:
            units.setdefault(row.unit_id, (row.unit, None, row.unit.parent))
    ordered = sorted(units.values(), key=lambda row: (row[0].depth, row[0].sort_key, row[0].code))
    results: dict[int, dict[str, list]] = {
        round.pk: {"units": [], "people": [], "adhoc": []} for round in rounds
    }
    for row in unit_results:
        results[row.round_id]["units"].append(
            {"unit": row.unit.code, "registered": row.registered, "metrics": row.metrics}
        )
    for row in person_results:
        results[row.round_id]["people"].append(
            {"person": row.person.code, "registered": row.registered, "metrics": row.metrics}
        )
    for row in adhoc.order_by("position", "id"):
        results[row.round_id]["adhoc"].append(
            {"line": row.line.line_id, "code": row.code, "reason": row.reason}
        )
    data = {
        "format": pkg.FORMAT,
        "campaign": {
            "number": campaign.number,
            "issued_on": _iso(campaign.issued_on),
            "place": campaign.place,
            "issuer": campaign.issuer,
            "signer": campaign.signer,
            "implements": campaign.implements_text,
            "title": campaign.title,
            "kind": campaign.kind,
            "purposes": campaign.purposes,
            "requirements": campaign.requirements,
            "contents": campaign.contents,
            "scope": campaign.scope,
            "funding": campaign.funding,
            "recipients": campaign.recipients,
            "assignments": [
                {
                    "assignee": row.assignee,
                    "unit": row.unit.code if row.unit else None,
                    "task": row.task,
                }
                for row in assignments
            ],
            "period": {"start": _iso(campaign.period_start), "end": _iso(campaign.period_end)},
            "targets": [
                {
                    "code": row.code,
                    "area": row.area,
                    "text": row.text,
                    "metric": row.metric,
                    "op": row.op,
                    "value": row.value,
                    "unit": row.unit,
                    "if_applicable": row.if_applicable,
                }
                for row in Target.objects.filter(campaign=campaign).order_by("position", "id")
            ],
            "rounds": [
                {
                    "code": row.code,
                    "kind": row.kind,
                    "start": _iso(row.start),
                    "end": _iso(row.end),
                    "review": row.review,
                    "registration_deadline": _iso(row.registration_deadline),
                    "nomination_deadline": _iso(row.nomination_deadline),
                }
                for row in rounds
            ],
            "dossier": [
                {
                    "subject": row.subject,
                    "component": row.component,
                    "template": row.template,
                    "copies": row.copies,
                    "note": row.note,
                }
                for row in DossierItem.objects.filter(campaign=campaign).order_by("position", "id")
            ],
        },
        "blocks": [{"code": row.block.code, "name": row.block.name} for row in blocks],
        "units": [
            {
                "code": unit.code,
                "name": unit.name,
                "block": block.code if block else None,
                "parent": parent.code if parent is not None and parent.pk in units else None,
            }
            for unit, block, parent in ordered
        ],
        "people": [
            {
                "code": row.person.code,
                "name": row.person.full_name,
                "unit": row.unit.code,
                "position": row.position,
                "direct_reform_work": row.direct_reform_work,
                "female": row.female,
            }
            for row in competitors
        ],
        "scales": campaign.scales,
        "metrics": campaign.metrics,
        "scheme": [
            {
                "id": row.line_id,
                "round_kind": row.round_kind,
                "form": row.form,
                "awarded_by": row.awarded_by,
                "amount": row.amount,
                "higher_level": row.higher_level,
                "subject": row.subject,
                "block": row.block.code if row.block else None,
                "positions": row.positions,
                "count": row.count,
                "cap": row.cap,
                "tiers": row.tiers,
                "from_line": row.from_line,
                "per_unit_max": row.per_unit_max,
                "rank_by": row.rank_by,
                "priority": row.priority,
                "tie_break": row.tie_break,
                "exclusive": row.exclusive,
            }
            for row in lines
        ],
        "eligibility": campaign.eligibility or {},
        "results": {round.code: results[round.pk] for round in rounds},
    }
    return pkg.write_package(pkg.read_package(data))


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None

"""Every change to campaigns: each function checks permission, works in one transaction and
raises a `ValidationError` with a Vietnamese message a user can act on.

`plan` holds the life of a plan (draft, issue, start, close, amend, cascade, deadlines);
`exchange` the campaign package (import and export per shared/spec/campaign-package.md).
"""

from thidua.campaigns.services.exchange import (
    export_package,
    import_package,
    unit_kind_from_name,
)
from thidua.campaigns.services.plan import (
    EDITABLE_PLAN_FIELDS,
    amend_campaign,
    check_plan,
    close_campaign,
    create_campaign,
    create_implementing_campaign,
    deadline_open_for,
    implements_reference,
    issue_campaign,
    link_to_higher_plan,
    reopen_deadline,
    standards_problem,
    start_campaign,
    update_campaign,
)
from thidua.campaigns.services.results import enrol, set_registered, set_unit_metrics

__all__ = [
    "EDITABLE_PLAN_FIELDS",
    "amend_campaign",
    "check_plan",
    "close_campaign",
    "create_campaign",
    "create_implementing_campaign",
    "deadline_open_for",
    "enrol",
    "export_package",
    "implements_reference",
    "import_package",
    "issue_campaign",
    "link_to_higher_plan",
    "reopen_deadline",
    "set_registered",
    "set_unit_metrics",
    "standards_problem",
    "start_campaign",
    "unit_kind_from_name",
    "update_campaign",
]

"""Every change of registrations and target reports: each function checks permission and
state with the rules the screens use, works in one transaction on a locked row, writes an
audit row and raises a `ValidationError` with a Vietnamese message a user can act on. Called
twice with the same input, the second call changes nothing."""

from thidua.monitoring.services.registration import (
    accept_volunteer,
    refuse_volunteer,
    register_unit,
    withdraw_registration,
)
from thidua.monitoring.services.reports import (
    accept_report,
    add_evidence,
    return_report,
    save_target_report,
    submit_report,
)

__all__ = [
    "accept_report",
    "accept_volunteer",
    "add_evidence",
    "refuse_volunteer",
    "register_unit",
    "return_report",
    "save_target_report",
    "submit_report",
    "withdraw_registration",
]

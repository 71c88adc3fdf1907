"""Every change of registrations and target reports: each function checks permission and
state with the rules the screens use, works in one transaction on a locked row, writes an
audit row and raises a `ValidationError` with a Vietnamese message a user can act on. Called
twice with the same input, the second call changes nothing."""

from thidua.monitoring.services.conduct import (
    delete_initiative,
    delete_violation,
    mark_complaint_founded,
    mark_complaint_unfounded,
    record_initiative,
    record_violation,
    update_initiative,
    update_violation,
)
from thidua.monitoring.services.periods import (
    delete_report_period,
    propose_quarters,
    save_report_period,
)
from thidua.monitoring.services.registration import (
    accept_volunteer,
    refuse_volunteer,
    register_unit,
    withdraw_registration,
)
from thidua.monitoring.services.reminders import remind_unregistered, send_reminders
from thidua.monitoring.services.reports import (
    accept_report,
    add_evidence,
    remove_evidence,
    return_report,
    save_target_report,
    submit_report,
)
from thidua.monitoring.services.results import (
    refresh_live_results,
    refresh_results,
    refresh_results_for,
    refresh_round_results,
)

__all__ = [
    "accept_report",
    "accept_volunteer",
    "add_evidence",
    "delete_initiative",
    "delete_report_period",
    "delete_violation",
    "mark_complaint_founded",
    "mark_complaint_unfounded",
    "propose_quarters",
    "record_initiative",
    "record_violation",
    "refresh_live_results",
    "refresh_results",
    "refresh_results_for",
    "refresh_round_results",
    "refuse_volunteer",
    "register_unit",
    "remind_unregistered",
    "remove_evidence",
    "return_report",
    "save_report_period",
    "save_target_report",
    "send_reminders",
    "submit_report",
    "update_initiative",
    "update_violation",
    "withdraw_registration",
]

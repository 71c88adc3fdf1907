"""Every action a service records has words in the audit log (and no words are kept for an
action nothing records)."""

import re
from pathlib import Path

from django.utils import translation

from thidua.accounts.services import LOGIN, LOGIN_FAILED, LOGOUT
from thidua.awards.enums import ReviewOutcome
from thidua.core.audit_actions import ACTIONS, action_label
from thidua.core.audit_log import EXPORT_ACTION

SOURCE = Path(__file__).resolve().parents[2] / "src" / "thidua"
# action="x.y" in a record_audit/record_event call, or an action given by position to an
# import's _audit(actor, job, "organizations.import_units", ...).
LITERAL = re.compile(r'action="([a-z_]+\.[a-z_.]+)"|_audit\([^)]*?"([a-z_]+\.import_[a-z_]+)"')


def recorded_actions() -> set[str]:
    found = set()
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for match in LITERAL.finditer(path.read_text(encoding="utf-8")):
            found.add(match.group(1) or match.group(2))
    # Built from values: f"awards.review_{outcome}", f"target_report.{accept|return}".
    found |= {f"awards.review_{outcome}" for outcome in ReviewOutcome.values}
    found |= {"target_report.accept", "target_report.return"}
    # Named by constants.
    found |= {LOGIN, LOGOUT, LOGIN_FAILED, EXPORT_ACTION}
    return found


def test_every_recorded_action_has_words():
    missing = sorted(recorded_actions() - set(ACTIONS))
    assert missing == []


def test_no_words_for_an_action_nothing_records():
    assert sorted(set(ACTIONS) - recorded_actions()) == []


def test_the_words_are_vietnamese_first_and_translated():
    assert action_label("auth.login_failed") == "Đăng nhập không thành công"
    assert action_label("something.old") == "something.old"
    with translation.override("en"):
        assert action_label("auth.login_failed") != "Đăng nhập không thành công"

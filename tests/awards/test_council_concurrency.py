"""Two officers confirming the last seat of a line at the same moment: the row locks on the
round and the line make the second wait and then count the first one's seat (PostgreSQL).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_h1 \
    .venv/bin/pytest tests/awards/test_council_concurrency.py
"""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.awards.council_helpers import make_council, voted_and_closed
from tests.factories import make_user
from thidua.awards.models import Award
from thidua.awards.services import council as services
from thidua.core.enums import Role

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="row locks (select_for_update) are only meaningful on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_officers_never_exceed_the_last_seat(trio):
    council = voted_and_closed(make_council(trio))
    council["cn"].count = 1
    council["cn"].save()
    second_officer = make_user(
        unit=trio["district"], role=Role.STANDING_OFFICER, username="standing_2"
    )
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def confirm(officer, key):
        try:
            barrier.wait(timeout=10)
            services.confirm_award(
                actor=officer,
                session=council["session"],
                nomination=council["nominations"][key],
                tie_note="Hội đồng quyết định theo kết quả biểu quyết.",
            )
            outcomes[key] = "awarded"
        except ValidationError as exc:
            outcomes[key] = exc.messages
        finally:
            connection.close()

    threads = [
        threading.Thread(target=confirm, args=(council["standing"], "hoa")),
        threading.Thread(target=confirm, args=(second_officer, "binh")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert Award.objects.filter(line=council["cn"]).count() == 1
    assert sorted(outcomes.values(), key=str) == sorted(
        ["awarded", ["Đã đủ 1 suất của Giấy khen (dòng CN); không thể xác nhận thêm."]], key=str
    )

"""The inbox bell of the navigation bar, on every page of a signed-in user."""

from __future__ import annotations

from functools import cached_property

from thidua.accounts.selectors import unread_count


class Bell:
    """The unread count, read from the database only when a page shows it (one query)."""

    def __init__(self, user) -> None:
        self.user = user

    @cached_property
    def unread(self) -> int:
        return unread_count(self.user)


def bell(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"bell": Bell(user)}

"""Reads of campaigns, always through the viewer's visibility."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from thidua.campaigns.models import Campaign
from thidua.core.enums import Role


def _ancestor_paths(path: str) -> list[str]:
    parts = [part for part in path.strip("/").split("/") if part]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def campaigns_for(user) -> QuerySet[Campaign]:
    """Campaigns a user may see: those issued in their subtree (office, council, leaders) and
    those issued by their own unit or any unit above it (everyone with a role)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Campaign.objects.none()
    if user.is_system_admin:
        return Campaign.objects.all()
    if user.unit_id is None or not user.role_codes:
        return Campaign.objects.none()
    visible = Q(owner__path__in=_ancestor_paths(user.unit.path))
    if any(user.has_role(role) for role in Role.SUBTREE_READERS):
        visible |= Q(owner__path__startswith=user.unit.path)
    return Campaign.objects.filter(visible)

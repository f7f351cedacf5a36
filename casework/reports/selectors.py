"""Read-only pages above every domain: the dashboard.

The reports app imports the domains' read flows and never writes (its only
permission is the one each flow it calls declares)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casework.core.flows import Actor, actor_may, flow
from casework.detention.isolation import IsolationRow, default_threshold, isolation_alerts
from casework.tracing.selectors import dashboard_counts


@dataclass(frozen=True)
class DashboardPage:
    counts: dict[str, Any]
    alerts: list[IsolationRow] | None
    alert_days: int


@flow("reports.dashboard.view", permission="core.view_aggregates", kind="read")
def dashboard_page(*, viewer: Actor) -> DashboardPage:
    """The landing page: aggregate figures for everyone with ``core.view_aggregates``,
    and the isolation alerts for those who may see detainees."""
    days = default_threshold()
    alerts = (
        isolation_alerts(viewer=viewer, days=days)
        if actor_may(viewer, "detention.view_detainee")
        else None
    )
    return DashboardPage(counts=dashboard_counts(viewer=viewer), alerts=alerts, alert_days=days)

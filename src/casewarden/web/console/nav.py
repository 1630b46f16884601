"""The console's navigation; features add their entries here, each behind a permission."""

from __future__ import annotations

from dataclasses import dataclass

from casewarden import i18n
from casewarden.accounts.roles import Permission, Role, has_permission
from casewarden.i18n import N_


@dataclass(frozen=True, slots=True)
class NavItem:
    """A link in the console's main navigation."""

    label: str  # an English message id, translated when shown
    href: str
    permission: Permission


@dataclass(frozen=True, slots=True)
class NavLink:
    """A navigation entry as one person sees it."""

    label: str
    href: str
    current: bool


NAV: tuple[NavItem, ...] = (
    NavItem(N_("Dashboard"), "/console/", Permission.CONSOLE_USE),
    NavItem(N_("Accounts"), "/console/accounts", Permission.ACCOUNTS_MANAGE),
    NavItem(N_("Audit log"), "/console/audit", Permission.AUDIT_READ),
    NavItem(N_("Messages"), "/console/privacy/messages", Permission.PRIVACY_MESSAGES),
    NavItem(N_("Privacy requests"), "/console/privacy/requests", Permission.PRIVACY_REQUESTS),
    NavItem(N_("Website statistics"), "/console/privacy/statistics", Permission.PRIVACY_STATISTICS),
)


def items_for(role: Role | None, path: str) -> list[NavLink]:
    """The entries this role may open, with the current page marked."""
    if role is None:
        return []
    links = []
    for item in NAV:
        if not has_permission(role, item.permission):
            continue
        current = path == item.href or (item.href != "/console/" and path.startswith(item.href))
        links.append(NavLink(i18n.gettext(item.label), item.href, current))
    return links

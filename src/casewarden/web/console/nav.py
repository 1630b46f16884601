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
    permissions: tuple[Permission, ...]  # any one of them shows the entry


@dataclass(frozen=True, slots=True)
class NavLink:
    """A navigation entry as one person sees it."""

    label: str
    href: str
    current: bool


P = Permission
NAV: tuple[NavItem, ...] = (
    NavItem(N_("Dashboard"), "/console/", (P.CONSOLE_USE,)),
    NavItem(N_("Review queue"), "/console/moderation", (P.MODERATION_REVIEW,)),
    NavItem(N_("Moderation figures"), "/console/moderation/dashboard", (P.MODERATION_DASHBOARD,)),
    NavItem(N_("Posts and replies"), "/console/outreach", (P.OUTREACH_COMPOSE,)),
    NavItem(N_("Locate leads"), "/console/locate", (P.LOCATE_VIEW,)),
    NavItem(
        N_("Pages"),
        "/console/pages",
        (P.PAGES_MANAGE, P.MODERATION_REVIEW, P.ARCHIVE_EXPORT, P.ARCHIVE_HOLD),
    ),
    NavItem(N_("Accounts"), "/console/accounts", (P.ACCOUNTS_MANAGE,)),
    NavItem(N_("Audit log"), "/console/audit", (P.AUDIT_READ,)),
    NavItem(N_("Messages"), "/console/privacy/messages", (P.PRIVACY_MESSAGES,)),
    NavItem(N_("Privacy requests"), "/console/privacy/requests", (P.PRIVACY_REQUESTS,)),
    NavItem(
        N_("Disclosures to confirm"),
        "/console/privacy/disclosures",
        (P.PRIVACY_DISCLOSURE_CONFIRM,),
    ),
    NavItem(N_("Website statistics"), "/console/privacy/statistics", (P.PRIVACY_STATISTICS,)),
)


def items_for(role: Role | None, path: str) -> list[NavLink]:
    """The entries this role may open, with the current page marked."""
    if role is None:
        return []
    visible = [i for i in NAV if any(has_permission(role, p) for p in i.permissions)]
    # The longest entry that prefixes the path is the current one (the figures page
    # lives under the queue's path).
    matches = [
        i.href
        for i in visible
        if path == i.href or (i.href != "/console/" and path.startswith(i.href))
    ]
    current = max(matches, key=len, default=None)
    return [NavLink(i18n.gettext(i.label), i.href, i.href == current) for i in visible]

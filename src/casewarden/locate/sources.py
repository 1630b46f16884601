"""The locate sources of 22 CCR § 113100, as data.

The policy letter lets an agency verify information found on social media against
"any and all other resources relied upon for confirming case information as outlined
in 22 CCR § 113100". The regulation lists the Internet among those sources; a lead
found on social media is itself Internet information, so the Internet cannot verify it
(``independent`` is False, and the policy rule ``independent-verification`` refuses it).

Codes are stored with each verification and never renamed; names are shown to people.
"""

from __future__ import annotations

from dataclasses import dataclass

from casewarden.errors import InvalidInput
from casewarden.i18n import N_

CITATION = "22 CCR § 113100"


@dataclass(frozen=True, slots=True)
class LocateSource:
    """One locate source of the regulation."""

    code: str
    name: str  # an English message id, translated when shown
    #: Independent of social media: may verify a lead found there.
    independent: bool = True


SOURCES: tuple[LocateSource, ...] = (
    LocateSource("cpls", N_("California Parent Locator Service")),
    LocateSource("usps", N_("United States Postal Service")),
    LocateSource("telephone_company", N_("Telephone company")),
    LocateSource(
        "fpls",
        N_(
            "Federal Parent Locator Service (National Directory of New Hires, "
            "Federal Case Registry)"
        ),
    ),
    LocateSource(
        "edd", N_("Employment Development Department, including the State New Hire Registry")
    ),
    LocateSource("secretary_of_state", N_("Secretary of State")),
    LocateSource("board_of_equalization", N_("Board of Equalization")),
    LocateSource("consumer_affairs", N_("Department of Consumer Affairs")),
    LocateSource("dmv", N_("Department of Motor Vehicles")),
    LocateSource("franchise_tax_board", N_("Franchise Tax Board")),
    LocateSource("health_services", N_("Department of Health Services")),
    LocateSource("public_assistance", N_("Public assistance agencies")),
    LocateSource("financial_institution", N_("Financial institutions")),
    LocateSource("employer", N_("Current and past employers")),
    LocateSource("union", N_("Unions")),
    LocateSource("fraternal_organization", N_("Fraternal organizations")),
    LocateSource("law_enforcement", N_("Police, parole and probation")),
    LocateSource("interstate_network", N_("Interstate networks")),
    LocateSource("utility", N_("Utility companies")),
    LocateSource("credit_reporting", N_("Credit reporting agencies")),
    LocateSource("voter_registration", N_("Voter registration")),
    LocateSource("internet", N_("Internet"), independent=False),
    LocateSource("friends_relatives", N_("Friends and relatives")),
    LocateSource("private_locate", N_("Private locate sources")),
)

_BY_CODE = {source.code: source for source in SOURCES}


def source(code: str) -> LocateSource:
    """The source with this code, or a clear error listing what exists."""
    found = _BY_CODE.get(code.strip().lower()) if len(code) <= 40 else None
    if found is None:
        raise InvalidInput(
            N_("Choose a locate source listed in %(citation)s."), values={"citation": CITATION}
        )
    return found


def independent_sources() -> tuple[LocateSource, ...]:
    """The sources that may verify a lead found on social media."""
    return tuple(s for s in SOURCES if s.independent)

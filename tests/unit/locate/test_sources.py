"""The 22 CCR § 113100 list is data with its citation; only the Internet cannot verify a lead."""

from __future__ import annotations

import pytest

from casewarden.errors import InvalidInput
from casewarden.locate import sources

# The sources DESIGN.md lists from the regulation, by the codes casewarden stores.
DESIGN_LIST = {
    "cpls",
    "usps",
    "telephone_company",
    "fpls",
    "edd",
    "secretary_of_state",
    "board_of_equalization",
    "consumer_affairs",
    "dmv",
    "franchise_tax_board",
    "health_services",
    "public_assistance",
    "financial_institution",
    "employer",
    "union",
    "fraternal_organization",
    "law_enforcement",
    "interstate_network",
    "utility",
    "credit_reporting",
    "voter_registration",
    "friends_relatives",
    "private_locate",
    "internet",
}


def test_the_list_is_the_regulations_and_cites_it() -> None:
    assert {s.code for s in sources.SOURCES} == DESIGN_LIST
    assert len(sources.SOURCES) == len(DESIGN_LIST)  # no duplicates
    assert sources.CITATION == "22 CCR § 113100"


def test_only_the_internet_cannot_verify_a_social_media_lead() -> None:
    assert [s.code for s in sources.SOURCES if not s.independent] == ["internet"]
    assert "internet" not in {s.code for s in sources.independent_sources()}
    assert "dmv" in {s.code for s in sources.independent_sources()}


@pytest.mark.parametrize("code", ["DMV", " dmv ", "dmv"])
def test_codes_are_read_leniently(code: str) -> None:
    assert sources.source(code).code == "dmv"


@pytest.mark.parametrize("code", ["", "facebook", "google", "x" * 500, "dmv;drop"])
def test_unknown_sources_are_refused_naming_the_regulation(code: str) -> None:
    with pytest.raises(InvalidInput, match="22 CCR § 113100"):
        sources.source(code)

"""The outbound guard on staff text: each kind of problem found, marked and named."""

from __future__ import annotations

import pytest

from casewarden.detect import DetectorConfig, build_detector
from casewarden.outreach.guard import IssueKind, check

# The agency's own contact details are not personal information (detector configuration).
SCANNER = build_detector(
    DetectorConfig(
        public_emails=("info@childsupport.example.gov",),
        public_email_domains=("childsupport.example.gov",),
    )
)
OWN_PAGES = {"104723"}


@pytest.mark.parametrize(
    "text",
    [
        "Our offices are closed Monday, November 27, for the holiday.",
        "You can apply for services online at childsupport.ca.gov or call us.",
        "Thanks for your question! Orders can be reviewed every three years.",
        "Follow our page for updates: https://www.facebook.com/104723",
        "Nuestras oficinas cierran el lunes. Llámenos para más información.",
        "Email us at info@childsupport.example.gov for general questions.",
    ],
)
def test_general_text_passes(text: str) -> None:
    report = check(text, scanner=SCANNER, own_pages=OWN_PAGES)
    assert report.ok, report.issues


@pytest.mark.parametrize(
    ("text", "kind", "rule"),
    [
        (
            "Your case number 2019-FL-004512 is under review.",
            IssueKind.PROTECTED,
            "general-terms-only",
        ),
        ("We updated the record for SSN 536-22-4187.", IssueKind.PROTECTED, "general-terms-only"),
        (
            "Your son Jayden Ramirez, born 04/12/2015, is covered.",
            IssueKind.PROTECTED,
            "general-terms-only",
        ),
        (
            "See her profile https://www.facebook.com/jane.doe.5",
            IssueKind.PROFILE_LINK,
            "no-following-or-linking",
        ),
        (
            "Message him at instagram.com/some_dad_88",
            IssueKind.PROFILE_LINK,
            "no-following-or-linking",
        ),
        (
            "Text us on WhatsApp: https://wa.me/15551234567",
            IssueKind.PROFILE_LINK,
            "no-following-or-linking",
        ),
        ("Thanks @maria_lopez for the question!", IssueKind.MENTION, "no-following-or-linking"),
        (
            "Thanks @[100012345:Maria Lopez] for asking",
            IssueKind.MENTION,
            "no-following-or-linking",
        ),
        ("What a shitty question.", IssueKind.OFFENSIVE, "general-terms-only"),
        ("", IssueKind.LENGTH, "general-terms-only"),
        ("x" * 6000, IssueKind.LENGTH, "general-terms-only"),
    ],
)
def test_problems_are_found_and_named(text: str, kind: IssueKind, rule: str) -> None:
    report = check(text, scanner=SCANNER, own_pages=OWN_PAGES)
    assert not report.ok
    found = [issue for issue in report.issues if issue.kind is kind]
    assert found, report.issues
    assert found[0].rule == rule
    assert "(" in found[0].sentence  # carries its citation


def test_issues_point_at_the_words() -> None:
    text = "Thanks @maria_lopez, see https://facebook.com/jane.doe.5"
    report = check(text, scanner=SCANNER, own_pages=OWN_PAGES)
    spans = {text[issue.start : issue.end] for issue in report.issues if issue.end > issue.start}
    assert "@maria_lopez" in spans
    assert "https://facebook.com/jane.doe.5" in spans


def test_an_email_address_is_not_a_mention() -> None:
    report = check("Write to help@childsupport.example.gov", scanner=SCANNER, own_pages=OWN_PAGES)
    assert all(issue.kind is not IssueKind.MENTION for issue in report.issues)


@pytest.mark.parametrize(
    "hostile",
    ["@" * 5000, "http://" + "a" * 4000, "www." + "facebook.com/" * 300, "@a" * 2000],
)
def test_hostile_text_is_bounded(hostile: str) -> None:
    report = check(hostile[:5000], scanner=SCANNER, own_pages=OWN_PAGES)
    assert isinstance(report.ok, bool)

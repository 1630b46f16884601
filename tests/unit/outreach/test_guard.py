"""The outbound guard on staff text: each kind of problem found, marked and named."""

from __future__ import annotations

import pytest

from casewarden.detect import build_detector
from casewarden.outreach.guard import IssueKind, check
from tests.unit.outreach.conftest import AGENCY_CONFIG

# The agency's own contact details are not personal information (detector configuration).
SCANNER = build_detector(AGENCY_CONFIG)
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
            IssueKind.PRIVATE_CHANNEL,
            "no-private-messaging",
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


#: What the guard's own patterns find (the classifier's view of noise is not the point here).
_PATTERN_KINDS = {
    IssueKind.MENTION,
    IssueKind.PROFILE_LINK,
    IssueKind.SHORTENED_LINK,
    IssueKind.PRIVATE_CHANNEL,
}


@pytest.mark.parametrize(
    ("hostile", "found"),
    [
        ("@" * 5000, set()),  # no handle follows any "@"
        ("http://" + "a" * 4000, set()),  # a link, but to no social network
        ("www." + "facebook.com/" * 300, {IssueKind.PROFILE_LINK}),
        ("@a" * 2000, set()),  # each "@" follows a letter: an address, not a mention
    ],
    ids=["at signs", "long link", "repeated host", "at-letter pairs"],
)
def test_hostile_text_gets_exactly_its_findings(hostile: str, found: set[IssueKind]) -> None:
    # Tests never assert wall-clock times: a pattern that backtracks on these inputs shows as
    # a suite that hangs here, not as a flaky threshold.
    report = check(hostile, scanner=SCANNER, own_pages=OWN_PAGES)
    assert {issue.kind for issue in report.issues} & _PATTERN_KINDS == found
    assert all(0 <= issue.start <= issue.end <= len(hostile) for issue in report.issues)


def _kinds(text: str) -> set[IssueKind]:
    return {issue.kind for issue in check(text, scanner=SCANNER, own_pages=OWN_PAGES).issues}


@pytest.mark.parametrize(
    "text",
    [
        "Your payment of $350 was received.",
        "Your hearing is on March 3.",
        "Your license was suspended yesterday.",
        "We received your payment of $350 on Monday.",
        "You owe $4,200 in arrears.",
        "Your case has been closed.",
        "Your license is suspended.",
        "Your wages were garnished last week.",
        "Your hearing was rescheduled to April 9.",
        "Thanks for asking. Your case was closed, but you can ask to reopen it.",
        "Tu caso fue cerrado.",
        "Su audiencia es el 3 de marzo.",
        "Su pago de $350 fue recibido.",
        "Recibimos su pago ayer.",
        "Se cerró su caso la semana pasada.",
        "Le suspendieron la licencia ayer.",
        "Usted debe $4,200.",
        "Tu licencia está suspendida.",
    ],
)
def test_a_case_fact_said_to_one_person_is_refused(text: str) -> None:
    report = check(text, scanner=SCANNER, own_pages=OWN_PAGES)
    facts = [issue for issue in report.issues if issue.kind is IssueKind.CASE_FACT]
    assert facts, report.issues
    assert facts[0].rule == "general-terms-only"
    assert "Family Code" in facts[0].sentence or "§" in facts[0].sentence
    assert report.case_specific
    assert facts[0].end > facts[0].start  # the console marks the words


@pytest.mark.parametrize(
    "text",
    [
        "Your payment may take two business days to post.",
        "If your case is closed you can ask to reopen it.",
        "Payments usually post within two business days.",
        "If you owe more than $2,500, your passport can be denied.",
        "Submit your application by March 3 to be considered.",
        "Call us today to talk about your case.",
        "Please have your case number ready when you call us.",
        "Make a payment of at least $25 online.",
        "You can make your payment online at childsupport.ca.gov.",
        "Bring your ID to your appointment.",
        "Your case number is on every letter we send you.",
        "Si su caso está cerrado, puede pedir que lo reabran.",
        "Su pago puede tardar dos días hábiles en aparecer.",
        "Cuando su orden cambia, le enviamos una copia por correo.",
        "Con gusto le ayudamos con su caso por teléfono.",
        "Nuestras oficinas abren a las 8 de la mañana.",
    ],
)
def test_a_general_answer_in_the_second_person_passes(text: str) -> None:
    report = check(text, scanner=SCANNER, own_pages=OWN_PAGES)
    assert report.ok, report.issues


@pytest.mark.parametrize(
    "text",
    [
        "DM us your case number",
        "Feel free to DM us.",
        "send us a private message on Messenger",
        "Message us on Facebook with your question.",
        "Inbox us for details.",
        "Contact us on WhatsApp.",
        "Send us your case number and we'll look into it.",
        "Please send your SSN privately.",
        "Reach out on Telegram and we will help.",
        "Chat with us: https://m.me/104723",
        "mándenos su número de caso por WhatsApp",
        "Escríbanos por interno.",
        "Envíenos un mensaje privado.",
        "Mándeme su número de seguro social.",
        "Escríbanos al privado con su número de caso.",
        "Mandenos su numero de caso por whatsapp",  # without accents
        "D\u200bM us your case number",  # a zero-width space inside
    ],
)
def test_an_invitation_to_talk_privately_on_social_media_is_refused(text: str) -> None:
    report = check(text, scanner=SCANNER, own_pages=OWN_PAGES)
    private = [issue for issue in report.issues if issue.kind is IssueKind.PRIVATE_CHANNEL]
    assert private, report.issues
    assert private[0].rule == "no-private-messaging"
    assert "private messages" in private[0].sentence


@pytest.mark.parametrize(
    "text",
    [
        "We can't discuss case details here, to protect your privacy. Please contact us "
        "privately by phone or through the official customer portal.",
        "We do not handle child support matters through private messages on social media.",
        "Please don't DM us your case number; call us instead.",
        "Send us your case number through the secure portal.",
        "Call us at (866) 901-3212 with your case number.",
        "Email info@childsupport.example.gov with your case number.",
        "Visit us at 2450 Meridian Ave, Suite 100, Del Oro, CA 95999 with your case number.",
        "Write your case number on your check or money order.",
        "Share this post on Facebook!",
        "Follow us on Instagram for updates.",
        "Contact us before 5 pm on Friday.",
        "No podemos hablar de los detalles de su caso aquí. Comuníquese con nosotros en "
        "privado por teléfono o por el portal oficial de clientes.",
        "No nos envíe su número de caso por WhatsApp ni por Messenger.",
        "Llámenos al 866-901-3212 con su número de caso.",
        "Gracias por su mensaje. No tratamos asuntos de manutención por mensajes privados en "
        "las redes sociales.",
    ],
)
def test_the_agencys_own_channels_may_be_named_and_offered(text: str) -> None:
    report = check(text, scanner=SCANNER, own_pages=OWN_PAGES)
    assert report.ok, report.issues


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("See facebook[.]com/jane.doe.5", IssueKind.PROFILE_LINK),
        ("See facebook(dot)com/jane.doe.5", IssueKind.PROFILE_LINK),
        ("See facebook dot com/jane.doe.5", IssueKind.PROFILE_LINK),
        ("Find us on facebook dot com", IssueKind.PROFILE_LINK),
        ("See face\u200bbook.com/jane.doe.5", IssueKind.PROFILE_LINK),
        ("See fac\u0435book.com/jane.doe.5", IssueKind.PROFILE_LINK),  # Cyrillic e
        ("See ｆａｃｅｂｏｏｋ．ｃｏｍ/jane.doe.5", IssueKind.PROFILE_LINK),
        ("See instagram . com / some_dad_88", IssueKind.PROFILE_LINK),
        ("Thanks ＠maria_lopez", IssueKind.MENTION),
        ("Thanks @ma\u200bria_lopez", IssueKind.MENTION),
        ("Thanks @m\u0430ria_lopez", IssueKind.MENTION),  # Cyrillic a
        ("More at bit.ly/3xYzQ", IssueKind.SHORTENED_LINK),
        ("More at https://tinyurl.com/y6abc", IssueKind.SHORTENED_LINK),
        ("More at t.co/AbC123", IssueKind.SHORTENED_LINK),
        ("More at goo.gl/maps/xyz", IssueKind.SHORTENED_LINK),
        ("More at ow.ly/abc1", IssueKind.SHORTENED_LINK),
        ("More at bit[.]ly/3xYzQ", IssueKind.SHORTENED_LINK),
        ("Más información en bit.ly/3xYzQ", IssueKind.SHORTENED_LINK),
        ("Escríbanos: wa.me/15551234567", IssueKind.PRIVATE_CHANNEL),
    ],
)
def test_links_and_mentions_in_disguise_are_refused(text: str, kind: IssueKind) -> None:
    report = check(text, scanner=SCANNER, own_pages=OWN_PAGES)
    found = [issue for issue in report.issues if issue.kind is kind]
    assert found, report.issues
    assert found[0].rule in {"no-following-or-linking", "no-private-messaging"}
    # The span is mapped back to what the writer typed, disguise included.
    assert 0 <= found[0].start < found[0].end <= len(text)


def test_a_disguised_link_is_marked_where_it_was_typed() -> None:
    text = "Hello! See face\u200bbook[.]com/jane.doe.5 now"
    issue = next(
        issue
        for issue in check(text, scanner=SCANNER, own_pages=OWN_PAGES).issues
        if issue.kind is IssueKind.PROFILE_LINK
    )
    assert text[issue.start : issue.end] == "face\u200bbook[.]com/jane.doe.5"


@pytest.mark.parametrize(
    "text",
    [
        "Call us at (866) 901-3212.",
        "Llámenos al (866) 901-3212.",
        "Call 866.901.3212 or 866-901-3212 for help.",
        "Our office is at 2450 Meridian Ave, Suite 100, Del Oro, CA 95999.",
        "Nuestra oficina está en 2450 Meridian Ave, Suite 100, Del Oro, CA 95999.",
        "Write to info@childsupport.example.gov.",
        "Escríbanos a info@childsupport.example.gov.",
        "Visit childsupport.example.gov/apply to apply.",
    ],
)
def test_the_agencys_own_numbers_and_addresses_are_never_refused(text: str) -> None:
    report = check(text, scanner=SCANNER, own_pages=OWN_PAGES)
    assert report.ok, report.issues

"""Recording, reading, listing and using leads: every refusal, and who sees what."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from casewarden.accounts.models import StaffUser
from casewarden.accounts.service import actor_for
from casewarden.actor import Actor
from casewarden.audit.models import AuditEntry
from casewarden.audit.tags import AuditTag, Outcome
from casewarden.config import Settings
from casewarden.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from casewarden.locate import leads
from casewarden.locate.custody import custody_of
from casewarden.locate.leads import LeadFilter
from casewarden.locate.models import (
    OBSERVATION_PURPOSE,
    URL_PURPOSE,
    LeadState,
    LocateLead,
)
from casewarden.policy import PolicyDenied
from tests import locate_factories as lf
from tests.unit.locate.conftest import Team


def _tags(session: Session, lead_id: int) -> list[str]:
    return [e.tag for e in custody_of(session, lead_id)]


def test_a_recorded_lead_is_unverified_sealed_and_audited(session: Session, team: Team) -> None:
    lead = lf.record(session, team.ana, uploads=[lf.png(), lf.pdf()])
    assert lead.state is LeadState.UNVERIFIED
    assert lead.participant_ref == lf.PARTICIPANT
    assert lead.unit == "east"
    assert lead.recorded_by == team.ana.id
    assert lead.attested_public is True
    assert lf.POSTING_URL.encode() not in lead.posting_url_sealed
    assert lf.OBSERVATION.encode() not in lead.observation_sealed
    assert lf.keyring().open_text(lead.posting_url_sealed, URL_PURPOSE) == lf.POSTING_URL
    assert lf.keyring().open_text(lead.observation_sealed, OBSERVATION_PURPOSE) == lf.OBSERVATION
    assert _tags(session, lead.id) == [
        "locate:lead:record",
        "locate:capture:add",
        "locate:capture:add",
    ]
    record = custody_of(session, lead.id)[0]
    assert record.body["purpose"] == "locate_research"
    assert record.details["participant"] == lf.PARTICIPANT
    assert lf.OBSERVATION not in str(record.body)


POLICY_REFUSALS = [
    ({"attested_public": False}, "public-postings-only"),
    ({"audience": "friends_only"}, "public-postings-only"),
    ({"audience": "private"}, "public-postings-only"),
    ({"audience": "friends_only", "attested_public": False}, "public-postings-only"),
    ({"posting_url": "https://www.facebook.com/messages/t/12345"}, "public-postings-only"),
    ({"posting_url": "https://www.messenger.com/t/12345"}, "public-postings-only"),
    ({"posting_url": "https://instagram.com/direct/inbox/"}, "public-postings-only"),
    ({"purpose": "general_information"}, "no-other-use"),
    ({"purpose": "litigation_evidence"}, "no-other-use"),
    ({"purpose": "curiosity"}, "unknown-purpose"),
]


@pytest.mark.parametrize(("changes", "rule"), POLICY_REFUSALS)
def test_a_lead_that_is_not_from_a_public_posting_cannot_be_saved(
    session: Session, team: Team, changes: dict[str, object], rule: str
) -> None:
    before = session.scalars(select(LocateLead.id)).all()
    with pytest.raises(PolicyDenied) as caught:
        lf.record(session, team.ana, **changes)
    assert caught.value.decision.rule == rule
    event = caught.value.audit_event
    assert event is not None
    assert (event.tag, event.outcome) == (AuditTag.POLICY_DECISION_DENY, Outcome.DENIED)
    assert session.scalars(select(LocateLead.id)).all() == before


# A group's address, however it is written: the posting cannot be shown to be public.
GROUP_ADDRESSES = [
    "https://www.facebook.com/groups/fresnoswap/posts/123",
    "https://m.facebook.com/groups/123/permalink/456/",
    "https://mbasic.facebook.com/groups/123?view=permalink&id=456",
    "https://web.facebook.com/groups/123",
    "https://fb.com/groups/123",
    "https://www.FaceBook.COM/Groups/123",
    "https://www.facebook.com./groups/123",
    "https://www.facebook.com/%67roups/123",
    "https://www.facebook.com/%2567roups/123",
    "https://www.facebook.com//groups/123",
    "https://www.facebook.com/public.page/../groups/123",
    "https://www.facebook.com\\groups\\123",
    "https://www.facebook.com/#!/groups/123",
    "https://www.facebook.com/group.php?gid=123",
    "https://www.facebook.com/permalink.php?story_fbid=1&group_id=123",
    "https://www.facebook.com/share/g/AbCdEf/",
    "https://www.facebook.com/login/?next=%2Fgroups%2F123",
    "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.facebook.com%2Fgroups%2F123&h=x",
    "https://\uff46\uff41\uff43\uff45\uff42\uff4f\uff4f\uff4b.com/groups/123",
    "https://www.linkedin.com/groups/8675309/",
    "https://x.com/i/communities/1234567890",
    "https://twitter.com/i/communities/1234567890",
    "https://chat.whatsapp.com/AbCdEf123",
    "https://t.me/+AbCdEf",
    "https://t.me/joinchat/AbCdEf",
    "https://discord.gg/abcdef",
    "https://discord.com/channels/1/2",
    "https://groups.google.com/g/fresno-swap/c/xyz",
]


@pytest.mark.parametrize("url", GROUP_ADDRESSES)
def test_a_posting_in_a_group_is_refused_whatever_is_attested(
    session: Session, team: Team, url: str
) -> None:
    before = session.scalars(select(LocateLead.id)).all()
    with pytest.raises(PolicyDenied, match="group") as caught:
        lf.record(session, team.ana, posting_url=url)
    assert caught.value.decision.rule == "no-group-postings"
    event = caught.value.audit_event
    assert event is not None
    assert (event.tag, event.outcome) == (AuditTag.POLICY_DECISION_DENY, Outcome.DENIED)
    assert event.citation
    assert session.scalars(select(LocateLead.id)).all() == before


@pytest.mark.parametrize(
    "url",
    [
        lf.POSTING_URL,
        "https://www.facebook.com/groupsofpeople/posts/1",
        "https://www.facebook.com/public.page/?ref=groups",
        "https://www.linkedin.com/in/someone",
        "https://www.instagram.com/p/AbC123/",
        "https://x.com/someone/status/1",
    ],
)
def test_a_public_posting_outside_any_group_is_recorded(
    session: Session, team: Team, url: str
) -> None:
    lead = lf.record(session, team.ana, posting_url=url)
    assert lead.state is LeadState.UNVERIFIED


@pytest.mark.parametrize(
    ("participant", "participant_format", "accepted"),
    [
        ("3000012345", leads.DEFAULT_PARTICIPANT_FORMAT, True),
        (" 3000012345 ", leads.DEFAULT_PARTICIPANT_FORMAT, True),
        ("MARIALOPEZ1", leads.DEFAULT_PARTICIPANT_FORMAT, False),
        ("Maria-Lopez-2", leads.DEFAULT_PARTICIPANT_FORMAT, False),
        ("JSmith1984", leads.DEFAULT_PARTICIPANT_FORMAT, False),
        ("CSE-0012345", leads.DEFAULT_PARTICIPANT_FORMAT, False),
        ("12", leads.DEFAULT_PARTICIPANT_FORMAT, False),
        ("CSE-0012345", r"CSE-[0-9]{7}", True),
        ("CSE-0012345X", r"CSE-[0-9]{7}", False),
        ("3000012345", r"CSE-[0-9]{7}", False),
        # A permissive format still never admits a name with spaces or no digit.
        ("Maria Lopez", r".+", False),
        ("MariaLopez", r".+", False),
    ],
)
def test_a_participant_is_recorded_only_in_the_agencys_format(
    session: Session, team: Team, participant: str, participant_format: str, accepted: bool
) -> None:
    rules = replace(lf.RULES, participant_format=participant_format)

    def record() -> LocateLead:
        return leads.record_lead(
            session=session,
            actor=actor_for(team.ana),
            keyring=lf.keyring(),
            rules=rules,
            draft=lf.draft(participant_ref=participant),
            uploads=[lf.png()],
        )

    if accepted:
        assert record().participant_ref == participant.strip().upper()
        return
    with pytest.raises(InvalidInput, match="never a name"):
        record()


def test_the_default_participant_format_is_the_settings_default() -> None:
    assert Settings.model_fields["locate_participant_id_format"].default == (
        leads.DEFAULT_PARTICIPANT_FORMAT
    )


NOW = datetime.now(UTC)
INPUT_REFUSALS = [
    ({"participant_ref": "Maria Lopez"}, "never a name"),
    ({"participant_ref": "MariaLopez"}, "never a name"),
    ({"participant_ref": "12"}, "never a name"),
    ({"participant_ref": "CSE/../1"}, "never a name"),
    ({"platform": "myspace"}, "platform"),
    ({"category": "gossip"}, "category"),
    ({"audience": "everyone"}, "audience"),
    ({"posting_url": "javascript:alert(1)"}, "http or https"),
    ({"posting_url": "ftp://example.com/x"}, "http or https"),
    ({"posting_url": "https://user:pw@example.com/x"}, "user name or password"),
    ({"posting_url": "https://example.com/" + "a" * 2100}, "public web address"),
    ({"posting_url": "https://exa mple.com/"}, "public web address"),
    ({"captured_at": None}, "when the posting was captured"),
    ({"captured_at": NOW.replace(tzinfo=None)}, "time zone"),
    ({"captured_at": NOW + timedelta(days=1)}, "in the future"),
    ({"captured_at": NOW - timedelta(days=4000)}, "ten years"),
    ({"observation": "   "}, "Describe"),
    ({"observation": "x" * 4001}, "under 4000"),
]


@pytest.mark.parametrize(("changes", "message"), INPUT_REFUSALS)
def test_malformed_leads_are_refused_saying_what(
    session: Session, team: Team, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        lf.record(session, team.ana, **changes)


def test_a_lead_needs_a_captured_copy(session: Session, team: Team) -> None:
    with pytest.raises(InvalidInput, match="at least one captured copy"):
        lf.record(session, team.ana, uploads=[])


@pytest.mark.parametrize("who", ["dee", "moderator", "admin"])
def test_only_caseworkers_record_leads(session: Session, team: Team, who: str) -> None:
    with pytest.raises(PermissionDenied):
        lf.record(session, getattr(team, who))


def test_casewarden_itself_does_not_record_leads(session: Session, team: Team) -> None:
    with pytest.raises(PermissionDenied, match="member of staff"):
        leads.record_lead(
            session=session,
            actor=Actor.system(),
            keyring=lf.keyring(),
            rules=lf.RULES,
            draft=lf.draft(),
            uploads=[lf.png()],
        )


# (recorder, viewer, sees it?) — own leads, the same unit, another unit, no unit.
VISIBILITY = [
    ("ana", "ana", True),
    ("ana", "ben", True),  # same unit
    ("ana", "dee", True),  # the unit's supervisor
    ("ana", "cruz", False),  # another unit's caseworker
    ("ana", "eli", False),  # another unit's supervisor
    ("ana", "solo", False),  # in no unit
    ("solo", "solo", True),
    ("solo", "ana", False),  # a lead without a unit: no other caseworker sees it
    ("solo", "dee", True),  # but every supervisor of the agency does, to assign it
    ("solo", "eli", True),
    ("cruz", "eli", True),
    ("cruz", "dee", False),
]


@pytest.mark.parametrize(("recorder", "viewer", "sees"), VISIBILITY)
def test_people_see_their_own_and_their_units_leads(
    session: Session, team: Team, recorder: str, viewer: str, sees: bool
) -> None:
    lead = lf.record(session, getattr(team, recorder))
    who: StaffUser = getattr(team, viewer)
    listed = leads.list_leads(session=session, actor=actor_for(who), where=LeadFilter())
    assert (lead.id in {row.id for row in listed.leads}) is sees
    if sees:
        view = leads.open_lead(
            session=session,
            actor=actor_for(who),
            keyring=lf.keyring(),
            rules=lf.RULES,
            lead_id=lead.id,
        )
        assert view.observation == lf.OBSERVATION
        assert view.custody[-1].tag == "locate:lead:view"
    else:
        with pytest.raises(NotFound) as caught:
            leads.open_lead(
                session=session,
                actor=actor_for(who),
                keyring=lf.keyring(),
                rules=lf.RULES,
                lead_id=lead.id,
            )
        event = caught.value.audit_event
        assert event is not None
        assert (event.tag, event.outcome) == (AuditTag.LOCATE_LEAD_VIEW, Outcome.DENIED)
        assert event.subject_id == str(lead.id)


def test_a_unit_change_applies_at_once(session: Session, team: Team) -> None:
    lead = lf.record(session, team.ana)
    team.cruz.unit = "east"
    session.flush()
    leads.open_lead(
        session=session,
        actor=actor_for(team.cruz),
        keyring=lf.keyring(),
        rules=lf.RULES,
        lead_id=lead.id,
    )


def test_a_missing_lead_is_not_found_without_an_audit_subject(session: Session, team: Team) -> None:
    with pytest.raises(NotFound) as caught:
        leads.open_lead(
            session=session,
            actor=actor_for(team.ana),
            keyring=lf.keyring(),
            rules=lf.RULES,
            lead_id=987654321,
        )
    assert caught.value.audit_event is None


@pytest.mark.parametrize("who", ["moderator", "admin"])
def test_people_without_locate_access_see_no_leads(session: Session, team: Team, who: str) -> None:
    with pytest.raises(PermissionDenied):
        leads.list_leads(session=session, actor=actor_for(getattr(team, who)), where=LeadFilter())


def test_the_list_filters_and_marks_unverified_leads(session: Session, team: Team) -> None:
    first = lf.record(session, team.ana)
    second = lf.record(session, team.ana, participant_ref="777777", category="assets")
    lf.verify(session, second, team.ben)
    actor = actor_for(team.ben)

    def ids(**where: object) -> list[int]:
        page = leads.list_leads(session=session, actor=actor, where=LeadFilter(**where))  # type: ignore[arg-type]
        return [lead.id for lead in page.leads]

    assert ids() == [second.id, first.id]
    assert ids(state=LeadState.UNVERIFIED) == [first.id]
    assert ids(participant_ref=" 777777 ") == [second.id]
    assert leads.list_leads(session=session, actor=actor, where=LeadFilter()).unverified == 1
    with pytest.raises(InvalidInput):
        ids(participant_ref="Maria Lopez")
    listed = session.scalars(select(AuditEntry).where(AuditEntry.tag == "locate:lead:list")).all()
    assert listed
    assert all("Maria" not in str(e.details) for e in listed)


def test_the_list_pages_by_id(session: Session, team: Team) -> None:
    made = [lf.record(session, team.ana).id for _ in range(3)]
    actor = actor_for(team.ana)
    page = leads.list_leads(session=session, actor=actor, where=LeadFilter(), limit=2)
    assert [lead.id for lead in page.leads] == made[:0:-1]
    rest = leads.list_leads(
        session=session, actor=actor, where=LeadFilter(), before=page.next_before, limit=2
    )
    assert [lead.id for lead in rest.leads] == [made[0]]
    assert rest.next_before is None


# Marking a lead used: the verify-before-use rule, then the lifecycle.
@pytest.mark.parametrize(
    ("state", "refusal"),
    [
        ("unverified", PolicyDenied),
        ("rejected", PolicyDenied),
        ("verified", None),
        ("used_in_case", Conflict),
    ],
)
def test_only_a_verified_lead_is_used(
    session: Session, team: Team, state: str, refusal: type[Exception] | None
) -> None:
    lead = lf.record(session, team.ana)
    if state != "unverified":
        lf.verify(
            session, lead, team.ben, result="contradicted" if state == "rejected" else "confirmed"
        )
    if state == "used_in_case":
        leads.mark_used(session=session, actor=actor_for(team.ana), lead_id=lead.id)
    if refusal is None:
        used = leads.mark_used(
            session=session,
            actor=actor_for(team.ana),
            lead_id=lead.id,
            purpose="litigation_evidence",
        )
        assert used.state is LeadState.USED_IN_CASE
        assert used.used_purpose == "litigation_evidence"
        assert _tags(session, lead.id)[-1] == "locate:lead:use"
        return
    with pytest.raises(refusal) as caught:
        leads.mark_used(session=session, actor=actor_for(team.ana), lead_id=lead.id)
    if refusal is PolicyDenied:
        assert caught.value.decision.rule == "verify-before-use"  # type: ignore[attr-defined]


def test_captures_are_added_only_while_unverified(session: Session, team: Team) -> None:
    lead = lf.record(session, team.ana)
    added = leads.add_captures(
        session=session,
        actor=actor_for(team.ben),
        keyring=lf.keyring(),
        rules=lf.RULES,
        lead_id=lead.id,
        uploads=[lf.jpeg()],
    )
    assert [c.kind.value for c in added] == ["jpeg"]
    lf.verify(session, lead, team.ben)
    with pytest.raises(Conflict, match="only while a lead is unverified"):
        leads.add_captures(
            session=session,
            actor=actor_for(team.ana),
            keyring=lf.keyring(),
            rules=lf.RULES,
            lead_id=lead.id,
            uploads=[lf.png()],
        )


def test_downloads_are_audited_and_html_is_never_served_as_html(
    session: Session, team: Team
) -> None:
    lead = lf.record(session, team.ana, uploads=[lf.png(), lf.html()])
    png_capture, html_capture = lead.captures
    opened = leads.download_capture(
        session=session,
        actor=actor_for(team.ben),
        keyring=lf.keyring(),
        lead_id=lead.id,
        capture_id=html_capture.id,
    )
    assert opened.content == lf.html()
    assert opened.media_type == "application/octet-stream"
    with pytest.raises(InvalidInput, match="Only screenshots"):
        leads.download_capture(
            session=session,
            actor=actor_for(team.ben),
            keyring=lf.keyring(),
            lead_id=lead.id,
            capture_id=html_capture.id,
            inline=True,
        )
    shown = leads.download_capture(
        session=session,
        actor=actor_for(team.ben),
        keyring=lf.keyring(),
        lead_id=lead.id,
        capture_id=png_capture.id,
        inline=True,
    )
    assert shown.media_type == "image/png"
    downloads = [e for e in custody_of(session, lead.id) if e.tag == "locate:capture:download"]
    assert [(e.details["capture"], e.details["inline"]) for e in downloads] == [
        (html_capture.id, False),
        (png_capture.id, True),
    ]
    with pytest.raises(NotFound):
        leads.download_capture(
            session=session,
            actor=actor_for(team.ben),
            keyring=lf.keyring(),
            lead_id=lead.id,
            capture_id=html_capture.id + 1000,
        )
    with pytest.raises(NotFound):
        leads.download_capture(
            session=session,
            actor=actor_for(team.cruz),
            keyring=lf.keyring(),
            lead_id=lead.id,
            capture_id=png_capture.id,
        )

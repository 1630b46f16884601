"""Criticism of the agency is protected speech on a government page: it is never hidden.

Each angry comment is scanned as written and in the forms people type it in (all caps, no
punctuation, lower case, with emoji), and must be allowed. With profanity added it is hidden
for the profanity only.
"""

from __future__ import annotations

import re

import pytest

from casewarden.detect import Action, Category, Detector

CRITICISM = [
    "This agency is a joke. 7 years and nothing.",
    "Worst run department in the state. Nobody answers the phone!!!",
    "You people are useless. I've been waiting 5 months for a call back",
    "The system is broken and rigged against fathers",
    "Child support is a scam that punishes working dads",
    "Why does it take 6 months to process anything?? Ridiculous",
    "This department is corrupt and incompetent. Shame on you.",
    "I have called 12 times this week and nobody picks up. Do your job!",
    "Y'all take money from hard working parents and the kids never see it",
    "Total waste of taxpayer money",
    "Disgusting how this agency treats mothers who actually need help",
    "the caseworkers don't care about our kids at all",
    "Incompetent. Period.",
    "this place sucks, 4 hours in the lobby and they sent me home",
    "damn this office is slow",
    "I hate this agency with a passion",
    "Lazy government workers as usual",
    "Deadbeat parents get away with everything and you do NOTHING",
    "This law is stupid and outdated",
    "The judge and this agency ruined my life",
    "Fire whoever designed this phone system",
    "How is it legal to take a man's whole paycheck?",
    "This is killing families and you know it",
    "You are failing the children of this county and you should be ashamed of yourselves",
    "Nobody is accountable here. Not the supervisors, not the director, nobody.",
    "keep deleting comments, everyone knows how bad you are",
    "so basically you do nothing. got it",
    "THE PHONE LINE HANGS UP ON ME EVERY TIME",
    "I've lost all faith in this office. Useless from top to bottom",
    "Honestly this department should be audited",
    "Your agency is a disgrace to public service",
    "Stop posting memes and answer your messages",
    "They garnish dads but never help when moms dont pay. Double standard",
    "Mark my words, this department will be investigated one day",
    "Every time I call I get a different answer. Does anyone there talk to each other?",
    "ESTA AGENCIA NO SIRVE PARA NADA",
    "Qué vergüenza, llevo 8 meses esperando y nadie me contesta",
    "Son unos inútiles, nunca contestan el teléfono",
    "son unos payasos en esa oficina, nunca contestan",
    "Nadie ayuda, este sistema está hecho para que los niños sufran",
    "El gobierno nomás quita dinero y no ayuda a nadie",
    "puro cuento, nunca hacen nada",
    "Ustedes no sirven, puro papeleo y los niños sin nada",
    "la oficina de Fresno es la peor, te tratan como basura",
    "Shame on Gavin Newsom for letting this happen",
    "Judge Alvarado and this whole department should resign",
    "Governor Newsom needs to answer for these wait times",
    "wow another post about resources while people wait months. unreal",
    "they act like they're doing u a favor",
]


def _variants(text: str) -> list[str]:
    return [
        text,
        text.upper(),
        text.lower(),
        re.sub(r"[.,;!?¿¡]", "", text),
        text + " 😡😡",
        text + "!!!",
    ]


CASES = [(text, variant) for text in CRITICISM for variant in _variants(text)]


@pytest.mark.parametrize(("original", "text"), CASES, ids=[c[1][:50] for c in CASES])
def test_criticism_is_allowed(agency_detector: Detector, original: str, text: str) -> None:
    result = agency_detector.scan(text)
    assert result.action is Action.ALLOW, result.explain()


@pytest.mark.parametrize("text", CRITICISM[:20])
def test_criticism_with_profanity_is_hidden_for_the_profanity_only(
    agency_detector: Detector, text: str
) -> None:
    result = agency_detector.scan(text + " fucking bullshit")
    assert result.action is Action.HIDE
    assert result.categories == [Category.PROFANITY]


def test_the_same_rule_applies_to_praise_and_criticism(agency_detector: Detector) -> None:
    # Viewpoint neutrality: profanity hides a post whatever its opinion.
    praise = agency_detector.scan("you guys are fucking awesome, thank you")
    criticism = agency_detector.scan("you guys are fucking useless")
    assert praise.action is criticism.action is Action.HIDE
    assert praise.categories == criticism.categories == [Category.PROFANITY]


# The agency or its staff as a group called names (DESIGN.md: "bunch of incompetents"): never
# hidden. The comment classifier, taught by writers who labelled some of these hide, may still
# send one to a moderator; the rules no longer read them as harassment of a person.
GROUP_NAME_CALLING = [
    "you guys are a bunch of clowns",
    "Bunch of clowns 🤡🤡🤡",
    "y'all are rats, every last one of you at that office",
    "bola de payasos, nunca contestan",
]


@pytest.mark.parametrize("text", GROUP_NAME_CALLING)
def test_a_group_called_names_is_never_hidden(agency_detector: Detector, text: str) -> None:
    result = agency_detector.scan(text)
    assert result.action is not Action.HIDE, result.explain()
    assert not any(s.rule == "aimed_insult" for s in result.signals)

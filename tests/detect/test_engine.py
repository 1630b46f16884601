"""The detector as the rest of casewarden uses it: API shape, decisions, explanations, data."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import tomllib

import pytest

import casewarden.detect as detect
from casewarden.detect import (
    Action,
    Category,
    Detector,
    DetectorConfig,
    EntityType,
    Exclusion,
    Finding,
    Language,
    ScanResult,
    Signal,
    build_detector,
)
from casewarden.detect.errors import RulesError
from casewarden.detect.recognizer import Verdict
from casewarden.detect.registry import CLASSIFIERS, RECOGNIZERS
from casewarden.detect.rules import default_rules, parse_rules, read_data_file


def test_public_api_is_exactly_what_all_lists() -> None:
    assert sorted(detect.__all__) == sorted(
        [
            "Action",
            "Category",
            "CommentPolicy",
            "CommentPolicyRule",
            "DetectError",
            "Detector",
            "DetectorConfig",
            "DetectorConfigError",
            "EntityType",
            "Exclusion",
            "ExtraPattern",
            "Finding",
            "Language",
            "RedactedSpan",
            "Redaction",
            "RulesError",
            "ScanResult",
            "Signal",
            "build_detector",
            "comment_policy",
            "default_detector",
            "redact",
            "redact_with_report",
            "scan",
        ]
    )
    for name in detect.__all__:
        assert hasattr(detect, name)


def test_importing_the_engine_builds_nothing() -> None:
    # A fresh interpreter: importing must not build the default detector or load name lists.
    code = (
        "import casewarden.detect as d, casewarden.detect.lexicon as l;"
        "assert d.default_detector.cache_info().currsize == 0;"
        "assert l.name_lists.cache_info().currsize == 0;"
        "import sys; assert 'usaddress' not in sys.modules and 'phonenumbers' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_engine_imports_nothing_of_the_app() -> None:
    allowed = ("casewarden.config", "casewarden.errors", "casewarden.translatable")
    code = (
        f"import sys, casewarden.detect; ALLOWED = {allowed!r};"
        "bad = [m for m in sys.modules if m.startswith('casewarden.') and not "
        "(m.startswith('casewarden.detect') or m in ALLOWED)];"
        "assert not bad, bad"
    )
    # casewarden/__init__ itself imports config and errors (and errors the message marker);
    # the engine adds nothing else.
    subprocess.run([sys.executable, "-c", code], check=True)


def test_scan_result_shape(detector: Detector) -> None:
    result = detector.scan("His SSN is 536-22-4187, this agency is a joke")
    assert isinstance(result, ScanResult)
    assert result.action is Action.HIDE
    assert result.categories == [Category.PII]
    assert result.case_specific is False
    assert result.language is Language.EN
    (finding,) = result.findings
    assert (finding.type, finding.recognizer) == (EntityType.US_SSN, "us_ssn")
    assert 0 < finding.score <= 1
    assert result.to_dict() == {
        "action": "hide",
        "categories": ["pii"],
        "case_specific": False,
        "language": "en",
        "findings": [
            {"type": "US_SSN", "start": 11, "end": 22, "score": 0.95, "recognizer": "us_ssn"}
        ],
    }


def test_explanations_never_contain_the_comment(detector: Detector) -> None:
    text = "My son Jayden Smith was born 3/14/2015, call 559-201-4567, this is bullshit"
    result = detector.scan(text)
    explanation = "\n".join(result.explain())
    for secret in ("Jayden", "Smith", "3/14/2015", "559-201-4567"):
        assert secret not in explanation
    assert "PERSON" in explanation
    assert "DATE_OF_BIRTH" in explanation
    assert explanation.startswith("action hide")


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("How do I apply for child support?", Action.ALLOW),
        ("", Action.ALLOW),
        ("   ", Action.ALLOW),
        ("🙏🙏🙏", Action.ALLOW),
        ("call the hotline 1-800-799-7233", Action.REVIEW),  # reported, below hide
        ("I owe $3,000 and can't afford it", Action.REVIEW),
        ("My SSN is 536-22-4187", Action.HIDE),
        ("you're a stupid idiot", Action.HIDE),
    ],
)
def test_actions(detector: Detector, text: str, action: Action) -> None:
    assert detector.scan(text).action is action


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("How do I apply for child support?", Language.EN),
        ("¿Cómo solicito manutención para mis hijos?", Language.ES),
        ("mi ex no paga nada y trabaja en Walmart", Language.ES),
        ("my ex no paga nada and he works at Walmart", Language.EN),
        ("", Language.EN),
        ("12345", Language.EN),
    ],
)
def test_language(detector: Detector, text: str, language: Language) -> None:
    assert detector.scan(text).language is language


def test_scan_many_keeps_order(detector: Detector) -> None:
    texts = ["hello", "My SSN is 536-22-4187", "thanks"]
    actions = [r.action for r in detector.scan_many(texts)]
    assert actions == [Action.ALLOW, Action.HIDE, Action.ALLOW]


def test_module_level_scan_uses_the_default_detector() -> None:
    assert detect.scan("My SSN is 536-22-4187").action is Action.HIDE


def test_build_detector_takes_a_configuration() -> None:
    detector = build_detector(DetectorConfig(public_phone_numbers=("(559) 201-4567",)))
    assert detector.scan("call (559) 201-4567").action is Action.ALLOW


def test_rule_data_and_code_agree() -> None:
    rules = default_rules()
    assert {r.name for r in rules.recognizers} == set(RECOGNIZERS)
    assert {r.entity for r in rules.recognizers} == set(EntityType)
    assert {c.name for c in rules.classifiers} == set(CLASSIFIERS)
    categories = {c.category for c in rules.classifiers} | set(rules.entity_category.values())
    assert categories == set(Category)


def test_review_at_officials_names_only_model_labels() -> None:
    """A category the rules data sends to review beside officials must be one the model
    scores: a misspelt label would silently switch the protection of officials off."""
    data = tomllib.loads(read_data_file("rules.toml"))
    data["model"]["review_at_officials"] = ["harrassment"]
    with pytest.raises(RulesError, match="review_at_officials"):
        parse_rules(data)
    assert default_rules().model.review_at_officials == frozenset({"harassment"})


def test_every_category_can_hide_and_there_is_no_criticism_category() -> None:
    rules = default_rules()
    assert {c.value for c in rules.categories} == {
        "pii",
        "case_details",
        "profanity",
        "threat",
        "harassment",
        "scam",
    }
    assert all(rule.action is Action.HIDE for rule in rules.categories.values())


def test_detector_is_safe_to_share_between_threads(detector: Detector) -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = ["My SSN is 536-22-4187", "hello", "call 559-201-4567"] * 50
    expected = [detector.scan(t).to_dict() for t in texts]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda t: detector.scan(t).to_dict(), texts))
    assert got == expected


def test_to_dict_holds_plain_values_not_enum_members(detector: Detector) -> None:
    """The CLI contract's values are plain strings (a StrEnum member would print the same
    JSON but compare and pickle differently)."""
    out = detector.scan("My SSN is 536-22-4187, you idiot").to_dict(explain=True)
    assert out["action"] == "hide"
    assert out["categories"]
    assert out["findings"]
    for value in (out["action"], out["language"], *out["categories"]):
        assert type(value) is str
    for finding in out["findings"]:
        assert type(finding["type"]) is str
        assert finding["type"] in {e.value for e in detect.EntityType}


_REQUIRED_ARGS = {
    Finding: (EntityType.US_SSN, 0, 11, 0.9, "us_ssn", "ssn"),
    Signal: (Category.THREAT, 0.8, "threat", "intent", "hurt", 3, 7),
    Exclusion: (EntityType.PHONE_NUMBER, 0, 12, "agency public phone number"),
    ScanResult: (Action.ALLOW, [], False, Language.EN, []),
    Verdict: (0.5,),
}


@pytest.mark.parametrize("cls", list(_REQUIRED_ARGS), ids=lambda c: c.__name__)
def test_a_result_class_init_is_its_own_and_sets_every_field(cls: type) -> None:
    """The result classes write ``__init__`` out (the compiled engine builds them natively
    then); a field added without its assignment, or a dataclass-generated ``__init__``, fails."""
    init = cls.__init__
    assert getattr(getattr(init, "__code__", None), "co_filename", "") != "<string>"
    required = _REQUIRED_ARGS[cls]
    names = [f.name for f in dataclasses.fields(cls)]
    # By keyword: ScanResult's arguments are keyword-only.
    arguments = dict(zip(names, required, strict=False))
    instance = cls(**arguments)
    values = [getattr(instance, name) for name in names]  # AttributeError for an unset slot
    assert values[: len(required)] == list(required)
    assert instance == cls(**arguments)  # the dataclass's equality still compares the fields

"""Agency configuration: its own public data is not hidden; extra terms and patterns work;
malformed files are refused with a message naming the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from casewarden.detect import Action, Category, Detector, DetectorConfig, DetectorConfigError
from tests.detect.helpers import spans

AGENCY_PUBLIC = [
    "I called (866) 901-3212 and waited 45 minutes on hold",
    "The number is 866-901-3212 for anyone asking",
    "Llamen al 1-866-901-3212, ahí te atienden",
    "Just go to 2450 Meridian Ave, they helped me there",
    "Is the office at 2450 Meridian Ave, Suite 100 open on Saturdays?",
    "Mail it to P.O. Box 419064 that's what they told me",
    "I emailed info@testcounty-dcss.example.gov twice and no answer",
    "write to records@testcounty-dcss.example.gov",
    "Maria Delgado should fix this mess",
    "Thank you Maria Delgado and Gavin Newsom for the town hall",
]


@pytest.mark.parametrize("text", AGENCY_PUBLIC)
def test_agency_public_information_is_not_hidden(agency_detector: Detector, text: str) -> None:
    result = agency_detector.scan(text)
    assert result.findings == [], spans(result, text)
    assert result.action is Action.ALLOW


@pytest.mark.parametrize("text", AGENCY_PUBLIC[:7])
def test_without_the_configuration_the_same_text_is_flagged(detector: Detector, text: str) -> None:
    assert detector.scan(text).findings


def test_exclusions_are_explained(agency_detector: Detector) -> None:
    result = agency_detector.scan("I called (866) 901-3212 twice")
    (exclusion,) = result.exclusions
    assert exclusion.reason == "agency public phone number"
    assert any("not hidden" in line for line in result.explain())


def test_an_officials_first_name_alone_is_still_a_private_persons_name(
    agency_detector: Detector,
) -> None:
    text = "My daughter Maria needs her support"
    assert ("PERSON", "Maria") in spans(agency_detector.scan(text), text)


def test_a_private_person_with_an_officials_surname_after_a_first_name_is_found(
    agency_detector: Detector,
) -> None:
    text = "my ex John Delgado never pays"
    assert ("PERSON", "John Delgado") in spans(agency_detector.scan(text), text)


def test_other_phone_numbers_are_still_hidden(agency_detector: Detector) -> None:
    result = agency_detector.scan("call (866) 901-3212 or my cell (559) 201-4567")
    assert [f.type.value for f in result.findings] == ["PHONE_NUMBER"]
    assert result.action is Action.HIDE


def test_extra_terms_hide_in_their_category(agency_detector: Detector) -> None:
    result = agency_detector.scan("Contact Fast Case Fixers for help")
    assert result.categories == [Category.SCAM]
    assert result.signals[0].classifier == "agency_terms"


def test_extra_patterns_find_agency_formats(agency_detector: Detector) -> None:
    text = "my old number was LC-123456"
    result = agency_detector.scan(text)
    assert ("CASE_NUMBER", "LC-123456") in spans(result, text)
    assert result.findings[0].pattern == "legacy_case_number"


def test_not_names_from_configuration(agency_config: DetectorConfig) -> None:
    plain = Detector()
    configured = Detector(agency_config)
    text = "Marcus Shaw helped us"
    assert plain.scan(text).findings
    assert not configured.scan(text).findings


def test_a_mention_of_the_agency_page_is_no_person() -> None:
    text = "@del oro can you confirm the number"
    named = Detector(DetectorConfig(agency_name="Del Oro County Department of Child Support"))
    assert not named.scan(text).findings
    assert Detector().scan(text).findings  # without the agency's name, "del" reads as a name


def test_thresholds_from_configuration() -> None:
    strict = Detector(DetectorConfig(hide_threshold=0.99))
    assert strict.scan("call me (559) 201-4567").action is Action.REVIEW


def test_disabled_recognizers() -> None:
    detector = Detector(DetectorConfig(disabled_recognizers=("phone_number",)))
    assert "phone_number" not in detector.recognizer_names
    assert detector.scan("call me (559) 201-4567").action is Action.ALLOW


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("[agency]\nphone = ['x']\n", "unknown key"),
        ("[agency]\nphone_numbers = 'x'\n", "list of strings"),
        ("[terms]\nrudeness = ['x']\n", "unknown category"),
        ("[[patterns]]\nname = 'a'\nentity = 'NOPE'\nregex = 'x'\n", "unknown entity"),
        ("[[patterns]]\nname = 'a'\nentity = 'PERSON'\nregex = '('\n", "not a valid regex"),
        ("[[patterns]]\nname = 'a'\nentity = 'PERSON'\nregex = '(a+)+b'\n", "catastrophic"),
        ("[[patterns]]\nname = 'a'\nentity = 'PERSON'\nregex = '(\\\\w*)*'\n", "catastrophic"),
        ("[[patterns]]\nname = 'a'\nentity = 'PERSON'\nregex = 'x'\nscore = 2\n", "score"),
        ("[thresholds]\nhide = 'high'\n", "must be a number"),
        ("[thresholds]\nhide = 1.5\n", "thresholds"),
        ("this is not toml = = \n", "not valid TOML"),
        ("surprise = 1\n", "unknown key"),
    ],
)
def test_malformed_configuration_is_refused(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "agency.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(DetectorConfigError, match=message) as raised:
        DetectorConfig.from_toml(path)
    assert str(path) in str(raised.value)


def test_missing_configuration_file(tmp_path: Path) -> None:
    with pytest.raises(DetectorConfigError, match="cannot read"):
        DetectorConfig.from_toml(tmp_path / "absent.toml")


def test_atomic_groups_are_the_accepted_way_to_repeat_groups(tmp_path: Path) -> None:
    path = tmp_path / "agency.toml"
    path.write_text(
        "[[patterns]]\nname = 'ok'\nentity = 'CASE_NUMBER'\nregex = '(?>[0-9]{3}-)+[0-9]{4}'\n",
        encoding="utf-8",
    )
    config = DetectorConfig.from_toml(path)
    text = "case 123-456-7890"
    assert ("CASE_NUMBER", "123-456-7890") in spans(Detector(config).scan(text), text)

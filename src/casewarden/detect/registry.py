"""Which class implements each recognizer and classifier named in the rule data.

The rule data chooses what runs; this table only says where the code is. Agency patterns
and agency terms are added when the configuration has any.
"""

from __future__ import annotations

from casewarden.detect.classifiers.agency_terms import AgencyTermsClassifier
from casewarden.detect.classifiers.base import Classifier
from casewarden.detect.classifiers.case_details import CaseDetailsClassifier
from casewarden.detect.classifiers.child_name import ChildNameClassifier
from casewarden.detect.classifiers.harassment import HarassmentClassifier
from casewarden.detect.classifiers.profanity import ProfanityClassifier
from casewarden.detect.classifiers.scam import ScamClassifier
from casewarden.detect.classifiers.threat import ThreatClassifier
from casewarden.detect.config import DetectorConfig
from casewarden.detect.errors import RulesError
from casewarden.detect.model import Category, EntityType
from casewarden.detect.name_tagger import NameTagger
from casewarden.detect.recognizer import Recognizer
from casewarden.detect.recognizers.agency_pattern import AgencyPatternRecognizer
from casewarden.detect.recognizers.bank_account import BankAccountRecognizer
from casewarden.detect.recognizers.case_number import CaseNumberRecognizer
from casewarden.detect.recognizers.credit_card import CreditCardRecognizer
from casewarden.detect.recognizers.date_of_birth import DateOfBirthRecognizer
from casewarden.detect.recognizers.driver_license import DriverLicenseRecognizer
from casewarden.detect.recognizers.email_address import EmailAddressRecognizer
from casewarden.detect.recognizers.ip_address import IpAddressRecognizer
from casewarden.detect.recognizers.medical import MedicalRecognizer
from casewarden.detect.recognizers.person import PersonRecognizer
from casewarden.detect.recognizers.person_tagger import PersonTaggerRecognizer
from casewarden.detect.recognizers.phone_number import PhoneNumberRecognizer
from casewarden.detect.recognizers.routing_number import RoutingNumberRecognizer
from casewarden.detect.recognizers.street_address import StreetAddressRecognizer
from casewarden.detect.recognizers.us_ssn import UsSsnRecognizer
from casewarden.detect.rules import ClassifierRule, RecognizerRule, Rules

RECOGNIZERS: dict[str, type[Recognizer]] = {
    cls.name: cls
    for cls in (
        UsSsnRecognizer,
        CaseNumberRecognizer,
        DateOfBirthRecognizer,
        StreetAddressRecognizer,
        PhoneNumberRecognizer,
        EmailAddressRecognizer,
        PersonRecognizer,
        PersonTaggerRecognizer,
        BankAccountRecognizer,
        RoutingNumberRecognizer,
        CreditCardRecognizer,
        DriverLicenseRecognizer,
        IpAddressRecognizer,
        MedicalRecognizer,
    )
}

CLASSIFIERS: dict[str, type[Classifier]] = {
    cls.name: cls
    for cls in (
        ProfanityClassifier,
        ThreatClassifier,
        HarassmentClassifier,
        ScamClassifier,
        CaseDetailsClassifier,
        ChildNameClassifier,
    )
}


def build_recognizers(
    rules: Rules, config: DetectorConfig, *, name_tagger: NameTagger | None = None
) -> list[Recognizer]:
    """The recognizers the rules enable (minus the agency's disabled ones), plus agency
    patterns when configured. The name tagger's recognizer reads ``name_tagger`` (default:
    the shipped one)."""
    built: list[Recognizer] = []
    for rule in rules.recognizers:
        if rule.name in config.disabled_recognizers:
            continue
        cls = RECOGNIZERS.get(rule.name)
        if cls is None:
            raise RulesError(f"recognizers: no implementation named {rule.name!r}")
        if cls.entity is not rule.entity:
            raise RulesError(f"recognizers: {rule.name!r} finds {cls.entity}, not {rule.entity}")
        if cls is PersonTaggerRecognizer:
            built.append(PersonTaggerRecognizer(rule, config, tagger=name_tagger))
        else:
            built.append(cls(rule, config))
    if config.extra_patterns:
        rule = RecognizerRule(
            name="agency_pattern", entity=EntityType.CASE_NUMBER, languages=("en", "es"), context=()
        )
        built.append(AgencyPatternRecognizer(rule, config))
    return built


def build_classifiers(rules: Rules, config: DetectorConfig) -> list[Classifier]:
    """The classifiers the rules enable, plus agency terms when configured."""
    built: list[Classifier] = []
    for rule in rules.classifiers:
        if rule.name in config.disabled_recognizers:
            continue
        cls = CLASSIFIERS.get(rule.name)
        if cls is None:
            raise RulesError(f"classifiers: no implementation named {rule.name!r}")
        if cls.category is not rule.category:
            raise RulesError(f"classifiers: {rule.name!r} reports {cls.category}")
        built.append(cls(rule, config))
    if any(config.extra_terms.values()):
        rule = ClassifierRule("agency_terms", Category.PROFANITY, ("en", "es"))
        built.append(AgencyTermsClassifier(rule, config))
    return built

"""Normalization against disguise: what changes, what stays, and offsets mapped back."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casewarden.detect import Detector, EntityType
from casewarden.detect.normalize import confusable_letters, needs_normalizing, normalize
from casewarden.detect.text import ScanText

CHANGED = [
    ("zero-width space inside", "ssn 548\u200b-21-7736", "ssn 548-21-7736"),
    ("nested invisible run", "548\u200b\u200c\u2060\ufeff-21-7736", "548-21-7736"),
    ("bidi controls", "call \u202e559\u202c-201-4567", "call 559-201-4567"),
    ("soft hyphen", "55\u00ad9-201-4567", "559-201-4567"),
    ("keycap digits", "2\ufe0f\u20e30\ufe0f\u20e31\ufe0f\u20e3", "201"),
    ("full-width digits", "ssn ５４８-２１-７７３６", "ssn 548-21-7736"),
    ("full-width at", "maria＠gmail.com", "maria@gmail.com"),
    ("full-width letters", "ＳＳＮ", "SSN"),
    ("letters for digits", "ssn 5O8-2l-7736", "ssn 508-21-7736"),
    ("letter S, B and Z for digits", "call 55S-2O1-4B6Z", "call 555-201-4862"),
    ("groups of O's", "case 2OO OOO 84S 26O", "case 200 000 845 260"),
    ("a licence keeps its letter", "dl B48293Ol", "dl B4829301"),
    (
        "a house number of three digits and an O",
        "mail it to 33O5 Orcutt Rd",
        "mail it to 3305 Orcutt Rd",
    ),
    ("spelled out, English", "five four eight two one", "54821"),
    ("spelled out with groups", "five four eight, two one, seven seven", "548-21-77"),
    ("spelled out, Spanish", "cinco cuatro ocho dos", "5482"),
    ("tens and teens, Spanish", "cinco dos nueve, cuarenta y uno, ochenta y tres", "529-41-83"),
    ("tens, English", "twenty-two fourteen Orchard View Dr", "2214 Orchard View Dr"),
    ("dash said as a word", "six one four dash seven seven", "614-77"),
    ("oh inside a run", "five five oh one", "5501"),
    ("spaced digits keep their typed groups", "9 1 6 - 7 2 0", "916-720"),
    ("spaced digits, an SSN's groups", "6 1 2 - 4 4 - 9 0 5 8", "612-44-9058"),
    ("one punctuation throughout is the disguise", "6-1-2-4-4-9-0-5-8", "612449058"),
    ("a space between dashed digits marks a group", "5-4-7 9-8 0-2-6-1", "547-98-0261"),
    ("stars between groups", "cell 530 ★ 277 ★ 9014", "cell 530-277-9014"),
    ("bullets between groups", "my number is 650 • 321 • 8874", "my number is 650-321-8874"),
    ("middle dots between groups", "650·321·8874", "650-321-8874"),
    ("bars between groups", "call me 650 | 321 | 8874", "call me 650-321-8874"),
    ("a word's last letter as a digit too", "qué p3nd3j4d4 es esta", "qué pendejada es esta"),
    (
        "thousands said, Spanish",
        "quinientos treinta y nueve, cuarenta y dos, ocho mil ciento quince",
        "539-42-8115",
    ),
    (
        "thousands said, English",
        "five three nine, forty two, eight thousand fifteen",
        "539-42-8015",
    ),
    ("ten spaced digits take a phone's shape", "7 6 0 3 5 2 8 8 1 9", "760-352-8819"),
    ("digits for letters inside a word", "ching4da p3nd3jo", "chingada pendejo"),
    ("hundreds said, Spanish", "quinientos cuarenta y dos, treinta y uno", "542-31"),
    ("an ordinal date", "born the ninth of June nineteen eighty-four", "born the 9th of June 1984"),
    (
        "a Spanish date",
        "el ocho de marzo de mil novecientos noventa y uno",
        "el 8 de marzo de 1991",
    ),
    ("dotted digits", "3.2.1.1.7.1.1.8.4", "321171184"),
    (
        "a house number said as one number, Spanish",
        "vivo en el mil doscientos treinta y cuatro de la calle Tyler",
        "vivo en el 1234 de la calle Tyler",
    ),
    ("a house number said as one number", "at four hundred twelve Oak Street", "at 412 Oak Street"),
    (
        "thousands and hundreds are no year",
        "dos mil quinientos de la calle Garvey",
        "2500 de la calle Garvey",
    ),
    ("a letter before spaced digits", "D.6.6.0.2.9.1.4", "D6602914"),
    ("words and digits", "five four eight 21 7736", "548217736"),
    ("a number broken over lines", "call 916 40\n7 2219", "call 916-407-2219"),
    ("a spaced IP address", "ip 201 . 141 . 88 . 19", "ip 201.141.88.19"),
    ("a said IP address", "one seventy-three dot two dot six dot eight", "173.2.6.8"),
    ("bracketed at and dot", "maria.g[at]gmail(dot)com", "maria.g@gmail.com"),
    ("braces and spaces", "maria { at } gmail [ . ] com", "maria@gmail.com"),
    ("Spanish arroba", "maria (arroba) gmail (punto) com", "maria@gmail.com"),
    (
        "arroba before a dotted domain",
        "rosy_lara arroba prodigy.net.mx",
        "rosy_lara@prodigy.net.mx",
    ),
    ("Korean at-word", "jinwoo.kim88 골뱅이 daum.net", "jinwoo.kim88@daum.net"),
    ("English at after an address", "lupe.v88 at yahoo.com", "lupe.v88@yahoo.com"),
    (
        "Arabic-Indic digits",
        "ssn \u0665\u0664\u0668-\u0662\u0661-\u0667\u0667\u0663\u0666",
        "ssn 548-21-7736",
    ),
    ("Persian and Gurmukhi digits", "\u06f5\u06f4\u06f8 \u0a67\u0a68", "548 12"),
    (
        "a capital O among said digits",
        "eight three one, seven five four, two two O nine",
        "831-754-2209",
    ),
    ("a dash said between digit groups", "619 guion 55 guion 2381", "619-55-2381"),
    ("non-breaking hyphens", "909\u2011555\u20110148", "909-555-0148"),
    ("en dashes and a letter O", "909\u2013555\u2013O148", "909-555-0148"),
    (
        "arroba and punto said",
        "lupe punto castaneda arroba gmail punto com",
        "lupe.castaneda@gmail.com",
    ),
    ("at and dot said", "mike_88 at yahoo dot com", "mike_88@yahoo.com"),
    ("spaces around @ and dots", "deb . purcell @ yahoo . com", "deb.purcell@yahoo.com"),
    (
        "an address spelled out",
        "d e v o n 8 8 @ o u t l o o k . c o m, hi",
        "devon88@outlook.com, hi",
    ),
    ("disguised link", "facebook[.]com/someone", "facebook.com/someone"),
    ("mixed-script word", "раypal", "paypal"),  # Cyrillic р and а
    ("look-alike word in a Latin comment", "my Ѕ𝖲Ν is", "my SSN is"),
    ("combining accent composed", "Jose\u0301", "José"),
    ("letters for digits in a court number", "case 2lFLOO3l57 pls", "case 21FL003157 pls"),
    ("digits said with hyphens, grouped", "one-two-one, zero-four-two", "121-042"),
    ("one separator throughout", "la B, cuatro, siete, siete, dos, cero", "la B47720"),
    ("a capital before a short number", "A, one two three", "A, 123"),
    ("a digit word glued between digits", "call 916-4four4-2190", "call 916-444-2190"),
    ("letters typed one at a time", "s s n 418", "ssn 418"),
    ("a word spelled with dashes", "F-U-C-K you", "FUCK you"),
    ("one look-alike typed alone", "SSN: 5 O 9 - 4 4 - l 2 7 8", "SSN: 509-44-1278"),
    ("ten digits said in groups", "seven one four, nine nine 2, 0 three 5 eight", "714-992-0358"),
]

UNCHANGED = [
    ("a code with digits side by side keeps them", "WA DL WDLK7Q2390XB"),
    ("plain English", "How do I apply for child support?"),
    ("a court number keeps its letters", "case 19FL001234"),
    ("a licence number keeps its letter", "dl B4829301"),
    ("a freeway", "stuck on the I-405 again"),
    ("a word before a number stays a word", "tengo dos casos, el 200041887612"),
    ("an amount in thousands", "debo cinco mil quinientos dolares"),
    ("an amount before a street's name", "pagué mil doscientos dólares en Tyler"),
    ("an amount in thousands and hundreds", "pagué dos mil quinientos dólares"),
    ("a word of look-alike letters", "BOSS 2024 and SOS 911"),
    ("three characters with a letter are too short to tell", "the 1O1 and room 2B"),
    ("one kid", "one kid and once a week"),
    ("two number words", "two or three days"),
    ("a said number of minutes", "forty five minutes on hold"),
    ("a formatted phone", "call 559 201 4567"),
    ("a formatted SSN and a word after", "my social (751-01-9993) three times"),
    ("a date", "hearing on 12/05/2024"),
    ("a numbered list", "born 1/1/2003\n2) Rupinder"),
    ("a plain IP address", "version 1.2.3.4 of the app"),
    ("Russian", "Здравствуйте, у меня вопрос о деле"),
    ("Armenian", "Բարև, ինչպես կարող եմ վճարել"),
    ("Spanish accents", "¿Cuánto cuesta abrir un caso? Gracias José"),
    ("emoji", "thank you 🙏🏽 so much"),
    ("an exclamation", "oh one more thing"),
    ("amounts", "I pay $350 a month for 2 kids"),
    ("COVID-19", "COVID-19 closed the office"),
    ("digits beside digits or at a word's edge", "covid19, mp3, 4x4 and B4829301"),
    ("looking at something", "look at this dot on my letter"),
    ("a place of work", "he works at amazon.com now"),
    ("Spanish o between said numbers", "uno o dos o tres veces"),
    ("a dash said between short numbers", "pages 12 dash 14 of the FL-150"),
    ("a dash between words", "fine \u2014 thanks, Ms. Lee\u2011Park"),
    ("a digit after a name", "Kayla4 and Tony5 played"),
    ("a bar between two short numbers", "score was 3|4"),
]


@pytest.mark.parametrize(("label", "text", "expected"), CHANGED, ids=[c[0] for c in CHANGED])
def test_normalize_undoes_disguise(label: str, text: str, expected: str) -> None:
    normalized = normalize(text)
    assert normalized.text == expected
    assert normalized.changed


@pytest.mark.parametrize(("label", "text"), UNCHANGED, ids=[c[0] for c in UNCHANGED])
def test_normalize_leaves_ordinary_text(label: str, text: str) -> None:
    normalized = normalize(text)
    assert normalized.text == text
    assert not normalized.changed


@pytest.mark.parametrize(("label", "text", "expected"), CHANGED, ids=[c[0] for c in CHANGED])
def test_the_cheap_gate_never_misses_a_change(label: str, text: str, expected: str) -> None:
    scan_text = ScanText(text)
    assert needs_normalizing(
        text, scan_text.tokens, scan_text.tokset, has_digit=scan_text.has_digit
    )


def test_spans_map_back_to_what_was_typed() -> None:
    text = "ss five four eight, two one, seven seven three six ok"
    normalized = normalize(text)
    start = normalized.text.index("548")
    begin, end = normalized.original_span(start, start + len("548-21-7736"))
    assert text[begin:end] == "five four eight, two one, seven seven three six"


def test_a_removed_character_stays_inside_the_mapped_span() -> None:
    text = "my ssn 548\u200b-21-7736."
    normalized = normalize(text)
    start = normalized.text.index("548")
    begin, end = normalized.original_span(start, start + 11)
    assert text[begin:end] == "548\u200b-21-7736"


def test_confusables_come_from_unicode_data() -> None:
    table = confusable_letters()
    assert table["\u0430"] == "a"  # CYRILLIC SMALL LETTER A
    assert table["\u0455"] == "s"  # CYRILLIC SMALL LETTER DZE
    assert all(len(k) == 1 and not k.isascii() and v.isascii() for k, v in table.items())


DISGUISED_SSNS = [
    "my ssn is 548\u200b-21-7736",
    "my ssn is ５４８-２１-７７３６",
    "my ssn is 5O8-2l-7736",
    "my social is five four eight two one seven seven three six",
    "mi seguro social es cinco cuatro ocho dos uno siete siete tres seis",
    "ssn: 5 4 8 - 2 1 - 7 7 3 6",
]


@pytest.mark.parametrize("text", DISGUISED_SSNS)
def test_a_disguised_ssn_is_the_same_disclosure(detector: Detector, text: str) -> None:
    result = detector.scan(text)
    assert result.action.value == "hide"
    ssn = [f for f in result.findings if f.type is EntityType.US_SSN]
    assert ssn, result.explain()
    # The span is in the text as typed, and covers the disguised number.
    assert any(ch.isdigit() or ch.isalpha() for ch in text[ssn[0].start : ssn[0].end])
    assert ssn[0].end <= len(text)


def test_a_disguised_email_is_found_where_it_was_typed(detector: Detector) -> None:
    text = "write me maria.gomez[at]gmail(dot)com please"
    result = detector.scan(text)
    emails = [f for f in result.findings if f.type is EntityType.EMAIL_ADDRESS]
    assert [text[f.start : f.end] for f in emails] == ["maria.gomez[at]gmail(dot)com"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_every_normalized_span_maps_inside_the_original(text: str) -> None:
    normalized = normalize(text)
    n = len(normalized.text)
    previous = 0
    for index in range(n):
        begin, end = normalized.original_span(index, index + 1)
        assert 0 <= begin <= end <= len(text)
        assert begin >= previous  # the map never runs backwards
        previous = begin


def test_hostile_look_alikes_finish(detector: Detector) -> None:
    text = ("р\u200bа" * 70_000) + ("５\u200d" * 50_000) + ("\u202e" * 90_000)
    assert len(text) >= 400_000
    normalized = normalize(text)
    assert "\u200b" not in normalized.text
    assert normalized.original_span(0, len(normalized.text))[1] <= len(text)
    result = detector.scan(text)
    assert all(0 <= f.start < f.end <= len(text) for f in result.findings)


def test_every_unicode_category_passes_through(detector: Detector) -> None:
    sample = "".join(
        chr(cp)
        for cp in range(0, sys.maxunicode, 97)
        if unicodedata.category(chr(cp)) != "Cs"  # lone surrogates cannot be encoded
    )
    result = detector.scan(sample)
    for finding in result.findings:
        assert 0 <= finding.start < finding.end <= len(sample)

"""WordClasses: the gates' "does this comment hold a word of that set?" as bits."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from casewarden.detect import Detector
from casewarden.detect.text import _MAX_CLASSES, ScanText, WordClasses

SETS = {
    "kin": frozenset({"son", "daughter", "hijo"}),
    "money": frozenset({"owes", "dollars", "bucks"}),
    "single": frozenset({"f"}),
    "empty": frozenset(),
}
TEXTS = [
    "my son owes 40 dollars",
    "Mi hijo, nada más",
    "f this",
    "nothing here at all",
    "",
    "SON!! BUCKS",
]


def _truth(text: str, words: frozenset[str]) -> bool:
    return not ScanText(text).tokset.isdisjoint(words)


@pytest.mark.parametrize("name", sorted(SETS))
@pytest.mark.parametrize("text", TEXTS)
def test_any_of_agrees_with_the_set_test_before_and_after_numbering(name: str, text: str) -> None:
    classes = WordClasses()
    words = SETS[name]
    first = ScanText(text, classes=classes)
    assert first.any_of(words) is _truth(text, words)  # unnumbered: the set test answers
    assert classes.bits.get(words, 0) != 0  # and the set is numbered for what comes next
    later = ScanText(text, classes=classes)
    assert later.any_of(words) is _truth(text, words)  # numbered: the mask answers


def test_a_set_numbered_after_the_mask_was_made_is_answered_by_the_set_test() -> None:
    classes = WordClasses()
    st = ScanText("my son owes 40 dollars", classes=classes)
    st.any_of(SETS["money"])  # numbered now; this comment's mask predates it
    # The mask has no bit for it: without the limit it would read as "absent".
    assert st.any_of(SETS["money"]) is True
    assert st.any_of(SETS["kin"]) is True


def test_a_word_learnt_before_a_later_set_is_numbered_gets_that_set_too() -> None:
    classes = WordClasses()
    classes.number(SETS["kin"])
    assert ScanText("my son", classes=classes).any_of(SETS["kin"]) is True  # "son" learnt
    both = frozenset({"son", "nephew"})
    classes.number(both)
    assert ScanText("my son", classes=classes).any_of(both) is True
    assert ScanText("my niece", classes=classes).any_of(both) is False


def test_sets_beyond_the_limit_are_answered_by_the_set_test() -> None:
    classes = WordClasses()
    # Words of letters only (digits split words): "wbh" for 17.
    fillers = [
        frozenset({"w" + "".join(chr(97 + int(d)) for d in str(i))}) for i in range(_MAX_CLASSES)
    ]
    for words in fillers:
        classes.number(words)
    assert classes.count == _MAX_CLASSES
    late = frozenset({"son"})
    classes.number(late)
    assert late not in classes.bits
    assert classes.count == _MAX_CLASSES
    assert ScanText("my son", classes=classes).any_of(late) is True
    assert ScanText("my daughter", classes=classes).any_of(late) is False
    assert ScanText("wh here", classes=classes).any_of(fillers[7]) is True
    assert ScanText("wi here", classes=classes).any_of(fillers[7]) is False


def test_only_words_of_the_numbered_sets_are_remembered() -> None:
    classes = WordClasses()
    classes.number(SETS["kin"])
    st = ScanText("my son zelphinia quarrelsome", classes=classes)
    assert st.any_of(SETS["kin"]) is True
    remembered = set(classes._memo)  # what the registry keeps is the point
    assert remembered == {"son"}


def test_a_fresh_detector_shared_by_threads_decides_as_one_used_alone() -> None:
    texts = [
        "My SSN is 536-22-4187",
        "my son Jaylen owes 400 dollars",
        "I will find you and hurt you",
        "f u c k this office",
        "hello",
        "call 559-201-4567",
        "mi hijo tiene diabetes",
    ] * 40
    alone = Detector()
    expected = [alone.scan(t).to_dict() for t in texts]
    shared = Detector()  # cold: its sets are numbered while the threads scan
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda t: shared.scan(t).to_dict(), texts))
    assert got == expected

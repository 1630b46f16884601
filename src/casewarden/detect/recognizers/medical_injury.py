"""Injuries and operations told with a body part, for the health recognizer.

No condition word names "me operaron de la rodilla", "le cortaron dos dedos del pie", "I hurt
my back" or "he blew out his knee": the body part and what befell it do. The words also say
whose body it is: a possessive ("my", "his"), a Spanish pronoun before the verb ("me", "le")
or the verb's own person ("lastimé", "se quebró"). Where none of them does, nothing is found,
so "knee surgery recovery tips?" stays talk.
"""

from __future__ import annotations

from typing import NamedTuple

from casewarden.detect.pattern_cache import regex
from casewarden.detect.text import find_all

_BODY_EN = (
    r"(?:lower\s+|upper\s+)?back|knees?|shoulders?|hips?|spine|neck|legs?|arms?|hands?|wrists?|"
    r"ankles?|foot|feet|toes?|fingers?|eyes?|hearing|sight|acl|meniscus|rotator\s+cuff|discs?|"
    r"kidneys?|liver|lungs?|pelvis|ribs?|skull|jaw|elbows?"
)  # not "heart": "he broke my heart" is no injury
_HURT_EN = (
    r"hurt|hurts|broke|broken|busted|injured|tore|torn|blew\s+out|blown\s+out|messed\s+up|"
    r"fractured|dislocated|lost|lose|losing|crushed|shattered|ruptured|herniated|replaced|"
    r"(?:surgery|surgeries|operations?|replacements?|fusion)\s+on"
)
# "I hurt my back", "surgery on his spine", "my bad knees", "she blew out her ACL".
_ENGLISH = regex(
    r"(?<![a-z])(?:(?:" + _HURT_EN + r")\s+(?P<owner>my|his|her|their)"
    r"|(?P<owner2>my|his|her|their)\s+bad)"
    r"\s+(?:(?:left|right|two|both|whole|bad|own)\s+){0,2}(?:" + _BODY_EN + r")(?![a-z])"
)
_BODY_ES = (
    r"rodillas?|espalda|columna|corazon|caderas?|manos?|pies?|dedos?|brazos?|piernas?|hombros?|"
    r"cuello|tobillos?|munecas?|ojos?|vista|oidos?|rinon(?:es)?|higado|cabeza|vesicula|"
    r"pulmon(?:es)?|prostata|matriz|utero|senos?|pecho"
)
_VERB_ES = (
    r"operar(?:on)?|opero|operan|cortar(?:on)?|corto|amputar(?:on)?|amputo|quebr(?:e|o|aron)|"
    r"fractur(?:e|o|aron)|lastim(?:e|o|aron)|romp(?:i|io|ieron)|lesion(?:e|o|aron)|"
    r"perd(?:i|io)"
)
# "me operaron de la rodilla", "le cortaron dos dedos del pie", "se quebró la cadera",
# "lastimé la espalda", "perdí la vista de un ojo".
_SPANISH = regex(
    r"(?<![a-z])(?:(?P<pronoun>me|le|lo|la|se|les|nos)\s+)?"
    r"(?:(?:van|fueron|tienen|tuvieron)\s+(?:a|que)\s+)?(?P<verb>" + _VERB_ES + r")"
    r"\s+(?:(?:de|del|de\s+la|de\s+los|de\s+las)\s+)?"
    r"(?:(?:la|el|los|las|un|una|dos|tres|mi|mis|su|sus|parte\s+de\s+(?:la|el|mi|su))\s+)?"
    r"(?:(?:dedos?|parte)\s+(?:del|de\s+la|de\s+el)\s+)?(?P<body>" + _BODY_ES + r")(?![a-z])"
)
# "está enfermo de la espalda", "ando enferma de los riñones": sick in a part of the body;
# the verb says whose ("estoy", "ando": the writer's). Not "enfermo de la cabeza": crazy, an
# insult as often as not, said of the system too.
_SICK_ES = regex(
    r"(?<![a-z])(?P<aux>estoy|ando|sigo|estaba|esta|anda|sigue|vive)\s+(?:muy\s+|bien\s+)?"
    r"(?P<sick>enferm[oa]s?\s+(?:de|del)\s+(?:(?:la|el|los|las|mi|mis|su|sus)\s+)?"
    r"(?P<body>" + _BODY_ES + r"))(?![a-z])"
)
_OWN_AUX = frozenset({"estoy", "ando", "sigo"})
#: Body words, folded: a comment without one holds no injury (the recognizer's cheap gate).
BODY_WORDS = frozenset(
    {
        "back", "knee", "knees", "shoulder", "shoulders", "hip", "hips", "spine", "neck", "leg",
        "legs", "arm", "arms", "hand", "hands", "wrist", "wrists", "ankle", "ankles", "foot",
        "feet", "toe", "toes", "finger", "fingers", "eye", "eyes", "hearing", "sight", "acl",
        "meniscus", "cuff", "disc", "discs", "kidney", "kidneys", "liver", "lung", "lungs",
        "pelvis", "rib", "ribs", "skull", "jaw", "elbow", "elbows", "rodilla", "rodillas",
        "espalda", "columna", "corazon", "cadera", "caderas", "mano", "manos", "pie", "pies",
        "dedo", "dedos", "brazo", "brazos", "pierna", "piernas", "hombro", "hombros", "cuello",
        "tobillo", "tobillos", "muneca", "munecas", "ojo", "ojos", "vista", "oido", "oidos",
        "rinon", "rinones", "higado", "cabeza", "vesicula", "pulmon", "pulmones", "prostata",
        "matriz", "utero", "seno", "senos", "pecho"
    }
)  # fmt: skip
#: Words of what befell a body, folded: with a body word, the gate for reading injuries (a
#: body word alone is too common: "call me back", "back support", "a mano").
INJURY_WORDS = frozenset(
    {
        "hurt", "hurts", "broke", "broken", "busted", "injured", "tore", "torn", "blew", "blown",
        "messed", "fractured", "dislocated", "lost", "lose", "losing", "crushed", "shattered",
        "ruptured", "herniated", "replaced", "surgery", "surgeries", "operation", "operations",
        "replacement", "replacements", "fusion", "bad", "operar", "operaron", "opero", "operan",
        "cortar", "cortaron", "corto", "amputar", "amputaron", "amputo", "quebre", "quebro",
        "quebraron", "fracture", "fracturo", "fracturaron", "lastime", "lastimo", "lastimaron",
        "rompi", "rompio", "rompieron", "lesione", "lesiono", "lesionaron", "perdi", "perdio",
        "enfermo", "enferma", "enfermos", "enfermas"
    }
)  # fmt: skip
_FIRST_PERSON_PRONOUNS = frozenset({"me", "nos"})
_THIRD_PERSON_PRONOUNS = frozenset({"le", "lo", "la", "les"})


class Injury(NamedTuple):
    """Where an injury is told, and whether it is the writer's own."""

    start: int
    end: int
    own: bool


def injuries(fold: str) -> list[Injury]:
    """The injuries in a folded comment whose words say whose body it is."""
    found = []
    for match in find_all(_ENGLISH, fold):
        owner = match.group("owner") or match.group("owner2")
        found.append(Injury(match.start(), match.end(), own=owner == "my"))
    for match in find_all(_SPANISH, fold):
        if match.group("body") == "corazon" and match.group("verb").startswith("romp"):
            continue  # "me rompió el corazón": no injury
        own = _spanish_owner(match.group("pronoun"), match.group("verb"))
        if own is not None:
            found.append(Injury(match.start(), match.end(), own=own))
    for match in find_all(_SICK_ES, fold):
        if match.group("body") == "cabeza":
            continue
        own = match.group("aux") in _OWN_AUX
        found.append(Injury(match.start("sick"), match.end("sick"), own=own))
    return found


def _spanish_owner(pronoun: str | None, verb: str) -> bool | None:
    """True for the writer's body, False for someone else's, None when the words don't say
    ("operaron de la rodilla" alone: whom?)."""
    if pronoun in _FIRST_PERSON_PRONOUNS:
        return True
    if pronoun in _THIRD_PERSON_PRONOUNS:
        return False
    # "lastimé", "rompí", "perdí": the verb is the writer's; "se quebró", "perdió": another's;
    # "operaron", "cortaron": whose, the verb does not say.
    if verb.endswith(("aron", "ieron", "an")):
        return None
    if verb.endswith(("e", "i")):
        return True
    if verb.endswith("o"):
        return False
    return None

"""Names of private individuals, from gazetteers and context — no model, no download.

The ways a name is found, strongest first, one module each:

1. **Kinship or role context** (``kinship``): "my son Jayden", "the father, John Smith", "mi
   hija se llama Sofía", "his girlfriend Ashley" — the words after a possessive + kinship
   word are read as a name while they look like one: capitalised and not a common word, or
   on a name list. Lists continue: "my kids Jayden, Mia and Noah".
2. **Naming and asking context** (``named``): after "named", "se llama" or "does anyone know"
   ("does anyone know brenda king").
3. **Honorifics** (``honorific``): "Ms. Johnson", "Sra. López".
4. **Name fields** (``name_field``): "Name: Kennedi Mac Lochlainn", pasted from a form.
5. **Quoted replies** (``quote``): "> Sokha Lo wrote:".
6. **Mentions** (``mention``): "@Jessica Lopez".
7. **Profile addresses** (``profile_link``): "facebook.com/shoua.fang.90".
8. **Gazetteer pairs** without context (``gazetteer_pair``): a capitalised given name from
   the Census, modern or Spanish lists followed by a capitalised surname ("Marcus Hill"),
   unless both words are also common English words, either is on the not-a-name list (days,
   agencies, places, employers), a public title precedes ("Judge", "Director",
   "Gobernador") or a place word follows ("County", "Street").
9. **Lower-case pairs** (``lowercase_pair``): "yo yahir thao where u at".
10. **A comment's opening pair** (``opening_pair``): "marivic ocampo you know you owe".

``context`` reads the name after a cue for the first four; ``shared`` holds the word lists
and lookups every strategy uses and the names a comment holds so far; ``recognizer`` decides
which strategies a comment needs and runs them.

Lower-case words count as names only when a name list has them and they are not common
words ("my son jayden" yes, "my son needs" no). In Title Case or ALL CAPS text capitals say
nothing, so only listed names count there.

Names of the agency's public officials (configuration) and names right after a public title
are not personal information (``officials``): they are recorded as exclusions, not findings.
"""

from casewarden.detect.recognizers.person.recognizer import PersonRecognizer

__all__ = ["PersonRecognizer"]

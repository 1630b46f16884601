"""Second held-out set: written after tuning ended, and never run while developing.

The first held-out set was inspected once (its errors led to general fixes: slang kinship
words, typo repair, "is my case number" order); this one was written afterwards, in yet
other shapes — longer posts with several sentences, formal questions, public service
numbers, sports and event talk — and its figures were first computed in the final
benchmark run. Same labelling rules and slot syntax as ``templates_dev``.
"""

from __future__ import annotations

from labels import CD, CS, ES, Template

TEMPLATES: list[Template] = [
    # --- allow: questions, information, hard negatives -------------------------------------
    (
        "question",
        "Good morning. I would like to know whether the orientation on {EVENT_DATE} "
        "requires registration.",
        {},
    ),
    ("question", "Quick q: does the {SMALL_MONEY} fee apply every year or only once?", {}),
    ("question", "Is it possible to set up automatic payments from a bank account?", {}),
    (
        "question",
        "My friend says support ends at 18 even if the kid is still in high school. True?",
        {},
    ),
    (
        "question",
        "Where can I find the income and expense form? The link on your site is broken.",
        {},
    ),
    ("question", "Buenas noches, quisiera saber si atienden sin cita los {WEEKDAY}s", ES),
    ("question", "Can the other parent's new spouse's income be counted?", {}),
    (
        "question",
        "How many days does it take for a payment to post after the employer sends it?",
        {},
    ),
    ("info", "For anyone who needs help with food, dial 211, they were great", {}),
    ("info", "The domestic violence hotline is 1-800-799-7233 if anyone needs it. Stay safe", {}),
    ("info", "Our team won 21-14 on Saturday, proud of these kids ⚽", {}),
    ("info", "The class on {EVENT_DATE} at 6:30 pm was really helpful, thank you", {}),
    ("info", "Paid $35 for parking downtown just to get to the office lol", {}),
    ("agency", "Office hours posted on the door at {AGENCY_ADDR} say 8 to 5", {}),
    ("agency", "Their toll free line {AGENCY_PHONE} is open until 6", {}),
    ("agency", "Director Delgado, please read these comments", {}),
    ("agency", "Maria Delgado spoke at the resource fair, very informative", {}),
    ("praise", "Big thanks to the whole team at the {CITY} office 👏", {}),
    # --- allow: criticism --------------------------------------------------------------------
    (
        "criticism",
        "I have been a single mom for {YEARS} years and this agency has done absolutely "
        "nothing for my family. Nothing.",
        {},
    ),
    (
        "criticism",
        "Every time I call I get a different answer. Does anyone there talk to each other?",
        {},
    ),
    (
        "criticism",
        "You are failing the children of this county and you should be ashamed of yourselves",
        {},
    ),
    ("criticism", "Mark my words, this department will be investigated one day", {}),
    ("criticism", "Nobody is accountable here. Not the supervisors, not the director, nobody.", {}),
    ("criticism", "Ustedes no sirven, puro papeleo y los niños sin nada", ES),
    ("criticism", "Stop posting memes and answer your messages", {}),
    ("criticism", "Your agency is a disgrace to public service", {}),
    # --- hide: profanity -------------------------------------------------------------------
    ("criticism_profanity", "Answer the f*cking phone", {"categories": ["profanity"]}),
    ("criticism_profanity", "what a shitty way to treat parents", {"categories": ["profanity"]}),
    (
        "criticism_profanity",
        "ya me tienen hasta la madre, pinches burócratas",
        {"categories": ["profanity"], "lang": "es"},
    ),
    # --- hide: personal information ----------------------------------------------------------
    (
        "pii",
        "Hi, I need help. My SSN: {SSN_DASH}. I applied in {EVENT_DATE} and never heard back.",
        {},
    ),
    ("pii", "call/text {PHONE} anytime after 3", {}),
    ("pii", "You can reach me at {PHONE} or {EMAIL}", {}),
    ("pii", "Case No. {CASE}. The hearing was continued again.", {}),
    ("pii", "My participant number is {CASE}, please update my address", CS),
    ("pii", "Our son {FIRST} was born on {DOB}. His father has never paid a cent.", {}),
    ("pii", "Address: {ADDR_FULL}", {}),
    ("pii", "He is staying with his mother at {ADDR}.", {}),
    ("pii", "Her father is {NAME} and he lives in {FAR} now.", CD),
    ("pii", "I'm trying to find {NAME}, born {DOB}. Any help appreciated.", {}),
    ("pii", "Our daughters {FIRST} and {FIRST2} are 6 and 9.", CD),
    ("pii", "Mi hija {FIRST} cumple años el {DOB_ES} y su papá ni la llama", ES),
    ("pii", "EMAIL ME AT {EMAIL} I CANT GET THROUGH", {}),
    ("pii", "my checking account is {BANK} at Chase, deposit it there", {}),
    ("pii", "Here's my card number {CARD} exp 04/27 for the payment", {}),
    ("pii", "Driver's license {DL}, it says suspended for arrears", {}),
    ("pii", "Mr. {LAST} from the {CITY} office told me to post here", {}),
    ("pii", "Tell {NAME} to pay for his kids", CD),
    ("pii", "su número es {PHONE} por si alguien lo conoce", ES),
    # --- case facts ----------------------------------------------------------------------
    ("case_third", "He's been working at {EMPLOYER} since {EVENT_DATE} and hasn't paid once", CD),
    ("case_third", "Her boyfriend told me she got a job at {EMPLOYER}", CD),
    ("case_third", "Su papá ahora vive en {FAR} con otra familia", {**CD, "lang": "es"}),
    ("case_third", "He owes more than {MONEY} and still goes on vacations", CD),
    (
        "case_self",
        "I lost my job and I still owe {MONEY}",
        {"action": "review", "categories": ["case_details"], "case_specific": True},
    ),
    ("medical_third", "Our son has {COND} and his dad refuses to help with the bills", {}),
    (
        "medical_self",
        "I was diagnosed with {COND} this year, can my order be reviewed?",
        {"action": "review", "case_specific": True},
    ),
    # --- threats, harassment, scams -----------------------------------------------------------
    ("threat", "If I lose my house I will kill whoever is responsible", {"categories": ["threat"]}),
    (
        "threat",
        "Somebody is going to get hurt at that office and I won't be sorry",
        {"categories": ["threat"]},
    ),
    (
        "harassment",
        "You are a pathetic idiot and everyone knows it",
        {"categories": ["harassment"]},
    ),
    (
        "harassment",
        "Eres una estúpida, ni sabes leer",
        {"categories": ["harassment"], "lang": "es"},
    ),
    (
        "scam",
        "Message me privately, I work with the county and can make your arrears disappear "
        "for a fee",
        {"categories": ["scam"]},
    ),
    (
        "scam",
        "Contact my agent on WhatsApp, she reduced my support payments in one week 100%",
        {"categories": ["scam"]},
    ),
    ("scam_warning", "Beware, someone on Telegram is claiming to be a caseworker", {}),
]

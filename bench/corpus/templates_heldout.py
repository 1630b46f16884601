"""Held-out templates: written separately, in other voices, and never used for tuning.

Different sentence shapes from the development set: text-speak, run-on sentences, no
punctuation, slang ("bd", "stays at", "cs been taking"), more code-switching, and values
from the held-out pools (rarer and newer names, other streets and cities). Same labelling
rules and slot syntax as ``templates_dev``.
"""

from __future__ import annotations

from typing import Any

Template = tuple[str, str, dict[str, Any]]

ES: dict[str, Any] = {"lang": "es"}
MIX: dict[str, Any] = {"lang": "mixed"}
CS: dict[str, Any] = {"case_specific": True}
CD: dict[str, Any] = {"categories": ["case_details"]}

TEMPLATES: list[Template] = [
    # --- questions ------------------------------------------------------------------------
    ("question", "any1 kno if they take taxes this yr??", {}),
    ("question", "who do i talk to about getting arrears lowered", {}),
    ("question", "oficina de {CITY} abre los sabados?", ES),
    ("question", "quick question do yall do genetic testing or is that the court", {}),
    ("question", "So if the dad is self employed how do they figure out income", {}),
    ("question", "whats the difference between the county and the state dept", {}),
    ("question", "Can I get help if the other parent is in the military?", {}),
    ("question", "donde consigo las formas para modificar la orden", ES),
    ("question", "do u have evening hours for ppl who work", {}),
    ("question", "Is there an app for payments or just the website", {}),
    ("question", "how much is the fee if u dont get public assistance", {}),
    ("question", "Que necesito llevar para abrir caso? acta de nacimiento?", ES),
    ("question", "are the offices closed {EVENT_DATE} bc of the holiday??", {}),
    ("question", "is it true they can take your passport if u owe?", {}),
    ("question", "si el papa no trabaja igual tiene que pagar?", ES),
    (
        "question",
        "does the {SMALL_MONEY} fee come out of the payments or do I pay it separately",
        {},
    ),
    ("question", "can someone explain what arrears interest is", {}),
    ("question", "how do i sign up for the {EVENT_DATE} class", {}),
    # --- info / agency / praise ----------------------------------------------------------------
    ("info", "omg the backpack giveaway was so nice, my kids loved it ❤️", {}),
    ("info", "saw the post about {EVENT_DATE}, is it first come first serve", {}),
    ("agency", "just call {AGENCY_PHONE} they answer faster in the morning", {}),
    ("agency", "the one on {AGENCY_ADDR} has spanish speakers fyi", {}),
    ("agency", "marquen al {AGENCY_PHONE} temprano", ES),
    ("agency", "{TITLED_OFFICIAL} came to our church last month, good talk", {}),
    ("agency", "tag {OFFICIAL} so they see how bad it is", {}),
    ("agency", "wrote to {AGENCY_EMAIL} last week, they did reply eventually", {}),
    ("praise", "ty {STAFF_FIRST} ur the best!!", {}),
    ("praise", "the lady at the front was super nice today, thank u", {}),
    ("praise", "mil gracias, ya me llegó el primer pago 🙌", ES),
    # --- criticism -----------------------------------------------------------------------------
    ("criticism", "cs been takin my whole check smh this system is trash", {}),
    ("criticism", "tf is wrong w yall, {N} months no answer", {}),
    ("criticism", "nobody at this place knows what theyre doing", {}),
    ("criticism", "yall stay losing paperwork lmao", {}),
    ("criticism", "its always the same excuse, system is down, call back later", {}),
    ("criticism", "They garnish dads but never help when moms dont pay. Double standard", {}),
    ("criticism", "puro cuento, nunca hacen nada", ES),
    ("criticism", "no sirven, {N} meses y nada", ES),
    ("criticism", "Honestly this department should be audited", {}),
    ("criticism", "I've lost all faith in this office. Useless from top to bottom", {}),
    ("criticism", "keep deleting comments, everyone knows how bad you are", {}),
    ("criticism", "clowns running a circus over there", {}),
    ("criticism", "THE PHONE LINE HANGS UP ON ME EVERY TIME", {}),
    ("criticism", "the whole system is designed to fail kids", {}),
    ("criticism", "la oficina de {CITY} es la peor, te tratan como basura", ES),
    ("criticism", "this is a disgrace and {OFFICIAL} knows it", {}),
    ("criticism", "wow another post about 'resources' while people wait months. unreal", {}),
    ("criticism", "my kids are suffering while y'all play games", {}),
    ("criticism", "so basically you do nothing. got it", {}),
    ("criticism", "they act like they're doing u a favor", {}),
    # --- criticism with profanity ------------------------------------------------------------
    ("criticism_profanity", "fuck this office fr", {"categories": ["profanity"]}),
    ("criticism_profanity", "yall some bullsh*t for real", {"categories": ["profanity"]}),
    (
        "criticism_profanity",
        "q pinche servicio tan malo",
        {"categories": ["profanity"], "lang": "es"},
    ),
    ("criticism_profanity", "{YEARS} yrs of this shit", {"categories": ["profanity"]}),
    ("criticism_profanity", "son una mierda todos", {"categories": ["profanity"], "lang": "es"}),
    # --- personal information -----------------------------------------------------------------
    ("pii", "ss# {SSN_DASH} pls look into it", {}),
    ("pii", "my social {SSN} still no $$", CS),
    ("pii", "mi social es {SSN} y nada", ES),
    ("pii", "hit me up {PHONE}", {}),
    ("pii", "cel {PHONE} marquenme", ES),
    ("pii", "{PHONE} <- my cell, been calling yall all week", {}),
    ("pii", "plz call back {PHONE} ask for {FIRST}", {}),
    ("pii", "caso # {CASE} ya van {N} meses sin pago", {**CS, "lang": "es"}),
    ("pii", "case no. {CASE} hearing got moved again??", CS),
    ("pii", "{CASE} is my case number can somebody look", CS),
    ("pii", "docket {CASE} whats the status", {}),
    ("pii", "bd stays at {ADDR_FULL} just saying", {}),
    ("pii", "he's at {ADDR} every weekend go find him", {}),
    ("pii", "mi direccion nueva {ADDR_FULL}", ES),
    ("pii", "vive en {CALLE} en {FAR}", {"lang": "es", "categories": ["case_details"]}),
    ("pii", "dob: {DOB} for my son", {}),
    ("pii", "fecha de nacimiento: {DOB_ES}", ES),
    ("pii", "she was born on {DOB} and still no support", {}),
    ("pii", "shoot me an email {EMAIL}", {}),
    ("pii", "{EMAIL} is where u can reach me", {}),
    ("pii", "my son {FIRST} {N} yrs old never met his dad", {}),
    ("pii", "my babies {FIRST} n {FIRST2} deserve better", {}),
    ("pii", "mis hijos {FIRST} y {FIRST2} necesitan ese dinero", ES),
    ("pii", "{NAME} u know what u did pay up", {}),
    ("pii", "looking for {NAME} he owes for 2 kids", {}),
    ("pii", "yo {NAME} where u at", {}),
    ("pii", "@{FIRST} ur baby daddy is on here lol", {}),
    ("pii", "lic {DL} suspended for no reason", {}),
    ("pii", "routing {ROUTING} acct {BANK} put it there", {}),
    ("pii", "paid w my card {CARD} and it didnt go thru", {}),
    ("pii", "ip {IP} keeps showing up in my acct activity", {}),
    ("pii", "my itin {ITIN} didnt work on the form", {}),
    ("pii", "his girl {NAME} is hiding him", {}),
    ("pii", "la mama de mi hija se llama {NAME}", ES),
    ("pii", "Mr. {LAST} at the courthouse told me wrong info", {}),
    ("pii", "my daughter {FIRST} turned {N} and got nothing from her dad", {}),
    # --- third-party case facts ----------------------------------------------------------------
    ("case_third", "bd works nights at {EMPLOYER}, go garnish", CD),
    ("case_third", "he does construction for cash n yall do nothing", CD),
    (
        "case_third",
        "mi ex anda trabajando en {EMPLOYER_ES} y no quiere pagar",
        {**CD, "lang": "es"},
    ),
    ("case_third", "she gets {MONEY} from me every month and the kids wear old shoes", CD),
    ("case_third", "he's locked up till next year", {"categories": ["case_details"]}),
    ("case_third", "my kids mom moved to {FAR} w/o telling anyone", CD),
    ("case_third", "el papa esta en la carcel, se puede pedir algo?", {**CD, "lang": "es"}),
    ("case_third", "he collects unemployment and still pays nothing", CD),
    ("case_third", "my ex has primary custody now so why am I still paying", CD),
    ("case_third", "ella gana {MONEY} al mes y yo tengo a los niños", {**CD, "lang": "es"}),
    # --- own case facts --------------------------------------------------------------------------
    (
        "case_self",
        "im behind like {MONEY} and they suspended my license",
        {"action": "review", "categories": ["case_details"], "case_specific": True},
    ),
    (
        "case_self",
        "pago {SMALL_MONEY} y casi no veo a mis hijos",
        {"action": "review", "categories": ["case_details"], "lang": "es"},
    ),
    (
        "case_self",
        "i get {SMALL_MONEY} a month for 3 kids how is that fair",
        {"action": "review", "categories": ["case_details"]},
    ),
    # --- health ------------------------------------------------------------------------------
    ("medical_third", "my lil one has {COND} n needs meds", {}),
    ("medical_third", "su papa sabe que el niño tiene {COND_ES}", ES),
    (
        "medical_self",
        "just had {=MEDICAL:surgery} and cant work rn",
        {"action": "review", "categories": ["case_details"]},
    ),
    # --- threats ---------------------------------------------------------------------------
    (
        "threat",
        "keep playing w my money and watch what happens to that office",
        {"categories": ["threat"]},
    ),
    ("threat", "imma beat the brakes off whoever took my refund", {"categories": ["threat"]}),
    ("threat", "ojala se mueran todos", {"categories": ["threat"], "lang": "es"}),
    ("threat", "i'll shoot up the place fr", {"categories": ["threat"]}),
    ("threat", "voy a ir a quemar esa oficina", {"categories": ["threat"], "lang": "es"}),
    # --- harassment --------------------------------------------------------------------------
    ("harassment", "ur an idiot", {"categories": ["harassment"]}),
    ("harassment", "shut up u dumb moron", {"categories": ["harassment"]}),
    ("harassment", "eres un imbecil", {"categories": ["harassment"], "lang": "es"}),
    ("harassment", "{NAME} = deadbeat loser", {"categories": ["harassment"]}),
    ("harassment", "these workers are a bunch of pigs", {"categories": ["harassment"]}),
    # --- scams -------------------------------------------------------------------------------
    ("scam", "whatsapp me i get ur case closed fast guaranteed", {"categories": ["scam"]}),
    (
        "scam",
        "Need your arrears wiped? I can help u, inbox me for the fee",
        {"categories": ["scam"]},
    ),
    (
        "scam",
        "soy agente de manutención, mándame mensaje por whatsapp y te ayudo",
        {"categories": ["scam"], "lang": "es"},
    ),
    ("scam", "contact me on telegram, my agent fixed my case in 2 days", {"categories": ["scam"]}),
    # --- scam warnings ------------------------------------------------------------------------
    ("scam_warning", "some guy dm'd me saying he works for cs and wants $200, scam right?", {}),
    ("scam_warning", "no manden dinero a nadie por whatsapp!!", ES),
    (
        "scam_warning",
        "is this page real or fake? someone messaged me asking for my case number",
        {},
    ),
]

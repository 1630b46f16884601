"""Third held-out set: written blind, by a second writer who had not seen the engine.

The writer read only the corpus format, the labelling rules in ``templates_dev`` and the
other template files (to avoid their shapes), never the detection code, its word lists or
its benchmark results, and did not run the engine on these comments. The shapes are new:
texting style, long rambling posts, replies to other commenters (@-mentions, "^ this"),
sarcasm, Spanglish, questions with dates and amounts that are not personal, the agency's
own numbers and public officials, indirect threats, scams with contact numbers, and names
written in lower case or with no context word. Values come from the ``heldout3`` pools
(names, streets, cities, far places, employers and conditions shared with no other split).
Same labelling rules and slot syntax as ``templates_dev``. Its first scoring (engine at
commit 25daca9) is recorded in ``docs/benchmarks.md``; its errors were inspected afterwards.
"""

from __future__ import annotations

from labels import (
    CD,
    CD_ES,
    CS,
    CS_ES,
    ES,
    HARASS,
    MIX,
    PROF,
    REVIEW_MED,
    REVIEW_SELF,
    SCAM,
    THREAT,
    Template,
)

TEMPLATES: list[Template] = [
    # --- allow: general questions, some with dates and amounts that are nobody's data -------
    (
        "question",
        "ok dumb question but if the other parent moves out of state does the case go with "
        "them or stay here",
        {},
    ),
    (
        "question",
        "Does a bonus of {MONEY} count as income for the guideline or is it just the hourly pay?",
        {},
    ),
    ("question", "wait so do they count overtime or no", {}),
    (
        "question",
        "Can a stepparent ever be ordered to pay? My coworker swears it happened to her brother",
        {},
    ),
    ("question", "When is the cutoff for the tax intercept this year, before {EVENT_DATE}?", {}),
    (
        "question",
        "Hypothetically if someone pays {SMALL_MONEY} extra one month does it go to arrears "
        "or to next month?",
        {},
    ),
    # --- allow: the writer's own case, asked without personal data --------------------------
    (
        "question",
        "been {N} weeks since I mailed my modification packet, how do I check if it got there?",
        CS,
    ),
    (
        "question",
        "did the payments move to the new card already? mine still shows the old balance",
        CS,
    ),
    (
        "question",
        "My hearing got moved to {EVENT_DATE} but I work that day, who do I call to reschedule?",
        CS,
    ),
    ("question", "¿Alguien sabe si la oficina de {CITY} cierra a la hora de la comida?", ES),
    ("question", "¿Aceptan pagos en efectivo en tiendas tipo 7-Eleven?", ES),
    ("question", "alguien sabe if they still do the orientación en español on {WEEKDAY}s?", MIX),
    (
        "question",
        "¿ya salió mi pago? me dijeron que lo estaban reteniendo desde {EVENT_DATE}",
        CS_ES,
    ),
    (
        "question",
        "Cómo le hago para cambiar la dirección donde me llegan las cartas? ya me mudé",
        CS_ES,
    ),
    ("question", "¿La calculadora de la página sirve para los que ganan en efectivo?", ES),
    (
        "question",
        "quick q, el FL-150 lo tengo que llenar yo or does the other parent do it too?",
        MIX,
    ),
    # --- allow: replies to other commenters, information --------------------------------------
    (
        "info",
        "For the people asking up thread: the FL-300 is for changing the order, the FL-150 is "
        "the income form",
        {},
    ),
    (
        "info",
        "^^ this. same thing happened to my cousin, they fixed it once she brought the pay stubs",
        {},
    ),
    (
        "info",
        "Replying to the lady above, you can do the whole application online now, took me "
        "like 20 min",
        {},
    ),
    (
        "info",
        "la feria de salud del {EVENT_DATE} estuvo bien organizada, hasta había café y pan dulce",
        ES,
    ),
    ("info", "Free tax prep at the library on {WEEKDAY}s through April if anyone's looking", {}),
    ("info", "PSA the lot on the side street is free after 4, don't pay the $12 one", {}),
    # --- allow: the agency's own contacts and public officials ------------------------------
    (
        "agency",
        "The lady who answered at {AGENCY_PHONE} today fixed it in one call. Miracles happen",
        {},
    ),
    ("agency", "tried {AGENCY_EMAIL} and {AGENCY_PHONE}, neither one gets me anywhere", {}),
    ("agency", "Fui a {AGENCY_ADDR} a las 7:45 y ya había fila hasta la calle", ES),
    (
        "agency",
        "{TITLED_OFFICIAL} promised at the town hall that wait times would go down. They didn't.",
        {},
    ),
    ("agency", "I'm forwarding every one of these comments to {OFFICIAL}'s office", {}),
    ("agency", "mándenle esto a {TITLED_OFFICIAL}, que vea cómo nos tratan", ES),
    (
        "agency",
        "mailing address is {AGENCY_ADDR}, write the case number on the check not the envelope",
        {},
    ),
    # --- allow: praise ------------------------------------------------------------------------
    (
        "praise",
        "ok I'll admit it, {STAFF_FIRST} at window 2 was amazing today. explained everything "
        "twice 😂",
        {},
    ),
    (
        "praise",
        "my caseworker {STAFF_FIRST} actually calls back now, whoever trained her, thank you",
        CS,
    ),
    # --- allow: criticism, sarcasm, the law -------------------------------------------------
    (
        "criticism",
        "Love how the recording says my call is important right before it hangs up on me. "
        "Very important indeed.",
        {},
    ),
    (
        "criticism",
        "Serious question for whoever runs this page: do you read these comments or is it a "
        "bot posting clip art?",
        {},
    ),
    (
        "criticism",
        "I don't usually post but I have to say something. I did everything right. I filled "
        "out every form, I went to every appointment, I brought every pay stub they asked "
        "for, twice. And {N} months later I'm still being told 'it's in process.' In process "
        "of what? My kids need shoes now, not someday.\nI'm not asking for a miracle, I'm "
        "asking for someone to do the job they're paid to do.",
        CS,
    ),
    (
        "criticism",
        "The guideline formula punishes parents who pick up overtime. The Legislature needs "
        "to rewrite it.",
        {},
    ),
    (
        "criticism",
        "{YEARS} years in this system and I've never talked to the same worker twice. Not "
        "acceptable for a public agency.",
        {},
    ),
    (
        "criticism",
        "Ustedes presumen mucho en Facebook pero en la oficina te tratan como criminal",
        ES,
    ),
    (
        "criticism",
        "qué bonito, {N} meses esperando una llamada y ustedes subiendo fotos de su posada",
        ES,
    ),
    (
        "criticism",
        "Y'all really closed the lobby early again on a {WEEKDAY}?? People took off work for this",
        {},
    ),
    (
        "criticism",
        "Whoever runs this agency should have to sit in that lobby for 4 hours like the rest of us",
        {},
    ),
    (
        "criticism",
        "la ley está hecha pa castigar al que sí trabaja, a los que cobran en efectivo ni "
        "los tocan",
        ES,
    ),
    ("criticism", "this agency is so bad at its job it's almost impressive tbh", {}),
    ("criticism", "Mi caso lleva desde {EVENT_DATE} 'en revisión'. Revisión de qué?", CS_ES),
    (
        "criticism",
        "Es una vergüenza que una agencia pública no tenga quien conteste en español "
        "después de las 3",
        ES,
    ),
    (
        "criticism",
        "Waited from 8:15 to 11:40 with ticket number 247 and they called 190 then closed. Unreal.",
        {},
    ),
    (
        "criticism",
        "Family Code 17212 says records are confidential, so explain how my ex already knew "
        "about my letter",
        CS,
    ),
    ("criticism", "neta, this office is the slowest thing in the whole county", MIX),
    # --- allow: warnings about scams ---------------------------------------------------------
    (
        "scam_warning",
        "PSA: a 'caseworker' added me on Facebook and asked for {SMALL_MONEY} in gift cards to "
        "release my payment. Real workers will NEVER do this. Report and block.",
        {},
    ),
    (
        "scam_warning",
        "Ojo, hay una página falsa con el mismo logo que pide tu número de caso por "
        "Messenger. No es la oficial.",
        ES,
    ),
    (
        "scam_warning",
        "if anyone texts u saying ur license gets suspended unless u pay by zelle its fake, "
        "call the real number {AGENCY_PHONE}",
        {},
    ),
    (
        "scam_warning",
        "Mi tía casi le manda {SMALL_MONEY} a una supuesta abogada de Telegram que le iba a "
        "bajar la orden. No caigan.",
        ES,
    ),
    (
        "scam_warning",
        "anybody else get a DM from 'DCSS Support' w a blue check asking to verify ur case? "
        "pretty sure its fake",
        {},
    ),
    # --- hide: profanity ------------------------------------------------------------------
    ("criticism_profanity", "ngl this office is a {CURSE} nightmare, {N} hrs on hold", PROF),
    (
        "criticism_profanity",
        "pinches oficinistas, todo el día en el celular y uno esperando",
        {**PROF, "lang": "es"},
    ),
    (
        "criticism_profanity",
        "ay {CURSE_ES}, ya van {N} meses y ni un centavo",
        {**PROF, "lang": "es"},
    ),
    (
        "criticism_profanity",
        "{CURSE_ES}, this office never answers el teléfono, every single time",
        {**PROF, "lang": "mixed"},
    ),
    ("criticism_profanity", "dumbass system, dumbass rules", PROF),
    # --- hide: threats, some only implied ----------------------------------------------------
    ("threat", "It'd be a real shame if something happened to that building one night", THREAT),
    (
        "threat",
        "People have snapped over less. Just saying. Somebody at that office better watch "
        "their back",
        THREAT,
    ),
    ("threat", "I know which car the supervisor drives. Keep it up.", THREAT),
    (
        "threat",
        "un día de estos alguien les va a dar su merecido y yo no voy a llorar",
        {**THREAT, "lang": "es"},
    ),
    (
        "threat",
        "next time they garnish me im pulling up to {AGENCY_ADDR} and it aint gonna be pretty",
        {**THREAT, "case_specific": True},
    ),
    (
        "threat",
        "{NAME} better hope I never see him at the kids' school again or he's done",
        THREAT,
    ),
    (
        "threat",
        "si me vuelven a quitar el refund, I swear voy para allá y no respondo",
        {**THREAT, "lang": "mixed", "case_specific": True},
    ),
    # --- hide: harassment of a person ------------------------------------------------------------
    (
        "harassment",
        "@{NAME} nobody asked you, go back to mooching off everybody you leech",
        HARASS,
    ),
    ("harassment", "{STAFF_FIRST} from the {CITY} office is the dumbest human being alive", HARASS),
    ("harassment", "eres una gorda amargada, por eso nadie te quiere", {**HARASS, "lang": "es"}),
    (
        "harassment",
        "lmao look at this clown defending the agency, u must work there. loser",
        HARASS,
    ),
    ("harassment", "{NAME} es un mantenido y un mentiroso, todo {CITY} lo sabe", {**HARASS, **ES}),
    ("harassment", "@{FIRST} shut ur ugly face, nobody wants to hear from u", HARASS),
    (
        "harassment",
        "esa trabajadora social is a pinche bruja, hope she gets fired",
        {"categories": ["harassment", "profanity"], "lang": "mixed"},
    ),
    # --- hide: scams -----------------------------------------------------------------------------
    (
        "scam",
        "Arrears relief program ✅ approved by the state. Lower your balance up to 70%. "
        "WhatsApp the word RELIEF to {PHONE}",
        SCAM,
    ),
    (
        "scam",
        "Hola amigos, trabajo en la oficina de manutención y puedo acelerar su caso por solo "
        "{SMALL_MONEY}. Escríbanme al privado",
        {**SCAM, "lang": "es"},
    ),
    (
        "scam",
        "got my whole case dismissed thanks to Mrs. {LAST} on telegram, she's legit, look up "
        "@casehelp_fast",
        SCAM,
    ),
    (
        "scam",
        "Official notice: your case has an outstanding balance. Pay {SMALL_MONEY} by Zelle "
        "to avoid suspension. Reply here for the link",
        SCAM,
    ),
    (
        "scam",
        "mi primo trabaja pa child support, he can get ur payments lowered for a lil fee, dm me",
        {**SCAM, "lang": "mixed"},
    ),
    (
        "scam",
        "Te ayudo a quitar la suspensión de tu licencia sin ir a la corte. Mándame tu número "
        "de caso y tu seguro social por WhatsApp",
        {**SCAM, "lang": "es"},
    ),
    # --- hide: personal information ------------------------------------------------------------
    (
        "pii",
        "ok here goes: {SSN_DASH}. thats my social. now can somebody PLEASE tell me where my "
        "money is",
        CS,
    ),
    ("pii", "No tengo social, tengo ITIN, es el {ITIN}. ¿Con eso puedo abrir el caso?", ES),
    (
        "pii",
        "Replying here since nobody picks up. Case {CASE}, we both agreed to change the "
        "amount, what form do we sign?",
        CS,
    ),
    (
        "pii",
        "Buenas, caso {CASE}. Ya mandé los talones de cheque dos veces, ¿los recibieron?",
        CS_ES,
    ),
    ("pii", "She's my whole world 💕 born {DOB}, and her dad hasn't called once", {}),
    ("pii", "my sons bday is {DOB} and his dad didnt even text him", {}),
    ("pii", "Nació el {DOB_ES} en {CITY}, yo tengo el acta si la necesitan", ES),
    (
        "pii",
        "la mamá de los niños ahora renta un cuarto en {CALLE}, allá en {FAR}, por si la buscan",
        CD_ES,
    ),
    ("pii", "he works out of a garage at {ADDR_FULL} if someone wants to go look", CD),
    ("pii", "his number is {PHONE} if the caseworker wants to actually reach him", {}),
    ("pii", "wya?? {PHONE} call me back", {}),
    ("pii", "escríbanle a mi hija que ella sí lee inglés: {EMAIL}", ES),
    ("pii", "I emailed from {EMAIL} on {EVENT_DATE}, please check your inbox", CS),
    ("pii", "{NAME}. {N} kids. Zero dollars. Let that sink in.", CD),
    ("pii", "{NAME} {PHONE}", {}),
    ("pii", "mi suegra {NAME} le está escondiendo el dinero a mi ex", CD_ES),
    ("pii", "tell {=PERSON:jaquan merriweather} his son misses him. {N} years.", CD),
    (
        "pii",
        "anyone know {=PERSON:yadira solorio}? she owes my brother for {N} kids",
        CD,
    ),
    (
        "pii",
        "my bf {FIRST} wants to know if he can pay his kids directly instead of thru yall",
        CD,
    ),
    ("pii", "my neighbor {FIRST} says yall can take the whole tax refund, is that true??", {}),
    ("pii", "la Lic. {LAST} nos dijo que en {N} semanas, ya van {N} meses", CS_ES),
    (
        "pii",
        "Shoutout to Mr. {LAST} in the lobby who helped my grandma with the kiosk",
        {},
    ),
    ("pii", "@{NAME} girl same, mine's been pending since {EVENT_DATE} too", {}),
    (
        "pii",
        "can yall refund the overpayment to acct {BANK} routing {ROUTING}? the card keeps "
        "getting declined",
        CS,
    ),
    (
        "pii",
        "ya cerré la cuenta de Wells, la nueva es {BANK}, ¿se la doy a ustedes o al patrón?",
        CS_ES,
    ),
    ("pii", "Pagué con la tarjeta {CARD} y me cobraron dos veces", CS_ES),
    ("pii", "CDL # {DL}, suspended again even tho I'm on a payment plan", CS),
    ("pii", "the portal locked me out, says suspicious login from {IP}, that's not me", CS),
    ("pii", "alguien entró a mi cuenta desde la IP {IP}, ¿cómo la cambio?", CS_ES),
    (
        "pii",
        "Long story short. I've been trying to reach someone for {N} weeks. My name is {NAME}, "
        "my case is {CASE}, you can call me at {PHONE}. I'm not trying to be difficult, I "
        "just want to know why the amount changed.\nThank you to whoever reads this.",
        CS,
    ),
    (
        "pii",
        "Hola, my ex {NAME} se mudó a {ADDR_FULL} and he's telling everybody que no tiene trabajo",
        MIX,
    ),
    (
        "pii",
        "For the worker reading this: father is {NAME}, DOB {DOB}, last known {ADDR}. "
        "Please find him.",
        {},
    ),
    # --- hide: a third party's case facts ------------------------------------------------------
    (
        "case_third",
        "El papá de mi niña ya se fue a {FAR}, allá trabaja en {EMPLOYER_ES} y aquí no manda nada",
        CD_ES,
    ),
    (
        "case_third",
        "She owes me over {MONEY} and just posted pics from Cancún",
        {**CD, "case_specific": True},
    ),
    (
        "case_third",
        "Ella se quedó con la custodia completa desde el año pasado y ni deja que los vea",
        CD_ES,
    ),
    (
        "case_third",
        "he lives with his new wife in {CITY} and she pays all the bills so he claims zero",
        CD,
    ),
    (
        "case_third",
        "mi ex maneja tráiler, gana bien, pero todo lo pone a nombre de su hermano",
        CD_ES,
    ),
    (
        "case_third",
        "Y'all want proof? He works at {EMPLOYER}, the 2-10 shift Monday thru Friday",
        CD,
    ),
    (
        "case_third",
        "He sold his truck for like {MONEY} cash right after the hearing so it wouldn't count",
        CD,
    ),
    (
        "case_third",
        "Les cuento para que vean. El papá de mis hijos se fue a {FAR} y allá se juntó con "
        "otra. Trabaja en {EMPLOYER_ES}, lo sé porque su hermana sube fotos. Ustedes dicen "
        "que no lo encuentran. Yo ya les di todo. ¿Qué más quieren?",
        CD_ES,
    ),
    # --- review: the writer's own case facts ---------------------------------------------------
    (
        "case_self",
        "Just gonna say it: I'm {MONEY} in arrears and I'm doing my best",
        {**REVIEW_SELF, "case_specific": True},
    ),
    (
        "case_self",
        "Yo soy la que tiene a los niños de lunes a viernes y él solo los fines, ¿por qué me "
        "toca tan poco?",
        {**REVIEW_SELF, "lang": "es", "case_specific": True},
    ),
    (
        "case_self",
        "me despidieron de {EMPLOYER_ES} el mes pasado y la orden sigue igual, ¿qué hago?",
        {**REVIEW_SELF, "lang": "es", "case_specific": True},
    ),
    (
        "case_self",
        "my order was set at {SMALL_MONEY} back when I made double what I make now",
        {**REVIEW_SELF, "case_specific": True},
    ),
    (
        "case_self",
        "debo como {MONEY} de arrears y ya me quitaron el passport, what are my options?",
        {**REVIEW_SELF, "lang": "mixed", "case_specific": True},
    ),
    # --- health: someone else's hides, the writer's own goes to review -------------------------
    (
        "medical_third",
        "my little guy was just diagnosed with {COND} and his dad still thinks {SMALL_MONEY} "
        "a month is enough",
        {},
    ),
    (
        "medical_third",
        "his mom has {COND} so she can't watch the kids anymore, we need a new schedule",
        {},
    ),
    ("medical_third", "my ex claims {COND} to get out of paying but he's at the gym every day", {}),
    ("medical_third", "la mamá de mis hijos tiene {COND_ES}, por eso yo me quedé con ellos", ES),
    (
        "medical_third",
        "mi hija has {COND} y the insurance from her dad's job got cancelled",
        MIX,
    ),
    (
        "medical_self",
        "I've been off work since {EVENT_DATE} with {COND}, can they pause my order?",
        {**REVIEW_MED, "case_specific": True},
    ),
    (
        "medical_self",
        "estoy {=MEDICAL:embarazada} otra vez y el papá dice que no es suyo, ¿qué hago?",
        {**REVIEW_MED, "lang": "es"},
    ),
    (
        "medical_self",
        "recently got diagnosed w {COND} and can barely keep a job rn. does that count for "
        "lowering support?",
        {**REVIEW_MED, "case_specific": True},
    ),
    (
        "medical_self",
        "me diagnosticaron {COND_ES} hace {N} meses y el doctor me dio incapacidad, ¿la "
        "manutención se ajusta sola o tengo que pedirlo?",
        {**REVIEW_MED, "lang": "es", "case_specific": True},
    ),
]

"""Fourth held-out set: written blind, by a second writer who had not seen the engine.

The writer read only the corpus format, the labelling rules in ``templates_dev`` and the
other template files (to avoid their shapes), never the detection code, its word lists, its
documentation or its benchmark results, and did not run the engine on these comments. The
voices are new: grandparents raising grandchildren, military and deployed parents, people
asking for a friend or posting for a relative, long stories of several sentences, complaints
about particular offices and hold times, general questions full of numbers (percentages,
hours, amounts, dates of events) that are nobody's data, the agency's own phone, address and
officials quoted back, and names written in lower case. Values come from the ``heldout4``
pools (names, streets, cities, far places, employers and conditions shared with no other
split). Same labelling rules and slot syntax as ``templates_dev``. Scored once as written
(engine at commit ef858ad; figures in ``docs/benchmarks.md``), then its errors inspected.
"""

from __future__ import annotations

from labels import (
    CD,
    CD_ES,
    CD_MIX,
    CS,
    CS_ES,
    CS_MIX,
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
    # --- allow: general questions full of numbers that are nobody's data ---------------------
    (
        "question",
        "If a parent has the kids 35% of the time instead of 20%, roughly how much does that "
        "move the guideline number? Just trying to understand the math before mediation.",
        {},
    ),
    (
        "question",
        "Is it still true that when a family gets CalWORKs the state keeps the support and "
        "only the first $100 or so gets passed through? Or did that change?",
        {},
    ),
    (
        "question",
        "Asking for a friend: what's the most they can take out of one paycheck, 50% or 65%?",
        {},
    ),
    (
        "question",
        "Asking for a friend (really): is the passport thing only for people who owe over "
        "$2,500, or can it happen at {SMALL_MONEY}?",
        {},
    ),
    (
        "question",
        "Is the Saturday clinic on {EVENT_DATE} from 9 to 12 or 9 to 1? The flyer and the "
        "website say two different things.",
        {},
    ),
    ("question", "¿Es cierto que cobran 10% de interés al año sobre lo atrasado?", ES),
    (
        "question",
        "Pregunta general: si alguien gana $18 la hora y trabaja 32 horas a la semana, "
        "¿más o menos cuánto le tocaría pagar por un niño?",
        ES,
    ),
    (
        "question",
        "Can grandparents who are raising their grandkids open a case themselves, or does it "
        "have to go through family court first?",
        {},
    ),
    (
        "question",
        "For military families: does BAH count as income the same way base pay does?",
        {},
    ),
    (
        "question",
        "When a parent gets deployed for 6+ months, who is supposed to ask for a review, the "
        "service member or the parent at home?",
        {},
    ),
    (
        "question",
        "Are the windows open between 12 and 1 or do you close for lunch? I can only come "
        "on my lunch break.",
        {},
    ),
    (
        "question",
        "¿Qué pasa con la manutención si el hijo cumple 18 pero termina la prepa a los 19?",
        ES,
    ),
    (
        "question",
        "my tía is raising her grandkids, ¿ella puede pedir child support de los dos papás o "
        "nomás de uno?",
        MIX,
    ),
    (
        "question",
        "Does anyone know if the 2026 guideline numbers are out or is the calculator still on "
        "last year's?",
        {},
    ),
    (
        "question",
        "¿Cuántos días hábiles tardan en procesar un pago que se hizo un viernes después de las 5?",
        ES,
    ),
    # --- allow: information ------------------------------------------------------------------
    (
        "info",
        "Heads up for anyone going on {EVENT_DATE}: the elevator on the east side is out, use "
        "the ramp by the parking structure.",
        {},
    ),
    (
        "info",
        "There's a grandparents-raising-grandkids support group the 2nd Tuesday of every "
        "month at 6 pm at the senior center. They walk you through the forms.",
        {},
    ),
    (
        "info",
        "Military OneSource has free legal help for this if your spouse is active duty, "
        "24/7, and it doesn't cost anything.",
        {},
    ),
    (
        "info",
        "el taller para papás del {EVENT_DATE} empezó a las 5:30, no a las 6 como decía el volante",
        ES,
    ),
    (
        "info",
        "For the dads asking: the parenting class is 8 weeks, free, and you get a "
        "certificate at the end you can show the judge.",
        {},
    ),
    # --- allow: the agency's own contacts and public officials --------------------------------
    (
        "agency",
        "Called {AGENCY_PHONE} at 8:01 and I was caller number 37. By 9:15 I was number 4. "
        "Progress I guess.",
        {},
    ),
    (
        "agency",
        "I copied {TITLED_OFFICIAL} and {OFFICIAL} on my letter. We'll see if anyone reads it.",
        {},
    ),
    (
        "agency",
        "Para los que preguntan: la dirección es {AGENCY_ADDR} y el teléfono es "
        "{AGENCY_PHONE}, de lunes a viernes.",
        ES,
    ),
    (
        "agency",
        "The drop box outside {AGENCY_ADDR} is NOT emptied every day. If it's urgent hand it "
        "to the window.",
        {},
    ),
    (
        "agency",
        "Did {OFFICIAL} ever answer the letter the grandparents' group sent on {EVENT_DATE}?",
        {},
    ),
    ("agency", "le escribí a {AGENCY_EMAIL} en inglés y en español y ni así", ES),
    (
        "agency",
        "{TITLED_OFFICIAL}, you said at the budget hearing that calls get answered in under "
        "10 minutes. Today it was 1 hour 52 minutes.",
        {},
    ),
    # --- allow: praise -----------------------------------------------------------------------
    (
        "praise",
        "I'm 68 and not good with computers. {STAFF_FIRST} sat with me for 40 minutes and "
        "did the whole thing online with me. God bless her.",
        {},
    ),
    (
        "praise",
        "Gracias a {STAFF_FIRST} de la ventanilla 4, me explicó todo sin prisa y en español",
        ES,
    ),
    (
        "praise",
        "Whoever added the callback option, thank you. Got a call back in {N} hours instead of "
        "sitting on hold all morning.",
        {},
    ),
    # --- allow: criticism of offices, hold times, the law --------------------------------------
    (
        "criticism",
        "The {CITY} office told me to go to the main office. The main office told me to go back "
        "to {CITY}. I have now driven 140 miles to be told nothing, twice.",
        {},
    ),
    (
        "criticism",
        "3 hours 12 minutes on hold. Then the call dropped. Then the callback never came. Is "
        "this how a public agency treats the public?",
        {},
    ),
    (
        "criticism",
        "I'm 71 years old and I stood in that line outside for 2 hours in 100 degree heat. No "
        "shade, no chairs, no water. Shame on whoever decided that was acceptable.",
        {},
    ),
    (
        "criticism",
        "Every single deployment it's the same story: you can't process a simple military "
        "allotment without losing it at least once.",
        {},
    ),
    (
        "criticism",
        "La oficina de {CITY} abre a las 8 pero la ventanilla hasta las 9. ¿Entonces para qué "
        "abren?",
        ES,
    ),
    (
        "criticism",
        "Llevo 2 horas con 40 minutos en espera escuchando la misma musiquita. Ya me la sé de "
        "memoria.",
        ES,
    ),
    (
        "criticism",
        "Your phone menu has 9 options and not one of them is 'talk to a person'. Incredible.",
        {},
    ),
    (
        "criticism",
        "New logo, new billboards on the freeway, and the lobby chairs are still broken. "
        "Priorities.",
        {},
    ),
    (
        "criticism",
        "I am filing a complaint with the state ombudsman and my assemblymember. This office "
        "is a disgrace and I want that on the record.",
        {},
    ),
    (
        "criticism",
        "Honestly {TITLED_OFFICIAL} should resign. Nothing has improved since the last audit.",
        {},
    ),
    (
        "criticism",
        "Ustedes le quitan el dinero al que trabaja y al que de veras debe ni lo buscan. Son "
        "una burla.",
        ES,
    ),
    (
        "criticism",
        "the letter says call within 10 days or lose your hearing date but the line is busy "
        "all 10 days. make it make sense",
        {},
    ),
    (
        "criticism",
        "the {CITY} office is the worst one in the state, hands down, and I've been to 4 of them",
        {},
    ),
    (
        "criticism",
        "I'm so angry I could scream. {YEARS} years, 3 caseworkers, 0 dollars collected.",
        CS,
    ),
    (
        "criticism",
        "neta que ustedes are the slowest office I've ever dealt with, y eso que he ido al DMV",
        MIX,
    ),
    # --- allow: warnings about scams ---------------------------------------------------------
    (
        "scam_warning",
        "My grandpa almost paid a man who called saying he was from 'the child support court' "
        "and needed $300 in gift cards. The real number is {AGENCY_PHONE}. Please check on your "
        "elderly relatives.",
        {},
    ),
    (
        "scam_warning",
        "Aguas, there's a fake page called 'Child Support Help Center CA' pidiendo tu social. "
        "No se lo den, repórtenla.",
        MIX,
    ),
    (
        "scam_warning",
        "The agency will never charge you to 'fix' a case. If somebody in these comments says "
        "they can, it's a scam. Report them.",
        {},
    ),
    (
        "scam_warning",
        "A mí me llamaron diciendo que eran de la oficina de {OFFICIAL} y que pagara una multa "
        "por Zelle. Colgué. No caigan.",
        ES,
    ),
    (
        "scam_warning",
        "Soldiers and spouses: someone is messaging military families saying they can "
        "'freeze' support during deployment for a fee. It's fake. Talk to your JAG office.",
        {},
    ),
    # --- hide: profanity ---------------------------------------------------------------------
    ("criticism_profanity", "3 hrs on hold for this shit. unbelievable", PROF),
    (
        "criticism_profanity",
        "This whole department is a fucking circus from the top down",
        PROF,
    ),
    (
        "criticism_profanity",
        "Me vale madre lo que digan, esta oficina está de la chingada",
        {**PROF, "lang": "es"},
    ),
    (
        "criticism_profanity",
        "Este pinche sistema está bien jodido, {N} meses y nada",
        {**PROF, "lang": "es"},
    ),
    ("criticism_profanity", "F this agency. F the phone tree. Fix your shit.", PROF),
    (
        "criticism_profanity",
        "the system is so fucked, neta ya no sé ni para qué pago",
        {**PROF, "lang": "mixed"},
    ),
    # --- hide: threats, direct and veiled ---------------------------------------------------------
    (
        "threat",
        "I'm a combat veteran. I know how to get in and out of a building. Remember that next "
        "time you garnish me.",
        {**THREAT, "case_specific": True},
    ),
    (
        "threat",
        "The next caseworker who tells me to 'be patient' is leaving in an ambulance",
        THREAT,
    ),
    (
        "threat",
        "Ya sé a qué hora sale la licenciada al estacionamiento. Nomás digo.",
        {**THREAT, "lang": "es"},
    ),
    (
        "threat",
        "If my grandkids lose their home because of this office I will make sure somebody "
        "there pays with more than money",
        THREAT,
    ),
    (
        "threat",
        "if my sister's ex {NAME} shows up at court again I'm breaking his jaw, no warning",
        THREAT,
    ),
    (
        "threat",
        "un día voy a llegar con un galón de gasolina y ahí sí me van a atender rápido",
        {**THREAT, "lang": "es"},
    ),
    (
        "threat",
        "ok so nobody is going to help? cool. I'll handle him myself and he won't need to pay "
        "anybody where he's going",
        THREAT,
    ),
    # --- hide: harassment of commenters and staff -------------------------------------------------
    (
        "harassment",
        "@{NAME} you've commented on every post defending your deadbeat brother. Nobody "
        "cares, you sad little troll.",
        HARASS,
    ),
    (
        "harassment",
        "The caseworker with the red glasses at the {CITY} office is a useless cow and a liar",
        HARASS,
    ),
    (
        "harassment",
        "{STAFF_FIRST} you are the rudest, dumbest woman I have ever dealt with",
        HARASS,
    ),
    (
        "harassment",
        "cállate {FIRST}, eres una vieja chismosa y mentirosa",
        {**HARASS, "lang": "es"},
    ),
    (
        "harassment",
        "lol imagine being this ugly and this broke and still talking. sit down grandpa",
        HARASS,
    ),
    (
        "harassment",
        "puro pendejo trabajando ahí, empezando por el de la ventanilla 2",
        {"categories": ["profanity", "harassment"], "lang": "es"},
    ),
    # --- hide: scams --------------------------------------------------------------------------
    (
        "scam",
        "Retired DCSS supervisor here, I still have system access. For a one-time fee of "
        "{SMALL_MONEY} I can get your arrears cut by 60%. Text me at {PHONE}",
        SCAM,
    ),
    (
        "scam",
        "ATTENTION PARENTS: State Child Support Amnesty. Send your name, case number and the "
        "{SMALL_MONEY} filing fee to {EMAIL} before {EVENT_DATE} to have your balance forgiven",
        SCAM,
    ),
    (
        "scam",
        "Hola, le escribo de la oficina central en Sacramento. Su caso tiene un error que "
        "puedo corregir hoy mismo. Mándeme mensaje al {PHONE} por WhatsApp",
        {**SCAM, "lang": "es"},
    ),
    (
        "scam",
        "military parents!! I help soldiers stop garnishment during deployment, 100% legal, "
        "only {SMALL_MONEY}, DM me on IG",
        SCAM,
    ),
    (
        "scam",
        "Your payment is on hold. Verify your identity at dcss-refund-center dot com within 24 "
        "hours or the funds go back to the state",
        SCAM,
    ),
    (
        "scam",
        "mi compa es abogado y te baja la orden a la mitad, nomás le pasas {SMALL_MONEY} por "
        "Cash App y él se encarga, escríbele a {EMAIL}",
        {**SCAM, "lang": "es"},
    ),
    # --- hide: personal information -------------------------------------------------------------
    (
        "pii",
        "My grandson {FIRST} has lived with me since he was 3. His mother is {NAME} and she's "
        "been in and out of jail. How do I get support from her?",
        CD,
    ),
    (
        "pii",
        "Abuela aquí. Mi nieta {FIRST} nació el {DOB_ES} y desde entonces la cuido yo. Su "
        "mamá ni pregunta por ella.",
        ES,
    ),
    (
        "pii",
        "I'm deployed until spring. My wife {FIRST} is handling everything at home, her cell is "
        "{PHONE} if the worker needs someone.",
        {},
    ),
    (
        "pii",
        "asking for a friend: her ex {NAME} owes like {MONEY} and just bought a boat. can she "
        "report him here?",
        CD,
    ),
    (
        "pii",
        "SSN {SSN_DASH}, DOB {DOB}. I have given this to 4 different people over the phone, "
        "can ONE of you please find my file",
        CS,
    ),
    (
        "pii",
        "Para el formulario de ingresos puse mi número de contribuyente {ITIN} en vez del "
        "seguro social, ¿está bien así?",
        ES,
    ),
    (
        "pii",
        "The agency has my case under {CASE} but the court papers say {CASE2}. Which one do I "
        "put on the check??",
        CS,
    ),
    (
        "pii",
        "Abuelita here, please help, the letter says caso {CASE} and no puedo leer la letra "
        "chiquita",
        CS_MIX,
    ),
    (
        "pii",
        "Ella nació el {DOB_ES} y él nunca ha dado un peso. Se llama {NAME} por si alguien lo "
        "conoce.",
        ES,
    ),
    ("pii", "He's renting the back unit at {ADDR_FULL}, the landlord lets him pay cash", CD),
    ("pii", "ya se cambió otra vez, ahora está en {ADDR_FULL} con la novia", CD_ES),
    ("pii", "llamen a mi hija al {PHONE}, ella sí habla inglés, yo no", ES),
    ("pii", "mi correo nuevo es {EMAIL}, el otro ya no lo uso, anótenlo por favor", CS_ES),
    (
        "pii",
        "My brother {NAME} is stationed in {FAR} and they garnished his pay twice this month. "
        "Who does he call?",
        CD,
    ),
    (
        "pii",
        "{=PERSON:marivic ocampo} you know you owe for those girls, stop hiding behind your mom",
        CD,
    ),
    ("pii", "has anyone seen {=PERSON:rodel manalo} lately? the kids keep asking", CD),
    (
        "pii",
        "Mi cuñado {FIRST} dice que le quitaron todo el tax refund, ¿eso se puede?",
        CD_MIX,
    ),
    (
        "pii",
        "Deposit it to checking {BANK}, routing {ROUTING}. The paper checks keep getting lost.",
        CS,
    ),
    ("pii", "¿pueden depositar a la cuenta {BANK} de mi mamá? yo no tengo banco", CS_ES),
    (
        "pii",
        "the kiosk ate my payment. card was {CARD} exp 11/28, can somebody refund it",
        CS,
    ),
    (
        "pii",
        "La tarjeta de débito que ustedes mandan, la {CARD}, ya no funciona desde {EVENT_DATE}",
        CS_ES,
    ),
    (
        "pii",
        "CA DL {DL}. Suspended even though I paid in full on {EVENT_DATE}. I need it cleared to "
        "keep my job.",
        CS,
    ),
    ("pii", "el número de mi licencia es {DL}, ¿ya la liberaron o sigue suspendida?", CS_ES),
    (
        "pii",
        "the activity log shows a login from {IP} at 3am. I was asleep. Who else has access to "
        "my account?",
        CS,
    ),
    (
        "pii",
        "El licenciado {LAST} de la oficina de {CITY} nos atendió muy bien, que Dios lo bendiga",
        ES,
    ),
    (
        "pii",
        "I'm writing this for my grandfather because he doesn't speak English. His name is "
        "{NAME}, born {DOB}, case {CASE}. He just wants to know why they are still taking from "
        "his Social Security.\nHe paid for 20 years. Please.",
        {**CD, "case_specific": True},
    ),
    (
        "pii",
        "{NAME} owes my daughter {MONEY} and works at {EMPLOYER}. Everybody in {CITY} knows it.",
        CD,
    ),
    # --- hide: a third party's case facts --------------------------------------------------------
    (
        "case_third",
        "My son-in-law is in the Army, makes good money with the housing allowance, and sends "
        "nothing for my grandkids",
        CD,
    ),
    (
        "case_third",
        "Her dad got out of prison on {EVENT_DATE} and he's already working at {EMPLOYER}",
        CD,
    ),
    (
        "case_third",
        "La mamá de mis nietos vive en {FAR} y cobra ayuda del gobierno allá y aquí",
        CD_ES,
    ),
    (
        "case_third",
        "mi yerno está en la cárcel de {CITY} hasta el otro año, ¿quién paga mientras?",
        CD_ES,
    ),
    (
        "case_third",
        "ella trabaja en {EMPLOYER_ES} de lunes a sábado y dice que está desempleada",
        CD_ES,
    ),
    (
        "case_third",
        "según él no tiene trabajo pero el sábado lo vi saliendo de {EMPLOYER_ES} con su uniforme",
        CD_ES,
    ),
    (
        "case_third",
        "my ex got deployed to {FAR} and the allotment stopped that same month. nobody will tell "
        "me anything",
        {**CD, "case_specific": True},
    ),
    (
        "case_third",
        "my buddy asked me to post this for him: his ex gets CalFresh, Section 8 and "
        "{SMALL_MONEY} a month from him and says it's not enough",
        CD,
    ),
    # --- review: the writer's own case facts ---------------------------------------------------
    (
        "case_self",
        "I'm active duty and deploying for 9 months. I pay {SMALL_MONEY} a month by allotment. "
        "Does anything change while I'm gone?",
        {**REVIEW_SELF, "case_specific": True},
    ),
    (
        "case_self",
        "I'm 64 and raising my two grandkids on my Social Security. {SMALL_MONEY} a month is "
        "what comes from their father.",
        {**REVIEW_SELF, "case_specific": True},
    ),
    (
        "case_self",
        "Gano {MONEY} al año en {EMPLOYER_ES} y me quitan casi la mitad, ¿así debe ser?",
        {**REVIEW_SELF, "lang": "es", "case_specific": True},
    ),
    (
        "case_self",
        "soy abuela y tengo la custodia de mis 3 nietos desde {EVENT_DATE}, ¿me toca algo?",
        {**REVIEW_SELF, "lang": "es"},
    ),
    (
        "case_self",
        "debo {MONEY} desde que salí del bote y nadie me quiere dar trabajo",
        {**REVIEW_SELF, "lang": "es", "case_specific": True},
    ),
    # --- health: someone else's hides, the writer's own goes to review -------------------------
    ("medical_third", "My granddaughter has {COND} and her mom spends the support on herself", {}),
    (
        "medical_third",
        "su papá tiene {COND_ES} y ya no puede trabajar, ¿se puede bajar la cantidad?",
        ES,
    ),
    (
        "medical_third",
        "Asking for my neighbor: her son was born with {COND}. Can the order include his "
        "therapy costs?",
        {},
    ),
    ("medical_third", "mi nieto tiene {COND_ES} y mi hija no puede trabajar por cuidarlo", ES),
    (
        "medical_third",
        "my baby's father has {COND} pero sigue trabajando en {EMPLOYER_ES} en efectivo",
        MIX,
    ),
    (
        "medical_self",
        "I was diagnosed with {COND} on {EVENT_DATE}, I'm on disability now and still getting "
        "billed the full amount",
        {**REVIEW_MED, "case_specific": True},
    ),
    (
        "medical_self",
        "Desde que me dio {COND_ES} no puedo cargar nada y perdí el trabajo. ¿Me pueden bajar "
        "la orden?",
        {**REVIEW_MED, "lang": "es", "case_specific": True},
    ),
    (
        "medical_self",
        "came back from my 2nd deployment with {COND} and can't hold a job. do I file something "
        "to lower it?",
        {**REVIEW_MED, "case_specific": True},
    ),
    (
        "medical_self",
        "I'm on {=MEDICAL:dialysis} three days a week, how am I supposed to make a 9am hearing",
        {**REVIEW_MED, "case_specific": True},
    ),
]

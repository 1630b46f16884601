"""Fifth held-out set: written blind, by a writer who had not seen the engine.

The writer read only the corpus format, the labelling rules in ``templates_dev`` and the
other template files (to avoid their shapes), never the detection code, its word lists, its
documentation or its benchmark results, and did not run the engine on these comments. The
voices are new: teenagers and young adults whose parents are in a case, employers and
HR/payroll staff asking about income withholding, screenshots described in words,
voice-to-text comments with no punctuation (one with "period" spoken out), replies deep in a
thread that quote another commenter, people correcting their own earlier comment, emoji and
hashtags, parents and caseworkers in other states and tribes asking about interstate and
tribal cases, very short comments (benign and sensitive), people disclosing someone else's
information while angry at them, and scams on new channels (Telegram, Cash App, "DM the page
admin", fake "case review" links). Values come from the ``heldout5`` pools (names, streets,
cities, far places, calles, employers and conditions shared with no other split). Same
labelling rules and slot syntax as ``templates_dev``.
"""

from __future__ import annotations

from labels import (
    CD,
    CD_ES,
    CD_MIX,
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
    # --- allow: employers and payroll staff asking about income withholding -----------------
    (
        "question",
        "Payroll question: we received an Income Withholding Order on {EVENT_DATE} for a new "
        "hire. Do we start with the next pay date or is there a grace period?",
        {},
    ),
    (
        "question",
        "HR at {EMPLOYER} here. If one employee has two withholding orders and together they go "
        "over the limit, which one gets paid first?",
        {},
    ),
    (
        "question",
        "small business owner, {N} employees. one of my guys brought me a letter saying I have "
        "to take child support out of his check. do I need special payroll software or can I "
        "just mail a separate check",
        {},
    ),
    (
        "question",
        "For employers: is the e-IWO login the same account as new hire reporting, or do we "
        "need to register separately?",
        {},
    ),
    (
        "question",
        "Bookkeeper here. If an employee gets a {SMALL_MONEY} bonus, does the withholding "
        "order apply to the bonus too or only to regular wages?",
        {},
    ),
    # --- allow: teenagers and young adults whose parents are in a case -----------------------
    (
        "question",
        "hi im 16 and my parents have a case. when i turn 18 does the money stop right away or "
        "at the end of the school year?",
        {},
    ),
    (
        "question",
        "college freshman here 👋 does child support in CA ever cover college or does it end "
        "at 18/19 no matter what",
        {},
    ),
    (
        "question",
        "if im 18 now can i see what was paid for me over the years or only my mom can",
        {},
    ),
    # --- allow: other states and tribes ------------------------------------------------------
    (
        "question",
        "Quick q from out of state: my order is from a California court but all of us moved "
        "away years ago. Can my new state change it or does it stay a CA order?",
        CS,
    ),
    (
        "question",
        "Does California enforce child support orders from tribal courts? Asking for our "
        "tribe's family services office, we get this question every week.",
        {},
    ),
    (
        "question",
        "somos de una tribu en Arizona pero la orden es de aquí de California, ¿a quién le "
        "tenemos que hablar, a ustedes o a la tribu?",
        ES,
    ),
    (
        "question",
        "Caseworker from a Nevada county here. What's the best way to reach your interstate "
        "unit? Our transmittals from {EVENT_DATE} still show no acknowledgment.",
        {},
    ),
    # --- allow: very short comments -----------------------------------------------------------
    ("question", "open {WEEKDAY}?", {}),
    ("question", "¿hay citas el sábado?", ES),
    ("info", "following 👀", {}),
    ("praise", "thank you {STAFF_FIRST} 🙏🏽", {}),
    ("criticism", "still waiting. {N} months.", {}),
    ("criticism", "ni modo, otra vez nada", ES),
    # --- allow: voice-to-text, no punctuation -------------------------------------------------
    (
        "agency",
        "hey I was wondering what time does the office open on {WEEKDAY} I tried calling "
        "{AGENCY_PHONE} but it just rings and do I need an appointment or can I just walk in "
        "thank you",
        {},
    ),
    (
        "question",
        "hola buenas tardes quería saber si la oficina de {CITY} está abierta mañana en la "
        "tarde porque salgo de trabajar a las 4 gracias",
        ES,
    ),
    (
        "agency",
        "mi mamá dice que le marcó al {AGENCY_PHONE} y le dijeron que fuera en persona pero no "
        "le dijeron a qué hora abren alguien sabe",
        ES,
    ),
    (
        "criticism",
        "sorry voice to text im driving but I have called {N} times this week and every time "
        "it says the mailbox is full how is a government mailbox full",
        {},
    ),
    # --- allow: emoji and hashtags -------------------------------------------------------------
    (
        "info",
        "Thank you for the back-to-school event on {EVENT_DATE}!! 🎒✏️ my kids loved the free "
        "haircuts #DelOroFamilies #community",
        {},
    ),
    ("criticism", "#FixDCSS #{N}MonthsAndCounting 📞❌ still no callback", {}),
    (
        "praise",
        "💯💯 the {CITY} office got my modification done in {N} weeks. #grateful #finally",
        CS,
    ),
    (
        "criticism",
        "#justicefordads 🙄 the guideline formula doesn't care if you're renting a room in your "
        "mom's garage",
        {},
    ),
    ("criticism", "ya me cansé de esperar on hold, {N} horas y nada 🫠 #DCSSfail", MIX),
    (
        "info",
        "#PSA the {CITY} office moved the payment kiosk next to the elevator. No more line "
        "outside 🙌",
        {},
    ),
    # --- allow: screenshots described in words --------------------------------------------------
    (
        "criticism",
        "[screenshot of this page's own post from {EVENT_DATE}: 'All offices open regular "
        "hours'] ...then why was the door locked at 10am??",
        {},
    ),
    (
        "criticism",
        "[screenshot of my hold timer: 2:14:37] this is what {TITLED_OFFICIAL} calls 'improved "
        "wait times' on the news",
        {},
    ),
    (
        "scam_warning",
        "Posting a screenshot of the text I got from 'DCSS Billing' asking for a $49 case "
        "review fee by link. Fake, right? The real number is {AGENCY_PHONE}",
        {},
    ),
    # --- allow: replies deep in a thread, quoting someone else ----------------------------------
    (
        "info",
        "> does anyone know if they take payments at the window?\nThey do, cash or money order, "
        "but not after 4:30 and not on {WEEKDAY}s after a holiday.",
        {},
    ),
    (
        "criticism",
        '^ to the guy who said "just be patient": I\'ve been patient for {YEARS} years. '
        "Patience doesn't pay rent.",
        {},
    ),
    (
        "criticism",
        "Replying to the page's answer above: you told me to message the office, but your own "
        "rules say you can't talk about cases on here. So which one is it?",
        CS,
    ),
    (
        "info",
        "> ¿abren el sábado?\nNo, nomás el {EVENT_DATE} por el evento de regreso a clases, lo "
        "demás es entre semana.",
        ES,
    ),
    # --- allow: people correcting their own earlier comment ------------------------------------
    (
        "info",
        "Correction to my comment above: the free legal clinic is {EVENT_DATE}, not the 14th. "
        "Sorry y'all!",
        {},
    ),
    (
        "info",
        "perdón, me equivoqué arriba, la clínica es en la biblioteca de {CITY}, no en la escuela",
        ES,
    ),
    # --- allow: information, praise --------------------------------------------------------------
    (
        "info",
        "Tip from an HR person: the order tells you the maximum percentage to take. Don't guess, "
        "and keep a copy of every remittance for at least {N} years.",
        {},
    ),
    (
        "info",
        "For anyone who moved out of state: your case doesn't disappear, it goes through the "
        "interstate process. Took about {N} months for mine to get sorted.",
        {},
    ),
    (
        "praise",
        "muchas gracias a la señorita {STAFF_FIRST} que me atendió hoy en la mañana muy amable "
        "muy paciente que dios la bendiga",
        ES,
    ),
    (
        "praise",
        "As a payroll manager I have to say the employer line is great. Called {N} times this "
        "year and every time the person knew the answer right away.",
        {},
    ),
    (
        "praise",
        "Shoutout to the interstate worker who called me back at 7pm my time. Didn't expect that "
        "from a government office. Thank you 🙏",
        {},
    ),
    # --- allow: the agency's own contacts and public officials --------------------------------
    (
        "agency",
        "For the employers asking up thread: withholding questions go to {AGENCY_PHONE}, they "
        "answered me in under 5 minutes.",
        {},
    ),
    (
        "agency",
        "{TITLED_OFFICIAL} spoke at the tribal family services gathering on {EVENT_DATE}. Good to "
        "see the county actually show up.",
        {},
    ),
    (
        "agency",
        "can someone from the page confirm {AGENCY_EMAIL} is real? our payroll lady wants to "
        "email a question and doesn't trust it",
        {},
    ),
    # --- allow: criticism of the agency and the law --------------------------------------------
    (
        "criticism",
        "my mom has been dealing with this since I was in 3rd grade. I'm 19 now. whoever "
        "designed this system should be embarrassed",
        {},
    ),
    (
        "criticism",
        "Honestly the law should let kids have a say once they're 16. Nobody asked me anything "
        "and it's literally about me.",
        {},
    ),
    (
        "criticism",
        "We're a {N}-person company and your withholding paperwork takes our bookkeeper longer "
        "than the rest of payroll combined. Simplify the forms.",
        {},
    ),
    (
        "criticism",
        "I live out of state and you expect me to drive {N} hundred miles for a 9am hearing? Let "
        "people appear remotely. It's not 1995.",
        CS,
    ),
    (
        "criticism",
        "Tribal families get bounced between the tribal court and the county like a ping pong "
        "ball. Nobody owns the problem.",
        {},
    ),
    (
        "criticism",
        "La página sube fotos de eventos pero no contesta ni un mensaje. Publiquen menos y "
        "contesten más 📵",
        ES,
    ),
    (
        "criticism",
        "mis papás llevan {YEARS} años peleando por la manutención y ustedes nomás mandan cartas. "
        "yo ya ni las abro",
        ES,
    ),
    (
        "criticism",
        "vivo en otro estado y para ustedes es como si no existiera. ni correo, ni llamada, "
        "nada. qué poca",
        ES,
    ),
    (
        "criticism",
        "bro la neta the calculator on your website said one number and the judge used another "
        "one. explain that",
        MIX,
    ),
    # --- allow: warnings about scams ---------------------------------------------------------
    (
        "scam_warning",
        "Heads up: since {WEEKDAY} a fake account with this page's name and logo is replying to "
        "comments with a 'free case review' link. The real page admin will never DM you first 🚩",
        {},
    ),
    (
        "scam_warning",
        "Cuidado con un grupo de Telegram que dice que borra deudas de manutención. A mi prima "
        "le cobraron {SMALL_MONEY} por Cash App y luego la bloquearon.",
        ES,
    ),
    (
        "scam_warning",
        "PSA for employers: we got a fax 'from the State Disbursement Unit' with a new bank "
        "account to send withholding to. Fake. Call {AGENCY_PHONE} before you change anything.",
        {},
    ),
    # --- hide: profanity ---------------------------------------------------------------------
    ("criticism_profanity", "what the actual fuck is this portal", PROF),
    ("criticism_profanity", "#DCSS more like #DCShit 💩 {N} months no payment", PROF),
    (
        "criticism_profanity",
        "ya estuvo de pendejadas, contesten el pinche teléfono",
        {**PROF, "lang": "es"},
    ),
    # --- hide: threats -----------------------------------------------------------------------
    (
        "threat",
        "if my dad doesn't pay by my birthday im going to his job and wrecking his truck. dont "
        "test me",
        THREAT,
    ),
    (
        "threat",
        "deleting my comment won't save you. I know what time the {CITY} office closes and where "
        "the staff park 🙂",
        THREAT,
    ),
    (
        "threat",
        "voice text tell that caseworker if she takes my check one more time she better not be "
        "in the parking lot when I get there",
        {**THREAT, "case_specific": True},
    ),
    (
        "threat",
        "al que me vuelva a congelar la cuenta le voy a romper la cara, ya saben quién soy",
        {**THREAT, "lang": "es", "case_specific": True},
    ),
    # --- hide: harassment ----------------------------------------------------------------------
    (
        "harassment",
        "@{FIRST} replying since you keep tagging me: you're a bitter washed-up nobody and "
        "everyone in this thread can see it",
        HARASS,
    ),
    (
        "harassment",
        "@{FIRST} eres una vergüenza, todo el pueblo sabe que vives de sacarle dinero a la gente",
        {**HARASS, "lang": "es"},
    ),
    ("harassment", "You're a joke, and so is your ugly kid.", HARASS),
    # --- hide: scams on new channels -------------------------------------------------------------
    (
        "scam",
        "📢 Page admin here. Due to high volume we are doing case reviews in private messages "
        "only. DM the page admin your case number and date of birth to be added to the list.",
        SCAM,
    ),
    (
        "scam",
        "FREE case review 👉 dcss-case-review.help/start to see in 2 minutes if your arrears "
        "qualify for forgiveness. Offer ends {EVENT_DATE}.",
        SCAM,
    ),
    (
        "scam",
        "got my arrears from {MONEY} to zero with the Telegram group t.me/ArrearsReliefCA. ask "
        "for agent {FIRST}, 100% legit 💯",
        SCAM,
    ),
    (
        "scam",
        "send {SMALL_MONEY} to $CaseClearDesk on Cash App with your case number in the note and "
        "your license gets released same day. 100% real",
        SCAM,
    ),
    (
        "scam",
        "DM the page admin 📩 para una revisión gratis de su caso, only today, escriban INFO",
        {**SCAM, "lang": "mixed"},
    ),
    # --- hide: personal information --------------------------------------------------------------
    (
        "pii",
        "Payroll at {EMPLOYER} here. We have an order for {NAME} but the employee quit on "
        "{EVENT_DATE}. Who do we notify so it stops coming to us?",
        CD,
    ),
    (
        "pii",
        "my dad is {NAME} and he hasn't paid anything since I was {N}. im 17 now. can I report "
        "him myself?",
        CD,
    ),
    (
        "pii",
        "hi this is {NAME} calling about case number {CASE} period I need someone to call me "
        "back at {PHONE} period thank you",
        CS,
    ),
    (
        "pii",
        "buenas tardes mi nombre es {NAME} y mi número de caso es {CASE} quisiera saber por qué "
        "no me ha llegado el pago de este mes",
        CS_ES,
    ),
    (
        "pii",
        "(screenshot) Portal says: Case Number {CASE} | Next payment due {EVENT_DATE} | Status: "
        "DELINQUENT. I paid last week!! why does it say this",
        CS,
    ),
    (
        "pii",
        '> {NAME} wrote: "I pay every month, she\'s lying"\nYou paid ONE time in {YEARS} years. '
        "Stop.",
        CD,
    ),
    ("pii", "edit: wrong number above 🤦 it's {PHONE}, not the one ending in 12", {}),
    (
        "pii",
        "I'm done covering for him. {NAME}, {ADDR_FULL}. Works at {EMPLOYER}. Go get your money.",
        CD,
    ),
    (
        "pii",
        "ESTOY HARTA. {NAME}, nacido el {DOB_ES}, trabaja en {EMPLOYER_ES}. Ya les di todo y no "
        "hacen nada.",
        CD_ES,
    ),
    ("pii", "{SSN} — still nothing", CS),
    ("pii", "case {CASE} ??", CS),
    ("pii", "born {DOB} 💙", {}),
    ("pii", "escríbeme: {EMAIL}", ES),
    (
        "pii",
        "I'm enrolled with my tribe and so is my son {FIRST}. Our tribal court already ordered "
        "support, so why is the county opening a second case under {CASE}?",
        CS,
    ),
    (
        "pii",
        "#deadbeat #childsupport {NAME} from {CITY} owes {MONEY} and is posting vacation pics "
        "from {FAR} 🏖️",
        CD,
    ),
    (
        "pii",
        "[photo of my check with the numbers circled] routing {ROUTING} account {BANK} is where "
        "I want the payments from now on",
        CS,
    ),
    ("pii", "my Cash App card {CARD} got declined at the kiosk. does it only take Visa?", CS),
    (
        "pii",
        "the security email says someone signed into my portal from {IP}. that wasn't me. who "
        "do I call",
        CS,
    ),
    (
        "pii",
        "DL {DL} still shows suspended at the DMV even though your letter says released on "
        "{EVENT_DATE}",
        CS,
    ),
    (
        "pii",
        "Mi esposo no tiene seguro social, su ITIN es {ITIN}. ¿Con eso le pueden poner la orden?",
        ES,
    ),
    (
        "pii",
        "Ms. {LAST} at window 5 is the only reason I didn't give up. Please give that woman a "
        "raise!!",
        {},
    ),
    (
        "pii",
        "ya me regresé a México, ahora vivo en {CALLE}, ¿me pueden seguir mandando el dinero?",
        CS_ES,
    ),
    # --- hide: a third party's case facts -------------------------------------------------------
    (
        "case_third",
        "my dad literally started at {EMPLOYER} last month and told my mom he's unemployed. I saw "
        "his badge. I'm 16 not stupid",
        CD,
    ),
    (
        "case_third",
        "mi papá vive en {FAR} y trabaja en {EMPLOYER_ES}, mi mamá no sabe que yo sé. ella nomás "
        "llora cuando llegan las cartas",
        CD_ES,
    ),
    (
        "case_third",
        "lol he deleted his comment but I screenshotted it: he makes {MONEY} a month doing roofs "
        "in {FAR}, cash only",
        CD,
    ),
    (
        "case_third",
        "su papá works at {EMPLOYER} pero le pagan cash los weekends so he says he only makes "
        "minimum",
        CD_MIX,
    ),
    # --- review: the writer's own case facts -----------------------------------------------------
    (
        "case_self",
        "Tengo la custodia de mis dos niños desde {EVENT_DATE} pero la orden todavía dice que yo "
        "pago. ¿Cómo se arregla eso?",
        {**REVIEW_SELF, "lang": "es", "case_specific": True},
    ),
    (
        "case_self",
        "I moved to {FAR} for work and my order is still based on California wages. I make way "
        "less out here.",
        {**REVIEW_SELF, "case_specific": True},
    ),
    (
        "case_self",
        "ok voice to text bc my hands are full but I owe {MONEY} and I just started at "
        "{EMPLOYER} do they take it automatically or do I have to tell them",
        {**REVIEW_SELF, "case_specific": True},
    ),
    (
        "case_self",
        "correction, I owe {MONEY}, not what I said before. still way more than I can pay on "
        "what I make now",
        {**REVIEW_SELF, "case_specific": True},
    ),
    # --- health: someone else's hides, the writer's own goes to review -------------------------
    (
        "medical_third",
        "my little brother has {COND} and my mom is doing everything alone. I'm 17 and I do his "
        "meds after school because his dad won't help",
        {},
    ),
    ("medical_third", "mi ex tiene {COND_ES} y ya no trabaja, pero con eso no comen los niños", ES),
    (
        "medical_third",
        "HR question: one of our employees told us he has {COND} and will be on leave for 3 "
        "months. Does the withholding order still apply to his disability pay?",
        {},
    ),
    (
        "medical_self",
        "i have {COND} and missed the hearing because I was in the hospital. is that a reason to "
        "reopen it",
        {**REVIEW_MED, "case_specific": True},
    ),
    (
        "medical_self",
        "me operaron por {COND_ES} y voy a estar {N} meses sin trabajar, ¿cómo pido que bajen "
        "la cantidad?",
        {**REVIEW_MED, "lang": "es", "case_specific": True},
    ),
    (
        "medical_self",
        "edit: it's {COND}, not what I wrote before. the doctor changed the diagnosis. does my "
        "modification need a new letter?",
        {**REVIEW_MED, "case_specific": True},
    ),
]

"""Seventh held-out set: written blind, by a fifth writer who had not seen the engine.

The writer read only the corpus format, the labelling rules in ``templates_dev`` and the
other template files (to avoid their shapes and voices), never the detection code, its word
lists, its documentation, its tests or its benchmark results, and did not run the engine on
these comments. The voices are new: grandparents on fixed incomes; over-the-road truck
drivers, oil-field hands and seasonal workers; nurses, CNAs and other night-shift workers;
young parents who aged out of foster care; Central Valley farmworker families; Punjabi,
Vietnamese, Filipino, Armenian, Hmong and Samoan families writing in English as a second
language (a greeting or a closing word in their own language); Chicano Spanish and
Spanglish from Los Angeles, Honduran Spanish ("ideay", "bicho", "a la gran", "va pues") and
Venezuelan Spanish ("chamo", "vaina", "ladilla", "burda"); comments that quote a text
message or an e-mail word for word; comments with line breaks and bullet points; people
tagging relatives, and people replying to one another in a thread with an @ or a full name;
sarcastic jokes about the lobby and the hold time that are not threats, next to veiled
threats that are; people reporting scams, next to scams on new channels (Telegram, Venmo,
a "processing fee" by Zelle, a fake "DCSS refund portal", a worker impersonated on
WhatsApp); numbers written oddly (slashes, spaces, "ext.", digits spelled out in Spanish,
an e-mail address spelled "at ... dot"), and the agency's own number written with dots;
dates of birth written as "3rd of May 2016", "05.03.16" (day first) or "mayo 3 del 2016";
health conditions in plain words ("the sugar", "los riñones") and in Spanish; and insults
that use no swear word at all. Values come from the ``heldout7`` pools (names, streets,
cities, far places, calles, employers and conditions shared with no other split). Same
labelling rules and slot syntax as ``templates_dev``.
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
    # --- allow: grandparents, drivers, seasonal and shift workers asking in general -----------
    (
        "question",
        "Question from a grandma on Social Security: if I start getting child support for my "
        "grandkids, does it count as MY income for senior housing rent or for SSI? I don't want "
        "to lose my apartment over {SMALL_MONEY}",
        {},
    ),
    (
        "question",
        "OTR driver here, out {N} weeks at a time. If I ever get a hearing can I call in from a "
        "truck stop or does it have to be in person? Asking before it happens, not trying to "
        "dodge nothing",
        {},
    ),
    (
        "question",
        "How does the guideline handle seasonal money? Oil field turnarounds, harvest, that kind "
        "of work where you make good money {N} months and then nothing. Do they average the "
        "whole year or take your best month?",
        {},
    ),
    (
        "question",
        "Night shift nurse here, I sleep 9am to 4pm 😴 is there ANY way to get a callback after "
        "5 or a {WEEKDAY} appointment? your hours are literally my sleep hours",
        {},
    ),
    (
        "question",
        "General question: is support figured on gross or take-home? Like if a nurse makes "
        "$62/hr base plus a night differential and picks up {N} extra shifts a month, is the "
        "differential counted too?",
        {},
    ),
    (
        "question",
        "I aged out of foster care and never had anybody show me how any of this works. Is "
        "there someone at the {CITY} office who helps former foster youth with the paperwork? "
        "I'm 19 and I don't want to mess it up",
        {},
    ),
    (
        "question",
        "¿Cómo calculan la manutención para la gente que trabaja en el campo por temporada? En "
        "invierno son como {N} meses sin trabajo y la orden sigue igual todo el año",
        ES,
    ),
    # --- allow: families writing in English as a second language ------------------------------
    (
        "question",
        "Sat Sri Akal ji. One question for our community in {CITY}: support order made by a "
        "court in India, it is valid in California or we need to open new case here? Many "
        "families asking this at gurdwara. Kindly guide 🙏",
        {},
    ),
    (
        "question",
        "Xin chào, I help my mother read the letter from {EVENT_DATE}. It say 'Notice of "
        "Intent' on top. Is it mean they will take money now or only a warning? Thank you so "
        "much for answer",
        CS,
    ),
    (
        "question",
        "Hello po! Just want to ask po if we can apply online even if the father is abroad, "
        "like in the Philippines or Middle East? Salamat po 🙏",
        {},
    ),
    (
        "question",
        "Barev dzez. My English is not so good. In our church in {CITY} many people ask: if "
        "father pay the support cash, hand to hand, this is counted or not counted? Need a "
        "receipt? Shnorhakalutyun",
        {},
    ),
    (
        "question",
        "Nyob zoo. I am asking for my parents because they only speak Hmong. Does the {CITY} "
        "office have a Hmong interpreter on {WEEKDAY}s or we should bring our own? Ua tsaug",
        {},
    ),
    (
        "question",
        "Talofa lava! Question for big families like ours 😊 if the kids rotate between "
        "grandma's house and {N} aunties' houses, how do you count custody time for support? "
        "Fa'afetai",
        {},
    ),
    # --- allow: Chicano, Honduran and Venezuelan Spanish --------------------------------------
    (
        "question",
        "órale quick question, if the baby's dad signs the paternity paper at the hospital, "
        "¿todavía hay que hacer la prueba de ADN or is that enough? asking for the homegirls "
        "in {CITY}",
        MIX,
    ),
    (
        "question",
        "Buenas, ¿ideay? ¿Ustedes le pueden cobrar la manutención a alguien que se regresó a "
        "Honduras o eso ya no se puede? Pregunto por una amiga catracha",
        ES,
    ),
    (
        "question",
        "Buenas chamos, ¿la sentencia de manutención que me dieron en Venezuela vale aquí o "
        "tengo que abrir un caso nuevo? Llegué hace {N} meses y aquí todo es una vaina distinta 😅",
        CS_ES,
    ),
    # --- allow: event replies, tips, thread replies without names -----------------------------
    (
        "info",
        "• {EVENT_DATE} clinic = 9 to noon\n• bring ID + your last {N} pay stubs\n• parking "
        "behind the library is free\n• Spanish AND Punjabi interpreters (the desk told me)",
        {},
    ),
    (
        "info",
        "For the truckers asking up thread: I drive too. You can ask for a phone appearance, "
        "just ask early, like {N} weeks before, and keep your phone charged lol",
        {},
    ),
    (
        "info",
        "Thank you for having a Hmong interpreter at the {EVENT_DATE} workshop! My parents "
        "asked {N} questions, first time they ever spoke up at one of these 🥹",
        {},
    ),
    # --- allow: the agency's own contacts and public officials --------------------------------
    (
        "agency",
        'Copying the email they sent me so people stop guessing:\n"Please mail all '
        "documents to {AGENCY_ADDR}. For questions call {AGENCY_PHONE}, Monday through "
        'Friday."\nso there you go',
        {},
    ),
    (
        "agency",
        "the REAL number is 866.901.3212 not the one in that ad going around. i called it "
        "myself on {WEEKDAY}, a real person picked up after {N} min",
        {},
    ),
    (
        "agency",
        "Went to 2450 Meridian Ave, Suite 100 on {WEEKDAY}. Guard said the Punjabi interpreter "
        "is only there mornings. FYI for the aunties in our group",
        {},
    ),
    (
        "agency",
        "{TITLED_OFFICIAL} came to the farmworker forum in {CITY} and stayed until every "
        "question got answered, even the ones in Mixteco. Respect 🙏🏽",
        {},
    ),
    (
        "agency",
        "Tagging the people who can actually fix this: {OFFICIAL}, {TITLED_OFFICIAL}. The "
        "phone line has been dead since {EVENT_DATE}",
        {},
    ),
    (
        "agency",
        "@Del Oro County DCSS can you confirm {AGENCY_PHONE} is the right number for the "
        "Vietnamese line? my mom's letter has a different one",
        {},
    ),
    # --- allow: praise ------------------------------------------------------------------------
    (
        "praise",
        "Trucker here. {STAFF_FIRST} stayed on the phone with me at 7:55 pm while I was parked "
        "at a truck stop off the 5 so I could finish the form. Above and beyond, thank you",
        {},
    ),
    (
        "praise",
        "Gracias a {STAFF_FIRST} que me explicó todo con paciencia, vengo de Honduras y no "
        "entendía nada del sistema de aquí. Dios le pague 🙏",
        ES,
    ),
    (
        "praise",
        "former foster kid here. first time a government office ever treated me like a person. "
        "{STAFF_FIRST} at window {N}, you didn't have to be that kind. thank you",
        {},
    ),
    # --- allow: criticism, however angry, and sarcasm that is not a threat --------------------
    (
        "criticism",
        "I AM 74 YEARS OLD. I DO NOT HAVE A SMARTPHONE. STOP TELLING ME TO 'JUST UPLOAD IT TO "
        "THE PORTAL'. Some of us still use stamps. {N} letters mailed and not one answer",
        {},
    ),
    (
        "criticism",
        "Shift workers exist. Nurses, truckers, plant workers, we can't call 8 to 5 on a "
        "{WEEKDAY}. Open a line after 6 or stop pretending you serve everybody",
        {},
    ),
    (
        "criticism",
        "at this point I should be billing yall for my hold time. {N} hours at my overtime "
        "rate and you owe ME money 😂",
        {},
    ),
    # A joke about moving into the lobby: not a threat.
    (
        "criticism",
        "lol ima just move into the lobby at this point. bringing a sleeping bag, a crockpot of "
        "pozole and the whole family. see y'all {WEEKDAY} 🏕️",
        {},
    ),
    (
        "criticism",
        "You kept my grandkids' support 'on hold' for {N} months over a typo YOUR office made. "
        "On a fixed income that's groceries. Fix your process.",
        CS,
    ),
    (
        "criticism",
        "Aged out of foster care and now I'm back in the system from the other side. Same lost "
        "paperwork, same nobody calls back, {YEARS} years later. Some things never change",
        {},
    ),
    (
        "criticism",
        "Los del campo no podemos faltar a la pizca para una cita a las 10 de la mañana. Si no "
        "trabajamos no comemos. Pongan citas después de las {N} de la tarde o los sábados",
        ES,
    ),
    (
        "criticism",
        "ese la neta this office is bien gacho. {N} hours in line and the lady tells me come "
        "back mañana. who does that",
        MIX,
    ),
    (
        "criticism",
        "Qué ladilla, chamo. {N} semanas esperando una llamada y nada. En mi país la "
        "burocracia era mala pero esto es otro nivel",
        ES,
    ),
    (
        "criticism",
        "A la gran, ¿y para qué tienen teléfono si nunca contestan? Ya van {N} días que llamo "
        "y nada, va pues",
        ES,
    ),
    (
        "criticism",
        "Our Hmong elders have asked for letters in Hmong for {YEARS} years. English and Spanish "
        "only, every time. How many more years do we have to ask?",
        {},
    ),
    (
        "criticism",
        "Governor Newsom signs a new budget every year and this office still can't answer a "
        "phone. Where does the money go? Not to the kids in {CITY}, that's for sure",
        {},
    ),
    # --- allow: warnings about scams ----------------------------------------------------------
    (
        "scam_warning",
        'Got this text today, copying it exactly:\n"DCSS: You have an unclaimed child support '
        "refund of {MONEY}. Claim at dcss-refund-portal.com before {EVENT_DATE} or it will be "
        "returned to the state.\"\nThis is fake right?? there's no refund portal",
        {},
    ),
    (
        "scam_warning",
        "Warning for Punjabi and Sikh families: a man is calling uncles and aunties saying he "
        "is from 'California child support' and asking {SMALL_MONEY} processing fee on Zelle. "
        "SCAM. Hang up and call {AGENCY_PHONE}",
        {},
    ),
    (
        "scam_warning",
        "Cuidado raza, hay un supuesto 'licenciado' en Telegram cobrando {SMALL_MONEY} por "
        "Venmo para 'bajar la deuda'. Mi carnal le pagó y luego lo bloqueó. No caigan",
        ES,
    ),
    # --- hide: thread replies and tags that name a private person -----------------------------
    (
        "pii",
        "@{NAME} saw your comment about the truck stop hearing, same exact thing happened to me "
        "on {EVENT_DATE}. call them early, trust me",
        {},
    ),
    (
        "pii",
        "{NAME} you're right about the night hours, I'm a CNA and I gave up calling. want to go "
        "to the {EVENT_DATE} meeting together?",
        {},
    ),
    (
        "pii",
        "@{NAME} @{NAME2} 👀 this is the workshop I told yall about. grandma can't drive so one "
        "of you take her on {EVENT_DATE}",
        {},
    ),
    # --- hide: a text message or an e-mail quoted word for word -------------------------------
    (
        "pii",
        'his text to me last night, word for word:\n"i quit {EMPLOYER} so they cant take '
        'nothing, good luck"\nhis number is {PHONE} if my worker wants to ask him herself',
        CD,
    ),
    # --- hide: numbers written oddly ----------------------------------------------------------
    (
        "pii",
        "pls call me back, cell is {=PHONE_NUMBER:559 / 302 / 8814} after {N}pm, I drive days",
        {},
    ),
    (
        "pii",
        "no me deja poner números así que ahí va: {=PHONE_NUMBER:seis seis uno, cuatro siete "
        "dos, cero nueve tres ocho}. llámenme después de las {N}, ando en el fil",
        ES,
    ),
    # The span is the dialable number; the extension is left out.
    (
        "pii",
        "Nurse here, can't have my cell on the floor. Call the unit at {PHONE} ext. 4410 and ask "
        "for {FIRST}, I'm on nights through {EVENT_DATE}",
        CS,
    ),
    (
        "pii",
        "They keep saying they can't find me. Fine. Social is {=US_SSN:548 - 21 - 7736}, born "
        "{=DATE_OF_BIRTH:9 Aug 88}. I'm on the road {N} weeks at a time so text only",
        CS,
    ),
    (
        "pii",
        "case number is {=CASE_NUMBER:2000 4471 0938} (spaces bc the app keeps turning it into a "
        "phone number lol). why did my payment drop to half on {EVENT_DATE}?",
        CS,
    ),
    (
        "pii",
        "the portal won't take my login, email me instead: {=EMAIL_ADDRESS:paj.xyooj94 at gmail "
        "dot com} (spelled out so the bots don't grab it). tried {N} times",
        CS,
    ),
    # --- hide: dates of birth written in many styles ------------------------------------------
    (
        "pii",
        "my son {FIRST} was born the {=DATE_OF_BIRTH:3rd of May 2016} and his dad has never "
        "once sent a birthday card",
        {},
    ),
    (
        "pii",
        "My daughter {NAME}, born {=DATE_OF_BIRTH:05.03.16} (Vietnam style, day first, so 5 "
        "March). Her father not paying anything since she is small baby. Please help how to "
        "start",
        {},
    ),
    (
        "pii",
        "mi niña {FIRST} nació el {=DATE_OF_BIRTH:mayo 3 del 2016} y su papá ni se acuerda, ya "
        "ni le llama",
        ES,
    ),
    # --- hide: other identifiers --------------------------------------------------------------
    (
        "pii",
        "Chamo, llegué con TPS y todavía no tengo social, solo el ITIN {ITIN}. ¿Con eso puedo "
        "recibir el depósito o me toca esperar? Ya tengo {N} meses aquí",
        CS_ES,
    ),
    (
        "pii",
        "I'm 68 on a fixed income and raising {FIRST} (born {DOB}). We're at {ADDR_FULL}. "
        "Please mail the application here, I don't have a computer",
        {},
    ),
    (
        "pii",
        "Foster care alum, first bank account of my life 🥲 account {BANK}, routing "
        "{ROUTING}. can the support go there instead of the card?",
        CS,
    ),
    (
        "pii",
        "• paid at the kiosk {EVENT_DATE}\n• card {CARD}\n• got charged twice\n• nobody "
        "answers at {AGENCY_PHONE}\nwho do I talk to??",
        CS,
    ),
    (
        "pii",
        "CDL {DL}. I'm a trucker, if it stays suspended I can't work and then I REALLY can't "
        "pay. Paid the balance on {EVENT_DATE}, is it released or not?",
        CS,
    ),
    (
        "pii",
        "my nephew set up my account and now the security page shows logins from {IP} and "
        "{IP2}. I'm 77, I don't know what that means. Is somebody in my account?",
        CS,
    ),
    # "Mrs." is an honorific, so honorific + surname is a PERSON.
    (
        "pii",
        "Mrs. {LAST} at the {CITY} office told my 79 year old father to come back with a "
        "translator. He is Armenian. The translator was ME, standing right there.",
        {},
    ),
    # --- hide: relatives and exes named, with their whereabouts or work -----------------------
    (
        "pii",
        "Talofa, posting for my uncle: his case is {CASE}, he moved back to {FAR} and wants to "
        "know where to send payments from there. His email is {EMAIL}",
        {**CD, "case_specific": True},
    ),
    (
        "pii",
        "El papá de mi bicho se llama {NAME}, vive por {ADDR_FULL} y trabaja en {EMPLOYER_ES}. "
        "Ya se los dije {N} veces, ideay, ¿qué más necesitan?",
        CD_ES,
    ),
    # --- hide: a third party's case facts -----------------------------------------------------
    (
        "case_third",
        "my grandson's mother works nights at {EMPLOYER} and makes more than my husband's and "
        "my Social Security put together. and she pays nothing",
        CD,
    ),
    (
        "case_third",
        "his cousin told me he's out in {FAR} working turnarounds for {MONEY} a month. "
        "meanwhile your system says 'no income' 🙄",
        CD,
    ),
    (
        "case_third",
        "She's been in the county jail in {CITY} since {EVENT_DATE}. My parents (the kids' "
        "grandparents) are feeding them on their pension now.",
        CD,
    ),
    (
        "case_third",
        "My ex-husband have nail salon business in {FAR}, he say no income but he just buy new "
        "Lexus. How the county don't see that?",
        CD,
    ),
    # --- review: the writer's own case facts --------------------------------------------------
    (
        "case_self",
        "I run team OTR, home {N} days a month. My order is {SMALL_MONEY} and I never missed, "
        "but now they say I owe {MONEY} from when I was in CDL school. Is that right?",
        {**REVIEW_SELF, "case_specific": True},
    ),
    (
        "case_self",
        "I'm 70, on Social Security, and I've had my daughter's {N} kids since she passed. "
        "{SMALL_MONEY} a month from their dad, when he feels like it. That's all we get.",
        {**REVIEW_SELF, "case_specific": True},
    ),
    (
        "case_self",
        "Trabajo en {EMPLOYER_ES} nomás de marzo a octubre y en invierno cobro desempleo. La "
        "orden me la pusieron con lo que gano en verano. ¿Se puede cambiar?",
        {**REVIEW_SELF, "lang": "es", "case_specific": True},
    ),
    # --- health: someone else's hides, the writer's own goes to review ------------------------
    (
        "medical_third",
        "the kids' dad says he has {=MEDICAL:the sugar} real bad and can't work, but he's out "
        "fishing every {WEEKDAY} 🎣",
        {},
    ),
    (
        "medical_third",
        "A mi hijo le detectaron {COND_ES} y su papá ni pregunta. Yo trabajo en el campo y no "
        "me alcanza para las medicinas",
        ES,
    ),
    (
        "medical_third",
        "mi mamá está mala de {=MEDICAL:los riñones} y ya no puede cuidar a los niños mientras "
        "yo trabajo de noche {N} veces por semana. ¿Eso cambia algo?",
        ES,
    ),
    (
        "medical_self",
        "Got {=MEDICAL:valley fever} after {N} summers in the fields, doctor says no more field "
        "work. Can my order be lowered while I find something else?",
        {**REVIEW_MED, "case_specific": True},
    ),
    (
        "medical_self",
        "I'm a trucker and DOT pulled my medical card over {COND}. No card, no job. What do I "
        "file so the order matches?",
        {**REVIEW_MED, "case_specific": True},
    ),
    (
        "medical_self",
        "Aged out of foster care, {N} months {=MEDICAL:pregnant} at 19 and scared. How do I "
        "start a case before the baby comes?",
        REVIEW_MED,
    ),
    # --- hide: veiled and direct threats ------------------------------------------------------
    (
        "threat",
        "I drive an 80,000 lb truck for a living. Parking lots are dangerous places. Tell "
        "whoever froze my account on {EVENT_DATE} to look both ways.",
        {**THREAT, "case_specific": True},
    ),
    (
        "threat",
        "We work with fire and pressure on the rigs all day. One spark in the wrong building "
        "is all it takes. Keep taking my checks and find out.",
        {**THREAT, "case_specific": True},
    ),
    (
        "threat",
        "My cousins already know which worker has my file and what she drives. Don't be "
        "surprised, that's all I'm saying. {N} days.",
        THREAT,
    ),
    (
        "threat",
        "ya sabemos dónde vive el que lleva mi caso, ese. nomás sigan jugando con el cheque de "
        "mis hijos y van a ver",
        {**THREAT, "lang": "es", "case_specific": True},
    ),
    (
        "threat",
        "@{NAME} enjoy the new job at {EMPLOYER}. I know your shift ends at 11 and I know that "
        "lot has no cameras.",
        {"categories": ["case_details", "threat"]},
    ),
    # --- hide: harassment, mostly with no swear word ------------------------------------------
    (
        "harassment",
        "@{FIRST} you have the brains of a fence post and the personality of a wet paper "
        "towel. sit down.",
        HARASS,
    ),
    (
        "harassment",
        "the clerk at window {N} is a walking waste of oxygen with a name tag",
        HARASS,
    ),
    (
        "harassment",
        "esa vieja de la ventanilla {N} es una mosca muerta y una arrastrada, todos saben cómo "
        "consiguió el puesto",
        {**HARASS, "lang": "es"},
    ),
    (
        "harassment",
        "half the staff at the {CITY} office can barely speak English. go back to your rice "
        "paddies and let Americans have those jobs",
        HARASS,
    ),
    # --- hide: profanity ----------------------------------------------------------------------
    (
        "criticism_profanity",
        "coño, {N} meses y la vaina sigue igual. esta oficina es una mierda",
        {**PROF, "lang": "es"},
    ),
    (
        "criticism_profanity",
        "14 hr shift and then {N} hrs on hold. fuck this whole system honestly",
        PROF,
    ),
    # --- hide: scams and impersonation --------------------------------------------------------
    (
        "scam",
        "⚠️ DCSS REFUND NOTICE ⚠️ Overpayments made before {EVENT_DATE} are being returned. Log "
        "in at dcss-refund-portal.com with your case number and SSN to claim. Limited time.",
        SCAM,
    ),
    (
        "scam",
        "I work in the state disbursement office. There's a {SMALL_MONEY} processing fee to "
        "release held payments, send it by Zelle to {EMAIL} and put your case # in the memo",
        SCAM,
    ),
    (
        "scam",
        "Join our Telegram @DelOroSupportDesk 📲 a real caseworker answers 24/7 and can lower "
        "your order in {N} days. Serious parents only",
        SCAM,
    ),
    (
        "scam",
        "Venmo @ArrearsRelief-CA {SMALL_MONEY} and I'll get your CDL unsuspended by {WEEKDAY}. "
        "Ask the truckers in my group, done {N} already",
        SCAM,
    ),
    (
        "scam",
        "Hola, soy {STAFF_FIRST} de la oficina de Del Oro. Por tantas llamadas estamos atendiendo "
        "por WhatsApp al {PHONE}. Manden foto de su ID y su número de caso",
        {**SCAM, "lang": "es"},
    ),
]

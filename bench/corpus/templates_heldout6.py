"""Sixth held-out set: written blind, by a fourth writer who had not seen the engine.

The writer read only the corpus format, the labelling rules in ``templates_dev`` and the
other template files (to avoid their shapes and voices), never the detection code, its word
lists, its documentation, its tests or its benchmark results, and did not run the engine on
these comments. The voices are new: aunts, lolos and lolas and other kinship caregivers;
reservists, Guard members and the spouses of deployed service members; families of a parent
in prison or jail, and people just released; domestic-violence survivors worried about their
address (Safe at Home), some asking in general and some disclosing; parents living on SSI or
SSDI; paralegals and family-law attorneys asking procedural questions; foster (resource)
parents; comments that paste a notice, a kiosk receipt or a lobby flyer line by line, and
comments written as lists; numbers spelled out in words or spaced digit by digit to get past
a filter, a work number with an extension, and Mexican (+52) numbers; social-media handles
and a profile link posted to dox a private person, and tagging someone to shame them;
replies to the agency's own event posts (job fair, backpack giveaway, holiday closure);
one-star-review rants; sarcasm that sounds violent but is not, next to real veiled threats;
Salvadoran and Guatemalan Spanish (voseo, "cipotes", "pisto", "patojos") and Oaxacan
(Mixteca) voices; Spanglish; English run through a machine translator; and scams (a fake
federal grant, a "forgiveness program", crypto) next to harmless self-promotion. Values
come from the ``heldout6`` pools (names, streets, cities, far places, calles, employers and
conditions shared with no other split). Same labelling rules and slot syntax as
``templates_dev``.
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
    # --- allow: kinship caregivers, military families, families of someone inside -----------
    (
        "question",
        "Auntie here, not the mom 🙋🏽‍♀️ If a relative is raising a kid with no court papers at "
        "all, can the relative open a case, or do we need guardianship first?",
        {},
    ),
    (
        "question",
        "Reservist spouse asking: when a reservist gets activated for {N} months and the pay "
        "goes up, does that have to be reported, or does the order only count the civilian job?",
        {},
    ),
    (
        "question",
        "quick pregunta, if the other parent is in the military do we still go through ustedes "
        "or through the base? nadie me sabe decir",
        MIX,
    ),
    (
        "question",
        "Does support keep adding up while a parent is in state prison? Asking for the families "
        "in our visiting-room support group, it comes up every {WEEKDAY}.",
        {},
    ),
    (
        "info",
        "For families with someone inside: in CA an order can be suspended when a parent is "
        "locked up more than 90 days, but make sure somebody actually checks it happened. Call "
        "{AGENCY_PHONE} and ask.",
        {},
    ),
    # --- allow: survivors and disabled parents asking in general ---------------------------
    (
        "question",
        "For survivors: does your office accept the Safe at Home substitute address on "
        "applications? I volunteer at a shelter in {CITY} and the moms ask us this constantly.",
        {},
    ),
    (
        "question",
        "¿Si una tiene orden de restricción, la otra parte puede ver la dirección que una pone "
        "en los papeles de manutención?",
        ES,
    ),
    (
        "question",
        "Can support be taken out of SSI? I know SSDI is different but nobody ever explains why. "
        "General question for a disability rights workshop on {EVENT_DATE}.",
        {},
    ),
    # A condition named in general, attributed to nobody: not a MEDICAL entity.
    (
        "question",
        "Is there an add-on in the guideline for kids with special needs, like autism therapy or "
        "a wheelchair van? General question, I'm putting together a handout for our parent group.",
        {},
    ),
    # --- allow: paralegals, attorneys, foster parents ----------------------------------------
    (
        "question",
        "Paralegal here. When the local child support agency is a party, do we serve the agency "
        "at {AGENCY_ADDR} or does e-service through the court count? The local rules page isn't "
        "clear.",
        {},
    ),
    (
        "question",
        "Family law attorney asking: what's the realistic turnaround on an arrears audit right "
        "now? I have several hearings calendared for {EVENT_DATE} and want to give clients an "
        "honest estimate.",
        {},
    ),
    (
        "question",
        "New resource (foster) parents here. Does the county automatically open support against "
        "the bio parents when a kid is placed, and are we supposed to get any notices?",
        {},
    ),
    # --- allow: replies to the agency's event posts -------------------------------------------
    (
        "info",
        "Replying to the job fair post for {EVENT_DATE}: is it only for parents with open cases "
        "or can anyone come? My nephew just turned 18 and is looking for work",
        {},
    ),
    (
        "info",
        "backpack giveaway 🎒 do the kids have to be there or can grandma pick up for {N} kids? "
        "and is it first come or do we register",
        {},
    ),
    (
        "info",
        "ok so closed {EVENT_DATE} for the holiday, got it. does the payment kiosk in the lobby "
        "still work that day or is the whole building locked?",
        {},
    ),
    (
        "praise",
        "Went to the job fair on {EVENT_DATE} and got a second interview with the transit agency "
        "🙌 thank you for putting that together, seriously",
        {},
    ),
    (
        "praise",
        "the backpack giveaway was the bomb 💣 my kids are still talking about the face painting. "
        "thank you {STAFF_FIRST} and the whole team!",
        {},
    ),
    (
        "info",
        "¿el evento de las mochilas del {EVENT_DATE} es nomás para los de {CITY} o puede ir "
        "cualquiera? vivimos retirado pero vamos",
        ES,
    ),
    # --- allow: the agency's own contacts and public officials ------------------------------
    (
        "agency",
        "Copy of the flyer in the lobby for anyone who can't read the photo:\n{AGENCY_ADDR}\n"
        "Phone: {AGENCY_PHONE}\nEmail: {AGENCY_EMAIL}\nMon–Fri 8–5, closed state holidays",
        {},
    ),
    (
        "agency",
        "for the lady asking about the extension: call {AGENCY_PHONE}, press 2, then 3 for "
        "Spanish. don't press 0 it hangs up on you lol",
        {},
    ),
    (
        "agency",
        "{TITLED_OFFICIAL} said at the town hall that Safe at Home survivors can use the PO box "
        "on every form. Can the page confirm that's actual policy now?",
        {},
    ),
    # --- allow: one-star reviews, sarcasm that only sounds violent, criticism of the law ------
    (
        "criticism",
        "★☆☆☆☆\nParking: none\nWait: {N} hours\nPhone: busy signal\nStaff: tired\nWould not "
        "recommend to my worst enemy",
        {},
    ),
    (
        "criticism",
        "Rating this office: 0/10. {YEARS} years, {N} caseworkers, zero results. Update: still "
        "zero.",
        CS,
    ),
    # Sarcasm: "killing me" is about hold music, not a threat.
    (
        "criticism",
        "if I hear that hold music one more time I'm going to lose it. {N} hours today. it is "
        "slowly killing me 💀",
        {},
    ),
    (
        "criticism",
        "I will die of old age before anybody at the {CITY} office calls me back. Put it on my "
        "headstone: 'she was on hold'.",
        {},
    ),
    (
        "criticism",
        "The law says incarcerated parents can get their orders suspended, but nobody tells the "
        "families. By the time anyone finds out, thousands have piled up. Fix the notice process.",
        {},
    ),
    (
        "criticism",
        "Reading these comments is depressing. Every single post is somebody begging for a "
        "callback. {OFFICIAL} should be embarrassed.",
        {},
    ),
    # The writer's deployment is mentioned, but the comment is a complaint about the agency,
    # with no amounts, debts or other case facts: criticism, allowed.
    (
        "criticism",
        "bro I was deployed {N} months and came home to find the paperwork my unit sent was never "
        "even opened. thank you for your service I guess 🙃",
        CS,
    ),
    (
        "criticism",
        "Mirá, yo entiendo que hay mucha gente, pero {N} horas esperando con los cipotes en el "
        "lobby no es justo, vaya. Pongan más ventanillas.",
        ES,
    ),
    (
        "criticism",
        "Ustedes dicen 'estamos para servirle' pero mandan las cartas en puro inglés a gente que "
        "habla mixteco. Así quién les entiende. Ya van {N} cartas.",
        ES,
    ),
    # --- allow: harmless self-promotion (no deception, no fee to "fix" a case) ---------------
    (
        "info",
        "Not selling anything 🙂 I started a free dads' support group at the library in {CITY}, "
        "{WEEKDAY}s at 6. Bring coffee or don't, just come.",
        {},
    ),
    (
        "info",
        "Shameless plug: I do tax returns in {CITY}, {SMALL_MONEY} flat for W-2s, walk-ins on "
        "{WEEKDAY}s. Not affiliated with the agency, just a mom trying to help other parents get "
        "their refunds right.",
        {},
    ),
    # --- allow: Central American and Oaxacan Spanish, machine-translated English -------------
    (
        "question",
        "Buenas, ¿vos sabés si en la oficina de {CITY} hay alguien que hable mam o k'iche'? Mi "
        "cuñada no habla bien el español.",
        ES,
    ),
    (
        "question",
        "paisanos de la Mixteca, ¿alguien sabe si dan intérprete en mixteco para la audiencia o "
        "hay que llevar uno? la mía es el {EVENT_DATE}",
        CS_ES,
    ),
    (
        "question",
        "Hello respected office. Please kindly inform, the support money can it be send to bank "
        "of foreign country? My English is not good, sorry for mistake. Thank you very much.",
        {},
    ),
    # --- allow: lists, case-specific questions without personal data ------------------------
    (
        "question",
        "Questions for the Q&A on {EVENT_DATE}, posting early so I don't forget:\n1. can an order "
        "be paused during incarceration\n2. do grandparents get notified about hearings\n3. will "
        "there be Spanish AND Mixteco interpreters",
        {},
    ),
    (
        "question",
        "how do I find out who my new caseworker is? got a letter saying it changed but there's "
        "no name on it",
        CS,
    ),
    (
        "question",
        "¿Cómo sé si ya recibieron los papeles que mandé por correo el {EVENT_DATE}? Nadie "
        "contesta.",
        CS_ES,
    ),
    # --- allow: warnings about scams -----------------------------------------------------------
    (
        "scam_warning",
        "Anyone else seeing ads for a 'Child Support Forgiveness Program'? Pretty sure that's not "
        "a real thing. Page admin, can you confirm?",
        {},
    ),
    (
        "scam_warning",
        "No le den click a lo de la 'beca federal para madres solteras' de {MONEY}, es fraude. A "
        "mi vecina le vaciaron la cuenta.",
        ES,
    ),
    # --- hide: pasted notices, receipts and lists ----------------------------------------------
    # The amount due is the writer's own debt, a case fact (as in the case_self templates).
    (
        "pii",
        "got this in the mail today, can someone explain what it means?? copying it exactly:\n\n"
        "NOTICE OF SUPPORT DEBT\nCase No.: {CASE}\nParticipant ID: {CASE2}\nName: {NAME}\n"
        "Date of Birth: {DOB}\nAmount Due: {MONEY}\n\ni never got any first notice",
        {**CD, "case_specific": True},
    ),
    (
        "pii",
        "me llegó esta carta y no le entiendo:\nAVISO DE AUDIENCIA\nNúmero de caso: {CASE}\n"
        "Nombre: {NAME}\nFecha de nacimiento: {DOB_ES}\nFecha de la audiencia: {EVENT_DATE}\n"
        "¿tengo que ir o mando a alguien?",
        CS_ES,
    ),
    (
        "pii",
        "stuff I have ALREADY given yall, for the record:\n- pay stubs ({N} months)\n- my social "
        "{SSN}\n- both birth certificates\n- new address {ADDR_FULL}\nwhat else could you "
        "possibly need",
        CS,
    ),
    (
        "pii",
        "receipt from the kiosk:\nCard: {CARD}\nAmount: {SMALL_MONEY}\nStatus: DECLINED\n...but "
        "my bank app shows it went through. who refunds this?",
        CS,
    ),
    (
        "pii",
        "For the intake worker, the grandkids' info since the online form keeps timing out:\n"
        "1) {NAME}, born {DOB}\n2) {NAME2}, born {DOB2}\nthank you",
        {},
    ),
    # --- hide: numbers spelled out, spaced, with an extension, or international ----------------
    (
        "pii",
        "it keeps deleting my comment when I type numbers so here: "
        "{=PHONE_NUMBER:five five nine, two eight one, four zero six three}. please call after "
        "{N} pm, I work mornings",
        {},
    ),
    (
        "pii",
        "my cell {=PHONE_NUMBER:9 1 6 - 7 2 0 - 3 3 8 1} (spaced out so the bot doesn't eat it). "
        "text me before the {EVENT_DATE} hearing please",
        CS,
    ),
    # The span is the dialable number; the extension alone identifies nobody, so it is left out.
    (
        "pii",
        "I work days and can't answer my cell. Call me at work {PHONE} ext. 2214 and ask for "
        "{NAME} in receiving",
        CS,
    ),
    (
        "pii",
        "ya me regresé a Oaxaca, mi número de allá es {=PHONE_NUMBER:+52 951 284 3170}, "
        "háblenme por WhatsApp porfa, es sobre el caso {CASE}",
        CS_ES,
    ),
    # --- hide: survivors disclosing an address or contact --------------------------------------
    (
        "pii",
        "I'm in Safe at Home. PLEASE stop mailing anything to {ADDR_FULL}, he still lives there "
        "and opens my mail. Use the PO box that's on file.",
        CS,
    ),
    (
        "pii",
        "Your letter printed my new address {ADDR} right on the copy that went to him. I moved "
        "BECAUSE of him. How does that even happen??",
        {**CD, "case_specific": True},
    ),
    (
        "pii",
        "New email since I had to leave my old one behind (he had the password): {EMAIL}. Please "
        "update my file and never use the old one again.",
        CS,
    ),
    # --- hide: doxxing and tagging a private person ----------------------------------------------
    # A handle or profile slug that names a private person is labelled PERSON (the rule's "name
    # introduced by @"); urging readers to go after him is harassment.
    (
        "harassment",
        "Everybody meet {NAME}. {N} kids, not a dollar in {YEARS} years. His IG is "
        "@{=PERSON:tavita.mauga209} and he works at {EMPLOYER}, go say hi 👋",
        {"categories": ["case_details", "harassment"]},
    ),
    (
        "pii",
        "this is her, facebook[dot]com/{=PERSON:shoua.fang.90}. she took my kids to {FAR} and "
        "blocked me everywhere. if anyone knows her tell her to call me",
        CD,
    ),
    (
        "harassment",
        "@{NAME} tagging you so your whole family sees this. {YEARS} years and not one birthday "
        "card. pathetic excuse for a father",
        HARASS,
    ),
    (
        "harassment",
        "@{NAME} aquí te etiqueto pa que todo el pueblo vea qué clase de padre sos. sinvergüenza",
        {**HARASS, "lang": "es"},
    ),
    (
        "pii",
        "ese vato {NAME} vive en {ADDR_FULL} y anda diciendo que no tiene trabajo, pero I saw "
        "him at {EMPLOYER} last week en uniforme",
        CD_MIX,
    ),
    # --- hide: kinship, military, incarcerated and foster families naming people ---------------
    (
        "pii",
        "My husband is deployed overseas and can't get online. His case is {CASE} and his SSN "
        "is {SSN_DASH}. I have his power of attorney, who do I talk to?",
        {**CD, "case_specific": True},
    ),
    (
        "pii",
        "my son {NAME} was sentenced to {N} years on {EVENT_DATE}. his order is still running and "
        "the debt keeps growing. who do we send the paperwork to so it gets suspended?",
        {**CD, "case_specific": True},
    ),
    (
        "pii",
        "Tía here. I've had my sister's boys {FIRST} and {FIRST2} since their mom went to rehab. "
        "Do I apply with my info or hers?",
        CD,
    ),
    (
        "pii",
        "Lolo and lola here (grandparents). Our grandson {FIRST} lives with us at {ADDR_FULL} "
        "now. His dad {NAME} pays nothing. Where do we send the application?",
        CD,
    ),
    # A foster placement is a fact about the child's case, hence case_details.
    (
        "pii",
        "We're fostering a little girl, {FIRST}, born {DOB}. Her bio dad is {NAME}. Does the "
        "county go after him for support, or is that separate from the CPS side?",
        CD,
    ),
    # --- hide: paralegals and attorneys posting a client's data -----------------------------
    (
        "pii",
        "Attorney for respondent. Our client {NAME}, case {CASE}, still has not received the "
        "audit requested on {EVENT_DATE}. Please have the assigned attorney call our office at "
        "{PHONE}.",
        CS,
    ),
    (
        "pii",
        "Paralegal here. Our client's portal shows sign-ins from {IP} that he says aren't his. "
        "Who handles account security, the county or the state?",
        CS,
    ),
    # "Atty." is an honorific, so honorific + surname is a PERSON.
    (
        "pii",
        "Atty. {LAST} filed a substitution on {EVENT_DATE} but your system still lists the old "
        "firm. can someone update it?",
        {"action": "review", "categories": ["case_details"], "case_specific": True},
    ),
    # --- hide: other identifiers -----------------------------------------------------------------
    (
        "pii",
        "Please to deposit the support in my new account. Bank account number: {BANK}. Routing: "
        "{ROUTING}. The old account is closed. Thank you kindly.",
        CS,
    ),
    (
        "pii",
        "Reservist, drill weekend is {EVENT_DATE} and I can't drive on base with a suspended "
        "license. DL# {DL}. Release letter says it was sent. Anyone?",
        CS,
    ),
    (
        "pii",
        "Soy de Guatemala y no tengo social, solo ITIN {ITIN}. ¿Con eso me pueden abrir el caso "
        "para mis {N} patojos?",
        ES,
    ),
    (
        "pii",
        "Vos, ya me mudé a {CALLE}, colonia Escalón, San Salvador. ¿Me pueden seguir mandando el "
        "pisto de los cipotes para acá?",
        CS_ES,
    ),
    (
        "pii",
        "Xin chào. My daughter {FIRST} born {DOB}, her father go back to {FAR} and not pay any "
        "thing. How we do?",
        CD,
    ),
    # --- hide: a third party's case facts, no identifiers ----------------------------------------
    (
        "case_third",
        "Their mom is in county jail in {CITY} until {EVENT_DATE} and the dad is nowhere. I'm the "
        "aunt with the kids. Who pays while she's in?",
        CD,
    ),
    (
        "case_third",
        "He has a restraining order against him, so I can't exactly go ask him for pay stubs. All "
        "I know is he works at {EMPLOYER}.",
        CD,
    ),
    (
        "case_third",
        "el papá de los cipotes se fue para {FAR} y allá tiene otra mujer, trabaja en "
        "{EMPLOYER_ES} y aquí no manda ni un dólar, vaya",
        CD_ES,
    ),
    (
        "case_third",
        "el papá de mi niño es de mi mismo pueblo allá en la Mixteca, aquí trabaja en "
        "{EMPLOYER_ES} y le manda dinero a su mamá pero a su hijo nada",
        CD_ES,
    ),
    # --- review: the writer's own case facts ------------------------------------------------------
    (
        "case_self",
        "I'm on SSI only, {SMALL_MONEY} a month left after rent, and they say I still owe "
        "{MONEY} from before I got sick. What am I supposed to do",
        {**REVIEW_SELF, "case_specific": True},
    ),
    (
        "case_self",
        "Got out on {EVENT_DATE} after {YEARS} years and found out I owe {MONEY}. Working at "
        "{EMPLOYER} now for minimum. Where do I even start?",
        {**REVIEW_SELF, "case_specific": True},
    ),
    # The writer discloses her own situation (she fled violence); nobody is named and there is
    # no identifier, so it goes to a person to review rather than staying up automatically.
    (
        "case_self",
        "I left a violent relationship last year and I'm scared to put my new address on "
        "anything. Can I open a case without him finding out where we are?",
        REVIEW_SELF,
    ),
    (
        "case_self",
        "I'm in the Guard y me activaron por {N} meses. my allotment says {SMALL_MONEY} pero la "
        "orden dice otra cantidad, ¿cuál vale?",
        {**REVIEW_SELF, "lang": "mixed", "case_specific": True},
    ),
    (
        "case_self",
        "Respected sir/madam, I am paying {SMALL_MONEY} monthly from my salary at {EMPLOYER} "
        "since {YEARS} years. Now my hours are cut to half. Kindly advise how to reduce.",
        {**REVIEW_SELF, "case_specific": True},
    ),
    # --- health: someone else's hides, the writer's own goes to review -------------------------
    (
        "medical_third",
        "We're kinship caregivers for our grandson. He has {COND} and the special diet alone is "
        "{SMALL_MONEY} a month. His mom won't put in a cent.",
        {},
    ),
    (
        "medical_third",
        "my husband is locked up and now they tell me he has {COND}. do they still charge him "
        "support while he's sick in there?",
        {},
    ),
    (
        "medical_third",
        "a mi suegra le dio {COND_ES} y ahora yo la cuido a ella y a los niños, y el papá de "
        "ellos ni se aparece",
        ES,
    ),
    (
        "medical_self",
        "I'm on SSDI for {COND} since {EVENT_DATE}. Can the county take from my disability back "
        "pay or is that protected?",
        {**REVIEW_MED, "case_specific": True},
    ),
    (
        "medical_self",
        "Tengo {COND_ES} y el seguro social me negó la incapacidad. ¿Con la carta del doctor me "
        "pueden bajar la manutención?",
        {**REVIEW_MED, "lang": "es", "case_specific": True},
    ),
    # --- hide: veiled and direct threats ---------------------------------------------------------
    (
        "threat",
        "I did {YEARS} years for less than what I'm thinking about doing to whoever froze my "
        "account. Think about that.",
        {**THREAT, "case_specific": True},
    ),
    (
        "threat",
        "vos seguí jugando con mi pisto y vas a ver lo que te pasa cuando salgás de la oficina "
        "de {CITY}",
        {**THREAT, "lang": "es", "case_specific": True},
    ),
    (
        "threat",
        "@{NAME} you showed up at my job again. next time you won't make it back to your car.",
        THREAT,
    ),
    (
        "threat",
        "im done asking nice. {EVENT_DATE} im coming to {AGENCY_ADDR} with everything ive got "
        "and nobody in that building is going home early",
        THREAT,
    ),
    # --- hide: harassment of staff and commenters ------------------------------------------------
    (
        "harassment",
        "lmao {STAFF_FIRST} at the front desk really thinks she's somebody. ugly attitude to match "
        "the ugly face",
        HARASS,
    ),
    (
        "harassment",
        "to the grandma commenting on every single post: sit down, nobody wants your sob story, "
        "you nosy old bat",
        HARASS,
    ),
    # --- hide: profanity --------------------------------------------------------------------------
    ("criticism_profanity", "★☆☆☆☆ worst {CURSE} office in the state, {N} hours for nothing", PROF),
    (
        "criticism_profanity",
        "puta, {N} horas en la fila y me dicen que regrese mañana. qué mierda de servicio",
        {**PROF, "lang": "es"},
    ),
    (
        "criticism_profanity",
        "lol so I'm deployed and y'all still can't process one allotment. absolute shitshow, {N} "
        "months of this",
        PROF,
    ),
    # --- hide: scams (a fake grant, a "forgiveness program", crypto) --------------------------
    (
        "scam",
        "🎉 FEDERAL SINGLE PARENT GRANT 🎉 Parents with an open child support case qualify for "
        "{MONEY}. Not a loan! Claim before {EVENT_DATE}: text GRANT to {PHONE}",
        SCAM,
    ),
    (
        "scam",
        "The CHILD SUPPORT FORGIVENESS PROGRAM is open for California residents. I had {MONEY} in "
        "arrears wiped in 3 weeks. Email the program coordinator at {EMAIL} with your case number.",
        SCAM,
    ),
    (
        "scam",
        "Stop letting child support drain you 💸 I turned {SMALL_MONEY} into five figures in "
        "{N} weeks trading BTC with my mentor and paid off ALL my arrears. Comment CRYPTO and "
        "I'll DM you",
        SCAM,
    ),
    (
        "scam",
        "Hola papás y mamás, ya abrió el programa de perdón de deudas de manutención. Solo "
        "{SMALL_MONEY} de trámite. Manden su número de caso al {=PHONE_NUMBER:+52 664 318 2047} "
        "por WhatsApp",
        {**SCAM, "lang": "es"},
    ),
]

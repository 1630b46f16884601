"""Post-level categories: profanity, threats, harassment, scams, case details, case-specific.

Each table row is a comment and the category it must (or must not) produce, in English and
Spanish, with the hard negatives that keep the rules viewpoint-neutral.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casewarden.detect import Action, Category, Detector
from casewarden.detect.classifiers.profanity import _SYMBOL_IN_WORD, _may_hide_symbol
from casewarden.detect.text import fold

C = Category

IN_CATEGORY: list[tuple[C, str]] = [
    # profanity, including disguised spellings
    (C.PROFANITY, "fk this agency and fk the whole system"),
    (C.PROFANITY, "me cago en la manutención y en quien la inventó"),
    (C.PROFANITY, "This is bullshit, I pay every month"),
    (C.PROFANITY, "answer the fucking phone"),
    (C.PROFANITY, "Answer the f*cking phone"),
    (C.PROFANITY, "what the f*** is going on over there"),
    (C.PROFANITY, "whoever decided this is a dumb motherf*cker"),
    (C.PROFANITY, "come home to a levy on my account. F-U-C-K you people"),
    (C.PROFANITY, "sh!t agency, sh!t workers"),
    (C.PROFANITY, "yall some bullsh*t for real"),
    (C.PROFANITY, "f u c k this office"),
    # a symbol elsewhere in the comment does not hide the spaced word
    (C.PROFANITY, "f u c k this office!!"),
    # name-calling: a person noun standing alone, "imagine being this ...", a face
    (C.HARASSMENT, "look at this guy defending the agency, u must work there. loser"),
    (C.HARASSMENT, "ok, clown."),
    (C.HARASSMENT, "esa vieja de la ventanilla es una mosca muerta y una arrastrada"),
    (C.HARASSMENT, "half the staff can barely speak English. go back to your rice paddies"),
    (
        C.SCAM,
        "DCSS REFUND NOTICE: log in at dcss-refund-portal.com with your case number and SSN "
        "to claim",
    ),
    (C.SCAM, "Join our Telegram @DelOroSupportDesk, a real caseworker can lower your order"),
    (C.SCAM, "Venmo @ArrearsRelief-CA $200 and I'll get your CDL unsuspended by Friday"),
    (C.CASE_DETAILS, "he's out in gyumri working turnarounds for $933 a month"),
    (C.CASE_DETAILS, "My ex-husband have nail salon business in Caracas"),
    (C.CASE_DETAILS, "he say no income but he just buy new Lexus"),
    (C.CASE_DETAILS, "my grandson's mother works nights at Bolthouse Farms"),
    (C.HARASSMENT, "lol imagine being this ugly and still talking"),
    # the insult closing a pair of words
    (C.HARASSMENT, "nobody asked you. you're just loud and stupid"),
    (C.HARASSMENT, "eres floja y tonta, deja de comentar"),
    (C.HARASSMENT, "she thinks she's somebody. ugly attitude to match the ugly face"),
    (C.PROFANITY, "s h i t service @ the county"),
    (C.PROFANITY, "Esta agencia es una mierda"),
    (C.PROFANITY, "pinche gobierno no sirve para nada"),
    (C.PROFANITY, "vete a la verga"),
    (C.PROFANITY, "mierd@ de servicio"),
    # threats
    (C.THREAT, "I'm going to burn this place down"),
    (C.THREAT, "I will kill you"),
    (C.THREAT, "someone should shoot everyone in that office"),
    (C.THREAT, "I hope you all die"),
    (C.THREAT, "that caseworker deserves to be shot"),
    (C.THREAT, "I know where you live"),
    (C.THREAT, "I'm bringing my gun to the office tomorrow"),
    (C.THREAT, "te voy a matar"),
    (C.THREAT, "voy a ir a quemar esa oficina"),
    (C.THREAT, "ojalá se mueran todos"),
    (C.THREAT, "se van a arrepentir, ya sé dónde trabajan"),
    (C.THREAT, "imma beat the brakes off whoever took my refund"),
    (C.THREAT, "catch these hands"),
    # veiled: a reminder of what could happen, knowledge of a worker's life
    (
        C.THREAT,
        "Parking lots are dangerous places. Tell whoever froze my account to look both ways.",
    ),
    (C.THREAT, "One spark in the wrong building is all it takes. Keep taking my checks."),
    (C.THREAT, "my cousins already know which worker has my file"),
    (C.THREAT, "ya sabemos dónde vive el que lleva mi caso"),
    (C.THREAT, "keep ignoring us. somebody is going to get hurt at that office"),
    (C.THREAT, "alguien va a salir lastimado en esa oficina"),
    # shooting and hanging wished on someone, and weapons brought along
    (C.THREAT, "whoever froze my account should get a bullet"),
    (C.THREAT, "que lo cuelguen al licenciado que me quitó la licencia"),
    (C.THREAT, "ojalá que al licenciado lo atropelle un tráiler"),
    (C.THREAT, "we're all bringing bats to the office tomorrow"),
    (C.THREAT, "mañana voy a llevar el machete a la oficina a ver si me atienden"),
    (C.THREAT, "It'd be a real shame if something happened to that building one night"),
    (C.THREAT, "si me quitan el refund voy para allá y no respondo"),
    (C.THREAT, "The next caseworker who says 'be patient' is leaving in an ambulance"),
    (C.HARASSMENT, "the caseworker with the red glasses is a useless cow"),
    (C.HARASSMENT, "cállate, eres una vieja chismosa"),
    (C.SCAM, "Your payment is on hold. Verify your identity at refund-center dot com"),
    (C.HARASSMENT, "rosa from the palmdale office is the dumbest human being alive"),
    (C.SCAM, "Official notice: pay $200 by Zelle to avoid suspension. Reply here for the link"),
    (
        C.SCAM,
        "trabajo en la oficina de manutención y puedo acelerar su caso, escríbanme al privado",
    ),
    (C.SCAM, "mi primo trabaja pa child support, he can get ur payments lowered, dm me"),
    # harassment: slurs and aimed name-calling
    (C.HARASSMENT, "you're a stupid idiot"),
    (C.HARASSMENT, "shut up you moron"),
    (C.HARASSMENT, "you're a bunch of clowns, @Tasha Reed, all of you in this thread"),
    (C.HARASSMENT, "the lady at window 3 is a fat pig"),
    (C.HARASSMENT, "go back to mexico you wetback"),
    (C.HARASSMENT, "more anchor babies on this page asking for free money"),
    (C.HARASSMENT, "puro oaxaquito pidiendo ayuda aquí"),
    (C.HARASSMENT, "eres un imbécil"),
    (C.HARASSMENT, "eres una estúpida"),
    (C.HARASSMENT, "John Smith is a deadbeat"),
    (C.HARASSMENT, "kys"),
    # scams
    (C.SCAM, "I work for child support, message me on WhatsApp and I can fix your case"),
    (C.SCAM, "DM me, I helped my cousin get his arrears erased for a small fee"),
    (C.SCAM, "Inbox me! I can get your license back in 48 hours guaranteed"),
    (C.SCAM, "Escríbeme por WhatsApp, te arreglo tu caso rápido y seguro"),
    (C.SCAM, "soy agente de manutención, mándame mensaje por whatsapp y te ayudo"),
    # facts of someone's case
    (C.CASE_DETAILS, "He works at Walmart and gets paid cash"),
    # seen at work in a work uniform
    (C.CASE_DETAILS, "según él no tiene trabajo pero lo vi saliendo de un hotel con su uniforme"),
    (C.CASE_DETAILS, "he says he's broke but I saw him leaving the plant in his work uniform"),
    (C.CASE_DETAILS, "my ex owes $12,000 in back support"),
    # that the other parent works and does not pay is a fact of their case (DESIGN.md rule 1:
    # "employment facts, money owed"), however vague
    (C.CASE_DETAILS, "my ex works and still refuses to pay"),
    # every way an amount is written: "$", "k", "grand", "bucks", "dollars", "dólares", "mil"
    (C.CASE_DETAILS, "my ex owes 12k and laughs about it"),
    (C.CASE_DETAILS, "he makes like 5 grand a month"),
    (C.CASE_DETAILS, "he pays 50 bucks a month"),
    (C.CASE_DETAILS, "my ex owes 3000 dollars"),
    (C.CASE_DETAILS, "mi ex debe 3000 dólares"),
    (C.CASE_DETAILS, "el papá gana como 20 mil al año"),
    (C.CASE_DETAILS, "she has full custody"),
    (C.CASE_DETAILS, "my kids dad is in jail again"),
    (C.CASE_DETAILS, "he's locked up till next year"),
    (C.CASE_DETAILS, "He moved to Texas with his girlfriend"),
    (C.CASE_DETAILS, "the father gets SSI and nothing comes to my kids"),
    (C.CASE_DETAILS, "bd works nights at FedEx, go garnish"),
    (C.CASE_DETAILS, "El papá de mis hijos trabaja en el campo y le pagan en efectivo"),
    (C.CASE_DETAILS, "mi ex vive en Tijuana y no paga nada"),
    (C.CASE_DETAILS, "lo deportaron y ya no paga nada"),
    (C.CASE_DETAILS, "mi ex anda trabajando en un taller y no quiere pagar"),
    (C.CASE_DETAILS, "su papá sigue chambeando en la construcción"),
    (C.CASE_DETAILS, "ella se quedó con la custodia completa"),
    (C.CASE_DETAILS, "He sold his truck for $509 cash right after the hearing"),
    (C.CASE_DETAILS, "I'm $20,000 in arrears and doing my best"),
    (C.CASE_DETAILS, "my order was set at $600 back when i made more"),
    (C.CASE_DETAILS, "me despidieron el mes pasado y la orden sigue igual"),
    (C.CASE_DETAILS, "My son-in-law is in the Army and makes good money"),
    (C.CASE_DETAILS, "mi ex maneja tráiler y gana bien"),
    (C.CASE_DETAILS, "my ex got deployed to Germany and the allotment stopped"),
    (C.CASE_DETAILS, "I owe $3,000 and can't afford it"),  # own facts: review, still a category
    (C.CASE_DETAILS, "my dad literally started at little caesars last month"),
    (C.PROFANITY, "#DCSS more like #DCShit 💩 2 months no payment"),
    (C.PROFANITY, "#shitshow at the office today"),
    (C.THREAT, "im going to his job and wrecking his truck. dont test me"),
    (C.THREAT, "deleting my comment won't save you, I know where the staff park"),
    (C.THREAT, "al que me vuelva a congelar la cuenta le voy a romper la cara"),
    (C.THREAT, "she better not be in the parking lot when I get there"),
    (C.HARASSMENT, "You're a joke, and so is your ugly kid."),
    (C.SCAM, "FREE case review 👉 dcss-case-review.help/start, arrears qualify for forgiveness"),
    (C.SCAM, "send $400 to $CaseClearDesk on Cash App, license gets released same day"),
    (C.SCAM, "DM the page admin 📩 para una revisión gratis de su caso"),
    (C.SCAM, "Page admin here. DM the page admin your case number and date of birth."),
    (C.THREAT, "I did 9 years for less than what I'm thinking about doing to whoever froze it"),
    (C.THREAT, "im coming to 2450 Meridian Ave and nobody in that building is going home early"),
    (C.THREAT, "vos seguí jugando con mi pisto y vas a ver lo que te pasa cuando salgás"),
    (C.HARASSMENT, "sit down, nobody wants your sob story, you nosy old bat"),
    (
        C.SCAM,
        "I turned $300 into five figures trading BTC with my mentor. Comment BTC and I'll DM you",
    ),
    (C.CASE_DETAILS, "Their mom is in county jail in Orland until 1/1 and the dad is nowhere"),
    # a messaging app and a handle or number, in a language the word lists do not read
    (C.SCAM, "儿童抚养费欠款可以减免！政府新项目，名额有限。Telegram 联系 @LiuAssist 了解详情"),
    (C.SCAM, "Nợ tiền cấp dưỡng có thể được xóa! Liên hệ Zalo 0909 555 123 ngay hôm nay"),
    (C.SCAM, "양육비 감면 프로그램! 카톡으로 연락주세요 ID @help2024"),
    (C.SCAM, "Списание долгов по алиментам! Пишите в телеграм @alimenty_help"),
]


@pytest.mark.parametrize(("category", "text"), IN_CATEGORY, ids=[t[:40] for _, t in IN_CATEGORY])
def test_category_is_found(detector: Detector, category: C, text: str) -> None:
    assert category in detector.scan(text).categories


NOT_IN_CATEGORY: list[tuple[C, str]] = [
    # a concern, not a threat: read right again since threat's hide_at rose to 0.55
    (C.THREAT, "fix the stairs before somebody is going to get hurt"),
    # a bat, a bullet and a knife that threaten no one
    (C.THREAT, "right off the bat they told me the wait was two hours"),
    (C.THREAT, "I work with a knife all day at the meat counter, can't take calls"),
    (C.THREAT, "we dodged a bullet when the hearing got moved"),
    (C.THREAT, "trabajo con machete en el campo de lunes a sábado"),
    # a pair of words that insults no one
    (C.HARASSMENT, "you are tired and hungry after a day in that line"),
    # a uniform seen at a parade, clowns at a fair, the garbage system, "ok loser" in passing
    (C.CASE_DETAILS, "I saw him in his uniform at the parade, so proud of my son"),
    (C.CASE_DETAILS, "lo vi en el desfile con su uniforme"),
    # a kind of people, a plan, a warning about a scam, a scam text quoted to ask
    (C.CASE_DETAILS, "¿cómo calculan la manutención para la gente que trabaja en el campo?"),
    (C.CASE_DETAILS, "I want to buy a new car, does that change my order?"),
    (C.SCAM, "I paid with venmo and I'll get your receipt to the office"),
    # the same in those languages, as a warning, or with nowhere to send anyone
    (C.SCAM, "小心！有人在Telegram @LiuAssist 说可以减免欠款，是骗局，不要相信"),
    (C.SCAM, "Cẩn thận lừa đảo: Zalo 0909 555 123 nói là nhân viên cấp dưỡng"),
    (C.SCAM, "子女抚养费怎么申请？可以用微信问吗"),
    (C.SCAM, "Tôi có thể hỏi qua Zalo không? Tôi không nói tiếng Anh giỏi"),
    (
        C.SCAM,
        "Warning for families: a man says he is from child support and asks a $100 processing "
        "fee on Zelle. Scam. Hang up and call the office",
    ),
    (
        C.SCAM,
        'Got this text today: "DCSS: you have a refund. Claim at dcss-refund-portal.com" '
        "This is fake right??",
    ),
    (C.HARASSMENT, "my son loves clowns, is there a family event?"),
    (C.HARASSMENT, "the clown show at the county continues"),
    (C.HARASSMENT, "Garbage. The whole system is garbage."),
    (C.HARASSMENT, "imagine being this slow at processing payments"),
    (C.HARASSMENT, "the losers here are my kids"),
    # mild words and criticism are not profanity
    (C.PROFANITY, "damn this office is slow"),
    (C.PROFANITY, "this place sucks"),
    (C.PROFANITY, "WTF is taking so long"),
    (C.PROFANITY, "¡Carajo! ya son tres meses"),
    (C.PROFANITY, "Please put a note in the file"),  # "put a" is not "puta"
    (C.PROFANITY, "I passed the class at Dickens Elementary"),
    (C.PROFANITY, "my email is a.shelton@gmail.com"),
    # violent words that are not threats
    (C.THREAT, "this law is killing families"),
    (C.THREAT, "my ex threatened to kill me"),
    (C.THREAT, "I'll shoot you an email tomorrow"),
    (C.THREAT, "this is going to hurt my kids"),
    (C.THREAT, "I'm worried someone is going to get hurt on that broken step"),
    (C.THREAT, "my ex used to beat the hell out of me and the court did nothing"),
    (C.THREAT, "I want to knock out this paperwork today"),
    (C.HARASSMENT, "the dumbest policy ever"),
    (C.CASE_DETAILS, "if my order is $500 a month how much goes to arrears?"),
    (C.CASE_DETAILS, "mi tía casi le manda $50 a una supuesta abogada, no caigan"),
    (C.CASE_DETAILS, "does a job that makes good money mean higher support?"),
    (C.HARASSMENT, "eres una persona muy amable, gracias"),
    (C.THREAT, "We will beat this in court"),
    (C.THREAT, "should I bring my ID to the office?"),
    # criticism is not harassment
    (C.HARASSMENT, "This department is corrupt and incompetent"),
    (C.HARASSMENT, "You people are useless"),
    (C.HARASSMENT, "this system is stupid and the workers are lazy"),
    (C.HARASSMENT, "Son unos inútiles, nunca contestan el teléfono"),
    (C.HARASSMENT, "Deadbeat parents get away with everything"),
    (C.HARASSMENT, "clowns at the birthday party were great"),
    # warnings about scams are not scams
    (C.SCAM, "Someone messaged me on WhatsApp saying they work for child support, is this a scam?"),
    (C.SCAM, "Beware of people on here asking for your case number!"),
    (C.SCAM, "Cuidado con los que piden dinero por WhatsApp"),
    (C.SCAM, "Child support is a scam that punishes working dads"),  # criticism
    (C.SCAM, "I paid with Zelle last month"),
    # general questions and hypotheticals are not case details
    (C.CASE_DETAILS, "If I make $3000 a month how much would I pay?"),
    (C.CASE_DETAILS, "Can I open a case if the other parent lives in another state?"),
    (C.CASE_DETAILS, "¿Puedo abrir un caso si el papá vive en México?"),
    (C.CASE_DETAILS, "Is the $25 annual fee still charged?"),
    (C.CASE_DETAILS, "some guy dm'd me saying he works for cs, scam right?"),
    (C.CASE_DETAILS, "vivo en otro estado y para ustedes es como si no existiera"),  # no place
    (C.CASE_DETAILS, "I just started at the bottom of the waiting list"),
    (C.PROFANITY, "#assessment #Mississippi #passport #CountyStrong"),
    (C.HARASSMENT, "your stupid policy makes no sense"),  # criticism of a policy
    (C.SCAM, "I paid with Cash App, is that ok? the fee was only today"),
    (C.SCAM, "the admin here never answers, DM the page and nothing happens"),
    (C.THREAT, "voy a levantar una queja"),  # to file a complaint
]


# What the rules alone report, whatever the model says: a slur's plural is the slur.
RULES_REPORT = [
    (C.HARASSMENT, "the towelheads at that office never help anyone"),
    (C.HARASSMENT, "a bunch of ragheads run the Lancaster office"),
    (C.HARASSMENT, "all those libtard social workers"),
    (C.HARASSMENT, "they hire these ching chong people who can't speak english"),
    (C.HARASSMENT, "lazy injuns up the river never pay a dime"),
    # a bot's bait: its profile, "exclusive content"
    (C.SCAM, "Nice post! Check out my profile for exclusive content 💋🔥"),
    (C.SCAM, "visit my profile for free followers 🔥"),
    # chingar conjugated as people write it
    (C.PROFANITY, "Chinguen a su madre todos los de esa oficina"),
    (C.PROFANITY, "ya me chingaron otra vez con el descuento"),
    # the crossing idiom's word, aimed at a person, is the slur
    (C.HARASSMENT, "ese mojado de la ventanilla no sabe ni hablar"),
    # a slur masked with symbols, read with its symbols as any letter
    (C.HARASSMENT, "only the f*gs running DCSS would think this is fair"),
    (C.HARASSMENT, "n!gg@s everywhere in that lobby"),
    # knowing where someone who works the case spends the day
    (C.THREAT, "I'm about to lose everything. I know where the agency lawyer eats lunch."),
    (C.THREAT, "we know where y'all caseworkers park every morning"),
    (C.THREAT, "ya sé dónde se estaciona la licenciada, que se cuide"),
    # a wish that something falls on them, with them inside
    (C.THREAT, "ojalá que se les caiga la oficina encima a todos"),
    (C.THREAT, "ojala le explote el carro con él adentro"),
    # ...but a building is no way of reaching someone
    (C.THREAT, "I'm gonna blow up the office one of these days"),
    # what enforcement did to someone else: a fact of their case
    (C.CASE_DETAILS, "My cousin Danielle said you guys helped her get her license back"),
    (C.CASE_DETAILS, "my primo got his license suspendida por child support"),
    (C.CASE_DETAILS, "they finally took his tax refund!! God is good"),
    (C.CASE_DETAILS, "Le quitaron la licencia a mi hermano por deber manutención"),
    (C.CASE_DETAILS, "My boyfriend's ex takes half his check and then posts Cancun pics"),
    # a trade and where it is plied, a new place, an arrest, a move in second-language English
    (C.CASE_DETAILS, "my ex-husband is a radiologist at Marin General"),
    (C.CASE_DETAILS, "my sister's ex is a sheriff's deputy in Marin"),
    (C.CASE_DETAILS, "Caseworker told me my ex's new place is in Tracy, is that allowed?"),
    (C.CASE_DETAILS, "I must pay but the mother she move to Seattle with the child"),
    (C.CASE_DETAILS, "My son father live in Houston now and not pay"),
    (C.CASE_DETAILS, "mi esposo esta detenido por inmigracion en Yuba y no puede pagar"),
    # a person run over, a wish that someone rot
    (C.THREAT, "@Brandon Lee someone should run you over with that lifted truck"),
    (C.THREAT, "ojala esa trabajadora Norma Quezada se pudra"),
]


# What the rules alone do not report (the comment classifier may still weigh them).
RULES_STAY_QUIET = [
    (C.THREAT, "I know where my ex lives, I gave it to my caseworker"),
    (C.THREAT, "I know where the office is, I just can't get there before five"),
    (C.THREAT, "sé dónde vive el papá de mis hijos pero no lo encuentran"),
    (C.HARASSMENT, "Mr. Chong at the front desk was a big help"),
    # anyone at all who works or lives somewhere: no one's case
    (C.CASE_DETAILS, "No es justo que al que trabaja en la huerta le cobren igual"),
    (C.CASE_DETAILS, "Bien fácil quitarle al que trabaja en el fil, pero los de cash no"),
    # "irse de mojado": how someone crosses the border, told of oneself or one's family
    (C.HARASSMENT, "si me voy de mojado a mi pueblo me quitan el pasaporte?"),
    (C.HARASSMENT, "mi papá se vino de mojado en los 80 y sí pagó todo"),
    # symbols inside words that spell no slur: a mask of profanity, an address, a tag
    (C.HARASSMENT, "what the h*ll is going on, email me at maria.f@gmail.com"),
    (C.HARASSMENT, "f***, @Rico was right"),
    # rain falling on them is no harm
    (C.THREAT, "ojalá les caiga la lluvia encima, qué calor hace en Arvin"),
    # blowing up a phone or an inbox is calling and writing, not a bomb
    (C.THREAT, "I'm gonna blow up y'all's phones every morning until somebody answers"),
    (C.THREAT, "everybody blow up the dcss inbox monday, they can't ignore 500 emails"),
    (C.THREAT, "we're about to blow up your voicemail, fair warning"),
    # the writer's own licence back is good news of their own case; a question is no fact
    (C.CASE_DETAILS, "I got my license back today, thank you Del Oro!"),
    (C.CASE_DETAILS, "¿Le suspendieron la licencia? Llame a la oficina, hay planes de pago"),
    (C.CASE_DETAILS, "shoutout for anyone who just got their license back lol"),
    # where nobody lives: an opinion of someone, not an address
    (C.CASE_DETAILS, "Gavin Newsom vive en otro mundo, que venga a vivir con $1,800 al mes"),
    (C.CASE_DETAILS, "the director lives in a bubble, come ride the bus with us"),
    # the writer's own town, and "is a" that names no trade
    (C.CASE_DETAILS, "I live in Fresno, which office do I go to?"),
    (C.CASE_DETAILS, "my ex is a nightmare at pickup every single weekend"),
    (C.THREAT, "I almost ran over a cone in your parking lot lol"),
]


@pytest.mark.parametrize(
    ("category", "text"), RULES_STAY_QUIET, ids=[t[:40] for _, t in RULES_STAY_QUIET]
)
def test_the_rules_stay_quiet(rules_detector: Detector, category: C, text: str) -> None:
    assert category not in rules_detector.scan(text).categories


@pytest.mark.parametrize(("category", "text"), RULES_REPORT, ids=[t[:40] for _, t in RULES_REPORT])
def test_the_rules_report(rules_detector: Detector, category: C, text: str) -> None:
    assert category in rules_detector.scan(text).categories


@pytest.mark.parametrize(
    ("category", "text"), NOT_IN_CATEGORY, ids=[t[:40] for _, t in NOT_IN_CATEGORY]
)
def test_category_does_not_hide(detector: Detector, category: C, text: str) -> None:
    """These stay up: no hide for the category (a moderator may still be asked to look)."""
    result = detector.scan(text)
    assert not (result.action is Action.HIDE and category in result.categories)


# What the rules alone never report for these; the comment classifier adds no more than review.
@pytest.mark.parametrize(
    ("category", "text"), NOT_IN_CATEGORY, ids=[t[:40] for _, t in NOT_IN_CATEGORY]
)
def test_the_rules_do_not_report(rules_detector: Detector, category: C, text: str) -> None:
    assert category not in rules_detector.scan(text).categories


# Known limits of the comment classifier, kept as failing cases until a model reads them
# right (docs/detection.md, "Known limitations"): it hears a veiled threat in a worry, and a
# scam in a helper's "message me". ("voy a levantar una queja", read as a threat by the model
# trained with blind-k/l, is read right since t26 and blind-m/n joined training.)
KNOWN_MISREAD = [
    (C.SCAM, "pay online at childsupport.ca.gov with your case number, message me if stuck"),
    # "I know where" reads as menace to the classifier trained with blind-q/r, even of an ex
    (C.THREAT, "I know where my ex lives, I gave it to my caseworker"),
]


@pytest.mark.xfail(strict=True, reason="a known misreading of the comment classifier")
@pytest.mark.parametrize(("category", "text"), KNOWN_MISREAD)
def test_known_misreadings(detector: Detector, category: C, text: str) -> None:
    result = detector.scan(text)
    assert not (result.action is Action.HIDE and category in result.categories)


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("He works at Walmart and gets paid cash", Action.HIDE),  # a third party's facts
        ("I work at Walmart and they take half my check", Action.REVIEW),  # the writer's own
        ("I pay $450 a month and only see my kids every other weekend", Action.REVIEW),
        ("Yo pago $300 cada mes y no me dejan ver a mis hijos", Action.REVIEW),
        ("My son has autism and needs more support", Action.HIDE),
        ("I have diabetes and can't work", Action.REVIEW),
        # a kinship word after "my" names whose condition it is
        ("my little brother has lymphoma and my mom does everything", Action.HIDE),
        ("mi hermano menor tiene leucemia y mi mamá está sola", Action.HIDE),
        ("i have pancreatitis and missed the hearing", Action.REVIEW),
        # "my" that owns a noun is not the subject
        ("the father of my kids works at Costco and pays nothing", Action.HIDE),
        ("El papá de mi niña se fue a Zacatecas, allá trabaja en una mueblería", Action.HIDE),
        ("I'm $20,000 in arrears and I'm doing my best", Action.REVIEW),
        ("mi yerno está en la cárcel hasta el otro año", Action.HIDE),  # "mi" + an adult
        # the one seen at work is the fact's subject, not the writer who saw
        pytest.param(
            "I saw him leaving the plant in his work uniform",
            Action.HIDE,
            marks=pytest.mark.xfail(
                strict=True,
                reason="a known misreading of the classifier retrained with t22, t23, blind-g/h",
            ),
        ),
        ("I make good money and still can't keep up", Action.REVIEW),
    ],
)
def test_own_facts_go_to_review_and_others_facts_hide(
    detector: Detector, text: str, action: Action
) -> None:
    assert detector.scan(text).action is action


@pytest.mark.parametrize(
    ("text", "case_specific"),
    [
        ("My case number is 100012345678, when will I get paid?", True),
        ("I haven't received my payment since March", True),
        ("why was my license suspended?", True),
        ("no he recibido mi cheque", True),
        ("¿Por qué me quitaron el reembolso?", True),
        ("How do I apply for child support?", False),
        ("What are your office hours on Friday?", False),
        ("¿Cómo solicito manutención?", False),
    ],
)
def test_case_specific_flag(detector: Detector, text: str, case_specific: bool) -> None:
    result = detector.scan(text)
    assert result.case_specific is case_specific
    if not result.findings and not result.signals:
        assert result.action is Action.ALLOW  # asking about one's case is not a reason to hide


def test_signals_explain_themselves(detector: Detector) -> None:
    result = detector.scan("this is bullshit")
    lexicon = [s for s in result.signals if s.classifier == "profanity"]
    assert [(s.rule, s.term) for s in lexicon] == [("lexicon", "bullshit")]
    assert "profanity" in result.explain()[1]


# The profanity gate's byte-shape test stands in front of a regex: it may say yes when the
# regex finds nothing, never no when it finds something.
SYMBOL_TEXTS = [
    "sh!t agency",
    "f**k",
    "a$$hole",
    "mierd@ ya",
    "b1tch",
    "sh1t",
    "h!!!s",  # a run of three between letters
    "a!*!b",  # a "*" only in the middle of the run
    "help! now",
    "call 1-800-555-0100 today",
    "$500 owed!",
    "email me@x.com",
    "#hashtag #x1",
    "é!é ñ*ñ",  # accented letters are not a-z
    "",
]


@pytest.mark.parametrize("text", SYMBOL_TEXTS)
def test_symbol_shape_test_never_hides_a_match(text: str) -> None:
    folded = fold(text)
    found = _SYMBOL_IN_WORD.search(folded) is not None
    assert _may_hide_symbol(folded) or not found


def test_symbol_shape_test_says_no_to_ordinary_punctuation() -> None:
    """It must be able to say no, or it would not be worth its place."""
    assert not _may_hide_symbol(fold("Help! I called 10 times and nobody answers!!"))
    assert _may_hide_symbol(fold("this sh!t"))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab *@#$!|10.é", max_size=12))
def test_symbol_shape_test_never_hides_a_match_anywhere(text: str) -> None:
    found = _SYMBOL_IN_WORD.search(text) is not None
    assert _may_hide_symbol(text) or not found


# Officials may be criticised by name however harshly (DESIGN.md rule 2): a person may read
# it, nothing hides. A slur, or a private person insulted beside them, still hides.
OFFICIAL_CRITICISM = [
    "Maria Delgado is a clown and a fraud who should resign",
    "la directora es una inútil y una corrupta, que renuncie",
    "Commissioner Okafor is a total idiot, worst judge in the state",
    "Director Delgado? useless, clueless, a disgrace",
]
STILL_HIDDEN_BESIDE_OFFICIALS = [
    (C.HARASSMENT, "Judge Ramirez is a f*g"),
    (C.HARASSMENT, "@Tony Reyes you're a clown, and so is the director"),
    (C.HARASSMENT, "Director Delgado is a stupid cow, no wonder her husband left her"),
]


@pytest.mark.parametrize("text", OFFICIAL_CRITICISM)
def test_officials_may_be_criticised_by_name(agency_detector: Detector, text: str) -> None:
    assert agency_detector.scan(text).action is not Action.HIDE


@pytest.mark.parametrize(("category", "text"), STILL_HIDDEN_BESIDE_OFFICIALS)
def test_slurs_and_private_targets_still_hide(
    agency_detector: Detector, category: C, text: str
) -> None:
    result = agency_detector.scan(text)
    assert result.action is Action.HIDE
    assert category in result.categories


# Threat shapes the rules read on their own, whatever the classifier makes of them.
RULES_READ_THREATS = [
    "whoever froze my account should get a bullet",
    "that commissioner deserves a bullet",
    "que lo cuelguen al licenciado que me quitó la licencia",
    "ojalá que al licenciado lo atropelle un tráiler",
    "we're all bringing bats to the office tomorrow",
    "mañana voy a llevar el machete a la oficina a ver si me atienden",
]


@pytest.mark.parametrize("text", RULES_READ_THREATS)
def test_the_rules_read_the_threat(rules_detector: Detector, text: str) -> None:
    assert C.THREAT in rules_detector.scan(text).categories


# (comment, whether the rules read a child's name in a child-support context)
CHILD_NAMES = [
    ("Quiero que mi hijo Josué reciba la manutención directo, ya tiene 17", True),
    ("my son Tyler's dad wants custody now", True),
    ("does child support stop when my daughter Ava turns 18?", True),
    # thanks, not a case: "support" alone is no child-support context
    ("thank you for your support, my daughter Ava loved the fair", False),
    ("my son Tyler starts kinder monday!", False),
]


@pytest.mark.parametrize(("text", "read"), CHILD_NAMES)
def test_a_childs_name_in_a_child_support_context(
    rules_detector: Detector, text: str, read: bool
) -> None:
    rules = {s.rule for s in rules_detector.scan(text).signals}
    assert ("child_name_support" in rules) is read

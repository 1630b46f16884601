"""Every recognizer against positive cases and hard negatives, in English and Spanish.

Positives state the exact text a finding must cover; negatives state a type that must not
be found at all. Each row can fail on its own.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casewarden.detect import Detector, DetectorConfig, EntityType
from casewarden.detect.lexicon import name_lists, terms
from casewarden.detect.recognizers.medical import MedicalRecognizer
from casewarden.detect.recognizers.person_tagger import PersonTaggerRecognizer
from casewarden.detect.registry import build_recognizers
from casewarden.detect.rules import default_rules
from casewarden.detect.text import ScanText
from tests.detect.helpers import spans

E = EntityType

POSITIVES: list[tuple[E, str, str]] = [
    # US_SSN (ITIN included)
    (E.US_SSN, "My SSN is 536-22-4187 can someone look up my case?", "536-22-4187"),
    (E.US_SSN, "my social 536224187 and still no check", "536224187"),
    (E.US_SSN, "ss# 536 22 4187 please", "536 22 4187"),
    (E.US_SSN, "Mi número de seguro social es 536-22-4187", "536-22-4187"),
    (E.US_SSN, "mi seguro social 536224187", "536224187"),
    (E.US_SSN, "my itin is 912-70-1234", "912-70-1234"),
    # CASE_NUMBER
    (E.CASE_NUMBER, "My case number is 100012345678 and no payment", "100012345678"),
    (E.CASE_NUMBER, "case# 2000-1234-5678 why was my license suspended", "2000-1234-5678"),
    (E.CASE_NUMBER, "Participant ID 1045687812. Please call.", "1045687812"),
    (E.CASE_NUMBER, "court case 23FL012345 was continued", "23FL012345"),
    (E.CASE_NUMBER, "hearing for FAM-2019-004567 moved again", "FAM-2019-004567"),
    (E.CASE_NUMBER, "9497911175 is my case number can somebody look", "9497911175"),
    (E.CASE_NUMBER, "Mi número de caso es 200045678901, ¿cuándo me pagan?", "200045678901"),
    (E.CASE_NUMBER, "caso # 300012345678 ya van tres meses", "300012345678"),
    (E.CASE_NUMBER, "expediente 2019-45678 de la corte", "2019-45678"),
    # DATE_OF_BIRTH
    (E.DATE_OF_BIRTH, "My son was born 3/14/2015 and his dad never paid", "3/14/2015"),
    # year, month and day as Chinese, Japanese and Korean write them
    (E.DATE_OF_BIRTH, "My birthday is 1979年5月3日, system say not match", "1979年5月3日"),
    (E.DATE_OF_BIRTH, "생일 born 1985년 11월 2일", "1985년 11월 2일"),
    (E.DATE_OF_BIRTH, "his DOB is 07-04-1988 if that helps", "07-04-1988"),
    (E.DATE_OF_BIRTH, "her birthday is June 3, 2012", "June 3, 2012"),
    (E.DATE_OF_BIRTH, "born on 2016-05-09 at Kaiser", "2016-05-09"),
    (E.DATE_OF_BIRTH, "Mi hija nació el 12 de abril de 2015", "12 de abril de 2015"),
    (E.DATE_OF_BIRTH, "fecha de nacimiento: 25/04/2010", "25/04/2010"),
    (E.DATE_OF_BIRTH, "dob: 5-9-15 for my daughter", "5-9-15"),
    # STREET_ADDRESS
    (
        E.STREET_ADDRESS,
        "He lives at 4521 W Shaw Ave Apt 12, Fresno CA 93711",
        "4521 W Shaw Ave Apt 12, Fresno CA 93711",
    ),
    (E.STREET_ADDRESS, "his address is 118 Elm St", "118 Elm St"),
    # someone's own office is not a public building
    (E.STREET_ADDRESS, "go to her office at 2315 Stockton Blvd", "2315 Stockton Blvd"),
    # Spanish "a" is "to", not a count
    (
        E.STREET_ADDRESS,
        "Mándenme los papeles a 455 Cottonwood St #12, Woodland por favor",
        "455 Cottonwood St #12",
    ),
    (E.STREET_ADDRESS, "send my check to 17 Palm Avenue #4 not the old one", "17 Palm Avenue #4"),
    (E.STREET_ADDRESS, "ahora vivo en la 4a calle #318 en Calexico", "4a calle #318"),
    (E.STREET_ADDRESS, "he lives at 20 Second St in Eureka", "20 Second St"),
    (E.STREET_ADDRESS, "vive en Blvd Agua Caliente 4558", "Blvd Agua Caliente 4558"),
    (E.CASE_NUMBER, "DR190447 was my divorce case, is support separate?", "DR190447"),
    (
        E.STREET_ADDRESS,
        "en la 3ra Avenida Norte No. 12, Col. Centro",
        "3ra Avenida Norte No. 12, Col. Centro",
    ),
    (E.STREET_ADDRESS, "he lives at 4521 Shaw near the mall", "4521 Shaw"),
    (E.STREET_ADDRESS, "Vive en calle Olivo 123 por si lo buscan", "calle Olivo 123"),
    (
        E.STREET_ADDRESS,
        "vive en 2210 E Kings Canyon Rd, Fresno, CA 93702",
        "2210 E Kings Canyon Rd, Fresno, CA 93702",
    ),
    (E.STREET_ADDRESS, "mail it to my PO Box 1234", "PO Box 1234"),
    (E.STREET_ADDRESS, "Address: 15419 Sequoia Grove Ln Apt 11", "15419 Sequoia Grove Ln Apt 11"),
    # PHONE_NUMBER
    (E.PHONE_NUMBER, "call me at (559) 201-4567 please", "(559) 201-4567"),
    (E.PHONE_NUMBER, "text me 559.201.4567", "559.201.4567"),
    (E.PHONE_NUMBER, "my cell 5592014567", "5592014567"),
    (E.PHONE_NUMBER, "call +1 559 201 4567 anytime", "+1 559 201 4567"),
    (E.PHONE_NUMBER, "Mi número es 559-201-4567 llámenme", "559-201-4567"),
    (E.PHONE_NUMBER, "whatsapp +52 33 1234 5678", "+52 33 1234 5678"),
    # EMAIL_ADDRESS
    (E.EMAIL_ADDRESS, "email me at jsmith22@gmail.com", "jsmith22@gmail.com"),
    (
        E.EMAIL_ADDRESS,
        "mi correo es maria.lopez@yahoo.com, mándenme la forma",
        "maria.lopez@yahoo.com",
    ),
    (E.EMAIL_ADDRESS, "EMAIL ME AT TONY.R@OUTLOOK.COM", "TONY.R@OUTLOOK.COM"),
    # the longest local part, far into a long comment; a second address after the first
    (E.EMAIL_ADDRESS, "x " * 80 + "a" * 64 + "@mail.com", "a" * 64 + "@mail.com"),
    (E.EMAIL_ADDRESS, "x " * 80 + "first@a.com, or " + "b" * 70 + "@b.com", "first@a.com"),
    (E.EMAIL_ADDRESS, "first@a.com, or later " + "c" * 60 + "@b.com", "c" * 60 + "@b.com"),
    # a written address in a comment with the words of a spelled-out one
    (E.EMAIL_ADDRESS, "at home dot com, or at ana.b@mail.com", "ana.b@mail.com"),
    # PERSON
    (E.PERSON, "My daughter Sofia needs her support!", "Sofia"),
    (E.PERSON, "my son jayden never met his dad", "jayden"),
    (E.PERSON, "The father, John Smith, lives in Fresno", "John Smith"),
    (E.PERSON, "my kids Jayden, Mia and Noah haven't seen a dime", "Mia"),
    (E.PERSON, "my kids Jayden, Mia and Noah haven't seen a dime", "Noah"),
    (E.PERSON, "mi hija se llama Sofía Hernández López", "Sofía Hernández López"),
    (E.PERSON, "Mi hijo Mateo tiene 6 años", "Mateo"),
    (E.PERSON, "@Jessica Lopez pay your child support!!", "Jessica Lopez"),
    (E.PERSON, "Ms. Johnson in the Fresno office never calls back", "Johnson"),
    (E.PERSON, "Sra. Mendoza nunca me regresa las llamadas", "Mendoza"),
    (E.PERSON, "Does anyone know Marcus Hill? He owes my kids", "Marcus Hill"),
    (E.PERSON, "my ex esposo Jacob Tran no ha pagado", "Jacob Tran"),
    (E.PERSON, "my son jazlynn turned 4", "jazlynn"),
    (E.PERSON, "my Lola Remedios wants to ask about her case", "Remedios"),
    (E.PERSON, "Marlene from the Fresno office is a lazy cow", "Marlene"),
    (E.PERSON, "Thanks, Ms. Reyes at the Long Beach office stayed late to help me", "Reyes"),
    (E.PERSON, "Marlene at the front desk used to be nice now she a stuck up cow", "Marlene"),
    # multiple sclerosis as written in capitals ("Ms. Lee" is a title)
    (E.MEDICAL, "my ex has MS and can't work anymore, what happens to the order", "MS"),
    # a court number with its year, code and number spaced apart
    (E.CASE_NUMBER, "19 FL 01 2288 — nobody showed up to our hearing", "19 FL 01 2288"),
    # the last four of a social, after a comma and "it's"
    (E.US_SSN, "they wanted the last 4 of my ssn, it's 4418, then the call dropped", "4418"),
    # a Mexican number beside a phone word (the North American plan refuses it)
    (E.PHONE_NUMBER, "mi cel de Mexicali es 686 155 2093 por si acaso", "686 155 2093"),
    (E.PHONE_NUMBER, "whats al 686-2O4-7731 para los papeles", "686-2O4-7731"),
    # a famous name given to a private person, after a cue that says whose it is; a
    # one-word figure that is also a given name, after a kinship word
    (
        E.PERSON,
        "my sister's ex is actually named Clayton Kershaw and owes 3 years",
        "Clayton Kershaw",
    ),
    (E.PERSON, "my daughter Selena needs braces and her dad says no", "Selena"),
    # drug use and injuries are health too
    (E.MEDICAL, "my brother is on meth again so he can't watch the kids", "meth"),
    # a subject named after talk of coverage still owns the condition
    (E.MEDICAL, "Question about medical support: my son has type 1 diabetes", "type 1 diabetes"),
    (E.MEDICAL, "insurance is a mess since my daughter has asthma", "asthma"),
    # a treatment told with the subject dropped, as people write: the writer's own
    (E.MEDICAL, "Doing chemo for the next 4 months and can't drive", "chemo"),
    (E.MEDICAL, "Been on dialysis since last spring", "dialysis"),
    (E.MEDICAL, "su papá anda en las drogas desde hace años", "las drogas"),
    (E.MEDICAL, "her dad is in a wheelchair since the crash", "in a wheelchair"),
    # injuries and operations told with a body part and whose it is
    (E.MEDICAL, "Me operaron de la rodilla y no puedo trabajar", "Me operaron de la rodilla"),
    (E.MEDICAL, "mi ex dice que está enfermo de la espalda", "enfermo de la espalda"),
    (E.MEDICAL, "ando enferma de los riñones y no puedo trabajar", "enferma de los riñones"),
    (E.MEDICAL, "a mi ex le cortaron dos dedos del pie", "le cortaron dos dedos del pie"),
    (E.MEDICAL, "lastimé la espalda en el empaque", "lastimé la espalda"),
    (E.MEDICAL, "su abuela se quebró la cadera", "se quebró la cadera"),
    (E.MEDICAL, "I hurt my back at the warehouse and I'm on leave", "hurt my back"),
    (E.MEDICAL, "he blew out his knee and says he can't pay", "blew out his knee"),
    (E.MEDICAL, "two surgeries on my spine since 2021", "surgeries on my spine"),
    (E.MEDICAL, "el doctor me mandó reposo por el embarazo", "reposo"),
    (E.MEDICAL, "my ex has a disability from the war and gets no help", "disability"),
    # a one-word place that is a given name, after a cue; a place ending with no word that
    # locates before it
    (E.PERSON, "my daughter Sierra needs braces and her dad won't pay", "Sierra"),
    (E.PERSON, "Tasha Mills from my church owes her kids two years", "Tasha Mills"),
    (E.PERSON, "@Jordan Grove you know you owe for those girls", "Jordan Grove"),
    # lower case, no context: both words on name lists and on no word list
    (E.PERSON, "yo yahir thao where u at", "yahir thao"),
    (E.PERSON, "citlaly barajas u know what u did pay up", "citlaly barajas"),
    # a quoted reply's attribution, and a comment that opens by naming someone
    (E.PERSON, '> Sokha Lo wrote: "I pay every month, she\'s lying"', "Sokha Lo"),
    (E.PERSON, "> kourosh bermudez escribió: yo pago cada mes", "kourosh bermudez"),
    (E.PERSON, "marivic ocampo you know you owe for those girls", "marivic ocampo"),
    (
        E.PERSON,
        "deion salonga gatchalian you're right about the night hours",
        "deion salonga gatchalian",
    ),
    # numbers and addresses written to get past a filter
    (E.PHONE_NUMBER, "pls call me back, cell is 559 / 302 / 8814 after 3pm", "559 / 302 / 8814"),
    (E.PHONE_NUMBER, "call 559/302/8814 after work", "559/302/8814"),
    (E.EMAIL_ADDRESS, "email me: paj.xyooj94 at gmail dot com", "paj.xyooj94 at gmail dot com"),
    (E.EMAIL_ADDRESS, "write juan[at]yahoo[dot]com", "juan[at]yahoo[dot]com"),
    # conditions in plain words
    (E.MEDICAL, "the kids' dad says he has the sugar real bad and can't work", "the sugar"),
    (E.MEDICAL, "mi mamá está mala de los riñones y no puede cuidarlos", "los riñones"),
    (E.MEDICAL, "A mi hijo le detectaron parálisis facial", "parálisis facial"),
    (E.MEDICAL, "a mi hijo le detectaron atrofia muscular espinal", "atrofia muscular espinal"),
    (
        E.MEDICAL,
        "Got valley fever after 9 summers in the fields, can my order change?",
        "valley fever",
    ),
    (E.US_SSN, "Social is 548 - 21 - 7736, text only", "548 - 21 - 7736"),
    # digits typed one by one, grouped as the card shows them: no context word needed
    (E.US_SSN, "ugh fine it's 5 3 1 - 7 2 - 0 4 8 8 happy now", "5 3 1 - 7 2 - 0 4 8 8"),
    # the context word a sentence before the number
    (
        E.US_SSN,
        "they want my social again even though the lady at the window saw it 531720488",
        "531720488",
    ),
    # after a plural, a long number is one of the cases named
    (E.CASE_NUMBER, "tengo tres casos abiertos, el 200038817265 es el de mi hija", "200038817265"),
    (E.CASE_NUMBER, "I have two cases: 200038817265 and one in Yolo", "200038817265"),
    # the account word a clause before the number
    (
        E.BANK_ACCOUNT,
        "they froze my checking account last Tuesday without warning, number 7730019248",
        "7730019248",
    ),
    # twelve digits alone: a state case number's shape
    (E.CASE_NUMBER, "si 200018842213", "200018842213"),
    # the number before a street whose name is a number
    (E.STREET_ADDRESS, "vivo en el 418 de la calle 9 en Stockton", "418 de la calle 9"),
    # the California licence split in two after a licence word
    (E.DRIVER_LICENSE, "my license number is C559 1207 and DMV says suspended", "C559 1207"),
    # "debit" alone names the card
    (E.CREDIT_CARD, "my debit 4031 2288 1904 5517 got charged twice", "4031 2288 1904 5517"),
    (E.DATE_OF_BIRTH, "Social is on file, born 9 Aug 88. text only", "9 Aug 88"),
    (E.DATE_OF_BIRTH, "my son was born Aug 9, '15 and his dad never came", "Aug 9, '15"),
    (
        E.DATE_OF_BIRTH,
        "mi niña nació el mayo 3 del 2016 y su papá ni se acuerda",
        "mayo 3 del 2016",
    ),
    (
        E.PERSON,
        "@Kaison Cuevas-Ledezma this is the workshop I told you about",
        "Kaison Cuevas-Ledezma",
    ),
    (E.PERSON, "Call the unit and ask for Shawnte I'm on nights", "Shawnte"),
    # a lower-case surname no list has, or with an apostrophe, after a listed given name
    (E.PERSON, "his dad dayvon dumalagan pays nothing", "dayvon dumalagan"),
    (E.PERSON, "now his dad quynh o'callaghan pays nothing", "quynh o'callaghan"),
    (E.PERSON, "@Marites O'Sullivan tagging you so your family sees", "Marites O'Sullivan"),
    (E.PERSON, "@elmer thoj dizon aquí te etiqueto", "elmer thoj dizon"),
    # words that may follow a person's name in a mention do not make it a page
    (E.PERSON, "@Jessica Lopez child support is owed to my kids", "Jessica Lopez"),
    (E.PERSON, "@Maria Lopez school pickup is at 3, you forgot again", "Maria Lopez"),
    # a condition's modifier, possessive or hyphenated eponym is part of its name
    (E.MEDICAL, "our grandson has chronic migraines and his mom won't help", "chronic migraines"),
    (E.MEDICAL, "He has Ehlers-Danlos syndrome and the diet costs $25", "Ehlers-Danlos syndrome"),
    (E.MEDICAL, "they tell me he has Graves' disease now", "Graves' disease"),
    (E.MEDICAL, "our employee told us he has Huntington's disease", "Huntington's disease"),
    (E.MEDICAL, "he has schizoaffective disorder and will be on leave", "schizoaffective disorder"),
    (E.MEDICAL, "mi nieto tiene microcefalia y mi hija no puede trabajar", "microcefalia"),
    (E.MEDICAL, "a mi suegra le dio osteogénesis imperfecta", "osteogénesis"),
    # the same pair where each word is searched for (one space) and where every word is
    # read in one pass (two spaces, a tab, an apostrophe in the comment, many pairs)
    (E.PERSON, "saw yahir thao yesterday", "yahir thao"),
    (E.PERSON, "saw  yahir thao yesterday", "yahir thao"),
    (E.PERSON, "saw yahir\tthao yesterday", "yahir\tthao"),
    (E.PERSON, "it's yahir thao again", "yahir thao"),
    (E.PERSON, "yahir thao and yahir thao and yahir thao", "yahir thao"),
    (
        E.PERSON,
        "citlaly barajas, yahir thao, yahir barajas, citlaly thao and yahir sotelo",
        "yahir sotelo",
    ),
    # a listed given name and a surname no list has; apostrophe names
    (E.PERSON, "Kimberlyn Grigoryan = deadbeat loser", "Kimberlyn Grigoryan"),
    (E.PERSON, "Tell Ka'Niyah Valdovinos to pay for his kids", "Ka'Niyah Valdovinos"),
    (E.PERSON, "Has anyone seen D'Angelo Brooks lately", "D'Angelo Brooks"),
    (E.PERSON, "trying to find ka'niyah tovar born 2015", "ka'niyah tovar"),
    (E.PERSON, "la Lic Wong nos dijo que esperemos", "Wong"),
    # lower-case words on no list after a naming phrase or kinship word, and a mention's
    # capitalised surname no list has
    (E.PERSON, "has anyone seen rodel manalo lately? the kids keep asking", "rodel manalo"),
    (E.PERSON, "his mother is seoyeon khang and she's been in and out of jail", "seoyeon khang"),
    (E.PERSON, "@Phuong Abrahamyan nobody asked you", "Phuong Abrahamyan"),
    (E.MEDICAL, "her son was born with lyme disease", "lyme disease"),
    (E.MEDICAL, "su papá tiene hemofilia y ya no puede trabajar", "hemofilia"),
    # conditions beyond the first list, attributed by "claims", "me diagnosticaron", "estoy"
    (E.MEDICAL, "my little guy was just diagnosed with OCD", "OCD"),
    (E.MEDICAL, "my ex claims OCD to get out of paying", "OCD"),
    (E.MEDICAL, "la mamá de mis hijos tiene artritis", "artritis"),
    (E.MEDICAL, "estoy embarazada otra vez", "embarazada"),
    (E.MEDICAL, "me diagnosticaron hepatitis hace 3 meses", "hepatitis"),
    # BANK_ACCOUNT / ROUTING_NUMBER
    (E.BANK_ACCOUNT, "my checking account is 123456789012 at Chase", "123456789012"),
    (E.BANK_ACCOUNT, "mi cuenta de banco es 00123456789", "00123456789"),
    (E.ROUTING_NUMBER, "routing 121000358 account 123456789012", "121000358"),
    (E.BANK_ACCOUNT, "routing 121000358 account 123456789012", "123456789012"),
    (E.ROUTING_NUMBER, "número de ruta 322271627", "322271627"),
    # CREDIT_CARD
    (E.CREDIT_CARD, "Can I pay with my card 4111 1111 1111 1111?", "4111 1111 1111 1111"),
    (E.CREDIT_CARD, "tarjeta 5555-5555-5555-4444", "5555-5555-5555-4444"),
    (E.CREDIT_CARD, "amex 378282246310005", "378282246310005"),
    # a card number that fails the checksum is still one beside a card word
    (E.CREDIT_CARD, "my EPPICard 5127 0400 1839 2266 shows zero", "5127 0400 1839 2266"),
    (E.ROUTING_NUMBER, "routing 122-000-661 for direct deposit", "122-000-661"),
    (E.US_SSN, "ss# 623/48/1107 please", "623/48/1107"),
    (E.DATE_OF_BIRTH, "naci el 14 de marzo del 2003", "14 de marzo del 2003"),
    # DRIVER_LICENSE
    (E.DRIVER_LICENSE, "my DL is A1234567 why is it suspended", "A1234567"),
    (E.DRIVER_LICENSE, "licencia de manejo B7654321", "B7654321"),
    (E.DRIVER_LICENSE, "lic N2834994 suspended for no reason", "N2834994"),
    # IP_ADDRESS
    (E.IP_ADDRESS, "my ex keeps logging in from 73.15.22.190", "73.15.22.190"),
    (E.IP_ADDRESS, "the IP was 2001:db8::ff00:42:8329", "2001:db8::ff00:42:8329"),
    # MEDICAL
    (E.MEDICAL, "My son has autism and needs more support", "autism"),
    (E.MEDICAL, "his dad knows she has leukemia and still doesn't pay", "leukemia"),
    (E.MEDICAL, "Mi hija tiene diabetes y su papá no ayuda", "diabetes"),
    (E.MEDICAL, "I was diagnosed with lupus, can my order change?", "lupus"),
    # conditions no list holds, by their shape, with the same attribution
    (E.MEDICAL, "my little brother has lymphoma and my mom does it all", "lymphoma"),
    (E.MEDICAL, "my little brother has Marfan syndrome", "Marfan syndrome"),
    (E.MEDICAL, "mi ex tiene enfermedad de huntington y ya no trabaja", "enfermedad de huntington"),
    (E.MEDICAL, "me operaron por pancreatitis y no puedo trabajar", "pancreatitis"),
    (E.MEDICAL, "her son has macular degeneration", "macular degeneration"),
    # names written together or with a short apostrophe part, and a third lower-case word
    (E.PERSON, "hi this is DeAndre Lofton calling about my case", "DeAndre Lofton"),
    (E.PERSON, "Jessica McDonald is my ex", "Jessica McDonald"),
    (E.PERSON, "> Jarvis Salave'a wrote: I pay every month", "Jarvis Salave'a"),
    (E.PERSON, "hieu luu faleolo wrote that he pays", "hieu luu faleolo"),
    (E.PERSON, "We have an order for Shirin De la Torre but she quit", "Shirin De la Torre"),
    (E.PERSON, "Miss Linda Perez owes me money", "Linda Perez"),
    # a state code ending the sentence keeps its period out
    (
        E.STREET_ADDRESS,
        "Go see him. 17058 Pershing Ave, Blythe CA. Works at Big 5.",
        "17058 Pershing Ave, Blythe CA",
    ),
    # numbers written one digit at a time to get past a filter
    (
        E.PHONE_NUMBER,
        "so here: five five nine, two eight one, four zero six three. call after 5",
        "five five nine, two eight one, four zero six three",
    ),
    (
        E.PHONE_NUMBER,
        "my cell 9 1 6 - 7 2 0 - 3 3 8 1 before the July 27 hearing",
        "9 1 6 - 7 2 0 - 3 3 8 1",
    ),
    (
        E.PHONE_NUMBER,
        "mi cel cinco cinco nueve dos ocho uno cuatro cero seis tres",
        "cinco cinco nueve dos ocho uno cuatro cero seis tres",
    ),
    # a profile address names its owner; a pasted form's name field
    (E.PERSON, "this is her, facebook[dot]com/shoua.fang.90. she took my kids", "shoua.fang.90"),
    (E.PERSON, "his page: instagram.com/tavita.mauga lol", "tavita.mauga"),
    (
        E.PERSON,
        "Case No: FAM-2020-94445\nName: Mekdes Girma\nDate of Birth: 2012-12-03",
        "Mekdes Girma",
    ),
    (E.PERSON, "número de caso: 1444658267\nnombre: crisanto alemu\nfecha", "crisanto alemu"),
    (E.PERSON, "Atty. Argueta filed a substitution but your system lists the old firm", "Argueta"),
    # conditions by their newer shapes
    (E.MEDICAL, "tengo psoriasis y el seguro social me negó la incapacidad", "psoriasis"),
    (E.MEDICAL, "my husband has agoraphobia, do they still charge him", "agoraphobia"),
    (E.MEDICAL, "a mi suegra le dio hipotiroidismo y ahora yo la cuido", "hipotiroidismo"),
    # addresses abroad, where families are written to
    (
        E.STREET_ADDRESS,
        "mi dirección es Calle 5 de Mayo #214, Col. Centro, Tlaquepaque",
        "Calle 5 de Mayo #214, Col. Centro",
    ),
    (E.STREET_ADDRESS, "mi casa: 6a Avenida 3-45 Zona 1, Xela", "6a Avenida 3-45 Zona 1"),
    (
        E.STREET_ADDRESS,
        "Colonia Kennedy, Bloque 12 casa 2114, Tegus",
        "Colonia Kennedy, Bloque 12 casa 2114",
    ),
    (
        E.STREET_ADDRESS,
        "viví en la 815 calle B, Marysville, CA 95901",
        "815 calle B, Marysville, CA 95901",
    ),
    # a card word a sentence away from a card-shaped number that fails its checksum
    (
        E.CREDIT_CARD,
        "EPPI card got stolen at a gas station in Flagstaff. number was 5115 4203 8817 6602",
        "5115 4203 8817 6602",
    ),
    (
        E.CASE_NUMBER,
        "my case number on the check memo like they said: 200000087734",
        "200000087734",
    ),
    (E.PHONE_NUMBER, "el número de mi esposa: 530 - 751 - 0249", "530 - 751 - 0249"),
    # digits grouped as the writer reads them aloud, after a phone word
    (E.PHONE_NUMBER, "textéame al cel 951 62 40 3 88 porfa", "951 62 40 3 88"),
    (E.PHONE_NUMBER, "my number is 707 2 11 94 36, call after 5", "707 2 11 94 36"),
    # a non-breaking hyphen and a letter O among the digits
    (E.PHONE_NUMBER, "call me 805\u2011417\u2011O392 after work", "805\u2011417\u2011O392"),
    # the desert towns' hyphenated house numbers
    (
        E.STREET_ADDRESS,
        "mail it to 74-215 Avenue 52 Space 9, Thermal CA 92274 please",
        "74-215 Avenue 52 Space 9, Thermal CA 92274",
    ),
    (
        E.STREET_ADDRESS,
        "I'm at 68-840 Dillon Rd Apt 4 Desert Hot Springs 92240 now",
        "68-840 Dillon Rd Apt 4 Desert Hot Springs 92240",
    ),
    # digit groups joined by a dash said as a word
    (E.US_SSN, "el seguro de él es 548 guion 21 guion 7736", "548 guion 21 guion 7736"),
    # a family-court number with spaces for its dashes
    (E.CASE_NUMBER, "FAM 2019 00 4471 is the one, nobody enforced it", "FAM 2019 00 4471"),
    (E.CASE_NUMBER, "mi caso de la corte famss 22 014563", "famss 22 014563"),
    # the last four of a social, said as such
    (E.US_SSN, "last 4 of my social are 3318, can u look it up", "3318"),
    (E.US_SSN, "I gave them the last 4 of my social (4471) and still no match", "4471"),
    (E.US_SSN, "the last four digits of my SSN: 0472 and still nothing", "0472"),
    (E.US_SSN, "los últimos 4 números de mi seguro social son 6120", "6120"),
    # a house number, "avenida" and a street name of two words before a city
    (
        E.STREET_ADDRESS,
        "ahora vivo en 1844 avenida Sierra Madre, Salinas CA, manden todo ahí",
        "1844 avenida Sierra Madre, Salinas CA",
    ),
    # an at-word of another language between an address and its domain
    (
        E.EMAIL_ADDRESS,
        "연락 주세요 jinwoo.kim88 골뱅이 daum.net 감사합니다",
        "jinwoo.kim88 골뱅이 daum.net",
    ),
    (
        E.EMAIL_ADDRESS,
        "escríbanme a rosy_lara arroba prodigy.net.mx",
        "rosy_lara arroba prodigy.net.mx",
    ),
]


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    POSITIVES,
    ids=[f"{k.value}:{v}" for k, _, v in POSITIVES],
)
def test_recognizer_finds(detector: Detector, kind: E, text: str, value: str) -> None:
    result = detector.scan(text)
    assert (kind.value, value) in spans(result, text)


NEGATIVES: list[tuple[E, str]] = [
    # numbers that are not SSNs
    (E.US_SSN, "call 559-201-4567"),
    (E.US_SSN, "my ssn is 000-12-3456"),  # never issued
    (E.US_SSN, "the example SSN 123-45-6789 from the form"),
    (E.US_SSN, "routing 121000358"),
    (E.US_SSN, "ref 536224187 on the receipt"),  # nine bare digits, no SSN word
    # case numbers need a case word or a court format
    (E.CASE_NUMBER, "I paid $12000 on my case"),
    (E.CASE_NUMBER, "my case was closed on 3/14/2020"),
    (E.CASE_NUMBER, "my caseworker's number is 559-201-4567"),
    (E.CASE_NUMBER, "Where do I send the FL-150 form?"),
    (E.CASE_NUMBER, "I have 2 cases and 3 kids"),
    # dates that are not birth dates
    (E.DATE_OF_BIRTH, "Office closed Nov 27 for Thanksgiving?"),
    (E.DATE_OF_BIRTH, "my hearing is on 3/14/2026"),
    (E.DATE_OF_BIRTH, "Is the workshop on May 5 at 10am?"),
    (E.DATE_OF_BIRTH, "¿Abren el 12 de diciembre?"),
    (E.DATE_OF_BIRTH, "she was born in 1985"),  # a year is not a date of birth
    (E.DATE_OF_BIRTH, "born 2/30/2015"),  # no such day
    # not addresses
    (E.STREET_ADDRESS, "I waited 3 hours at the court on Monday"),
    (E.STREET_ADDRESS, "I have 2 kids and no way to pay"),
    (E.STREET_ADDRESS, "I live on Main St"),  # no house number
    (E.STREET_ADDRESS, "la 2a calle tiene baches desde enero"),  # a numbered street, no house
    (E.STREET_ADDRESS, "3 hours of the same 20 second loop"),  # a count after "the same"
    # a distance in abbreviated units, "each way": no street
    (E.STREET_ADDRESS, "now I drive 2 hrs each way to a job in Milpitas"),
    (E.STREET_ADDRESS, "it's 45 mins each way on the 99"),
    # a public building's address, named right before it: anyone may go there
    (E.STREET_ADDRESS, "forms at the Nevada City courthouse, 201 Church St. Bring them"),
    (E.STREET_ADDRESS, "free help at the family law self-help center at 1100 Union St"),
    (E.STREET_ADDRESS, "la biblioteca en 200 W Main St tiene computadoras"),
    (E.STREET_ADDRESS, "the line at the Lakewood Blvd office is crazy by 9"),
    (E.STREET_ADDRESS, "3 hours to drive to the office"),
    (E.STREET_ADDRESS, "took 2 buses down Blackstone Ave"),
    # not phone numbers
    (E.PHONE_NUMBER, "my case number is 5592014567"),
    (E.PHONE_NUMBER, "call 123-456-7890"),  # not a valid area code
    (E.PHONE_NUMBER, "I owe 12,500.00"),
    (E.PHONE_NUMBER, "in 2019 and 2020 they took 4000"),
    # not emails
    (E.EMAIL_ADDRESS, "@Maria thanks for the help"),
    (E.EMAIL_ADDRESS, "john..smith@gmail.com"),
    # not names
    (E.PERSON, "Thank you Director Delgado and Governor Newsom"),
    (E.PERSON, "How do I apply for child support?"),
    # ordinary Spanish words in lower case, though a name list holds them
    (E.PERSON, "trabaja de jardinero en Sonoma con pura feria en cash"),
    (E.PERSON, "no sean gachos contesten el telefono, tengo tres dias llamando"),
    (E.PERSON, "Si se puede, hay algo que se llama gastos adicionales. Lleve los recibos"),
    (E.PERSON, "ese hijo de su puta madre ojalá se muera, 10 años sin pagar"),
    (E.PERSON, "me dice que ya le pasa dinero a su mama pa los kids"),
    (E.PERSON, "The Los Angeles County office was closed Monday"),
    (E.PERSON, "MY EX WILL NOT PAY AND YOU PEOPLE DO NOTHING"),
    (E.PERSON, "My Son Is Five And His Dad Never Pays"),
    (E.PERSON, "my son needs glasses and his dad won't help"),
    (E.PERSON, "Mi hija tiene 5 años y su papá no paga nada"),
    (E.PERSON, "Judge Martinez gave my ex custody"),
    (E.PERSON, "Happy Thanksgiving from Child Support Services"),
    (E.PERSON, "Cesar Chavez Day office closure?"),
    (E.PERSON, "My ex wokrs at a tire shop under the table"),  # a typo, not a name
    (E.PERSON, "los niños sufran por culpa del sistema"),
    (E.PERSON, "he's at 10557 cesar chavez ave every weekend"),  # a street
    (E.PERSON, "shoot me an email nevaeh.tovar@hotmail.com"),  # an email, not a name
    (E.PERSON, "Pay the processing fee on Cash App today"),
    (E.PERSON, "thank you director gavin newsom"),  # a public title before
    (E.PERSON, "my caseworker Teresa actually calls back now"),  # staff in their role
    # places and things named after people: a holiday, a street, a school, a hospital, a store
    (E.PERSON, "Is the Hollister office open on Cesar Chavez Day?"),
    (E.PERSON, "she rents a place on Walnut Ave in King City now"),
    (E.PERSON, "his daughters go to Carmel High, everybody knows it"),
    (E.PERSON, "she was at Olive View for two weeks last spring"),
    (E.PERSON, "got hired at the Marina Home Depot last month"),
    (E.PERSON, "el hotel de Ventura Harbor paga bien"),
    (E.PERSON, "she can't watch the kids anymore"),
    (E.PERSON, "he's already working at Harris Ranch"),  # an employer, not a person
    (E.MEDICAL, "my complaints fell on deaf ears"),
    (E.MEDICAL, "el papá se hace el sordo cuando le pido dinero"),
    # bank numbers need a bank word
    (E.BANK_ACCOUNT, "case 123456789012"),
    (E.BANK_ACCOUNT, "my account with you guys says I owe 12000"),
    (E.ROUTING_NUMBER, "order 121000358 from the store"),  # checksum passes, no routing word
    # cards need the checksum and a network, or a card word (and then sixteen digits)
    (E.CREDIT_CARD, "ref 4111 1111 1111 1112"),
    (E.CREDIT_CARD, "card 4111 1111 1111"),
    (E.CREDIT_CARD, "case 1000123456789012"),
    # licences
    (E.DRIVER_LICENSE, "license plate 7ABC123"),
    (E.DRIVER_LICENSE, "my license got suspended for $12000 in arrears"),
    # IPs
    (E.IP_ADDRESS, "app version 2.1.0.4 crashes"),
    (E.IP_ADDRESS, "300.1.2.3"),
    (E.IP_ADDRESS, "we met at 10:30:45"),
    # conditions without a person are general talk
    (E.MEDICAL, "Does medical support cover autism therapy?"),
    (E.MEDICAL, "are you doing anything for Disability Pride Month?"),
    (E.MEDICAL, "el sistema esta enfermo de la cabeza"),  # crazy: an insult, not a body
    (E.MEDICAL, "insurance for kids with autism is hard to find"),
    (E.MEDICAL, "April is autism awareness month"),
    (E.MEDICAL, "he needs hearing aids"),
    (E.MEDICAL, "¿La aseguranza cubre diabetes?"),
    (E.MEDICAL, "I finally got my diploma"),  # shaped like a condition, not one
    (E.MEDICAL, "he has the disease everyone talks about"),  # the head word alone is vague
    (E.MEDICAL, "does insurance cover heart disease?"),
    (E.MEDICAL, "my son told Ms. Lee he can't come in on Monday"),
    # disability as a benefit, not a condition
    (E.MEDICAL, "her dad has been on disability since 2019 and still buys a new truck"),
    (E.MEDICAL, "they're counting my disability checks as income, is that legal?"),
    (E.MEDICAL, "el papá cobra discapacidad y no da nada"),
    # staff named by first name after "Miss"/"señorita"; a common noun after an article
    (E.PERSON, "muchas gracias a la señorita Linda que me atendió hoy"),
    (E.PERSON, "the county treats us like a ping pong ball"),
    # one digit at a time, but not ten of them, or digits written together
    (E.PHONE_NUMBER, "I have one two three kids and four five six problems"),
    (E.PHONE_NUMBER, "steps 1 2 3 4 5 6 7 8 9 on the form"),
    # profile addresses that are no person's, and an empty name field
    (E.PERSON, "see facebook.com/groups/dads for help"),
    (E.PERSON, "follow us at facebook.com/DelOroDCSS"),
    (E.PERSON, "Follow our page for updates: https://www.facebook.com/104723"),
    (E.PERSON, "Name: (your full name) goes on line 3"),
    # places and employers that look like name pairs
    (E.PERSON, "I volunteer at a shelter in Baldwin Park and the moms ask"),
    (E.PERSON, "her father go back to Virginia Beach and not pay"),
    (E.PERSON, "Working at Blue Diamond now for minimum"),
    (E.PERSON, "I am paying $300 monthly from my salary at Jiffy Lube since 9 years"),
    # a quoted reply names its writer only when a name is quoted; an opening pair is read
    # only in English and never after a public title
    (E.PERSON, "> my ex wrote: i pay every month"),
    (E.PERSON, "xin chào i help my mother read the letter"),
    (E.PERSON, "My husband is deployed overseas and can't get online."),
    (E.PERSON, "my son is struggling in school"),
    (E.PERSON, "Venmo @ArrearsRelief-CA $200 and I'll get your CDL unsuspended"),
    (E.PERSON, "@Del Oro County DCSS can you confirm the number"),
    (E.PHONE_NUMBER, "the hearings were 12/15/2020 and 3/4/2021"),
    (E.PHONE_NUMBER, "the path 559/302/8814/12 on the site"),
    (E.PHONE_NUMBER, "the path a /559/302/8814 on the site"),
    (E.EMAIL_ADDRESS, "look at the website dot com"),
    (E.EMAIL_ADDRESS, "see you at home dot then"),
    (E.PERSON, "> someone wrote: is this real"),
    (E.PERSON, "juez ochoa promised at the town hall that wait times would go down"),
    (E.PERSON, "gobernador newsom came to our church last month"),
    (E.PERSON, "cuántos días hábiles tardan en procesar un pago"),
    (E.PERSON, "buenas vos sabés si en la oficina hay alguien que hable mam"),
    # shaped like a condition, and not one (Spanish "sympathy")
    (E.MEDICAL, "mi hijo le tiene mucha simpatía a su maestra"),
    (E.STREET_ADDRESS, "caminé 3 calles y la oficina estaba cerrada"),
    (E.STREET_ADDRESS, "the 2 calle signs on the corner were stolen"),
    (E.CASE_NUMBER, "my case number is pending since 2019, hearing on 03/15/2024 at 8:30"),
    # twelve digits inside an order number, a link or an amount are not a case
    (E.CASE_NUMBER, "order #123456789012 never arrived"),
    (E.CASE_NUMBER, "see https://example.com/p/200018842213 for the form"),
    (E.CASE_NUMBER, "they say I owe $200018842213 lol"),
    # a split licence shape without a licence word is nothing
    (E.DRIVER_LICENSE, "window C559 1207 was closed"),
    # a plural with a short number counts nothing
    (E.CASE_NUMBER, "they closed 40 cases like 10023 last year in Yolo"),
    # hours and a street, and a street named "Calle" (not a person)
    (E.STREET_ADDRESS, "waited 2-3 hours at the court on Main St"),
    (E.PERSON, "mi dirección nueva es en Calle Camacho, Coachella"),
    # ...and without one, grouped digits the North American plan refuses are nothing
    (E.PHONE_NUMBER, "the hold music looped 686 155 2093 times I swear"),
    # the words around a name say it is a place or a thing: a landform or business word last
    # or next, a place ending after a word that locates, "the" before, a county, a country
    (E.PERSON, "the bus from Kearny Mesa to the office takes an hour"),
    (E.PERSON, "snow closed Carson Pass again, is the office open?"),
    (E.PERSON, "they laid off half the crew at the Roseburg Lewis plant"),
    (E.PERSON, "he deals blackjack at Jackson Rancheria and says he's broke"),
    (E.PERSON, "we meet at the Malcolm X Library on Saturdays"),
    (E.PERSON, "she got on at Marcus Bros Tire in Visalia"),
    (E.PERSON, "Amador took my whole tax refund this year"),
    (E.PERSON, "my husband is contract worker in Saudi Arabia, can they still collect?"),
    (E.PERSON, "we drove up past Mt Whitney to get to the hearing"),
    # well-known people named in passing
    (E.PERSON, "Fernando Valenzuela would've pitched a whole season before y'all answer"),
    (E.PERSON, "Shohei Ohtani gets paid more per pitch than I make in a year"),
    # a state, a nationality and a title are no names
    (E.PERSON, "they were quick with my interstate case with Oklahoma, I'll give them that"),
    (E.PERSON, "my brother's wife is Korean and went back to Busan with the kids"),
    (E.PERSON, "my ex is pastor at a church in Delano and still won't pay"),
    # staff thanked or asked for by first name, where staff are
    (E.PERSON, "Thanks to Miss Brenda at the Hanford office for her patience"),
    (E.PERSON, "ask for Ramón at window 4, he speaks Spanish"),
    # acronyms after a cue are no names
    (E.PERSON, "my husband is OFW in Qatar po, can they still collect?"),
    # figures of speech and talk of bodies that are no one's injury
    (E.MEDICAL, "he broke my heart and my bank account lol"),
    (E.MEDICAL, "me rompió el corazón cuando se fue"),
    (E.MEDICAL, "knee surgery recovery tips anyone? asking for the group"),
    (E.MEDICAL, "I lost my job at the cannery in June"),
    (E.MEDICAL, "la mano de obra en el campo está muy barata"),
    (E.MEDICAL, "operaron de la rodilla a alguien en las noticias"),
    # staff praised by first name where they work; a military branch; Filipino kinship words
    (E.PERSON, "Ernesto de la oficina de Lompoc me ayudó muchísimo, muy buena persona"),
    (E.PERSON, "Thank you to Ma'am Cora of the Santa Maria office, very patient"),
    (E.PERSON, "Ask for Deborah if you go to the Davis location, she explains things"),
    (E.PERSON, "my daughter's father is navy in San Diego, he don't want to pay"),
    (E.PERSON, "My Lola wants to ask about her case herself."),
    # a trade in lower case that is only a surname ("Seaman", "Carpenter"), no name given
    (E.PERSON, "Hi po, my husband is seaman and he is in the ship for 9 months"),
    (E.PERSON, "my brother is carpenter in Lodi, can he pay in person?"),
    (E.PERSON, "her dad is welder at the shipyard"),
    (E.PERSON, "my cousin's CDL got suspended over this"),
    # handles made with words of trade are a business's or a scammer's account
    (E.PERSON, "DM @tax_help_pros for a free review"),
    (E.PERSON, "Venmo @LicenseFixNow and we lift the hold"),
    # "una llamada" is a phone call, not "called"
    (E.PERSON, "ni una sola llamada regresan estos señores"),
    # a state abbreviation and years, and a family code with too few digits
    (E.CASE_NUMBER, "moved to FL 2019 and 2020 came back"),
    (E.CASE_NUMBER, "the FAM 2019 10 forms are confusing"),
    # four digits near "last" and "social" that are not the number's last four
    (E.US_SSN, "last 4 years my social worker changed 3 times, since 2019"),
    (E.US_SSN, "the last payment of 1250 came before my social security check"),
    # grouped digits after a phone word that do not make ten
    (E.PHONE_NUMBER, "call me, I owe 1 200 35 dollars and 40 cents"),
    # "at" between a word and a domain is a place of work, not an address
    (E.EMAIL_ADDRESS, "he works at amazon.com now, I work at target.com too"),
    # a frequent Spanish word after a plural kinship word goes on with the sentence
    (E.PERSON, "debo manutención de cuando mis hijos eran chicos"),
    # a language or a people of California's caseloads is no name, capitalised as it is
    (E.PERSON, "My husband is Lao, English not so good. He want ask about the amount"),
    (E.PERSON, "does the office have somebody who speaks Khmer or Tagalog?"),
    (E.PERSON, "mi suegra solo habla Mandarin y Cantonese, hay intérprete?"),
    (E.PERSON, "I need the form in Farsi or Arabic please"),
    (E.PERSON, "my wife is Ilocano, she read the letter for me"),
    # a street named after "avenida" with no city after it is a count, not an address
    (E.STREET_ADDRESS, "caminé 12 avenidas y nada, la oficina cerrada"),
]


@pytest.mark.parametrize(
    ("kind", "text"),
    NEGATIVES,
    ids=[f"{k.value}:{t[:30]}" for k, t in NEGATIVES],
)
def test_recognizer_does_not_find(detector: Detector, kind: E, text: str) -> None:
    result = detector.scan(text)
    assert all(f.type is not kind for f in result.findings), spans(result, text)


# Comments whose names are exactly these, no more: a title between two names is none.
EXACT_NAMES = [
    ("Thank you to Ms. Lor and Mr. Thao for coming to the Hmong New Year", ["Lor", "Thao"]),
    ("mi ex se llama brenda garcia y trabaja en walmart", ["brenda garcia"]),
    ("qué lindo ver a @Nelly Barragán defendiendo a las mamás", ["Nelly Barragán"]),
]


@pytest.mark.parametrize(("text", "names"), EXACT_NAMES)
def test_names_found_exactly(detector: Detector, text: str, names: list[str]) -> None:
    found = [value for kind, value in spans(detector.scan(text), text) if kind == E.PERSON.value]
    assert found == names


@pytest.mark.parametrize(
    ("text", "pattern", "validator"),
    [
        ("My SSN is 536-22-4187", "ssn_dashed", "ssn_area_group_serial"),
        ("my itin is 912-70-1234", "ssn_dashed", "itin_area_group"),
        ("card 4111 1111 1111 1111", "card_number", "luhn"),
        ("routing 121000358", "aba_nine_digits", "aba_checksum"),
        ("call (559) 201-4567", "phone_nanp_formatted", "phonenumbers_valid"),
        ("email jsmith@gmail.com", "email", "email_syntax"),
        ("born 3/14/2015", "date_numeric", "plausible_birth_date"),
        ("logged in from 73.15.22.190", "ipv4", "ipv4_octets"),
    ],
)
def test_findings_name_their_pattern_and_validator(
    detector: Detector, text: str, pattern: str, validator: str
) -> None:
    (finding,) = detector.scan(text).findings
    assert (finding.pattern, finding.validator) == (pattern, validator)


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("My SSN is 536-22-4187", "ssn"),
        ("my social 536224187", "social"),
        ("mi numero de seguro social 536224187", "numero de seguro"),
        ("mi seguro 536224187", "mi seguro"),
        ("call me at (559) 201-4567", "call"),
        ("routing 121000358", "routing"),
        ("her birthday is June 3, 2012", "birthday"),
        ("nació el 12 de abril de 2015", "nacio"),
    ],
)
def test_findings_name_the_context_words_that_raised_them(
    detector: Detector, text: str, context: str
) -> None:
    (finding,) = detector.scan(text).findings
    assert context in finding.context_words


@pytest.mark.parametrize(
    ("text", "stronger_than"),
    [
        ("my social 536224187", "ref 536224187"),  # context raises a bare number
        ("call 5592014567", "see 5592014567"),
    ],
)
def test_context_raises_the_score(detector: Detector, text: str, stronger_than: str) -> None:
    with_context = detector.scan(text).findings
    without = detector.scan(stronger_than).findings
    assert with_context
    assert not without or with_context[0].score > without[0].score


def test_toll_free_numbers_are_reported_but_not_hidden(detector: Detector) -> None:
    result = detector.scan("call the hotline 1-800-799-7233")
    assert [f.type for f in result.findings] == [E.PHONE_NUMBER]
    assert result.action.value == "review"


def test_overlapping_candidates_resolve_to_one_finding(detector: Detector) -> None:
    # nine digits after "routing": SSN-shaped and routing-shaped; routing wins.
    text = "routing number 121000358"
    assert spans(detector.scan(text), text) == [("ROUTING_NUMBER", "121000358")]


def test_offsets_are_python_string_offsets_after_emoji(detector: Detector) -> None:
    text = "😡😡 my SSN is 536-22-4187 🙏"
    (finding,) = detector.scan(text).findings
    assert text[finding.start : finding.end] == "536-22-4187"


def test_accents_and_case_do_not_change_offsets(detector: Detector) -> None:
    text = "MI NÚMERO DE CASO ES 200045678901"
    (finding,) = detector.scan(text).findings
    assert text[finding.start : finding.end] == "200045678901"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("My ex wokrs at a tire shop under the table", "wokrs"),
        ("my dauhgter Emily needs her support", "Emily"),
    ],
)
def test_typos_of_trigger_words_are_repaired_without_moving_offsets(
    detector: Detector, text: str, value: str
) -> None:
    result = detector.scan(text)
    if value == "Emily":
        assert ("PERSON", "Emily") in spans(result, text)
    else:
        assert "case_details" in [c.value for c in result.categories]


def _medical() -> MedicalRecognizer:
    (medical,) = (
        r for r in build_recognizers(default_rules(), DetectorConfig()) if r.name == "medical"
    )
    assert isinstance(medical, MedicalRecognizer)
    return medical


@pytest.mark.parametrize("term", terms("medical", "not_conditions"))
def test_every_listed_non_condition_is_shaped_like_one(term: str) -> None:
    """An entry the shape could never produce would be dead weight in the list."""
    assert _medical().shaped.fullmatch(term) is not None


@pytest.mark.parametrize("ending", terms("medical", "shaped_endings"))
def test_every_shaped_ending_is_found_past_the_cheap_gate(detector: Detector, ending: str) -> None:
    text = f"my son has quorb{ending} and his dad knows"
    assert [f.type for f in detector.scan(text).findings] == [E.MEDICAL], spans(
        detector.scan(text), text
    )


def test_every_ordinary_word_shaped_like_a_condition_is_listed() -> None:
    """The shape gate tests only the words no common or dictionary list has: every listed
    word the shape matches must be on the condition list or the non-condition list."""
    medical = _medical()
    names = name_lists()
    listed = set(terms("medical", "conditions_en", "conditions_es", "not_conditions"))
    unlisted = sorted(
        word
        for word in names.common | names.dictionary
        if medical.shaped.fullmatch(word) and word not in listed and word not in medical._heads
    )
    assert unlisted == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("my son has bronchitis again and his dad knows", "bronchitis"),  # a dictionary word
        ("my son has quorbitis and his dad knows", "quorbitis"),  # a word no list has
        ("my son has Quorbitis and his dad knows", "Quorbitis"),
    ],
)
def test_shaped_conditions_on_and_off_the_word_lists(
    detector: Detector, text: str, value: str
) -> None:
    assert (E.MEDICAL.value, value) in spans(detector.scan(text), text)


# The gate stands in front of the shape regex: it may say yes when the regex finds nothing,
# never no when it finds something (a listed word shaped like a condition is the lexicon
# side's, so the whole gate is asked, not its shape test alone).
SHAPED_TEXTS = [
    "my son has arthritis",
    "she got lymphoma last year",
    "xoma and zoma are too short",  # three letters before an ending are needed
    "tiroma",  # the shortest shaped word
    "a b c itis osis",
    "he's dealing with gastroparesis and neuropathy",
    "mi hija tiene síndrome de down",
    "Marfan syndrome runs in the family",
    "no condition here at all",
]


@pytest.mark.parametrize("text", SHAPED_TEXTS)
def test_shape_gate_never_hides_a_shaped_word(text: str) -> None:
    medical = _medical()
    view = ScanText(text)
    assert medical.gate(view) or medical.shaped.search(view.fold) is None


def test_shape_gate_says_no_to_short_and_ordinary_words() -> None:
    medical = _medical()
    assert not medical.shaped_possible(ScanText("xoma zoma, the case is open"))
    assert medical.shaped_possible(ScanText("tiroma"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ab", "abc", "xyz", "oma", "itis", "osis", " ", "'", "-"])))
def test_shape_gate_never_hides_a_shaped_word_anywhere(parts: list[str]) -> None:
    medical = _medical()
    view = ScanText("".join(parts))
    assert medical.gate(view) or medical.shaped.search(view.fold) is None


# Identifiers whose context words are enough to hide the comment, not just to report them.
CONTEXT_HIDES = [
    (E.DRIVER_LICENSE, "my CA ID is D5520913 and the kiosk keeps rejecting it"),
    (E.DRIVER_LICENSE, "california id D5520913, same as on the form"),
    (E.CREDIT_CARD, "the debit 4031-2288-1904-5517 was charged twice"),
    # a licence word a long sentence before the number
    (
        E.DRIVER_LICENSE,
        "les mando mi licencia de manejar para que me crean que soy yo: B 7 7 1 0 2 4 6",
    ),
]


@pytest.mark.parametrize(("kind", "text"), CONTEXT_HIDES, ids=[t[:30] for _, t in CONTEXT_HIDES])
def test_context_words_make_an_identifier_hide(detector: Detector, kind: E, text: str) -> None:
    result = detector.scan(text)
    assert result.action.value == "hide", spans(result, text)
    assert any(f.type is kind for f in result.findings), spans(result, text)


def test_every_verb_the_injury_patterns_read_opens_their_gate() -> None:
    """The injury patterns run only when a body word and a word of injury are present: a verb
    the patterns know but the gate does not would never be read."""
    import re

    from casewarden.detect.recognizers import medical_injury

    particles = {"on", "out", "up", "s", "e", "o", "i", "io", "aron", "ieron", "es"}
    verbs = re.findall(r"[a-z]+", medical_injury._HURT_EN + "|" + medical_injury._VERB_ES)
    missing = {verb for verb in verbs if verb not in particles} - medical_injury.INJURY_WORDS
    # The stems written with their endings in brackets ("quebr(?:e|o|aron)") are read whole.
    stems = {"quebr", "fractur", "lastim", "romp", "lesion", "perd"}
    assert missing <= stems, missing


# What the name tagger's lower-case finds may be: ordinary words are dropped, a given name
# that is also a word is kept, and the English words a Spanish word list holds do not count.
ORDINARY_WORDS = [
    ("pura feria", True),  # "feria" is a frequent Spanish word
    ("gastos adicionales", True),
    ("crystal", False),  # a dictionary word, and a given name
    ("destiny her", False),  # "her" is on the Spanish list too, but an English word
    ("Tres Dias", False),  # written with capitals
]


@pytest.mark.parametrize(("written", "ordinary"), ORDINARY_WORDS)
def test_tagger_drops_ordinary_words(detector: Detector, written: str, ordinary: bool) -> None:
    tagger = next(r for r in detector._recognizers if isinstance(r, PersonTaggerRecognizer))
    assert tagger._ordinary_words(written, written.lower()) is ordinary

"""How staff wording reads: case facts said to one person, and invitations to talk privately.

Rules 3 and 4 (DESIGN.md) in English and Spanish, read on text the detection engine has
already normalized against disguise. Both readers work on a folded copy of the text
(lower case, accents removed, one character for one character), so every span they
return is an offset into the text they were given.

- A **case fact** is a statement of one person's case in the second person: an amount,
  a date or an event of *their* case ("your payment of $350 was received", "tu caso fue
  cerrado"). General answers stay possible: a condition or a modal before the fact ("if
  your case is closed, you can ask...", "your payment may take two days"), a deadline
  ("by March 3") or a bound on an amount ("at least $25") is not a statement of facts.
- A **private invitation** asks people to write through a social-media message or chat
  ("DM us", "send us a private message on Messenger", "mándenos ... por WhatsApp"), or to
  send case details without naming one of the agency's own channels (its phone, office,
  website, secure portal, mail). Advice against it ("please don't DM us") is not one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    """Where something was found in the text read, and what it is."""

    start: int
    end: int
    detail: str


def fold(text: str) -> str:
    """Lower case without accents, exactly as long as ``text``."""
    out = []
    for char in text:
        if char.isascii():
            out.append(char.lower())
            continue
        base = unicodedata.normalize("NFD", char)[0].lower()
        out.append(base[0] if base else char)
    return "".join(out)


def _words(*alternatives: str) -> str:
    return "(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + ")"


# Sentences end at these; a comma, a dash or "but" ends a clause (the scope of a hedge).
_SENTENCE_END = re.compile(r"[.!?;]+(?=\s|$)|\n+")
_CLAUSE_END = re.compile(r",(?!\d)|\s[-\u2013\u2014]\s|\u2014|\bbut\b|\bpero\b|\bthen\b")

_CASE_NOUN_EN = _words(
    r"case(?:s| number| file)?",
    r"payments?",
    r"support payments?",
    r"child support",
    r"support order",
    r"hearings?",
    r"court date",
    r"court hearing",
    r"orders?",
    r"licen[cs]es?",
    r"driver'?s licen[cs]e",
    r"wages?",
    r"paychecks?",
    r"checks?",
    r"account",
    r"balance",
    r"arrears",
    r"arrearages?",
    r"debt",
    r"garnishments?",
    r"(?:tax )?refunds?",
    r"passport",
    r"application",
    r"appointment",
    r"modification",
    r"petition",
    r"benefits",
    r"statement",
    r"levy",
    r"lien",
    r"(?:income )?withholding",
    r"file",
    r"judgment",
    r"(?:genetic|paternity|dna) test(?: results)?",
    r"test results",
    r"interview",
    r"review",
)
_CASE_NOUN_ES = _words(
    r"casos?",
    r"numero de caso",
    r"expediente",
    r"pagos?",
    r"audiencias?",
    r"citas?",
    r"fecha de corte",
    r"ordene?s?",
    r"licencias?",
    r"licencia de manejo",
    r"salario",
    r"sueldo",
    r"cheques?",
    r"cuenta",
    r"saldo",
    r"deuda",
    r"atrasos?",
    r"embargos?",
    r"reembolsos?",
    r"devolucion de impuestos",
    r"pasaporte",
    r"solicitud",
    r"modificacion",
    r"peticion",
    r"beneficios",
    r"manutencion",
    r"declaracion",
    r"retencion",
    r"prueba (?:de paternidad|genetica|de adn)",
    r"resultados",
    r"entrevista",
    r"sentencia",
)
# The person's own case, said to them.
_REFERENCE = re.compile(
    rf"\b(?:your|ur|yr)\s+(?:[\w'-]+\s+){{0,2}}?{_CASE_NOUN_EN}\b"
    rf"|\b(?:su|sus|tu|tus)\s+(?:[\w-]+\s+){{0,2}}?{_CASE_NOUN_ES}\b"
    r"|\byou\s+(?:still\s+|now\s+|currently\s+|already\s+)?"
    r"(?:owe|owed|paid|were ordered|are behind|were behind|missed|have a balance)\b"
    r"|\b(?:usted|tu|ud)\s+(?:ya\s+|todavia\s+|aun\s+)?"
    r"(?:debe|adeuda|pago|falto|perdio|tiene una deuda|tiene un saldo)\b"
)
_EVENT_ES = _words(
    "recib",
    "cerr",
    "envi",
    "mand",
    "suspend",
    "proces",
    "aplic",
    "aprob",
    "neg",
    "program",
    "cancel",
    "embarg",
    "retuv",
    "reabr",
    "present",
    "archiv",
    "modific",
    "ajust",
    "reembols",
    "devolv",
    "emit",
    "dict",
    "venc",
    "revis",
    "redujer",
    "aument",
)
# "we received your payment", "recibimos su pago", "se cerro su caso": the event comes first.
_EVENT_BEFORE = re.compile(
    r"\b(?:we|i|the court|the judge|the agency|our office|dcss)\s+"
    r"(?:have\s+|has\s+|had\s+|already\s+|just\s+)*"
    r"(?:\w+ed|sent|paid|withheld|took|made|gave|saw|put|cut|set)\s+"
    r"(?=(?:\w+\s+){0,2}?(?:your|ur)\b)"
    rf"|\b(?:ya\s+)?(?:{_EVENT_ES}(?:amos|imos|ieron|aron)|se\s+{_EVENT_ES}(?:o|io))\s+"
    r"(?=(?:\w+\s+){0,2}?(?:su|sus|tu|tus)\b)"
    rf"|\b(?:la corte|el juez|la jueza|la agencia)\s+(?:ya\s+)?{_EVENT_ES}(?:o|io)\s+"
    r"(?=(?:\w+\s+){0,2}?(?:su|sus|tu|tus)\b)"
)
# "le suspendieron la licencia": the person is "le", the case noun follows.
_EVENT_TO_YOU = re.compile(
    rf"\b(?:le|te)\s+(?:ya\s+)?{_EVENT_ES}\w*(?:aron|ieron|amos|imos|o|io)\s+"
    rf"(?:el|la|los|las|su|tu|sus|tus)\s+{_CASE_NOUN_ES}\b"
)
_MONTH_EN = _words(
    "jan(?:uary)?",
    "feb(?:ruary)?",
    "mar(?:ch)?",
    "apr(?:il)?",
    "may",
    "june?",
    "july?",
    "aug(?:ust)?",
    "sept?(?:ember)?",
    "oct(?:ober)?",
    "nov(?:ember)?",
    "dec(?:ember)?",
)
_MONTH_ES = _words(
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
_WEEKDAY = _words(
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
)
_DATE = (
    rf"(?:\b{_MONTH_EN}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_EN}\b"
    rf"|\b\d{{1,2}}\s+de\s+{_MONTH_ES}\b|\b{_MONTH_ES}\s+\d{{1,2}}\b"
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}(?::\d{2})?\s?(?:a\.?m|p\.?m)\b|\ba las \d{1,2}\b)"
)
_RELATIVE_DAY = (
    rf"(?:yesterday|today|tonight|tomorrow|this (?:morning|afternoon|week)"
    rf"|(?:last|next|this) (?:week|month|{_WEEKDAY})|on {_WEEKDAY}"
    rf"|ayer|hoy|anoche|manana|esta semana|la semana pasada|el mes pasado|la proxima semana"
    rf"|el (?:proximo )?{_WEEKDAY}(?: pasado)?)"
)
_AMOUNT = (
    r"(?:\$\s?\d[\d,]*(?:\.\d{1,2})?"
    r"|\b\d[\d,]*(?:\.\d{1,2})?\s?(?:dollars|dolares|usd|pesos)\b)"
)
_PARTICIPLE_EN = r"(?:\w+ed|sent|paid|withheld|set|taken|held|made|given|seen|done|put|cut|lost)"
_PARTICIPLE_ES = (
    r"(?:\w+(?:ado|ada|ados|adas|ido|ida|idos|idas)|abiert[oa]s?|devuelt[oa]s?|puest[oa]s?"
    r"|hech[oa]s?|impuest[oa]s?|vencid[oa]s?|atrasad[oa]s?|pendientes?)"
)
_STATE_EN = _words(
    "closed",
    "suspended",
    "revoked",
    "overdue",
    "past due",
    "late",
    "delinquent",
    "behind",
    "pending",
    "on hold",
    "in arrears",
    "open",
    "reopened",
    "approved",
    "denied",
    "scheduled",
    "set",
    "cancell?ed",
    "dismissed",
    "terminated",
    "under review",
    "being processed",
    "garnished",
)
# What makes a statement one of facts, read after the reference to the person's case.
_FACT_AFTER = re.compile(
    r"\b(?:was|were|has been|have been|had been|got|has|have)\s+"
    r"(?:not\s+|never\s+|already\s+|just\s+|now\s+|successfully\s+|officially\s+)*"
    rf"{_PARTICIPLE_EN}\b"
    rf"|\b(?:is|are)\s+(?:now\s+|currently\s+|still\s+|already\s+)?{_STATE_EN}\b"
    rf"|\b(?:is|are|was|will be)\s+(?:on|for|at|set for|scheduled for)?\s*"
    rf"(?:{_DATE}|\b{_RELATIVE_DAY}\b)"
    r"|\b(?:fue|fueron|ha sido|han sido|habia sido|quedo|quedaron|ha quedado|esta|estan|estaba)"
    rf"\s+(?:ya\s+|no\s+)?{_PARTICIPLE_ES}\b"
    rf"|\b(?:es|fue|sera|esta programad[oa]|quedo)\s+(?:para\s+)?(?:el\s+)?"
    rf"(?:{_DATE}|\b{_RELATIVE_DAY}\b)"
    rf"|\bse\s+{_EVENT_ES}(?:o|io)\b"
    rf"|(?<!\bby )(?<!\bbefore )(?<!\buntil )(?<!\bantes del )(?<!\bhasta el ){_DATE}"
    rf"|(?<!at least )(?<!up to )(?<!more than )(?<!less than )(?<!over )(?<!under )"
    rf"(?<!al menos )(?<!hasta )(?<!mas de )(?<!menos de )(?<!minimo de ){_AMOUNT}"
    rf"|\b(?:was|were|got)\s+\w+\s+\b{_RELATIVE_DAY}\b"
)
# A condition, a modal or a generality before the fact makes the sentence a general answer.
_HEDGE = re.compile(
    r"\b(?:if|when|whenever|once|unless|in case|whether|may|might|can|could|should|would"
    r"|usually|typically|generally|normally|often|sometimes|any|each|every|most"
    r"|si|cuando|una vez que|en cuanto|en caso de que|a menos que|puede|pueden|podria|podrian"
    r"|deberia|suele|suelen|normalmente|generalmente|por lo general|a veces|cualquier|cada)\b"
)


def _pieces(text: str, boundary: re.Pattern[str], start: int = 0) -> Iterator[tuple[int, str]]:
    cursor = 0
    for match in boundary.finditer(text):
        yield start + cursor, text[cursor : match.start()]
        cursor = match.end()
    yield start + cursor, text[cursor:]


def sentences(folded: str) -> Iterator[tuple[int, str]]:
    """Each sentence of the folded text with its offset."""
    return _pieces(folded, _SENTENCE_END)


def case_facts(text: str) -> list[Span]:
    """Second-person statements of one person's case facts (rule 3)."""
    found: list[Span] = []
    for offset, sentence in sentences(fold(text)):
        for clause_at, clause in _pieces(sentence, _CLAUSE_END, offset):
            span = _case_fact(clause)
            if span is not None:
                found.append(Span(clause_at + span[0], clause_at + span[1], "case_fact"))
    return found


def _case_fact(clause: str) -> tuple[int, int] | None:
    for reference in _REFERENCE.finditer(clause):
        fact = _FACT_AFTER.search(clause, reference.end())
        if fact is not None and not _HEDGE.search(clause, 0, fact.start()):
            return reference.start(), fact.end()
    for event in _EVENT_BEFORE.finditer(clause):
        if not _HEDGE.search(clause, 0, event.start()):
            after = _REFERENCE.search(clause, event.end(), event.end() + 60)
            if after is not None:
                return event.start(), after.end()
    to_you = _EVENT_TO_YOU.search(clause)
    if to_you is not None and not _HEDGE.search(clause, 0, to_you.start()):
        return to_you.span()
    return None


# Social-media messages and chats: never the agency's private channel (rule 4).
_SOCIAL_PRIVATE = re.compile(
    r"\b(?:dms?|(?<!\d )(?<!\d)pms?|inbox|direct messages?|private messages?|private chat|messenger"
    r"|whats\s?app|wa\.me|m\.me|telegram|viber|wechat|snapchat|kik"
    r"|mensajes? (?:privados?|directos?|internos?)|(?:por|al|un) (?:privado|interno|md|dm)"
    r"|(?:on|via|through|by|por|en) signal)\b"
    r"|\b(?:message|messages|mensaje|mensajes)\s+(?:\w+\s+){0,3}?"
    r"(?:on|via|through|in|por|en|a traves de)\s+(?:facebook|instagram|fb|ig|our page|this page"
    r"|la pagina|nuestra pagina)\b"
)
# Asking people to message the page is itself asking for a social-media message.
_MESSAGE_US = re.compile(
    r"\b(?:dm|pm|inbox|message|msg)\s+(?:us|me)\b|\bmensajeenos\b|\bmandenos un mensaje\b"
)
_INVITE = re.compile(
    r"\b(?:send|dm|pm|inbox|message|msg|write|text|contact|reach|get in touch|talk|chat"
    r"|hit us up|drop us|ping|share|tell|give|provide|leave|post|email|e-mail"
    r"|mand\w*|envi\w*|escrib\w*|contact\w*|comuniqu\w*|compart\w*|dej\w*|pasenos|paseme"
    r"|denos|deme|diganos|digame|hablenos|hablarnos|proporcion\w*)\b"
)
# Sending case details is an invitation to someone, to us or to a place.
_SEND_DETAILS = re.compile(
    r"\b(?:send|dm|pm|inbox|message|msg|text|share|post|leave|comment|reply|respond|email"
    r"|e-mail|responda|responde|conteste)\b"
    r"|\b(?:write|tell|give|provide)\s+(?:us|me)\b"
    r"|\b(?:mand|envi|escrib|compart|dej|pase|de|dig|proporcion)\w{0,5}?(?:nos|me)\b"
    r"|\b(?:mande|manden|envie|envien|escriba|comparta|deje|publique|ponga)\b"
)
_DETAILS = re.compile(
    r"\b(?:case (?:number|#|no)|case details|details (?:of|about) (?:your|the) case|ssn"
    r"|social security|date of birth|birth ?date|dob|docket|account number"
    r"|numero de(?:l)? caso|detalles de su caso|detalles del caso|informacion de su caso"
    r"|seguro social|fecha de nacimiento|numero de cuenta)\b"
)
# The agency's own channels, which replies may name and invite people to use.
_AGENCY_CHANNEL = re.compile(
    r"\b(?:phone|call|calling|toll-free|telephone|hotline|portal|website|web site|our site"
    r"|online at|office|offices|in person|by mail|mailing address|mail it|visit|voicemail"
    r"|llame|llamar|llamenos|llamando|telefono|linea gratuita|sitio web|pagina web|oficinas?"
    r"|en persona|por correo postal|visite|visitenos|buzon de voz|portal seguro)\b|\.gov\b"
)
_NEGATION = re.compile(
    r"\b(?:not|don't|dont|do not|never|no|nunca|ni|cannot|can't|won't|avoid|evite|jamas)\b"
)


def private_invitations(text: str, *, agency_contacts: tuple[str, ...] = ()) -> list[Span]:
    """Invitations to send a social-media message, or case details outside the agency's
    channels (rule 4). ``agency_contacts`` are the agency's own numbers, addresses and
    emails, folded: naming one is naming its own channel."""
    found: list[Span] = []
    for offset, sentence in sentences(fold(text)):
        span = _invitation(sentence, agency_contacts)
        if span is not None:
            found.append(Span(offset + span[0], offset + span[1], span[2]))
    return found


def _negated(sentence: str, at: int) -> bool:
    clause_start = 0
    for boundary in _CLAUSE_END.finditer(sentence, 0, at):
        clause_start = boundary.end()
    return _NEGATION.search(sentence, clause_start, at) is not None


def _names_agency_channel(sentence: str, agency_contacts: tuple[str, ...]) -> bool:
    if _AGENCY_CHANNEL.search(sentence):
        return True
    digits = re.sub(r"\D", "", sentence)
    return any(
        contact in sentence or (len(key := re.sub(r"\D", "", contact)) >= 10 and key in digits)
        for contact in agency_contacts
        if contact
    )


def _invitation(sentence: str, agency_contacts: tuple[str, ...]) -> tuple[int, int, str] | None:
    for verb in _MESSAGE_US.finditer(sentence):
        if not _negated(sentence, verb.start()) and (
            verb.group().startswith(("dm", "pm", "inbox"))
            or not _names_agency_channel(sentence, agency_contacts)
        ):
            return verb.start(), verb.end(), "social_message"
    for verb in _INVITE.finditer(sentence):
        if _negated(sentence, verb.start()):
            continue
        channel = _SOCIAL_PRIVATE.search(sentence, verb.start())
        if channel is not None and not _NEGATION.search(sentence, verb.end(), channel.start()):
            return verb.start(), channel.end(), "social_message"
    for verb in _SEND_DETAILS.finditer(sentence):
        if _negated(sentence, verb.start()):
            continue
        details = _DETAILS.search(sentence, verb.end())
        if details is not None and not _names_agency_channel(sentence, agency_contacts):
            return verb.start(), details.end(), "case_details_outside_agency_channels"
    return None

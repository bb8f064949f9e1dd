"""Telegram conventions kept as data: precedences, months, captions, markings, stations."""

from __future__ import annotations

#: The DTG's precedence letter (the first letter of the line: `P 211343Z APR 09`).
PRECEDENCE_BY_LETTER = {
    "Z": "FLASH",
    "O": "IMMEDIATE",
    "P": "PRIORITY",
    "R": "ROUTINE",
}

#: Precedence words written after an addressee (`TO RUEHC/SECSTATE WASHDC IMMEDIATE 8846`).
ADDRESS_PRECEDENCES = {
    "FLASH": "FLASH",
    "NIACT IMMEDIATE": "IMMEDIATE",
    "IMMEDIATE": "IMMEDIATE",
    "PRIORITY": "PRIORITY",
    "ROUTINE": "ROUTINE",
}

MONTHS = {
    "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
    "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12,
}

MONTH_NAMES = {
    "JANUARY": 1, "FEBRUARY": 2, "MARCH": 3, "APRIL": 4, "MAY": 5, "JUNE": 6, "JULY": 7,
    "AUGUST": 8, "SEPTEMBER": 9, "OCTOBER": 10, "NOVEMBER": 11, "DECEMBER": 12,
}

#: The archive's overall classification values, lowest first.
CLASSIFICATIONS = (
    "UNCLASSIFIED",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "CONFIDENTIAL",
    "CONFIDENTIAL//NOFORN",
    "SECRET",
    "SECRET//NOFORN",
)

#: Handling captions written under the classification line, in the form the record keeps.
HANDLING_CAPTIONS = (
    "SIPDIS",
    "NOFORN",
    "NODIS",
    "EXDIS",
    "LIMDIS",
    "STADIS",
    "ROGER",
    "CHEROKEE",
    "SENSITIVE",
    "FOR OFFICIAL USE ONLY",
)

#: Portion markings as the cable writes them (inside the brackets), read as level and NOFORN.
PORTION_LEVELS = {
    "U": "U",
    "UNCLASSIFIED": "U",
    "UNCLAS": "U",
    "SBU": "SBU",
    "FOUO": "SBU",
    "U//FOUO": "SBU",
    "U/FOUO": "SBU",
    "C": "C",
    "CONFIDENTIAL": "C",
    "S": "S",
    "SECRET": "S",
}

#: Station names as the classification line spells them, where the archive's id differs.
STATION_ALIASES = {
    "USEU": "USEUBRUSSELS",
    "USNATO BRUSSELS": "USNATO",
    "SECSTATE": "STATE",
    "SECSTATE WASHDC": "STATE",
}

#: Routing indicators of the senders most often seen, for a FM line lost in the copy.
ROUTING_INDICATORS = {
    "RUEHC": "SECSTATE WASHDC",
    "RUCNDT": "USMISSION USUN NEW YORK",
    "RUEHNO": "USMISSION USNATO",
    "RUEHBS": "USEU BRUSSELS",
    "RUEHGV": "USMISSION GENEVA",
    "RUEHUNV": "USMISSION UNVIE VIENNA",
}

#: The archive's Origin column (`Embassy Rangoon`) in the FM line's words (`AMEMBASSY RANGOON`).
ARCHIVE_ORIGIN_PREFIXES = (
    ("Embassy ", "AMEMBASSY "),
    ("Consulate ", "AMCONSUL "),
    ("Mission ", "USMISSION "),
)
ARCHIVE_ORIGINS = {
    "Secretary of State": "SECSTATE WASHDC",
    "USUN New York": "USMISSION USUN NEW YORK",
    "US Mission USNATO": "USMISSION USNATO",
    "USEU Brussels": "USEU BRUSSELS",
}

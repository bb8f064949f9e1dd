"""The body of a cable: numbered paragraphs with their portion markings, page breaks, the
signature, and the points of contact."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .cleaning import join_lines, squeeze
from .markings import portion_marking

#: Page breaks (`STATE 00039345 002 OF 002`, `PRISTINA 00000084 001.2 OF 005`) are found
#: by their ` OF nnn` and checked backwards: a scan for a literal is fast on any input.
_PAGE_MARK_RE = re.compile(r" OF \d{3}\b")
_PAGE_LINE_HEAD_RE = re.compile(r"[ \t]*[A-Za-z][A-Za-z .'-]{0,40}[ \t]0*\d{1,8}[ \t]+\d{3}(?:\.\d)?")
#: The same page break run into a flattened paragraph (08BERLIN1108).
_PAGE_INLINE_HEAD_RE = re.compile(r"(?<![A-Z])[A-Z]{2,21}(?: [A-Z]{1,20}){0,3} 0\d{7} \d{3}(?:\.\d)?\Z")

#: A numbered paragraph at the start of a line: `¶1. (C)`, `11. (C)`, `1.(C/NF)`, `2. SUMMARY`.
#: Matched on the text with a newline put in front, so that the scan looks for a literal.
#: The lookahead turns away a line that starts with a letter, as most do, before the
#: groups are entered.
_PARA_LINE_RE = re.compile(
    r"\n(?=[ \t¶\d])[ \t]*+(¶[ \t]*+)?+(\d{1,3})"
    r"[ \t]?[.)](?:[ \t]+|(?=[(A-Z\"]))(?:\([ \t]?([A-Za-z/ ]{1,20}?)[ \t]?\))?"
)
#: The same at the start of the text, which no newline comes before.
_PARA_FIRST_LINE_RE = re.compile(_PARA_LINE_RE.pattern.removeprefix("\\n"))
#: A numbered, marked paragraph inside a line: run on to the end of the one before
#: (07USNATO649, para 23) or to the REF line (08LONDON1763: `REF: STATE 69691 1. (SBU)`).
#: Matched at the `.` of a `.(` or `. (` (see `_run_on_anchors`), then read backwards.
#: Only a `.` after one to three digits (or `¶` and digits) with a blank before them can be one.
_RUN_ON_ANCHOR_RE = re.compile(
    r"\.(?:(?<=[ \t]\d\.)|(?<=[ \t]\d\d\.)|(?<=[ \t]\d\d\d\.)|(?<=[ \t]¶\d\.)|(?<=[ \t]¶\d\d\.)|(?<=[ \t]¶\d\d\d\.))"
    r"[ \t]?\(([A-Za-z/ ]{1,12}?)\)"
)
_SENTENCE_ENDS = frozenset(".!?\"')\u201d")
#: An unnumbered paragraph's marking at its start (07REYKJAVIK334: `(C/NF) Ambassador presented`).
LEADING_MARKING_RE = re.compile(r"^\s*\(([A-Za-z/ ]{1,12}?)\)[ \t]")

_HEADING_LINE_RE = re.compile(r"^[ \t]*(?:-{3,}[ \t]*|[^.!?;,\n]{1,70}[ \t]*|[A-Z0-9 ,/&():'-]{1,70})$")
#: The characters that end a sentence, which no heading ends with.
_SENTENCE_STOPS = ".!?;"
#: Written with a literal start, which the scan looks for fast.
_DASHES_RE = re.compile(r"-----+")

_SIGNER_LINE_RE = re.compile(r"^[ \t]*([A-Za-z][A-Za-z'.-]*(?:[ \t]+[A-Za-z][A-Za-z'.-]*){0,2}?)[ \t.]*$")
_SIGNER_RUN_ON_RE = re.compile(
    r"(?:[.!?\"')*\]\u201d][ \t]*|[ \t])([A-Z][A-Z'-]{1,20}(?:[ \t]+[A-Z][A-Z'-]{1,20})?)[ \t.]*$"
    r"|[.!?\"')\u201d][ \t]+([A-Z][a-z'-]{1,20}(?:[ \t]+[A-Z][A-Za-z'-]{1,20})?)[ \t]*$"
)
_NOT_SIGNERS = frozenset(
    {
        "END", "BT", "NNNN", "UNQUOTE", "END SUMMARY", "END COMMENT", "ENDS", "END CABLE", "END TEXT",
        "END NOTE", "COMMENT", "SUMMARY", "NOTE", "SIPDIS", "NOFORN", "QUOTE", "TEXT", "ACTION", "INFO",
        "END QUOTE", "END ACTION REQUEST", "CONFIDENTIAL", "SECRET", "UNCLASSIFIED", "UNCLAS",
    }
)
_TRAILER_LINE_RE = re.compile(r"[ \t]*(?:(?:BT|NNNN|#\d{1,6}|\*+|=+|-+|_+)[ \t]*)?")


def strip_page_breaks(body: str) -> str:
    """The body without its page-break lines, which are not text."""
    at = body.find(" OF ")
    if at < 0:
        return body
    pieces = []
    position = 0
    for start in _page_marks(body, at):
        if start < position:
            continue
        end = start + _PAGE_MARK_LENGTH
        line_start = body.rfind("\n", 0, start) + 1
        line_end = body.find("\n", end)
        if line_end < 0:
            line_end = len(body)
        if (
            line_start >= position
            and not body[end:line_end].strip()
            and _PAGE_LINE_HEAD_RE.fullmatch(body, line_start, start)
        ):
            pieces.append(body[position:line_start])
            position = line_end
            continue
        inline = _PAGE_INLINE_HEAD_RE.search(body, max(position, start - 120), start)
        if inline is not None:
            pieces.append(body[position:inline.start()])
            pieces.append(" ")
            position = end
    if not pieces:
        return body
    pieces.append(body[position:])
    return "".join(pieces)


#: How long every match of `_PAGE_MARK_RE` is: ` OF ` and three digits.
_PAGE_MARK_LENGTH = 7


def _page_marks(body: str, at: int) -> Iterator[int]:
    """Where the matches of `_PAGE_MARK_RE.finditer(body)` start, given the first ` OF ` at `at`,
    with `str.find` looking for the next: faster than the pattern's own scan for its literal
    start, on text where ` OF ` is common."""
    while at >= 0:
        if _PAGE_MARK_RE.match(body, at) is None:
            at = body.find(" OF ", at + 1)
        else:
            yield at
            at = body.find(" OF ", at + _PAGE_MARK_LENGTH)


@dataclass(slots=True)
class Candidate:
    """A place where a numbered paragraph may start."""

    start: int
    content_start: int
    number: int
    pilcrow: bool
    marking_text: str | None
    line_start: bool
    unmarked_start: int  # where the text starts if the bracket is not a marking
    after_sentence: bool = False


#: The numbers a paragraph's one to three digits read as, for digits `0` to `9`; `int` reads others.
_NUMBERS = {f"{n:0{width}d}": n for width in (1, 2, 3) for n in range(10**width)}


def paragraph_candidates(text: str) -> list[Candidate]:
    """Every line starting with a number, and every marking with a number just before it."""
    candidates = _line_candidates(text)
    run_on = _run_on_candidates(text)
    if run_on:
        candidates.extend(run_on)
        candidates.sort(key=lambda c: c.start)
    return candidates


def _line_candidates(text: str) -> list[Candidate]:
    """`_PARA_LINE_RE` matched at every newline, and the same pattern without its newline at the start."""
    candidates = []
    first = _PARA_FIRST_LINE_RE.match(text)
    if first is not None:
        candidates.append(_line_candidate(first, 0))
    for m in _PARA_LINE_RE.finditer(text):
        pilcrow, number, marking = m.groups()
        start, end = m.span()
        try:
            value = _NUMBERS[number]
        except KeyError:
            value = int(number)
        unmarked_start = m.start(3) - 1 if marking is not None else end
        candidates.append(Candidate(start + 1, end, value, pilcrow is not None, marking, True, unmarked_start))
    return candidates


def _line_candidate(m: re.Match, start: int) -> Candidate:
    """The candidate of a match of `_PARA_FIRST_LINE_RE` at `start`."""
    pilcrow, number, marking = m.groups()
    end = m.end()
    unmarked_start = m.start(3) - 1 if marking is not None else end
    return Candidate(start, end, int(number), pilcrow is not None, marking, True, unmarked_start)


def _run_on_candidates(text: str) -> list[Candidate]:
    """`_run_on` of each match of `_RUN_ON_ANCHOR_RE.finditer(text)`, tried only at a `.` just
    before a `(` or one blank before it, with a digit before the `.`.

    A match holds no `.` past its first character, so matches found this way never
    overlap. A cable holds far fewer `(` than `.`, and `str.find` skips to the next one
    faster than the pattern's scan, which stops at every `.`. Every form the pattern looks
    back for ends in a digit (`\\d`, which is what `str.isdecimal` tells) before the `.`.
    """
    found = []
    find = text.find
    at = find("(")
    while at >= 0:
        dot = at - 1 if text[at - 1] == "." else at - 2
        if dot > 0 and text[dot] == "." and text[dot - 1].isdecimal():
            anchor = _RUN_ON_ANCHOR_RE.match(text, dot)
            if anchor is not None:
                candidate = _run_on(text, anchor)
                if candidate is not None:
                    found.append(candidate)
        at = find("(", at + 1)
    return found


def _run_on(text: str, anchor: re.Match) -> Candidate | None:
    """A `N. (C)` inside a line: the digits before the anchor, a blank before them, text before that."""
    digits_end = anchor.start()
    start = digits_end
    while start > 0 and digits_end - start < 3 and text[start - 1].isdecimal():
        start -= 1
    if start == digits_end or start == 0 or (start > 0 and text[start - 1].isdecimal()):
        return None
    number = int(text[start:digits_end])
    pilcrow = False
    if text[start - 1] == "¶":
        pilcrow = True
        start -= 1
    if start == 0 or text[start - 1] not in " \t":
        return None
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].rstrip(" \t")
    if not before:
        return None
    return Candidate(start, anchor.end(), number, pilcrow, anchor.group(1), False, anchor.start(1) - 1,
                     after_sentence=before[-1] in _SENTENCE_ENDS)


def split_paragraphs(
    body: str, warnings: list[str], candidates: list[Candidate] | None = None
) -> list[tuple[int, str | None, str]]:
    """(number, marking, raw text) of each numbered paragraph, in order.

    Numbers must run on from the paragraph before. The scraped copies turned `¶3` into
    `13.` (08STATE22377) and `¶1` into `11.` (09STATE39345): a `1N.` where N is due reads
    as N. A repeated number (08BUENOSAIRES225 has two paragraphs 12) or a gap of one or
    two is taken when the line is marked like a paragraph, with a warning.
    """
    if candidates is None:
        candidates = paragraph_candidates(body)
    if candidates and _numbered_in_order(candidates):
        return _every_paragraph(body, candidates)
    accepted: list[list] = []
    expected = 1
    require_marking = False
    scraped = False
    last_marked = {}
    for c in candidates:
        if c.pilcrow or (c.marking_text and portion_marking(c.marking_text)):
            last_marked[c.number] = c.start
    for c in candidates:
        start, content_start, number, pilcrow, line_start = c.start, c.content_start, c.number, c.pilcrow, c.line_start
        marking = portion_marking(c.marking_text) if c.marking_text else None
        if c.marking_text and marking is None:
            content_start = c.unmarked_start
        strong = pilcrow or marking is not None
        if accepted and accepted[-1][0] == start:
            continue
        if require_marking and not strong and (number != expected or last_marked.get(number, -1) > start):
            continue
        if not line_start and (number != expected or marking is None or not (c.after_sentence or not accepted)):
            continue
        read_as = None
        if number == expected:
            read_as = number
        elif line_start and number >= 10 and str(number) == "1" + str(expected):
            read_as = expected
            scraped = True
        elif accepted and line_start and strong and number == expected - 1:
            read_as = number
            warnings.append(f"paragraph number {number} repeated; read as a further paragraph")
        elif line_start and strong and expected < number <= expected + 2:
            read_as = number
            missing = ", ".join(str(n) for n in range(expected, number))
            warnings.append(f"paragraph {missing} missing before paragraph {number}")
        if read_as is None:
            continue
        if not accepted and marking is not None:
            require_marking = True
        accepted.append([start, max(content_start, start), read_as, marking])
        expected = read_as + 1
    if scraped:
        warnings.append("paragraph numbers with a leading 1 from a lost paragraph sign read without it")
    paragraphs = []
    for index, (_, content_start, number, marking) in enumerate(accepted):
        end = accepted[index + 1][0] if index + 1 < len(accepted) else len(body)
        paragraphs.append((number, marking, body[content_start:end]))
    return paragraphs


def _numbered_in_order(candidates: list[Candidate]) -> bool:
    """Whether the candidates, all at line starts, are numbered 1, 2, 3 and on, as in most
    cables: each is then a paragraph, which `split_paragraphs` reads with no further checks."""
    expected = 1
    for c in candidates:
        if c.number != expected or not c.line_start:
            return False
        expected += 1
    return True


def _every_paragraph(body: str, candidates: list[Candidate]) -> list[tuple[int, str | None, str]]:
    paragraphs = []
    end = len(body)
    for c in reversed(candidates):
        marking = portion_marking(c.marking_text) if c.marking_text else None
        content_start = c.unmarked_start if c.marking_text and marking is None else c.content_start
        if content_start < c.start:
            content_start = c.start
        paragraphs.append((c.number, marking, body[content_start:end]))
        end = c.start
    paragraphs.reverse()
    return paragraphs


def drop_trailing_heading(chunk: str) -> str:
    """A section heading between paragraphs (`BACKGROUND`, `Summary` over dashes) is not paragraph text."""
    chunk = chunk.rstrip()
    while chunk:
        # The chunk ends in its last line's last character, which is no blank; a heading does
        # not end a sentence.
        if chunk[-1] in _SENTENCE_STOPS:
            return chunk
        last_newline = chunk.rfind("\n")
        if not _is_heading_line(chunk[last_newline + 1 :]):
            return chunk
        blank = _blank_line_before(chunk, last_newline)
        if blank < 0:
            return chunk
        chunk = chunk[:blank].rstrip()
    return chunk


#: How far from a chunk's end the blank line above a heading is looked for.
_HEADING_TAIL = 400


def _blank_line_before(chunk: str, newline: int) -> int:
    """The start of the last blank line (`\\n[ \\t]*\\n`) within `_HEADING_TAIL` characters of the
    chunk's end, when no more than three lines, all headings, stand between it and the end;
    else -1. `newline` is the newline before the chunk's last line, which is a heading.

    Read backwards, line by line, from the end: a heading is a few short lines.
    """
    tail_start = len(chunk) - _HEADING_TAIL
    if tail_start < 0:
        tail_start = 0
    lines = 1
    while newline >= tail_start:
        above = chunk.rfind("\n", tail_start, newline)
        if above < 0:
            return -1
        line = chunk[above + 1 : newline]
        if not line.strip(" \t"):
            return above
        if line.strip():
            lines += 1
            if lines > 3 or not _is_heading_line(line):
                return -1
        newline = above
    return -1


def _is_heading_line(line: str) -> bool:
    """Whether a line (holding no newline) matches `_HEADING_LINE_RE`, told by string methods.

    The pattern's three forms, past the line's leading blanks: dashes (at least three) and
    blanks; up to 70 characters but `.!?;,` and then blanks; up to 70 of capitals, digits,
    spaces and `,/&():'-`. Matched by the pattern, a line of words backtracks through them.
    """
    core = line.strip(" \t")
    if not core:
        return bool(line)
    if len(core) <= 70 and not ("." in core or "," in core or "!" in core or "?" in core or ";" in core):
        return True
    if not core.strip("-"):
        return len(core) >= 3
    rest = line.lstrip(" \t")
    return len(rest) <= 70 and not rest.strip(_HEADING_CHARS)


#: The characters of a heading line's third form (see `_is_heading_line`).
_HEADING_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,/&():'-"


#: What copies put after the end of a cable.
_AFTER_END_MARKERS = ("CABLE ENDS",)
#: The National Archives' release stamp on old cables, anywhere in the text.
_NARA_STAMP_RE = re.compile(
    r"Declassified/Released US Department of State EO\s{1,10}Systematic Review[ \t]*[^\n]{0,20}"
)


def cut_after_end(body: str) -> tuple[str, bool]:
    """The body up to a line that says the cable ended, and whether one was found."""
    if "Declassified/Released" in body:
        body = _NARA_STAMP_RE.sub("", body)
    cut = len(body)
    for marker in _AFTER_END_MARKERS:
        position = body.find(marker)
        if 0 <= position < cut:
            cut = body.rfind("\n", 0, position) + 1
    return body[:cut], cut < len(body)


def take_signer(text: str) -> tuple[str, str | None]:
    """The signing principal at the end of the body (`CLINTON`, `van Voorst`, `... ahead. KAIDANOW`)."""
    text = text.rstrip()
    if len(text) > 4000:
        cut = text.rfind("\n", 0, len(text) - 2000) + 1 or len(text) - 2000
        head_text, text = text[:cut], text[cut:]
        rest, signer = take_signer(text)
        return head_text + rest, signer
    line_start, line_end = _last_line(text)
    if line_start < 0:
        return text, None
    last = text[line_start:line_end].strip()
    if len(last) > 300:
        head, last = last[:-300], last[-300:]
    else:
        head = ""
    match = _SIGNER_LINE_RE.match(last) if not head else None
    if match is not None and line_start > 0 and _is_name(match.group(1)):
        return text[: line_start - 1], match.group(1)
    run_on = _run_on_signer(last)
    if run_on is not None:
        group = 1 if run_on.group(1) is not None else 2
        if _is_name(run_on.group(group)):
            return text[:line_start] + head + last[: run_on.start(group)].rstrip(), run_on.group(group)
    return text, None


#: How far before the end of its names a run-on signature starts at most, when no two blanks
#: stand together: a mark and a blank, then two names of up to 21 characters and a blank.
_RUN_ON_SIGNER_SPAN = 2 + 21 + 1 + 21


def _run_on_signer(line: str) -> re.Match | None:
    """`_SIGNER_RUN_ON_RE.search(line)` for a line holding no newline, begun where a match can
    first start: the pattern has no literal to look for, so its scan tries every position.

    What follows the names is blanks and dots, which `str.rstrip` takes off to find where the
    names end; a line holding a tab or two spaces together is searched whole.
    """
    start = 0
    if "\t" not in line and "  " not in line:
        start = len(line.rstrip(" .")) - _RUN_ON_SIGNER_SPAN
        if start < 0:
            start = 0
    return _SIGNER_RUN_ON_RE.search(line, start)


def _last_line(text: str) -> tuple[int, int]:
    """Start and end of the text's last line that is not a trailer (`BT`, `NNNN`, a rule), or
    (-1, -1). Read backwards from the end, where `str.split` would cut every line."""
    end = len(text)
    while True:
        start = text.rfind("\n", 0, end) + 1
        if not _TRAILER_LINE_RE.fullmatch(text, start, end):
            return start, end
        if start == 0:
            return -1, -1
        end = start - 1


def _is_name(candidate: str) -> bool:
    words = candidate.split()
    if not words or candidate.upper() in _NOT_SIGNERS or words[0].upper() in ("END", "BT"):
        return False
    for word in words:
        if word[0].isupper():
            break
    else:
        return False
    return 2 <= len(candidate) <= 40 and not candidate.isdigit()


def paragraph_text(raw: str, plain: bool = False) -> str:
    """Wrapped lines joined; dashes under headings and stray paragraph signs removed.

    `plain` says that the text holds no blank but spaces and newlines (see `has_odd_spaces`).
    """
    raw = drop_trailing_heading(raw)
    if "-" in raw and "-----" in raw:
        raw = _DASHES_RE.sub(" ", raw)
    if "¶" in raw:
        raw = raw.replace("¶", "")
    return join_lines(raw) if plain else squeeze(raw)


# ---------------------------------------------------------------- points of contact

_PHONE_RE = re.compile(
    r"(?:\+?1[ \t.-]?)?(?:\(\d{3}\)[ \t]?|\d{3}[ \t.-])\d{3}[ \t.-]\d{4}(?:[ \t]*(?:x|ext\.?)[ \t]*\d{1,5})?(?!\d)"
)
#: The last seven digits of a phone number; the first character is a class, which the scan looks for fast.
_PHONE_HINT_RE = re.compile(r"\d\d\d[ \t.-]\d{4}")
#: The longest lead before them: `+1 (202) `.
_PHONE_LEAD = 9
#: An e-mail address is found from its `@`, then read left and right.
_EMAIL_LOCAL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")
_EMAIL_DOMAIN_RE = re.compile(r"@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,4}")
_NAME_TAIL_RE = re.compile(r"([A-Z][a-z'-]+(?:[ \t]+[A-Z]\.)?[ \t]+(?:Mc|Mac|O')?[A-Z][a-z'-]+)[ \t,]*$")
_LEAD_IN_RE = re.compile(
    r"^.*?(?:\bcontacts?\b|\bPOCs?\b|\bcontact\)?:|\bor\b|\band\b|;)[ \t:,-]*(?=[A-Z])", re.I | re.S
)


def points_of_contact(paragraphs: list[dict]) -> list[dict]:
    """Name, role, phone and e-mail of each contact named in a paragraph about contacts."""
    contacts: list[dict] = []
    for paragraph in paragraphs:
        text = paragraph["text"]
        # An upper-case word is looked for only in text holding its capitals `O` and `C` (both
        # words), `N` (ONTACT) or `P` (POC): half of all paragraph text lacks one of them, and a
        # one-character `in` looks for a letter far faster than a word.
        if "ontact" not in text and (
            "O" not in text
            or "C" not in text
            or (("N" not in text or "ONTACT" not in text) and ("P" not in text or "POC" not in text))
        ):
            continue
        first = min(i for i in (text.find("ontact"), text.find("ONTACT"), text.find("POC")) if i >= 0)
        # Contacts follow the word that announces them; the rest of a long paragraph is not read.
        text = text[: first + CONTACT_WINDOW]
        phones = []
        for m in _phones(text):
            if _phone_alone(text, m):
                phones.append((m.start(), m.end(), "phone", m.group(0)))
                if len(phones) >= MAX_CONTACT_ANCHORS:
                    break
        anchors = sorted(phones + _emails(text))
        previous_end = 0
        current: dict | None = None
        for start, end, kind, value in anchors:
            between = text[previous_end:start]
            if current is not None and len(between) < 12 and not _WORD_RE.search(between):
                current[kind] = current.get(kind) or value
                previous_end = end
                continue
            name, role = _name_and_role(between)
            current = {"name": name, "role": role, "phone": None, "email": None}
            current[kind] = value
            contacts.append(current)
            previous_end = end
    return contacts


def _phones(text: str) -> Iterator[re.Match]:
    """`_PHONE_RE.finditer(text)`, tried only in the `_PHONE_LEAD` characters before each `nnn-nnnn`.

    Every phone number holds one, and none starts more than `_PHONE_LEAD` characters before
    it. The phone pattern has no literal to look for, so its own scan tries every position.
    """
    shapes = _hint_shapes(text)
    if shapes is None:
        return
    position = 0
    while True:
        hint = _phone_hint(text, shapes, position)
        if hint < 0:
            return
        for start in range(max(position, hint - _PHONE_LEAD), hint + 1):
            phone = _PHONE_RE.match(text, start)
            if phone is not None:
                yield phone
                position = phone.end()
                break
        else:
            position = hint + 1


#: Digits as `0`, and `?` too: an ASCII encoding puts one for every other character, which may be a digit.
_DIGITS_AS_ZERO = bytes.maketrans(b"0123456789?", b"00000000000")
_HINT_SHAPES = (b"000 0000", b"000\t0000", b"000.0000", b"000-0000")


def _hint_shapes(text: str) -> bytes | None:
    """A byte copy of the text with every digit, and every character but ASCII, made `0`; None
    when it holds no four in a row, so no `nnn-nnnn`.

    The copy shows a hint (`_PHONE_HINT_RE`) at least wherever the text holds one: `bytes.find`
    looks for its shapes far faster than the pattern's scan, which tests every character.
    """
    shapes = text.encode("ascii", "replace").translate(_DIGITS_AS_ZERO)
    return shapes if b"0000" in shapes else None


def _phone_hint(text: str, shapes: bytes, position: int) -> int:
    """Where `_PHONE_HINT_RE.search(text, position)` finds a hint, or -1: searched from the first
    of its shapes in `shapes` (see `_hint_shapes`), before which none can start."""
    start = -1
    for shape in _HINT_SHAPES:
        at = shapes.find(shape, position, len(shapes) if start < 0 else start + len(shape) - 1)
        if at >= 0:
            start = at
    if start < 0:
        return -1
    hint = _PHONE_HINT_RE.search(text, start)
    return -1 if hint is None else hint.start()


def _phone_alone(text: str, match: re.Match) -> bool:
    return match.start() == 0 or text[match.start() - 1] not in "0123456789-"


#: How far past the word `contact` phone numbers and addresses are looked for.
CONTACT_WINDOW = 2000
#: No real paragraph names more contacts than this; a text full of `@` is not read to the end.
MAX_CONTACT_ANCHORS = 50


def _emails(text: str) -> list[tuple]:
    found = []
    at = text.find("@")
    tries = 0
    while at >= 0 and tries < 4 * MAX_CONTACT_ANCHORS and len(found) < MAX_CONTACT_ANCHORS:
        tries += 1
        start = at
        while start > 0 and at - start < 64 and text[start - 1] in _EMAIL_LOCAL_CHARS:
            start -= 1
        domain = _EMAIL_DOMAIN_RE.match(text, at)
        if start < at and domain is not None:
            found.append((start, domain.end(), "email", text[start:domain.end()]))
        at = text.find("@", at + 1)
    return found


_WORD_RE = re.compile(r"[A-Z][a-z]")
_CONTACT_TAIL_RE = re.compile(r"(?:\(|\bat\b|\bon\b|\bby\b|\btel\.?|\bphone\b|:|,)[ \t(]*(?:1[ \t])?$", re.I)


def _name_and_role(segment: str) -> tuple[str | None, str | None]:
    """`Kosovo Desk Officer Seiji Shiratori at` or `CONTACT: Joshua Black, Kosovo Status coordinator, ... (1`."""
    segment = segment[-300:].strip()
    lead = _LEAD_IN_RE.match(segment)
    if lead is not None:
        segment = segment[lead.end():]
    segment = _CONTACT_TAIL_RE.sub("", segment.strip())
    segment = segment.strip(" ,;:(")
    if not segment:
        return None, None
    if "," in segment:
        name, _, role = segment.partition(",")
        name = name.strip()
        if _NAME_TAIL_RE.fullmatch(name):
            return name, role.strip(" ,") or None
    match = _NAME_TAIL_RE.search(segment)
    if match is None:
        return None, segment[-80:] or None
    role = segment[: match.start()].strip(" ,") or None
    return match.group(1).strip(), role

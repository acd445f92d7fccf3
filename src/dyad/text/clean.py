"""Remove page furniture from extracted article text, with general line rules.

Text often arrives already extracted from a web page, with navigation, link lists, captions and
contact lines left in. The rules work on lines and look only at the line's shape and wording, not
at any particular site:

    nav         short navigation lines ("Skip to main content", "Full Site Menu", "Share", "Advertisement")
    read_more   "Read More: <headline>" and its kin ("Related:", "See also:", "Also read:")
    related     a "More Must-Reads from X" / "Most Popular" / "Related stories" heading and the list after it
    contact     contact, newsletter, follow-us and copyright lines, short lines with an e-mail address
    caption     photo captions with a credit ("... | REUTERS", "(AP Photo/...)", "Photo: Getty Images"),
                and the same caption repeated without its credit
    repeated    a short line repeated verbatim (pull quotes, doubled captions): later copies go
    separator   lines of symbols only ("* * *")
    masthead    short lines above the title, when the title is found in the first lines
    title       the title line (kept in `title`, not in the body)
    byline      "By Jane Roe", or a name-shaped line right under the title (kept in `author`)

Paragraphs are blocks separated by blank lines; inside a block, each line is a paragraph unless
the block is hard-wrapped (short lines that break mid-sentence), in which case its lines are
joined. The cleaned text is the paragraphs joined by blank lines.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

# runs of two or more spaces, or any other horizontal space: one plain space (single spaces are left alone)
_HSPACE = r"\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(rf"[ {_HSPACE}]{{2,}}|[{_HSPACE}]")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200e\u200f\u2060\ufeff\x00-\x08\x0b-\x1f\x7f]")
_BLOCKS = re.compile(r"\n[ \t]*\n")

_NAV = re.compile(
    r"""^(?:
        skip\ to\b.* | jump\ to\b.* | .*\bfull\ site\ menu\b.* | (?:main|site|open|close)\ menu |
        toggle\ (?:navigation|menu|search) | menu | search | home | sections | navigation |
        sign\ (?:in|up|out) | log\ ?(?:in|out) | subscribe(?:\ now|\ today)? | register |
        share(?:\ (?:this|the)\ (?:article|story|page))?(?:\ on\ \w+)? | (?:tweet|email|print|facebook|twitter|
        linkedin|whatsapp|reddit|copy\ link|comments?)(?:\ \|?\ ?\w+)? | advertisement | advertising | ad |
        sponsored(?:\ content)? | story\ continues\ below.* | scroll\ (?:down\ )?to\ continue.* |
        continue\ reading.* | listen\ to\ (?:this\ )?(?:article|story).* | \d+\ min(?:ute)?s?\ read |
        back\ to\ top | cookie\ (?:settings|policy|preferences) | accept\ (?:all\ )?cookies
    )[.:!]?$""", re.I | re.X)
_READ_MORE = re.compile(
    r"^(?:read\ (?:more|also|next)|also\ read|see\ also|related(?:\ (?:article|story|coverage|content|link))?|"
    r"recommended|watch|listen|more(?:\ on\ this(?:\ story)?)?|further\ reading|opinion|explainer|analysis"
    r")\s*[:|»›>–—-]\s*\S.*$", re.I | re.X)
_RELATED_HEAD = re.compile(
    r"""^(?:more\ must[- ]reads?\ from\ .+ | more\ (?:stories\ )?from\ .+ | more\ (?:top\ )?stories |
        most\ (?:popular|read|viewed|shared)(?:\ (?:on|from)\ .+)? | recommended(?:\ for\ you|\ stories|\ reading)? |
        related\ (?:stories|articles|coverage|content|links|reading|news|topics) | trending(?:\ now|\ stories)? |
        you\ (?:may|might)\ also\ (?:like|be\ interested\ in) | editor'?s\ picks | latest\ (?:news|stories|headlines) |
        top\ stories | in\ case\ you\ missed\ it | what\ to\ read\ next | popular\ now | around\ the\ web |
        more\ in\ .+ | also\ on\ .+ )[.:]?$""", re.I | re.X)
_LIST_ITEM = re.compile(r"^(?:[-–—•*·▪►▸◦‣]|\d{1,2}[.)])\s+\S")
_CONTACT = re.compile(
    r"""^(?:contact\ (?:us|the\ (?:author|reporter|writer|editor))|write\ to\ .+\ at\ | email\ (?:us|the\ author) |
        send\ (?:us\ )?(?:your\ )?(?:news\ )?tips | to\ contact\ | reach\ (?:the\ )?(?:reporter|author|writer) |
        follow\ (?:us|\w+)\ on\ | sign\ up\ for\ | get\ (?:our|the)\ (?:\w+\ )?newsletter | for\ (?:reprints?|
        licensing|permissions?)\b | copyright\b | ©|\(c\)\ \d{4} | all\ rights\ reserved | this\ (?:article|story)\
        (?:was|has\ been)\ (?:updated|corrected|amended) | (?:additional\ )?reporting\ by\ | editing\ by\ |
        (?:published|updated|posted|last\ (?:updated|modified))\b.{0,40}\d{4}.{0,20}$ )""", re.I | re.X)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_AGENCIES = (r"reuters|ap|afp|getty\ images|epa(?:-efe)?|bloomberg|xinhua|kyodo|yonhap|jiji|afp-jiji|ani|pti|"
             r"shutterstock|alamy|sipa(?:\ usa)?|pool|handout|nurphoto|sopa\ images|file\ photo|zuma\ press|"
             r"tass|ria\ novosti|anadolu|cna|dpa|ansa|efe|the\ associated\ press|associated\ press")
# case matters outside the agency names: "Credit: Jane Roe" is a credit, "who deserves the credit: ..." is not
_CREDIT = re.compile(
    rf"""(?:
        \s[|/]\s*[^|/]{{0,40}}?\b(?i:{_AGENCIES})\b[^|/]{{0,30}}$ |   # "... | REUTERS", "... / Getty Images"
        \s[|]\s*[A-Z][A-Z0-9 .,&'-]{{1,40}}$ |                         # "... | KYODO" (an all-caps credit)
        \s[—–-]\s*(?i:{_AGENCIES})$ |                                  # "... — Reuters"
        \((?:[A-Z]+\ )?(?i:photo)(?:/[^)]*)?\)$ |                      # "(AP Photo/Andy Wong)"
        (?:^|\s)(?:Photo(?:graph)?s?|PHOTO|Image|Picture|Credit|CREDIT|Illustration)
            (?:\ by|:|\ ?/|\ ?\|)\ ?[A-Z][^.?!:;]{{1,60}}$               # "Photo: Lena Hartigan / Post"
    )""", re.X)
_SEPARATOR = re.compile(r"^[\W_]+$")
_BYLINE = re.compile(r"^by\s+([A-Z][\w'’.-]+(?:[ ,]+(?:and\s+)?[A-Z][\w'’.-]+){0,7})\s*$", re.I)
_NAME_LINE = re.compile(r"^[A-Z][a-z'’-]+\.?(?: (?:[A-Z]\.|[A-Z][a-z'’-]+)){1,2}$")
_NOT_NAME_WORDS = frozenset(
    "the a an and or of to in on at for from with by about after before over under new how why what when who "
    "is are was were will can could should would may says said talks talk china chinese america american "
    "world news opinion analysis war trade deal".split())
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "]", "…")

SHORT = 15          # words: lines this short may be navigation or headings
CAPTION_MAX = 60    # words: a caption is at most this long


@dataclass(frozen=True, slots=True)
class Cleaned:
    text: str
    title: str | None
    author: str | None
    removed: tuple[tuple[str, str], ...]  # (rule, line) for every line taken out

    def summary(self) -> str:
        counts = Counter(rule for rule, _ in self.removed)
        return ", ".join(f"{rule}×{n}" for rule, n in sorted(counts.items()))


def normalize(text: str) -> str:
    """NFC, one kind of space and newline, no invisible characters, stripped lines."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def _words(line: str) -> int:
    return line.count(" ") + 1


def _key(line: str) -> str:
    return re.sub(r"\W+", " ", line).strip().lower()


def _same(line: str, key: str) -> bool:
    """Does the line read as `key` (a _key)? The length test first spares most lines the regex."""
    return abs(len(line) - len(key)) <= len(key) // 4 + 8 and _key(line) == key


def _strip_credit(line: str) -> str:
    return _CREDIT.sub("", line).rstrip(" |/—–-")


def clean(raw: str, title: str | None = None, author: str | None = None) -> Cleaned:
    """Cleaned body text, with the title and author found in the header and every removal recorded."""
    blocks = [[ln for ln in block.split("\n") if ln] for block in _BLOCKS.split(normalize(raw))]
    lines = [(b, ln) for b, block in enumerate(blocks) for ln in block]
    why: list[str | None] = [None] * len(lines)

    # line rules
    in_related = False
    for i, (_, ln) in enumerate(lines):
        n = _words(ln)
        if n > 25 and not in_related:  # a body line; only a long caption may still hide here
            if n <= CAPTION_MAX and _CREDIT.search(ln, max(0, len(ln) - 130)):
                why[i] = "caption"
            continue
        if in_related:
            if _CONTACT.match(ln) or _EMAIL.search(ln):
                in_related = False
            elif _LIST_ITEM.match(ln) or (n <= 20 and not ln.endswith(".")) or _RELATED_HEAD.match(ln):
                why[i] = "related"
                continue
            in_related = False
        if n <= SHORT and _NAV.match(ln):
            why[i] = "nav"
        elif n <= 25 and _READ_MORE.match(ln):
            why[i] = "read_more"
        elif n <= 10 and _RELATED_HEAD.match(ln):
            why[i] = "related"
            in_related = True
        elif n <= 25 and (_CONTACT.match(ln) or _EMAIL.search(ln)):
            why[i] = "contact"
        elif _CREDIT.search(ln, max(0, len(ln) - 130)):  # every credit form is anchored at the end
            why[i] = "caption"
        elif _SEPARATOR.match(ln):
            why[i] = "separator"

    # captions repeated without their credit, and short lines repeated verbatim
    caption_keys = {_key(_strip_credit(ln)) for i, (_, ln) in enumerate(lines) if why[i] == "caption"}
    seen: set[str] = set()
    for i, (_, ln) in enumerate(lines):
        if why[i] is not None or _words(ln) > CAPTION_MAX:
            continue
        if caption_keys and any(_same(ln, k) for k in caption_keys):
            why[i] = "caption"
        elif ln in seen:
            why[i] = "repeated"
        seen.add(ln)

    # the header: masthead, title, byline
    kept = [i for i in range(len(lines)) if why[i] is None]
    found_title, found_author = title, author
    if kept:
        head = kept[:8]
        tkey = _key(title) if title else None
        at = next((j for j, i in enumerate(head) if tkey and _same(lines[i][1], tkey)), None)
        if at is not None and all(_words(lines[i][1]) <= SHORT for i in head[:at]):
            for i in head[:at]:
                why[i] = "masthead"
            why[head[at]] = "title"
            rest = head[at + 1:]
        elif title is None and len(kept) > 1 and _is_headline(lines, kept[0], kept[1]):
            found_title = lines[kept[0]][1]
            why[kept[0]] = "title"
            rest = head[1:]
        else:
            rest = head
        if rest:
            first = lines[rest[0]][1]
            m = _BYLINE.match(first)
            if m:
                why[rest[0]] = "byline"
                found_author = found_author or m.group(1)
            elif (author and _key(first) == _key(author)) or (
                    found_title is not None and why[rest[0] - 1 if rest[0] else 0] == "title"
                    and len(rest) > 1 and _is_name(first)):
                why[rest[0]] = "byline"
                found_author = found_author or first

    # paragraphs
    paragraphs: list[str] = []
    current: list[str] = []
    current_block = -1
    for i, (b, ln) in enumerate(lines):
        if why[i] is not None:
            continue
        if b != current_block and current:
            paragraphs.extend(_paragraphs(current))
            current = []
        current_block = b
        current.append(ln)
    if current:
        paragraphs.extend(_paragraphs(current))
    removed = tuple((r, lines[i][1]) for i, r in enumerate(why) if r is not None)
    return Cleaned("\n\n".join(paragraphs), found_title, found_author, removed)


def _is_headline(lines: list[tuple[int, str]], i: int, nxt: int) -> bool:
    """A first line that reads as a headline: short, capitalised, unpunctuated, alone in its block."""
    block, line = lines[i]
    return (_words(line) <= 20 and not line.endswith((".", ",", ";", ":")) and line[:1].isupper()
            and lines[nxt][0] != block and not _SEPARATOR.match(line) and not _BYLINE.match(line))


def _is_name(line: str) -> bool:
    return bool(_NAME_LINE.match(line)) and not any(w.lower().strip(".") in _NOT_NAME_WORDS for w in line.split())


def _paragraphs(block: list[str]) -> list[str]:
    """A block's paragraphs: its lines, or one paragraph when the block is hard-wrapped."""
    if len(block) < 2:
        return block
    body = block[:-1]
    wrapped = (max(len(ln) for ln in body) <= 100 and min(len(ln) for ln in body) >= 30
               and sum(not ln.endswith(_SENTENCE_END) for ln in body) * 2 >= len(body)
               and not any(_LIST_ITEM.match(ln) for ln in block))
    if not wrapped:
        return block
    out = block[0]
    for ln in block[1:]:
        out = out[:-1] + ln if out.endswith("-") and ln[:1].islower() else f"{out} {ln}"
    return [out]

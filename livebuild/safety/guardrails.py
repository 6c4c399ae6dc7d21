"""One filter for everything a founder reads: narration, documentation, messages and errors.

Secrets go first (through `livebuild.safety.redact`) so that no later rewrite can split one and let
half of it through. Then whole technical lines go (code blocks, stack traces, commands,
source), then technical fragments inside sentences, and last the names of frameworks and
infrastructure are reworded to plain nouns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from livebuild.safety.redact import redact_secrets

# --------------------------------------------------------------------------- whole lines

_FENCE = re.compile(r"(```|~~~)[\s\S]*?(?:\1|\Z)")
_TRACE_START = re.compile(r"Traceback \(most recent call last\)|^\s*Stack ?trace:", re.I)
_TRACE_END = re.compile(r"^(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*(?::|$)")
_COMMANDS = (
    r"sudo|pip3?|pipx|python3?|npm|npx|pnpm|node|deno|apt|apt-get|brew|docker|docker-compose"
    r"|kubectl|helm|uvicorn|gunicorn|pytest|alembic|psql|redis-cli|systemctl|chmod|chown"
    r"|mkdir|wget|curl|git|virtualenv|venv|conda|poetry\s+(?:add|install|run)"
)
_TECHNICAL_LINE = re.compile(
    "|".join(
        (
            r"\bFile\s+\"?[^\"\n]{0,400}\"?,\s*line\s+\d+",
            r"^\s*at\s+.*(?:\(\S*:\d+(?::\d+)?\)|\S+:\d+:\d+)\s*$",
            r"^\s*\.\.\.\s*\d+\s+more\s*$",
            r"^\s*[\^~]{3,}\s*$",
            r"During handling of the above exception|The above exception was the direct cause",
            r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\$|>>>|PS [A-Z]:\\[^>]*>|[A-Z]:\\[^>]*>)\s*\S",
            rf"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:{_COMMANDS})\s+\S",
            r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:cd|ls|rm|cp|mv|cat|export|source|set)\s+(?:-\S+\s+)*"
            r"\S*[/.=~\\]",
            r"^\s*(?:async\s+)?def\s+\w+\s*\(",
            r"^\s*class\s+\w+\s*[(:{]",
            r"^\s*(?:from\s+[\w.]+\s+)?import\s+[\w.*{}, ]+(?:\s+as\s+\w+)?;?\s*$",
            r"^\s*import\s+.*\bfrom\s+['\"]",
            r"^\s*(?:export\s+)?(?:const|let|var)\s+[\w{}\[\], ]+\s*=",
            r"^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\b\s*\w*\s*\(",
            r"^\s*(?:return|await|yield|raise|throw)\b.*[;()\[\]{}]",
            r"^\s*(?:if|elif|while|for|switch)\s*\(.*\)\s*\{?\s*$",
            r"^\s*(?:if|elif|while)\s+.*(?:==|!=|<=|>=|\bis not\b|\bNone\b).*:\s*$",
            r"^\s*for\s+\w+(?:\s*,\s*\w+)*\s+in\s+\S+:\s*$",
            r"^\s*(?:try|else|finally|except\b[^:]*):\s*$",
            r"^\s*@[A-Za-z_][\w.]*(?:\(.*\))?\s*$",
            r"^\s*[A-Za-z_](?:\w*[.\[][\w.\]'\"\[]*|(?=\w*_)\w+)\s*(?:=|\+=|-=|:=)\s*\S",
            r"^\s*[A-Za-z_]\w*\s*(?:=|\+=|:=)\s*.*[()\[\]{}\"']",
            r"^\s*(?:SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM"
            r"|CREATE\s+(?:TABLE|INDEX|DATABASE)|ALTER\s+TABLE|DROP\s+TABLE)\b",
            r"^\s*</?[a-zA-Z][\w-]*(?:\s+[^>]*)?/?>",
            r"^\s*<\?php|^\s*#include\b|^\s*#!/",
            r"(?:\)|=>|=)\s*\{\s*$|\)\s*;\s*$|^\s*[})\]]+[;,)]*\s*$|^\s*[\[{]\s*$",
            r"\([^()]*\)\s*=>",
            r"^\s*[\w.]+\([^()]*\)\s*;?\s*$",
            r"^\s*[\"'][\w\-]+[\"']\s*:\s*\S",
        )
    ),
    re.MULTILINE,
)


def _without_technical_lines(lines: list[str]) -> list[str]:
    kept: list[str] = []
    in_trace = False
    for line in lines:
        if _TRACE_START.search(line):
            in_trace = True
            continue
        if in_trace:
            if not line.strip() or line[:1] in " \t":
                continue
            in_trace = False
            if _TRACE_END.match(line):
                continue
        if not _TECHNICAL_LINE.search(line):
            kept.append(line)
    return kept


# --------------------------------------------------------------------------- fragments

_INLINE_CODE = re.compile(r"`+([^`\n]*)`+")
_CODE_SIGNS = re.compile(
    r"[()\[\]{}<>=;$\\|/]|^-|\w\.\w|_|[a-z][A-Z]|^[A-Z0-9]+_[A-Z0-9_]+$|^(?:" + _COMMANDS + r")\b"
)
_INLINE_COMMAND = re.compile(
    r"\b(?:sudo\s+)?(?:pip3?|pipx|npm|npx|yarn|pnpm|apt(?:-get)?|brew|docker(?:-compose)?"
    r"|kubectl|helm|git|poetry|conda)\s+(?:install|i|add|run|start|ci|build|compose|exec|apply"
    r"|up|update|upgrade|remove|uninstall|clone|push|pull|commit)\b(?:[^\n,;!?().]|\.(?=\S))*"
    r"|\b(?:python3?|node|deno)\s+(?:-m\s+[\w.]+|[\w./-]+\.(?:py|js|mjs|ts))(?:[^\n,;!?().]|\.(?=\S))*"
)
_LOOPBACK_URL = re.compile(
    r"\bhttps?://(?:localhost|\d{1,3}(?:\.\d{1,3}){3}|0\.0\.0\.0|\[[0-9a-fA-F:]+\])"
    r"(?::\d{1,5})?(?:/[^\s)\]>\"']*)?"
)
_HOST = re.compile(r"\b(?:localhost|\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?\b|\[::1\](?::\d+)?")
_PORT = re.compile(r"(?i)(?<!\s)(?:\s+(?:on|at|using|via))?\s+port\s*:?\s*\d{2,5}\b")
_URL = re.compile(r"\bhttps?://[^\s<>()\"'\]]+")
_FILE_URL = re.compile(r"\bfile:/{2,3}\S*")
# A path ends at a quote, straight or curly, so a quoted one keeps its closing quote.
_Q = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
_WINDOWS_PATH = re.compile(
    rf"[A-Za-z]:[\\/][^\s{_Q}<>|]*|\\\\[\w.$-]+\\[^\s{_Q}]*|(?<![^\s{_Q}<>|])[^\s{_Q}<>|]*\\[^\s{_Q}]*"
)
# "</b>" closes a tag the founder typed: no path.
_POSIX_PATH = re.compile(rf"(?<![\w.~\]/<])(?<!:/)/(?!/)(?=[\w.~-])[^\s{_Q}<>()\[\]{{}},;]*")
_ROOTED_PATH = re.compile(
    r"/(?:home|usr|var|tmp|etc|opt|srv|root|Users|mnt|private|proc|workspaces?)/"
    rf"[^\s{_Q}<>()\[\]{{}},;]*"
)
_HOME_PATH = re.compile(rf"(?<![\w.])~/[^\s{_Q}]*")
_FILE_NAME = re.compile(
    r"(?:\b(?:the|a|an|your|our|its)\s+)?(?<![\w.-])\.?(?=[\w-]*[A-Za-z_])[\w-]+\."
    r"(?:py|pyc|js|mjs|cjs|ts|tsx|jsx|json|toml|ya?ml|lock|cfg|ini|sh|sql|db|sqlite3?|env"
    r"|log|html?|css|conf)\b(?:\s+files?\b)?"
)
_EXCEPTION = re.compile(
    r"(?:\b(?:an?|the)\s+)?(?<![\w.])(?:[a-z_]\w*\.)*[A-Z]\w*(?:Error|Exception)\b(?::[^\n]*)?"
)
_TRAILING_PUNCTUATION = ".,:;!?"


def _replace_path(match: re.Match[str]) -> str:
    path = match.group(0)
    core = path.rstrip(_TRAILING_PUNCTUATION)
    last = re.split(r"[\\/]", core.rstrip("\\/"))[-1]
    noun = "a file" if re.search(r"\w\.\w+$", last) else "a folder"
    return noun + path[len(core) :]


def _without_paths(text: str) -> str:
    # External links stay readable; paths are only looked for between them.
    pieces = _URL.split(text)
    links = _URL.findall(text)
    cleaned = []
    for piece in pieces:
        for pattern in (_FILE_URL, _WINDOWS_PATH, _HOME_PATH, _ROOTED_PATH, _POSIX_PATH):
            piece = pattern.sub(_replace_path, piece)
        cleaned.append(piece)
    return "".join(p + (links[i] if i < len(links) else "") for i, p in enumerate(cleaned))


def _inline_code(match: re.Match[str]) -> str:
    content = match.group(1).strip()
    return "" if _CODE_SIGNS.search(content) else content


def _without_fragments(line: str) -> str:
    line = _INLINE_CODE.sub(_inline_code, line)
    line = _INLINE_COMMAND.sub("", line)
    line = _LOOPBACK_URL.sub("the app", line)
    line = _HOST.sub("the server", line)
    line = _PORT.sub("", line)
    line = _without_paths(line)
    return _EXCEPTION.sub("a problem", line)


# --------------------------------------------------------------------------- vocabulary


@dataclass(frozen=True)
class _Term:
    pattern: str
    noun: str
    # Names that are also English words are reworded only when capitalised mid-sentence or
    # written next to a technical noun ("React app", "Node.js").
    ambiguous: bool = False


_TERMS: tuple[_Term, ...] = (
    _Term(r"(?i:fast ?api|django|sqlalchemy|pydantic|starlette|jinja2?|jquery|laravel|php)", "app"),
    _Term(
        r"(?i:java ?script|type ?script|html5?|css3?|tailwind(?: css)?|asyncio|wsgi|asgi)", "app"
    ),
    _Term(r"(?i:react(?:\.js|js)|node(?:\.js|js)|next\.js|vue(?:\.js)?|express\.js|nestjs)", "app"),
    _Term(r"(?i:ruby on rails|spring boot)", "app"),
    _Term(r"React|Node|Express|Flask|Angular|Svelte|Rails|Python", "app", ambiguous=True),
    _Term(r"(?i:python[23](?:\.\d+)?|cpython)", "app"),
    _Term(r"(?i:sqlite3?|postgre(?:s|sql)|mysql|mariadb|mongo(?:db)?|redis|dynamodb)", "database"),
    _Term(r"(?i:elasticsearch|alembic|supabase|prisma|orm)", "database"),
    _Term(r"SQL", "database"),
    _Term(
        r"(?i:kubernetes|k8s|kubectl|docker-compose|dockerfile|uvicorn|gunicorn|nginx)", "server"
    ),
    _Term(r"(?i:heroku|vercel|netlify|aws|ec2|ubuntu|debian|systemd|localhost)", "server"),
    _Term(r"Docker|Linux", "server", ambiguous=True),
    _Term(
        r"(?i:npm|npx|pnpm|pypi|pip3|virtualenv|venv|node_modules|site-packages|pytest)", "tools"
    ),
    _Term(r"(?i:webpack)", "tools"),
    _Term(r"Git|Jest|Vite", "tools", ambiguous=True),
    _Term(r"(?i:puppeteer|headless chrom(?:e|ium))", "browser"),
    _Term(r"Playwright|Chromium|Selenium", "browser", ambiguous=True),
    _Term(r"(?i:stack ?traces?|tracebacks?)", "error details"),
)
_GENERIC_NOUNS = (
    r"apps?|applications?|servers?|databases?|db|back-?end|front-?end|apis?|components?"
    r"|containers?|clusters?|instances?|projects?|code(?:base)?|packages?|dependenc(?:y|ies)"
    r"|librar(?:y|ies)|frameworks?|stack|services?|(?:web)?sites?|pages?|tables?|quer(?:y|ies)"
    r"|schemas?|files?|scripts?|versions?|process(?:es)?|engines?|browsers?|runtime"
    r"|environments?|setup|install(?:ation)?|images?|modules?|models?|routes?|templates?"
    r"|endpoints?|tests?|views?|hooks?|functions?|classes"
)
_ARTICLE = r"(?P<article>\b(?i:a|an|the|our|your|its|their|my|this)\s+)?"
_AFTER = (
    rf"(?P<suffix>-(?:based|powered|driven|backed|native))?(?P<noun>\s+(?:{_GENERIC_NOUNS})\b)?"
    r"(?=\s+(?P<next>\w+))?"
)
_TERM_PATTERNS = tuple(
    (term, re.compile(rf"{_ARTICLE}(?<![\w.@-])(?P<name>{term.pattern})(?![\w@]){_AFTER}"))
    for term in _TERMS
)
_ANIMALS = re.compile(
    r"(?i)\b(?:snakes?|reptiles?|zoos?|enclosures?|terrariums?|vivariums?|ball|royal|burmese"
    r"|reticulated|carpet|boas?|pythons|keepers?|animals?|pets?)\b"
)
_SENTENCE_START = re.compile(r"(?:\A|[.!?:\n]|(?:^|\n)[ \t]*(?:[-*+>]|\d+[.)]|#+))[ \t*_]*\Z")
_OWNER = r"(?:the|our|your|its|their)"
_DUPLICATE = re.compile(
    rf"\b({_OWNER} (app|database|server|tools|browser))"
    rf"(?:(?:\s*,\s*|\s+(?:and|or|&|with|plus|on|in|via|using|through|behind|inside)\s+)"
    rf"{_OWNER} \2\b)+",
    re.IGNORECASE,
)


def _article_for(article: str, noun: str) -> str:
    if article.lower() in ("a", "an"):
        vowel = noun[:1].lower() in "aeio" or noun.lower().startswith(("un", "up"))
        word = "an" if vowel else "a"
        return word.capitalize() if article[:1].isupper() else word
    return article


def _reworded(term: _Term, text: str, match: re.Match[str]) -> str | None:
    start = match.start("name")
    at_start = bool(_SENTENCE_START.search(text[max(0, start - 12) : start]))
    if term.ambiguous:
        technical_form = bool(match.group("noun") or match.group("suffix"))
        if not technical_form and at_start and not match.group("article"):
            return None
        if match.group("name") == "Python":
            window = text[max(0, start - 40) : match.end() + 40]
            if _ANIMALS.search(window):
                return None
    article = (match.group("article") or "").strip()
    noun_group = (match.group("noun") or "").strip()
    if noun_group or match.group("suffix"):
        phrase = (
            f"{_article_for(article, noun_group)} {noun_group}" if article else noun_group
        ).strip()
        if not noun_group:
            # "a Python-based tool" becomes "a tool"
            phrase = _article_for(article, match.group("next") or "") if article else ""
    else:
        phrase = f"{_article_for(article, term.noun) if article else 'the'} {term.noun}"
    if phrase and (at_start or (article[:1].isupper())):
        phrase = phrase[0].upper() + phrase[1:]
    return phrase


def _reword(text: str) -> str:
    for term, pattern in _TERM_PATTERNS:
        original = text

        def replace(match: re.Match[str], term: _Term = term, original: str = original) -> str:
            return _reworded(term, original, match) or match.group(0)

        text = pattern.sub(replace, text)
    return _DUPLICATE.sub(r"\1", text)


# --------------------------------------------------------------------------- tidying

_EMPTY_MARKERS = re.compile(r"^\s*(?:[-*+>]|\d+[.)]|#+|\*\*\s*\*\*|[.,;:!?()\"'`*_-]+)?\s*$")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<![ \t])[ \t]+([.,;:!?)])")
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|\[\s*\]|\*\*\s*\*\*")
_INNER_SPACES = re.compile(r"(?<=\S)[ \t]{2,}")


def _tidy(text: str) -> str:
    lines: list[str] = []
    for line in text.split("\n"):
        line = _EMPTY_BRACKETS.sub("", line)
        line = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", line)
        line = _INNER_SPACES.sub(" ", line).rstrip()
        if _EMPTY_MARKERS.match(line) and line.strip():
            continue
        if not line and (not lines or not lines[-1]):
            continue
        lines.append(line)
    return "\n".join(lines).strip()


_INDENTED = re.compile(r"^(?: {4}|\t)")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def _without_indented_code(lines: list[str]) -> list[str]:
    """Markdown's indented code blocks: indented lines after a blank line, outside a list."""
    kept: list[str] = []
    in_block = False
    for line in lines:
        previous = kept[-1] if kept else ""
        starts_block = not previous.strip() or in_block
        if line.strip() and _INDENTED.match(line) and starts_block:
            in_block = True
            continue
        if line.strip():
            in_block = False
        kept.append(line)
        if _LIST_ITEM.match(line):
            in_block = False
    return kept


def _clean(text: str, *, markdown: bool) -> str:
    text = redact_secrets(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _FENCE.sub("\n", text)
    lines = _without_technical_lines(text.split("\n"))
    lines = _without_indented_code(lines) if markdown else [line.strip() for line in lines]
    text = "\n".join(_without_fragments(line) for line in lines)
    return _tidy(_FILE_NAME.sub("a file", _reword(text)))


def founder_safe(text: str) -> str:
    """Plain text a founder may read: no secrets, paths, traces, commands, code or jargon."""
    return _clean(text, markdown=False)


def founder_safe_markdown(md: str) -> str:
    """The same rules for Markdown; headings, lists, emphasis and links keep their shape."""
    return _clean(md, markdown=True)

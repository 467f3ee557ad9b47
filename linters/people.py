"""Is this byline a person? A post is signed by someone, not by a team, a role or a company.

The check is deliberately narrow: it rejects names built from organisational words and accepts
everything else, because a wrongly rejected person ("Allison Press", "TC", "lcnr") is worse for
a real blog than a team account that slips through to an editor's review.
"""
from __future__ import annotations

import re

#: Words that make a name an organisation when they end it ("The Rust Release Team", "Acme Corp").
_ORG_TAIL = {
    "team", "teams", "staff", "department", "dept", "group", "committee", "council", "office",
    "desk", "editors", "editorial", "newsroom", "crew", "squad", "board", "bot", "automation",
    "corp", "corporation", "inc", "llc", "ltd", "gmbh", "plc", "company", "foundation",
    "project", "community", "contributors", "maintainers", "developers", "members", "org",
    "organization", "organisation", "labs", "agency", "network", "association", "society",
    "working-group", "wg", "admins", "moderators", "authors",
}
#: A whole name that is only a role or a function ("Admin", "Marketing", "Editorial Staff").
_ROLE_WORDS = {
    "admin", "administrator", "administrators", "editor", "editors", "editorial", "webmaster",
    "moderator", "guest", "author", "contributor", "staff", "anonymous", "marketing",
    "communications", "comms", "sales", "support", "press", "pr", "hr", "news", "blog", "team",
    "everyone", "unknown", "root", "system", "owner", "info", "hello", "noreply", "no-reply",
}
_PERSON_MARKERS = re.compile(r"\s+(?:on behalf of|for|of|from)\s+", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_WORD = re.compile(r"[\w'’.-]+", re.UNICODE)


def not_a_person(name: str, company_names: tuple[str, ...] = ()) -> str | None:
    """Why ``name`` is not a person, or None when it may well be one."""
    raw = " ".join(name.split())
    if not raw:
        return "the name is empty"
    lowered = raw.casefold()
    for company in company_names:
        base = company.casefold().strip()
        if base and (lowered == base or lowered.removeprefix("the ").startswith(base + " ")
                     and _is_org_words(lowered[len(base):])):
            return f"'{raw}' is the company's name, not a person's"
    # "Christian Svensson (DreamHack Network Team)": the parenthesis describes the person.
    core = _PARENTHETICAL.sub("", raw).strip() or raw
    # "Jane Doe on behalf of the Infra team": a person signs for the team.
    core = _PERSON_MARKERS.split(core, maxsplit=1)[0].strip() or core
    words = _WORD.findall(core.casefold())
    if not words:
        return f"'{raw}' has no letters of a name"
    if re.fullmatch(r"[\d\w]*\d[\d\w]*", core) and core.upper() == core:
        return f"'{raw}' looks like an account code, not a person's name"
    if words[0] == "the":
        return f"'{raw}' names a group ('The …'), not a person"
    if words[-1].strip(".") in _ORG_TAIL:
        return f"'{raw}' names a team or organisation ('{words[-1].strip('.')}'), not a person"
    if all(w.strip(".") in _ROLE_WORDS | _ORG_TAIL for w in words):
        return f"'{raw}' is a role or a function, not a person"
    return None


def _is_org_words(rest: str) -> bool:
    words = _WORD.findall(rest)
    return bool(words) and all(w.strip(".") in _ROLE_WORDS | _ORG_TAIL for w in words)

"""Is this byline a person? A post is signed by someone, not by a team, a role or a company.

The check is deliberately narrow: it rejects names built from organisational words and accepts
everything else, because a wrongly rejected person ("Allison Press", "TC", "lcnr") is worse for
a real blog than a team account that slips through to an editor's review. A byline that names a
person anywhere ("Jane Doe and the Infra WG", "Matt Chessen, Department of State") is a person
signing, with or for a group.

Measured on every distinct byline in ``../shared/corpora`` (tests/data/corpus_bylines.tsv, labelled
by hand): see tests/test_people_corpora.py for the false positive and negative counts.
"""
from __future__ import annotations

import re

#: Words that make a name an organisation when they end it ("The Rust Release Team", "Acme Corp").
_ORG_TAIL = {
    "team", "teams", "staff", "department", "dept", "group", "committee", "council", "office",
    "desk", "editors", "editorial", "newsroom", "crew", "squad", "board", "bot", "automation",
    "corp", "corporation", "inc", "llc", "ltd", "gmbh", "plc", "company", "foundation",
    "project", "community", "contributors", "maintainers", "developers", "members", "membership",
    "org", "organization", "organisation", "labs", "agency", "network", "association", "society",
    "working-group", "wg", "admins", "moderators", "authors", "engineering", "marketing",
    "research", "operations", "infrastructure", "security", "devrel",
}
#: A whole name that is only a role or a function ("Admin", "Marketing", "Editorial Staff").
_ROLE_WORDS = {
    "admin", "administrator", "administrators", "editor", "editors", "editorial", "webmaster",
    "moderator", "guest", "author", "contributor", "staff", "anonymous", "marketing",
    "communications", "comms", "sales", "support", "press", "pr", "hr", "news", "blog", "team",
    "everyone", "unknown", "root", "system", "owner", "info", "hello", "noreply", "no-reply",
    "engineering", "development", "research", "design", "product", "operations", "security",
    "infrastructure", "legal", "finance", "leadership", "management", "devops", "qa", "it",
}
_ORG_WORDS = _ROLE_WORDS | _ORG_TAIL
#: What follows these is who the person signs for, not who signs ("X on behalf of the Y team").
_SIGNS_FOR = re.compile(r"\s+(?:on behalf of|in partnership with|for|of|from)\s+", re.IGNORECASE)
#: Several signers in one byline: "A, B and C", "TC & Eric Huss", "A with B".
_SIGNERS = re.compile(r"\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|with)\s+|\s*&\s*", re.IGNORECASE)
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
                     and _only_org_words(lowered[len(base):])):
            return f"'{raw}' is the name of the company or one of its products, not a person's"
    # "Christian Svensson (DreamHack Network Team)": the parenthesis describes the person.
    core = _PARENTHETICAL.sub("", raw).strip() or raw
    core = _SIGNS_FOR.split(core, maxsplit=1)[0].strip() or core
    reasons = [_signer_problem(part, raw) for part in _SIGNERS.split(core) if part.strip()]
    if not reasons or any(reason is None for reason in reasons):
        return None if reasons else f"'{raw}' has no letters of a name"
    return reasons[0]


def _signer_problem(part: str, raw: str) -> str | None:
    """Why one signer of a byline is not a person, or None."""
    words = [w.strip(".") for w in _WORD.findall(part.casefold())]
    words = [w for w in words if w]
    if not words:
        return f"'{raw}' has no letters of a name"
    if re.fullmatch(r"\w*\d\w*", part) and part.upper() == part:
        return f"'{raw}' looks like an account code, not a person's name"
    if words[0] == "the":
        return f"'{raw}' names a group ('The …'), not a person"
    if words[-1] in _ORG_TAIL:
        return f"'{raw}' names a team or organisation ('{words[-1]}'), not a person"
    if all(w in _ORG_WORDS for w in words):
        return f"'{raw}' is a role or a function, not a person"
    return None


def _only_org_words(rest: str) -> bool:
    words = _WORD.findall(rest)
    return bool(words) and all(w.strip(".") in _ORG_WORDS for w in words)

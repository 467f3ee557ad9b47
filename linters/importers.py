"""``byline authors import``: another blog's author list becomes files in ``authors/``.

Two formats are read: Material for MkDocs' ``.authors.yml`` (``authors: {id: {name, description,
avatar, url}}``) and Docusaurus' ``authors.yml`` (``id: {name, title, url, image_url, email,
socials}``). Every converted entry is checked by the same loader the build uses before anything
is written, so the import never leaves a file the build would refuse.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import yaml

from byline.authors import AVATAR_SUFFIXES, ID_PATTERN, load_registry
from byline.errors import BylineError
from byline.posts import decode, load_yaml

#: Docusaurus ``socials`` keys and the profile URL a bare handle stands for.
_SOCIALS = {
    "github": ("GitHub", "https://github.com/{}"),
    "x": ("X", "https://x.com/{}"),
    "twitter": ("X", "https://x.com/{}"),
    "linkedin": ("LinkedIn", "https://www.linkedin.com/in/{}"),
    "bluesky": ("Bluesky", "https://bsky.app/profile/{}"),
    "mastodon": ("Mastodon", "{}"),
    "stackoverflow": ("Stack Overflow", "https://stackoverflow.com/users/{}"),
}
_SITE_LABELS = {"github.com": "GitHub", "linkedin.com": "LinkedIn", "x.com": "X", "twitter.com": "X"}


@dataclass
class Entry:
    """One author read from the other blog's file, before it becomes ``authors/<id>.md``."""

    source_id: str
    id: str
    fields: dict[str, Any]
    avatar_file: Path | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import wrote, what it left out and why, and what the writer should check."""

    format: str
    written: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "id: reason"
    notes: list[str] = field(default_factory=list)


def import_authors(source: Path, authors_dir: Path, company_names: tuple[str, ...] = ()) -> ImportReport:
    """Convert ``source`` into ``authors_dir``; refuses before writing if any target exists."""
    shown = str(source)
    try:
        data = load_yaml(decode(source.read_bytes(), shown), shown, what="YAML")
    except OSError as exc:
        raise BylineError(shown, None, f"cannot read file: {exc.strerror}") from None
    kind, raw = _detect(data, shown)
    report = ImportReport(kind)
    entries = [_entry(kind, source_id, value, source, report) for source_id, value in raw.items()]
    entries = [e for e in entries if e is not None]
    targets = [authors_dir / f"{e.id}.md" for e in entries]
    targets += [authors_dir / f"{e.id}{e.avatar_file.suffix.lower()}" for e in entries if e.avatar_file]
    clashes = [t for t in targets if t.exists()]
    if clashes:
        raise BylineError(str(clashes[0]), None, f"already exists: import never overwrites ({len(clashes)} file(s) in the way; nothing was written)")
    ids = [e.id for e in entries]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise BylineError(shown, None, f"two entries map to the same id {twice}: rename one in the file (nothing was written)")
    with tempfile.TemporaryDirectory(prefix="byline-import-") as staging:
        folder = Path(staging)
        for entry in entries:
            _write(entry, folder)
        checked = load_registry(folder, company_names)
        refused: dict[str, list[str]] = {}
        for problem in checked.errors:
            refused.setdefault(Path(problem.path).stem, []).append(problem.message)
        authors_dir.mkdir(parents=True, exist_ok=True)
        for entry in entries:
            if entry.id in refused:
                report.skipped.append(f"{entry.source_id}: {'; '.join(refused[entry.id])}")
                continue
            for staged in sorted(folder.glob(f"{entry.id}.*")):
                shutil.copyfile(staged, authors_dir / staged.name)
            report.written.append(authors_dir / f"{entry.id}.md")
            report.notes += [f"{entry.source_id}: {note}" for note in entry.notes]
    return report


def _detect(data: Any, shown: str) -> tuple[str, dict[str, Any]]:
    """Material nests the entries under ``authors:``; Docusaurus puts them at the top level."""
    if not isinstance(data, dict) or not data:
        raise BylineError(shown, 1, "not an authors file: expected a mapping of author ids")
    nested = data.get("authors")
    if isinstance(nested, dict) and all(isinstance(v, dict) for v in nested.values()):
        return "material", nested
    if all(isinstance(v, dict) and "name" in v for v in data.values()):
        return "docusaurus", data
    raise BylineError(shown, 1, "unknown authors file format: expected Material's 'authors: {id: {name: …}}' or Docusaurus' 'id: {name: …}'")


def _entry(kind: str, source_id: Any, value: dict[str, Any], source: Path, report: ImportReport) -> Entry | None:
    source_id = str(source_id)
    author_id = re.sub(r"[^a-z0-9]+", "-", source_id.casefold()).strip("-")
    if not ID_PATTERN.fullmatch(author_id or "-"):
        report.skipped.append(f"{source_id}: cannot make an id of lowercase letters, digits and hyphens from it")
        return None
    entry = Entry(source_id, author_id, {})
    if author_id != source_id:
        entry.notes.append(f"id becomes '{author_id}': change it in the posts' authors lists")
    role_key = "description" if kind == "material" else "title"
    entry.fields["name"] = value.get("name")
    entry.fields["role"] = value.get(role_key)
    if entry.fields["role"] is None:
        entry.fields.pop("role")
    if kind == "docusaurus" and isinstance(value.get("email"), str):
        entry.fields["email"] = value["email"]
    avatar = value.get("avatar") if kind == "material" else value.get("image_url") or value.get("imageURL")
    _avatar(entry, avatar, source)
    links = _links(value.get("url"), value.get("socials") if kind == "docusaurus" else None, entry)
    if links:
        entry.fields["links"] = links
    return entry


def _avatar(entry: Entry, avatar: Any, source: Path) -> None:
    """https URLs are kept; a local image found beside the file (or in Docusaurus' ``static/``)
    is copied; anything else falls back to generated initials, with a note."""
    if not isinstance(avatar, str) or not avatar.strip():
        return
    scheme = urlsplit(avatar).scheme.casefold()
    if scheme == "https":
        entry.fields["avatar"] = avatar
        return
    if scheme:
        entry.notes.append(f"avatar '{avatar}' is not https: initials are shown instead")
        return
    relative = avatar.lstrip("/")
    if ".." in PurePosixPath(relative).parts:  # never copy a file from outside the other blog
        entry.notes.append(f"avatar '{avatar}' leaves the blog's folders: initials are shown instead")
        return
    for base in (source.parent, *source.parent.parents):
        for candidate in (base / relative, base / "static" / relative):
            if candidate.is_file() and candidate.suffix.lower() in AVATAR_SUFFIXES:
                entry.avatar_file = candidate
                entry.fields["avatar"] = f"{entry.id}{candidate.suffix.lower()}"
                return
    entry.notes.append(f"avatar '{avatar}' not found next to the file: initials are shown instead")


def _links(url: Any, socials: Any, entry: Entry) -> list[dict[str, str]]:
    links: list[dict[str, str]] = []
    candidates: list[tuple[str | None, Any]] = [(None, url)]
    if isinstance(socials, dict):
        for key, handle in socials.items():
            label, pattern = _SOCIALS.get(str(key).casefold(), (str(key).title(), "{}"))
            if isinstance(handle, str) and handle:
                candidates.append((label, handle if "://" in handle else pattern.format(handle)))
    for label, link in candidates:
        if not isinstance(link, str) or not link.strip():
            continue
        parts = urlsplit(link.strip())
        if parts.scheme.casefold() not in ("https", "mailto"):
            entry.notes.append(f"link '{link}' dropped: only https and mailto links are allowed")
            continue
        host = parts.netloc.casefold().removeprefix("www.")
        links.append({"label": label or _SITE_LABELS.get(host, host or "Email"), "url": link.strip()})
    return links


def _write(entry: Entry, folder: Path) -> None:
    front = yaml.safe_dump(entry.fields, allow_unicode=True, sort_keys=False, width=1000)
    (folder / f"{entry.id}.md").write_text(f"---\n{front}---\n", encoding="utf-8")
    if entry.avatar_file:
        shutil.copyfile(entry.avatar_file, folder / f"{entry.id}{entry.avatar_file.suffix.lower()}")

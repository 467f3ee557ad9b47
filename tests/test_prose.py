"""Markdown to prose: what is prose, what is not, and where every word stands in the source file.
Positions are hand-checked: (line, column) are 1-based and count the front matter."""
from __future__ import annotations

from byline.posts import parse_post
from byline.prose import Document, parse_document


def doc_of(text: str, path: str = "post.md") -> Document:
    return parse_document(parse_post(text, path))


def words(doc: Document) -> list[str]:
    return list(doc.words)


def place(doc: Document, word: str, nth: int = 0) -> tuple[int, int]:
    found = [w for s in doc.sentences for w in s.located_words() if w.text == word]
    return doc.locate(found[nth].start)


FRONT = "---\ntitle: T\nauthors: [jdoe]\n---\n"  # four lines: the body starts on line 5


def test_paragraph_words_map_to_file_lines_and_columns_after_yaml_front_matter():
    doc = doc_of(FRONT + "\nHello world.\n  Second line here.\n")
    assert words(doc) == ["Hello", "world", "Second", "line", "here"]
    assert place(doc, "Hello") == (6, 1)
    assert place(doc, "world") == (6, 7)
    assert place(doc, "Second") == (7, 3)


def test_toml_front_matter_is_not_prose_and_counts_for_lines():
    doc = doc_of('+++\ntitle = "Release"\nauthors = ["A B"]\n+++\n\nThe text.\n')
    assert words(doc) == ["The", "text"]
    assert place(doc, "The") == (6, 1)


def test_code_is_never_prose():
    body = (
        "Intro words.\n\n"
        "```python\nfence_word = 1\n```\n\n"
        "    indented_word = 2\n\n"
        "Use `inline_word` here.\n\n"
        "> Quote text.\n>\n> ```\n> quoted_fence_word\n> ```\n"
    )
    doc = doc_of(body)
    assert words(doc) == ["Intro", "words", "Use", "here", "Quote", "text"]
    assert doc.code_blocks == 3 and doc.inline_code == 1
    assert place(doc, "here") == (9, 19)


def test_html_jsx_urls_images_math_entities_and_shortcodes_are_not_prose():
    body = (
        "<div class=\"note\">\nhtml_block_word\n</div>\n\n"
        "A <span title=\"tag_word\">styled</span> word and <Badge kind=\"jsx_word\"/> here.\n\n"
        "Visit <https://autolink.example/auto_word> or https://bare.example/bare_word today.\n\n"
        "Mail ops@mail_word.example now. A :smile: face.\n\n"
        "See [the guide](https://example.com/target_word \"title_word\") and ![alt_word](img_word.png).\n\n"
        "Math $x_word + 1$ and &copy; sign and a note[^1].\n\n"
        "[^1]: The footnote text.\n\n"
        "<img src=\"a.gif\" alt=\"a \"quoted\" bad_tag_word\" />\n"  # not HTML to CommonMark, still markup
    )
    doc = doc_of(body)
    text = " ".join(words(doc))
    for hidden in ("html_block_word", "tag_word", "bad_tag_word", "jsx_word", "auto_word", "bare_word", "mail_word", "smile",
                   "target_word", "title_word", "alt_word", "img_word", "x_word", "copy"):
        assert hidden not in text, hidden
    assert "styled" in text and "guide" in text and "footnote" in text
    assert doc.images == 1 and doc.links == 2
    assert place(doc, "guide") == (11, 10)  # "See [the guide](…)": the label is prose where it stands


def test_template_syntaxes_are_not_prose_and_admonition_bodies_keep_their_columns():
    body = (
        "---\nauthors: [a]\n---\n"  # lines 1-3
        "{% image \"liquid_word.png\" \"alt\" %}\n"  # 4
        "Before {{ page.liquid_expr }} after {{< hugo_word id=\"1\" >}} end.\n"  # 5
        "\n"
        "!!! note \"Admonition_title\"\n"  # 7
        "\n"
        "    Admonition body words.\n"  # 9
        "\n"
        "??? tip\n"  # 11
        "    Details body.\n"  # 12
        "\n"
        "=== \"Tab_title\"\n"  # 14
        "\n"
        "    Tab body.\n"  # 16
        "\n"
        "--8<-- \"snippet_word.md\"\n"  # 18
        "\n"
        ":::note Docusaurus_title\n"  # 20
        "Colon body.\n"  # 21
        ":::\n"
        "\n"
        "{% comment %}comment_word{% endcomment %}\n"
    )
    doc = doc_of(body)
    text = " ".join(words(doc))
    for hidden in ("liquid_word", "liquid_expr", "hugo_word", "Admonition_title", "Tab_title", "snippet_word",
                   "Docusaurus_title", "comment_word", "note", "tip"):
        assert hidden not in text, hidden
    assert text == "Before after end Admonition body words Details body Tab body Colon body"
    assert place(doc, "after") == (5, 31)
    assert place(doc, "Admonition") == (9, 5)
    assert place(doc, "body", 1) == (12, 13)
    assert place(doc, "Tab") == (16, 5)
    assert place(doc, "Colon") == (21, 1)
    assert doc.images == 1  # the {% image %} shortcode


def test_mdx_import_lines_are_not_prose_in_mdx_only():
    body = "import Tabs from '@theme/Tabs';\n\nReal words.\n"
    assert words(doc_of(body, "post.mdx")) == ["Real", "words"]
    assert "Tabs" in words(doc_of(body, "post.md"))


def test_lists_quotes_headings_and_table_cells_are_prose_where_they_stand():
    body = (
        "# Heading words\n\n"  # 1
        "- first item\n"  # 3
        "  1. nested item\n"  # 4
        "\n"
        "> quoted line\n"  # 6
        "> > deeper quote\n"  # 7
        "\n"
        "| Name | Value |\n"  # 9
        "|------|-------|\n"
        "| left cell | right cell |\n"  # 11
    )
    doc = doc_of(body)
    assert place(doc, "Heading") == (1, 3)
    assert place(doc, "first") == (3, 3)
    assert place(doc, "nested") == (4, 6)
    assert place(doc, "quoted") == (6, 3)
    assert place(doc, "deeper") == (7, 5)
    assert place(doc, "Value") == (9, 10)
    assert place(doc, "right") == (11, 15)
    kinds = [(b.kind, b.in_list, b.in_quote) for b in doc.blocks]
    assert kinds[:5] == [("heading", False, False), ("paragraph", True, False), ("paragraph", True, False),
                         ("paragraph", False, True), ("paragraph", False, True)]
    assert [b.kind for b in doc.blocks[5:]] == ["cell"] * 4


def test_runs_of_paragraphs_break_at_headings_lists_and_code():
    doc = doc_of("One.\n\nTwo.\n\n# H\n\nThree.\n\n- item\n\nFour.\n\n```\nx\n```\n\nFive.\n")
    runs = [b.run for b in doc.blocks if b.kind == "paragraph" and not b.in_list]
    assert runs[0] == runs[1] and len(set(runs)) == 4


def test_html_comments_are_collected_only_outside_code():
    body = "<!-- block comment -->\n\nText <!-- inline comment --> here.\n\n```\n<!-- code comment -->\n```\n"
    doc = doc_of(body)
    assert [(c.line, c.column, c.text.strip()) for c in doc.comments] == [(1, 1, "block comment"), (3, 6, "inline comment")]


def test_sentences_and_words_exclude_hidden_text_and_first_word_place_skips_front_matter():
    doc = doc_of(FRONT + "\nRun `cargo build` now. Then `test` it.\n")
    assert [s.words for s in doc.sentences] == [("Run", "now"), ("Then", "it")]
    assert doc.first_word_place() == (6, 1)
    assert doc.locate(doc.sentences[1].word_start(1)) == (6, 36)


def test_odd_markdown_never_raises_and_positions_stay_in_the_file():
    body = "\t- tab item\n\n***\n\n<details>\n\n**bold** text\n\n</details>\n\n[unclosed link(\n\n" + "> " * 30 + "deep\n"
    doc = doc_of(body)
    lines = body.split("\n")
    for sentence in doc.sentences:
        for word in sentence.located_words():
            line, column = doc.locate(word.start)
            assert lines[line - 1][column - 1:column - 1 + len(word.text)] == word.text

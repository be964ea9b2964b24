"""claimgraph_paragraphs: a paragraph break always starts a sentence.

Runs before the parser, which keeps preset boundaries: without it the small
model often parses a headline and the lead paragraph as one sentence, and a
quote's speaker leaks across paragraphs.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def paragraph_start_tokens(doc: Doc) -> list[int]:
    """Indices of the tokens that open a paragraph after the first (the token after a line break)."""
    return [
        token.i + 1
        for token in doc[:-1]
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text)
    ]


@Language.component("claimgraph_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    for i in paragraph_start_tokens(doc):
        doc[i].is_sent_start = True
    return doc

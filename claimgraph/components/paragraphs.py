"""claimgraph_paragraphs: a paragraph break always starts a sentence.

Runs before the parser, which keeps preset boundaries: without it the small
model often parses a headline and the lead paragraph as one sentence, and a
quote's speaker leaks across paragraphs.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("claimgraph_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraphs(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
        elif "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc

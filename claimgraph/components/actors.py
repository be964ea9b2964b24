"""claimgraph_actors: placeholder until the component lands."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("claimgraph_actors", default_config={})
def make_actors(nlp: Language, name: str):
    return _Placeholder()


class _Placeholder:
    def __call__(self, doc: Doc) -> Doc:
        return doc

    def initialize(self, get_examples=None, *, nlp=None, user_actors=None):
        return None

"""The installed spaCy pipeline is the en_core_web_sm 3.8.0 release claimgraph was built for."""

import pytest

# Figures Explosion published for en_core_web_sm 3.8.0 (meta/en_core_web_sm-3.8.0.json
# in explosion/spacy-models); a re-trained or altered model does not reproduce them.
OFFICIAL = {
    "version": "3.8.0",
    "spacy_git_version": "5010fcbd3",
    # every component the release ships; "senter" comes disabled (the selective parser enables it)
    "components": [
        "tok2vec",
        "tagger",
        "parser",
        "senter",
        "attribute_ruler",
        "lemmatizer",
        "ner",
    ],
    "performance": {
        "tag_acc": 0.972937262,
        "dep_uas": 0.9176955214,
        "dep_las": 0.8991533598,
        "ents_f": 0.8433119744,
    },
    "n_parser_labels": 45,
    "n_ner_labels": 18,
}


@pytest.mark.model
def test_loaded_pipeline_matches_official_release(nlp):
    meta = nlp.meta
    assert meta["version"] == OFFICIAL["version"]
    assert meta["spacy_git_version"] == OFFICIAL["spacy_git_version"]
    own = [name for name in nlp.component_names if not name.startswith("claimgraph_")]
    assert own == OFFICIAL["components"]
    for key, value in OFFICIAL["performance"].items():
        assert meta["performance"][key] == pytest.approx(value, abs=1e-9), key
    assert len(meta["labels"]["parser"]) == OFFICIAL["n_parser_labels"]
    assert len(meta["labels"]["ner"]) == OFFICIAL["n_ner_labels"]


@pytest.mark.model
def test_claimgraph_components_follow_the_model(nlp):
    assert nlp.pipe_names[-4:] == [
        "claimgraph_actors",
        "claimgraph_quotes",
        "claimgraph_events",
        "claimgraph_factuality",
    ]

"""`claimgraph analyze --json` output validates against what `claimgraph schema` prints."""

import json

import pytest
from conftest import EXAMPLES, REFERENCE
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from claimgraph.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def validator():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.output)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def analyze_json(path) -> dict:
    result = runner.invoke(app, ["analyze", str(path), "--json", "--published", "2022-03-14"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.model
@pytest.mark.parametrize("name", ["baltic-drills.txt", "baltic-drills.html"])
def test_example_output_validates(validator, name):
    record = analyze_json(EXAMPLES / name)
    assert list(validator.iter_errors(record)) == []
    assert record["events"] and record["quotes"] and record["actors"]


@pytest.mark.model
def test_reference_output_validates_and_spans_point_at_their_text(validator):
    if not REFERENCE.exists():
        pytest.skip(f"reference article not found at {REFERENCE}")
    record = analyze_json(REFERENCE)
    assert list(validator.iter_errors(record)) == []
    text = record["document"]["text"]
    for quote in record["quotes"]:
        start, end = quote["span"]
        assert text[start:end] == quote["text"]
    for event in record["events"]:
        start, end = event["trigger"]["span"]
        assert text[start:end] == event["trigger"]["text"]


def test_schema_rejects_a_record_that_breaks_the_contract(validator):
    bad = {
        "schema_version": "1",
        "document": {"id": "x", "text": "t", "language": "en"},
        "events": [
            {
                "id": "e1",
                "type": "INVADE",
                "source": "RUS",
                "trigger": {"text": "t", "span": [0, 1]},
            }
        ],
    }
    messages = [error.message for error in validator.iter_errors(bad)]
    assert any("INVADE" in message for message in messages)

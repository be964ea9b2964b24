"""The README's two quick-start commands are the ones CI and users run."""

import re

from conftest import ROOT


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```bash\n(.+?)\n```", quick)


def test_readme_has_install_and_test_commands():
    commands = readme_commands()
    assert len(commands) == 2
    assert commands[0].startswith("pip install . && claimgraph analyze examples/")
    example = commands[0].split("claimgraph analyze ", 1)[1].split()[0]
    assert (ROOT / example).is_file()
    assert commands[1].endswith("pytest")


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert readme_commands()[1] in ci.splitlines()


def registered_commands() -> list[tuple[str, str]]:
    import typer.main

    from claimgraph.cli import app

    group = typer.main.get_command(app)
    return [(name, command.help or "") for name, command in group.commands.items()]


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    commands = registered_commands()
    assert {
        "analyze",
        "schema",
        "ingest",
        "batch",
        "query",
        "sql",
        "export",
        "failures",
        "serve",
    } <= {name for name, _ in commands}
    for name, help_text in commands:
        assert len(help_text.split()) >= 5, f"claimgraph {name} has no real --help text"
        assert f"claimgraph {name}" in readme, f"claimgraph {name} is not shown in the README"

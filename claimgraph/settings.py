"""Packaged defaults (settings.toml), overridable by a user TOML file."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import Errors, InputError


@lru_cache(maxsize=1)
def defaults() -> dict[str, Any]:
    return tomllib.loads(resources.files("claimgraph").joinpath("settings.toml").read_text("utf-8"))


def load(path: str | Path | None = None) -> dict[str, Any]:
    """The packaged settings, with the sections of ``path`` laid over them."""
    merged = {section: dict(values) for section, values in defaults().items()}
    if path is None:
        return merged
    try:
        user = tomllib.loads(Path(path).read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise InputError(Errors.CG206.format(path=path, detail=err)) from err
    for section, values in user.items():
        if section not in merged or not isinstance(values, dict):
            raise InputError(Errors.CG206.format(path=path, detail=f"unknown section [{section}]"))
        unknown = set(values) - set(merged[section])
        if unknown:
            raise InputError(
                Errors.CG206.format(
                    path=path, detail=f"unknown keys {sorted(unknown)} in [{section}]"
                )
            )
        merged[section].update(values)
    return merged

"""The one-way layering of docs/CONTRACTS.md holds: import-linter checks the contracts written in
pyproject.toml ([tool.importlinter]) over the static import graph, lazy imports included."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_import_contracts_are_kept(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports
    except ImportError:
        pytest.fail("import-linter is not installed: pip install -e '.[dev]'", pytrace=False)
    status = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert status == EXIT_STATUS_SUCCESS, report
    contracts = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]
    assert len(contracts) >= 3 and f"{len(contracts)} kept, 0 broken" in report, report

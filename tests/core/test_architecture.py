"""The house is one-way: packages never import each other in a loop, source files stay small, and lint runs."""

import ast
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = sorted(p.name for p in ROOT.iterdir() if (p / "__init__.py").is_file() and p.name != "tests")
# What each package may import; the order of the layers in docs/architecture.md.
ALLOWED = {
    "core": set(),
    "index": {"core"},
    "ingest": {"core", "index"},
    "assistant": {"core", "index"},
    "webapp": {"core", "index", "assistant", "ingest"},
    "eval": {"core", "index", "assistant", "ingest"},
    "bench": {"core", "index", "assistant", "ingest", "eval"},
}


def _source_files() -> list[Path]:
    files = [path for package in PACKAGES for path in (ROOT / package).rglob("*.py")]
    return [*files, ROOT / "app.py"]


def _imports(path: Path) -> set[str]:
    """Top-level names of every absolute import in `path`, at any depth (function-level imports count too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def _package_edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for path in _source_files():
        package = path.relative_to(ROOT).parts[0]
        if package in PACKAGES:
            edges[package] |= (_imports(path) & set(PACKAGES)) - {package}
    return edges


def test_every_package_has_a_declared_layer() -> None:
    assert set(PACKAGES) == set(ALLOWED)


def test_packages_import_only_the_layers_below_them() -> None:
    edges = _package_edges()
    assert edges["assistant"] and edges["ingest"]
    for package, imported in edges.items():
        assert imported <= ALLOWED[package], f"{package} imports {sorted(imported - ALLOWED[package])}"


def test_no_two_packages_import_each_other() -> None:
    edges = _package_edges()
    assert edges
    loops = sorted({tuple(sorted((a, b))) for a, targets in edges.items() for b in targets if a in edges.get(b, ())})
    assert loops == []


def test_no_two_modules_import_each_other() -> None:
    modules = {".".join(path.relative_to(ROOT).with_suffix("").parts): path for path in _source_files()}
    imported: dict[str, set[str]] = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        imported[name] = found & set(modules)
    assert any(imported.values())
    loops = sorted({tuple(sorted((a, b))) for a, targets in imported.items() for b in targets if a in imported.get(b, ())})
    assert loops == []


def test_no_source_file_outside_tests_has_more_than_500_lines() -> None:
    files = _source_files()
    assert len(files) > 20
    sizes = {str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines()) for path in files}
    assert {name: n for name, n in sizes.items() if n > 500} == {}


def test_make_test_runs_the_linter_and_the_type_checker_before_pytest() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = re.search(r"^lint:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert lint is not None
    assert "ruff check" in lint.group(1) and "mypy" in lint.group(1)
    assert re.search(r"^test: .*\blint\b", makefile, re.M)

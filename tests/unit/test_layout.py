"""The package's shape: imports point one way, the store holds every SQL statement, the
formats depend only on the model, the errors and the reading guards, no module grows past 400 lines."""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("align", "tmx_out")
# Each layer may import itself and the layers before it, never one after it.
LAYERS = [
    {"align.errors", "align.model", "align.lang", "align.pool", "align.limits", "align.guard", "align.safexml",
     "align"},
    {"align.text"},
    {"align.core"},
    {"tmx_out"},
    {"align.store"},
    {"align.exports", "align.glossary"},
    {"align.review"},
    {"align.jobs"},
    {"align.corpus"},
    {"align.cli", "align.ui"},
]


def _modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            out[name] = path
    return out


_MODULES = None


def _imports(name: str, path: Path) -> set[str]:
    """Every module `name` imports, at the top or inside a function."""
    global _MODULES
    _MODULES = _MODULES or _modules()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            submodules = {f"{target}.{a.name}" for a in node.names} & set(_MODULES)
            # `from . import jobs` imports the module align.jobs; `from .x import f` imports x
            found.update(submodules or {target})
    return {m for m in found if m in _MODULES and m != name}


def _layer(module: str) -> int:
    best = None
    for n, layer in enumerate(LAYERS):
        for prefix in layer:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > best[1]:
                    best = (n, len(prefix))
    assert best is not None, f"{module} is in no layer"
    return best[0]


def test_imports_point_one_way():
    wrong = []
    for name, path in _modules().items():
        for target in _imports(name, path):
            if _layer(target) > _layer(name):
                wrong.append(f"{name} -> {target}")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_cycles():
    graph = {name: _imports(name, path) for name, path in _modules().items()}
    cycles = []
    state: dict[str, int] = {}

    def visit(node, stack):
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(stack[stack.index(nxt):] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [node])
    # a package's __init__ re-exporting its submodules is not a cycle of behaviour
    cycles = [c for c in cycles if not all(p == c.split(" -> ")[0] or p.startswith(c.split(" -> ")[0] + ".")
                                              for p in c.split(" -> "))]
    assert not cycles, "\n".join(cycles)


def test_formats_depend_only_on_the_model_and_errors():
    for name, path in _modules().items():
        if name.startswith("tmx_out"):
            outside = {t for t in _imports(name, path) if not t.startswith("tmx_out")}
            # and the reading guards every reader shares: limits, library errors, safe XML
            allowed = {"align.errors", "align.model", "align.limits", "align.guard", "align.safexml", "align"}
            assert outside <= allowed, (name, outside)


def test_sql_lives_in_the_store():
    sql = re.compile(r"\.execute(?:many)?\(|\b(?:SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b")
    for name, path in _modules().items():
        if name.startswith("align.store"):
            continue
        hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if sql.search(line)]
        assert not hits, f"SQL outside align/store: {path.relative_to(ROOT)} lines {hits}"


def test_no_file_over_400_lines():
    files = [*_modules().values(), ROOT / "app.py", *(ROOT / "tests").rglob("*.py"),
             *(ROOT / "benchmarks").glob("*.py")]
    long = {str(p.relative_to(ROOT)): n for p in files
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not long, long

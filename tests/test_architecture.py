"""The package's layout holds: data flows one way, and no module grows past a few hundred lines.

Every `import` in scripts/microcred, including those inside functions (where a cycle hides), is
read with `ast`. Each module belongs to a stage of the pipeline (docs/architecture.md); a module
may import from its own stage or an earlier one, never a later one, and the import graph between
modules has no cycle.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "microcred"
MAX_LINES = 300

# The pipeline, first stage first: files -> documents -> problems -> model -> pages and data ->
# adapters. Names are top-level modules or subpackages of microcred.
STAGES = [
    {"paths", "problems", "report", "domain", "codes", "caches", "reuse", "written",  # foundations every stage uses
     "characters", "hosts", "markdown"},
    {"load", "dump", "history"},                          # files <-> documents; git history of the files
    {"schemas", "schemadoc"},                             # the JSON Schemas: read, resolve, walk, describe
    {"check"},                                            # documents -> problems
    {"model", "completeness", "shown"},                   # documents -> the Catalogue; framework coverage; reuse keys
    {"build"},                                            # the one entry: problems or a Catalogue
    {"urls"},                                             # every published URL
    {"render", "export", "search"},                       # the Catalogue -> pages, data files; pages -> search index
    {"outputs"},                                          # the registry of everything a build publishes
    {"site", "tools", "cli", "__main__"},                 # adapters: MkDocs, provider tools, the command
]
STAGE = {name: i for i, names in enumerate(STAGES) for name in names}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(importer: str, is_package: bool, level: int, module: str | None, names: list[str]) -> list[str]:
    """Absolute module names (within microcred) that an import statement reaches."""
    if level:
        base = importer.split(".") if importer else []
        if not is_package:
            base = base[:-1]
        base = base[: len(base) - (level - 1)] if level > 1 else base
        target = ".".join([*base, *(module.split(".") if module else [])])
    elif module and (module == "microcred" or module.startswith("microcred.")):
        target = module[len("microcred."):] if module != "microcred" else ""
    else:
        return []
    found = []
    for name in names:  # `from . import facts` imports the module render.facts
        sub = f"{target}.{name}" if target else name
        if sub in MODULES:
            found.append(sub)
        elif target in MODULES:
            found.append(target)
    return found or ([target] if target in MODULES else [])


def imports_of(name: str) -> set[str]:
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            out.update(_resolve(name, is_package, node.level, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                out.update(_resolve(name, is_package, 0, alias.name, []))
    out.discard(name)
    return out


GRAPH = {name: imports_of(name) for name in MODULES}


def stage_of(name: str) -> int | None:
    return STAGE.get(name.split(".")[0]) if name else None


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n))
def test_every_module_has_a_stage(name):
    assert stage_of(name) is not None, f"microcred.{name} belongs to no stage: add it to STAGES and docs/architecture.md"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n))
def test_no_module_imports_from_a_later_stage(name):
    later = sorted(dep for dep in GRAPH[name] if stage_of(dep) is not None and stage_of(name) is not None
                   and stage_of(dep) > stage_of(name))
    assert not later, f"microcred.{name} (stage {stage_of(name)}) imports a later stage: {later}"


def test_the_import_graph_has_no_cycle():
    # Iterative colouring DFS; a grey node reached again closes a cycle.
    colour: dict[str, int] = {}
    for start in sorted(GRAPH):
        if colour.get(start):
            continue
        stack = [(start, iter(sorted(GRAPH[start])))]
        colour[start] = 1
        trail = [start]
        while stack:
            node, deps = stack[-1]
            dep = next(deps, None)
            if dep is None:
                colour[node] = 2
                stack.pop()
                trail.pop()
            elif colour.get(dep) == 1:
                cycle = trail[trail.index(dep):] + [dep]
                pytest.fail("import cycle: " + " -> ".join(f"microcred.{m}" if m else "microcred" for m in cycle))
            elif not colour.get(dep):
                colour[dep] = 1
                trail.append(dep)
                stack.append((dep, iter(sorted(GRAPH.get(dep, ())))))


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_small(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{MODULES[name].relative_to(PACKAGE.parent)} has {lines} lines; split it by job"


def test_the_checker_sees_a_backwards_import(tmp_path):
    """The resolver is what the rules stand on: a relative import of a later stage is caught."""
    assert _resolve("model", False, 1, "render", ["facts"]) in (["render.facts"], ["render"])
    assert _resolve("render.credential", False, 1, None, ["facts"]) == ["render.facts"]
    assert _resolve("render.credential", False, 2, "model", ["Catalogue"]) == ["model"]

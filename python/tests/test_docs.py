"""Every docstring example of the package runs and gives what it shows (the Rust
docstrings Python sees at run time, and the ``.pyi`` stubs' docstrings); every public
name has a docstring and a stub."""

from __future__ import annotations

import ast
import doctest
from pathlib import Path

import pytest

import naskh

PACKAGE = Path(naskh.__file__).parent
FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def public_objects():
    for name in naskh.__all__:
        obj = getattr(naskh, name)
        if callable(obj):
            yield name, obj
            for attr, member in vars(obj).items() if isinstance(obj, type) else ():
                if not attr.startswith("_") and getattr(member, "__doc__", None):
                    yield f"{name}.{attr}", member


def run_examples(name: str, doc: str) -> int:
    globs = {"naskh": naskh, **{n: getattr(naskh, n) for n in naskh.__all__}}
    test = doctest.DocTestParser().get_doctest(doc, globs, name, None, 0)
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    assert runner.failures == 0, f"{name}: {runner.failures} failing example(s)"
    return len(test.examples)


@pytest.mark.parametrize("name,obj", list(public_objects()), ids=lambda x: x if isinstance(x, str) else "")
def test_runtime_docstring(name, obj):
    if isinstance(obj, type) and issubclass(obj, BaseException):
        assert obj.__doc__
        return
    assert obj.__doc__ and obj.__doc__.strip(), f"{name} has no docstring"
    run_examples(name, obj.__doc__)


def test_main_entry_points_have_examples():
    for obj in [naskh.normalize, naskh.Normalizer, naskh.OffsetMap, naskh.normalize_arrow, naskh.extract, naskh.diff, naskh.profiles, naskh.rules]:
        assert ">>>" in obj.__doc__, obj


def test_package_docstring():
    assert run_examples("naskh", naskh.__doc__) >= 4


def test_stub_docstrings_and_coverage():
    tree = ast.parse((PACKAGE / "_native.pyi").read_text(encoding="utf-8"))
    stubbed = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    from naskh import _native

    native = {n for n in dir(_native) if not n.startswith("_")}
    assert native <= stubbed, f"missing from _native.pyi: {native - stubbed}"
    examples = 0
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            doc = ast.get_docstring(node, clean=True)
            if doc and ">>>" in doc:
                examples += run_examples(f"_native.pyi:{node.name}", doc)
    assert examples >= 8
    assert (PACKAGE / "py.typed").exists()

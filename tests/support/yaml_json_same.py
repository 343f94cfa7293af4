"""Check that every `NAME.yaml` in a folder loads to the same data as `NAME.json` next to
it, in a YAML 1.1 reader (PyYAML's safe loader, which reads `2017-03-04` as a date, `on`
as true and `1:30` as 90) and in a YAML 1.2 reader (ruamel.yaml's safe loader).

    python3 yaml_json_same.py FOLDER

Prints each difference and exits 1 if there is any. Needs `pip install pyyaml
ruamel.yaml` (tests/support/requirements-yaml.txt).
"""

import json
import pathlib
import sys

import yaml
from ruamel.yaml import YAML


def first_difference(a, b, path="$"):
    """The path of the first place where `a` and `b` differ (types included), or None."""
    if type(a) is not type(b):
        return f"{path}: {a!r} ({type(a).__name__}) != {b!r} ({type(b).__name__})"
    if isinstance(a, dict):
        if list(a) != list(b):
            return f"{path}: keys {list(a)} != {list(b)}"
        for k in a:
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {a!r} != {b!r}"


def main():
    folder = pathlib.Path(sys.argv[1])
    yaml12 = YAML(typ="safe", pure=True)
    checked, bad = 0, 0
    for y in sorted(folder.glob("*.yaml")):
        text = y.read_text(encoding="utf-8")
        want = json.loads(y.with_suffix(".json").read_text(encoding="utf-8"))
        for reader, load in (
            ("PyYAML (YAML 1.1)", lambda t: yaml.safe_load(t)),
            ("ruamel.yaml (YAML 1.2)", lambda t: yaml12.load(t)),
        ):
            try:
                got = load(text)
            except Exception as e:  # a reader that refuses the text is a failure too
                print(f"{y.name}: {reader} cannot read it: {e}")
                bad += 1
                continue
            d = first_difference(got, want)
            if d:
                print(f"{y.name}: {reader}: {d}")
                bad += 1
        checked += 1
    print(f"{checked} YAML files checked in two readers, {bad} differences")
    sys.exit(1 if bad or not checked else 0)


if __name__ == "__main__":
    main()

"""Record strings in the translation catalogs: a Babel extractor and the list tests check.

A record field is translatable when its schema says ``"x-translatable": true``; the
extractor walks each YAML file beside its schema and yields those strings with their lines.
``python -m letters.catalog FILE`` extracts every string of the project into FILE (the
catalog template), with the same keywords wherever it runs (``make translations``, tests).
"""
from __future__ import annotations

import contextlib
from pathlib import Path
from typing import IO, Any, Iterator

import yaml

from letters.records import DATA_DIR, record_files, schema

#: The functions whose arguments are messages, as pybabel's ``--keywords`` takes them:
#: lazy and deferred markers (``_l``, ``N_``, ``NP_`` with singular and plural), explicit
#: translation with the language first (``translate``).
KEYWORDS = ("_l", "N_", "NP_:1,2", "translate:2")

KIND_BY_FOLDER = {"laws": "law", "requests": "request", "companies": "company",
                  "authorities": "authority"}


def kind_of(path: Path) -> str:
    if path.parent.name in KIND_BY_FOLDER:
        return KIND_BY_FOLDER[path.parent.name]
    return path.stem  # regions.yaml, jurisdictions.yaml


def translatable(node: yaml.Node, part: dict, root: dict) -> Iterator[tuple[int, str]]:
    """(line, text) of every string in ``node`` that ``part`` of the schema marks translatable."""
    while "$ref" in part:
        part = root["$defs"][part["$ref"].rsplit("/", 1)[-1]]
    if isinstance(node, yaml.ScalarNode):
        if part.get("x-translatable") and node.value.strip():
            yield node.start_mark.line + 1, node.value
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from translatable(item, part.get("items", {}), root)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = part.get("properties", {}).get(key.value)
            if sub is None and isinstance(part.get("additionalProperties"), dict):
                sub = part["additionalProperties"]
            yield from translatable(value, sub or {}, root)


def strings_in(path: Path) -> list[tuple[int, str]]:
    """Translatable strings of one record file (folded scalars as YAML folds them)."""
    with path.open(encoding="utf-8") as stream:
        node = yaml.compose(stream, Loader=yaml.SafeLoader)
    if node is None:
        return []
    kind = kind_of(path)
    return list(translatable(node, schema(kind), schema(kind)))


def record_strings(data_dir: Path = DATA_DIR) -> list[tuple[Path, int, str]]:
    """Every translatable string in every record: what the catalogs must translate."""
    return [(path, line, text) for _, path in record_files(data_dir)
            for line, text in strings_in(path)]


def extract_records(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
                    options: dict) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extraction method ``objector_records`` (see babel.cfg and setup.cfg)."""
    path = Path(getattr(fileobj, "name", ""))
    node = yaml.compose(fileobj.read().decode("utf-8"), Loader=yaml.SafeLoader)
    if node is None:
        return
    kind = kind_of(path)
    for line, text in translatable(node, schema(kind), schema(kind)):
        yield line, None, text, [f"record: {path.parent.name}/{path.name}"]


def extract(output: Path, root: Path) -> None:
    """Write the catalog template of the project at ``root`` to ``output``."""
    from babel.messages.frontend import CommandLineInterface

    keywords = [argument for keyword in KEYWORDS for argument in ("--keywords", keyword)]
    with contextlib.chdir(root):  # references relative to the project, as committed
        CommandLineInterface().run([
            "pybabel", "--quiet", "extract", "--mapping-file", "babel.cfg",
            "--output-file", str(output.resolve()), "--no-wrap", "--sort-by-file",
            "--project", "objector", "--copyright-holder", "objector contributors",
            *keywords, "."])


if __name__ == "__main__":
    import sys

    extract(Path(sys.argv[1]), Path.cwd())

"""Reading and checking framework content files. Pure Python: no Django.

``frameworks_read(root)`` reads every framework folder under ``root`` (each holding
``framework.yaml``; a stage may be written out in full there, or kept in its own file
``stages/<slug>.yaml`` and named by its slug), checks everything against the schema in
``content/frameworks/README.md`` and returns plain dataclasses, journeys before lenses.

When anything is wrong it raises ``FrameworkError``, which lists every problem it found with the
file and line it is on, in plain words, for example::

    content/frameworks/x/stages/design.yaml, line 42: prompt "weights-published" names a principle
    "saftey" that does not exist (choose from safety, trustworthiness, ...)

Each framework also has a canonical content dictionary (what is stored with a published version)
and the SHA-256 hash of it, so loading files that have not changed publishes nothing.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tandem.frameworks.sources import SEED_DOCUMENTS

FRAMEWORK_FILE = "framework.yaml"
STAGES_FOLDER = "stages"
JOURNEY = "journey"
LENS = "lens"
KINDS = (JOURNEY, LENS)
VOICES = ("funder", "provider", "both")

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Lengths the database keeps.
SLUG_MAX = 80
ITEM_SLUG_MAX = 120
FRAMEWORK_NAME_MAX = 200
NAME_MAX = 100
TITLE_MAX = 200
SOURCE_FILE_MAX = 100
SOURCE_SECTION_MAX = 200
TEXT_MAX = 4000
# How many principles a guidance point or prompt may name.
ITEM_PRINCIPLES_MIN = 1
ITEM_PRINCIPLES_MAX = 3

# Guards against files that are not framework content at all.
MAX_DEPTH = 40
MAX_NODES = 200_000

FRAMEWORK_KEYS = {
    JOURNEY: ("slug", "kind", "name", "summary", "source", "principles", "stages"),
    LENS: ("slug", "kind", "name", "summary", "source", "lens_of", "stages"),
}
STAGE_KEYS = {
    JOURNEY: ("slug", "name", "title", "purpose", "source", "guidance", "prompts"),
    LENS: ("slug", "name", "summary", "maps_to", "source", "activities"),
}
PRINCIPLE_KEYS = ("slug", "name", "description", "source")
GUIDANCE_KEYS = ("slug", "title", "text", "principles", "source")
PROMPT_KEYS = ("slug", "voice", "text", "principles", "source")
SOURCE_KEYS = ("file", "section")
SOURCE_EXAMPLE = '{file: 000_6fbddd7eb558c3a8.txt, section: "Reflect"}'


# ----------------------------------------------------------------------------------------------
# What the loader returns


@dataclass(frozen=True)
class Source:
    file: str
    section: str

    def as_dict(self) -> dict[str, str]:
        return {"file": self.file, "section": self.section}


@dataclass(frozen=True)
class PrincipleData:
    slug: str
    name: str
    description: str
    source: Source

    def as_dict(self) -> dict[str, Any]:
        return {"slug": self.slug, "name": self.name, "description": self.description, "source": self.source.as_dict()}


@dataclass(frozen=True)
class GuidanceData:
    slug: str
    title: str
    text: str
    principles: tuple[str, ...]
    source: Source

    def as_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "title": self.title,
            "text": self.text,
            "principles": list(self.principles),
            "source": self.source.as_dict(),
        }


@dataclass(frozen=True)
class PromptData:
    slug: str
    voice: str
    text: str
    principles: tuple[str, ...]
    source: Source

    def as_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "voice": self.voice,
            "text": self.text,
            "principles": list(self.principles),
            "source": self.source.as_dict(),
        }


@dataclass(frozen=True)
class ActivityData:
    text: str
    source: Source

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "source": self.source.as_dict()}


@dataclass(frozen=True)
class StageData:
    """A journey stage (with guidance and prompts) or a lens stage (with activities and the
    journey stages it maps to). ``purpose`` holds a journey stage's purpose or a lens stage's
    summary."""

    slug: str
    name: str
    purpose: str
    source: Source
    title: str = ""
    guidance: tuple[GuidanceData, ...] = ()
    prompts: tuple[PromptData, ...] = ()
    maps_to: tuple[str, ...] = ()
    activities: tuple[ActivityData, ...] = ()

    def as_dict(self, kind: str) -> dict[str, Any]:
        if kind == LENS:
            return {
                "slug": self.slug,
                "name": self.name,
                "summary": self.purpose,
                "maps_to": list(self.maps_to),
                "source": self.source.as_dict(),
                "activities": [activity.as_dict() for activity in self.activities],
            }
        return {
            "slug": self.slug,
            "name": self.name,
            "title": self.title,
            "purpose": self.purpose,
            "source": self.source.as_dict(),
            "guidance": [point.as_dict() for point in self.guidance],
            "prompts": [prompt.as_dict() for prompt in self.prompts],
        }


@dataclass(frozen=True)
class FrameworkData:
    slug: str
    kind: str
    name: str
    summary: str
    source: Source
    stages: tuple[StageData, ...]
    principles: tuple[PrincipleData, ...] = ()
    lens_of: str | None = None
    # Where it was read from, for messages.
    folder: str = ""

    @property
    def content(self) -> dict[str, Any]:
        """Everything the framework says, as plain JSON-ready data. This is what a published
        version keeps, and what the hash is taken of."""
        content: dict[str, Any] = {
            "slug": self.slug,
            "kind": self.kind,
            "name": self.name,
            "summary": self.summary,
            "source": self.source.as_dict(),
        }
        if self.kind == LENS:
            content["lens_of"] = self.lens_of
        else:
            content["principles"] = [principle.as_dict() for principle in self.principles]
        content["stages"] = [stage.as_dict(self.kind) for stage in self.stages]
        return content

    @property
    def content_hash(self) -> str:
        return content_hash(self.content)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "principles": len(self.principles),
            "stages": len(self.stages),
            "guidance": sum(len(stage.guidance) for stage in self.stages),
            "prompts": sum(len(stage.prompts) for stage in self.stages),
            "activities": sum(len(stage.activities) for stage in self.stages),
        }


def content_hash(content: Mapping[str, Any]) -> str:
    """SHA-256 of the content written as JSON with sorted keys: the same content always gives
    the same hash, whatever order the file wrote its keys in."""
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ----------------------------------------------------------------------------------------------
# Problems


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}, line {self.line}: {self.message}"


class FrameworkError(ValueError):
    """The framework files have problems. ``problems`` lists every one, with file and line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        ordered = sorted(problems, key=lambda problem: (problem.file, problem.line or 0))
        self.problems = ordered
        count = len(ordered)
        heading = "The framework files have 1 problem:" if count == 1 else f"The framework files have {count} problems:"
        super().__init__(heading + "\n" + "\n".join(f"- {problem}" for problem in ordered))


def path_display(path: Path) -> str:
    """The path as people would type it: relative to where the command runs, when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path.as_posix()


class _File:
    def __init__(self, path: Path, problems: list[Problem]) -> None:
        self.path = path
        self.name = path_display(path)
        self.problems = problems

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.name, line, message))


# ----------------------------------------------------------------------------------------------
# YAML to located values


@dataclass
class _Node:
    """A value read from YAML with the line it starts on.

    kind is "mapping" (value: dict of key -> _Node), "list" (value: list of _Node), "text"
    (value: str; numbers, dates and true/false are kept as written), "empty" (nothing, or
    null), or "other" (something a framework file never holds; ``description`` says what).
    """

    kind: str
    line: int
    value: Any = None
    key_lines: dict[str, int] = field(default_factory=dict)
    description: str = ""
    # For text: True when written as a literal block (|), where single line breaks are only
    # wrapping; in every other style YAML has already joined wrapped lines.
    literal: bool = False


_YAML_TAG = "tag:yaml.org,2002:"
_TEXT_TAGS = frozenset({"str", "int", "float", "bool", "timestamp"})


def _describe(node: _Node) -> str:
    if node.kind == "mapping":
        return "a set of keys"
    if node.kind == "list":
        return "a list"
    if node.kind == "empty":
        return "empty"
    if node.kind == "text":
        return f'"{_short(node.value)}"'
    return node.description or "something else"


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Converter:
    def __init__(self, file: _File) -> None:
        self.file = file
        self.seen: set[int] = set()
        self.count = 0
        self.too_big_reported = False

    def convert(self, node: yaml.Node, depth: int = 0) -> _Node:
        line = node.start_mark.line + 1
        if id(node) in self.seen:
            self.file.problem(line, "repeats an earlier part of the file with an alias (*name): write it out in full")
            return _Node("other", line, description="an alias")
        self.seen.add(id(node))
        self.count += 1
        if self.count > MAX_NODES:
            if not self.too_big_reported:
                self.file.problem(line, "is far too long to be framework content")
                self.too_big_reported = True
            return _Node("other", line, description="too long")
        if depth > MAX_DEPTH:
            self.file.problem(line, "is nested too deeply to be framework content")
            return _Node("other", line, description="nested too deeply")
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, line)
        if isinstance(node, yaml.SequenceNode):
            return _Node("list", line, [self.convert(child, depth + 1) for child in node.value])
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, line, depth)
        return _Node("other", line, description="something else")

    def _scalar(self, node: yaml.ScalarNode, line: int) -> _Node:
        tag = str(node.tag)
        if tag.startswith(_YAML_TAG):
            short = tag[len(_YAML_TAG) :]
            if short == "null":
                return _Node("empty", line)
            if short in _TEXT_TAGS:
                return _Node("text", line, str(node.value), literal=node.style == "|")
        return _Node("other", line, description=f"a value tagged {_short(tag)}")

    def _mapping(self, node: yaml.MappingNode, line: int, depth: int) -> _Node:
        values: dict[str, _Node] = {}
        key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.convert(key_node, depth + 1)
            value = self.convert(value_node, depth + 1)
            if key.kind != "text" or not key.value.strip():
                self.file.problem(key.line, "has a key that is not a plain word: keys look like 'name:'")
                continue
            name = key.value.strip()
            if name in values:
                self.file.problem(
                    key.line, f'has "{_short(name)}" twice (the first is on line {key_lines[name]}): keep one'
                )
                continue
            values[name] = value
            key_lines[name] = key.line
        return _Node("mapping", line, values, key_lines)


def _parse(file: _File) -> _Node | None:
    """The file's content as located values, or None (with the problem noted)."""
    try:
        raw = file.path.read_bytes()
    except OSError as error:
        file.problem(None, f"could not be read ({error.strerror or error})")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        file.problem(raw[: error.start].count(b"\n") + 1, "is not saved as UTF-8 text: save it again as UTF-8")
        return None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = error.problem or error.context or "it could not be read"
        file.problem(
            mark.line + 1 if mark else None,
            f"is not valid YAML ({reason}): check the indenting of this line and the one before, and put quotes "
            "around text that holds a colon",
        )
        return None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        file.problem(line, f"holds a character YAML does not allow (code {error.character!r}): remove it")
        return None
    except yaml.YAMLError as error:
        file.problem(None, f"is not valid YAML: {error}")
        return None
    except RecursionError:
        file.problem(None, "is nested too deeply to be framework content")
        return None
    if root is None:
        file.problem(None, "is empty")
        return None
    return _Converter(file).convert(root)


# ----------------------------------------------------------------------------------------------
# Checking one set of keys


def _bad_character(text: str) -> str | None:
    for char in text:
        if char in "\n\t\r":
            continue
        if unicodedata.category(char) in ("Cc", "Cs"):
            return char
    return None


def _tidy(text: str, *, literal: bool) -> str:
    """Whitespace as a reader sees it: paragraphs kept, lines within a paragraph joined.

    In a literal block (|) paragraphs are separated by blank lines; in folded (>) and plain text
    YAML has already turned each blank line into a single line break."""
    paragraphs = re.split(r"\n[ \t]*\n" if literal else r"\n", text.strip())
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs if paragraph.strip())


def _slug_suggestion(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:SLUG_MAX] or "like-this"


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f' Did you mean "{close[0]}"?' if close else ""


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


class _Item:
    """One mapping in a file (the framework, a stage, a prompt...), with helpers that read its
    keys and report problems in plain words."""

    def __init__(self, file: _File, node: _Node, noun: str, name: str) -> None:
        self.file = file
        self.node = node
        self.noun = noun
        self.name = name
        self.fields: dict[str, _Node] = node.value

    def problem(self, line: int | None, message: str) -> None:
        self.file.problem(line, message)

    def line(self, key: str) -> int:
        return self.node.key_lines.get(key, self.node.line)

    def check_keys(self, allowed: tuple[str, ...], required: tuple[str, ...]) -> None:
        for key in self.fields:
            if key not in allowed:
                self.problem(
                    self.line(key),
                    f'{self.name} has "{_short(key)}", which {_article(self.noun)} {self.noun} does not use.'
                    f"{_did_you_mean(key, allowed)} ({_article(self.noun).capitalize()} {self.noun} can have "
                    f"{', '.join(allowed)})",
                )
        missing = [f'"{key}"' for key in required if key not in self.fields]
        if missing:
            listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
            self.problem(self.node.line, f"{self.name} is missing {listed}")

    def text(self, key: str, *, max_length: int = TEXT_MAX, one_line: bool = False) -> str:
        """The text under ``key``, tidied; "" (with the problem noted) when it is not text."""
        node = self.fields.get(key)
        if node is None:
            return ""
        if node.kind == "empty" or (node.kind == "text" and not node.value.strip()):
            self.problem(node.line, f'{self.name} has an empty "{key}": write something, or remove the key')
            return ""
        if node.kind != "text":
            self.problem(node.line, f'"{key}" of {self.name} must be text, not {_describe(node)}')
            return ""
        bad = _bad_character(node.value)
        if bad is not None:
            self.problem(
                node.line,
                f'"{key}" of {self.name} holds a character that cannot be shown (code U+{ord(bad):04X}): remove it',
            )
            return ""
        value = " ".join(node.value.split()) if one_line else _tidy(node.value, literal=node.literal)
        if len(value) > max_length:
            self.problem(
                node.line,
                f'"{key}" of {self.name} is {len(value)} characters long: keep it to {max_length} or fewer',
            )
            return ""
        return value

    def slug(self, key: str = "slug", *, max_length: int = SLUG_MAX, what: str = "slug") -> str:
        value = self.text(key, one_line=True, max_length=10_000)
        if not value:
            return ""
        return self._slug_check(value, self.line_of_value(key), max_length=max_length, what=what)

    def line_of_value(self, key: str) -> int:
        node = self.fields.get(key)
        return node.line if node is not None else self.node.line

    def _slug_check(self, value: str, line: int, *, max_length: int, what: str) -> str:
        if len(value) > max_length:
            self.problem(line, f"the {what} of {self.name} is too long: keep it to {max_length} characters or fewer")
            return ""
        if not SLUG_RE.match(value):
            self.problem(
                line,
                f'the {what} "{_short(value)}" of {self.name} is not a valid slug: use lowercase letters, numbers '
                f'and single hyphens, like "{_slug_suggestion(value)}"',
            )
            return ""
        return value

    def slug_list(self, key: str, *, what: str) -> list[tuple[str, int]]:
        """A list of slugs with the line of each; problems noted for anything that is not one."""
        node = self.fields.get(key)
        if node is None:
            return []
        if node.kind != "list":
            self.problem(node.line, f'"{key}" of {self.name} must be a list of {what} slugs, like [one, two]')
            return []
        found: list[tuple[str, int]] = []
        seen: set[str] = set()
        for item in node.value:
            if item.kind != "text" or not item.value.strip():
                self.problem(item.line, f'"{key}" of {self.name} must list {what} slugs, not {_describe(item)}')
                continue
            value = self._slug_check(item.value.strip(), item.line, max_length=SLUG_MAX, what=f"{what} slug")
            if not value:
                continue
            if value in seen:
                self.problem(item.line, f'{self.name} names the {what} "{value}" twice: name it once')
                continue
            seen.add(value)
            found.append((value, item.line))
        return found

    def items(self, key: str, *, what: str) -> list[_Node]:
        """The entries of a list under ``key``; problems noted when it is not a list."""
        node = self.fields.get(key)
        if node is None:
            return []
        if node.kind != "list":
            self.problem(node.line, f'"{key}" of {self.name} must be a list of {what}, each starting with "- "')
            return []
        if not node.value:
            self.problem(node.line, f'"{key}" of {self.name} is an empty list: add at least one')
        return list(node.value)

    def source(self, key: str = "source") -> Source | None:
        node = self.fields.get(key)
        if node is None:
            return None
        if node.kind != "mapping":
            self.problem(node.line, f'"{key}" of {self.name} must name a file and a section, like {SOURCE_EXAMPLE}')
            return None
        source = _Item(self.file, node, noun="source", name=f"the source of {self.name}")
        source.check_keys(SOURCE_KEYS, SOURCE_KEYS)
        file = source.text("file", one_line=True, max_length=SOURCE_FILE_MAX)
        section = source.text("section", one_line=True, max_length=SOURCE_SECTION_MAX)
        if file and file not in SEED_DOCUMENTS:
            self.problem(
                source.line_of_value("file"),
                f'the source of {self.name} names a file "{_short(file)}" that is not one of the source documents.'
                f"{_did_you_mean(file, SEED_DOCUMENTS)} (choose from {', '.join(SEED_DOCUMENTS)})",
            )
            return None
        if not file or not section:
            return None
        return Source(file=file, section=section)


# ----------------------------------------------------------------------------------------------
# Reading a framework


@dataclass
class _Reference:
    """A slug naming something in another framework, checked once every framework is read."""

    file: _File
    line: int
    name: str
    target: str


@dataclass
class _Read:
    data: FrameworkData
    file: _File
    lens_of: _Reference | None
    maps_to: list[_Reference]


class _FrameworkReader:
    def __init__(self, folder: Path, problems: list[Problem]) -> None:
        self.folder = folder
        self.problems = problems
        self.principles: dict[str, int] = {}
        self.maps_to: list[_Reference] = []

    def read(self) -> _Read | None:
        before = len(self.problems)
        file = _File(self.folder / FRAMEWORK_FILE, self.problems)
        if not file.path.is_file():
            file.problem(None, "is missing: every framework folder needs a framework.yaml")
            return None
        root = _parse(file)
        if root is None:
            return None
        if root.kind != "mapping":
            file.problem(root.line, f"must be a set of keys (slug, kind, name, ...), not {_describe(root)}")
            return None
        top = _Item(file, root, noun="framework", name="the framework")
        slug = top.slug()
        if slug and slug != self.folder.name:
            top.problem(
                top.line_of_value("slug"),
                f'the framework\'s slug is "{slug}" but its folder is called "{_short(self.folder.name)}": '
                "make them the same",
            )
        kind = top.text("kind", one_line=True, max_length=100)
        if kind and kind not in KINDS:
            top.problem(top.line_of_value("kind"), f'kind must be "journey" or "lens", not "{_short(kind)}"')
            kind = ""
        if kind:
            top.noun = kind
            keys = FRAMEWORK_KEYS[kind]
            top.check_keys(keys, keys)
        else:
            everything = tuple(dict.fromkeys(FRAMEWORK_KEYS[JOURNEY] + FRAMEWORK_KEYS[LENS]))
            top.check_keys(everything, ("slug", "kind", "name", "summary", "source", "stages"))
        name = top.text("name", one_line=True, max_length=FRAMEWORK_NAME_MAX)
        summary = top.text("summary")
        source = top.source()
        principles: list[PrincipleData] = []
        lens_of: _Reference | None = None
        if kind == JOURNEY:
            principles = self._principles(top)
        elif kind == LENS:
            target = top.slug("lens_of", what="journey slug")
            if target:
                lens_of = _Reference(file, top.line_of_value("lens_of"), "the lens", target)
        stages = self._stages(top, kind) if kind else []
        if len(self.problems) > before or source is None:
            return None
        data = FrameworkData(
            slug=slug,
            kind=kind,
            name=name,
            summary=summary,
            source=source,
            stages=tuple(stages),
            principles=tuple(principles),
            lens_of=lens_of.target if lens_of else None,
            folder=path_display(self.folder),
        )
        return _Read(data=data, file=file, lens_of=lens_of, maps_to=self.maps_to)

    # Principles -------------------------------------------------------------------------------

    def _principles(self, top: _Item) -> list[PrincipleData]:
        found: list[PrincipleData] = []
        for position, node in enumerate(top.items("principles", what="principles"), start=1):
            if node.kind != "mapping":
                top.problem(node.line, f"principle {position} must be a set of keys (slug, name, ...)")
                continue
            item = _Item(top.file, node, noun="principle", name=f"principle {position}")
            slug = item.slug()
            if slug:
                item.name = f'principle "{slug}"'
            item.check_keys(PRINCIPLE_KEYS, PRINCIPLE_KEYS)
            name = item.text("name", one_line=True, max_length=NAME_MAX)
            description = item.text("description")
            source = item.source()
            if not slug:
                continue
            if slug in self.principles:
                item.problem(
                    item.line_of_value("slug"),
                    f'there are two principles called "{slug}" (the first is on line {self.principles[slug]})',
                )
                continue
            self.principles[slug] = item.line_of_value("slug")
            if name and description and source:
                found.append(PrincipleData(slug=slug, name=name, description=description, source=source))
        return found

    def _principle_slugs(self, item: _Item) -> tuple[str, ...]:
        named = item.slug_list("principles", what="principle")
        if "principles" in item.fields and item.fields["principles"].kind == "list":
            line = item.line_of_value("principles")
            if len(item.fields["principles"].value) < ITEM_PRINCIPLES_MIN:
                item.problem(line, f"{item.name} must name at least one principle it serves")
            elif len(named) > ITEM_PRINCIPLES_MAX:
                item.problem(
                    line,
                    f"{item.name} names {len(named)} principles: choose the {ITEM_PRINCIPLES_MAX} it serves most",
                )
        choices = ", ".join(self.principles)
        for slug, line in named:
            if slug not in self.principles:
                item.problem(
                    line,
                    f'{item.name} names a principle "{slug}" that does not exist (choose from {choices}).'
                    f"{_did_you_mean(slug, self.principles)}".rstrip("."),
                )
        return tuple(slug for slug, _ in named)

    # Stages -----------------------------------------------------------------------------------

    def _stages(self, top: _Item, kind: str) -> list[StageData]:
        node = top.fields.get("stages")
        if node is None:
            return []
        if node.kind != "list" or not node.value:
            top.problem(
                node.line,
                '"stages" must be a list of stage slugs, like [reflect, assess], or of stages written out in full',
            )
            return []
        stages: list[StageData] = []
        seen: dict[str, int] = {}
        listed: set[str] = set()
        for position, entry in enumerate(node.value, start=1):
            if entry.kind == "text":
                slug = top._slug_check(entry.value.strip(), entry.line, max_length=SLUG_MAX, what=f"stage {position}")
                if not slug:
                    continue
                listed.add(f"{slug}.yaml")
                stage = self._stage_from_file(top, slug, entry.line, kind)
            elif entry.kind == "mapping":
                slug, stage = self._stage(top.file, entry, kind, position=position, expected=None)
            else:
                top.problem(
                    entry.line,
                    f"stage {position} must be a stage slug or a stage written out in full, not {_describe(entry)}",
                )
                continue
            if not slug:
                continue
            if slug in seen:
                top.problem(entry.line, f'the stage "{slug}" is listed twice (the first is stage {seen[slug]})')
                continue
            seen[slug] = position
            if stage is not None:
                stages.append(stage)
        self._unlisted_stage_files(top, listed)
        return stages

    def _unlisted_stage_files(self, top: _Item, listed: set[str]) -> None:
        folder = self.folder / STAGES_FOLDER
        if not folder.is_dir():
            return
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or path.suffix not in (".yaml", ".yml") or path.name in listed:
                continue
            _File(path, self.problems).problem(
                None,
                f'is not listed under "stages" in {FRAMEWORK_FILE}: add "{path.stem}" to the list there, '
                "or remove the file" + (" (stage files end in .yaml, not .yml)" if path.suffix == ".yml" else ""),
            )

    def _stage_from_file(self, top: _Item, slug: str, line: int, kind: str) -> StageData | None:
        path = self.folder / STAGES_FOLDER / f"{slug}.yaml"
        if not path.is_file():
            top.problem(
                line,
                f'the stage "{slug}" has no file: create {STAGES_FOLDER}/{slug}.yaml, or write the stage out here',
            )
            return None
        file = _File(path, self.problems)
        node = _parse(file)
        if node is None:
            return None
        if node.kind != "mapping":
            file.problem(node.line, f"must be a set of keys (name, purpose, ...), not {_describe(node)}")
            return None
        _, stage = self._stage(file, node, kind, position=0, expected=slug)
        return stage

    def _stage(
        self, file: _File, node: _Node, kind: str, *, position: int, expected: str | None
    ) -> tuple[str, StageData | None]:
        before = len(self.problems)
        item = _Item(file, node, noun="stage", name=f'stage "{expected}"' if expected else f"stage {position}")
        slug = expected or ""
        if "slug" in item.fields:
            written = item.slug()
            if expected and written and written != expected:
                item.problem(
                    item.line_of_value("slug"),
                    f'this file is {STAGES_FOLDER}/{expected}.yaml but its slug is "{written}": make them the same',
                )
            slug = slug or written
        if slug:
            item.name = f'stage "{slug}"'
        keys = STAGE_KEYS[kind]
        required = keys if expected is None else tuple(key for key in keys if key != "slug")
        item.check_keys(keys, required)
        name = item.text("name", one_line=True, max_length=NAME_MAX)
        source = item.source()
        title = purpose = ""
        guidance: list[GuidanceData] = []
        prompts: list[PromptData] = []
        maps_to: list[tuple[str, int]] = []
        activities: list[ActivityData] = []
        if kind == JOURNEY:
            title = item.text("title", one_line=True, max_length=TITLE_MAX)
            purpose = item.text("purpose")
            guidance = self._guidance(item)
            prompts = self._prompts(item)
        else:
            purpose = item.text("summary")
            maps_to = item.slug_list("maps_to", what="journey stage")
            node_maps = item.fields.get("maps_to")
            if node_maps is not None and node_maps.kind == "list" and not node_maps.value:
                item.problem(node_maps.line, f"{item.name} must map to at least one journey stage")
            self.maps_to += [_Reference(file, line, item.name, target) for target, line in maps_to]
            activities = self._activities(item, source)
        if len(self.problems) > before or not slug or source is None:
            return slug, None
        return slug, StageData(
            slug=slug,
            name=name,
            title=title,
            purpose=purpose,
            source=source,
            guidance=tuple(guidance),
            prompts=tuple(prompts),
            maps_to=tuple(target for target, _ in maps_to),
            activities=tuple(activities),
        )

    def _guidance(self, stage: _Item) -> list[GuidanceData]:
        found: list[GuidanceData] = []
        seen: dict[str, int] = {}
        for position, node in enumerate(stage.items("guidance", what="guidance points"), start=1):
            if node.kind != "mapping":
                stage.problem(node.line, f"guidance point {position} of {stage.name} must be a set of keys")
                continue
            item = _Item(stage.file, node, noun="guidance point", name=f"guidance point {position} of {stage.name}")
            slug = item.slug(max_length=ITEM_SLUG_MAX)
            if slug:
                item.name = f'guidance point "{slug}"'
            item.check_keys(GUIDANCE_KEYS, GUIDANCE_KEYS)
            title = item.text("title", one_line=True, max_length=TITLE_MAX)
            text = item.text("text")
            principles = self._principle_slugs(item)
            source = item.source()
            if slug in seen:
                item.problem(
                    item.line_of_value("slug"),
                    f'there are two guidance points called "{slug}" in {stage.name} '
                    f"(the first is on line {seen[slug]})",
                )
                continue
            if slug:
                seen[slug] = item.line_of_value("slug")
            if slug and title and text and source:
                found.append(GuidanceData(slug=slug, title=title, text=text, principles=principles, source=source))
        return found

    def _prompts(self, stage: _Item) -> list[PromptData]:
        found: list[PromptData] = []
        seen: dict[str, int] = {}
        for position, node in enumerate(stage.items("prompts", what="prompts"), start=1):
            if node.kind != "mapping":
                stage.problem(node.line, f"prompt {position} of {stage.name} must be a set of keys")
                continue
            item = _Item(stage.file, node, noun="prompt", name=f"prompt {position} of {stage.name}")
            slug = item.slug(max_length=ITEM_SLUG_MAX)
            if slug:
                item.name = f'prompt "{slug}"'
            item.check_keys(PROMPT_KEYS, PROMPT_KEYS)
            voice = item.text("voice", one_line=True, max_length=100)
            if voice and voice not in VOICES:
                item.problem(
                    item.line_of_value("voice"),
                    f'{item.name} has voice "{_short(voice)}": choose funder, provider or both.'
                    f"{_did_you_mean(voice, VOICES)}".rstrip("."),
                )
                voice = ""
            text = item.text("text")
            if text and not text.endswith("?"):
                item.problem(item.line_of_value("text"), f'{item.name} must be a question: end its text with "?"')
                text = ""
            principles = self._principle_slugs(item)
            source = item.source()
            if slug in seen:
                item.problem(
                    item.line_of_value("slug"),
                    f'there are two prompts called "{slug}" in {stage.name} (the first is on line {seen[slug]})',
                )
                continue
            if slug:
                seen[slug] = item.line_of_value("slug")
            if slug and voice and text and source:
                found.append(PromptData(slug=slug, voice=voice, text=text, principles=principles, source=source))
        return found

    def _activities(self, stage: _Item, stage_source: Source | None) -> list[ActivityData]:
        found: list[ActivityData] = []
        for position, node in enumerate(stage.items("activities", what="activities"), start=1):
            name = f"activity {position} of {stage.name}"
            if node.kind == "text":
                # A plain line of text: an activity resting on its stage's source.
                item = _Item(stage.file, _Node("mapping", node.line, {"text": node}), noun="activity", name=name)
                source = stage_source
            elif node.kind == "mapping":
                item = _Item(stage.file, node, noun="activity", name=name)
                item.check_keys(("text", "source"), ("text",))
                source = item.source() if "source" in item.fields else stage_source
            else:
                stage.problem(node.line, f"{name} must be text, or a set of keys (text, source)")
                continue
            text = item.text("text")
            if text and source:
                found.append(ActivityData(text=text, source=source))
        return found


# ----------------------------------------------------------------------------------------------
# Public entry points


def _check_references(
    read: _Read, journeys: Mapping[str, FrameworkData], problems: list[Problem], broken: frozenset[str] = frozenset()
) -> bool:
    """Check a lens against the journeys; True when all is well. A lens of a framework that has
    problems of its own (in ``broken``) is not checked, so its problems are not repeated."""
    before = len(problems)
    if read.lens_of is None or read.lens_of.target in broken:
        return True
    journey = journeys.get(read.lens_of.target)
    if journey is None:
        choices = ", ".join(sorted(journeys)) or "none have loaded"
        read.file.problem(
            read.lens_of.line,
            f'lens_of names "{read.lens_of.target}", which is not a journey framework here (choose from {choices})',
        )
        return False
    stage_slugs = [stage.slug for stage in journey.stages]
    for reference in read.maps_to:
        if reference.target not in stage_slugs:
            reference.file.problem(
                reference.line,
                f'{reference.name} maps to "{reference.target}", which is not a stage of {journey.name} '
                f"(choose from {', '.join(stage_slugs)}).{_did_you_mean(reference.target, stage_slugs)}".rstrip("."),
            )
    return len(problems) == before


def framework_read(folder: Path, *, journeys: Mapping[str, FrameworkData] | None = None) -> FrameworkData:
    """Read and check one framework folder.

    For a lens, ``journeys`` (slug -> journey) is what ``lens_of`` and ``maps_to`` are checked
    against; when it is None those cross-checks are left to ``frameworks_read``.
    """
    problems: list[Problem] = []
    read = _FrameworkReader(Path(folder), problems).read()
    if read is not None and journeys is not None:
        _check_references(read, journeys, problems)
    if problems or read is None:
        raise FrameworkError(problems)
    return read.data


def frameworks_read(root: Path) -> tuple[FrameworkData, ...]:
    """Read and check every framework folder under ``root``: journeys first, then lenses, each
    in slug order. Raises FrameworkError listing every problem in every file."""
    root = Path(root)
    problems: list[Problem] = []
    if not root.is_dir():
        raise FrameworkError([Problem(path_display(root), None, "is not a folder of frameworks")])
    folders = sorted(path for path in root.iterdir() if path.is_dir() and not path.name.startswith((".", "_")))
    if not folders:
        raise FrameworkError([Problem(path_display(root), None, "holds no framework folders")])
    reads = [_FrameworkReader(folder, problems).read() for folder in folders]
    loaded = [read for read in reads if read is not None]
    broken = frozenset(folder.name for folder, read in zip(folders, reads, strict=True) if read is None)
    journeys = {read.data.slug: read.data for read in loaded if read.data.kind == JOURNEY}
    for read in loaded:
        if read.data.kind == LENS:
            _check_references(read, journeys, problems, broken)
    if problems or len(loaded) < len(reads):
        raise FrameworkError(problems)
    return tuple(sorted((read.data for read in loaded), key=lambda data: (data.kind != JOURNEY, data.slug)))

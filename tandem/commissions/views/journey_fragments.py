"""Parts of the journey pages rendered once and kept in the shared cache, keyed by everything they show.

Two kinds of part:

- **A stage's framework content.** Beside each question the stage page shows the guidance points that
  inform it and why the question matters (the principles it serves and the document it rests on);
  after the questions, any guidance that informs none of them and a list of all the stage's guidance.
  None of that depends on the commission or on who is looking, only on the published version, which
  never changes (``stage_fragments``).
- **What a commission's team has recorded**, as the stage and coverage pages show it: the questions
  with their responses, and the coverage table, picture and gaps. Each is kept under a digest of
  everything it shows (every response's words, who saved it and when, the counts), so any change
  gives a new key and the part is rendered afresh once; nothing ever has to be taken out. The parts
  are ``{% cache %}`` blocks in the pages' templates, keyed by ``stage_questions_key`` here and
  ``body_key`` in ``coverage.py``; what they show is made only if the block is rendered
  (``LazyHtml``, and callables in the coverage page's context).

Rendering these was most of each page's time: the Design stage has 28 guidance points and 19
questions, each with its reveals and response; the coverage page has a cell for every principle and
stage. Every key also names the source of the templates and the code the part is rendered with
(``source_fingerprint``), so a deployment that changes how a part looks never shows one rendered
before it.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template import engines, loader
from django.utils.safestring import SafeString, mark_safe

from tandem.commissions.selectors.journey import PromptRow, StagePage, source_citation
from tandem.frameworks.models import FrameworkVersion
from tandem.frameworks.published import CACHE_SECONDS, GuidanceContent, StageContent, version_key

BESIDE_TEMPLATE = "commissions/_stage_prompt_guidance.html"
AFTER_TEMPLATE = "commissions/_stage_guidance_after.html"
# A commission's parts change whenever the team records something: an old one is not kept long.
KEPT_SECONDS = 24 * 60 * 60


# The code every part's words go through besides its templates: how dates, times and amounts are written.
FORMATTING_MODULES = ("tandem.core.values", "tandem.core.dates")


def _template_tag_modules() -> list[str]:
    """The modules of Tandem's own template tags and filters, those built in and those loaded."""
    engine = engines["django"].engine  # type: ignore[attr-defined]
    found = set()
    for library in [*engine.template_builtins, *engine.template_libraries.values()]:
        for function in [*library.filters.values(), *library.tags.values()]:
            module = getattr(function, "__module__", "") or ""
            if module.startswith("tandem."):
                found.add(module)
    return sorted(found)


def _source_fingerprint(templates: Sequence[str], modules: Sequence[str]) -> str:
    found = hashlib.sha256()
    for name in templates:
        origin = loader.get_template(name).origin.name  # type: ignore[attr-defined]
        found.update(Path(origin).read_bytes())
    for module in sorted({*modules, *FORMATTING_MODULES, *_template_tag_modules()}):
        found.update(Path(str(importlib.import_module(module).__file__)).read_bytes())
    return found.hexdigest()[:16]


_fingerprint_once = functools.cache(_source_fingerprint)


def source_fingerprint(templates: Sequence[str], modules: Sequence[str] = ()) -> str:
    """A short hash of the source of these templates, these Python modules, Tandem's template tags
    and filters and its formatting of values.

    Read once per process; with ``DEBUG`` on, every time, so a template edited during development
    shows on the next page without a restart.
    """
    if settings.DEBUG:
        return _source_fingerprint(tuple(templates), tuple(modules))
    return _fingerprint_once(tuple(templates), tuple(modules))


def digest(parts: Iterable[object]) -> str:
    """A key for a part from everything it shows (each part's ``repr``)."""
    found = hashlib.sha256()
    for part in parts:
        found.update(repr(part).encode("utf-8"))
        found.update(b"\x00")
    return found.hexdigest()


@dataclass(frozen=True)
class LazyHtml:
    """HTML made only when a template shows it: inside a ``{% cache %}`` block that was kept,
    never. ``produce`` returns HTML our own templates rendered (they escape everything they show)."""

    produce: Callable[[], str]

    def __html__(self) -> str:
        return self.produce()

    def __str__(self) -> str:
        return self.produce()


# ----------------------------------------------------------------------------------------------
# A stage's framework content, once per published version


@dataclass(frozen=True)
class StageFragments:
    # Each prompt's guidance and "Why this matters", by the prompt's id.
    beside: dict[int, str]
    # After the questions: the guidance that informs none of them, and the list of all the guidance.
    after: str

    def for_prompt(self, pk: int) -> SafeString:
        return mark_safe(self.beside.get(pk, ""))  # nosec: rendered and escaped by the templates above

    def after_questions(self) -> SafeString:
        return mark_safe(self.after)  # nosec: rendered and escaped by the templates above


FRAGMENT_TEMPLATES = (
    BESIDE_TEMPLATE,
    AFTER_TEMPLATE,
    "commissions/_guidance_point.html",
    "commissions/_why_this_matters.html",
)
# The code whose words the fragments show: the source documents' titles.
FRAGMENT_MODULES = ("tandem.commissions.selectors.journey",)


def _guidance_row(point: GuidanceContent) -> dict[str, object]:
    return {
        "point": point,
        "principles": point.principles,
        "source": source_citation(point.source_file, point.source_section),
    }


def stage_fragments_render(content: StageContent) -> StageFragments:
    """Render the fragments (no query: everything is in ``content``)."""
    beside = {}
    for prompt in content.prompts:
        context = {
            "prompt": prompt,
            "guidance": [_guidance_row(point) for point in prompt.guidance],
            "principles": prompt.principles,
            "source": source_citation(prompt.source_file, prompt.source_section),
        }
        beside[prompt.pk] = str(loader.render_to_string(BESIDE_TEMPLATE, context))
    after_context = {"after": [_guidance_row(point) for point in content.guidance_after], "index": content.guidance}
    after = str(loader.render_to_string(AFTER_TEMPLATE, after_context))
    return StageFragments(beside=beside, after=after)


def stage_fragments(version: FrameworkVersion, content: StageContent) -> StageFragments:
    """The stage's fragments, from the shared cache, rendered and kept there when not kept yet."""
    fingerprint = source_fingerprint(FRAGMENT_TEMPLATES, FRAGMENT_MODULES)
    key = f"commissions:stage-fragments:{version_key(version)}:{content.stage.slug}:{fingerprint}"
    found = cache.get(key)
    if isinstance(found, StageFragments):
        return found
    fragments = stage_fragments_render(content)
    cache.set(key, fragments, CACHE_SECONDS)
    return fragments


# ----------------------------------------------------------------------------------------------
# A stage's questions with the team's responses, once for each state of them

# The stage page's template holds the block of questions in a ``{% cache %}``; these are it and
# what it includes.
QUESTIONS_TEMPLATES = (
    "commissions/stage.html",
    "commissions/_response_body.html",
    "commissions/_kind_tag.html",
    "commissions/_who_when.html",
    *FRAGMENT_TEMPLATES,
)


def _row_state(row: PromptRow) -> tuple[object, ...]:
    response = row.response
    if response is None:
        return (row.prompt.pk, row.comment_count)
    author = response.author
    return (
        row.prompt.pk,
        row.comment_count,
        response.pk,
        response.revision,
        response.kind,
        response.text,
        response.reason,
        response.evidence_links,
        response.created_at.isoformat(),
        (author.pk, author.full_name, author.email) if author is not None else None,
    )


def stage_questions_key(version: FrameworkVersion, page: StagePage, *, can_contribute: bool) -> str:
    """The key of the stage page's block of questions: a digest of everything it shows.

    Also gives each row what sits beside its question (``row.fragment``) and the page its guidance
    after the questions (``page_guidance_after``), made only if the block is rendered.
    """
    fragments = functools.cache(lambda: stage_fragments(version, page.content))
    for group in page.groups:
        for row in group.rows:
            row.fragment = LazyHtml(functools.partial(lambda pk: fragments().for_prompt(pk), row.prompt.pk))
    return digest(
        [
            source_fingerprint(QUESTIONS_TEMPLATES, FRAGMENT_MODULES),
            version_key(version),
            page.stage.slug,
            page.commission.pk,
            can_contribute,
            *((group.voice, *(_row_state(row) for row in group.rows)) for group in page.groups),
        ]
    )


def stage_guidance_after(version: FrameworkVersion, page: StagePage) -> LazyHtml:
    """The guidance after the questions, made only if the block of questions is rendered."""
    return LazyHtml(lambda: stage_fragments(version, page.content).after_questions())

"""Every acronym a page shows has a glossary entry.

Walks every template under tandem/*/templates (base.html included), strips Django tags,
variables and comments, HTML tags and their attributes, and looks for words of two or more
capitals (ICB, GOV.UK, 2FA). Any without an entry in content/glossary.yaml fail the test, listed
by template. Add the missing terms to content/glossary.yaml.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from tandem.glossary.selectors import glossary
from tandem.glossary.template_text import term_tag_words, visible_text
from tandem.glossary.terms import find_acronyms


def _templates() -> list[Path]:
    root = Path(settings.BASE_DIR) / "tandem"
    return sorted(path for path in root.glob("*/templates/**/*") if path.is_file() and path.suffix in {".html", ".txt"})


def test_there_are_templates_to_check():
    names = [path.name for path in _templates()]
    assert "base.html" in names
    assert "index.html" in names


def test_every_acronym_in_a_template_has_a_glossary_entry():
    known = glossary()
    root = Path(settings.BASE_DIR)
    missing: list[str] = []
    for path in _templates():
        words = sorted({word for word in find_acronyms(visible_text(path.read_text(encoding="utf-8")))})
        unknown = [word for word in words if known.get(word) is None]
        if unknown:
            missing.append(f"{path.relative_to(root)}: {', '.join(unknown)}")
    assert not missing, (
        "These templates show acronyms with no entry in content/glossary.yaml. Add an entry for each "
        "(term, full, definition), or write the words out:\n" + "\n".join(missing)
    )


def test_every_term_tag_names_a_glossary_entry():
    known = glossary()
    root = Path(settings.BASE_DIR)
    missing = [
        f"{path.relative_to(root)}: {word}"
        for path in _templates()
        for word in term_tag_words(path.read_text(encoding="utf-8"))
        if known.get(word) is None
    ]
    assert not missing, "{% term %} tags naming words the glossary does not have:\n" + "\n".join(missing)


def test_visible_text_keeps_words_and_drops_markup():
    source = """
    {% load glossary %}{# ABC in a comment #}
    {% comment %}DEF hidden{% endcomment %}
    <!-- GHI hidden -->
    <abbr title="JKL attribute" class='x' data-x="a > b MNO">PQR shown</abbr>
    {{ STU|default:"VWX" }} {% if YZA %}BCD shown{% endif %}
    <script>var EFG = 1;</script>
    Fish &amp; chips &#x27;HIJ&#x27; GOV.UK, 2FA and Tandem.
    """
    assert find_acronyms(visible_text(source)) == ["PQR", "BCD", "HIJ", "GOV.UK", "2FA"]


def test_term_tags_are_found():
    assert term_tag_words('{% term "ICB" %} and {% term \'lived experience\' "lived" %}') == ["ICB", "lived experience"]

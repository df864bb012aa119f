"""The glossary page, the {% term %} tag and the |glossarise filter."""

from __future__ import annotations

import os

import pytest
from django.template import engines
from django.urls import reverse

from tandem.glossary import selectors
from tandem.glossary.templatetags.glossary import UnknownGlossaryTerm


def render(source, **context):
    return engines["django"].from_string("{% load glossary %}" + source).render(context)


ICB_LINK = '<a class="govuk-link" href="/glossary/#term-icb"><abbr title="integrated care board">ICB</abbr></a>'


def test_term_links_an_acronym_with_its_expansion():
    assert render('{% term "ICB" %}') == ICB_LINK


def test_term_shows_the_word_as_written_or_other_text():
    assert render('{% term "provider" "providers" %}') == (
        '<a class="govuk-link" href="/glossary/#term-provider">providers</a>'
    )
    assert render('{% term "Commissioning" %}') == (
        '<a class="govuk-link" href="/glossary/#term-commissioning">Commissioning</a>'
    )


def test_term_accepts_a_variable_and_escapes_it():
    assert render("{% term word %}", word="ICB") == ICB_LINK
    assert render('{% term "ICB" text %}', text="<ICB>") == ICB_LINK.replace(">ICB<", ">&lt;ICB&gt;<")


def test_an_unknown_term_fails_loudly_in_tests():
    with pytest.raises(UnknownGlossaryTerm, match="NOPE"):
        render('{% term "NOPE" %}')


def test_an_unknown_term_shows_as_plain_text_in_production(settings):
    settings.GLOSSARY_STRICT = False
    settings.DEBUG = False
    assert render("{% term word %}", word="<NOPE>") == "&lt;NOPE&gt;"
    assert render('{% term "NOPE" "nope words" %}') == "nope words"


def test_an_unknown_term_fails_in_debug(settings):
    settings.GLOSSARY_STRICT = False
    settings.DEBUG = True
    with pytest.raises(UnknownGlossaryTerm):
        render('{% term "NOPE" %}')


def test_glossarise_escapes_and_links_the_first_use_of_each_acronym():
    out = render("{{ text|glossarise }}", text="The ICB & <b>NHS</b> met the ICB. KPIs, GOV.UK and UK.")
    assert out.count('href="/glossary/#term-icb"') == 1
    assert out.startswith("The " + ICB_LINK + " &amp; &lt;b&gt;")
    assert '<abbr title="National Health Service">NHS</abbr></a>&lt;/b&gt;' in out
    assert '<abbr title="key performance indicator">KPIs</abbr>' in out
    assert '<a class="govuk-link" href="/glossary/#term-gov-uk">GOV.UK</a>' in out
    assert 'href="/glossary/#term-uk"' in out
    assert "<b>" not in out


def test_glossarise_leaves_unknown_and_partial_words_alone():
    assert render("{{ text|glossarise }}", text="ICBX NOPE xICB") == "ICBX NOPE xICB"
    assert render("{{ text|glossarise }}", text="") == ""
    assert render("{{ text|glossarise }}", text=None) == "None"


def test_the_glossary_is_read_again_when_the_file_changes(settings, tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text('- term: "ABC"\n  full: "a b c"\n  definition: "First."\n', encoding="utf-8")
    settings.GLOSSARY_PATH = path
    first = selectors.glossary()
    assert selectors.glossary() is first
    entry = first.get("ABC")
    assert entry is not None and entry.definition == "First."
    path.write_text('- term: "ABC"\n  full: "a b c"\n  definition: "Second."\n', encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    entry = selectors.glossary().get("ABC")
    assert entry is not None and entry.definition == "Second."


@pytest.mark.django_db
def test_the_glossary_page_lists_terms_a_to_z_with_anchors(client):
    response = client.get(reverse("glossary:index"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1") == 1
    assert 'id="term-icb"' in body and 'id="term-gov-uk"' in body and 'id="term-lived-experience"' in body
    assert 'href="#letter-i"' in body and 'id="letter-i"' in body
    # Letters with no terms are shown but not linked.
    assert 'href="#letter-x"' not in body
    assert body.index('id="term-assess"') < body.index('id="term-icb"') < body.index('id="term-wcag"')
    assert body.index('id="term-2fa"') < body.index('id="term-assess"')
    assert "integrated care board" in body


@pytest.mark.django_db
def test_the_glossary_page_needs_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert client.get(reverse("glossary:index")).status_code == 200

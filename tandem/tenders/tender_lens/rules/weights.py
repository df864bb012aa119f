"""TL04 WEIGHTS_NOT_STATED, TL05 SOCIAL_VALUE_UNDERWEIGHTED and TL06 PRICE_DOMINANT: award weights.

A weight is a criterion label followed by a percentage: "Quality 60%", "Price: 40 per cent",
"| Social value | 10% |", "Quality (60%)". Other percentages ("a 10% reduction", "VAT at 20%") are
not weights. Sub-criteria are allowed: the weights add up when either all of them, or just the main
groups (quality, price or cost, social value), total 100.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tandem.tenders.tender_lens import patterns
from tandem.tenders.tender_lens.finding import Finding, make_finding

_LABEL = (
    r"social[ -]value|quality|price|cost|commercial|technical|financial|method statements?|"
    r"presentation|interview|added value|delivery|staffing|experience|innovation|partnership|"
    r"sustainability|outcomes?|approach|safeguarding|mobilisation"
)
_PERCENT = r"(?P<value>\d{1,3}(?:\.\d+)?)\s*(?:%|per\s?cent\b|percent\b)"
_WEIGHT = patterns.compile(
    rf"\b(?P<label>{_LABEL})\b(?:\s+(?:weightings?|weighted|weight|criteria|criterion|score|element|component|"
    rf"section|questions?)){{0,2}}\s*(?:[:\-\u2013\u2014|\t=]|\(|\bweighting\b|\bweighted at\b|\s)\s*[|(]?\s*{_PERCENT}"
    r"(?=\s*(?:$|[,;.)|\n]|and\b|weight))",
    re.IGNORECASE | re.MULTILINE,
)
# A weight given after a criterion's title, on a line of its own: a heading such as "Safety and
# quality of support (45%)" or a table row such as "| Social value | Social value in Anyborough | 10%".
# Only whole lines count, so a percentage in a sentence of prose is never read this way.
_TITLED = patterns.compile(
    rf"^[ \t|]*(?:[\w'\u2019&-]+[ \t|]+){{0,5}}?(?P<label>{_LABEL})\b(?:[ \t|]+[\w'\u2019&-]+){{0,5}}[ \t]*"
    rf"[(|]\s*{_PERCENT}\s*\)?[ \t|]*$",
    re.IGNORECASE | re.MULTILINE,
)
_MAIN_GROUPS = {
    "quality": "quality",
    "price": "price",
    "cost": "price",
    "social value": "social value",
    "social-value": "social value",
}
_NAMES_CRITERIA = patterns.compile(
    r"\b(?:evaluat\w*|award criteria|assess\w*|scor\w*|mark\w*)\b[^.\n]{0,120}\b(?:quality|social "
    r"value)\b[^.\n]{0,80}\b(?:price|cost)\b"
    r"|\b(?:evaluat\w*|award criteria|assess\w*|scor\w*)\b[^.\n]{0,120}\b(?:price|"
    r"cost)\b[^.\n]{0,80}\b(?:quality|social value)\b",
    re.IGNORECASE,
)
_WEIGHTS_WITHHELD = patterns.compile(
    r"\bweightings?\b[^.\n]{0,60}\b(?:will be|are)\s+(?:confirmed|published|provided|shared|released|decided|set)\s+"
    r"(?:later|at a later (?:date|stage)|after|once)|\bweightings?\b[^.\n]{0,40}\b(?:will not be|are "
    r"not)\s+(?:disclosed|published|shared)",
    re.IGNORECASE,
)
_WEIGHT_WORD = patterns.compile(r"weight", re.IGNORECASE)
SOURCE_WEIGHTS = "Procure: Timing \u2014 Transparency (state the weight given to cost and quality)"
SOURCE_SOCIAL = "Design: Financial Considerations \u2014 Investing Locally (procurement for social impact)"
SOURCE_PRICE = "Design: Financial Considerations \u2014 Quality over growth"


@dataclass(frozen=True)
class Weight:
    label: str
    group: str | None
    value: float
    start: int
    end: int


def find_weights(text: str) -> list[Weight]:
    found: dict[int, Weight] = {}
    for pattern in (_WEIGHT, _TITLED):
        for match in pattern.finditer(text):
            label = match.group("label").lower()
            value = float(match.group("value"))
            # One weight per percentage, whichever pattern read it first.
            if value > 100 or match.start("value") in found:
                continue
            start = match.start() if pattern is _WEIGHT else match.start("label")
            end = match.end() if pattern is _WEIGHT else match.end("value") + 1
            found[match.start("value")] = Weight(label, _MAIN_GROUPS.get(label), value, start, min(end, len(text)))
    return sorted(found.values(), key=lambda weight: weight.start)


def _blocks(text: str, weights: list[Weight]) -> list[list[Weight]]:
    """Weights close together (no more than one blank line of prose between them) form one scheme."""
    blocks: list[list[Weight]] = []
    for weight in weights:
        if blocks and weight.start - blocks[-1][-1].end <= 400:
            blocks[-1].append(weight)
        else:
            blocks.append([weight])
    return blocks


def _fmt(value: float) -> str:
    return f"{value:g}%"


def check(text: str) -> list[Finding]:
    findings: list[Finding] = []
    weights = find_weights(text)
    if not weights:
        for match in _WEIGHTS_WITHHELD.finditer(text):
            findings.append(
                _not_stated(match.start(), match.end(), "says the weights will be given later or not at all")
            )
        if not findings:
            named = _NAMES_CRITERIA.search(text)
            if named and not _WEIGHT_WORD.search(named.group(0)):
                findings.append(
                    _not_stated(named.start(), named.end(), "names the award criteria but gives no weights")
                )
        return findings
    for block in _blocks(text, weights):
        groups: dict[str, list[Weight]] = {}
        for weight in block:
            if weight.group:
                groups.setdefault(weight.group, []).append(weight)
        if any(len({w.value for w in items}) > 1 for items in groups.values()):
            continue  # the same group weighted twice (for example two lots): too unclear to judge
        main = {group: items[0] for group, items in groups.items()}
        total_all = sum(weight.value for weight in block)
        total_main = sum(weight.value for weight in main.values())
        if len(block) >= 2 and abs(total_all - 100) > 0.01 and abs(total_main - 100) > 0.01:
            findings.append(
                make_finding(
                    "TL04",
                    block[0].start,
                    block[-1].end,
                    message=(
                        f"The weights here add up to {_fmt(total_all)}, not 100%. Bidders cannot tell how "
                        "their answers will be balanced."
                    ),
                    suggestion="Check the weights and make the main groups add up to exactly 100%.",
                    source=SOURCE_WEIGHTS,
                )
            )
        if "price" in main and main["price"].value > 40:
            price = main["price"]
            findings.append(
                make_finding(
                    "TL06",
                    price.start,
                    price.end,
                    message=(
                        f"Price is weighted at {_fmt(price.value)}. Above 40%, cheaper bids can beat better "
                        "ones and push providers to cut the support that keeps people safe."
                    ),
                    suggestion="Weight price at 40% or less, and give the rest to quality and social value.",
                    source=SOURCE_PRICE,
                )
            )
        if "quality" in main or "price" in main:
            social = main.get("social value")
            # One weight on its own ("Quality of support (45%)") is not a scheme to judge for what it lacks.
            if social is None and len(block) >= 2:
                findings.append(
                    make_finding(
                        "TL05",
                        block[0].start,
                        block[-1].end,
                        message="These weights give nothing to social value, so the good a bid does locally "
                        "cannot count.",
                        suggestion="Add a social value criterion worth at least 10%.",
                        source=SOURCE_SOCIAL,
                    )
                )
            elif social is not None and social.value < 10:
                findings.append(
                    make_finding(
                        "TL05",
                        social.start,
                        social.end,
                        message=f"Social value is weighted at only {_fmt(social.value)}, below the 10% minimum.",
                        suggestion="Weight social value at 10% or more, or record why a lower weight is right here.",
                        source=SOURCE_SOCIAL,
                    )
                )
    return findings


def _not_stated(start: int, end: int, what: str) -> Finding:
    return make_finding(
        "TL04",
        start,
        end,
        message=f"This {what}. Bidders cannot plan their answers without knowing what counts most.",
        suggestion='State a weight for every criterion, for example "Quality 60%, Social value 10%, Price 30%".',
        source=SOURCE_WEIGHTS,
    )

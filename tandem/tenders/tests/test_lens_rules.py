"""Each implemented code: a passage that must fire (exact span checked) and a near miss that must not."""

import pytest

from tandem.tenders.lens import CATALOGUE, review_text

FIRES = [
    ("TL01", "Please return the completed ITT to the council by noon.", "ITT"),
    ("TL01", "Providers must report each KPI every quarter.", "KPI"),
    ("TL04", "Award criteria: Quality 60%, Social value 10%, Price 20%.", "Quality 60%, Social value 10%, Price 20%"),
    (
        "TL04",
        "Bids will be evaluated on quality, social value and price.",
        "evaluated on quality, social value and price",
    ),
    ("TL05", "Quality 55%\nSocial value 5%\nPrice 40%", "Social value 5%"),
    ("TL05", "Weighting: Quality 70%, Price 30%.", "Quality 70%, Price 30%"),
    ("TL06", "| Quality | 40% |\n| Social value | 10% |\n| Price | 50% |", "Price | 50%"),
    (
        "TL07",
        "Tender published: 2 February 2026\nDeadline for submissions: 16 February 2026",
        "16 February 2026",
    ),
    ("TL07", "Providers will have just one week to submit their bids.", "have just one week"),
    (
        "TL08",
        "The opportunity is published on 1 December 2026. Completed bids must be submitted by 8 January 2027.",
        "8 January 2027",
    ),
    ("TL08", "Submission deadline: 26/03/2027", "26/03/2027"),  # Good Friday 2027 (Easter Sunday is 28 March)
    ("TL09", "All grant funds must be spent by 31 March 2027.", "by 31 March 2027"),
    ("TL09", "Closing date for applications: Friday 12 March 2027", "Friday 12 March 2027"),
    ("TL13", "The service will work with hard to reach families in the borough.", "hard to reach"),
    ("TL13", "Many young people have failed to engage with earlier support.", "failed to engage"),
    ("TL16", "Unsuccessful applicants will not receive feedback on their bids.", "will not receive feedback"),
    (
        "TL16",
        "Feedback may be given at the sole discretion of the council.",
        "Feedback may be given at the sole discretion of the council",
    ),
    (
        "TL17",
        "Clarification questions will be published on the portal with the name of the organisation that asked.",
        "with the name of the organisation",
    ),
    (
        "TL17",
        "Questions may only be asked through the public message board.",
        "only be asked through the public message board",
    ),
    ("TL18", "All participants will secure paid work within six months.", "All participants will secure"),
    ("TL18", "The provider will deliver zero hospital admissions.", "zero hospital admissions"),
    ("TL19", "This domestic abuse recovery service is offered as a 12-month contract.", "12-month"),
    (
        "TL20",
        "The contract runs for three years. Prices will remain fixed for the duration of the contract.",
        "Prices will remain fixed",
    ),
    ("TL21", "Any underspend will be clawed back at the end of the year.", "Any underspend will be clawed back"),
]

NEAR_MISSES = [
    ("TL01", "This Invitation to Tender (ITT) sets out the KPIs (key performance indicators). See Q3 and CP2072."),
    ("TL01", "The NHS trust pays VAT. Send your CV as a PDF. You MUST reply."),
    ("TL04", "Award criteria: Quality 60%, Social value 10%, Price 30%."),
    ("TL04", "Quality 60% (Method statement 30%, Staffing 30%), Social value 10%, Price 30%."),
    ("TL04", "We aim for a 10% reduction in cost. VAT is charged at 20%."),
    ("TL05", "Quality 60%, Social value 10%, Price 30%."),
    ("TL06", "Quality 50%, Social value 10%, Price 40%."),
    ("TL07", "Tender published: 2 February 2026\nDeadline for submissions: 13 March 2026"),
    ("TL07", "Referrals must be answered within 5 working days of receipt."),
    ("TL08", "Published: 1 June 2026\nClarification deadline: 10 June 2026\nSubmission deadline: 10 July 2026"),
    ("TL09", "Our financial year runs from 1 April to 31 March."),
    ("TL13", "Non-compliant bids will be rejected. Outreach covers hard-to-reach rural areas."),
    ("TL16", "All applicants will receive written feedback within four weeks. We will not give feedback by telephone."),
    (
        "TL17",
        "Clarification questions will be shared with all bidders without the name of the organisation that asked.",
    ),
    ("TL18", "All clients will be offered a choice of worker. We expect most people to report better wellbeing."),
    ("TL19", "This domestic abuse service is a 12-month contract with the option to extend for a further 24 months."),
    ("TL20", "The contract runs for three years. Prices will be reviewed annually in line with CPI."),
    ("TL21", "There is no penalty for underspend; we will agree with you how any underspend is used."),
    ("TL22", "Please send your bid by email. Keep each answer short. We read every word."),
]


@pytest.mark.parametrize(("code", "text", "span"), FIRES)
def test_code_fires_on_the_exact_words(code, text, span):
    findings = [f for f in review_text(text) if f.code == code]
    assert findings, f"{code} did not fire on {text!r}"
    assert span in [text[f.start : f.end] for f in findings]


@pytest.mark.parametrize(("code", "text"), NEAR_MISSES)
def test_near_miss_does_not_fire(code, text):
    assert [text[f.start : f.end] for f in review_text(text) if f.code == code] == []


def test_long_sentence_is_hard_to_read():
    sentence = (
        "The provider will be expected to work closely with the council and with all partner agencies across the "
        "borough, including health, housing, police and voluntary sector partners, in order to make sure that "
        "every person referred receives a joined-up offer of support without delay."
    )
    text = "Introduction. " + sentence
    findings = [f for f in review_text(text) if f.code == "TL22"]
    assert [text[f.start : f.end] for f in findings] == [sentence]


def test_dense_paragraph_is_hard_to_read():
    text = (
        "Organisational accountability for multidisciplinary safeguarding considerations necessitates comprehensive "
        "documentation. Contractual performance indicators incorporate quantitative and qualitative methodologies. "
        "Interoperability requirements encompass information governance, confidentiality, and proportionality "
        "obligations. Subcontractor arrangements necessitate demonstrable organisational capability, financial "
        "sustainability, and appropriate professional accreditation. Commissioners anticipate considerable "
        "collaborative engagement throughout implementation and mobilisation. Administrative documentation "
        "requirements necessitate considerable organisational investment. Multidisciplinary accountability "
        "mechanisms incorporate independent verification."
    )
    findings = [f for f in review_text(text) if f.code == "TL22"]
    assert [(f.start, f.end) for f in findings] == [(0, len(text))]


def test_findings_carry_catalogue_fields_and_a_source():
    text = "Please return the completed ITT by noon."
    (finding,) = review_text(text)
    entry = CATALOGUE["TL01"]
    assert (finding.name, finding.severity, finding.principles) == (entry.name, entry.severity, entry.principles)
    assert finding.source.startswith("000_6fbddd7eb558c3a8.txt, Procure")
    assert finding.message and finding.suggestion
    assert finding.as_dict()["principles"] == list(entry.principles)

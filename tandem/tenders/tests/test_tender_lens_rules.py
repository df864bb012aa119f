"""Each implemented code: a passage that must fire (exact span checked) and a near miss that must not."""

import pytest

from tandem.tenders.tender_lens import CATALOGUE, IMPLEMENTED_CODES, review_text
from tandem.tenders.tender_lens.rules.reporting import stated_amounts

FIRES = [
    (
        "TL16",
        "Feedback will be given at the Council's discretion.",
        "Feedback will be given at the Council's discretion",
    ),
    (
        "TL17",
        "All clarification questions must be asked through the public forum.",
        "must be asked through the public forum",
    ),
    ("TL18", "All clients will be sober within six months.", "All clients will be sober"),
    ("TL13", "Young carers are often hidden at home; they are hard to reach.", "hard to reach"),
    ("TL01", "Please return the completed ITT to the council by noon.", "ITT"),
    ("TL01", "Providers must report each KPI every quarter.", "KPI"),
    (
        "TL02",
        "Applicants must also provide a list of the five highest-paid roles.",
        "provide a list of the five highest-paid roles",
    ),
    ("TL02", "Please attach a copy of your safeguarding policy.", "attach a copy of your safeguarding policy"),
    ("TL02", "Please send us CVs for the project manager and lead worker.", "send us CVs"),
    ("TL02", "Please provide your equality and diversity policy.", "provide your equality and diversity policy"),
    ("TL03", "Please upload your latest annual accounts.", "upload your latest annual accounts"),
    ("TL03", "Please provide a list of all trustees with their home addresses.", "home addresses"),
    (
        "TL03",
        "Bidders must submit three years of audited accounts and bank statements with their first-stage bid.",
        "submit three years of audited accounts",
    ),
    (
        "TL03",
        "All applicants must submit audited accounts for the last three years with the application form.",
        "submit audited accounts",
    ),
    (
        "TL03",
        "Bank statements for the last six months must be provided by all applicants.",
        "Bank statements for the last six months must be provided",
    ),
    (
        "TL03",
        "Please submit details of all safeguarding incidents in the last three years.",
        "submit details of all safeguarding incidents",
    ),
    ("TL03", "Provide the dates of birth and home addresses of all trustees.", "Provide the dates of birth"),
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
        "TL06",
        "| Quality | Safety of support | 40%\n| Social value | Local jobs | 10%\n| Price | Cost per year | 50%",
        "Price | Cost per year | 50%",
    ),
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
    # Several dates in one paragraph: the deadline is the date in the sentence about submitting, not the
    # contract start after it, and the clarification sentence before it lends it nothing.
    (
        "TL08",
        "The opportunity will be published on 10 March 2027. Clarification questions close on 17 March 2027. "
        "Tenders must be submitted by 12 noon on 14 April 2027. The contract starts on 1 October 2027.",
        "14 April 2027",
    ),
    ("TL09", "All grant funds must be spent by 31 March 2027.", "by 31 March 2027"),
    ("TL09", "Closing date for applications: Friday 12 March 2027", "Friday 12 March 2027"),
    (
        "TL10",
        "Grants of up to \u00a310,000 are available. Grant holders must send monthly monitoring returns on our own "
        "reporting template.",
        "monthly monitoring returns",
    ),
    ("TL13", "The service will work with hard to reach families in the borough.", "hard to reach"),
    ("TL13", "Many young people have failed to engage with earlier support.", "failed to engage"),
    (
        "TL14",
        "A full trauma history will be taken at the first appointment.",
        "full trauma history will be taken at the first appointment",
    ),
    ("TL14", "Clients must disclose details of the abuse before support starts.", "must disclose details of the abuse"),
    (
        "TL14",
        "Every referral will complete a detailed needs assessment at the first meeting.",
        "detailed needs assessment at the first meeting",
    ),
    (
        "TL14",
        "Adverse childhood experiences questionnaires will be completed with all clients.",
        "Adverse childhood experiences questionnaires will be completed with all clients",
    ),
    ("TL15", "We will only fund new and innovative projects.", "will only fund new and innovative projects"),
    ("TL15", "We will not fund existing services.", "will not fund existing services"),
    ("TL15", "Projects must be genuinely innovative.", "Projects must be genuinely innovative"),
    (
        "TL15",
        "The grant cannot be used to continue existing work.",
        "cannot be used to continue existing work",
    ),
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
    (
        "TL20",
        "The contract will run for three years at a fixed price of £600,000 a year.",
        "at a fixed price",
    ),
    (
        "TL20",
        "The agreement will be delivered over the three years from April. Prices are fixed.",
        "Prices are fixed",
    ),
    ("TL21", "Any underspend will be clawed back at the end of the year.", "Any underspend will be clawed back"),
]

NEAR_MISSES = [
    # Describing services as hard to reach, or naming a label in order to move away from it, is not deficit language.
    ("TL13", "Many services are hard to reach for people in rural areas."),
    ("TL13", 'We will support families who have been called "troubled families" to tell their own story.'),
    ("TL13", "Some women told us they had been labelled as manipulative by past services."),
    ("TL01", "This Invitation to Tender (ITT) sets out the KPIs (key performance indicators). See Q3 and CP2072."),
    ("TL01", "The NHS trust pays VAT. Send your CV as a PDF. You MUST reply."),
    ("TL01", "A Multi-Agency Risk Assessment Conference (MARAC) meets monthly. Each MARAC lasts a morning."),
    ("TL02", "Please provide a copy of your safeguarding policy so that we can check it covers lone working."),
    ("TL03", "Shortlisted bidders must submit three years of audited accounts so that we can check they are stable."),
    ("TL03", "Please provide a list of your trustees so we can check eligibility; we never ask for home addresses."),
    ("TL02", "Provide a copy of your safeguarding policy. We use it to check that staff know who to call."),
    ("TL02", "Tell us your organisation's name, address and main contact. Provide your registered charity number."),
    ("TL02", "Do you have a safeguarding policy? (yes or no)"),
    ("TL02", "The provider will submit quarterly monitoring reports and an annual report."),
    ("TL02", "We do not need copies of your policies at this stage."),
    ("TL03", "Shortlisted applicants will be asked to provide full audited accounts and bank statements."),
    ("TL03", "Please provide your annual accounts if you are invited to the second stage."),
    ("TL03", "We will never ask for the home addresses of staff."),
    ("TL04", "Award criteria: Quality 60%, Social value 10%, Price 30%."),
    ("TL04", "Quality 60% (Method statement 30%, Staffing 30%), Social value 10%, Price 30%."),
    ("TL04", "We aim for a 10% reduction in cost. VAT is charged at 20%."),
    ("TL05", "Quality 60%, Social value 10%, Price 30%."),
    ("TL06", "Quality 50%, Social value 10%, Price 40%."),
    # Weights after a criterion's title, in a table with a group column or in headings: all three count.
    (
        "TL05",
        "| Quality | Safety and quality of support | 60%\n| Social value | Social value in Anyborough | 10%\n"
        "| Price | Price | 30%",
    ),
    ("TL04", "Safety and quality of support (60%)\n\nSocial value in Anyborough (10%)\n\nPrice (30%)"),
    # A percentage at the end of a line of prose is not a weight.
    ("TL04", "Quality 60%, social value 10%, price 30%.\n\nWe expect quality of life to improve for most people (80%)"),
    ("TL07", "Tender published: 2 February 2026\nDeadline for submissions: 13 March 2026"),
    ("TL07", "Referrals must be answered within 5 working days of receipt."),
    ("TL08", "Published: 1 June 2026\nClarification deadline: 10 June 2026\nSubmission deadline: 10 July 2026"),
    ("TL09", "Our financial year runs from 1 April to 31 March."),
    ("TL10", "Grants of up to \u00a310,000 are available. Grant holders send a short report each quarter."),
    ("TL10", "The contract is worth \u00a32.4 million. The provider will send monthly performance reports."),
    ("TL10", "Monthly reports are not needed: we will use the reports you already write for your board."),
    ("TL10", "We will ask for monthly monitoring returns."),  # no value and no stated amount: not clear enough
    ("TL13", "Non-compliant bids will be rejected. Outreach covers hard-to-reach rural areas."),
    ("TL14", "A full risk assessment is completed at first contact, using the standard safety checklist."),
    ("TL14", "People will not be asked to retell their story at first contact."),
    ("TL14", "A fuller assessment happens later, once trust is built, at the person's own pace."),
    ("TL14", "Workers will record a detailed history of the referral route in the case file."),
    ("TL15", "We welcome both new ideas and established services that work."),
    ("TL15", "Funding must not be used to replace statutory services."),
    ("TL15", "Projects must be new to the area or reach new people."),
    ("TL15", "We will fund new and existing services. Innovative approaches are welcome."),
    ("TL16", "All applicants will receive written feedback within four weeks. We will not give feedback by telephone."),
    (
        "TL17",
        "Clarification questions will be shared with all bidders without the name of the organisation that asked.",
    ),
    ("TL18", "All clients will be offered a choice of worker. We expect most people to report better wellbeing."),
    ("TL19", "This domestic abuse service is a 12-month contract with the option to extend for a further 24 months."),
    # A notice period or a review point in a three-year domestic abuse contract is not its term.
    ("TL19", "When the domestic abuse contract ends we will give six months' notice and agree a transition plan."),
    ("TL19", "The domestic abuse contract is reviewed twice a year with the provider."),
    ("TL19", "The recovery service contract will run for three years at a fixed price of £600,000 a year."),
    ("TL19", "The trauma counselling grant is £40,000 a year."),
    ("TL19", "We will decide on the extension of the domestic abuse contract 12 months before the end."),
    ("TL20", "The contract runs for three years. Prices will be reviewed annually in line with CPI."),
    # Issue 10, item 17: a contract of 12 months or less is not told its price stays the same for years.
    ("TL20", "The contract runs for 12 months. Prices will remain fixed for the duration of the contract."),
    ("TL20", "This is a one-year grant at a fixed price. Workers need at least two years' experience."),
    ("TL20", "The 12-month contract is at a fixed price. Staff need two years of experience in youth work."),
    ("TL20", "The pilot lasts six months at a fixed fee. We will decide what comes next after three years."),
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


def test_every_excerpt_code_has_a_passage_that_fires_and_a_near_miss():
    excerpt_codes = {code for code, entry in CATALOGUE.items() if not entry.whole}
    assert {code for code, _, _ in FIRES} | {"TL22"} == excerpt_codes
    assert {code for code, _ in NEAR_MISSES} == excerpt_codes
    assert set(CATALOGUE) == IMPLEMENTED_CODES


REPORTS = "Grant holders will send monthly reports, quarterly reports and an end-of-grant report."


@pytest.mark.parametrize(
    ("value", "fires"),
    [(None, False), (8_000, True), (100_000, True), (100_001, False), (2_000_000, False)],
)
def test_reporting_burden_is_weighed_against_the_value(value, fires):
    findings = [f for f in review_text(REPORTS, value=value) if f.code == "TL10"]
    assert [REPORTS[f.start : f.end] for f in findings] == (["monthly reports"] if fires else [])


def test_several_separate_reports_on_a_small_grant():
    text = "You will send quarterly reports, an annual report, case studies and an end-of-grant report."
    (finding,) = [f for f in review_text(text, value=20_000) if f.code == "TL10"]
    assert text[finding.start : finding.end] == "quarterly reports"
    assert "\u00a320,000" in finding.message
    assert [f.code for f in review_text("You will send quarterly reports.", value=20_000)] == []


def test_stated_amounts():
    assert stated_amounts("Grants of \u00a35,000 to \u00a320k, and a fund of \u00a31.5 million.") == [
        5_000,
        20_000,
        1_500_000,
    ]


def test_a_table_is_not_judged_as_a_hard_to_read_paragraph():
    rows = "\n".join(f"| Step {n} of the timetable for the tender | Not written yet" for n in range(1, 13))
    assert [f for f in review_text(rows) if f.code == "TL22"] == []

"""The draft legal memo (engine/outputs/context.py, markdown.py and templates/): its sections, its
conclusion first, its protection of witnesses, its determinism, its strictness about template
variables, the grouped open questions, and the accounts side by side."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from engine import api, rulebook
from engine.outputs import context as render_context, markdown
from engine.facts import AT_TIME, catalogue
from engine.load import parse_text

EXAMPLES = sorted(Path(__file__).resolve().parent.parent.joinpath("examples").glob("**/*.yaml"))

# A fake name that must never reach the memo: it is in the witness source's title, author and note.
WITNESS_NAME = "Zubayda Qaramanli-Testname"

BASE = f"""\
schema_version: 1
incident:
  id: test-memo
  title: Strike on a house in a test town
  case: Test case
  when: {{date: 2017-06-28, time: "19:30", precision: minute, sources: [S1]}}
  place: {{name: A family house, locality: Testtown, country: Syria}}
  conflict:
    classification: {{value: NIAC, sources: [S1]}}
    territorial_state: Syria
  attacker: {{party: US-led Coalition, states: [United States, United Kingdom]}}
  attack: {{type: air_strike, weapon: {{accuracy_m: {{value: 100, sources: [S1]}}}}}}
  object_struck: {{description: A privately owned house, sources: [S1]}}
  civilians:
    present: {{value: true, sources: [W1, S1], attacker_knowledge: should_have_known}}
    populated_area: {{value: true, sources: [S1]}}
  precautions:
    warning:
      given: {{value: false, sources: [W1]}}
  outcome:
    civilians_killed: {{value: {{min: 8, max: 8}}, sources: [S1], found_afterwards: true}}
sources:
  - {{id: S1, type: ngo_report, title: NGO report on the test strike, reliability: high, date: 2018-06-05, locator: p. 17}}
  - id: W1
    type: witness_interview
    title: Interview with {WITNESS_NAME}
    author: Interviewer who knows {WITNESS_NAME}
    note: Lives next to {WITNESS_NAME}'s shop
    pseudonym: Witness A
    reliability: medium
    date: 2018-02-07
"""

ACCOUNTS = """\
accounts:
  - name: attacker
    held_by: The attacking forces
    facts:
      precautions.cancel_or_suspend.became_apparent: {value: false, sources: [S1]}
  - name: survivors
    held_by: Survivors and monitors
    facts:
      precautions.cancel_or_suspend.became_apparent: {value: true, sources: [W1]}
      precautions.cancel_or_suspend.cancelled_or_suspended: {value: false, sources: [W1]}
"""

SECTIONS = [
    "# Draft legal memo — Strike on a house in a test town",
    "## Conclusion",
    "## Findings at a glance",
    "## The incident",
    "## Recorded facts",
    "## Knowledge at the time",
    "## Applicable law",
    "## Analysis",
    "## Open questions",
    "## Annex: sources",
]


def _with_accounts(text: str) -> str:
    """Insert the accounts block before the sources."""
    return text.replace("sources:\n  - {id: S1", ACCOUNTS + "sources:\n  - {id: S1", 1)


@pytest.fixture(scope="module")
def single() -> tuple[object, str]:
    loaded = parse_text(BASE, "test.yaml")
    return loaded, api.memo(loaded)


@pytest.fixture(scope="module")
def two_accounts() -> str:
    return api.memo(parse_text(_with_accounts(BASE), "test.yaml"))


def test_sections_present_in_order(single):
    _, memo = single
    positions = [memo.index(heading) for heading in SECTIONS]
    assert positions == sorted(positions)
    assert "## Accounts side by side" not in memo  # only with several accounts


def test_conclusion_comes_first_and_says_what_would_change_it(single):
    _, memo = single
    first = memo.split("\n## ")[1]
    # No warning was given (a witness): violation indicated prima facie, unless circumstances did not permit one.
    assert first.startswith("Conclusion\n\nOf the 15 legal questions the engine asks, the recorded facts indicate a "
                            "violation on 1 (Effective advance warning), under the rules on precautions in attack, "
                            "prima facie, on evidence meeting the standard of \"reasonable basis to "
                            "believe\"; 14 remain open for want of facts.")
    assert "The record indicates a violation on either hypothesis, whether or not the target was lawful (see Either-or)." in first
    # the prima facie finding read as a lawyer would say it, with the exception the attacker bears in words
    assert ("Effective advance warning: violation indicated, prima facie, unless the attacker shows an exception it "
            "bears (circumstances did not permit a warning).") in first
    assert "Every finding rests on the attack being attributed to US-led Coalition, which the record does not establish." in first
    assert "precautions.warning" not in first
    # Protocol III binds both attacking states (the United States and the United Kingdom) on the day.
    assert "The law applied is customary IHL and CCW Protocol III in a non-international armed conflict (NIAC)." in first
    assert "What would most change this assessment: kind of target (object or persons) (Q1);" in first
    assert memo.index("**DRAFT — not a legal determination.**") < memo.index("## Conclusion")


def test_conclusion_names_violations_principles_and_standard(two_accounts):
    conclusion = two_accounts[two_accounts.index("## Conclusion"):two_accounts.index("## Findings at a glance")]
    assert ("On the account held by Survivors and monitors (survivors), of the 15 legal questions the engine asks, "
            "the recorded facts indicate a violation on 2 (Cancelling or suspending the attack; Effective advance "
            "warning), under the rules on precautions in attack, prima facie for Effective advance warning, on "
            "evidence meeting the standard of \"reasonable basis to believe\"; 13 remain open for want of facts.") in conclusion
    assert "On the account held by The attacking forces (attacker)" in conclusion
    assert "1 does not apply; 13 remain open" in conclusion


def test_incident_gives_time_with_precision_place_and_attacker(single):
    _, memo = single
    assert "28 June 2017, at 19:30 local time (to the minute) ([S1](#source-1))" in memo
    assert "A family house, Testtown, Syria" in memo
    assert "US-led Coalition (states: United States, United Kingdom)" in memo
    assert "- **Case:** Test case" in memo


def test_witness_named_only_by_pseudonym(single):
    _, memo = single
    assert WITNESS_NAME not in memo
    assert "Testname" not in memo
    assert "Witness A" in memo
    # cited by pseudonym next to the facts it supports, and in the annex without title or author
    assert "| Advance warning given | no ([Witness A](#source-2)) |" in memo
    annex = memo[memo.index("## Annex: sources"):]
    assert "| Witness A | witness interview | medium | 2018-02-07 | Witness; identity withheld | — |" in annex
    assert "NGO report on the test strike" in annex  # other sources keep their title


def test_witness_id_is_replaced_by_the_pseudonym_everywhere():
    # An id that names the witness, and an extra witness source no fact cites (the load warns about it).
    text = BASE.replace("[W1", "[Wzubayda").replace("id: W1", "id: Wzubayda") + (
        "  - {id: Wqaramanli, type: witness_interview, title: Talk with Qaramanli, pseudonym: Witness B}\n"
    )
    loaded = parse_text(text, "test.yaml")
    assert [w.message for w in loaded.warnings] == ["source witness 'Witness B' (sources.2) is not cited by any fact"]
    memo = api.memo(loaded)
    assert "Wzubayda" not in memo and "Wqaramanli" not in memo and "Qaramanli" not in memo
    assert "Witness A" in memo and "Witness B" in memo


def test_every_fact_cites_its_sources(single):
    _, memo = single
    facts = memo[memo.index("## Recorded facts"):memo.index("## Knowledge at the time")]
    assert "| Civilians present | yes ([Witness A](#source-2), [S1](#source-1)) |" in facts
    assert "| Weapon accuracy (margin of error, e.g. CEP) | 100 m ([S1](#source-1)) |" in facts
    assert "| Civilians killed | 8 ([S1](#source-1)) | (found afterwards) |" in facts
    assert "- **Object struck:** A privately owned house ([S1](#source-1))" in memo


def test_notes_on_unknown_facts_are_shown_where_the_fact_is_asked_for():
    text = BASE.replace("  precautions:\n", "  precautions:\n    cancel_or_suspend:\n      became_apparent: "
                        "{value: null, note: No source says whether the pilot saw the people}\n", 1)
    memo = api.memo(parse_text(text, "test.yaml"))
    questions = memo[memo.index("## Open questions"):]
    assert ("it became apparent that the attack should be cancelled or suspended (recorded so far: No source says "
            "whether the pilot saw the people);") in questions
    facts = memo[memo.index("## Recorded facts"):memo.index("## Knowledge at the time")]
    assert "No source says" not in facts  # said once, where the fact is asked for
    assert memo.count("No source says whether the pilot saw the people") == 1


def test_knowledge_at_the_time(single):
    _, memo = single
    section = memo[memo.index("## Knowledge at the time"):memo.index("## Applicable law")]
    assert "| Civilians present | should have known | known or foreseeable |" in section
    assert "Found only after the attack (evidence of what was foreseeable, not the test): Civilians killed ([S1](#source-1))." in section


def test_applicable_law_said_once_with_what_is_not_cited(single):
    loaded, memo = single
    section = memo[memo.index("## Applicable law"):memo.index("## Analysis")]
    assert "non-international armed conflict (NIAC)" in section
    # Coalition states on Syria's territory: the contested IAC-with-Syria view is said with the AP I line
    assert "| AP I | no | AP I applies only in international armed conflict; contested: " in section
    assert "- **AP I not cited:** 48, 51(2), 52(1)," in section  # the reason is the table's
    assert "on that view AP I could bind United Kingdom in that conflict, Syria being a party too" in section
    # each attacking state's treaty status, with its treaty-data sources, in the one law table (no annex)
    assert "## Annex: treaty status" not in memo
    # without a forum no war crime is set out, so the Rome Statute bears on no finding shown (its row: below)
    assert "| Rome Statute |" not in section
    as_of = api.assess(loaded)[0].law["treaty_data_as_of"]
    assert f"Treaty data as of {as_of}" in section and memo.count("Treaty data as of") == 1
    assert "| CCM | undetermined | " in section and "United States: not party (no source; unverified)" in section
    # instruments no finding shown rests on are named in one line (no medical unit or cultural property here)
    assert ("Also checked, not in play here (no finding shown rests on them): Rome Statute, GC I, GC IV, Hague 1954, "
            "Hague Second Protocol.") in section
    # the Rome Statute is in play where the elements of war crimes are set out
    icc = api.memo(loaded, run=api.Settings(forum="icc"))
    icc = icc[icc.index("## Applicable law"):icc.index("## Analysis")]
    assert "| Rome Statute | undetermined | United Kingdom party: the ICC may have jurisdiction" in icc
    assert "United States: signature withdrawn (treaty data S48); United Kingdom: party, in force from 2002-07-01 (treaty data S49, S50) |" in icc
    assert "Also checked, not in play here (no finding shown rests on them): GC I, GC IV, Hague 1954, Hague Second Protocol." in icc
    assert "| GC I |" not in section and "| Hague 1954 |" not in section
    # said once: never per finding
    assert memo.count("AP I applies only in international armed conflict") == 1  # the table row


def test_hedged_tone_and_proportionality_caveat(single):
    _, memo = single
    assert "The engine does not weigh proportionality itself" in memo
    assert "A drafting aid produced by a rules engine for a lawyer's review." in memo
    assert "committed" not in memo


def test_analysis_has_status_citations_and_missing_questions(single):
    loaded, memo = single
    analysis = memo[memo.index("## Analysis"):memo.index("## Open questions")]
    assessment = api.assess(loaded)[0]
    special = {p.principle for p in rulebook.load().principles if p.special}
    for finding in assessment.findings:
        # Findings against the defending party appear only where its conduct is recorded (not here); a
        # special protection regime has its section only where the record brings it into play.
        shown = finding.against == "attacker" and finding.principle not in special
        # a decided finding in full, under its own heading; an open one in one line
        assert (f"#### {finding.title}\n" in analysis) == (shown and finding.status != "inconclusive")
        assert (f"- **{finding.title}** — inconclusive" in analysis) == (shown and finding.status == "inconclusive")  # one account here
    # Nothing says what was struck or whether the attack came in several passes: the memo says so.
    assert ("**Special protection.** No special protection regime is shown to apply. Whether Medical units and "
            "transports; ") in analysis
    assert "is open: The record does not say what kind of object was struck." in analysis
    assert ("- **Attack directed at a lawful target** — inconclusive; missing to decide: Q1–Q5, ") in analysis
    assert "Q40. Cited: CIHL Rule 1; CIHL Rule 7. Contested: C1.\n" in analysis
    assert analysis.count("A finding marked inconclusive is one the record does not decide") == 1
    assert "No lawful target has been established" not in analysis  # the rule's words for an open finding: `ihl assess`
    # a contested point is summed up once, under Applicable law, where it bears on a decided finding; the
    # others are named there; the full texts are the standing reference, never the memo
    law = memo[memo.index("## Applicable law"):memo.index("## Analysis")]
    assert ("(docs/contested-points.md in ihl-engine), where each point stands under the title of the finding or element "
            "that names it here; attach it to this memo for a reader without the engine.") in law and "## Annex: contested points" not in memo
    assert ("- **C6** (Effective advance warning). Who must show that circumstances did not permit a warning. "
            "Applied: the attacker,") in law
    assert ("C1–C5, C7–C9 bear only on findings not decided here (each names its point): each is set out in that "
            "reference.") in law  # no forum: no war crime, so none of the crimes' points
    assert "Who bears the burden of a mistake about the target" not in memo  # C1 bears on no decided finding
    # C6's brief above names its decided finding: the finding does not name it again
    assert "Contested:** C6" not in analysis and "C6." not in analysis
    for n in [*range(1, 6), *range(7, 10)]:
        assert len(re.findall(rf"(?:\*\*Contested:\*\*|Contested:|contested:) C{n}\b", analysis)) >= 1
    # an open finding lists what would decide it, not the recorded facts (those are under Recorded facts)
    distinction = analysis[:analysis.index("### Indiscriminate attacks")]
    assert "— inconclusive;" in distinction and "Facts relied on" not in distinction
    assert "ihl trace" not in analysis  # said once, in the footer
    assert memo.count("`ihl trace` test.yaml") == 1 and "derivation: `ihl trace` test.yaml.*" in memo.splitlines()[-1]


def test_decided_finding_shows_its_standard_of_proof(two_accounts):
    analysis = two_accounts[two_accounts.index("## Analysis"):two_accounts.index("## Accounts side by side")]
    assert "**Account survivors — Violation indicated.**" in analysis
    assert "- **Standard of proof:** reasonable basis to believe; the facts are" in analysis
    # the weakest facts are named only where they are not every fact the finding relies on
    memo = api.memo(api.load(next(p for p in EXAMPLES if p.name == "a1-aswad-2017-06-28.yaml")))
    warning = memo[memo.index("#### Effective advance warning"):memo.index("- **Choice between military objectives**")]
    assert "(or several that derive from one) (every fact relied on alike).\n" in warning and "weakest" not in warning
    assert ("- **Facts relied on:** Category of the object struck: **residential building**; Civilians present: **yes**; "
            "Presence of civilians observable: **yes**; Advance warning given: **no**.") in warning


def test_open_questions_key_first_then_grouped(single):
    _, memo = single
    questions = memo[memo.index("## Open questions"):memo.index("## Annex")]
    key = questions[questions.index("### Key questions"):questions.index("### Other open questions")]
    assert key.count("- **Q") == 5
    assert "- **Q1.** Was the attack directed at an object or at persons? (field target.kind; needed for 5 findings)" in key
    # the others by section of the incident file, each section named once, in the file's order, by name only
    rest = questions[questions.index("### Other open questions"):]
    titles = [line[len("- **"):line.index(":**")] for line in rest.splitlines() if line.startswith("- **")]
    sections = list(render_context.fact_labels()["sections"].values())
    assert titles and len(titles) == len(set(titles)) and titles == sorted(titles, key=sections.index)
    assert "- **Precautions in attack:** **Q" in rest and "(field " not in rest
    # what would rebut the prima facie finding on the warning is said with it, in words; a fact already
    # asked for by its number, else by its field
    assert "### What would rebut" not in memo
    analysis = memo[memo.index("## Analysis"):memo.index("## Open questions")]
    basis = analysis[analysis.index("- **Basis:** it stands unless"):]
    basis = basis[:basis.index("- **Standard of proof:**")]
    assert ("  - the attacker shows an exception it bears: circumstances did not permit a warning "
            "(field precautions.warning.circumstances_did_not_permit).") in basis
    (accuracy,) = [q for q in re.findall(r"\*\*Q(\d+)\*\* weapon accuracy", rest)] or [None]
    assert "(field attack.weapon.accuracy_m)" not in basis
    numbers = [int(x.split(".")[0].split("*")[0]) for x in questions.split("**Q")[1:]]
    assert numbers == list(range(1, len(numbers) + 1))
    # every inconclusive finding points at its questions
    assert analysis.count("; missing to decide: Q") == analysis.count("— inconclusive")


def test_knowledge_question_when_attacker_knowledge_not_recorded():
    text = BASE.replace("attacker_knowledge: should_have_known", "attacker_knowledge: unknown")
    memo = api.memo(parse_text(text, "test.yaml"))
    (line,) = [x for x in memo.splitlines() if "civilians present: what the attacker knew" in x]
    assert re.search(r"\*\*Q\d+\*\* civilians present: what the attacker knew of it before the attack;", line)


def test_note_on_an_unknown_fact_is_shown_where_the_fact_is_asked_for():
    """A note on a fact whose value is null ("no evidence confirms a command post") is what the record
    says so far: the memo shows it under the open question for that fact (issue 8, item 18)."""
    note = "No evidence confirms a command post near the market; witnesses describe none."
    text = BASE.replace("  precautions:\n", f"  target:\n    kind: {{value: null, sources: [W1], note: {note}}}\n  precautions:\n", 1)
    memo = api.memo(parse_text(text, "test.yaml"))
    questions = memo[memo.index("## Open questions"):memo.index("## Annex: sources")]
    assert f"(field target.kind; needed for 5 findings). Recorded so far: {note} ([Witness A](#source-2))" in questions
    assert memo.count(note) == 1


def test_ex_ante_standard_attributed_to_its_sources(single):
    """Galić speaks of a "reasonably well-informed person in the circumstances of the actual
    perpetrator"; the "reasonable military commander" is the NATO Review Committee's (item 3)."""
    _, memo = single
    section = " ".join(memo[memo.index("## Knowledge at the time"):memo.index("## Applicable law")].split())
    assert '"reasonable commander" standard; ICTY' not in section
    assert "reasonably well-informed person in the circumstances of the actual perpetrator" in section
    assert '"reasonable military commander" of the ICTY NATO Review Committee\'s Final Report (2000)' in section
    assert "reasonable commander" not in " ".join(memo[memo.index("## Open questions"):].split())


def test_same_input_same_bytes(single):
    loaded, memo = single
    again = api.memo(parse_text(BASE, "test.yaml"))
    assert again == memo
    assert markdown.memo(render_context.build(loaded, api.assess(loaded))) == memo
    assert memo.endswith("\n") and not memo.endswith("\n\n")
    assert not any(line != line.rstrip() for line in memo.splitlines())


def test_strict_undefined_raises_on_a_missing_variable(single):
    loaded, _ = single
    ctx = render_context.build(loaded, api.assess(loaded))
    del ctx["cite"]
    with pytest.raises(jinja2.UndefinedError):
        markdown.environment().get_template("memo.md.j2").render(**ctx)
    env = markdown.environment()
    assert env.undefined is jinja2.StrictUndefined
    assert env.finalize is not None and env.keep_trailing_newline and env.trim_blocks and env.lstrip_blocks


def test_no_assessments_is_an_error(single):
    loaded, _ = single
    with pytest.raises(ValueError):
        render_context.build(loaded, [])


def test_every_element_fact_has_a_label_and_question():
    facts = render_context.fact_labels()["facts"]
    sections = render_context.fact_labels()["sections"]
    expected = {f for f in catalogue() if not f.endswith(AT_TIME)}
    assert set(facts) == expected
    for fact_id, entry in facts.items():
        assert entry["label"].strip() and entry["question"].strip().endswith("?"), fact_id
        assert fact_id.split(".")[0] in sections


def test_two_accounts_side_by_side_names_the_driving_fact(two_accounts):
    memo = two_accounts
    assert "## Accounts side by side" in memo
    assert "| Finding | attacker | survivors |" in memo
    assert ("| Cancelling or suspending the attack ◆ | Not applicable | Violation indicated; reasonable basis to "
            "believe |") in memo
    side = memo[memo.index("## Accounts side by side"):memo.index("## Open questions")]
    assert ("**Cancelling or suspending the attack** — attacker: Not applicable; survivors: Violation indicated.") in side
    assert ("| It became apparent that the attack should be cancelled or suspended | no ([S1](#source-1)) | "
            "yes ([Witness A](#source-2)) |") in side
    # findings on which the accounts agree are stated once, for all accounts
    assert "- **Attack directed at a lawful target** — inconclusive on every account; missing to decide: Q" in memo
    assert "**Account survivors — Violation indicated.**" in memo
    assert WITNESS_NAME not in memo


def test_two_accounts_facts_table_marks_differences(two_accounts):
    facts = two_accounts[two_accounts.index("## Recorded facts"):two_accounts.index("## Knowledge at the time")]
    assert ("| It became apparent that the attack should be cancelled or suspended ◆ | no ([S1](#source-1)) | "
            "yes ([Witness A](#source-2)) |") in facts
    assert ("| Civilians present | yes ([Witness A](#source-2), [S1](#source-1)) | yes ([Witness A](#source-2), "
            "[S1](#source-1)) |") in facts


def test_one_account_chosen():
    loaded = parse_text(_with_accounts(BASE), "test.yaml")
    memo = api.memo(loaded, "survivors")
    assert "## Accounts side by side" not in memo
    assert "- **Account assessed:** survivors (held by Survivors and monitors) only" in memo
    assert "`ihl trace` test.yaml `--account` survivors" in memo


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_render(path):
    loaded = api.load(path)
    memo = api.memo(loaded)
    assert memo == api.memo(api.load(path))
    for heading in SECTIONS[1:]:
        assert heading in memo
    for source in loaded.file.sources:
        if source.type.value == "witness_interview":
            assert source.pseudonym in memo
            assert source.title not in memo


def test_base_template_has_one_block_per_section():
    from jinja2 import nodes

    env = markdown.environment()
    base = env.parse(env.loader.get_source(env, "memo_base.md.j2")[0])
    blocks = [b.name for b in base.find_all(nodes.Block)]
    assert blocks == ["heading", "conclusion", "other_party", "summary", "incident", "facts", "knowledge", "law", "analysis",
                      "elements", "accounts", "questions", "annex", "footer"]
    child = env.parse(env.loader.get_source(env, "memo.md.j2")[0])
    assert child.find(nodes.Extends).template.value == "memo_base.md.j2"


def test_unknown_classification_and_month_precision():
    text = (BASE.replace("classification: {value: NIAC, sources: [S1]}", "classification: {}")
            .replace('{date: 2017-06-28, time: "19:30", precision: minute, sources: [S1]}',
                     "{date: 2017-09-01, precision: month, sources: [S1]}"))
    memo = api.memo(parse_text(text, "test.yaml"))
    assert "September 2017 (known to the month only) ([S1](#source-1))" in memo
    assert "- **Classification:** not recorded; treaty application depending on it is undetermined." in memo
    assert "| AP I | undetermined | depends on the conflict classification, which is unknown |" in memo


def test_a_time_known_when_only_the_month_is_known_is_not_dropped():
    memo = api.memo(api.load(Path(__file__).resolve().parent.parent / "examples/raqqa-2017/b4-badran-2017-09.yaml"))
    assert "September 2017 (known to the month only), about 16:00 local time on a day not known ([S4](#source-" in memo


def test_means_and_methods_question_asks_for_a_comparable_military_advantage():
    """Lawyer's report point 8: an alternative counts only if feasible for a comparable military advantage
    (AP I 57(3) and CIHL Rule 21 structure; the United Kingdom's statement (b) on "feasible")."""
    question = render_context.fact_labels()["facts"]["precautions.means_and_methods.less_harmful_feasible_alternative"]["question"]
    assert "for a comparable military advantage" in " ".join(question.split())


def test_memo_presents_parameters_as_evidential_thresholds_without_legal_weight():
    """Lawyer's report point 4: a parameter is an evidential threshold for a rebuttable presumption; no
    accuracy figure carries legal weight (Gotovina and Markač, IT-06-90-A: the "200 metre standard")."""
    raqqa = Path(__file__).resolve().parent.parent / "examples/raqqa-2017"
    compared = " ".join(api.memo(api.load(raqqa / "n3-safa-street-2017-06-10.yaml")).split())
    assert "evidential thresholds at which this engine draws a rebuttable presumption" in compared
    assert "no accuracy figure is a legal standard" in compared and "IT-06-90-A" in compared
    # Where no threshold was compared with a recorded fact, the memo says so in one line.
    memo = " ".join(api.memo(api.load(raqqa / "a1-aswad-2017-06-28.yaml")).split())
    assert ("**Thresholds of the presumptions** (evidential, never legal standards): none was compared with a "
            "recorded fact here, the facts they compare being unknown.") in memo
    assert "IT-06-90-A" not in memo
    # The weapon's accuracy rebuts the target presumption: said with that presumption, never as an
    # exception the attacker bears (only "circumstances did not permit" is one here).
    rebut = memo[memo.index("- **Basis:** it stands unless"):memo.index("- **Standard of proof:**")]
    assert "exception it bears: weapon accuracy" not in rebut
    assert "- presumption *The attack was directed at the object it struck* is rebutted, by a record that" in rebut
    assert "or the attacker shows an exception it bears (circumstances did not permit a warning)" in memo
    assert "exception it bears (weapon accuracy" not in memo


def test_open_questions_that_are_all_key_questions_render_under_one_heading(single):
    # A file with five open questions or fewer has only key questions: the first group has no
    # previous one to compare with (a third of the bench's synthetic files failed here).
    loaded, _ = single
    built = render_context.build(loaded, api.assess(loaded))
    groups = [g for g in built["question_groups"] if g["key"]]
    questions = [q for g in groups for q in g["questions"]]
    assert groups and all(q["key"] for q in questions)
    memo = markdown.memo({**built, "question_groups": groups, "questions": questions, "key_questions": questions})
    open_questions = memo[memo.index("## Open questions"):memo.index("## Annex: sources")]
    assert "### Key questions" not in open_questions and "### Other open questions" not in open_questions
    assert open_questions.count("- **Q") == len(questions)


def test_either_or_says_the_facts_in_words():
    """Each hypothesis says what it leaves open, and which recorded fact would make a finding indicate a
    violation, in the facts' labels: never a field path (issue 13, item 2)."""
    text = BASE.replace("  precautions:\n    warning:\n      given: {value: false, sources: [W1]}\n", "")
    memo = api.memo(parse_text(text, "test.yaml"))
    either_or = memo[memo.index("**Either-or.**"):memo.index("## The incident")]
    assert ("  - effective advance warning, if any of these were recorded: advance warning given: no; "
            "warning effective: no") in either_or
    assert "  - verification of the target, if feasible verification steps taken: no;" in either_or
    assert re.findall(r"\b[a-z_]+\.[a-z_]+\b", either_or) == []


def test_conclusion_says_a_presumption_only_for_a_finding_decided_on_it():
    """A presumption applied on the way to a finding that stays open rebuts nothing: the conclusion
    names what would overturn the prima facie violations only (issue 13, item 3)."""
    text = BASE.replace("schema_version: 1", "schema_version: 2").replace(
        "  object_struck: {description: A privately owned house, sources: [S1]}\n",
        "  object_struck:\n    description: A privately owned house\n    sources: [S1]\n"
        "    category: {value: residential_building, sources: [S1]}\n")
    loaded = parse_text(text, "test.yaml")
    (assessment,) = api.assess(loaded)
    assert assessment.finding("distinction.target_was_military_objective").status == "inconclusive"
    memo = api.memo(loaded)
    conclusion = memo[memo.index("## Conclusion"):memo.index("## Findings at a glance")]
    assert "directed at the object it struck" not in conclusion
    assert "Effective advance warning: violation indicated, prima facie, unless" in conclusion
    assert "- **Basis:** it stands unless" in memo
    assert "presumption *The attack was directed at the object it struck*" not in memo


def test_a_prima_facie_finding_reads_violation_indicated_unless():
    m = markdown.environment().get_template("_macros.md.j2").make_module({"several": False, "columns": []})
    one = {"title": "The attack was directed at the object it struck"}
    two = {"title": "No military objective indicated"}
    mistake = {"title": "Reasonable mistake about the target"}
    assert str(m.unless({"presumptions": [one], "exceptions": [mistake]})) == (
        "unless the presumption it rests on is rebutted (*The attack was directed at the object it struck*) or the "
        "attacker shows an exception it bears (reasonable mistake about the target)")
    assert str(m.unless({"presumptions": [one, two], "exceptions": []}, True)) == (
        "unless the presumptions they rest on are rebutted (*The attack was directed at the object it struck*; "
        "*No military objective indicated*)")


def test_other_partys_conduct_is_said_apart_and_does_not_excuse_the_attacker():
    examples = Path(__file__).resolve().parent.parent / "examples" / "raqqa-2017"
    memo = api.memo(api.load(examples / "f1-fayad-2017-10-12-is-conduct.yaml"))
    conclusion = memo[memo.index("## Conclusion"):memo.index("## Conduct of the other party")]
    # The conclusion is about the attack: IS's breaches are neither counted nor named in it.
    assert "Of the 15 legal questions the engine asks" in conclusion
    assert "Islamic State" not in conclusion and "defending party" not in conclusion
    other = memo[memo.index("## Conduct of the other party (Islamic State (IS))"):memo.index("## Findings at a glance")]
    assert ("the recorded facts also indicate that Islamic State (IS), the defending party, violated its own "
            "obligations towards the civilians around its forces, on 3 of the 3 questions asked of it") in other.replace("The recorded", "the recorded")
    assert "They stand unless Islamic State (IS) shows otherwise: precautions not feasible for the defending party." in other
    assert "They do not release the attacking party (US-led Coalition) from its own obligations towards the same civilians." in other
    assert "(CIHL Rule 140)" in other and "AP I art. 51(8)" in other
    assert "whether they are there of their own will or not" in other  # the ICRC's reading, the default
    assert "| Use of civilians as human shields (against Islamic State (IS)) | Violation indicated (recorded assessment) |" in memo
    assert "### The defending party's precautions and human shields (findings against Islamic State (IS))" in memo
    # Under the US DoD reading the memo says which shields the attacker may leave out, and who bears it.
    dod = api.memo(api.load(examples / "f1-fayad-2017-10-12-is-conduct.yaml"), run=api.Settings("us_dod"))
    assert "civilians forced to shield count in every case; the attacker may leave out of its count only civilians it shows chose of their own will" in dod


def test_memo_says_nothing_of_the_defending_party_where_its_conduct_is_not_recorded(single):
    _, memo = single
    assert "## Conduct of the other party" not in memo
    assert "against" not in memo.split("## Findings at a glance")[1].split("##")[0]


def test_elements_of_war_crimes_for_the_forum_selected():
    examples = Path(__file__).resolve().parent.parent / "examples" / "raqqa-2017"
    loaded = api.load(examples / "f1-fayad-2017-10-12.yaml")
    icc = api.memo(loaded, run=api.Settings(forum="icc"))
    section = icc[icc.index("## Elements of war crimes"):icc.index("## Open questions")]
    assert section.startswith("## Elements of war crimes (for the forum selected: International Criminal Court")
    assert "beyond reasonable doubt (Rome Statute art. 66(3))" in section
    assert "committed" not in section and "It is never a finding that a crime took place" in section
    # NIAC: the IAC crimes are not applicable, said in one line with why; (e)(i) lists what remains to be shown.
    assert ("**Not applicable:** War crime of attacking civilians (international armed conflict) (Rome Statute art. "
            "8(2)(b)(i)); War crime of attacking civilian objects (Rome Statute art. "
            "8(2)(b)(ii); contested: C") in section
    assert ("War crime of excessive incidental death, injury or damage (Rome Statute "
            "art. 8(2)(b)(iv); contested: C") in section
    assert "For each, the Statute lists this crime for an international armed conflict; the conflict is recorded as NIAC." in section
    assert section.count("### ") == 0 and section.count("| Element | Kind |") == 1  # one table for the forum
    assert ("| Element | Kind | War crime of attacking civilians (non-international armed conflict) (Rome Statute "
            "art. 8(2)(e)(i)) | War crime of destroying an adversary's property (Rome Statute art. 8(2)(e)(xii)) | "
            "Evidence that would show it |") in section
    assert "| **The crime** | | **not all elements shown** | **not all elements shown** (contested: C14) | — |" in section
    # A house is no protected building and no relief site: those crimes are not applicable, each with why
    # (not "elements not indicated").
    assert ("(Rome Statute art. 8(2)(e)(iv); contested: C15). For each, the object struck was not a building dedicated "
            "to religion, education, art or science, a historic monument or a hospital, nor in use as one (as the record "
            "gives its category and use).") in section
    assert ("(Rome Statute art. 8(2)(e)(iii); contested: C16). For each, the object struck was neither a humanitarian relief site nor a "
            "peacekeeping site, nor in use as one, and the attack was on that object, not on persons") in section
    # Using human shields has no gate on the defending party's conduct: in this NIAC it is not applicable only
    # because the Statute lists it for international armed conflicts.
    assert ("War crime of using human shields (by the defending party) (Rome Statute art. 8(2)(b)(xxiii); contested: "
            "C13). For each, the Statute lists this crime for an international armed conflict") in section
    assert "Jurisdiction: as under Applicable law (Rome Statute)." in section  # said once, in the law table
    assert ("| The perpetrator intended the civilians to be the object of the attack | mental | not shown | — | Orders and "
            "statements of the perpetrator;") in section
    assert "The attack caused death or serious injury" not in section  # the ICC requires no result
    icty = api.memo(loaded, run=api.Settings(forum="icty"))
    section = icty[icty.index("## Elements of war crimes"):icty.index("## Open questions")]
    assert section.startswith("## Elements of war crimes (for the forum selected: ICTY standard (wilfulness includes recklessness))")
    assert "(ICTY Rules of Procedure and Evidence, rule 87(A))" in section
    # Before an ICTY-style tribunal a crime is reached through art. 3 of its Statute, the Rome Statute
    # giving the elements; the ICC's wording ("the Statute lists this crime…") is not used.
    assert ("War crime of attacking civilians (non-international armed conflict) (ICTY Statute art. 3, violations of "
            "the laws or customs of war (elements: Rome Statute art. 8(2)(e)(i)))") in section
    assert "the Statute lists" not in section and "Art. 3 of the ICTY Statute reaches this conduct in any armed conflict" in section
    assert "| The attack caused death or serious injury within the civilian population | material | shown | — |" in section
    assert "Jurisdiction:" not in section


@pytest.mark.parametrize("name", ["a1-aswad-2017-06-28.yaml", "f1-fayad-2017-10-12.yaml"])
def test_the_summary_is_a_paragraph_of_its_own(name):
    # After the list of case details, never run into its last item (it was, where no account is named).
    from markdown_it import MarkdownIt

    loaded = api.load(next(p for p in EXAMPLES if p.name == name))
    tokens = MarkdownIt().parse(api.memo(loaded))
    paragraphs = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "paragraph_open" and t.level == 0]
    assert loaded.file.incident.summary.split(".")[0] in [p.split(".")[0] for p in paragraphs]


@pytest.mark.parametrize(("name", "compared"), [
    ("a1-aswad-2017-06-28.yaml", None),  # no accuracy, weight or distance recorded: no threshold compared
    ("n3-safa-street-2017-06-10.yaml", "(civilian_exposure_distance_m): 100 metres"),
])
def test_a_threshold_is_said_compared_only_where_its_fact_is_recorded(name, compared):
    memo = " ".join(api.memo(api.load(next(p for p in EXAMPLES if p.name == name))).split())
    said = re.findall(r"Compared with a recorded fact here: (.*?)\.(?: |$)", memo)
    assert (compared in said[0]) if compared else said == []


def test_an_unrecorded_alternative_is_unknown_never_said_to_be_absent():
    loaded = parse_text(BASE, "test.yaml")
    (assessment,) = api.assess(loaded)
    notes = {f: assessment.trace.facts[f].note for f in ("precautions.alternatives.less_harmful_means_recorded",
                                                         "precautions.alternatives.less_harmful_objective_recorded")
             if f in assessment.trace.facts}
    assert notes == {
        "precautions.alternatives.less_harmful_means_recorded": "unknown: no alternative means or method is recorded as "
        "available, less harmful and feasible (a list cannot show that none existed)",
        "precautions.alternatives.less_harmful_objective_recorded": "unknown: no alternative objective is recorded as "
        "available, less harmful, feasible and offering a similar military advantage (a list cannot show that none existed)"}
    assert len(set(notes.values())) == len(notes)  # the means and the objective each said in its own words


def test_elements_of_war_crimes_each_said_once_with_the_accounts_where_they_differ():
    examples = Path(__file__).resolve().parent.parent / "examples"
    memo = api.memo(api.load(examples / "calibration" / "nato-rts-belgrade.yaml"), run=api.Settings(forum="icty"))
    section = memo[memo.index("## Elements of war crimes"):memo.index("## Accounts side by side")]
    # Five crimes share the contextual and awareness elements (a TV station is no protected building): one row each, a column per crime (the
    # ICTY's art. 3 reaches destroying an adversary's property in an international armed conflict too).
    aware = "| The perpetrator was aware of factual circumstances that established the existence of an armed conflict |"
    assert section.count(aware) == 1
    assert (f"{aware} mental | not shown | not shown | not shown | not shown | not shown | "
            "The perpetrator's position and orders") in section
    # The accounts differ on the object of the attack: each is named in the cell; an element of another crime is "—".
    assert ("| The object of the attack was civilian objects | material | — | icty-committee: absent on the record "
            "(recorded assessment); amnesty: shown (recorded assessment) | — | — | — |") in section
    assert "**Account" not in section  # no table per account


def test_each_thing_said_once_on_a1():
    """Issue 13: the object struck, a state's treaty status, a note and a contested point are each said
    in one place (the A1 memo said them twice)."""
    memo = api.memo(api.load(next(p for p in EXAMPLES if p.name == "a1-aswad-2017-06-28.yaml")))
    # the object's category and use are in Recorded facts with their notes: no incident bullet repeats them
    assert "- **Object struck:**" not in memo
    assert "| Use of the object struck at the time | shelter (" in memo
    # the Why column gives the rule; the last column each state's status
    assert ("| CCM | undetermined | applies only if United Kingdom or France carried out the strike (which state's "
            "forces did is not recorded in attacker.conducted_by) | United States: not party") in memo
    assert "binds United States, United Kingdom (in force for it on" not in memo
    # Q24's note is the first sentence of Q1's: not said twice
    assert "**Q24** military objective named by the attacker.\n" in memo
    assert memo.count("The claimed military objective is not found") == 1
    # a decided finding's status line says prima facie; its basis does not repeat it
    assert "**Violation indicated (prima facie).**" in memo and "**Basis:** prima facie" not in memo

Feature: Evidence and the standard of proof
  Two questions are kept apart: what the recorded facts, taken as true, indicate in law, and how well
  those facts are supported. A finding reaches a standard of proof only as far as every fact it rests on
  is supported: a finding never reads stronger than the evidence under it, and the weakest facts are
  named, so that the reader knows what to corroborate.

  A fact resting on one source (or on several that all repeat one) is supported by a single source. Two
  independent sources, each of at least medium reliability, corroborate it. Corroboration that includes
  direct evidence of the event (a witness interview, a site visit, munition remnants, imagery) graded
  high is strong. A source whose reliability has not been graded supports nothing: grade your sources.

  Standards of proof, weakest first: a reasonable basis to believe (every fact at least single) is what
  the ICC Prosecutor needs to open an investigation; reasonable grounds to believe (every fact
  corroborated) is the standard of UN commissions of inquiry; more likely than not (every fact strongly
  corroborated) is the "credible" standard of military civilian-casualty assessments. The order of the
  last two, and every threshold, are the engine's configuration (rules/evidence/standards.yaml), not law.

  Finding used throughout: distinction.target_was_military_objective, on a family home with no military
  use that did not appear to be a lawful target (a violation is indicated).
  Sources: Rome Statute arts 15(3), 53(1)(a); OHCHR, Commissions of Inquiry and Fact-Finding Missions
  on International Human Rights and Humanitarian Law: Guidance and Practice (2015); docs/evidence.md.

  Background:
    Given an air strike in a non-international armed conflict
    And the object attacked was a family home

  # ---------------------------------------------------------------- each threshold

  Scenario: A violation resting on a single media report reaches only a reasonable basis to believe
    Given a media report of medium reliability, S2
    And unless other sources are named, each fact below rests on S2
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it reaches the standard "reasonable basis to believe"
    And its weakest fact rests on a single source
    And the weakest facts include "target.effective_contribution"

  Scenario: The same facts corroborated by two independent sources reach reasonable grounds to believe
    Given a media report of medium reliability, S2
    And an NGO report of medium reliability, S3
    And unless other sources are named, each fact below rests on S2 and S3
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it reaches the standard "reasonable grounds to believe"
    And its weakest fact rests on independent sources
    And the fact "target.effective_contribution" rests on independent sources

  Scenario: A site visit graded high makes the violation more likely than not
    Given a media report of medium reliability, S2
    And an NGO report of medium reliability, S3
    And a site visit graded high, S4
    And unless other sources are named, each fact below rests on S2, S3 and S4
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it reaches the standard "more likely than not"
    And its weakest fact rests on independent sources including direct evidence of high reliability

  Scenario: Facts recorded without any source reach no standard of proof
    Given the attack was directed at a house with no military use, though no source is cited for it
    And on the information reasonably available at the time, the target did not appear to be a lawful target, though no source is cited for it
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it reaches no standard of proof
    And its weakest fact rests on no graded source

  # ---------------------------------------------------------------- what counts as a source

  Scenario: A source of unknown reliability supports nothing
    Given a media report of unknown reliability, S2
    And unless other sources are named, each fact below rests on S2
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it reaches no standard of proof
    And its weakest fact rests on no graded source
    And the fact "target.kind" rests on no graded source

  Scenario: A source of low reliability is enough for a reasonable basis to believe
    Given a media report of low reliability, S2
    And unless other sources are named, each fact below rests on S2
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it reaches the standard "reasonable basis to believe"

  # Verification of collected material (Berkeley Protocol on Digital Open Source Investigations, 2020):
  # footage that could not be placed where, or when, it is said to show, or traced to the source it is
  # said to come from, corroborates nothing, however its reliability was graded. A check not made changes
  # nothing.
  Scenario Outline: Material that failed a verification check corroborates nothing
    Given a media report of medium reliability, S2
    And satellite imagery graded high, S3
    And S3 was checked and could not be <check>
    And unless other sources are named, each fact below rests on S2 and S3
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it reaches the standard "reasonable basis to believe"
    And the fact "target.effective_contribution" rests on a single source

    Examples:
      | check                            |
      | geolocated                       |
      | chronolocated                    |
      | traced to its claimed origin     |

  # A press release quoting a report, and the report, are one source, however often it is repeated.
  Scenario: Two sources, one repeating the other, count as one
    Given an NGO report of medium reliability, S2
    And a media report of medium reliability, S3, which repeats S2
    And unless other sources are named, each fact below rests on S2 and S3
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it reaches the standard "reasonable basis to believe"
    And the fact "target.effective_contribution" rests on a single source

  Scenario: A witness who only repeats a media report does not corroborate it
    Given a media report of medium reliability, S2
    And a witness interview of high reliability, S3, which repeats S2
    And unless other sources are named, each fact below rests on S2 and S3
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it reaches the standard "reasonable basis to believe"
    And the fact "target.apparent_lawful_target" rests on a single source

  Scenario Outline: What a second source adds
    Given a media report of medium reliability, S2
    And <second source>, S3
    And unless other sources are named, each fact below rests on S2 and S3
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And its weakest fact rests on <support>
    And it reaches the standard "<standard>"

    Examples: A second source below medium reliability does not corroborate
      | second source                    | support         | standard                    |
      | an NGO report of low reliability | a single source | reasonable basis to believe |

    # Only direct evidence of the event graded high makes corroboration strong: a second report, however
    # reliable, or a site visit not graded high, corroborates and no more.
    Examples: Corroboration without direct evidence graded high
      | second source                                         | support             | standard                      |
      | an NGO report of high reliability                     | independent sources | reasonable grounds to believe |
      | a site visit of medium reliability                    | independent sources | reasonable grounds to believe |
      | the attacker's official statement of high reliability | independent sources | reasonable grounds to believe |

    Examples: Corroboration including direct evidence graded high
      | second source                                   | support                                                           | standard             |
      | satellite imagery graded high                   | independent sources including direct evidence of high reliability | more likely than not |
      | a witness interview of high reliability         | independent sources including direct evidence of high reliability | more likely than not |
      | an examination of munition remnants graded high | independent sources including direct evidence of high reliability | more likely than not |

  # ---------------------------------------------------------------- the weakest fact

  Scenario: The weakest fact is named and holds the finding down
    Given a media report of medium reliability, S2
    And an NGO report of medium reliability, S3
    And a site visit graded high, S4
    And the attack was directed at a house with no military use, according to S2, S3 and S4
    And on the information reasonably available at the time, the target did not appear to be a lawful target, according to S2
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it reaches the standard "reasonable basis to believe"
    And its weakest fact rests on a single source
    And the weakest fact is "target.apparent_lawful_target"
    And the fact "target.effective_contribution" rests on independent sources including direct evidence of high reliability

  Scenario: Corroborating the weakest fact raises the finding to the next standard
    Given a media report of medium reliability, S2
    And an NGO report of medium reliability, S3
    And a site visit graded high, S4
    And the attack was directed at a house with no military use, according to S2, S3 and S4
    And on the information reasonably available at the time, the target did not appear to be a lawful target, according to S2 and S3
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it reaches the standard "reasonable grounds to believe"
    And the weakest fact is "target.apparent_lawful_target"
    And the weakest facts do not include "target.effective_contribution"

  # The rule cuts both ways: the attacker's own word that a target was military is one source too.
  Scenario: A finding of no violation resting on the attacker's statement alone reaches only a reasonable basis
    Given the attacker's official statement of medium reliability, S2
    And unless other sources are named, each fact below rests on S2
    And the object attacked was an ammunition store in a former factory
    And the attack was directed at a weapons depot of the opposing forces
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "no_violation_indicated"
    And it reaches the standard "reasonable basis to believe"
    And its weakest fact rests on a single source
    And the weakest facts include "target.effective_contribution"

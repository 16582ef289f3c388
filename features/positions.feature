Feature: Interpretive positions
  Where states and the ICRC read the law differently, the engine takes the reading of a named position
  (rules/positions/): the ICRC's by default, the US Department of Defense's Law of War Manual, or the
  United Kingdom's statements on ratifying AP I. A position changes only the contested point it reads;
  the facts and every other rule stay the same, and the memo states the position applied.

  Points read differently: whether membership of an organised armed group alone makes a person liable
  to attack (the ICRC requires a continuous combat function); whether voluntary human shields count in
  the attacker's proportionality assessment; whether any doubt about a person's status, or only
  substantial doubt, requires the person to be considered a civilian (AP I art. 50(1)).
  Sources: AP I arts 50(1), 51(5)(b); CIHL Rules 5, 6, 14; ICRC Interpretive Guidance on DPH (2009);
  US DoD Law of War Manual, sections 4.18.4.1, 5.12.3.4; United Kingdom, statement (h) on AP I.

  Background:
    Given an air strike in a non-international armed conflict

  Scenario Outline: A member of an organised armed group without a continuous combat function
    Given the object attacked was a group of men at a checkpoint
    And the persons struck were the ones the attack was directed at
    And the persons attacked were members of an organised armed group with no continuous combat function
    And their acts were not likely to cause harm reaching the required threshold
    And they were not hors de combat
    And no doubt about the target remained when the attack was launched
    When the incident is assessed on <position>
    Then the finding "distinction.target_was_military_objective" is "<status>"

    Examples:
      | position                                | status                 |
      | the ICRC's reading                      | violation_indicated    |
      | the United Kingdom's reading            | violation_indicated    |
      | the US Department of Defense's reading  | no_violation_indicated |

  # Doubt left unresolved is its own finding (AP I art. 50(1)); distinction asks what the persons were.
  Scenario Outline: Fighters attacked while a doubt that was not substantial remained about them
    Given the object attacked was a group of men in a field at dusk
    And the attack was directed at fighters in the open
    And a doubt about their status remained, which was not substantial
    When the incident is assessed on <position>
    Then the finding "distinction.attack_despite_doubt" is "<status>"
    And the finding "distinction.target_was_military_objective" is "no_violation_indicated"

    Examples:
      | position                                | status                 |
      | the ICRC's reading                      | violation_indicated    |
      | the US Department of Defense's reading  | violation_indicated    |
      | the United Kingdom's reading            | no_violation_indicated |

  Scenario Outline: Civilians who chose to shield a depot, attacked without warning
    Given the object attacked was an ammunition store in a residential street
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And the civilians present had chosen to shield the objective
    And no civilian objects were nearby
    And no warning was given
    And circumstances permitted a warning
    When the incident is assessed on <position>
    Then the finding "precautions.effective_warning" is "<status>"

    Examples:
      | position                                | status              |
      | the ICRC's reading                      | violation_indicated |
      | the US Department of Defense's reading  | not_applicable      |

  # Leaving voluntary shields out is the attacker's case to make: unknown, they are counted.
  Scenario: Whether the civilians chose to shield the depot is not recorded
    Given the object attacked was an ammunition store in a residential street
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And no civilian objects were nearby
    And no warning was given
    And circumstances permitted a warning
    When the incident is assessed on the US Department of Defense's reading
    Then the finding "precautions.effective_warning" is "violation_indicated"
    And it holds prima facie, rebuttable by "civilians.voluntary_human_shields"

Feature: Either-or findings
  Where the record cannot say whether the attack was directed at a lawful target, the engine assesses
  each hypothesis on the same rules: the object was a civilian object, or a military objective was
  present and was what the attack was directed at. If every hypothesis the record leaves open leads to
  a violation, a violation is indicated on either hypothesis: directed at a civilian object, or, if a
  military objective was there, launched without the warning owed or with excessive expected harm. If
  not, the engine says on which hypothesis no violation is indicated and which fact would change that.
  Hypotheses: rules/cases/hypotheses.yaml. Sources: AP I arts 48, 52, 57; CIHL Rules 7, 14, 20.

  Background:
    Given an air strike in a non-international armed conflict
    And the object attacked was a family house used as a shelter
    And the record does not say what the attack was directed at

  Scenario: Civilians the attacker should have seen, and no warning
    Given the attacker should have known that civilians were present
    And no warning was given
    And the record does not say whether circumstances permitted a warning
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "inconclusive"
    And the recorded facts indicate a violation on either hypothesis
    And if the object attacked was a civilian object, used for no military purpose, and was what the attack was directed at, the finding "distinction.target_was_military_objective" indicates a violation
    And if a military objective was present and was what the attack was directed at, the finding "precautions.effective_warning" indicates a violation

  Scenario: What the attacker knew of the civilians is not recorded
    Given civilians were present, but the record does not say whether the attacker knew it
    And no warning was given
    And circumstances permitted a warning
    When the incident is assessed
    Then no either-or conclusion is drawn, because "civilians.present@time" is unknown

  Scenario: A target shown to be lawful needs no case split
    Given the attack was directed at a weapons depot of the opposing forces
    And the attacker should have known that civilians were present
    And no warning was given
    When the incident is assessed
    Then no case split is made

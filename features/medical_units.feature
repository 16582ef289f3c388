Feature: Medical units and transports
  Medical units and transports must be respected and protected in all circumstances. A hospital does not
  become a lawful target merely because the enemy might use it: its protection ends only if it is used,
  outside its humanitarian function, to commit acts harmful to the enemy, and even then only after a
  warning naming a reasonable time limit has gone unheeded. The party that invokes the loss of
  protection must show it; until it does, an attack on a hospital indicates a violation prima facie.
  A hospital used as a command post is still a hospital: what it was used for is an act harmful to the
  enemy, and its protection ends only once the warning has gone unheeded.
  Sources: GC I arts 19, 21; GC IV arts 18, 19 (civilian hospitals); AP I arts 12, 13; AP II art. 11;
  CIHL Rules 28, 29.

  Background:
    Given an air strike in a non-international armed conflict
    And the object attacked was a trauma hospital in a town
    And the attack was directed at an object
    And the building struck was the attacker's target

  Scenario: A hospital used for no act harmful to the enemy is attacked
    Given the building struck was a hospital
    And the hospital was used for no act harmful to the enemy
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "medical.attack_on_medical_unit_or_transport" is "violation_indicated"
    And it is established on the record

  Scenario: Where no mistake is recorded either way, the finding holds prima facie
    Given the building struck was a hospital
    And the hospital was used for no act harmful to the enemy
    When the incident is assessed
    Then the finding "medical.attack_on_medical_unit_or_transport" is "violation_indicated"
    And it holds prima facie, rebuttable by "distinction.reasonable_mistake"

  Scenario: Nothing is recorded about the hospital's use: the loss of protection is the attacker's to show
    Given the building struck was a hospital
    And the record does not say whether the hospital was used to commit acts harmful to the enemy
    When the incident is assessed
    Then the finding "medical.attack_on_medical_unit_or_transport" is "violation_indicated"
    And it holds prima facie, rebuttable by "medical.protection_lost"

  Scenario: Fire from the hospital, a warning with a time limit, unheeded: protection is lost
    Given the building struck was a hospital
    And the hospital was used to fire on the attacking forces
    And a warning setting a reasonable time limit was given and went unheeded
    When the incident is assessed
    Then the finding "medical.attack_on_medical_unit_or_transport" is "no_violation_indicated"

  Scenario: Fire from the hospital, but no warning was given: protection is not yet lost
    Given the building struck was a hospital
    And the hospital was used to fire on the attacking forces
    And no warning to stop the harmful use was given
    When the incident is assessed
    Then the finding "medical.attack_on_medical_unit_or_transport" is "violation_indicated"
    And it holds prima facie, rebuttable by "medical.protection_lost"

  Scenario: A hospital used as a command post keeps its protection until a warning has gone unheeded
    Given the building struck was a hospital
    And the opposing forces used the hospital as a command post
    And no warning to stop the harmful use was given
    When the incident is assessed
    Then the finding "medical.attack_on_medical_unit_or_transport" is "violation_indicated"
    And it holds prima facie, rebuttable by "medical.protection_lost"

  Scenario: A hospital used as a command post, warned with a time limit, the warning unheeded
    Given the building struck was a hospital
    And the opposing forces used the hospital as a command post
    And a warning setting a reasonable time limit was given and went unheeded
    When the incident is assessed
    Then the finding "medical.attack_on_medical_unit_or_transport" is "no_violation_indicated"

  Scenario: A civilian hospital in an international armed conflict is protected under the Fourth Geneva Convention
    Given an air strike in an international armed conflict
    And the building struck was a hospital
    And the hospital was used for no act harmful to the enemy
    When the incident is assessed
    Then the finding "medical.attack_on_medical_unit_or_transport" is "violation_indicated"
    And it cites "GC IV art. 18"

  Scenario: Fire from the hospital, and circumstances did not permit a warning
    Given the building struck was a hospital
    And the hospital was used to fire on the attacking forces
    And circumstances did not permit a warning to stop the harmful use
    When the incident is assessed
    Then the finding "medical.attack_on_medical_unit_or_transport" is "no_violation_indicated"

  Scenario: An ambulance is a medical transport
    Given the vehicle struck was an ambulance
    And the hospital was used for no act harmful to the enemy
    When the incident is assessed
    Then the finding "medical.attack_on_medical_unit_or_transport" is "violation_indicated"

  Scenario: What was struck is not recorded
    Given the record does not say what kind of object was struck
    When the incident is assessed
    Then the finding "medical.attack_on_medical_unit_or_transport" is "inconclusive"
    And the missing facts include "object_struck.category"

  Scenario: The regime does not decide an attack on a house
    Given the building struck was a family house
    When the incident is assessed
    Then the finding "medical.attack_on_medical_unit_or_transport" is "not_applicable"

  Scenario: A hospital struck while the attack was aimed at another object
    Given the building struck was a hospital
    And the building struck was not the attacker's target
    When the incident is assessed
    Then the finding "medical.attack_on_medical_unit_or_transport" is "not_applicable"

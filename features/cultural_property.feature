Feature: Cultural property and places of worship
  A mosque, a church, a museum or a historic monument may be attacked only if it has become a military
  objective. Property of great importance to the cultural heritage of every people may be attacked only
  where it has become a military objective and imperative military necessity requires the attack. That
  waiver is for the party invoking it to show. The Second Protocol's stricter conditions (the property made
  a military objective by its function, no feasible alternative) bind only its parties, and are applied to
  no attacker the treaty data does not show to be one.
  Sources: 1954 Hague Convention art. 4; AP I art. 53; AP II art. 16; CIHL Rule 38.

  Background:
    Given an air strike in a non-international armed conflict
    And the object attacked was the old mosque of a town
    And the attack was directed at an object
    And the building struck was the attacker's target

  Scenario: A mosque that was not a military objective is attacked
    Given the building struck was a mosque
    And the object made no effective contribution to military action
    When the incident is assessed
    Then the finding "cultural_property.attack_not_on_military_objective" is "violation_indicated"

  Scenario: A mosque used as a military objective
    Given the building struck was a mosque
    And the object made an effective contribution to military action
    And its destruction offered a definite military advantage
    And the building is of no great importance to the cultural heritage of every people
    When the incident is assessed
    Then the finding "cultural_property.attack_not_on_military_objective" is "no_violation_indicated"
    And the finding "cultural_property.waiver_not_shown" is "not_applicable"

  Scenario: A museum of great importance, made a military objective, but no imperative necessity shown
    Given the building struck was a historic museum
    And the building is of great importance to the cultural heritage of every people
    And the object made an effective contribution to military action
    And its destruction offered a definite military advantage
    When the incident is assessed
    Then the finding "cultural_property.waiver_not_shown" is "violation_indicated"
    And it holds prima facie, rebuttable by "protection.imperative_military_necessity"

  Scenario: The waiver of imperative military necessity is shown, the Second Protocol not binding the attacker
    Given the building struck was a historic museum
    And the building is of great importance to the cultural heritage of every people
    And the object made an effective contribution to military action
    And its destruction offered a definite military advantage
    And imperative military necessity required the attack on the building
    When the incident is assessed
    Then the finding "cultural_property.waiver_not_shown" is "no_violation_indicated"

  Scenario: Whether the property is of great importance is not recorded
    Given the building struck was a historic museum
    And the record does not say whether the building is of great importance to the cultural heritage of every people
    When the incident is assessed
    Then the finding "cultural_property.waiver_not_shown" is "inconclusive"
    And the missing facts include "protection.great_importance"

  Scenario: The regime does not decide an attack on a house
    Given the building struck was a family house
    When the incident is assessed
    Then the finding "cultural_property.attack_not_on_military_objective" is "not_applicable"
    And the finding "cultural_property.waiver_not_shown" is "not_applicable"

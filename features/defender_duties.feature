Feature: The defending party's precautions and human shields
  The party whose forces are attacked has duties of its own towards the civilians around them: to the
  extent feasible, it must keep its military objectives out of densely populated areas and remove the
  civilians under its control from their vicinity (AP I art. 58; CIHL Rules 22-24), and it may never use
  civilians to shield its forces (AP I art. 51(7); CIHL Rule 97). Its breaches are findings against it.
  They never release the attacker from its own obligations towards the same civilians (AP I art. 51(8);
  CIHL Rule 140): the findings against the attacker stand on their own facts.

  Background:
    Given an air strike in a non-international armed conflict
    And the object attacked was a house in a neighbourhood held by the defending party
    And the attacking party carried out the attack

  Scenario: Civilians forced in among the fighters to shield them
    Given the defending party had placed its fighters among the houses of a densely populated neighbourhood
    And the defending party prevented the residents from leaving
    And the defending party forced civilians from other districts into the houses where its fighters were
    And it did so to shield its fighters from attack
    When the incident is assessed
    Then the finding "defender.human_shields" is "violation_indicated"
    And the finding "defender.human_shields" is against the defending party
    And the finding "defender.civilians_removed_from_vicinity" is "violation_indicated"
    And it holds prima facie, rebuttable by "defender_conduct.precautions_infeasible"
    And the finding "defender.military_objectives_away_from_populated_areas" is "violation_indicated"
    And every finding against the attacker is as it would be had the defending party's conduct not been recorded

  Scenario: Residents kept among the fighters, for a reason the record does not give
    Given the defending party had placed its fighters among the houses of a densely populated neighbourhood
    And the defending party prevented the residents from leaving
    And the record does not say why it did so
    When the incident is assessed
    Then the finding "defender.human_shields" is "inconclusive"
    And the missing facts include "defender_conduct.shielding_purpose"
    And the finding "defender.civilians_removed_from_vicinity" is "violation_indicated"

  Scenario: Removing its fighters or the residents was not feasible
    Given the defending party had placed its fighters among the houses of a densely populated neighbourhood
    And the defending party prevented the residents from leaving
    And it could not feasibly have moved its fighters or the residents
    When the incident is assessed
    Then the finding "defender.civilians_removed_from_vicinity" is "not_applicable"
    And the finding "defender.military_objectives_away_from_populated_areas" is "not_applicable"

  Scenario: Forces kept away from the population, residents free to leave
    Given the defending party kept its forces away from populated areas
    And the defending party let the residents leave
    When the incident is assessed
    Then the finding "defender.military_objectives_away_from_populated_areas" is "no_violation_indicated"
    And the finding "defender.civilians_removed_from_vicinity" is "no_violation_indicated"
    And the finding "defender.human_shields" is "inconclusive"

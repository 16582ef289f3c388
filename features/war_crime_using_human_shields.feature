Feature: Elements of the war crime of using human shields
  Utilizing the presence of a civilian or other protected person to render certain points, areas or
  military forces immune from military operations is a war crime in international armed conflict (Rome
  Statute art. 8(2)(b)(xxiii)). Its perpetrator is of the party that uses the civilians, here the
  defending party: the elements read its recorded conduct, and the ICC's jurisdiction is read from its
  own states. The perpetrator must have moved the civilians, or otherwise taken advantage of where they
  were, intending to shield a military objective from attack or to shield, favour or impede military
  operations. Its breach never excuses the attacker (AP I art. 51(8)).

  Background:
    Given an air strike in an international armed conflict
    And the object attacked was a house in a densely populated neighbourhood
    And the attacking party carried out the attack
    And the defending party had placed its fighters among the houses of a densely populated neighbourhood

  Scenario: Civilians forced into the houses the fighters held, to shield them
    Given the defending party forced civilians from other districts into the houses where its fighters were
    And it did so to shield its fighters from attack
    When the incident is assessed before the ICC
    Then the crime "crimes.using_human_shields" is "elements_indicated"
    And no element remains to be shown

  Scenario: Why the civilians were kept there is not recorded
    Given the defending party prevented the residents from leaving
    And the record does not say why it did so
    When the incident is assessed before the ICC
    Then the crime "crimes.using_human_shields" is "not_all_elements_shown"
    And the elements still to be shown are "crimes.shielding_intended" and "crimes.shielding_in_armed_conflict"
    And the evidence that would show it is named

  Scenario: Residents free to leave
    Given the defending party let the residents leave
    And it did so to shield its fighters from attack
    When the incident is assessed before the ICC
    Then the crime "crimes.using_human_shields" is "not_all_elements_shown"
    And the elements still to be shown are "crimes.shields_located"

  Scenario: Nothing of the defending party's conduct towards the civilians is recorded
    When the incident is assessed before the ICC
    Then the crime "crimes.using_human_shields" is "not_all_elements_shown"
    And the elements still to be shown are "crimes.shields_located", "crimes.shielding_intended" and "crimes.shielding_in_armed_conflict"

  Scenario: Outside the ICC's jurisdiction over the defending party's forces
    Given the defending party forced civilians from other districts into the houses where its fighters were
    And it did so to shield its fighters from attack
    And the defending party's forces were those of a state not party to the Rome Statute
    When the incident is assessed before the ICC
    Then the crime "crimes.using_human_shields" is "not_applicable"
    And the reason given is that there is no ICC jurisdiction on the record

  Scenario Outline: In a non-international armed conflict, before each forum
    Given an air strike in a non-international armed conflict
    And the defending party forced civilians from other districts into the houses where its fighters were
    And it did so to shield its fighters from attack
    When the incident is assessed before <forum>
    Then the crime "crimes.using_human_shields" is "<status>"

    Examples:
      | forum                  | status             |
      | the ICC                | not_applicable     |
      | an ICTY-style tribunal | elements_indicated |

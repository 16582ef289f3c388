Feature: Elements of the war crime of excessive incidental death, injury or damage
  Intentionally launching an attack in the knowledge that it will cause incidental civilian harm clearly
  excessive in relation to the concrete and direct overall military advantage anticipated is a war crime
  in international armed conflict (Rome Statute art. 8(2)(b)(iv)). "Clearly excessive" is a higher
  threshold than the "excessive" of the IHL rule, and the perpetrator must have known it: under footnote
  37 of the Elements, made the value judgement himself or herself on the information then available.
  The engine does not weigh: it reads whether the harm was clearly excessive as recorded. The Statute has
  no counterpart of this crime in non-international armed conflict.

  Background:
    Given the object attacked was an ammunition store in a residential street
    And the attacking party carried out the attack
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And the perpetrator was aware of the armed conflict

  Scenario: Harm known to be clearly excessive
    Given an air strike in an international armed conflict
    And the expected harm was assessed as clearly excessive
    And the perpetrator knew the harm would be clearly excessive
    When the incident is assessed before the ICC
    Then the crime "crimes.excessive_incidental_harm" is "elements_indicated"

  Scenario: Excessive, but not shown to be clearly so
    Given an air strike in an international armed conflict
    And the perpetrator knew the harm would be clearly excessive
    When the incident is assessed before the ICC
    Then the crime "crimes.excessive_incidental_harm" is "not_all_elements_shown"
    And the elements still to be shown are "crimes.harm_clearly_excessive"

  Scenario: No counterpart in a non-international armed conflict
    Given an air strike in a non-international armed conflict
    And the expected harm was assessed as clearly excessive
    And the perpetrator knew the harm would be clearly excessive
    When the incident is assessed before the ICC
    Then the crime "crimes.excessive_incidental_harm" is "not_applicable"
    And the reason given is that the Statute lists this crime for an international armed conflict

  Scenario: Outside the ICC's jurisdiction
    Given an air strike in an international armed conflict
    And the expected harm was assessed as clearly excessive
    And the perpetrator knew the harm would be clearly excessive
    And the attack was carried out by the forces of a state not party to the Rome Statute
    When the incident is assessed before the ICC
    Then the crime "crimes.excessive_incidental_harm" is "not_applicable"
    And the reason given is that there is no ICC jurisdiction on the record

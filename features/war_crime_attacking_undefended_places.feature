Feature: Elements of the war crime of attacking undefended places
  Attacking or bombarding, by whatever means, towns, villages, dwellings or buildings which are undefended
  and which are not military objectives is a war crime in international armed conflict (Rome Statute art.
  8(2)(b)(v)). The Elements of Crimes ask that the place attacked was open for unresisted occupation and
  was not a military objective. The Statute lists no counterpart for non-international armed conflict;
  the ICTY's Statute reaches the same conduct in any armed conflict (its art. 3(c)). Undefended is not
  the same as empty of military objectives: a place that is resisted is defended, whatever it holds.

  Background:
    Given an air strike in an international armed conflict
    And the object attacked was a house in a village the defending forces had left
    And the building struck was a family house
    And the attacking party carried out the attack
    And the attack was directed at a house with no military use
    And the perpetrator was aware of the armed conflict
    And the perpetrator intended the civilian object to be the object of the attack

  Scenario: An undefended village bombarded
    Given the village had been left undefended, open for occupation without resistance
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_undefended_places" is "elements_indicated"
    And no element remains to be shown

  Scenario: Nothing recorded of whether the village was defended
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_undefended_places" is "not_all_elements_shown"
    And the elements still to be shown are "crimes.place_undefended"
    And the evidence that would show it is named

  Scenario: A defended village is not an undefended place, whatever else the attack may be
    Given the village was defended by fighters dug in around it
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_undefended_places" is "elements_not_indicated"
    And the crime "crimes.attacking_civilian_objects" is "elements_indicated"

  Scenario: Before the Statute entered into force
    Given the village had been left undefended, open for occupation without resistance
    And the attack took place in April 1999
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_undefended_places" is "not_applicable"
    And the reason given is that there is no ICC jurisdiction on the record

  Scenario Outline: In a non-international armed conflict, before each forum
    Given an air strike in a non-international armed conflict
    And the village had been left undefended, open for occupation without resistance
    When the incident is assessed before <forum>
    Then the crime "crimes.attacking_undefended_places" is "<status>"

    Examples:
      | forum                  | status             |
      | the ICC                | not_applicable     |
      | an ICTY-style tribunal | elements_indicated |

Feature: Elements of the war crime of destroying an adversary's property
  Destroying or seizing the property of an adversary unless such destruction or seizure be imperatively
  demanded by the necessities of the conflict is a war crime in non-international armed conflict (Rome
  Statute art. 8(2)(e)(xii); CIHL Rule 50). The elements read the destruction of the object struck, its
  owner's side, and whether it was a military objective: the destruction of an object that was not one is
  not required by military necessity. The perpetrator must have known the factual circumstances that made
  the property protected.

  Background:
    Given an air strike in a non-international armed conflict
    And the object attacked was a house on the edge of a village
    And the attacking party carried out the attack
    And the attack was directed at a house with no military use
    And the perpetrator was aware of the armed conflict
    And the perpetrator intended the civilian object to be the object of the attack

  Scenario: An adversary's house destroyed
    Given the house was destroyed
    And the house belonged to a family on the adverse side
    When the incident is assessed before the ICC
    Then the crime "crimes.destroying_adversary_property" is "elements_indicated"
    And no element remains to be shown

  Scenario: Whose the house was is not recorded
    Given the house was destroyed
    And the record does not say whose the house was
    When the incident is assessed before the ICC
    Then the crime "crimes.destroying_adversary_property" is "not_all_elements_shown"
    And the elements still to be shown are "crimes.property_of_adversary"
    And the evidence that would show it is named

  Scenario: Damaged, not destroyed
    Given the house was only lightly damaged, and no one was killed or injured
    And the house belonged to a family on the adverse side
    When the incident is assessed before the ICC
    Then the crime "crimes.destroying_adversary_property" is "elements_not_indicated"
    And the elements still to be shown are "crimes.property_destroyed"

  Scenario: Outside the ICC's jurisdiction
    Given the house was destroyed
    And the house belonged to a family on the adverse side
    And the attack was carried out by the forces of a state not party to the Rome Statute
    When the incident is assessed before the ICC
    Then the crime "crimes.destroying_adversary_property" is "not_applicable"
    And the reason given is that there is no ICC jurisdiction on the record

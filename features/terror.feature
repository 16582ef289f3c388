Feature: Spreading terror among the civilian population
  Acts or threats of violence whose primary purpose is to spread terror among the civilian population
  are prohibited (AP I art. 51(2), second sentence; AP II art. 13(2); CIHL Rule 2), whatever their target.
  The prohibition is one of purpose: the fear that every attack near civilians causes is not enough, and
  the purpose is never assumed from the harm alone.

  Background:
    Given an artillery bombardment in a non-international armed conflict
    And the object attacked was a market street in a besieged town
    And the attacking party carried out the attack

  Scenario: Shelling meant to terrorise the town
    Given the primary purpose of the shelling was to spread terror among the civilian population
    When the incident is assessed
    Then the finding "terror.primary_purpose_of_spreading_terror" is "violation_indicated"

  Scenario: Nothing recorded of the purpose
    Given twelve civilians were killed
    When the incident is assessed
    Then the finding "terror.primary_purpose_of_spreading_terror" is "inconclusive"
    And the missing facts include "attack.primary_purpose_terror"

  Scenario: The shelling had another primary purpose
    Given spreading terror was not the primary purpose of the shelling
    When the incident is assessed
    Then the finding "terror.primary_purpose_of_spreading_terror" is "no_violation_indicated"

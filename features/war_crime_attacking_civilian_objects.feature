Feature: Elements of the war crime of attacking civilian objects
  Intentionally directing attacks against civilian objects, that is, objects which are not military
  objectives, is a war crime in international armed conflict (Rome Statute art. 8(2)(b)(ii)). The Statute
  has no counterpart in non-international armed conflict, where only specially protected objects are
  listed: the engine says so rather than read one in. An ICTY-style tribunal reaches it in any armed
  conflict (art. 3 of its Statute, as the Tadić jurisdiction decision reads it), but only where the attack
  caused death, serious injury or damage of the same gravity (Kordić and Čerkez, appeal judgment, para. 67).

  Background:
    Given the object attacked was a house on the edge of a village
    And the attacking party carried out the attack
    And the attack was directed at a house with no military use
    And the perpetrator was aware of the armed conflict

  Scenario: A house with no military use attacked on purpose
    Given an air strike in an international armed conflict
    And the perpetrator intended the civilian object to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_civilian_objects" is "elements_indicated"

  Scenario: What the perpetrator intended is not recorded
    Given an air strike in an international armed conflict
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_civilian_objects" is "not_all_elements_shown"
    And the elements still to be shown are "crimes.civilian_objects_intended"

  Scenario: No counterpart in a non-international armed conflict
    Given an air strike in a non-international armed conflict
    And the perpetrator intended the civilian object to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_civilian_objects" is "not_applicable"
    And the reason given is that the Statute lists this crime for an international armed conflict

  Scenario: Before the Statute entered into force
    Given an air strike in an international armed conflict
    And the perpetrator intended the civilian object to be the object of the attack
    And the attack took place in April 1999
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_civilian_objects" is "not_applicable"
    And the reason given is that there is no ICC jurisdiction on the record

  Scenario: An ICTY-style tribunal reaches the attack in a non-international armed conflict
    Given an air strike in a non-international armed conflict
    And the perpetrator intended the civilian object to be the object of the attack
    And the house was destroyed
    When the incident is assessed before an ICTY-style tribunal
    Then the crime "crimes.attacking_civilian_objects" is "elements_indicated"

  Scenario: An ICTY-style tribunal requires a result of some gravity
    Given an air strike in an international armed conflict
    And the perpetrator intended the civilian object to be the object of the attack
    And the house was only lightly damaged, and no one was killed or injured
    When the incident is assessed before an ICTY-style tribunal
    Then the crime "crimes.attacking_civilian_objects" is "elements_not_indicated"
    And the elements still to be shown are "crimes.civilian_objects_result"

  Scenario: Before the ICC no result is required
    Given an air strike in an international armed conflict
    And the perpetrator intended the civilian object to be the object of the attack
    And the house was only lightly damaged, and no one was killed or injured
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_civilian_objects" is "elements_indicated"

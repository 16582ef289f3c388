Feature: Elements of the war crime of attacking protected buildings
  Intentionally directing attacks against buildings dedicated to religion, education, art, science or
  charitable purposes, historic monuments, hospitals and places where the sick and wounded are collected,
  provided they are not military objectives, is a war crime in international armed conflict (Rome Statute
  art. 8(2)(b)(ix)) and in non-international armed conflict (art. 8(2)(e)(iv)). The object of the attack
  must have been such a building, and not a military objective. A hospital does not become one merely by
  being used against the enemy: it loses its protection only after a warning setting a reasonable time
  limit has gone unheeded. That the building was not a military objective, and a hospital had kept its
  protection, is an element of the crime: the prosecution must show it, and a record silent on the
  hospital's conduct leaves it not shown.

  Background:
    Given the object attacked was a hospital in a town held by the defending forces
    And the building struck was a hospital
    And the building struck was the attacker's target
    And the attacking party carried out the attack
    And the attack was directed at a house with no military use
    And the perpetrator was aware of the armed conflict

  Scenario: A hospital that had kept its protection attacked on purpose
    Given an air strike in a non-international armed conflict
    And the hospital was used for no act harmful to the enemy
    And the perpetrator intended the civilian object to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_protected_buildings_niac" is "elements_indicated"
    And no element remains to be shown

  Scenario: A UN agency's shelter housed in a school still holding classes is a school too
    Given an air strike in a non-international armed conflict
    And the site struck was a UN agency's shelter housed in a school still holding classes
    And the perpetrator intended the civilian object to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_protected_buildings_niac" is "elements_indicated"
    And the crime "crimes.attacking_humanitarian_mission_niac" is "elements_indicated"

  Scenario: Before an ICTY-style tribunal, recklessness suffices and the element does not claim intent
    Given an air strike in a non-international armed conflict
    And the hospital was used for no act harmful to the enemy
    And the perpetrator acted recklessly as to the civilian object being the object of the attack
    And the hospital was destroyed
    When the incident is assessed before an ICTY-style tribunal
    Then the crime "crimes.attacking_protected_buildings_niac" is "elements_indicated"
    And the element "crimes.civilian_objects_intended" is shown, worded "The perpetrator acted wilfully (with intent or recklessly) towards the civilian objects as the object of the attack"

  Scenario: Before the ICC, recklessness falls short of intent
    Given an air strike in a non-international armed conflict
    And the hospital was used for no act harmful to the enemy
    And the perpetrator acted recklessly as to the civilian object being the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_protected_buildings_niac" is "elements_not_indicated"

  Scenario: Neither what the perpetrator intended nor the hospital's conduct is recorded
    Given an air strike in a non-international armed conflict
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_protected_buildings_niac" is "not_all_elements_shown"
    And the elements still to be shown are "crimes.protected_building_not_military_objective" and "crimes.civilian_objects_intended"
    And the evidence that would show it is named

  Scenario: A hospital that had lost its protection after an unheeded warning
    Given an air strike in a non-international armed conflict
    And the hospital was used to fire on the attacking forces
    And a warning setting a reasonable time limit was given and went unheeded
    And the perpetrator intended the civilian object to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_protected_buildings_niac" is "elements_not_indicated"

  Scenario: A mosque struck on purpose, in an international armed conflict
    Given an air strike in an international armed conflict
    And the building struck was a mosque
    And the perpetrator intended the civilian object to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_protected_buildings_iac" is "elements_indicated"
    And the crime "crimes.attacking_protected_buildings_niac" is "not_applicable"

  Scenario: A protected building struck while the attack was aimed elsewhere
    Given an air strike in a non-international armed conflict
    And the building struck was not the attacker's target
    And the perpetrator intended the civilian object to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_protected_buildings_niac" is "elements_not_indicated"

  Scenario: A family house struck is not a protected building: the crime is not applicable
    Given an air strike in a non-international armed conflict
    And the building struck was a family house
    And the perpetrator intended the civilian object to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_protected_buildings_niac" is "not_applicable"
    And the reason given is that the object struck was not a building dedicated to religion, education, art or science

  Scenario: Before the Statute entered into force
    Given an air strike in a non-international armed conflict
    And the perpetrator intended the civilian object to be the object of the attack
    And the attack took place in April 1999
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_protected_buildings_niac" is "not_applicable"
    And the reason given is that there is no ICC jurisdiction on the record

  Scenario Outline: Before an ICTY-style tribunal, the attack must have caused grave harm
    Given an air strike in a non-international armed conflict
    And the hospital was used for no act harmful to the enemy
    And the perpetrator intended the civilian object to be the object of the attack
    And <outcome>
    When the incident is assessed before an ICTY-style tribunal
    Then the crime "crimes.attacking_protected_buildings_niac" is "<status>"

    Examples:
      | outcome                                                             | status                 |
      | the house was destroyed                                             | elements_indicated     |
      | the house was only lightly damaged, and no one was killed or injured | elements_not_indicated |

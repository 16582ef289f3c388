Feature: Humanitarian relief, peacekeeping sites, journalists and media
  Humanitarian relief personnel and objects must be respected and protected; a UN agency's shelter is a
  relief object, not a peacekeeping site. The personnel and objects of a peacekeeping mission may not be
  attacked as long as they are entitled to the protection given to civilians and civilian objects. Journalists on professional missions are civilians, protected unless and for such time
  as they take a direct part in hostilities; a media facility is a civilian object unless it has become a
  military objective.
  Sources: AP I arts 70, 71, 79; CIHL Rules 7, 31-34; Rome Statute art. 8(2)(b)(iii), (e)(iii).

  Background:
    Given an air strike in a non-international armed conflict
    And the object attacked was a building in a city

  Scenario: A UN school used as a shelter, with no military use, is attacked
    Given the attack was directed at an object
    And the building struck was the attacker's target
    And the site struck was a UN school used as a shelter
    And the object made no effective contribution to military action
    When the incident is assessed
    Then the finding "relief.attack_on_relief_site" is "violation_indicated"

  Scenario: A relief site that had become a military objective
    Given the attack was directed at an object
    And the building struck was the attacker's target
    And the site struck was a UN school used as a shelter
    And the object made an effective contribution to military action
    And its destruction offered a definite military advantage
    When the incident is assessed
    Then the finding "relief.attack_on_relief_site" is "no_violation_indicated"

  Scenario: Whether the relief site had a military use is not recorded
    Given the attack was directed at an object
    And the building struck was the attacker's target
    And the site struck was a UN school used as a shelter
    When the incident is assessed
    Then the finding "relief.attack_on_relief_site" is "inconclusive"

  Scenario: A UN agency's shelter is protected as a relief object, not as a peacekeeping site
    Given the attack was directed at an object
    And the building struck was the attacker's target
    And the site struck was a UN school used as a shelter
    And the object made no effective contribution to military action
    When the incident is assessed
    Then the finding "relief.attack_on_relief_site" is "violation_indicated"
    And it cites "CIHL Rule 32"
    And the finding "relief.attack_on_peacekeeping_site" is "not_applicable"

  Scenario: A peacekeeping mission's compound with no military use is attacked
    Given the attack was directed at an object
    And the building struck was the attacker's target
    And the site struck was the compound of a UN peacekeeping mission
    And the object made no effective contribution to military action
    When the incident is assessed
    Then the finding "relief.attack_on_peacekeeping_site" is "violation_indicated"
    And it cites "CIHL Rule 33"
    And the finding "relief.attack_on_relief_site" is "not_applicable"

  Scenario: Journalists who took no direct part in hostilities are attacked
    Given the attack was directed at persons
    And the persons attacked were journalists on a professional mission
    And their acts were not likely to cause harm reaching the required threshold
    When the incident is assessed
    Then the finding "journalists.attack_on_journalists" is "violation_indicated"

  Scenario: Journalists attacked while taking a direct part in hostilities
    Given the attack was directed at persons
    And the persons attacked were journalists on a professional mission
    And their acts were likely to cause harm reaching the required threshold
    And that harm would result directly from their acts
    And their acts were designed to support one party against another
    And they were attacked while taking that part
    When the incident is assessed
    Then the finding "journalists.attack_on_journalists" is "no_violation_indicated"

  Scenario: A television station that was not a military objective is attacked
    Given the attack was directed at an object
    And the building struck was the attacker's target
    And the building struck was a television station
    And the object made no effective contribution to military action
    When the incident is assessed
    Then the finding "journalists.attack_on_media_facility" is "violation_indicated"

  Scenario: Neither journalists nor a media facility
    Given the attack was directed at persons
    And the persons attacked were not journalists
    And the building struck was a family house
    When the incident is assessed
    Then the finding "journalists.attack_on_journalists" is "not_applicable"
    And the finding "journalists.attack_on_media_facility" is "not_applicable"

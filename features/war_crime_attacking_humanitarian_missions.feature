Feature: Elements of the war crime of attacking a humanitarian assistance or peacekeeping mission
  Intentionally directing attacks against personnel, installations, material, units or vehicles involved
  in a humanitarian assistance or peacekeeping mission in accordance with the Charter of the United
  Nations, as long as they are entitled to the protection given to civilians or civilian objects, is a war
  crime in international armed conflict (Rome Statute art. 8(2)(b)(iii)) and in non-international armed
  conflict (art. 8(2)(e)(iii)). The site must have been the object of the attack and not a military
  objective, and the perpetrator aware of what established its protection. Where no such site was struck,
  the crime is not applicable; it is not merely unproven. A site is read by what it is and by what it was
  in use as at the time (a school used as a UN shelter); an attack on persons leaves the crime open until
  the record says whether they were the mission's personnel.

  Background:
    Given the object attacked was a relief warehouse beside a road
    And the attack was directed at an object
    And the building struck was the attacker's target
    And the attacking party carried out the attack
    And the perpetrator was aware of the armed conflict

  Scenario: A UN relief site with no military use attacked on purpose
    Given an air strike in a non-international armed conflict
    And the site struck was a UN school used as a shelter
    And the object made no effective contribution to military action
    And the perpetrator intended the civilian object to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_humanitarian_mission_niac" is "elements_indicated"
    And no element remains to be shown

  Scenario: What the perpetrator intended and knew is not recorded
    Given an air strike in a non-international armed conflict
    And the site struck was a UN school used as a shelter
    And the object made no effective contribution to military action
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_humanitarian_mission_niac" is "not_all_elements_shown"
    And the elements still to be shown are "crimes.humanitarian_mission_intended" and "crimes.aware_of_mission_protection"
    And the evidence that would show it is named

  Scenario: A school that a UN agency was using as a shelter is the mission's installation
    Given an air strike in a non-international armed conflict
    And the building struck was a school that a UN agency was using as a shelter
    And the object made no effective contribution to military action
    And the perpetrator intended the civilian object to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_humanitarian_mission_niac" is "elements_indicated"
    And the crime "crimes.attacking_protected_buildings_niac" is "elements_indicated"

  Scenario: Aid workers fired on in a civilian car: whether they were the mission's personnel is still to be shown
    Given an air strike in a non-international armed conflict
    And aid workers were fired on in a civilian car
    And the perpetrator intended the civilian object to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_humanitarian_mission_niac" is "not_all_elements_shown"

  Scenario: Staff of a UN relief agency fired on in a civilian car
    Given an air strike in a non-international armed conflict
    And aid workers were fired on in a civilian car
    And the persons attacked were staff of a UN relief agency
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_humanitarian_mission_niac" is "not_all_elements_shown"
    And the elements still to be shown are "crimes.mission_entitled_to_civilian_protection", "crimes.humanitarian_mission_intended" and "crimes.aware_of_mission_protection"

  Scenario: A peacekeeping compound that had become a military objective
    Given an air strike in an international armed conflict
    And the site struck was the compound of a UN peacekeeping mission
    And the object made an effective contribution to military action
    And its destruction offered a definite military advantage
    And the perpetrator intended the civilian object to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_humanitarian_mission_iac" is "elements_not_indicated"

  Scenario: A peacekeeping compound with no military use, in an international armed conflict
    Given an air strike in an international armed conflict
    And the site struck was the compound of a UN peacekeeping mission
    And the object made no effective contribution to military action
    And the perpetrator intended the civilian object to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_humanitarian_mission_iac" is "elements_indicated"
    And the crime "crimes.attacking_humanitarian_mission_niac" is "not_applicable"

  Scenario: No relief or peacekeeping site was struck
    Given an air strike in a non-international armed conflict
    And the building struck was a family house
    And the perpetrator intended the civilian object to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_humanitarian_mission_niac" is "not_applicable"
    And the reason given is that the object struck was neither a humanitarian relief site nor a peacekeeping site

  Scenario: Before the Statute entered into force
    Given an air strike in a non-international armed conflict
    And the site struck was a UN school used as a shelter
    And the object made no effective contribution to military action
    And the perpetrator intended the civilian object to be the object of the attack
    And the attack took place in April 1999
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_humanitarian_mission_niac" is "not_applicable"
    And the reason given is that there is no ICC jurisdiction on the record

Feature: Objects indispensable to survival, and works containing dangerous forces
  A drinking water installation, food stores, crops and livestock may not be attacked unless the adverse
  party uses them solely to feed its forces or in direct support of military action, and even then never
  so as to leave the civilian population without food or water; the party invoking that exception must
  show it. A dam, a dyke or a nuclear power station may not be attacked where the attacker knew or should
  have known that the attack might release dangerous forces and cause severe civilian losses. In an
  international armed conflict its protection ceases only where a dam or dyke was used for other than its
  normal function, or a nuclear power station provided electric power, in regular, significant and direct
  support of military operations, and the attack was the only feasible way to end that support; in a
  non-international armed conflict Additional Protocol II states the prohibition without exception.
  Sources: AP I arts 54, 56; AP II arts 14, 15; CIHL Rules 42, 53, 54.

  Background:
    Given an air strike in a non-international armed conflict
    And the object attacked was an installation on the edge of a town
    And the attack was directed at an object
    And the building struck was the attacker's target

  Scenario: A drinking water station with no military use is attacked
    Given the installation struck was the town's drinking water pumping station
    And the adverse party used the installation for no military purpose
    When the incident is assessed
    Then the finding "survival_and_dangerous_forces.attack_on_indispensable_object" is "violation_indicated"
    And it is established on the record

  Scenario: Nothing is recorded about the use: the exception is the attacker's to show
    Given the installation struck was the town's drinking water pumping station
    And the record does not say how the adverse party used the installation
    When the incident is assessed
    Then the finding "survival_and_dangerous_forces.attack_on_indispensable_object" is "violation_indicated"
    And it holds prima facie, rebuttable by "survival_and_dangerous_forces.indispensable_exception"

  Scenario: Used in direct support of military action, the town's water supply left intact
    Given the installation struck was the town's drinking water pumping station
    And the adverse party used the installation in direct support of military action
    And the attacker knew that the attack left the town's water supply intact
    When the incident is assessed
    Then the finding "survival_and_dangerous_forces.attack_on_indispensable_object" is "no_violation_indicated"

  Scenario: Used in direct support of military action, but the town was left without drinking water
    Given the installation struck was the town's drinking water pumping station
    And the adverse party used the installation in direct support of military action
    And the attacker knew that the attack left the town without drinking water
    When the incident is assessed
    Then the finding "survival_and_dangerous_forces.attack_on_indispensable_object" is "violation_indicated"

  Scenario: A dam whose breach the attacker should have known would flood the town
    Given an air strike in an international armed conflict
    And the installation struck was a dam upstream of a town
    And the attacker should have known that breaching the dam would flood the town below
    When the incident is assessed
    Then the finding "survival_and_dangerous_forces.attack_releasing_dangerous_forces" is "violation_indicated"
    And it holds prima facie, rebuttable by "survival_and_dangerous_forces.protection_of_work_ceased"

  Scenario: The dam's protection had ceased in an international armed conflict
    Given an air strike in an international armed conflict
    And the installation struck was a dam upstream of a town
    And the attacker should have known that breaching the dam would flood the town below
    And the dam was used for other than its normal function
    And the dam was used in regular, significant and direct support of military operations
    And the attack was the only feasible way to end that support
    When the incident is assessed
    Then the finding "survival_and_dangerous_forces.attack_releasing_dangerous_forces" is "no_violation_indicated"

  Scenario: A dam that supports military operations only by doing its normal work keeps its protection
    Given an air strike in an international armed conflict
    And the installation struck was a dam upstream of a town
    And the attacker should have known that breaching the dam would flood the town below
    And the dam was used for nothing but holding back the river
    And the dam was used in regular, significant and direct support of military operations
    And the attack was the only feasible way to end that support
    When the incident is assessed
    Then the finding "survival_and_dangerous_forces.attack_releasing_dangerous_forces" is "violation_indicated"
    And it is established on the record

  Scenario: A nuclear power station loses its protection only by the electric power it provides
    Given an air strike in an international armed conflict
    And the installation struck was a nuclear electrical generating station near a town
    And the attacker knew that striking the station might release radioactive material over the town
    And the station provided electric power in regular, significant and direct support of military operations
    And the attack was the only feasible way to end that support
    When the incident is assessed
    Then the finding "survival_and_dangerous_forces.attack_releasing_dangerous_forces" is "no_violation_indicated"

  Scenario: In a non-international armed conflict the protection of a dam admits no exception
    Given the installation struck was a dam upstream of a town
    And the attacker should have known that breaching the dam would flood the town below
    And the dam was used for other than its normal function
    And the dam was used in regular, significant and direct support of military operations
    And the attack was the only feasible way to end that support
    When the incident is assessed
    Then the finding "survival_and_dangerous_forces.attack_releasing_dangerous_forces" is "violation_indicated"
    And it is established on the record

  Scenario: Whether the attacker knew of the danger of flooding is not recorded
    Given the installation struck was a dam upstream of a town
    And breaching the dam would flood the town below, but the record does not say whether the attacker knew it
    When the incident is assessed
    Then the finding "survival_and_dangerous_forces.attack_releasing_dangerous_forces" is "inconclusive"

  Scenario: The regimes do not decide an attack on a house
    Given the building struck was a family house
    When the incident is assessed
    Then the finding "survival_and_dangerous_forces.attack_on_indispensable_object" is "not_applicable"
    And the finding "survival_and_dangerous_forces.attack_releasing_dangerous_forces" is "not_applicable"

Feature: Rebuttable presumptions
  Investigators record what they observed: what was struck, who was seen there, what could be seen from
  the air, the weapon and the distances. The engine derives legal elements from those observations by
  rebuttable presumptions (rules/05_presumptions.yaml), as human-rights bodies and tribunals reason from
  circumstances. A recorded observation or a body's recorded assessment of the element always takes
  precedence; the presumption only fills what the record leaves open. A finding that rests on a
  presumption is shown as prima facie, naming the presumption, which the record can rebut.
  Sources: AP I arts 51(4)(c), 52(3), 57(2)(a)(i); CIHL Rules 7, 10, 12, 16; ICTY, Galić, trial
  judgment; Political Declaration on explosive weapons in populated areas (2022), para. 1.2.

  Background:
    Given an air strike in a non-international armed conflict
    And the object attacked was a house on a main road

  # ---------------------------------------------------------------- a civilian object, no military objective

  Scenario: A family house, nothing military found, and the attacker named no objective
    Given the building struck was a family house
    And investigators who visited the site found no fighters, weapons or military use
    And the attacker, asked about the strike, named no military objective
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it rests on the presumption "presumption.no_military_objective_indicated"
    And it rests on the presumption "presumption.attack_directed_at_object_struck"
    And it holds prima facie, rebuttable by "presumption.no_military_objective_indicated"

  Scenario: The presumption is rebutted by fighters seen at the building
    Given the building struck was a family house
    And witnesses saw fighters at the building before the attack
    And the attacker, asked about the strike, named no military objective
    When the incident is assessed
    Then the trace shows the presumption "presumption.no_military_objective_indicated" fails
    And the finding "distinction.target_was_military_objective" is "inconclusive"

  Scenario: The attacker names its objective
    Given the building struck was a family house
    And investigators who visited the site found no fighters, weapons or military use
    And the attacker, asked about the strike, named its military objective
    When the incident is assessed
    Then the trace shows the presumption "presumption.no_military_objective_indicated" fails
    And the finding "distinction.target_was_military_objective" is "inconclusive"

  Scenario: Whether the attacker was asked is not recorded
    Given the building struck was a family house
    And investigators who visited the site found no fighters, weapons or military use
    And the record does not say whether the attacker was asked about the strike
    When the incident is assessed
    Then the trace shows the presumption "presumption.no_military_objective_indicated" unknown

  Scenario: A recorded contribution to military action takes precedence over the presumption
    Given the building struck was a family house
    And investigators who visited the site found no fighters, weapons or military use
    And the attacker, asked about the strike, named no military objective
    And the object made an effective contribution to military action
    And its destruction offered a definite military advantage
    And no doubt about the target remained when the attack was launched
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "no_violation_indicated"
    And it does not rest on the presumption "presumption.no_military_objective_indicated"

  # Fire that can land far from its aim says little about what it was aimed at.
  Scenario Outline: Fire that may strike far from its aim
    Given the building struck was a family house
    And <fire>
    When the incident is assessed
    Then the trace shows the presumption "presumption.attack_directed_at_object_struck" not_applicable

    Examples:
      | fire                                                        |
      | the shells were fired without observation of the point struck |
      | the munition had a margin of error of 150 metres            |

  Scenario: The object struck was not the attacker's target
    Given the building struck was a family house
    And the building struck was not the attacker's target
    When the incident is assessed
    Then the trace shows the presumption "presumption.normally_civilian_object" not_applicable
    And the trace shows the presumption "presumption.attack_directed_at_object_struck" not_applicable

  Scenario: What kind of object was struck is not recorded
    Given the record does not say what kind of object was struck
    When the incident is assessed
    Then the trace shows the presumption "presumption.normally_civilian_object" unknown

  # ---------------------------------------------------------------- what the attacker should have known

  Scenario: Civilians visible to a drone overhead, no warning
    Given the attack was directed at a weapons depot of the opposing forces
    And civilians were present, but the record does not say whether the attacker knew it
    And their presence could be observed
    And a drone was heard overhead for hours before the attack
    And no warning was given
    And circumstances permitted a warning
    When the incident is assessed
    Then the finding "precautions.effective_warning" is "violation_indicated"
    And it rests on the presumption "presumption.constructive_knowledge_of_civilians"

  Scenario: What the attacker knew is recorded, and takes precedence
    Given the attack was directed at a weapons depot of the opposing forces
    And the attacker could not have known that civilians were present
    And their presence could be observed
    And a drone was heard overhead for hours before the attack
    And no civilian objects were nearby
    And no warning was given
    When the incident is assessed
    Then the finding "precautions.effective_warning" is "not_applicable"

  # Whoever aims at a particular object must do everything feasible to verify it (AP I art. 57(2)(a)(i)):
  # what such verification would have shown, the attacker should have known, unless it shows otherwise.
  Scenario: An attack aimed at a particular object, with no record of how the attacker watched it
    Given the attack was directed at a weapons depot of the opposing forces
    And civilians were present, but the record does not say whether the attacker knew it
    And their presence could be observed
    And the record does not say how the attacker watched the place
    When the incident is assessed
    Then the trace shows the presumption "presumption.constructive_knowledge_of_civilians" holds

  Scenario: Neither the target nor how the attacker watched the place is recorded
    Given civilians were present, but the record does not say whether the attacker knew it
    And their presence could be observed
    And the record does not say how the attacker watched the place
    When the incident is assessed
    Then the trace shows the presumption "presumption.constructive_knowledge_of_civilians" unknown

  # Buildings are seen by whoever observes a place: homes standing next to a target the attacker aimed at
  # are presumed known to it, unless it shows they could not be seen or identified as civilian.
  Scenario: Civilian homes next to a depot the attacker aimed at
    Given the attack was directed at a weapons depot of the opposing forces
    And civilian homes stood next to the target, but the record does not say whether the attacker knew it
    And no civilians were present
    And the record does not say how the attacker watched the place
    When the incident is assessed
    Then the trace shows the presumption "presumption.constructive_knowledge_of_civilian_objects" holds
    # A warning is owed for attacks that may affect the civilian population, not for buildings alone.
    And the finding "precautions.effective_warning" is "not_applicable"

  Scenario: On the reading that judges the attacker on the information it had, aiming is not observing
    Given the attack was directed at a weapons depot of the opposing forces
    And civilian homes stood next to the target, but the record does not say whether the attacker knew it
    And the record does not say how the attacker watched the place
    When the incident is assessed on the United Kingdom's reading
    Then the trace shows the presumption "presumption.constructive_knowledge_of_civilian_objects" unknown

  Scenario: Neither the target nor how the attacker watched the homes is recorded
    Given civilian homes stood next to the target, but the record does not say whether the attacker knew it
    And the record does not say how the attacker watched the place
    When the incident is assessed
    Then the trace shows the presumption "presumption.constructive_knowledge_of_civilian_objects" unknown

  # ---------------------------------------------------------------- a reasonable mistake defeated

  Scenario: Civilians visibly sheltering in a house under surveillance
    Given the building struck was a shelter
    And investigators who visited the site found no fighters, weapons or military use
    And the attacker, asked about the strike, named no military objective
    And civilians were present
    And their presence could be observed
    And the attacker had the place under sustained surveillance
    When the incident is assessed
    Then the trace shows the presumption "presumption.reasonable_mistake_defeated" holds
    And the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it rests on the presumption "presumption.reasonable_mistake_defeated"

  Scenario: Fighters seen there could have made the target appear lawful
    Given the building struck was a shelter
    And civilians were present
    And their presence could be observed
    And the attacker had the place under sustained surveillance
    And witnesses saw fighters at the building before the attack
    When the incident is assessed
    Then the trace shows the presumption "presumption.reasonable_mistake_defeated" fails

  # ---------------------------------------------------------------- verification

  Scenario: Civilians observable at a house where no military objective is indicated
    Given the building struck was a family house
    And investigators who visited the site found no fighters, weapons or military use
    And the attacker, asked about the strike, named no military objective
    And civilians were present
    And their presence could be observed
    When the incident is assessed
    Then the finding "precautions.verification" is "violation_indicated"
    And it rests on the presumption "presumption.verification_failed"

  # ---------------------------------------------------------------- alternatives recorded

  # AP I art. 57(2)(a)(ii): an alternative recorded as available, less harmful and feasible is presumed
  # to be the less harmful feasible alternative the rule asks about; a recorded finding rebuts it.
  Scenario Outline: A less harmful alternative recorded as structured facts
    Given the object attacked was a vehicle yard beside a market
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And <alternative>
    When the incident is assessed
    Then the finding "precautions.means_and_methods" is "<status>"

    Examples:
      | alternative                                                                                         | status                 |
      | striking at night, when the market was empty, is recorded as available, less harmful and feasible  | violation_indicated    |
      | striking at night is recorded as available and less harmful, but whether it was feasible is not     | inconclusive           |

  Scenario: A recorded finding that no less harmful means was feasible rebuts the alternative recorded
    Given the object attacked was a vehicle yard beside a market
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And striking at night, when the market was empty, is recorded as available, less harmful and feasible
    And no less harmful means or method was feasible
    When the incident is assessed
    Then the finding "precautions.means_and_methods" is "no_violation_indicated"

  # AP I art. 57(3): a less dangerous objective for a similar advantage, recorded as available.
  Scenario: A less dangerous objective for a similar military advantage was available
    Given the attack was directed at a weapons depot of the opposing forces
    And a depot outside the town, for a similar military advantage, is recorded as available, less dangerous and feasible
    When the incident is assessed
    Then the finding "precautions.choice_of_objective" is "violation_indicated"
    And it rests on the presumption "presumption.less_dangerous_objective_not_chosen"

  # ---------------------------------------------------------------- wide-area effects

  Scenario Outline: Wide-area effects from the weapon and the distance to civilians
    Given <accuracy>
    And the munition carried 20 kilograms of explosive
    And a single munition was used
    And <distance>
    When the incident is assessed
    Then the trace shows the presumption "presumption.wide_area_effects" <outcome>

    Examples:
      | accuracy                                        | distance                                                      | outcome |
      | the munition had a margin of error of 150 metres | the nearest civilians were 20 metres from the point of impact | holds   |
      | the munition had a margin of error of 5 metres   | the nearest civilians were 20 metres from the point of impact | fails   |
      | the munition had a margin of error of 150 metres | the nearest civilians were 2 kilometres from the point of impact | fails |
      | the munition had a margin of error of 150 metres | the record does not say how far the nearest civilians were    | unknown |

  Scenario: A large guided bomb still has wide-area effects near civilians
    Given the munition had a margin of error of 5 metres
    And the munition carried 430 kilograms of explosive
    And the nearest civilians were 20 metres from the point of impact
    When the incident is assessed
    Then the trace shows the presumption "presumption.wide_area_effects" holds

  Scenario: Effects shown to be confined take precedence over the presumption
    Given the munition had a margin of error of 150 metres
    And the nearest civilians were 20 metres from the point of impact
    And the munition's effects were shown to be confined to the objective
    And the weapon was unguided
    And the area was densely populated
    When the incident is assessed
    Then the finding "indiscriminate.means_cannot_be_directed_or_limited" is not "violation_indicated"

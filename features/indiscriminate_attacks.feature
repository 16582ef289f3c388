Feature: Indiscriminate attacks
  Indiscriminate attacks are prohibited: attacks not directed at a specific military objective, attacks
  with a method or means of combat that cannot be so directed, and attacks with a method or means whose
  effects cannot be limited as international humanitarian law requires, so that they are of a nature
  to strike military objectives and civilians or civilian objects without distinction. An area
  bombardment, treating as one objective several clearly separated military objectives in a town or
  another concentration of civilians, is one kind.

  Findings: indiscriminate.not_directed_at_specific_objective,
  indiscriminate.means_cannot_be_directed_or_limited, indiscriminate.area_bombardment.
  Sources: AP I art. 51(4)-(5)(a); CIHL Rules 11, 12, 13.

  Background:
    Given an artillery bombardment in a non-international armed conflict
    And the object attacked was a street of shops and flats

  # AP I art. 51(4)(a); CIHL Rule 12(a).
  Scenario Outline: An attack must be aimed at a specific military objective
    Given <aim>
    When the incident is assessed
    Then the finding "indiscriminate.not_directed_at_specific_objective" is "<status>"

    Examples:
      | aim                                                         | status                 |
      | the attack was aimed at a specific military objective       | no_violation_indicated |
      | the attack was not aimed at any specific military objective | violation_indicated    |
      | the record does not say at what the attack was aimed        | inconclusive           |

  Scenario: What the shelling was aimed at is not recorded
    Given the record does not say at what the attack was aimed
    When the incident is assessed
    Then the finding "indiscriminate.not_directed_at_specific_objective" is "inconclusive"
    And the missing facts include "attack.directed_at_specific_objective"

  # AP I art. 51(4)(b)-(c); CIHL Rule 12(b)-(c).
  Scenario Outline: A means that cannot be directed, or whose effects cannot be limited
    Given the weapon was guided
    And the weapon had no wide-area effects
    And <direction>
    And <effects>
    When the incident is assessed
    Then the finding "indiscriminate.means_cannot_be_directed_or_limited" is "<status>"

    Examples:
      | direction                                                                                     | effects                                                      | status                 |
      | the weapon could not be directed at a specific military objective                             | its effects could be limited                                 | violation_indicated    |
      | the weapon could be directed at a specific military objective                                 | its effects could not be limited                             | violation_indicated    |
      | the weapon could be directed at a specific military objective                                 | its effects could be limited                                 | no_violation_indicated |
      | the record does not say whether the weapon could be directed at a specific military objective | its effects could be limited                                 | inconclusive           |
      | the weapon could be directed at a specific military objective                                 | the record does not say whether its effects could be limited | inconclusive           |

  # Contested: no treaty rule prohibits explosive weapons with wide-area effects in populated areas as
  # such. The engine takes the position of the ICRC and the UN, who call for such use to be avoided: a
  # weapon with wide-area effects, used in a populated area, is a means whose effects cannot be limited
  # there. It is a policy position, not the law as states have stated it (the 2022 Political Declaration
  # is not legally binding and says only that the risks increase with explosive power, accuracy and the
  # number of munitions), and the finding says so. Guidance bears on accuracy only, not on blast and
  # fragmentation.
  Scenario: Unguided rockets with wide-area effects fired into a crowded neighbourhood
    Given the weapon was unguided
    And the weapon had wide-area effects
    And the area was densely populated
    When the incident is assessed
    Then the finding "indiscriminate.means_cannot_be_directed_or_limited" is "violation_indicated"
    And the key facts include "civilians.populated_area"

  Scenario: A large guided bomb with wide-area effects dropped on a dense street
    Given the weapon was guided
    And the weapon had wide-area effects
    And the area was densely populated
    And the weapon could be directed at a specific military objective
    When the incident is assessed
    Then the finding "indiscriminate.means_cannot_be_directed_or_limited" is "violation_indicated"
    And the key facts include "attack.weapon.wide_area_effects"
    And the finding is marked contested as "the position of the ICRC and the UN"

  Scenario Outline: Wide-area weapons, and where they were used
    Given <guidance>
    And <effects of the weapon>
    And <area>
    And the weapon could be directed at a specific military objective
    And its effects could be limited
    When the incident is assessed
    Then the finding "indiscriminate.means_cannot_be_directed_or_limited" is "<status>"

    Examples:
      | guidance                                              | effects of the weapon               | area                                                   | status                 |
      | the weapon was unguided                               | the weapon had wide-area effects    | the area was densely populated                         | violation_indicated    |
      | the weapon was guided                                 | the weapon had wide-area effects    | the area was densely populated                         | violation_indicated    |
      | the weapon was unguided                               | the weapon had no wide-area effects | the area was densely populated                         | no_violation_indicated |
      | the weapon was guided                                 | the weapon had no wide-area effects | the area was densely populated                         | no_violation_indicated |
      | the weapon was unguided                               | the weapon had wide-area effects    | the area was not populated                             | no_violation_indicated |
      | the weapon was unguided                               | the weapon had wide-area effects    | the record does not say whether the area was populated | inconclusive           |
      | the record does not say whether the weapon was guided | the weapon had wide-area effects    | the area was densely populated                         | violation_indicated    |

  Scenario: Whether the shelled area was populated is not recorded
    Given the weapon was unguided
    And the weapon had wide-area effects
    And the record does not say whether the area was populated
    And the weapon could be directed at a specific military objective
    And its effects could be limited
    When the incident is assessed
    Then the finding "indiscriminate.means_cannot_be_directed_or_limited" is "inconclusive"
    And the missing facts include "civilians.populated_area"
    And the missing facts do not include "attack.weapon.guided"

  Scenario: Nothing is recorded about the weapon
    When the incident is assessed
    Then the finding "indiscriminate.means_cannot_be_directed_or_limited" is "inconclusive"
    And the missing facts include "attack.weapon.wide_area_effects"
    And the missing facts include "attack.cannot_be_directed_at_specific_objective"
    And the missing facts include "attack.effects_cannot_be_limited"

  # AP I art. 51(5)(a); CIHL Rule 13.
  Scenario Outline: Separate military objectives in a town bombarded as one
    Given <targeting>
    And <area>
    When the incident is assessed
    Then the finding "indiscriminate.area_bombardment" is "<status>"

    Examples:
      | targeting                                                                       | area                                                   | status                 |
      | separate military objectives across the town were treated as a single objective | the area was densely populated                         | violation_indicated    |
      | separate military objectives across the town were treated as a single objective | the area was not populated                             | no_violation_indicated |
      | each military objective was attacked on its own                                 | the area was densely populated                         | no_violation_indicated |
      | the record does not say how the military objectives were targeted               | the area was densely populated                         | inconclusive           |
      | separate military objectives across the town were treated as a single objective | the record does not say whether the area was populated | inconclusive           |

  Scenario: How the objectives in the town were targeted is not recorded
    Given the record does not say how the military objectives were targeted
    And the area was densely populated
    When the incident is assessed
    Then the finding "indiscriminate.area_bombardment" is "inconclusive"
    And the missing facts include "attack.separate_objectives_treated_as_one"
    And the missing facts do not include "civilians.populated_area"

Feature: Proportionality
  Launching an attack which may be expected to cause incidental loss of civilian life, injury to
  civilians, damage to civilian objects, or a combination of these, which would be excessive in
  relation to the concrete and direct military advantage anticipated, is prohibited.

  The test is judged beforehand, on what the attacker knew or should reasonably have known when it
  decided to attack (the reasonable commander). Harm that occurred is evidence of what could be
  expected, not the test: a fact the attacker could not have known is left out of the weighing. The
  engine does not weigh harm against advantage itself; it reads the weighing recorded, with its
  sources. Proportionality governs attacks on lawful targets; an attack on civilians or civilian
  objects is a matter for distinction.

  Finding: proportionality.excessive_incidental_harm (a violation is indicated when excessive
  incidental harm was to be expected).
  Sources: AP I arts 51(5)(b), 57(2)(a)(iii); CIHL Rule 14; ICTY, Prosecutor v. Galić, trial judgment
  (5 Dec 2003).

  Background:
    Given an air strike in an international armed conflict

  Scenario Outline: Civilian harm expected before the attack, weighed against the advantage anticipated
    Given the object attacked was a depot on the edge of a town
    And the attack was directed at a weapons depot of the opposing forces
    And <what the attacker knew>
    And <the weighing recorded>
    When the incident is assessed
    Then the finding "proportionality.excessive_incidental_harm" is "<status>"

    Examples:
      | what the attacker knew                                         | the weighing recorded                                                                          | status                 |
      | the attacker knew that civilians were present                  | the expected civilian harm was excessive in relation to the military advantage anticipated     | violation_indicated    |
      | the attacker knew that civilians were present                  | the expected civilian harm was not excessive in relation to the military advantage anticipated | no_violation_indicated |
      | the attacker knew that civilians were present                  | the record does not say whether the expected civilian harm was excessive                       | inconclusive           |
      | the attacker should have known that civilians were present     | the expected civilian harm was excessive in relation to the military advantage anticipated     | violation_indicated    |
      | the attacker knew that civilian homes stood next to the target | the expected civilian harm was excessive in relation to the military advantage anticipated     | violation_indicated    |

  Scenario: The weighing of harm against advantage is not recorded
    Given the object attacked was a depot on the edge of a town
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And the record does not say whether the expected civilian harm was excessive
    When the incident is assessed
    Then the finding "proportionality.excessive_incidental_harm" is "inconclusive"
    And the missing facts include "proportionality.expected_harm_excessive"

  Scenario: No civilians and no civilian objects near the target
    Given the object attacked was a depot on the edge of a town
    And the attack was directed at a weapons depot of the opposing forces
    And no civilians were present
    And no civilian objects were nearby
    When the incident is assessed
    Then the finding "proportionality.excessive_incidental_harm" is "no_violation_indicated"

  # Ex ante: harm that occurred is not the test (Galić, trial judgment). Civilians the attacker could not have
  # known of are left out of the weighing, however many died.
  Scenario: Civilians killed whom the attacker could not have known were there
    Given the object attacked was a depot on the edge of a town
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker could not have known that civilians were present
    And it came to light only afterwards that civilians were present
    And no civilian objects were nearby
    And twelve civilians were killed
    When the incident is assessed
    Then the finding "proportionality.excessive_incidental_harm" is "no_violation_indicated"
    And the excluded facts include "civilians.present@time"

  Scenario: Civilians found only afterwards, whom the attacker should have known were there
    Given the object attacked was a depot on the edge of a town
    And the attack was directed at a weapons depot of the opposing forces
    And it came to light only afterwards that civilians were present
    And the attacker should have known that civilians were present
    And the expected civilian harm was excessive in relation to the military advantage anticipated
    When the incident is assessed
    Then the finding "proportionality.excessive_incidental_harm" is "violation_indicated"
    And the key facts include "civilians.present@time"

  # Casualties are evidence of what was foreseeable, not the test: without a record of what the
  # attacker knew or should have known, the question stays open.
  Scenario: Civilians were killed, but what the attacker knew is not recorded
    Given the object attacked was a depot on the edge of a town
    And the attack was directed at a weapons depot of the opposing forces
    And civilians were present, but the record does not say whether the attacker knew it
    And no civilian objects were nearby
    And twelve civilians were killed
    And the expected civilian harm was excessive in relation to the military advantage anticipated
    When the incident is assessed
    Then the finding "proportionality.excessive_incidental_harm" is "inconclusive"
    And the missing facts include "civilians.present@time"
    And the excluded facts include "civilians.present@time"

  Scenario: Fighters attacked in a crowded market
    Given the object attacked was a market street at midday
    And the attack was directed at fighters in the open
    And the attacker knew that civilians were present
    And the expected civilian harm was excessive in relation to the military advantage anticipated
    When the incident is assessed
    Then the finding "proportionality.excessive_incidental_harm" is "violation_indicated"

  # The exception: proportionality does not apply where the attack was not directed at a lawful target.
  Scenario Outline: Proportionality applies only to an attack on a lawful target
    Given the object attacked was <object>
    And <target>
    And on the information reasonably available at the time, the target <appearance>
    And the attacker knew that civilians were present
    And the expected civilian harm was excessive in relation to the military advantage anticipated
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "<distinction>"
    And the finding "proportionality.excessive_incidental_harm" is "<proportionality>"

    Examples:
      | object              | target                                                            | appearance                           | distinction            | proportionality     |
      | a family home       | the attack was directed at a house with no military use           | did not appear to be a lawful target | violation_indicated    | not_applicable      |
      | an ammunition store | the attack was directed at a weapons depot of the opposing forces | appeared to be a lawful target       | no_violation_indicated | violation_indicated |

  # Where it is not known whether the target was lawful, excessive expected harm is still reported: the
  # attack was unlawful either way, under proportionality if the target was lawful and under
  # distinction if it was not. Harm recorded as not excessive leaves the question open.
  Scenario Outline: The target is not established
    Given the object attacked was a block of flats
    And the record does not say what the attack was directed at
    And the attacker knew that civilians were present
    And <the weighing recorded>
    When the incident is assessed
    Then the finding "proportionality.excessive_incidental_harm" is "<status>"

    Examples:
      | the weighing recorded                                                                          | status              |
      | the expected civilian harm was excessive in relation to the military advantage anticipated     | violation_indicated |
      | the expected civilian harm was not excessive in relation to the military advantage anticipated | inconclusive        |

  Scenario: Harm not excessive, but the target is not established
    Given the object attacked was a block of flats
    And the record does not say what the attack was directed at
    And the attacker knew that civilians were present
    And the expected civilian harm was not excessive in relation to the military advantage anticipated
    When the incident is assessed
    Then the finding "proportionality.excessive_incidental_harm" is "inconclusive"
    And the missing facts include "target.kind"

  # An honest and reasonable mistake about the target does not take the attack out of proportionality:
  # the attacker had to weigh the incidental harm expected from an attack on what it reasonably took to
  # be a military objective.
  Scenario: Excessive harm expected from an attack on a target reasonably but wrongly believed lawful
    Given the object attacked was an office building in a busy street
    And the attacker said it had attacked a command post of the opposing forces
    And the attack was directed at an object
    And the object was not one normally dedicated to civilian purposes
    And its destruction offered a definite military advantage
    And it came to light only afterwards that the object made no effective contribution to military action
    And on the information reasonably available at the time, the target appeared to be a lawful target
    And everything feasible was done to verify the target
    And no doubt about the target remained when the attack was launched
    And the attacker knew that civilians were present
    And no civilians could be seen at the target before the attack
    And the expected civilian harm was excessive in relation to the military advantage anticipated
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "no_violation_indicated"
    And the finding "proportionality.excessive_incidental_harm" is "violation_indicated"
    And the finding "precautions.refrain_from_disproportionate_attack" is "violation_indicated"

  # The two findings answer one question (AP I arts 51(5)(b), 57(2)(a)(iii)): on the same facts they
  # cannot disagree, even while the lawfulness of the target is still open.
  Scenario Outline: Excessive harm expected, refrained from or not, whatever is known of the target
    Given the object attacked was a warehouse in a busy street
    And <target>
    And the attacker knew that civilians were present
    And the expected civilian harm was excessive in relation to the military advantage anticipated
    When the incident is assessed
    Then the finding "proportionality.excessive_incidental_harm" is "violation_indicated"
    And the finding "precautions.refrain_from_disproportionate_attack" is "violation_indicated"

    Examples:
      | target                                                     |
      | the attack was directed at a weapons depot of the opposing forces |
      | the record does not say what the attack was directed at   |

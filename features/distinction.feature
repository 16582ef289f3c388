Feature: Distinction
  Attacks may be directed only at military objectives and at persons who may lawfully be attacked:
  members of the armed forces or of an organised armed group, and civilians for such time as they take
  a direct part in hostilities. An object is a military objective only if it makes an effective
  contribution to military action and its destruction offers a definite military advantage, both at
  once. There is no exception for military necessity.

  A targeting decision is judged on the information reasonably available at the time. An attack on a
  target that turns out not to have been lawful is not an attack directed at civilians if the attacker
  made an honest and reasonable mistake: on the information reasonably available the target appeared
  lawful, everything feasible was done to verify it, and no doubt remained. The mistake is an excuse:
  the attacker, who invokes it, bears showing it. Where the record excludes it, a violation is
  indicated; where the record is silent on it, a violation is indicated prima facie, rebuttable by
  showing the mistake.

  Finding: distinction.target_was_military_objective (a violation is indicated when the attack was
  not directed at a lawful target, and no reasonable mistake about the target is shown).
  Sources: AP I arts 48, 50(1), 51(2)-(3), 52, 57(2)(a)(i); AP II art. 13(2)-(3); CIHL Rules 1, 6, 7,
  8, 10, 16; United Kingdom, statement (c) on ratifying AP I (28 January 1998).

  Background:
    Given an air strike in a non-international armed conflict

  Scenario: A house with no identified military use is attacked
    Given the object attacked was a residential building
    And the record does not say what the attack was directed at
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "inconclusive"
    And the missing facts include "target.kind"

  Scenario: A weapons depot of the opposing forces is attacked
    Given the object attacked was an ammunition store in a former factory
    And the attack was directed at a weapons depot of the opposing forces
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "no_violation_indicated"
    And no facts are missing
    And the key facts include "target.effective_contribution"

  Scenario: A house with no military use is attacked
    Given the object attacked was a family home
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And the key facts include "target.effective_contribution"

  # AP I art. 52(2), CIHL Rule 8: the two prongs are cumulative.
  Scenario Outline: An object is a military objective only if both prongs of the definition are met
    Given the object attacked was a warehouse
    And the attack was directed at an object
    And the object was not one normally dedicated to civilian purposes
    And <contribution>
    And <advantage>
    And on the information reasonably available at the time, the target <appearance>
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "<status>"

    Examples:
      | contribution                                                              | advantage                                                                    | appearance                              | status                 |
      | the object made an effective contribution to military action              | its destruction offered a definite military advantage                        | appeared to be a lawful target          | no_violation_indicated |
      | the object made no effective contribution to military action              | its destruction offered a definite military advantage                        | did not appear to be a lawful target    | violation_indicated    |
      | the object made an effective contribution to military action              | its destruction offered no definite military advantage                       | did not appear to be a lawful target    | violation_indicated    |
      | the record does not say whether the object contributed to military action | its destruction offered a definite military advantage                        | did not appear to be a lawful target    | inconclusive           |
      | the object made an effective contribution to military action              | the record does not say whether its destruction offered a military advantage | did not appear to be a lawful target    | inconclusive           |
      | the record does not say whether the object contributed to military action | its destruction offered no definite military advantage                       | did not appear to be a lawful target    | violation_indicated    |

  Scenario: Whether the object contributed to military action is not recorded
    Given the object attacked was a warehouse
    And the attack was directed at an object
    And the object was not one normally dedicated to civilian purposes
    And the record does not say whether the object contributed to military action
    And its destruction offered a definite military advantage
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "inconclusive"
    And the missing facts include "target.effective_contribution"
    And the missing facts do not include "target.definite_military_advantage"

  # Contested (AP I art. 52(3); CIHL Rule 10 finds the customary status unclear; the states'
  # qualifications, such as the United Kingdom's "substantial doubt", concern persons, art. 50(1)).
  # The engine's position: the presumption applies in IAC and NIAC alike, and only to the attacker's
  # own doubt at the time of the attack.
  # Doubt left unresolved breaches the rules on doubt and verification (AP I arts 50(1), 52(3),
  # 57(2)(a)(i)); it is its own finding. Distinction asks what the attack was directed at.
  Scenario Outline: A house said to be used by fighters, and the attacker's doubt about it
    Given the object attacked was a two-storey house in a residential street
    And the attack was directed at an object
    And the object was normally dedicated to civilian purposes
    And the object made an effective contribution to military action
    And its destruction offered a definite military advantage
    And <doubt>
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "no_violation_indicated"
    And the finding "distinction.attack_despite_doubt" is "<doubt finding>"

    Examples:
      | doubt                                                           | doubt finding          |
      | doubt about the target remained when the attack was launched    | violation_indicated    |
      | no doubt about the target remained when the attack was launched | no_violation_indicated |
      | the record does not say whether the attacker remained in doubt  | inconclusive           |

  Scenario: A house whose use stayed in doubt for the attacker is presumed civilian
    Given the object attacked was a house in a village
    And the attack was directed at an object
    And the object was normally dedicated to civilian purposes
    And the record does not say whether the object contributed to military action
    And doubt about the target remained when the attack was launched
    When the incident is assessed
    Then the finding "distinction.attack_despite_doubt" is "violation_indicated"
    And the key facts include "target.doubt_remained"
    And the finding "distinction.target_was_military_objective" is "inconclusive"
    And the missing facts include "target.effective_contribution"

  Scenario: The investigators' uncertainty is not the attacker's doubt
    Given the object attacked was a house in a village
    And the attack was directed at an object
    And the object was normally dedicated to civilian purposes
    And the record does not say whether the object contributed to military action
    And its destruction offered a definite military advantage
    And no doubt about the target remained when the attack was launched
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "inconclusive"
    And the missing facts include "target.effective_contribution"
    And the missing facts do not include "target.doubt_remained"

  Scenario Outline: Persons attacked as fighters
    Given the object attacked was a pick-up truck on a desert road
    And the attack was directed at persons
    And <status of the persons>
    And they were not hors de combat
    And <doubt>
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "<status>"
    And the finding "distinction.attack_despite_doubt" is "<doubt finding>"

    Examples:
      | status of the persons                                              | doubt                                                           | status                 | doubt finding          |
      | the persons attacked were fighters                                 | no doubt about the target remained when the attack was launched | no_violation_indicated | no_violation_indicated |
      | the persons attacked were fighters                                 | doubt about the target remained when the attack was launched    | no_violation_indicated | violation_indicated    |
      | the record does not say whether the persons attacked were fighters | no doubt about the target remained when the attack was launched | inconclusive           | no_violation_indicated |

  # AP I art. 50(1): in case of doubt a person is considered to be a civilian. Contested for NIAC (the
  # like provision of draft AP II, art. 25(4), was deleted in the plenary) and qualified by some states'
  # declarations (the United Kingdom's "substantial doubt"); the engine applies it in both kinds of
  # conflict, on the ICRC's reading by default (any doubt) and on the United Kingdom's reading only where
  # the doubt was substantial. Attacking a fighter while in doubt breaches that rule; it is not an attack
  # directed at civilians.
  Scenario: Fighters attacked while their status remained in doubt
    Given the object attacked was a man walking along a road
    And the attack was directed at persons
    And the persons attacked were fighters
    And they were not hors de combat
    And doubt about the target remained when the attack was launched
    When the incident is assessed
    Then the finding "distinction.attack_despite_doubt" is "violation_indicated"
    And the key facts include "target.doubt_remained"
    And the finding "distinction.target_was_military_objective" is "no_violation_indicated"

  # AP I art. 41(1), CIHL Rule 47: a fighter recognised, or who should be recognised, as hors de
  # combat may not be attacked.
  Scenario: A wounded fighter who is out of the fight is attacked
    Given the object attacked was a wounded man lying beside a destroyed vehicle
    And the attack was directed at persons
    And the persons attacked were fighters
    And the persons attacked were wounded, defenceless and out of the fight
    And no doubt about the target remained when the attack was launched
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And the key facts include "target.hors_de_combat"

  Scenario: Whether the persons attacked were fighters is not recorded
    Given the object attacked was a pick-up truck on a desert road
    And the attack was directed at persons
    And the record does not say whether the persons attacked were fighters
    And no doubt about the target remained when the attack was launched
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "inconclusive"
    And the missing facts include "target.persons_are_fighters"
    And the missing facts include "target.direct_participation.threshold_of_harm"

  # Contested: the three cumulative elements come from the ICRC Interpretive Guidance on the Notion of
  # Direct Participation in Hostilities (2009), which some states do not accept (e.g. the US Department
  # of Defense Law of War Manual). The engine follows the Guidance: all three elements, or none.
  Scenario Outline: Civilians attacked while said to be taking a direct part in hostilities
    Given the object attacked was a group of men beside a road
    And the attack was directed at persons
    And the persons attacked were civilians, not fighters
    And no doubt about the target remained when the attack was launched
    And <threshold of harm>
    And <direct causation>
    And <belligerent nexus>
    And they were attacked while taking that part
    And they were not hors de combat
    And on the information reasonably available at the time, the target <appearance>
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "<status>"

    Examples: All three elements met
      | threshold of harm                                                    | direct causation                                | belligerent nexus                                             | appearance                     | status                 |
      | their acts were likely to cause harm reaching the required threshold | that harm would result directly from their acts | their acts were designed to support one party against another | appeared to be a lawful target | no_violation_indicated |

    # The facts were what the attacker saw; only its reading of them was wrong. A mistake of law is not
    # a reasonable mistake about the target.
    Examples: One element missing
      | threshold of harm                                                        | direct causation                                    | belligerent nexus                                             | appearance                           | status              |
      | their acts were not likely to cause harm reaching the required threshold | that harm would result directly from their acts     | their acts were designed to support one party against another | did not appear to be a lawful target | violation_indicated |
      | their acts were likely to cause harm reaching the required threshold     | that harm would not result directly from their acts | their acts were designed to support one party against another | did not appear to be a lawful target | violation_indicated |
      | their acts were likely to cause harm reaching the required threshold     | that harm would result directly from their acts     | their acts had no belligerent nexus                           | did not appear to be a lawful target | violation_indicated |

    Examples: One element not recorded
      | threshold of harm                                                        | direct causation                                | belligerent nexus                                                  | appearance                           | status       |
      | the record does not say whether their acts reached the threshold of harm | that harm would result directly from their acts | their acts were designed to support one party against another      | did not appear to be a lawful target | inconclusive |
      | their acts were likely to cause harm reaching the required threshold     | that harm would result directly from their acts | the record does not say whether their acts had a belligerent nexus | did not appear to be a lawful target | inconclusive |

  # AP I art. 51(3): civilians lose protection only "for such time as" they take a direct part
  # (Interpretive Guidance, Recommendations VI and VII: the act, its preparation, the deployment to and
  # the return from it).
  Scenario Outline: Civilians who took a direct part, attacked afterwards
    Given the object attacked was a group of men in a courtyard
    And the attack was directed at persons
    And the persons attacked were civilians, not fighters
    And no doubt about the target remained when the attack was launched
    And their acts were likely to cause harm reaching the required threshold
    And that harm would result directly from their acts
    And their acts were designed to support one party against another
    And <time>
    And they were not hors de combat
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "<status>"

    Examples:
      | time                                                                        | status                 |
      | they were attacked while taking that part                                   | no_violation_indicated |
      | they were attacked after they had returned from that act                    | violation_indicated    |
      | the record does not say whether they were attacked while taking that part   | inconclusive           |

  Scenario: Direct participation is not established when one element is not recorded
    Given the object attacked was a group of men beside a road
    And the attack was directed at persons
    And the persons attacked were civilians, not fighters
    And no doubt about the target remained when the attack was launched
    And their acts were likely to cause harm reaching the required threshold
    And the record does not say whether that harm would result directly from their acts
    And their acts were designed to support one party against another
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "inconclusive"
    And the missing facts include "target.direct_participation.direct_causation"
    And the missing facts do not include "target.direct_participation.belligerent_nexus"

  # ---------------------------------------------------------------- reasonable mistake about the target

  # A targeting decision is judged on the information reasonably available to the attacker at the time.
  # The ICTY asks whether a reasonable person in the perpetrator's circumstances, making reasonable use
  # of the information available, could have believed the target lawful (Galić, trial judgment); the
  # United Kingdom's statement (c) on ratifying AP I (28 January 1998) says that commanders
  # "necessarily have to reach decisions on the basis of their assessment of the information from all
  # sources which is reasonably available to them at the relevant time", and several other states made
  # similar statements. An object that turns out afterwards to have had no military use, where the
  # attacker had verified all it could, had no doubt left, and could not have known the truth, was not
  # attacked in breach of distinction. Contested: the engine excuses only an honest and reasonable
  # mistake; a failure to verify is assessed under precautions as well.
  Scenario: A building reasonably but wrongly believed to be a command post
    Given the object attacked was an office building
    And the attacker said it had attacked a command post of the opposing forces
    And the attack was directed at an object
    And the object was not one normally dedicated to civilian purposes
    And its destruction offered a definite military advantage
    And no doubt about the target remained when the attack was launched
    And everything feasible was done to verify the target
    And on the information reasonably available at the time, the target appeared to be a lawful target
    And no civilians could be seen at the target before the attack
    And the attacker could not have known that the object made no effective contribution to military action
    And it came to light only afterwards that the object made no effective contribution to military action
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "no_violation_indicated"
    And no facts are missing
    And the key facts include "target.apparent_lawful_target"

  Scenario: Farmers honestly and reasonably mistaken for fighters
    Given the object attacked was a group of men in a field at dusk
    And the attack was directed at persons
    And it came to light only afterwards that the persons attacked were civilians, not fighters
    And on the information reasonably available at the time, the target appeared to be a lawful target
    And from where they were observed, the men could not be told apart from fighters
    And everything feasible was done to verify the target
    And no doubt about the target remained when the attack was launched
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "no_violation_indicated"
    And the key facts include "target.apparent_lawful_target"
    And the key facts include "precautions.verification.feasible_steps_taken"

  # The mistake is not reasonable when feasible verification was not done: a reasonable person in the
  # attacker's circumstances does what is feasible to verify the target.
  Scenario: A building wrongly believed to be a command post, without the verification that was feasible
    Given the object attacked was an office building
    And the attacker said it had attacked a command post of the opposing forces
    And the attack was directed at an object
    And the object was not one normally dedicated to civilian purposes
    And its destruction offered a definite military advantage
    And no doubt about the target remained when the attack was launched
    And feasible steps to verify the target were omitted
    And on the information reasonably available at the time, the target appeared to be a lawful target
    And it came to light only afterwards that the object made no effective contribution to military action
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And the key facts include "precautions.verification.feasible_steps_taken"

  # AP I arts 50(1), 52(3): a target about which doubt remained was not attacked on a reasonable belief.
  Scenario: Men believed to be fighters, attacked while doubt about them remained
    Given the object attacked was a group of men in a field at dusk
    And the attack was directed at persons
    And it came to light only afterwards that the persons attacked were civilians, not fighters
    And on the information reasonably available at the time, the target appeared to be a lawful target
    And everything feasible was done to verify the target
    And doubt about the target remained when the attack was launched
    When the incident is assessed
    Then the finding "distinction.attack_despite_doubt" is "violation_indicated"
    And the key facts include "target.doubt_remained"
    And the finding "distinction.target_was_military_objective" is not "no_violation_indicated"

  # Unknown is not false, but the burden of an excuse lies on the party invoking it: once the record
  # shows that the building struck was the one the attack was directed at, a mistake that is not shown
  # does not hold the finding open. The facts found afterwards show that the target was not lawful;
  # whether it appeared lawful at the time is the attacker's to show.
  Scenario: How the target appeared at the time is not recorded, so no reasonable mistake is shown
    Given the object attacked was an office building
    And the attacker said it had attacked a command post of the opposing forces
    And the object struck was the one the attack was directed at
    And the attack was directed at an object
    And the object was not one normally dedicated to civilian purposes
    And the object made no effective contribution to military action
    And its destruction offered a definite military advantage
    And no doubt about the target remained when the attack was launched
    And everything feasible was done to verify the target
    And the record does not say how the target appeared at the time
    When the incident is assessed
    # A reasonable mistake is the attacker's to show: while it is not shown, the attack on an object that
    # was not a military objective indicates a violation prima facie, unless a reasonable mistake is shown.
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it holds prima facie, rebuttable by "distinction.reasonable_mistake"

  # The burden of the excuse arises only once the record shows what the attack was directed at. A target
  # that merely turned out to be civilian, with nothing on what the attacker targeted, knew or saw, is
  # not shown to have been attacked as a civilian object: its later-established status does not show
  # that, and neither does the absence of an excuse (Galić, trial judgment: in case of doubt the
  # prosecution must show that a reasonable person could not have believed the target lawful).
  Scenario: A building that turned out to be civilian, with nothing on what the attack was directed at
    Given the object attacked was an office building
    And the attacker said it had attacked a command post of the opposing forces
    And the attack was directed at an object
    And the object was not one normally dedicated to civilian purposes
    And the object made no effective contribution to military action
    And its destruction offered a definite military advantage
    And no doubt about the target remained when the attack was launched
    And everything feasible was done to verify the target
    And the record does not say how the target appeared at the time
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "inconclusive"

  Scenario: What was done to verify a target that appeared lawful is not recorded
    Given the object attacked was an office building
    And the object struck was the one the attack was directed at
    And the attack was directed at an object
    And the object was not one normally dedicated to civilian purposes
    And the object made no effective contribution to military action
    And its destruction offered a definite military advantage
    And no doubt about the target remained when the attack was launched
    And on the information reasonably available at the time, the target appeared to be a lawful target
    And the record does not say what was done to verify the target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it holds prima facie, rebuttable by "distinction.reasonable_mistake"

  # Verification and certainty do not excuse an attack on a target that, on the information reasonably
  # available, was plainly civilian: that is no mistake at all.
  Scenario: A house that did not appear to be a lawful target is attacked after verification
    Given the object attacked was a family home
    And the attack was directed at a house with no military use
    And everything feasible was done to verify the target
    And no doubt about the target remained when the attack was launched
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And the key facts include "target.apparent_lawful_target"

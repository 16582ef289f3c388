Feature: Precautions in attack
  Those who plan or decide upon an attack must do everything feasible to verify that the target is a
  military objective; take all feasible precautions in the choice of means and methods to avoid, and
  in any event to minimise, incidental civilian harm; refrain from an attack expected to cause
  excessive incidental harm; cancel or suspend an attack when it becomes apparent that it is unlawful;
  give effective advance warning of an attack which may affect the civilian population, unless
  circumstances do not permit; and, when several objectives offer a similar military advantage, choose
  the one expected to cause the least danger to civilians.

  Each duty is an obligation of conduct, limited by what was feasible, and is judged on what the
  attacker knew or should have known at the time.

  Findings: precautions.verification, precautions.means_and_methods,
  precautions.refrain_from_disproportionate_attack, precautions.cancel_or_suspend,
  precautions.effective_warning, precautions.choice_of_objective.
  Sources: AP I art. 57; CIHL Rules 15-21.

  Background:
    Given an air strike in an international armed conflict

  # ---------------------------------------------------------------- verification: AP I 57(2)(a)(i), CIHL Rule 16

  Scenario Outline: Verifying that the target is a military objective
    Given the object attacked was a compound outside a village
    And the attack was directed at a weapons depot of the opposing forces
    And <verification>
    And <doubt>
    When the incident is assessed
    Then the finding "precautions.verification" is "<status>"

    Examples:
      | verification                                               | doubt                                         | status                 |
      | everything feasible was done to verify the target          | no doubt about the target was left unresolved | no_violation_indicated |
      | feasible steps to verify the target were omitted           | no doubt about the target was left unresolved | violation_indicated    |
      | everything feasible was done to verify the target          | a doubt about the target was left unresolved  | violation_indicated    |
      | the record does not say what was done to verify the target | no doubt about the target was left unresolved | inconclusive           |

  Scenario: What was done to verify the target is not recorded
    Given the object attacked was a compound outside a village
    And the attack was directed at a weapons depot of the opposing forces
    And the record does not say what was done to verify the target
    And no doubt about the target was left unresolved
    When the incident is assessed
    Then the finding "precautions.verification" is "inconclusive"
    And the missing facts include "precautions.verification.feasible_steps_taken"

  # Civilians in view at a target that was not lawful call for verification: where nothing records what
  # was done to verify, the record indicates prima facie that feasible verification was not done. Visible
  # civilians do not by themselves show that the target was civilian: the target's status comes first.
  Scenario Outline: Civilians in view at a target that was not a military objective
    Given the object attacked was a family home
    And the attack was directed at a house with no military use
    And civilians were present
    And <observable>
    When the incident is assessed
    Then the finding "precautions.verification" is "<status>"

    Examples:
      | observable                           | status              |
      | their presence could be observed     | violation_indicated |
      | their presence could not be observed | inconclusive        |

  # A recorded assessment of the verification takes precedence over the presumption: visible civilians
  # are evidence against it for the assessor to weigh, not a reason for the engine to overrule it.
  Scenario: A recorded verification stands against civilians in view
    Given the object attacked was a family home
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target appeared to be a lawful target
    And everything feasible was done to verify the target
    And no doubt about the target was left unresolved
    And civilians were present
    And their presence could be observed
    When the incident is assessed
    Then the finding "precautions.verification" is "no_violation_indicated"
    And the finding "distinction.target_was_military_objective" is "no_violation_indicated"

  # AP I arts 50(1), 52(3), 57(2)(a)(i): the two records of the attacker's doubt are one fact.
  Scenario: A doubt left unresolved is the attacker's one doubt, read alike by every finding
    Given the object attacked was a family home
    And the attack was directed at persons
    And the persons attacked were fighters
    And they were not hors de combat
    And everything feasible was done to verify the target
    And a doubt about the target was left unresolved
    When the incident is assessed
    Then the finding "precautions.verification" is "violation_indicated"
    And the key facts include "target.doubt_remained"
    And the finding "distinction.attack_despite_doubt" is "violation_indicated"

  # ---------------------------------------------------------------- means and methods: AP I 57(2)(a)(ii), CIHL Rule 17

  Scenario Outline: Choosing the means and methods that spare civilians
    Given the object attacked was a vehicle yard beside a market
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And <alternative>
    When the incident is assessed
    Then the finding "precautions.means_and_methods" is "<status>"

    Examples:
      | alternative                                                                 | status                 |
      | a less harmful means or method was feasible and not used                    | violation_indicated    |
      | striking at night, when the market was empty, was feasible and not chosen   | violation_indicated    |
      | no less harmful means or method was feasible                                | no_violation_indicated |
      | the record does not say whether a less harmful means or method was feasible | inconclusive           |

  Scenario: Whether a less harmful means or method was feasible is not recorded
    Given the object attacked was a vehicle yard beside a market
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And the record does not say whether a less harmful means or method was feasible
    When the incident is assessed
    Then the finding "precautions.means_and_methods" is "inconclusive"
    And the missing facts include "precautions.means_and_methods.less_harmful_feasible_alternative"

  Scenario: No civilian harm to minimise
    Given the object attacked was a depot in the desert
    And the attack was directed at a weapons depot of the opposing forces
    And no civilians were present
    And no civilian objects were nearby
    And a less harmful means or method was feasible and not used
    When the incident is assessed
    Then the finding "precautions.means_and_methods" is "not_applicable"

  Scenario: Civilians the attacker could not have known of do not call for a different weapon
    Given the object attacked was a depot in the desert
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker could not have known that civilians were present
    And no civilian objects were nearby
    And a less harmful means or method was feasible and not used
    When the incident is assessed
    Then the finding "precautions.means_and_methods" is "not_applicable"
    And the excluded facts include "civilians.present@time"

  Scenario: Whether the attacker knew of the civilians is not recorded
    Given the object attacked was a vehicle yard beside a market
    And the attack was directed at a weapons depot of the opposing forces
    And civilians were present, but the record does not say whether the attacker knew it
    And no civilian objects were nearby
    And a less harmful means or method was feasible and not used
    When the incident is assessed
    Then the finding "precautions.means_and_methods" is "inconclusive"
    And the missing facts include "civilians.present@time"

  # ---------------------------------------------------------------- refrain: AP I 57(2)(a)(iii), CIHL Rule 18

  # The duty to refrain follows the proportionality assessment.
  Scenario Outline: Refraining from an attack expected to cause excessive harm
    Given the object attacked was <object>
    And <target>
    And on the information reasonably available at the time, the target <appearance>
    And the attacker knew that civilians were present
    And <the weighing recorded>
    When the incident is assessed
    Then the finding "proportionality.excessive_incidental_harm" is "<proportionality>"
    And the finding "precautions.refrain_from_disproportionate_attack" is "<refrain>"

    Examples:
      | object              | target                                                            | appearance                     | the weighing recorded                                                                          | proportionality        | refrain                |
      | an ammunition store | the attack was directed at a weapons depot of the opposing forces | appeared to be a lawful target | the expected civilian harm was excessive in relation to the military advantage anticipated     | violation_indicated    | violation_indicated    |
      | an ammunition store | the attack was directed at a weapons depot of the opposing forces | appeared to be a lawful target | the expected civilian harm was not excessive in relation to the military advantage anticipated | no_violation_indicated | no_violation_indicated |
      | an ammunition store | the attack was directed at a weapons depot of the opposing forces | appeared to be a lawful target | the record does not say whether the expected civilian harm was excessive                       | inconclusive           | inconclusive           |

    # When the target was not lawful, harm to civilians is not "incidental": proportionality is not
    # applicable, and neither is the duty to refrain from a disproportionate attack. The question belongs
    # to distinction.
    Examples: The target was not lawful
      | object        | target                                                  | appearance                           | the weighing recorded                                                                      | proportionality | refrain        |
      | a family home | the attack was directed at a house with no military use | did not appear to be a lawful target | the expected civilian harm was excessive in relation to the military advantage anticipated | not_applicable  | not_applicable |

  Scenario: Whether the expected harm was excessive is not recorded
    Given the object attacked was an ammunition store
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And the record does not say whether the expected civilian harm was excessive
    When the incident is assessed
    Then the finding "precautions.refrain_from_disproportionate_attack" is "inconclusive"
    And the missing facts include "proportionality.expected_harm_excessive"

  # ---------------------------------------------------------------- cancel or suspend: AP I 57(2)(b), CIHL Rule 19

  Scenario Outline: Cancelling an attack that turns out to be unlawful
    Given the object attacked was a bus on a highway
    And <what became apparent>
    And <what was done>
    When the incident is assessed
    Then the finding "precautions.cancel_or_suspend" is "<status>"

    Examples:
      | what became apparent                                                              | what was done                                          | status                 |
      | it became apparent during the attack that the target was not a military objective | the attack was called off                              | no_violation_indicated |
      | it became apparent during the attack that the target was not a military objective | the attack went ahead                                  | violation_indicated    |
      | it became apparent during the attack that the target was not a military objective | the record does not say whether the attack was stopped | inconclusive           |
      | nothing became apparent during the attack that called for stopping it             | the attack went ahead                                  | not_applicable         |
      | the record does not say whether anything became apparent during the attack        | the attack went ahead                                  | inconclusive           |
      | the record does not say whether anything became apparent during the attack        | the attack was called off                              | no_violation_indicated |

  Scenario: Whether anything became apparent during the attack is not recorded
    Given the object attacked was a bus on a highway
    And the record does not say whether anything became apparent during the attack
    And the attack went ahead
    When the incident is assessed
    Then the finding "precautions.cancel_or_suspend" is "inconclusive"
    And the missing facts include "precautions.cancel_or_suspend.became_apparent"

  # ---------------------------------------------------------------- warning: AP I 57(2)(c), CIHL Rule 20

  # Contested: what makes a warning effective, and when circumstances do not permit one, is judged case
  # by case; generic warnings to a whole city are weaker than specific ones.
  Scenario Outline: Warning the civilian population before the attack
    Given the object attacked was an ammunition store in a residential street
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And <warning>
    And <circumstances>
    When the incident is assessed
    Then the finding "precautions.effective_warning" is "<status>"

    Examples:
      | warning                                                | circumstances                                                          | status                 |
      | an effective advance warning was given                 | circumstances permitted a warning                                      | no_violation_indicated |
      | no warning was given                                   | circumstances permitted a warning                                      | violation_indicated    |
      | only generic leaflets were dropped over the whole city | circumstances permitted a warning                                      | violation_indicated    |
      | no warning was given                                   | circumstances did not permit a warning, because surprise was essential | not_applicable         |
      | no warning was given                                   | the record does not say whether circumstances permitted a warning      | violation_indicated    |
      | an effective advance warning was given                 | the record does not say whether circumstances permitted a warning      | no_violation_indicated |
      | the record does not say whether a warning was given    | circumstances permitted a warning                                      | inconclusive           |

  # That circumstances did not permit a warning is the attacker's excuse to show (burden on the party
  # invoking it): while it is not shown, the duty to warn was breached prima facie.
  Scenario: No warning, and the record is silent on whether one was possible
    Given the object attacked was an ammunition store in a residential street
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And no warning was given
    And the record does not say whether circumstances permitted a warning
    When the incident is assessed
    Then the finding "precautions.effective_warning" is "violation_indicated"
    And it holds prima facie, rebuttable by "precautions.warning.circumstances_did_not_permit"
    And no facts are missing

  Scenario: No warning, and circumstances are shown to have permitted one
    Given the object attacked was an ammunition store in a residential street
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And no warning was given
    And circumstances permitted a warning
    When the incident is assessed
    Then the finding "precautions.effective_warning" is "violation_indicated"
    And it is established on the record

  Scenario: No warning is owed for an attack not expected to affect civilians
    Given the object attacked was a radar station in the desert
    And the attack was directed at a weapons depot of the opposing forces
    And no civilians were present
    And no civilian objects were nearby
    And no warning was given
    And circumstances permitted a warning
    When the incident is assessed
    Then the finding "precautions.effective_warning" is "not_applicable"

  # A warning never makes an unlawful attack lawful (AP I art. 57(5)).
  Scenario: A warning does not make an attack on a civilian object lawful
    Given the object attacked was a family home
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    And the attacker knew that civilians were present
    And an effective advance warning was given
    When the incident is assessed
    Then the finding "precautions.effective_warning" is "no_violation_indicated"
    And the finding "distinction.target_was_military_objective" is "violation_indicated"

  # Civilians who stay after a warning remain civilians, and count in the proportionality assessment.
  Scenario: Civilians who stayed after the warning remain protected
    Given the object attacked was an ammunition store in a residential street
    And the attack was directed at a weapons depot of the opposing forces
    And an effective advance warning was given
    And the attacker knew that civilians stayed in the area after the warning
    And the expected civilian harm was excessive in relation to the military advantage anticipated
    When the incident is assessed
    Then the finding "precautions.effective_warning" is "no_violation_indicated"
    And the finding "proportionality.excessive_incidental_harm" is "violation_indicated"

  # ---------------------------------------------------------------- choice of objective: AP I 57(3), CIHL Rule 21

  # Contested: the ICRC study finds the rule customary in IAC and only "arguably" in NIAC; the engine
  # applies it in both.
  Scenario Outline: Choosing between objectives that offer a similar advantage
    Given the object attacked was a bridge in the town centre
    And <alternative>
    And <choice>
    When the incident is assessed
    Then the finding "precautions.choice_of_objective" is "<status>"

    Examples:
      | alternative                                                           | choice                                                                   | status                 |
      | another objective offering a similar military advantage was available | the objective chosen was the least dangerous to civilians                | no_violation_indicated |
      | another objective offering a similar military advantage was available | a less dangerous objective was passed over                               | violation_indicated    |
      | another objective offering a similar military advantage was available | the record does not say whether the least dangerous objective was chosen | inconclusive           |
      | no other objective offered a similar military advantage               | the record does not say whether the least dangerous objective was chosen | not_applicable         |
      | the record does not say whether another objective was available       | a less dangerous objective was passed over                               | inconclusive           |

  Scenario: Whether another objective was available is not recorded
    Given the object attacked was a bridge in the town centre
    And the record does not say whether another objective was available
    And a less dangerous objective was passed over
    When the incident is assessed
    Then the finding "precautions.choice_of_objective" is "inconclusive"
    And the missing facts include "precautions.choice_of_objective.alternative_available"

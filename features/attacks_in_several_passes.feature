Feature: Attacks in several passes
  An attack made of several releases or passes is judged pass by pass on what the attacker knew, or
  should have known, before each: the duty to weigh the expected civilian harm and to cancel or suspend
  an attack runs until the last release, on the information available at that moment. Civilians who
  come into view after the first pass, or a target found to be civilian, bear on the later pass, not on
  the first. Where one pass's knowledge indicates a violation the finding on the attack says so and
  names that pass; where none does, it names the pass that leaves the question open, else the first.
  Each release records what was known before it in its `known_before`; the rules judged at a moment
  (proportionality, the precautions, follow-on strikes) are run again on it.
  Sources: AP I arts 51(5)(b), 57(2)(a)(iii), 57(2)(b); CIHL Rules 14, 18, 19; ICTY, Final Report to the
  Prosecutor by the Committee Established to Review the NATO Bombing Campaign (2000), on the Grdelica
  railway bridge, where a second missile was fired after the train had been hit.

  Background:
    Given an air strike in an international armed conflict
    And the object attacked was a depot on the edge of a town
    And the attack was directed at a weapons depot of the opposing forces

  Scenario: Civilians came into view before the second pass
    Given no civilians were present
    And no civilian objects were nearby
    And a second pass followed, before which the attacker knew that civilians had come to the target and the harm then expected was excessive
    When the incident is assessed
    Then the finding "proportionality.excessive_incidental_harm" is "violation_indicated"
    And it concerns the release "second pass", judged on what was known before it
    And in the trace of that finding, "civilians.present@time" is true
    And on the release "first pass" alone, the finding "proportionality.excessive_incidental_harm" is "no_violation_indicated"

  Scenario: Nothing new was known before the second pass
    Given no civilians were present
    And no civilian objects were nearby
    And a second pass followed, before which nothing new was known
    When the incident is assessed
    Then the finding "proportionality.excessive_incidental_harm" is "no_violation_indicated"
    And it concerns the release "first pass", judged on the incident's facts
    And on the release "second pass" alone, the finding "proportionality.excessive_incidental_harm" is "no_violation_indicated"

  Scenario: What was known before the second pass is not recorded
    Given no civilians were present
    And no civilian objects were nearby
    And a second pass followed; the record does not say whether civilians had come to the target before it
    When the incident is assessed
    Then the finding "proportionality.excessive_incidental_harm" is "inconclusive"
    And it concerns the release "second pass", judged on what was known before it
    And the missing facts include "civilians.present@time"

  Scenario: The target was found to be civilian before the second pass, which went ahead
    Given nothing became apparent during the attack that called for stopping it
    And the attack went ahead
    And before a second pass it became apparent that the target was not a military objective, and the second pass went ahead
    When the incident is assessed
    Then the finding "precautions.cancel_or_suspend" is "violation_indicated"
    And it concerns the release "second pass", judged on what was known before it
    And on the release "first pass" alone, the finding "precautions.cancel_or_suspend" is "not_applicable"

  Scenario: A follow-on strike concerns the later pass
    Given a second strike hit the same point minutes later, when the wounded and those helping them could be seen there
    When the incident is assessed
    Then the finding "follow_on.strike_on_wounded_and_rescuers" is "violation_indicated"
    And it concerns the release "second strike", judged on the incident's facts
    And on the release "first strike" alone, the finding "follow_on.strike_on_wounded_and_rescuers" is "not_applicable"

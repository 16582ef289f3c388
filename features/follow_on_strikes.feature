Feature: Follow-on strikes on the wounded and those who help them
  A later pass on a point already struck is judged on what the attacker knew, or should have known,
  before that pass, not before the first. Minutes after a strike, the wounded and the people who come to
  help them are at the point; the wounded, civilians or fighters hors de combat, and those who collect
  and care for them are protected. A wounded fighter is protected only while he refrains from any act of
  hostility; one who fights on is a military objective. Striking the protected again is an attack on
  protected persons unless the attacker shows that a military objective still at the point was the
  object of the later pass.
  Sources: GC I art. 12; AP I arts 8(a), 10, 17(1), 41, 51(2), 62(1); AP II arts 7, 13(2); CIHL Rules 1, 25, 47.

  Background:
    Given an air strike in a non-international armed conflict
    And the object attacked was a gathering in a community hall

  Scenario: A second strike on the wounded and rescuers, visible before it
    Given a second strike hit the same point minutes later, when the wounded and those helping them could be seen there
    When the incident is assessed
    Then the finding "follow_on.strike_on_wounded_and_rescuers" is "violation_indicated"
    And it holds prima facie, rebuttable by "attack.sequence.later_objective_remained"
    And the trace names the release "second strike" for the fact "attack.sequence.later_wounded_or_rescuers_present@time"

  Scenario: A military objective still at the point was the object of the second strike
    Given a second strike hit the same point minutes later, when fighters still fired from it and the wounded and those helping them could be seen there
    When the incident is assessed
    Then the finding "follow_on.strike_on_wounded_and_rescuers" is "not_applicable"

  Scenario: Wounded fighters are protected only once they refrain from any act of hostility
    Given a second strike hit the same point minutes later, when only wounded fighters were there, whether they had stopped fighting not being recorded
    When the incident is assessed
    Then the finding "follow_on.strike_on_wounded_and_rescuers" is "inconclusive"
    And the missing facts include "attack.sequence.later_wounded_or_rescuers_present@time"

  Scenario: The rescuers' arrival could not have been known before the second strike
    Given a second strike hit the same point minutes later; rescuers had arrived, which the attacker could not have known
    When the incident is assessed
    Then the finding "follow_on.strike_on_wounded_and_rescuers" is "no_violation_indicated"
    And the excluded facts include "attack.sequence.later_wounded_or_rescuers_present@time"

  Scenario: Who was at the point before the second strike is not recorded
    Given a second strike hit the same point minutes later; the record does not say who was there by then
    When the incident is assessed
    Then the finding "follow_on.strike_on_wounded_and_rescuers" is "inconclusive"
    And the missing facts include "attack.sequence.later_wounded_or_rescuers_present@time"

  Scenario: The second strike hit another point
    Given a second strike hit another point minutes later
    When the incident is assessed
    Then the finding "follow_on.strike_on_wounded_and_rescuers" is "not_applicable"

  Scenario: A single strike
    Given the attack was a single strike
    When the incident is assessed
    Then the finding "follow_on.strike_on_wounded_and_rescuers" is "not_applicable"

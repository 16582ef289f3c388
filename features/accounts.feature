Feature: Competing accounts of the facts
  Investigations turn on contested facts. The attacking party's official account, the survivors' and
  witnesses' account, a monitor's and a review body's may each tell the same attack differently: the
  coalition in Raqqa said it took all feasible precautions while survivors described strikes without
  warning on houses full of families; on the RTS building in Belgrade the ICTY review committee and
  Amnesty International reached opposite conclusions from largely the same facts.

  An incident file holds one shared record of the facts, and each account restates only the facts on
  which it differs. The engine assesses every account on its own, sets the findings side by side, marks
  each finding on which they diverge and names the facts that drive the divergence: the facts the
  finding rests on whose value differs between the accounts. Facts the accounts share never drive a
  divergence. Each account is weighed on its own sources, so an account resting on a single statement
  reads no stronger than that statement.

  An assessment may be restricted to one account by name (`ihl assess --account NAME`); a name the file
  does not hold is refused, and the refusal names the accounts it does hold.

  Sources: docs/evidence.md; the accounts encoded, with their sources, in
  examples/calibration/nato-rts-belgrade.yaml (ICTY review committee; Amnesty International) and
  examples/raqqa-2017/.

  Background:
    Given an air strike in a non-international armed conflict

  # ---------------------------------------------------------------- the attacker's account and the witnesses'

  # Every finding is a finding against the attacking party: it rests on the attack being attributed to
  # that party. An account in which the attacking party did not carry out the attack gets no finding
  # against it; where attribution is not recorded, each finding says that it rests on it.
  Scenario: The attacking party denies carrying out the strike
    Given the object attacked was a family home
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    And according to the attacker's account, the attacking party did not carry out the attack
    And according to the witnesses' account, the attacking party carried out the attack
    When each account is assessed
    Then on the attacker's account, the finding "distinction.target_was_military_objective" is "not_applicable"
    And it says that the attack is not attributed to the attacking party
    And on the witnesses' account, the finding "distinction.target_was_military_objective" is "violation_indicated"

  Scenario: Whether the attacking party carried out the strike is not recorded
    Given the object attacked was a family home
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    When the incident is assessed
    Then the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it says that it rests on the attack being attributed to the attacking party


  Scenario: The attacker says it struck a command post; the witnesses say it was a family home
    Given the object attacked was a house in the old city
    And the attack was directed at an object
    And no doubt about the target remained when the attack was launched
    And according to the attacker's account, the object was not one normally dedicated to civilian purposes
    And according to the attacker's account, the object made an effective contribution to military action
    And according to the attacker's account, its destruction offered a definite military advantage
    And according to the witnesses' account, the attack was directed at a house with no military use
    And according to the witnesses' account, on the information reasonably available at the time, the target did not appear to be a lawful target
    When each account is assessed
    Then the accounts assessed are the attacker's account and the witnesses' account
    And on the attacker's account, the finding "distinction.target_was_military_objective" is "no_violation_indicated"
    And on the witnesses' account, the finding "distinction.target_was_military_objective" is "violation_indicated"
    And the finding "distinction.target_was_military_objective" diverges between the accounts
    And the divergence is driven by "target.effective_contribution"
    And the divergence is driven by "target.definite_military_advantage"
    And the divergence is not driven by "target.normally_civilian_object"
    And the attacker's account holds "target.effective_contribution" to be true
    And the witnesses' account holds "target.effective_contribution" to be false
    And the divergence is not driven by "target.kind"
    And the divergence is not driven by "target.doubt_remained"

  # The RTS building: the review committee held the station a node in the command network; Amnesty,
  # that it was attacked to silence propaganda. A body that finds no military contribution must also
  # say how the target appeared at the time (an honest and reasonable mistake is not a violation of
  # distinction), so that fact drives the divergence too; the facts both bodies share do not.
  Scenario: Two bodies differ on whether the building contributed to military action
    Given the object attacked was a broadcasting station
    And the attack was directed at an object
    And the object was not one normally dedicated to civilian purposes
    And its destruction offered a definite military advantage
    And no doubt about the target remained when the attack was launched
    And the record does not say whether the object contributed to military action
    And according to the review body's account, the object made an effective contribution to military action
    And according to the monitor's account, the object made no effective contribution to military action
    And according to the monitor's account, on the information reasonably available at the time, the target did not appear to be a lawful target
    When each account is assessed
    Then on the review body's account, the finding "distinction.target_was_military_objective" is "no_violation_indicated"
    And on the monitor's account, the finding "distinction.target_was_military_objective" is "violation_indicated"
    And the finding "distinction.target_was_military_objective" diverges between the accounts
    And the divergence is driven by "target.effective_contribution"
    And the divergence is driven by "target.apparent_lawful_target"
    And the review body's account holds "target.effective_contribution" to be true
    And the monitor's account holds "target.effective_contribution" to be false
    And the review body's account holds "target.apparent_lawful_target" to be unknown
    And the divergence is not driven by "target.definite_military_advantage"
    And the divergence is not driven by "target.normally_civilian_object"

  Scenario: Two bodies differ on a single fact, and that fact alone drives the divergence
    Given the object attacked was a depot on the edge of a town
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And according to the review body's account, the expected civilian harm was not excessive in relation to the military advantage anticipated
    And according to the monitor's account, the expected civilian harm was excessive in relation to the military advantage anticipated
    When each account is assessed
    Then on the review body's account, the finding "proportionality.excessive_incidental_harm" is "no_violation_indicated"
    And on the monitor's account, the finding "proportionality.excessive_incidental_harm" is "violation_indicated"
    And the finding "proportionality.excessive_incidental_harm" diverges between the accounts
    And the divergence is driven by "proportionality.expected_harm_excessive" alone
    And the review body's account holds "proportionality.expected_harm_excessive" to be false
    And the monitor's account holds "proportionality.expected_harm_excessive" to be true
    And the finding "distinction.target_was_military_objective" does not diverge between the accounts

  # Raqqa: the coalition said it took all feasible precautions; survivors described strikes without warning.
  Scenario: The attacker says the residents were warned; the survivors say no warning came
    Given the object attacked was an ammunition store in a residential street
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And circumstances permitted a warning
    And according to the attacker's account, the civilians were warned effectively before the attack
    And according to the witnesses' account, no warning was given
    When each account is assessed
    Then on the attacker's account, the finding "precautions.effective_warning" is "no_violation_indicated"
    And on the witnesses' account, the finding "precautions.effective_warning" is "violation_indicated"
    And the finding "precautions.effective_warning" diverges between the accounts
    And the divergence is driven by "precautions.warning.given"
    And the attacker's account holds "precautions.warning.given" to be true
    And the witnesses' account holds "precautions.warning.given" to be false
    And the finding "distinction.target_was_military_objective" does not diverge between the accounts

  Scenario: An account that says nothing on a fact leaves the finding open, and the gap drives the divergence
    Given the object attacked was an ammunition store in a residential street
    And the attack was directed at a weapons depot of the opposing forces
    And the attacker knew that civilians were present
    And circumstances permitted a warning
    And according to the attacker's account, the record does not say whether a warning was given
    And according to the witnesses' account, no warning was given
    When each account is assessed
    Then on the attacker's account, the finding "precautions.effective_warning" is "inconclusive"
    And the missing facts include "precautions.warning.given"
    And on the witnesses' account, the finding "precautions.effective_warning" is "violation_indicated"
    And the finding "precautions.effective_warning" diverges between the accounts
    And the divergence is driven by "precautions.warning.given"
    And the attacker's account holds "precautions.warning.given" to be unknown

  # ---------------------------------------------------------------- an account that changes nothing

  Scenario: An account that restates none of the facts diverges nowhere
    Given the object attacked was a family home
    And the attack was directed at a house with no military use
    And on the information reasonably available at the time, the target did not appear to be a lawful target
    And the monitor's account restates none of the facts
    And the review body's account restates none of the facts
    When each account is assessed
    Then the accounts assessed are the monitor's account and the review body's account
    And no finding diverges between the accounts
    And on the monitor's account, every finding is as on the shared record
    And on the monitor's account, the finding "distinction.target_was_military_objective" is "violation_indicated"

  # ---------------------------------------------------------------- each account on its own evidence

  Scenario: Each account is weighed on its own sources
    Given the attacker's official statement of medium reliability, S2
    And a witness interview of medium reliability, S3
    And a witness interview of medium reliability, S4
    And a site visit graded high, S5
    And unless other sources are named, each fact below rests on S3, S4 and S5
    And the object attacked was a house in the old city
    And the attack was directed at an object
    And no doubt about the target remained when the attack was launched
    And according to the attacker's account (S2), the object was not one normally dedicated to civilian purposes
    And according to the attacker's account (S2), the object made an effective contribution to military action
    And according to the attacker's account (S2), its destruction offered a definite military advantage
    And according to the witnesses' account, the attack was directed at a house with no military use
    And according to the witnesses' account, on the information reasonably available at the time, the target did not appear to be a lawful target
    When each account is assessed
    Then on the attacker's account, the finding "distinction.target_was_military_objective" is "no_violation_indicated"
    And it reaches the standard "reasonable basis to believe"
    And the weakest facts include "target.effective_contribution"
    And the weakest facts do not include "target.kind"
    And the fact "target.effective_contribution" rests on a single source
    And on the witnesses' account, the finding "distinction.target_was_military_objective" is "violation_indicated"
    And it reaches the standard "more likely than not"
    And the fact "target.effective_contribution" rests on independent sources including direct evidence of high reliability

  # ---------------------------------------------------------------- one account only

  Scenario: The assessment is restricted to one account
    Given the object attacked was a house in the old city
    And the attack was directed at an object
    And no doubt about the target remained when the attack was launched
    And according to the attacker's account, the object was not one normally dedicated to civilian purposes
    And according to the attacker's account, the object made an effective contribution to military action
    And according to the attacker's account, its destruction offered a definite military advantage
    And according to the witnesses' account, the attack was directed at a house with no military use
    And according to the witnesses' account, on the information reasonably available at the time, the target did not appear to be a lawful target
    When only the witnesses' account is assessed
    Then only the witnesses' account was assessed
    And the finding "distinction.target_was_military_objective" is "violation_indicated"

  Scenario: An account the file does not hold is refused
    Given the object attacked was a house in the old city
    And the attack was directed at an object
    And according to the attacker's account, the object made an effective contribution to military action
    And according to the witnesses' account, the object made no effective contribution to military action
    When only the account "press" is assessed
    Then the assessment is refused, as there is no account "press"
    And the refusal names the accounts on file: the attacker's account and the witnesses' account

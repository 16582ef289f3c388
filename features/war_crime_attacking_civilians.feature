Feature: Elements of the war crime of attacking civilians
  Intentionally directing attacks against the civilian population as such or against individual
  civilians not taking direct part in hostilities is a war crime in international (Rome Statute art.
  8(2)(b)(i)) and non-international (art. 8(2)(e)(i)) armed conflict. The ICC Elements of Crimes break it
  into: the perpetrator directed an attack; its object was civilians; the perpetrator intended them to be
  its object; the conduct was associated with an armed conflict; and the perpetrator was aware of the
  factual circumstances that established it. Before the ICC the mental element is intent and knowledge
  (art. 30); the ICTY held that "wilfully" includes recklessness, but required that the attack cause
  death or serious injury (Galić, trial judgment). The engine never says that a crime was committed: it
  says whether the recorded facts indicate every element, and which remain to be shown.

  Background:
    Given an air strike in a non-international armed conflict
    And the object attacked was a street where residents were queuing for bread
    And the attacking party carried out the attack
    And the attack was directed at persons
    And the persons attacked were civilians going about their daily lives, taking no part in hostilities
    And the perpetrator was aware of the armed conflict

  Scenario: Civilians attacked on purpose
    Given the perpetrator intended the civilians to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_civilians_niac" is "elements_indicated"
    And no element remains to be shown
    And the crime "crimes.attacking_civilians_iac" is "not_applicable"

  Scenario: Nothing recorded of what the perpetrator intended
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_civilians_niac" is "not_all_elements_shown"
    And the elements still to be shown are "crimes.civilians_intended"
    And the evidence that would show it is named

  Scenario Outline: Recklessness as to the civilians, before each forum
    Given the perpetrator acted recklessly as to the civilians being the object of the attack
    And twelve civilians were killed
    When the incident is assessed before <forum>
    Then the crime "crimes.attacking_civilians_niac" is "<status>"

    Examples:
      | forum                    | status                 |
      | the ICC                  | elements_not_indicated |
      | an ICTY-style tribunal   | elements_indicated     |

  Scenario: Before an ICTY-style tribunal, the attack must have killed or injured civilians
    Given the perpetrator intended the civilians to be the object of the attack
    When the incident is assessed before an ICTY-style tribunal
    Then the crime "crimes.attacking_civilians_niac" is "not_all_elements_shown"
    And the elements still to be shown are "crimes.civilians_killed_or_injured"

  Scenario: Before an ICTY-style tribunal, the crime is reached through art. 3 of its Statute
    Given the perpetrator intended the civilians to be the object of the attack
    And twelve civilians were killed
    When the incident is assessed before an ICTY-style tribunal
    Then the crime "crimes.attacking_civilians_niac" is "elements_indicated"
    And the forum reaches it as "ICTY Statute art. 3, violations of the laws or customs of war (elements: Rome Statute art. 8(2)(e)(i))"
    And the crime "crimes.attacking_civilians_iac" is "not_applicable"
    And the reason given is that art. 3 of the ICTY Statute reaches this conduct in any armed conflict, and its elements are set out under the Rome Statute provision for a non-international armed conflict instead

  Scenario: Before the ICC, the crime is the Statute's own
    Given the perpetrator intended the civilians to be the object of the attack
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_civilians_iac" is "not_applicable"
    And the forum reaches it as "Rome Statute art. 8(2)(b)(i)"
    And the reason given is that the Statute lists this crime for an international armed conflict; the conflict is recorded as NIAC

  Scenario: Outside the ICC's jurisdiction
    Given the perpetrator intended the civilians to be the object of the attack
    And the attack was carried out by the forces of a state not party to the Rome Statute
    When the incident is assessed before the ICC
    Then the crime "crimes.attacking_civilians_niac" is "not_applicable"
    And the reason given is that there is no ICC jurisdiction on the record

  # What the perpetrator must have known of the civilians in a house attacked: the ICTY took "was aware
  # or should have been aware" (Galić); the ICC needs intent and knowledge (Rome Statute art. 30), so
  # the civilians' presence is read as found and the perpetrator's knowledge goes to the mental element.
  Scenario Outline: Civilians in a house the attacker could not have known of, before each forum
    Given the attack was directed at a house with no military use
    And the attacker could not have known that civilians were present
    And the perpetrator intended the civilians to be the object of the attack
    And twelve civilians were killed
    When the incident is assessed before <forum>
    Then the crime "crimes.attacking_civilians_niac" is "<status>"

    Examples:
      | forum                    | status                 |
      | the ICC                  | elements_indicated     |
      | an ICTY-style tribunal   | elements_not_indicated |

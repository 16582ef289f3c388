Feature: Weapons law, gated on the striking state's treaty status
  Some weapons are regulated by treaties that bind only their states party. Under Protocol III to the
  Convention on Certain Conventional Weapons, an incendiary weapon may never be delivered from the air on
  a military objective within a concentration of civilians, and from the ground only where the objective
  is clearly separated from the civilians and all feasible precautions limit the incendiary effects to it
  (art. 2(2) and (3)); the United States reserved the right to use incendiary weapons there where they
  would cause fewer casualties than alternative weapons. A state party to the Convention on Cluster
  Munitions may never use cluster munitions. Whether a weapon is incendiary (white phosphorus used as
  smoke is disputed) must be recorded; the engine does not decide it. In a non-international armed
  conflict Protocol III binds only a state that has also accepted the 2001 amendment of the Convention's
  art. 1, which extended it to such conflicts.

  Background:
    Given an artillery bombardment in a non-international armed conflict
    And the object attacked was a position on the edge of a crowded neighbourhood
    And the attacking party carried out the attack
    And the area was densely populated

  Scenario: Incendiary shells fired into a crowded neighbourhood by forces of a state party
    Given the strike was carried out by British forces
    And the shells were incendiary weapons, fired from the ground
    When the incident is assessed
    Then the finding "weapons.incendiary_in_concentration_of_civilians" is "violation_indicated"
    And it holds prima facie, rebuttable by "attack.weapon.incendiary_separated_and_limited"

  Scenario: The objective was clearly separated and the effects limited
    Given the strike was carried out by British forces
    And the shells were incendiary weapons, fired from the ground
    And the objective was clearly separated from the civilians and the incendiary effects were limited to it
    When the incident is assessed
    Then the finding "weapons.incendiary_in_concentration_of_civilians" is "no_violation_indicated"

  Scenario: The United States' reservation, where its condition is shown
    Given the strike was carried out by United States forces
    And the shells were incendiary weapons, fired from the ground
    And it had been judged that incendiary shells would cause fewer casualties than other weapons
    When the incident is assessed
    Then the finding "weapons.incendiary_in_concentration_of_civilians" is "not_applicable"

  Scenario: The United States' reservation, where its condition is not shown
    Given the strike was carried out by United States forces
    And the shells were incendiary weapons, fired from the ground
    When the incident is assessed
    Then the finding "weapons.incendiary_in_concentration_of_civilians" is "violation_indicated"
    And it holds prima facie, rebuttable by "attack.weapon.incendiary_fewer_casualties"

  Scenario: Protocol III's reach into a non-international armed conflict is not recorded for the striking state
    Given the strike was carried out by French forces
    And the shells were incendiary weapons, fired from the ground
    When the incident is assessed
    Then the finding "weapons.incendiary_in_concentration_of_civilians" is "inconclusive"
    And the missing facts include "treaties.ccw_protocol_iii"

  Scenario: Cluster munitions used by a state party to the Convention
    Given the strike was carried out by British forces
    And cluster munitions were used
    When the incident is assessed
    Then the finding "weapons.cluster_munitions_used" is "violation_indicated"

  Scenario: Cluster munitions used by a state not party
    Given the strike was carried out by United States forces
    And cluster munitions were used
    When the incident is assessed
    Then the finding "weapons.cluster_munitions_used" is "not_applicable"

import rules

from ecotown.core.rules import is_coordinator

rules.add_perm("trainees.view_roster", is_coordinator)

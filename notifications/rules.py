"""Who may do what with announcements: coordinators write, confirm and withdraw them."""

import rules

from ecotown.core.rules import is_coordinator

rules.add_perm("notifications.manage_announcements", is_coordinator)

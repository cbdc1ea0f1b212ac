import rules

from ecotown.core.rules import add_personal_perm, is_coordinator, is_expert, is_trainee


@rules.predicate
def is_own_enrolment(user, enrolment) -> bool:
    return enrolment is not None and enrolment.trainee_id == user.pk


rules.add_perm("trainees.view_roster", is_coordinator)
# Accept, waitlist, withdraw, complete, offer free seats.
rules.add_perm("trainees.manage_enrolment", is_coordinator)
# Create and edit trainees and experts, send invitations, import and export CSV.
rules.add_perm("trainees.manage_people", is_coordinator)
# Only the trainee answers a seat offer made to them: a coordinator who can see it may not.
add_personal_perm("trainees.respond_to_offer", is_trainee & is_own_enrolment)
add_personal_perm("trainees.edit_own_profile", is_trainee | is_expert)
# Travel details are the trainee's and the coordinators' alone (the seminar's experts never see
# them); the arrivals sheet and visa letters are the coordinators' work.
rules.add_perm("trainees.change_travel", is_coordinator | (is_trainee & is_own_enrolment))
rules.add_perm("trainees.view_travel", is_coordinator)
rules.add_perm("trainees.issue_visa_letter", is_coordinator)

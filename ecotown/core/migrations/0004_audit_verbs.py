from django.db import migrations

# Verbs written before the log had one enumeration, and what each is called now.
RENAMED = {
    "accept offer": "offer_accepted",
    "decline offer": "offer_declined",
    "expire offer": "offer_expired",
    "resend invitation": "invitation_resent",
    "assign experts": "experts_assigned",
    "approve": "approved",
}


def rename_verbs(apps, schema_editor):
    AuditEvent = apps.get_model("core", "AuditEvent")
    for old, new in RENAMED.items():
        AuditEvent.objects.filter(verb=old).update(verb=new)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_user_email_digest")]

    operations = [
        migrations.RunPython(rename_verbs, migrations.RunPython.noop),
    ]

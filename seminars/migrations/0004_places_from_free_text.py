"""Every free-text place of a session becomes a Place row, one per name as people meant it:
'Room 31', 'room 31' and ' Room  31 ' are one place (the first spelling met, tidied, names it)."""

from django.db import migrations


def _key(name):
    return " ".join(name.split()).casefold()


def forward(apps, schema_editor):
    Place = apps.get_model("seminars", "Place")
    Session = apps.get_model("seminars", "Session")
    places = {_key(place.name): place for place in Place.objects.all()}
    for session in Session.objects.exclude(place="").order_by("pk"):
        key = _key(session.place)
        if not key:
            continue
        if key not in places:
            places[key] = Place.objects.create(name=" ".join(session.place.split()))
        session.place_ref = places[key]
        session.save(update_fields=["place_ref"])


def backward(apps, schema_editor):
    Session = apps.get_model("seminars", "Session")
    for session in Session.objects.filter(place_ref__isnull=False).select_related("place_ref"):
        session.place = session.place_ref.name
        session.save(update_fields=["place"])


class Migration(migrations.Migration):
    dependencies = [("seminars", "0003_places_versions_site_visits")]

    operations = [migrations.RunPython(forward, backward)]

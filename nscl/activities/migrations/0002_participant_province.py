"""Participants belong to the province that collected them (personal data stays there):
each existing person takes the province of the first event they attended, and a person is
now matched within a province only."""

import django.db.models.deletion
from django.db import migrations, models


def fill_province(apps, schema_editor):
    participant = apps.get_model("activities", "Participant")
    attendance = apps.get_model("activities", "Attendance")
    for person in participant.objects.filter(province__isnull=True):
        first = (attendance.objects.filter(participant=person).select_related("event__plan")
                 .order_by("event__starts_on").first())
        if first is None:
            person.delete()  # attended nothing: nothing to keep
            continue
        person.province_id = first.event.plan.province_id
        person.save(update_fields=["province"])


class Migration(migrations.Migration):

    dependencies = [
        ("activities", "0001_initial"),
        ("organisation", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="participant",
            name="province",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="participants", to="organisation.unit",
                                    verbose_name="tỉnh thu thập"),
        ),
        migrations.RunPython(fill_province, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="participant",
            name="province",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                    related_name="participants", to="organisation.unit",
                                    verbose_name="tỉnh thu thập"),
        ),
        migrations.AlterField(
            model_name="participant",
            name="person_key",
            field=models.CharField(editable=False, max_length=255, verbose_name="khóa nhận diện"),
        ),
        migrations.AddConstraint(
            model_name="participant",
            constraint=models.UniqueConstraint(fields=("province", "person_key"),
                                               name="participant_unique_per_province"),
        ),
    ]

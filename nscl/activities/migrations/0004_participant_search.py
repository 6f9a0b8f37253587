"""Participants get a search key (an event's attendance list searches names and organisations
without diacritics); existing rows get theirs from the function the model's save() uses."""

from django.db import migrations, models

from nscl.core.text import search_key


def fill_keys(apps, schema_editor):
    Participant = apps.get_model("activities", "Participant")
    rows = list(Participant.objects.all())
    for row in rows:
        row.search_key = search_key(row.full_name or "", row.organisation or "")[:600]
    Participant.objects.bulk_update(rows, ["search_key"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('activities', '0003_alter_attendance_attendance_unique_and_more'),
    ]

    operations = [
        migrations.AddField(
            model_name='participant',
            name='search_key',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=600, verbose_name='khóa tìm kiếm'),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]

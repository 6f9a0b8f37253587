"""Calls and councils get a search key (their lists search without diacritics); the existing
rows get theirs from the same function the model's save() uses."""

from django.db import migrations, models

from nscl.core.text import search_key


def fill_keys(apps, schema_editor):
    for model, fields in (("SupportCall", ("title", "description")),
                          ("Council", ("name", "decision_number"))):
        rows = list(apps.get_model("support", model).objects.all())
        for row in rows:
            row.search_key = search_key(*(str(getattr(row, f) or "") for f in fields))[:600]
        apps.get_model("support", model).objects.bulk_update(rows, ["search_key"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('support', '0008_alter_approvaldecision_approval_unique_number_and_more'),
    ]

    operations = [
        migrations.AddField(
            model_name='council',
            name='search_key',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=600, verbose_name='khóa tìm kiếm'),
        ),
        migrations.AddField(
            model_name='historicalcouncil',
            name='search_key',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=600, verbose_name='khóa tìm kiếm'),
        ),
        migrations.AddField(
            model_name='historicalsupportcall',
            name='search_key',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=600, verbose_name='khóa tìm kiếm'),
        ),
        migrations.AddField(
            model_name='supportcall',
            name='search_key',
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=600, verbose_name='khóa tìm kiếm'),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]

import django.db.models.deletion
from django.db import migrations, models


def copy_commune(apps, schema_editor):
    """Cases filed before the column existed take their beneficiary's commune."""
    SupportCase = apps.get_model("support", "SupportCase")
    for case in SupportCase.objects.filter(commune__isnull=True).select_related("beneficiary"):
        case.commune_id = case.beneficiary.commune_id
        case.save(update_fields=["commune"])


class Migration(migrations.Migration):

    dependencies = [
        ("organisation", "0001_initial"),
        ("support", "0002_case_commune_and_index"),
    ]

    operations = [
        migrations.RunPython(copy_commune, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="supportcase",
            name="commune",
            field=models.ForeignKey(help_text="Nơi đối tượng hoạt động lúc nộp hồ sơ; giữ nguyên nếu sau này đối tượng chuyển địa chỉ.", on_delete=django.db.models.deletion.PROTECT, related_name="support_cases", to="organisation.unit", verbose_name="xã, phường khi nộp hồ sơ"),
        ),
    ]

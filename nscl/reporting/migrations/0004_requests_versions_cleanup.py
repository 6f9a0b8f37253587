from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [("reporting", "0003_requests_versions_data")]

    operations = [
        migrations.RemoveField(
            model_name='consolidatedreport',
            name='figures',
        ),
        migrations.RemoveField(
            model_name='historicalconsolidatedreport',
            name='figures',
        ),
        migrations.RemoveField(
            model_name='historicalreportingrequest',
            name='period_end',
        ),
        migrations.RemoveField(
            model_name='historicalreportingrequest',
            name='period_start',
        ),
        migrations.RemoveField(
            model_name='reportingrequest',
            name='period_end',
        ),
        migrations.RemoveField(
            model_name='reportingrequest',
            name='period_start',
        ),
        migrations.RemoveField(
            model_name='submissionrow',
            name='activity',
        ),
        migrations.RemoveField(
            model_name='submissionrow',
            name='cost',
        ),
        migrations.RemoveField(
            model_name='submissionrow',
            name='cost_text',
        ),
        migrations.RemoveField(
            model_name='submissionrow',
            name='period',
        ),
    ]

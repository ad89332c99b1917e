from django.conf import settings
import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_every_sets_runner(apps, schema_editor):
    """Each set saved before the column existed gets its session's runner."""
    TrainingSession = apps.get_model("training", "TrainingSession")
    SetEntry = apps.get_model("training", "SetEntry")
    runner = TrainingSession.objects.filter(pk=OuterRef("session_id")).values("user_id")[:1]
    SetEntry.objects.update(user_id=Subquery(runner))


class Migration(migrations.Migration):

    dependencies = [
        ('training', '0003_session_tallies'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='setentry',
            name='user',
            field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.RunPython(copy_every_sets_runner, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='setentry',
            name='user',
            field=models.ForeignKey(blank=True, db_index=False, editable=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddIndex(
            model_name='setentry',
            index=models.Index(condition=models.Q(('done', True), ('is_warmup_set', False)), fields=['user', 'exercise', 'load_kg'], name='set_best_load_kg'),
        ),
        migrations.AddIndex(
            model_name='setentry',
            index=models.Index(condition=models.Q(('done', True), ('is_warmup_set', False)), fields=['user', 'exercise', 'reps'], name='set_best_reps'),
        ),
        migrations.AddIndex(
            model_name='setentry',
            index=models.Index(condition=models.Q(('done', True), ('is_warmup_set', False)), fields=['user', 'exercise', 'seconds'], name='set_best_seconds'),
        ),
    ]

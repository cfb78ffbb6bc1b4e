from django.db import migrations

DEFAULT_RULES = [
    ("3 in 30 days", 3, 30, "Missing intervention planning meeting"),
    ("3 in 90 days", 3, 90, "Multi-agency panel (VEMT practitioners group)"),
]


def add_rules(apps, schema_editor):
    ThresholdRule = apps.get_model("safeguarding", "ThresholdRule")
    for name, episodes, days, action in DEFAULT_RULES:
        ThresholdRule.objects.get_or_create(
            name=name, defaults={"episodes": episodes, "days": days, "action": action}
        )


class Migration(migrations.Migration):
    dependencies = [("safeguarding", "0001_initial")]
    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]

"""Derive the facts of episodes recorded before the facts table existed (decision 0024).

A database made before this release has episodes and an empty facts table, and every report
would count nothing. This derives them once, with the release's own derivation (the same as
``homeward reporting_facts_rebuild``); a new database has no episodes and skips it.
"""

from django.db import migrations


def derive_existing_facts(apps, schema_editor):
    if (
        not apps.get_model("episodes", "Episode")
        .objects.using(schema_editor.connection.alias)
        .exists()
    ):
        return
    from homeward.reporting.facts import episode_facts_rebuild

    episode_facts_rebuild()


class Migration(migrations.Migration):
    # Everything the derivation reads: episodes, children and care periods, interviews.
    dependencies = [
        ("reporting", "0001_initial"),
        ("episodes", "0001_initial"),
        ("children", "0002_ssda903_code_lists"),
        ("interviews", "0001_initial"),
        ("accounts", "0002_initial"),
    ]

    operations = [migrations.RunPython(derive_existing_facts, migrations.RunPython.noop)]

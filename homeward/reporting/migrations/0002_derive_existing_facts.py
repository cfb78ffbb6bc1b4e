"""Derive the facts of episodes recorded before the facts table existed (decision 0024).

Superseded by 0003, which adds the chain columns and then derives every episode's facts with
the release's own derivation; deriving here as well would write columns that do not exist yet.
Kept, empty, so databases that already ran it keep a consistent history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("episodes", "0001_initial"),
        ("children", "0002_ssda903_code_lists"),
        ("interviews", "0001_initial"),
        ("accounts", "0002_initial"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]

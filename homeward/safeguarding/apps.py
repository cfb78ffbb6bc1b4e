from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "homeward.safeguarding"
    label = "safeguarding"
    verbose_name = "Persistent-missing rules, meetings, plans and Philomena profiles"

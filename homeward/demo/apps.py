from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "homeward.demo"
    label = "demo"
    verbose_name = "Synthetic demo partnership"

from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "homeward.front"
    label = "front"

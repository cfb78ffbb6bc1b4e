from django.apps import AppConfig


class ChildrenConfig(AppConfig):
    name = "homeward.children"
    label = "children"
    verbose_name = "Children, care periods and involvement"

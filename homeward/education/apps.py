from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "homeward.education"
    label = "education"
    verbose_name = "Children missing education"

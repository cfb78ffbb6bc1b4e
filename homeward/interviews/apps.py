from django.apps import AppConfig


class InterviewsConfig(AppConfig):
    name = "homeward.interviews"
    label = "interviews"
    verbose_name = "Return home interviews and their audits"

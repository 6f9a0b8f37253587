from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "nscl.workflow"
    verbose_name = "Nhật ký nghiệp vụ"

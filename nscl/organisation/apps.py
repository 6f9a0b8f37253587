from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "nscl.organisation"
    verbose_name = "Tổ chức"

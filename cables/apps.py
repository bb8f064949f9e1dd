from django.apps import AppConfig


class CablesConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'cables'

    def ready(self):
        from cables import receivers  # noqa: F401  (connects fact extraction to stored cables)

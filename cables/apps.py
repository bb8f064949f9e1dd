from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CablesConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'cables'

    def ready(self):
        from cables import receivers  # noqa: F401  (connects fact extraction to stored cables)

        post_migrate.connect(_full_text_index_keep, sender=self, dispatch_uid="cables.full_text_index_keep")


def _full_text_index_keep(sender, using, **kwargs):
    """After every migrate on SQLite, put back the FTS5 triggers a table rebuild may have dropped."""
    from django.db import connections

    from cables import fts

    connection = connections[using]
    if connection.vendor == "sqlite":
        fts.install(connection)

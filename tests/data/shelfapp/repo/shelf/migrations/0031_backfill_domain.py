from urllib.parse import urlsplit

from django.db import migrations, models


def backfill(apps, schema_editor):
    Bookmark = apps.get_model("shelf", "Bookmark")
    for bookmark in Bookmark.objects.filter(domain__isnull=True).iterator():
        host = urlsplit(bookmark.url).hostname
        bookmark.domain = host.removeprefix("www.") if host else None
        bookmark.save(update_fields=["domain"])


class Migration(migrations.Migration):
    dependencies = [("shelf", "0030_bookmark_domain")]

    operations = [
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="bookmark",
            name="domain",
            field=models.CharField(max_length=255, db_index=True),
        ),
    ]

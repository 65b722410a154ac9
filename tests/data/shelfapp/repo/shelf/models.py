from django.conf import settings
from django.db import models

from shelf.utils.text import estimate_reading_time
from shelf.utils.urls import domain_of, normalize_url


class Tag(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    name = models.CharField(max_length=100)

    class Meta:
        unique_together = [("owner", "name")]


class Bookmark(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    url = models.TextField()
    normalized_url = models.TextField(db_index=True)
    domain = models.CharField(max_length=255, db_index=True)
    title = models.TextField(blank=True)
    content = models.TextField(blank=True)
    word_count = models.PositiveIntegerField(default=0)
    tags = models.ManyToManyField(Tag, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True)

    def save(self, *args, **kwargs):
        self.normalized_url = normalize_url(self.url)
        self.domain = domain_of(self.url)
        super().save(*args, **kwargs)

    def set_tags(self, names):
        self.tags.set([Tag.objects.get_or_create(owner=self.owner, name=n)[0] for n in names])

    @property
    def reading_time(self):
        wpm = self.owner.settings.words_per_minute
        return estimate_reading_time(self.word_count, wpm)


class UserSettings(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="settings")
    words_per_minute = models.IntegerField(default=230)

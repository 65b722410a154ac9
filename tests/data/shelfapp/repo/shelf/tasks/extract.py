"""Celery tasks that fetch and extract saved pages."""
from celery import shared_task

from shelf import settings
from shelf.extractor.clean import extract_content, extract_title, parse
from shelf.extractor.fetch import FetchError, fetch_url
from shelf.tasks.retry import compute_backoff
from shelf.utils.text import count_words


@shared_task(bind=True, max_retries=settings.MAX_RETRIES)
def extract_bookmark(self, bookmark_id):
    from shelf.models import Bookmark

    bookmark = Bookmark.objects.get(pk=bookmark_id)
    try:
        resp = fetch_url(bookmark.url)
    except FetchError as exc:
        raise self.retry(exc=exc, countdown=compute_backoff(self.request.retries))
    tree = parse(resp.text)
    title = extract_title(tree, fallback=bookmark.url)
    bookmark.title = bookmark.title or title
    bookmark.content = extract_content(tree)
    bookmark.word_count, _ = count_words(bookmark.content)
    bookmark.save()

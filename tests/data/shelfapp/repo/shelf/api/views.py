"""REST API views (subset)."""
import json
from datetime import datetime

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_POST

from shelf.api.pagination import paginate
from shelf.models import Bookmark
from shelf.tags import parse_tags


def error(detail, code, status):
    return JsonResponse({"detail": detail, "code": code}, status=status)


def list_bookmarks(request):
    qs = Bookmark.objects.filter(owner=request.user).order_by("-created_at")
    for tag in request.GET.getlist("tag"):
        qs = qs.filter(tags__name=tag)
    if request.GET.get("archived") is not None:
        qs = qs.filter(archived_at__isnull=request.GET["archived"] != "true")
    data = paginate(qs.values("id", "url", "title", "created_at"), request.GET, request.build_absolute_uri(request.path))
    return JsonResponse(data)


@require_POST
def archive_bookmark(request, pk):
    bookmark = get_object_or_404(Bookmark, pk=pk, owner=request.user)
    payload = json.loads(request.body or b"{}")
    value = payload.get("archived_at")
    if value:
        try:
            archived_at = datetime.fromisoformat(value)
        except ValueError:
            return error("archived_at must be ISO 8601", "invalid", 400)
    else:
        archived_at = timezone.now()
    bookmark.archived_at = archived_at
    bookmark.save(update_fields=["archived_at"])
    return JsonResponse({"id": bookmark.pk, "archived_at": bookmark.archived_at.isoformat()})


@require_POST
def tag_bookmark(request, pk):
    bookmark = get_object_or_404(Bookmark, pk=pk, owner=request.user)
    bookmark.set_tags(parse_tags(request.POST.get("tags", "")))
    return JsonResponse({"id": bookmark.pk})

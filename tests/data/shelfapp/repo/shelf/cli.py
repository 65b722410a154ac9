"""shelf-admin: thin wrapper around manage.py plus a few shelf commands."""
import argparse
import os
import sys


def export(args):
    import django

    django.setup()
    from shelf.exporters.netscape import render_netscape
    from shelf.models import Bookmark

    qs = Bookmark.objects.filter(owner__username=args.user).order_by("created_at")
    rows = ({"url": b.url, "title": b.title, "tags": [t.name for t in b.tags.all()], "created_at": b.created_at} for b in qs)
    if args.format == "html":
        out = render_netscape(rows)
    else:
        print(f"unknown format: {args.format}", file=sys.stderr)
        return 2
    (open(args.output, "w", encoding="utf-8") if args.output else sys.stdout).write(out)
    return 0


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shelf.django_settings")
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "export":
        p = argparse.ArgumentParser(prog="shelf-admin export")
        p.add_argument("--user", required=True)
        p.add_argument("--format", choices=["html"], default="html")
        p.add_argument("--output")
        return export(p.parse_args(argv[1:]))
    from django.core.management import execute_from_command_line

    execute_from_command_line(["shelf-admin", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())

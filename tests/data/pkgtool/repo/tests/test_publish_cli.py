import argparse

from tarn.cli import publish


def _args(**kw):
    base = dict(repository="pypi", dry_run=False, files=["dist/demo-1.0.tar.gz"])
    base.update(kw)
    return argparse.Namespace(**base)


def test_upload_called():
    seen = []
    rc = publish.run(_args(), environ={"TARN_PUBLISH_TOKEN": "t"}, upload=lambda r, f, t: seen.append(f))
    assert rc == 0 and seen == ["dist/demo-1.0.tar.gz"]


def test_rejects_non_distributions():
    assert publish.run(_args(files=["README.md"]), environ={"TARN_PUBLISH_TOKEN": "t"}) == 1


def test_dry_run_does_not_upload():
    seen = []
    rc = publish.run(_args(dry_run=True), environ={"TARN_PUBLISH_TOKEN": "t"}, upload=lambda r, f, t: seen.append(f))
    assert rc == 0 and seen == []

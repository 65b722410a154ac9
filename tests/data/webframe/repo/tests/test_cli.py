import sys
import textwrap

import pytest

from quill.cli.discovery import format_load_error, import_app, split_target
from quill.cli.main import build_parser, main
from quill.exceptions import AppLoadError


def test_split_target_module(tmp_path):
    assert split_target("pkg.main:app", tmp_path) == ("pkg.main", "app")


def test_split_target_file(tmp_path):
    assert split_target("src/main.py", tmp_path) == ("src.main", None)


def test_import_app_default_names(tmp_path, monkeypatch):
    (tmp_path / "service.py").write_text("from quill import Quill\napi = Quill()\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    app = import_app("service", app_dir=str(tmp_path))
    assert type(app).__name__ == "Quill"
    sys.modules.pop("service", None)


def test_import_error_is_wrapped(tmp_path):
    (tmp_path / "broken.py").write_text("import does_not_exist\n")
    with pytest.raises(AppLoadError) as info:
        import_app("broken:app", app_dir=str(tmp_path))
    text = format_load_error(info.value)
    assert text.startswith("quill: error: could not load application 'broken:app'")
    assert "caused by: ModuleNotFoundError: No module named 'does_not_exist'" in text


def test_src_layout_hint():
    err = AppLoadError("src.main:app", ModuleNotFoundError("No module named 'src'", name="src"))
    assert "hint: with a src/ layout" in format_load_error(err)


def test_reload_and_workers_conflict(tmp_path, monkeypatch, capsys):
    (tmp_path / "main.py").write_text("from quill import Quill\napp = Quill()\n")
    monkeypatch.chdir(tmp_path)
    assert main(["run", "main:app", "--app-dir", str(tmp_path), "--reload", "--workers", "2"]) == 2
    assert "--reload and --workers are mutually exclusive" in capsys.readouterr().err


def test_config_error_rendering(tmp_path, monkeypatch, capsys):
    (tmp_path / "quill.toml").write_text(textwrap.dedent("""\
        app = "main:app"

        [server]
        worker = 4
    """))
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == 2
    assert capsys.readouterr().err.strip() == (
        "quill: Error E012 at line 4 in file quill.toml: unknown key 'worker' in [server]"
    )


def test_parser_defaults():
    args = build_parser().parse_args(["run", "main:app"])
    assert args.proxy_headers is True
    assert args.app_dir == "."

import textwrap

import pytest

from quill.config import load_config
from quill.exceptions import ConfigError


def write(tmp_path, text):
    path = tmp_path / "quill.toml"
    path.write_text(textwrap.dedent(text))
    return path


def test_load_minimal(tmp_path):
    path = write(tmp_path, """\
        app = "main:app"
        [server]
        port = 9000
    """)
    assert load_config(path) == {"app": "main:app", "server": {"port": 9000}}


def test_unknown_key_has_line(tmp_path):
    path = write(tmp_path, """\
        app = "main:app"

        [server]
        host = "0.0.0.0"
        worker = 4
    """)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.render() == f"Error E012 at line 5 in file {path}: unknown key 'worker' in [server]"


def test_wrong_type(tmp_path):
    path = write(tmp_path, """\
        [server]
        port = "8000"
    """)
    with pytest.raises(ConfigError, match="E013"):
        load_config(path)


def test_env_interpolation(tmp_path, monkeypatch):
    monkeypatch.setenv("APP_HOST", "0.0.0.0")
    path = write(tmp_path, """\
        [server]
        host = "${APP_HOST}"
    """)
    assert load_config(path)["server"]["host"] == "0.0.0.0"


def test_env_override_port(tmp_path, monkeypatch):
    monkeypatch.setenv("QUILL_SERVER_PORT", "9100")
    path = write(tmp_path, "app = 'main:app'\n")
    assert load_config(path)["server"]["port"] == 9100


def test_pyproject_section(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\n\n[tool.quill]\napp = "x.main:app"\n')
    assert load_config(path) == {"app": "x.main:app"}

from tarn import config


def test_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    cfg = config.load_config(tmp_path, environ={})
    assert cfg["no-cache"] is False
    assert cfg["venv"]["in-project"] is True


def test_project_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    (tmp_path / "pyproject.toml").write_text("[tool.tarn.publish]\nretries = 5\n")
    assert config.load_config(tmp_path, environ={})["publish"]["retries"] == 5


def test_env_int_and_true(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    cfg = config.load_config(tmp_path, environ={"TARN_PUBLISH_RETRIES": "7", "TARN_NO_CACHE": "1"})
    assert cfg["publish"]["retries"] == 7
    assert cfg["no-cache"] is True


def test_env_list(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    cfg = config.load_config(tmp_path, environ={"TARN_PLUGINS_DISABLED": "audit, lint"})
    assert cfg["plugins"]["disabled"] == ["audit", "lint"]

from tarn.utils.proxy import bypass_proxy, proxy_for


def test_exact_and_suffix():
    assert bypass_proxy("pkgs.corp.example", "pkgs.corp.example")
    assert bypass_proxy("pkgs.corp.example", "corp.example")
    assert not bypass_proxy("pypi.org", "corp.example")


def test_star():
    assert bypass_proxy("anything", "*")


def test_proxy_for(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy:3128")
    monkeypatch.setenv("NO_PROXY", "localhost,pkgs.corp.example")
    assert proxy_for("https://pypi.org/simple/") == "http://proxy:3128"
    assert proxy_for("https://pkgs.corp.example/simple/") is None

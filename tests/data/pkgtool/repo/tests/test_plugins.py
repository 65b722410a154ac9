from tarn.plugins import load_plugins


class FakeEP:
    def __init__(self, name, value, func):
        self.name, self.value, self._func = name, value, func

    def load(self):
        if isinstance(self._func, Exception):
            raise self._func
        return self._func


def test_loads_all():
    calls = []
    eps = [FakeEP("audit", "acme_tarn_audit:plugin", lambda app: calls.append("audit")),
           FakeEP("lint", "acme_lint:plugin", lambda app: calls.append("lint"))]
    assert load_plugins(object(), discover=lambda: eps) == ["audit", "lint"]
    assert calls == ["audit", "lint"]


def test_broken_plugin_is_skipped():
    eps = [FakeEP("broken", "x:y", ImportError("nope")), FakeEP("ok", "ok:plugin", lambda app: None)]
    assert load_plugins(object(), discover=lambda: eps) == ["ok"]

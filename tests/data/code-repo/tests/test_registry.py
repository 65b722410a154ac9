from minipkg.registry import OPTIMIZERS, Registry


def test_register_replaces():
    Registry().register("adam", "other")
    assert OPTIMIZERS["adam"] == "other"

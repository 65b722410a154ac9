from shelf.utils.urls import domain_of, normalize_url


def test_drops_tracking_params():
    assert normalize_url("https://example.com/a?utm_source=x&id=3") == "https://example.com/a?id=3"


def test_host_lowercased_and_default_port_dropped():
    assert normalize_url("HTTPS://Example.COM:443/a/") == "https://example.com/a"


def test_domain_of():
    assert domain_of("https://www.example.org/x") == "example.org"

"""The client over HTTPS against the practice exchange with a throwaway CA."""

import ssl

import pytest
import requests
import trustme

from kiwoom_ticket.domain.exchange import Exchange
from kiwoom_ticket.domain.orders import Action, NewOrder
from kiwoom_ticket.kiwoom import KiwoomClient, NotSent
from kiwoom_ticket.simulator import SimConfig, Simulator

from .conftest import FAKE


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    ca = trustme.CA()
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server)
    bundle = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    with Simulator(SimConfig(profile="real", seed=1, rate_limits=False,
                             ssl_context=server)) as sim:
        yield sim, str(bundle)


def test_the_given_ca_is_used_even_when_the_environment_names_another(tls, monkeypatch):
    sim, bundle = tls
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", requests.certs.where())  # a CA that won't do
    client = KiwoomClient(sim.base_url, FAKE, verify=bundle)
    try:
        ack = client.send_order(NewOrder(Action.BUY, Exchange.KRX, "005930", 1, "3"))
        assert ack.ord_no
    finally:
        client.close()


def test_an_untrusted_certificate_is_refused_before_anything_is_sent(tls):
    sim, _bundle = tls
    before = sim.received("au10001")
    client = KiwoomClient(sim.base_url, FAKE)  # system CAs only: the test CA is unknown
    try:
        with pytest.raises(NotSent):
            client.issue_token()
    finally:
        client.close()
    assert sim.received("au10001") == before


def test_the_environment_neither_adds_trust_nor_routes_through_a_proxy(tls, monkeypatch):
    # The session ignores the environment (trust_env off): a CA bundle named there is not
    # trusted, and proxy variables pointing at a dead port are not used.
    sim, bundle = tls
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", bundle)
    monkeypatch.setenv("CURL_CA_BUNDLE", bundle)
    before = sim.received("au10001")
    default = KiwoomClient(sim.base_url, FAKE)  # verify=True: the environment's CA is not it
    try:
        with pytest.raises(NotSent):
            default.issue_token()
    finally:
        default.close()
    assert sim.received("au10001") == before
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    client = KiwoomClient(sim.base_url, FAKE, verify=bundle)
    try:
        ack = client.send_order(NewOrder(Action.SELL, Exchange.KRX, "005930", 1, "3"))
        assert ack.ord_no
    finally:
        client.close()

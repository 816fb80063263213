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

"""The practice exchange serves HTTPS when given an ssl.SSLContext (a throwaway trustme CA)."""

from __future__ import annotations

import ssl

import pytest
import requests
import trustme

from kiwoom_ticket.simulator import SimConfig, Simulator

from .kiwoom import KEYS, ORDR, Kiwoom


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def tls_sim(ca):
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_ctx)
    with Simulator(SimConfig(profile="real", seed=1, rate_limits=False,
                             ssl_context=server_ctx)) as sim:
        yield sim


@pytest.fixture(scope="module")
def ca_bundle(ca, tmp_path_factory):
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


def test_base_url_says_https(tls_sim):
    assert tls_sim.base_url.startswith("https://127.0.0.1:")


def test_order_round_trip_over_tls(tls_sim, ca_bundle):
    kw = Kiwoom.__new__(Kiwoom)  # the helper, but with a session that trusts the test CA
    kw.sim, kw.base, kw.http = tls_sim, tls_sim.base_url, requests.Session()
    kw.http.verify = ca_bundle
    kw.http.trust_env = False  # else REQUESTS_CA_BUNDLE, when set, overrides session.verify
    kw.token = kw.issue()["token"]
    body = {"dmst_stex_tp": "KRX", "stk_cd": "005930", "ord_qty": "1", "ord_uv": "",
            "trde_tp": "3", "cond_uv": ""}
    reply = kw.http.post(tls_sim.base_url + ORDR, json=body, headers=kw.headers("kt10000"),
                         timeout=10).json()
    kw.http.close()
    assert reply["return_code"] == 0 and reply["ord_no"]
    assert reply["ord_no"] in {o.ord_no for o in tls_sim.ledger()}


def test_unknown_certificate_is_refused(tls_sim):
    with pytest.raises(requests.exceptions.SSLError):
        requests.post(tls_sim.base_url + "/oauth2/token", json=KEYS, timeout=10)


def test_plain_http_to_the_tls_port_gets_no_answer(tls_sim):
    before = tls_sim.received("au10001")
    plain = tls_sim.base_url.replace("https://", "http://")
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.post(plain + "/oauth2/token", json=KEYS, timeout=10)
    assert tls_sim.received("au10001") == before


def test_plain_http_stays_the_default():
    with Simulator(SimConfig(seed=1, rate_limits=False)) as sim:
        assert sim.base_url.startswith("http://")
        assert requests.post(sim.base_url + "/oauth2/token", json=KEYS,
                             timeout=10).json()["return_code"] == 0

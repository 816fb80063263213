"""A real round trip through the OS keyring: Windows Credential Manager, the macOS Keychain,
the Secret Service. It writes to the user's keyring (under a throwaway service name, deleted
afterwards), so it runs only when asked: KIWOOM_TICKET_OS_KEYRING=1, as the CI workflows
do on Windows and macOS. The in-memory and no-keyring paths are tested everywhere else.

It runs in a child process with a deadline: a locked keychain can wait for a password
prompt that nobody will answer, and that must fail the test, not hang the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid

import pytest

pytestmark = pytest.mark.skipif(
    os.environ.get("KIWOOM_TICKET_OS_KEYRING") != "1",
    reason="writes to the OS keyring: set KIWOOM_TICKET_OS_KEYRING=1 to run",
)

CHILD = textwrap.dedent("""
    import sys
    import keyring
    from keyring.backends import fail
    from kiwoom_ticket.domain.environment import Environment
    from kiwoom_ticket.kiwoom import Credentials
    from kiwoom_ticket.service import credentials

    backend = keyring.get_keyring()
    print("backend:", type(backend).__module__, type(backend).__name__)
    if isinstance(backend, fail.Keyring):
        print("NO-BACKEND")
        sys.exit(3)
    credentials.SERVICE = sys.argv[1]
    creds = Credentials("PSappkey-0123456789abcdefghij", "secret/+=-" + "x" * 120)
    store = credentials.CredentialStore()
    assert store.backend_ok, "probe failed"
    assert store.save(Environment.MOCK, creds) is True, "not stored in the keyring"
    assert credentials.CredentialStore().load(Environment.MOCK) == creds, "read back differs"
    store.delete(Environment.MOCK)
    assert credentials.CredentialStore().load(Environment.MOCK) is None, "not deleted"
    print("round trip: OK")
""")


def test_keys_round_trip_through_the_os_keyring():
    service = f"kiwoom-ticket-test-{uuid.uuid4().hex[:12]}"
    result = subprocess.run(
        [sys.executable, "-c", CHILD, service],
        capture_output=True, text=True, timeout=90,
    )
    output = result.stdout + result.stderr
    if result.returncode == 3:
        pytest.skip(f"no OS keyring on this machine ({output.strip()})")
    assert result.returncode == 0, output
    assert "round trip: OK" in result.stdout

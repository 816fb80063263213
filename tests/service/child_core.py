"""What the crash tests' child processes share (run as scripts: this folder is on their
path): the application core connected to the practice exchange at `url`, its files in
`data_dir`, its watches and brackets read from the file."""

import asyncio
from pathlib import Path

from kiwoom_ticket.domain.environment import Environment
from kiwoom_ticket.service import AppSession, open_service
from kiwoom_ticket.service.serial import SerialThread


async def connected_core(url: str, data_dir: Path) -> AppSession:
    worker = SerialThread("child-worker")
    core = AppSession(worker.call, stream=False,
                      service_factory=lambda env, creds: open_service(
                          env, creds, base_url=url, data_dir=data_dir))
    assert await core.connect(Environment.PRACTICE)
    while not core.protection.started:  # another process: nothing to wait on but this
        await asyncio.sleep(0.01)
    return core

"""The 체결 tab: today's fills, loaded from kt00009 when the tab is first shown and on F5;
live fills (Kiwoom's 00 entries) are added as they come (`model.add`)."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from ..service.status import Severity
from . import lists_texts  # noqa: F401  (registers the texts)
from .fills_model import FillsModel
from .i18n import tr
from .list_panel import ListPanel
from .messages import error_detail, error_text, labelled
from .tasks import TaskRunner


class FillsView(ListPanel):
    CSV_NAME = "fills.csv"

    def __init__(self, model: FillsModel, session, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(model, runner.status, parent)
        self.model: FillsModel = model
        self.session = session
        self.runner = runner
        self.loaded = False  # loaded once since the environment was opened
        self.last_task: asyncio.Task | None = None
        self.note = QLabel()
        self.reload_button = QPushButton()
        self.reload_button.clicked.connect(self.load)
        self.buttons.addWidget(self.note, 1)
        self.buttons.addWidget(self.reload_button)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.reload_button.setText(tr("lists.reload"))
        if self.loaded:
            self.note.setText(tr("lists.fills_loaded", n=len(self.model.all_items())))

    def forget(self) -> None:
        """Another environment (or a new day): nothing shown until loaded again."""
        self.loaded = False
        self.model.set_fills([])
        self.note.clear()

    def load(self) -> asyncio.Task | None:
        """Today's fills through the worker (one request a page). One load at a time."""
        if not self.session.connected:
            return None
        if self.last_task is not None and not self.last_task.done():
            return self.last_task
        self.last_task = self.runner.run(self._load(), what="today's fills",
                                         on_error=self._not_loaded)
        return self.last_task

    async def _load(self) -> int:
        self.note.setText(tr("lists.fills_loading"))
        env = self.session.env
        fills = await self.session.fills_today()
        if env is not self.session.env:  # switched meanwhile: not this list's
            return 0
        self.model.set_fills(fills)
        self.loaded = True
        self.note.setText(tr("lists.fills_loaded", n=len(fills)))
        return len(fills)

    def _not_loaded(self, exc: BaseException) -> None:
        """Said under the list and in the status line; F5 tries again."""
        self.note.setText(tr("lists.fills_failed"))
        self.status.post(labelled("lists.fills_failed", error_text(exc)), error_detail(exc),
                         Severity.WARNING)

    def load_if_needed(self) -> None:
        if not self.loaded:
            self.load()

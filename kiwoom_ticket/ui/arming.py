"""A question answers only to what the trader did after seeing it.

`HeldKeys` watches the keyboard (from before any question can open) and knows which keys
are down now. `ArmedQuestion` guards one dialog: until it is armed, its buttons are greyed
and every key sent to it is swallowed; it arms for the mouse `arm_ms` after it showed, and
for the keyboard only once, besides that, every key that was down when it appeared is up
again and no key press came in the last `arm_ms`. An auto-repeated key never answers,
armed or not. So a burst of Enter, or an Enter held down, that opened a question can't
also answer it, and neither can a double-click's second click.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

# Long enough that a key or click already on its way can't land on the question, short
# enough not to slow a deliberate answer (the issue asks for ~300-500 ms).
ARM_MS = 400

_KEY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease,
                         QEvent.Type.ShortcutOverride})
_NOTED = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease})


# The keys that can answer a question (a button's Enter or Space, Esc for no): the ones
# worth knowing are down. Only these are kept, so a key an input method swallows the
# release of (Hangul composition) can't hold a later question's keyboard back.
ANSWER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space,
                         Qt.Key.Key_Escape})


class HeldKeys(QObject):
    """The answer keys down now, from the application's own key events (Qt can't be asked
    for the state of a key that is not a modifier). Auto-repeat presses and releases are
    not the key going up or down; a lost release is forgotten when the application loses
    focus.

    While the application is active, a key from the keyboard goes to the widget with
    the keyboard focus (none: the active window), so that is the one widget watched: the
    filter moves with the focus (`focusChanged`, a Qt signal, once per move). An
    application-wide filter saw every event of the application instead, each one a call
    into Python: ~6,000 a second under a fast live feed, a tenth of the GUI thread's work
    while the trader only watches (issue 26, figure 13a). While it is not active, no key
    comes from the keyboard, but a key can still be sent to any widget (the offscreen
    platform of the tests may never make a window active): then it watches the whole
    application as before. A widget an answer key went down on stays watched until the
    key comes up (its release may be sent there after the focus moved on: the press
    closed or opened something). A question watches its own dialog's keys itself
    (ArmedQuestion) and counts them here too."""

    released = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.down: set[int] = set()
        self._watched: tuple[QObject, ...] = ()  # the keys' targets now (see _targets)
        self._pressed_on: dict[int, QObject] = {}  # a key down: where it went down
        self._on = False

    def start(self) -> None:
        """Watch from now on."""
        if self._on:
            return
        self._on = True
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_moved)
        app.focusWindowChanged.connect(self._focus_moved)  # a popup menu opening
        app.applicationStateChanged.connect(self._state_changed)
        self._follow(self._targets())

    def stop(self) -> None:
        if not self._on:
            return
        self._on = False
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.disconnect(self._focus_moved)
        app.focusWindowChanged.disconnect(self._focus_moved)
        app.applicationStateChanged.disconnect(self._state_changed)
        self._follow(())

    @property
    def watching(self) -> QObject | None:
        """Where the keys go now: the focus widget, the active window, the application."""
        return self._watched[0] if self._watched else None

    @staticmethod
    def _targets() -> tuple[QObject, ...]:
        """Where the keys can go now (see the class); an open popup menu takes them
        while it is open (it has no focus of its own), and the focus widget after."""
        app = QApplication.instance()
        assert app is not None
        if QApplication.applicationState() != Qt.ApplicationState.ApplicationActive:
            return (app,)
        focus = QApplication.focusWidget() or QApplication.activeWindow() or app
        popup = QApplication.activePopupWidget()
        if popup is not None:
            return (focus, popup.focusWidget() or popup)
        return (focus,)

    def _focus_moved(self, *_moved: object) -> None:
        self._follow(self._targets())

    def _follow(self, targets: tuple[QObject, ...]) -> None:
        old, self._watched = self._watched, targets
        for obj in old:
            self._unwatch(obj)
        for obj in targets:
            obj.installEventFilter(self)  # once: Qt keeps no duplicates

    def _unwatch(self, obj: QObject | None) -> None:
        """`obj` no longer watched, unless keys go there or a held key went down on it."""
        if obj is None or any(obj is w for w in self._watched) or any(
                obj is w for w in self._pressed_on.values()):
            return
        with suppress(RuntimeError):  # deleted: Qt dropped its filters with it
            obj.removeEventFilter(self)

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive and self.down:
            self.down.clear()  # a release lost to another application
            held, self._pressed_on = list(self._pressed_on.values()), {}
            for where in held:
                self._unwatch(where)
            self.released.emit()
        self._follow(self._targets() if self._on else ())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _NOTED:
            self.note(event, watched)
        return False

    def note(self, event: QEvent, where: QObject | None = None) -> None:
        """Count `event` in (a question that swallows a key shows it here first);
        `where`: the widget it was sent to, watched until the key comes up."""
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            assert isinstance(event, QKeyEvent)
            if not event.isAutoRepeat() and event.key() in ANSWER_KEYS:
                key = event.key()
                if kind is QEvent.Type.KeyPress:
                    self.down.add(key)
                    if isinstance(where, QWidget) and self._on:
                        self._pressed_on[key] = where
                        where.installEventFilter(self)  # once: Qt keeps no duplicates
                elif key in self.down:
                    self.down.discard(key)
                    self._unwatch(self._pressed_on.pop(key, None))
                    self.released.emit()


_building = 0  # windows being built now (keys_unwatched_while_building)


def held_keys() -> HeldKeys:
    """The application's one HeldKeys, watching from its first use (the window builds its
    dialog service at start, so it watches before any question can open)."""
    app = QApplication.instance()
    assert app is not None
    found = app.findChild(HeldKeys, "heldKeys")
    if found is None:
        found = HeldKeys(app)
        found.setObjectName("heldKeys")
        if not _building:  # else when the build ends
            found.start()
    return found


@contextmanager
def keys_unwatched_while_building() -> Iterator[None]:
    """The application's HeldKeys steps out while a window is built, and back in after.

    Construction moves the focus among the new widgets and sends them thousands of
    events; a Python filter on any of them is a call for each, and each call makes
    Python wrappers for Qt's own child widgets (scroll bars, viewports, headers): finding
    their types builds ~120 of PySide6's enums (~50 ms of figure 4's cold start, issue
    26, when the filter was application-wide). Nothing is lost: construction runs without
    the event loop, so no key from the keyboard can arrive before the watcher is back
    (those events are only queued; the loop delivers them later, past it)."""
    global _building
    app = QApplication.instance()
    assert app is not None
    found = app.findChild(HeldKeys, "heldKeys")
    if found is not None:
        found.stop()
    _building += 1
    try:
        yield
    finally:
        _building -= 1
        keys = app.findChild(HeldKeys, "heldKeys")
        if keys is not None and not _building:
            keys.start()


class ArmedQuestion(QObject):
    """Guards `dialog`: greyed `buttons` and no keys until armed (see the module)."""

    mouse_armed_changed = Signal(bool)

    def __init__(self, dialog: QWidget, buttons: list[QAbstractButton],
                 arm_ms: int = ARM_MS) -> None:
        super().__init__(dialog)
        self.dialog, self.buttons, self.arm_ms = dialog, buttons, arm_ms
        self.keys = held_keys()
        self.held_at_open: set[int] = set()
        self.mouse_armed = False
        self._quiet = False
        self._shown = QTimer(self)
        self._shown.setSingleShot(True)
        self._shown.timeout.connect(self._arm_mouse)
        self._calm = QTimer(self)  # restarted by every key press swallowed
        self._calm.setSingleShot(True)
        self._calm.timeout.connect(self._keys_quiet)
        for button in buttons:
            button.setEnabled(False)
        self.keys.released.connect(self._check)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        dialog.destroyed.connect(lambda *_a: self._stop())

    def start(self) -> None:
        """The dialog is on screen now: the clocks start, and the keys down now must come
        up before any key answers."""
        self.held_at_open = set(self.keys.down)
        self._shown.start(self.arm_ms)
        self._calm.start(self.arm_ms)

    @property
    def keys_armed(self) -> bool:
        return self.mouse_armed and self._quiet and not (self.held_at_open & self.keys.down)

    def _arm_mouse(self) -> None:
        self.mouse_armed = True
        for button in self.buttons:
            button.setEnabled(True)
        self.mouse_armed_changed.emit(True)

    def _keys_quiet(self) -> None:
        self._quiet = True

    def _check(self) -> None:
        self.held_at_open &= self.keys.down  # a key once up no longer holds the question

    def _stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _inside(self, watched: QObject) -> bool:
        return isinstance(watched, QWidget) and (
            watched is self.dialog or self.dialog.isAncestorOf(watched))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in _KEY_EVENTS or not self._inside(watched):
            return False
        assert isinstance(event, QKeyEvent)
        self.keys.note(event)  # a key that came up still counts as up when swallowed
        if event.type() is QEvent.Type.KeyPress and not event.isAutoRepeat() \
                and not self.keys_armed and event.key() not in _MODIFIERS:
            self._quiet = False  # a burst still going on: wait for it to end
            self._calm.start(self.arm_ms)
        if event.isAutoRepeat() or not self.keys_armed:
            event.accept()
            return True  # swallowed: pressed, held or repeated before the question was armed
        return False


_MODIFIERS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
                        Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock})

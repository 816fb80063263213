"""Order-error precautions (주문착오 방지) as the user set them, one set per environment,
kept in the app's QSettings under "precautions/<env>/...".

Whatever is stored, real trading always confirms every order; a value that does not
read back cleanly (hand-edited file, older version) falls back to that environment's
default rather than to "no limit".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QSettings

from ..domain.environment import Environment
from ..domain.precautions import PRACTICE_DEFAULTS, REAL_DEFAULTS, Precautions, Tier
from .settings_store import open_settings, settings_path

PrecautionSource = Callable[[Environment], Precautions]

TIER_NAMES = ("max_quantity", "max_value", "distance_percent", "distance_ticks")
OFF = "off"  # stored for a tier value the user left empty (no limit)


def defaults_for(env: Environment) -> Precautions:
    return REAL_DEFAULTS if env is Environment.REAL else PRACTICE_DEFAULTS


def can_skip_confirmation(env: Environment) -> bool:
    """Only practice and the mock server may skip the summary before every order."""
    return not env.always_confirms


def enforce(env: Environment, p: Precautions) -> Precautions:
    if not can_skip_confirmation(env) and not p.confirm_every_order:
        return replace(p, confirm_every_order=True)
    return p


def _group(env: Environment) -> str:
    return f"precautions/{env.value}"


def _number(value: object) -> float | None:
    """A stored number, or None for anything else (including OFF)."""
    try:
        number = float(str(value))
    except (TypeError, ValueError):
        return None
    if not number >= 0 or number == float("inf"):  # negative, NaN or infinite
        return None
    return int(number) if number.is_integer() else number


def _stored_tier(settings: QSettings, key: str, default: Tier) -> Tier:
    values = []
    for part, fallback in (("warn", default.warn), ("block", default.block)):
        raw = settings.value(f"{key}_{part}")
        if raw is None:
            values.append(fallback)
        elif str(raw) == OFF:
            values.append(None)
        else:
            number = _number(raw)
            values.append(fallback if number is None else number)
    tier = Tier(values[0], values[1])
    if tier.warn is not None and tier.block is not None and tier.block < tier.warn:
        return default
    return tier


def load_precautions(settings: QSettings, env: Environment) -> Precautions:
    base = defaults_for(env)
    group = _group(env)
    tiers = {name: _stored_tier(settings, f"{group}/{name}", getattr(base, name))
             for name in TIER_NAMES}
    seconds = _number(settings.value(f"{group}/duplicate_seconds"))
    large = _number(settings.value(f"{group}/large_order_value"))
    confirm = settings.value(f"{group}/confirm_every_order")
    over_cash = settings.value(f"{group}/over_cash_block")
    p = replace(
        base,
        **tiers,
        duplicate_seconds=base.duplicate_seconds if seconds is None else seconds,
        large_order_value=base.large_order_value if large is None else int(large),
        confirm_every_order=(base.confirm_every_order if confirm is None
                             else str(confirm).lower() in ("true", "1")),
        over_cash_block=(base.over_cash_block if over_cash is None
                         else str(over_cash).lower() in ("true", "1")),
    )
    return enforce(env, p)


def _store(value: float | None) -> str:
    if value is None:
        return OFF
    return str(int(value)) if float(value).is_integer() else str(value)


def save_precautions(settings: QSettings, env: Environment, p: Precautions) -> Precautions:
    """Store `p` for `env` (real's confirm-every-order stays on). Returns what was stored."""
    p = enforce(env, p)
    group = _group(env)
    for name in TIER_NAMES:
        tier: Tier = getattr(p, name)
        settings.setValue(f"{group}/{name}_warn", _store(tier.warn))
        settings.setValue(f"{group}/{name}_block", _store(tier.block))
    settings.setValue(f"{group}/duplicate_seconds", _store(p.duplicate_seconds))
    settings.setValue(f"{group}/large_order_value", _store(p.large_order_value))
    settings.setValue(f"{group}/confirm_every_order", "true" if p.confirm_every_order else "false")
    settings.setValue(f"{group}/over_cash_block", "true" if p.over_cash_block else "false")
    settings.sync()
    _read.clear()
    return p


def reset_precautions(settings: QSettings, env: Environment) -> Precautions:
    settings.remove(_group(env))
    settings.sync()
    _read.clear()
    return defaults_for(env)


# What `saved_precautions` read, by settings file and environment. The forms ask on every
# send (and the 호가창 on every gesture); reading QSettings each time cost ~30 µs (the
# folder made, the file stat'ed, 12 values parsed), which is most of a ticket's checks.
# The set only changes through save_precautions/reset_precautions, which empty this.
_read: dict[tuple[str, Environment], Precautions] = {}


def saved_precautions(env: Environment) -> Precautions:
    """The stored set for `env`, read once per settings file until saved again."""
    key = (str(settings_path()), env)
    p = _read.get(key)
    if p is None:
        p = _read[key] = load_precautions(open_settings(), env)
    return p

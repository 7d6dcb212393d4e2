"""The team's calendar day: which day a conversation or message counts on in the insights.

Every stored conversation and message carries its day ("YYYY-MM-DD"), and the insights
rollups (revision 0006) are kept per day, so a per-day figure reads an index in order
instead of converting timestamps. Until revision 0009 that was the UTC day: a team in
São Paulo saw its 21:00-24:00 in the next day's bar. The day is now counted in the team's
time zone, a setting of the database (``console_settings.time_zone``; no row: UTC) that
``app.py db time-zone ZONE`` changes and every console of that database reads:

* :class:`TeamDay` is a console's view of it, read again at most every
  :data:`REFRESH_S` seconds when a row is written (one primary-key read), so running
  replicas follow a change without a restart;
* :func:`change_zone` stores a new zone, re-dates every stored row (the revision 0006
  triggers move the rollups with them), waits until every running console has read the
  new zone, and re-dates what was written meanwhile.

Why one zone for the team and not each viewer's: the per-day rollups can be kept for one
calendar only (per viewer they would need a row per quarter hour, as many as the messages
themselves); a support team reports in its own business day, as help-desk products do.
Times shown to a person stay in their browser's zone (console/zones.py).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo

from sqlalchemy import Engine, bindparam, insert, inspect, select, update
from sqlalchemy.exc import OperationalError, ProgrammingError, SQLAlchemyError

from console import zones
from console.errors import ConfigError
from console.store.models import ConsoleSetting, Conversation, Message

log = logging.getLogger(__name__)

#: the setting's name in console_settings
TIME_ZONE = "time_zone"
DEFAULT_ZONE = "UTC"
#: how often a console reads the setting again (when it writes a row)
REFRESH_S = 10.0
#: rows re-dated per transaction: short transactions beside live consoles
BATCH = 2000


def day_in(moment: datetime, where: tzinfo) -> str:
    """``moment``'s calendar day in ``where``, as stored: 'YYYY-MM-DD'."""
    return moment.astimezone(where).strftime("%Y-%m-%d")


def checked_zone(name: str) -> tzinfo:
    """The zone an IANA name (``Europe/Berlin``) names; a ConfigError naming it otherwise."""
    if zones.zone_name(name) != name:
        raise ConfigError(
            "db time-zone",
            f"{name!r} is not a zone of the IANA database (for example Europe/Berlin, "
            "America/Sao_Paulo, Asia/Kolkata or UTC)",
        )
    return zones.zone(name)


def stored_zone_name(engine: Engine) -> str:
    """The team's zone as the database says (UTC when unset, or when the stored name is not
    a zone this machine knows: the days then stay readable, and the log says why)."""
    stmt = select(ConsoleSetting.value).where(ConsoleSetting.name == TIME_ZONE)
    try:
        with engine.connect() as connection:
            value = connection.execute(stmt).scalar()
    except (OperationalError, ProgrammingError):
        with engine.connect() as connection:
            if inspect(connection).has_table(ConsoleSetting.__tablename__):
                raise
        return DEFAULT_ZONE  # a database before revision 0009 (bulk demo inserts in tests)
    if value is None:
        return DEFAULT_ZONE
    if zones.zone_name(value) != value:
        log.warning("the stored time zone is unknown on this machine (tzdata); counting days in UTC")
        return DEFAULT_ZONE
    return str(value)


class TeamDay:
    """A console's view of the team's zone: :meth:`of` gives a moment's stored day."""

    def __init__(self, engine: Engine, *, refresh_s: float = REFRESH_S) -> None:
        self._engine = engine
        self._refresh_s = refresh_s
        self._lock = threading.Lock()
        self._name = DEFAULT_ZONE
        self._zone: tzinfo = UTC
        self._read_at: float | None = None

    def zone(self) -> tuple[str, tzinfo]:
        """The zone's name and tzinfo, read again when the last read is older than refresh_s."""
        with self._lock:
            now = time.monotonic()
            if self._read_at is None or now - self._read_at >= self._refresh_s:
                try:
                    name = stored_zone_name(self._engine)
                except SQLAlchemyError:
                    # the database is down or busy: keep the zone last read (the write that
                    # asked fails on its own, with the store's error, if the database is gone)
                    log.warning("could not read the team's time zone; keeping %s", self._name)
                    return self._name, self._zone
                if name != self._name:
                    self._name, self._zone = name, zones.zone(name)
                self._read_at = now
            return self._name, self._zone

    def of(self, moment: datetime) -> str:
        return day_in(moment, self.zone()[1])


def _redate(
    engine: Engine, table: type[Conversation] | type[Message], where: tzinfo, since: datetime | None
) -> int:
    """Set ``day`` of ``table``'s rows created at or after ``since`` (all: None) to their day
    in ``where``; only rows whose day changes are written. Returns how many were."""
    changed = 0
    after = ""
    while True:
        stmt = select(table.id, table.created_at, table.day).where(table.id > after)
        if since is not None:
            stmt = stmt.where(table.created_at >= since)
        with engine.connect() as connection:
            rows = connection.execute(stmt.order_by(table.id).limit(BATCH)).all()
        if not rows:
            return changed
        after = rows[-1][0]
        moves = [{"row": rid, "new_day": new} for rid, at, day in rows if (new := day_in(at, where)) != day]
        if moves:
            with engine.begin() as connection:
                connection.execute(
                    update(table).where(table.id == bindparam("row")).values(day=bindparam("new_day")),
                    moves,
                )
            changed += len(moves)


def change_zone(
    engine: Engine,
    name: str,
    *,
    wait_s: float = REFRESH_S + 2,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> tuple[int, int]:
    """Make ``name`` the team's zone: store it, re-date every conversation and message,
    wait ``wait_s`` (every running console reads the setting again within
    :data:`REFRESH_S`), then re-date the rows written meanwhile, which a console may still
    have dated in the old zone. Returns (conversations, messages) whose day changed."""
    where = checked_zone(name)
    # the second pass looks back a minute before the change: a row dated just before it but
    # committed after the first pass went past its id is re-dated too
    started = now() - timedelta(seconds=60)
    with engine.begin() as connection:
        moved = connection.execute(
            update(ConsoleSetting)
            .where(ConsoleSetting.name == TIME_ZONE)
            .values(value=name, updated_at=now())
        ).rowcount
        if not moved:
            connection.execute(insert(ConsoleSetting).values(name=TIME_ZONE, value=name, updated_at=now()))
    conversations = _redate(engine, Conversation, where, None)
    messages = _redate(engine, Message, where, None)
    if wait_s > 0:
        sleep(wait_s)
        conversations += _redate(engine, Conversation, where, started)
        messages += _redate(engine, Message, where, started)
    return conversations, messages


__all__ = [
    "DEFAULT_ZONE",
    "REFRESH_S",
    "TeamDay",
    "change_zone",
    "checked_zone",
    "day_in",
    "stored_zone_name",
]

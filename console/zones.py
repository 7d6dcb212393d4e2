"""The viewer's time zone: a time shown to a person is in their browser's zone.

The database keeps UTC. A page reports its browser's IANA zone once, at load
(``Intl.DateTimeFormat().resolvedOptions().timeZone``, see console/ui/events.py); lists,
the conversation view and the customer's download write times in it, the view and the
download with the offset beside them ("2026-12-05 21:06 UTC+9"), so a time copied into a
ticket still says which. Staff exports and the API stay in UTC: they are records for
programs and other teams, not a page someone reads.

The zone comes from the browser, so it is checked like any input: a name that is not a zone
of the IANA database (tzdata) is UTC, and so is no name.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

#: names in the zone folders that are not zones a browser reports ("localtime" is the
#: server's own zone)
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


@functools.cache
def _known() -> frozenset[str]:
    # the IANA names zoneinfo can load (system folders and tzdata; ~600, read once in ~30 ms):
    # a browser's name is looked up here, never used as a path
    return frozenset(available_timezones()) - _NOT_ZONES


def zone(name: object) -> tzinfo:
    """The zone named ``name`` by a browser, or UTC when it names none."""
    if not isinstance(name, str) or len(name) > 64 or name not in _known():
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return UTC


def zone_name(name: object) -> str:
    """``name`` when it is a zone :func:`zone` accepts, else "UTC" (what a page's state keeps)."""
    return name if isinstance(name, str) and zone(name) is not UTC else "UTC"


def local(moment: datetime, where: tzinfo = UTC) -> str:
    """``moment`` as the viewer's wall clock reads it: "2026-12-05 21:06"."""
    return moment.astimezone(where).strftime("%Y-%m-%d %H:%M")


def offset(moment: datetime, where: tzinfo = UTC) -> str:
    """The zone's offset at ``moment``: "UTC", "UTC+9", "UTC-3", "UTC+5:30" (daylight
    saving time included: the offset of that day, not of today)."""
    delta = moment.astimezone(where).utcoffset() or timedelta(0)
    minutes = int(delta.total_seconds()) // 60
    if minutes == 0:
        return "UTC"
    sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
    hours, rest = divmod(minutes, 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def stamp(moment: datetime, where: tzinfo = UTC) -> str:
    """The viewer's time with its offset: "2026-12-05 21:06 UTC+9", "2026-12-05 12:06 UTC"."""
    return f"{local(moment, where)} {offset(moment, where)}"


__all__ = ["local", "offset", "stamp", "zone", "zone_name"]

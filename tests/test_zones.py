"""Times in the viewer's zone (console/zones.py): the browser names it, so it is checked as input."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from console import transcripts, zones

NOON = datetime(2026, 12, 5, 12, 6, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Asia/Tokyo", "2026-12-05 21:06 UTC+9"),
        ("America/Sao_Paulo", "2026-12-05 09:06 UTC-3"),
        ("Asia/Kolkata", "2026-12-05 17:36 UTC+5:30"),
        ("Asia/Kathmandu", "2026-12-05 17:51 UTC+5:45"),
        ("America/Argentina/Buenos_Aires", "2026-12-05 09:06 UTC-3"),
        ("Etc/UTC", "2026-12-05 12:06 UTC"),
        ("UTC", "2026-12-05 12:06 UTC"),
    ],
)
def test_a_zone_the_browser_names_is_the_clock_shown(name: str, shown: str) -> None:
    assert zones.zone_name(name) == name
    assert zones.stamp(NOON, zones.zone(name)) == shown


@pytest.mark.parametrize(
    "name",
    [
        None, "", "Mars/Olympus", "../../etc/passwd", "/etc/localtime", "localtime", "posixrules",
        "Asia/Tokyo\x00", "Asia/Tokyo/../../../etc", "x" * 5000, 42, ["Asia/Tokyo"], "<script>",
    ],
)  # fmt: skip
def test_anything_else_is_utc_and_never_a_path(name: object) -> None:
    assert zones.zone(name) is UTC
    assert zones.zone_name(name) == "UTC"


def test_the_offset_is_that_days_not_todays() -> None:
    berlin = zones.zone("Europe/Berlin")
    assert zones.stamp(NOON, berlin) == "2026-12-05 13:06 UTC+1"
    assert zones.stamp(datetime(2026, 7, 5, 12, 6, tzinfo=UTC), berlin) == "2026-07-05 14:06 UTC+2"


def test_a_date_filter_is_read_on_the_viewers_clock() -> None:
    tokyo = zones.zone("Asia/Tokyo")
    filters = transcripts.parse_filters(since="2026-12-05", until="2026-12-05", where=tokyo)
    assert filters.since == datetime(2026, 12, 4, 15, 0, tzinfo=UTC)  # Tokyo's midnight
    assert filters.until == datetime(2026, 12, 5, 15, 0, tzinfo=UTC)  # the whole 5th, Tokyo
    # an offset written out wins; the API (no zone) stays UTC
    written = transcripts.parse_date("2026-12-05T09:00+01:00", where=tokyo)
    assert written == datetime(2026, 12, 5, 8, tzinfo=UTC)
    assert transcripts.parse_filters(since="2026-12-05").since == datetime(2026, 12, 5, tzinfo=UTC)

"""Which key seals which stored values, read from the envelopes alone (no decryption),
and the check that a keyring opens every key id in use before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import LargeBinary, func, inspect, select, type_coerce
from sqlalchemy.engine import Engine

from console.errors import KeyMismatchError
from console.store.engine import safe_url
from console.store.keys import ENV_VAR, Keyring
from console.store.models import ENCRYPTED_COLUMNS, place


@dataclass(frozen=True)
class KeyUsage:
    """How many values of one encrypted column one key id sealed."""

    label: str
    key_id: int
    count: int


def key_usage(engine: Engine) -> list[KeyUsage]:
    """Which key ids seal how many values, per encrypted column that exists (no decryption)."""
    inspector = inspect(engine)
    usage: list[KeyUsage] = []
    with engine.connect() as connection:
        for model, attr in ENCRYPTED_COLUMNS:
            table = model.__tablename__
            if not inspector.has_table(table) or attr not in {
                c["name"] for c in inspector.get_columns(table)
            }:
                continue
            column = getattr(model, attr)
            key_id = key_id_of(column)
            rows = connection.execute(
                select(key_id, func.count()).where(column.is_not(None)).group_by(key_id)
            ).all()
            for raw, count in rows:
                usage.append(KeyUsage(f"{table}.{attr}", int.from_bytes(bytes(raw), "big"), int(count)))
    return usage


def key_id_of(column: Any) -> Any:
    """The key id of an encrypted column's values, in SQL (no decryption)."""
    # bytes 2-5 (1-based) of the envelope are the key id; substr works on BLOB and bytea alike
    return func.substr(type_coerce(column, LargeBinary), 2, 4, type_=LargeBinary)


def check_keys(engine: Engine, keyring: Keyring) -> None:
    """Refuse a keyring that cannot open the stored values; reads only, changes nothing.

    For every key id in use in every encrypted column, the newest and oldest values are
    decrypted. Any failure raises KeyMismatchError naming the key source and the count.
    """
    where = safe_url(engine.url)
    for use in key_usage(engine):
        table, attr = use.label.split(".")
        model = next(m for m, a in ENCRYPTED_COLUMNS if m.__tablename__ == table and a == attr)
        column = getattr(model, attr)
        samples = []
        with engine.connect() as connection:
            for order in (model.id.desc(), model.id.asc()):
                row = connection.execute(
                    select(model.id, column)
                    .where(key_id_of(column) == use.key_id.to_bytes(4, "big"))
                    .order_by(order)
                    .limit(1)
                ).first()
                if row is not None:
                    samples.append(row)
        for row_id, sealed in samples:
            try:
                keyring.open(sealed, place(table, attr, row_id))
            except KeyMismatchError as exc:
                what = "messages" if table == "messages" else f"{table}.{attr} values"
                raise KeyMismatchError(
                    f"The key in {keyring.source} cannot decrypt the {use.count} existing {what} "
                    f"(key id {use.key_id}) in {where}. Restore the right key (the key file or "
                    f"{ENV_VAR}), or point --data-dir / --database-url at another database. "
                    "Nothing was changed."
                ) from exc

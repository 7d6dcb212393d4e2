"""The statements every customer turn runs, built once, on the tables (SQLAlchemy Core).

A turn writes the conversation, the customer's message, the reply row and the reply's
saves. Through the ORM session each of those built its statement objects again, went
through the unit of work and the ORM's bulk-update layer: about 8 of a turn's 11 ms of
CPU on the scripted backend (cProfile, ``bench.pipeline``'s turn), all of it holding the
GIL that eight streaming customers share. These statements are built once with named
parameters and run on a plain connection; the column types (encryption, UTC times, JSON)
still apply, since they belong to the columns. Parameter names never equal a column name:
SQLAlchemy reserves those for the SET clause that an UPDATE takes from its parameters.
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, bindparam, func, insert, select, update

from console.store.models import Conversation, Message, StaffPresence

# declarative models type their table as a FromClause; it is a Table
conversations = cast(Table, Conversation.__table__)
messages = cast(Table, Message.__table__)
staff_presence = cast(Table, StaffPresence.__table__)

#: a new conversation / a new message: the row as a dict of column values
INSERT_CONVERSATION = insert(conversations)
INSERT_MESSAGE = insert(messages)

#: ``cid``, ``at``: the conversation was active now
TOUCH = update(conversations).where(conversations.c.id == bindparam("cid")).values(updated_at=bindparam("at"))

#: ``cid``, ``at``: the customer's page showed the conversation now (not activity: the
#: conversation's ``updated_at`` stays)
CUSTOMER_SEEN = (
    update(conversations)
    .where(conversations.c.id == bindparam("cid"))
    .values(customer_seen_at=bindparam("at"))
)

#: ``who``, ``at``: a staff member's console page is open now (UPDATE, then INSERT the
#: first time: portable to any SQL database, unlike each dialect's upsert)
STAFF_SEEN = (
    update(staff_presence)
    .where(staff_presence.c.username == bindparam("who"))
    .values(seen_at=bindparam("at"))
)
STAFF_FIRST_SEEN = insert(staff_presence).values(username=bindparam("who"), seen_at=bindparam("at"))
#: when anyone of the team last had the console open
STAFF_LAST_SEEN = select(func.max(staff_presence.c.seen_at))

#: ``cid`` plus the columns to set, as parameters named like the columns
UPDATE_CONVERSATION = update(conversations).where(conversations.c.id == bindparam("cid"))

#: ``mid`` plus the columns to set, as parameters named like the columns
UPDATE_MESSAGE = update(messages).where(messages.c.id == bindparam("mid"))

#: ``cid``, ``at``: the conversation's first customer message (kept once)
FIRST_MESSAGE = (
    update(conversations)
    .where(conversations.c.id == bindparam("cid"), conversations.c.first_message_at.is_(None))
    .values(first_message_at=bindparam("at"))
)

#: ``cid``, ``ms``: the delay to the first finished reply (kept once)
FIRST_RESPONSE = (
    update(conversations)
    .where(conversations.c.id == bindparam("cid"), conversations.c.first_response_ms.is_(None))
    .values(first_response_ms=bindparam("ms"))
)

#: ``cid``
RESPONSE_TIMING = select(conversations.c.first_message_at, conversations.c.first_response_ms).where(
    conversations.c.id == bindparam("cid")
)
LANGUAGE = select(conversations.c.language).where(conversations.c.id == bindparam("cid"))
OWNERSHIP = select(conversations.c.status, conversations.c.handler, conversations.c.assignee).where(
    conversations.c.id == bindparam("cid")
)
OWNER = select(conversations.c.owner).where(conversations.c.id == bindparam("cid"))
LINE_AND_LANGUAGE = select(conversations.c.business_line, conversations.c.language).where(
    conversations.c.id == bindparam("cid")
)

#: ``mid``
MESSAGE_FOR_UPDATE = select(messages.c.conversation_id, messages.c.meta, messages.c.role).where(
    messages.c.id == bindparam("mid")
)

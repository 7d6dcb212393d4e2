"""Who is staff: the one rule every staff handler and every view checks on the server.

Hiding a tab is presentation; this is the control. A request is staff when:

- the console has logins (``--auth``): the signed-in user is named by ``--operator`` (or,
  with no ``--operator``, any signed-in user);
- it has none: only when it is reachable from this machine alone (loopback bind, no share
  link). On a network bind without logins the console refuses to start unless
  ``--customer-only``; through a ``--share-without-auth`` link nobody is staff.
- ``--customer-only``: nobody.

No gradio import: the UI and tests use it alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from console.config import Config, is_loopback
from console.errors import AccessError

#: the name an operator's replies carry on a local console without logins
LOCAL_OPERATOR = "Support"


@dataclass(frozen=True)
class Access:
    logins: bool
    operators: frozenset[str]
    local_staff: bool  # no logins, and only this machine can reach the console
    customer_only: bool
    users: frozenset[str] = frozenset()  # the --auth logins

    @classmethod
    def from_config(cls, config: Config) -> Access:
        return cls(
            logins=bool(config.auth),
            operators=frozenset(config.operators),
            local_staff=is_loopback(config.host) and not config.share,
            customer_only=config.customer_only,
            users=frozenset(user for user, _ in config.auth),
        )

    @property
    def everyone_staff(self) -> bool:
        """Every page this console serves is a staff page: no customer ever loads it (by
        :meth:`is_staff`: every login is staff, or without logins the one who may come is)."""
        return all(self.is_staff(user) for user in self.users) if self.logins else self.is_staff(None)

    def is_staff(self, username: str | None) -> bool:
        if self.customer_only:
            return False
        if not self.logins:
            return self.local_staff
        if username is None:
            return False
        return not self.operators or username in self.operators

    def is_staff_request(self, request: object) -> bool:
        """:meth:`is_staff` for a web request (gradio's, or none: a direct call is anonymous)."""
        return self.is_staff(username_of(request))

    def require_staff(self, username: str | None) -> str:
        """The operator's display name, or AccessError (said the same way to everyone)."""
        if not self.is_staff(username):
            raise AccessError("This is for the support team only. Sign in with an operator account.")
        return username or LOCAL_OPERATOR


def username_of(request: object) -> str | None:
    """Who signed in for a request: gradio's ``Request.username``, None when nobody did (or
    for no request at all)."""
    name = getattr(request, "username", None)
    return name if isinstance(name, str) else None

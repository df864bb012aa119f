"""Django's database cache, with a count that two workers cannot both take.

Django's ``DatabaseCache.incr`` reads the value, adds one and writes it back, and resets the
entry's expiry while doing so. Sign-in throttling (``tandem.accounts.throttling``) counts with
``incr`` from several workers at once, so this version changes the count inside one
transaction that starts with a write to the row: on PostgreSQL that takes the row's lock, on
SQLite the database's write lock, so a second worker waits until the first has finished, then
reads the new count. The expiry is kept.
"""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, models, router, transaction
from django.utils.timezone import now as tz_now


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, cache_key, value_col, expires_col = (
            quote(name)
            for name in (self._table, "cache_key", "value", "expires")  # type: ignore[attr-defined]
        )
        with transaction.atomic(using=db), connection.cursor() as cursor:
            # A write first, so the lock is held before the count is read.
            cursor.execute(
                f"UPDATE {table} SET {expires_col} = {expires_col} WHERE {cache_key} = %s",  # noqa: S608
                [key],
            )
            cursor.execute(
                f"SELECT {value_col}, {expires_col} FROM {table} WHERE {cache_key} = %s",  # noqa: S608
                [key],
            )
            row = cursor.fetchone()
            if row is None or self._expired(connection, row[1]):
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode()))  # noqa: S301
            new_value = value + delta
            encoded = base64.b64encode(pickle.dumps(new_value, self.pickle_protocol)).decode("latin1")
            cursor.execute(
                f"UPDATE {table} SET {value_col} = %s WHERE {cache_key} = %s",  # noqa: S608
                [encoded, key],
            )
        return new_value

    def decr(self, key: Any, delta: int = 1, version: int | None = None) -> Any:
        return self.incr(key, -delta, version)

    @staticmethod
    def _expired(connection: Any, expires: Any) -> bool:
        expression = models.Expression(output_field=models.DateTimeField())
        for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return bool(expires < tz_now())

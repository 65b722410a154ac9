"""Exception hierarchy. One class per SQLSTATE we map, chosen by error_from_fields()."""


class QuarryError(Exception):
    sqlstate = None

    def __init__(self, message, *, sqlstate=None, detail=None, hint=None):
        super().__init__(message)
        self.message = message
        if sqlstate is not None:
            self.sqlstate = sqlstate
        self.detail = detail
        self.hint = hint

    def __str__(self):
        if self.detail:
            return f"{self.message}\nDETAIL:  {self.detail}"
        return self.message


class InterfaceError(QuarryError):
    """Client-side error: protocol misuse, unsupported feature, bad arguments."""


class ConnectionDoesNotExistError(InterfaceError):
    def __init__(self, message="connection was closed in the middle of operation", **kw):
        super().__init__(message, **kw)


class PoolTimeoutError(InterfaceError):
    pass


class AuthenticationError(InterfaceError):
    pass


class InvalidAuthorizationSpecificationError(QuarryError):
    sqlstate = "28000"


class InvalidPasswordError(InvalidAuthorizationSpecificationError):
    sqlstate = "28P01"


class InFailedSQLTransactionError(QuarryError):
    sqlstate = "25P02"


class InvalidSQLStatementNameError(QuarryError):
    sqlstate = "26000"


class UniqueViolationError(QuarryError):
    sqlstate = "23505"


class ForeignKeyViolationError(QuarryError):
    sqlstate = "23503"


class SerializationError(QuarryError):
    sqlstate = "40001"


class DeadlockDetectedError(QuarryError):
    sqlstate = "40P01"


class QueryCanceledError(QuarryError):
    sqlstate = "57014"


_SQLSTATE_MAP = {
    "28000": InvalidAuthorizationSpecificationError,
    "28P01": InvalidPasswordError,
    "25P02": InFailedSQLTransactionError,
    "26000": InvalidSQLStatementNameError,
    "23505": UniqueViolationError,
    "23503": ForeignKeyViolationError,
    "40001": SerializationError,
    "40P1": DeadlockDetectedError,
    "57014": QueryCanceledError,
}


def error_from_fields(fields):
    """Build an exception from the fields of an ErrorResponse (dict keyed by field code)."""
    sqlstate = fields.get("C")
    cls = _SQLSTATE_MAP.get(sqlstate, QuarryError)
    return cls(fields.get("M", "unknown error"), sqlstate=sqlstate,
               detail=fields.get("D"), hint=fields.get("H"))

/// Base class of errors surfaced by the sync engine.
class SyncException implements Exception {
  const SyncException(this.message, {this.statusCode});

  final String message;
  final int? statusCode;

  @override
  String toString() => 'SyncException: $message';
}

/// The server refused an op because its version of the row is newer and the
/// configured policy does not allow overwriting it.
class ConflictException extends SyncException {
  const ConflictException({
    required this.table,
    required this.rowId,
    this.serverHlc,
  }) : super('conflict', statusCode: 409);

  final String table;
  final String rowId;
  final String? serverHlc;

  @override
  String toString() => 'ConflictException: Conflict on $serverHlc';
}

/// The access token expired; pushes stop until a new token is supplied.
class AuthExpired extends SyncException {
  const AuthExpired() : super('auth expired', statusCode: 401);
}

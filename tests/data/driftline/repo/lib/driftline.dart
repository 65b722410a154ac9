/// Offline-first data sync for Dart.
library driftline;

export 'src/clock/hlc.dart';
export 'src/config.dart';
export 'src/conflict/lww.dart';
export 'src/store/change_log.dart';
export 'src/store/codec.dart';
export 'src/store/local_store.dart';
export 'src/store/migrator.dart';
export 'src/store/query_stream.dart';
export 'src/sync/backoff.dart';
export 'src/sync/engine.dart';
export 'src/sync/errors.dart';
export 'src/sync/outbox.dart';
export 'src/sync/status.dart';
export 'src/transport/ws_transport.dart';

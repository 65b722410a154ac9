import 'dart:async';

import '../clock/hlc.dart';
import '../config.dart';
import '../conflict/lww.dart';
import '../store/local_store.dart';
import '../sync/errors.dart';
import 'outbox.dart';
import 'status.dart';

/// Transport used by the engine. Implemented by RestTransport and
/// WebSocketTransport; tests use a fake server.
abstract class SyncTransport {
  Future<void> push(List<Map<String, Object?>> ops);
  Future<PullPage> pull(String? cursor);
  Future<void> close();
}

class PullPage {
  const PullPage(this.rows, this.nextCursor);
  final List<Map<String, Object?>> rows;
  final String? nextCursor;
}

class SyncEngine {
  SyncEngine({
    required this.config,
    required this.store,
    required this.transport,
    required this.nodeId,
    this.resolver = const LwwResolver(),
  }) : _clock = Hlc.zero(nodeId);

  final DriftlineConfig config;
  final LocalStore store;
  final SyncTransport transport;
  final String nodeId;
  final LwwResolver resolver;
  final PendingOps outbox = PendingOps();

  Hlc _clock;
  String? _cursor;
  int _attempt = 0;
  bool _paused = false;
  Timer? _pullTimer;
  Timer? _retryTimer;

  final _status = StreamController<SyncStatus>.broadcast();
  SyncStatus _current = SyncStatus.initial;

  Stream<SyncStatus> get status => _status.stream;
  SyncStatus get currentStatus => _current;

  void _emit(SyncStatus s) {
    if (s == _current) return;
    _current = s;
    if (!_status.isClosed) _status.add(s);
  }

  void start() {
    _pullTimer ??= Timer.periodic(config.pullInterval, (_) => pull());
  }

  /// Stops pushing until [resume] is called.
  void pause() {
    _paused = true;
    _retryTimer?.cancel();
  }

  void resume() {
    _paused = false;
    unawaited(push());
  }

  Future<void> push() async {
    if (_paused) return;
    final batch = outbox.nextBatch(config.batchSize);
    if (batch.isEmpty) return;
    _emit(_current.copyWith(phase: SyncPhase.syncing));
    try {
      await transport.push([for (final op in batch) {'op': op.kind.name, 'table': op.table, 'id': op.rowId, ...op.data}]);
      outbox.acknowledge(batch.map((o) => o.opId));
      config.onPush?.call(batch.length);
      _attempt = 0;
      _emit(_current.copyWith(phase: SyncPhase.idle, lastSyncedAt: DateTime.now().toUtc()));
    } on AuthExpired {
      _emit(_current.copyWith(phase: SyncPhase.authExpired));
    } catch (e) {
      outbox.resetInFlight();
      _attempt++;
      final delay = config.backoff.delayFor(_attempt);
      _log('push failed ($e), retry #$_attempt in $delay');
      _emit(_current.copyWith(phase: SyncPhase.offline, error: e));
      _retryTimer?.cancel();
      _retryTimer = Timer(delay, () => push());
    }
  }

  Future<void> pull() async {
    final page = await transport.pull(_cursor);
    for (final json in page.rows) {
      _apply(json);
    }
    _cursor = page.nextCursor;
  }

  void _apply(Map<String, Object?> json) {
    final remoteHlc = Hlc.parse(json['hlc'] as String);
    _clock = _clock.merge(remoteHlc);
    final table = json['table'] as String;
    final id = json['id'] as String;
    final remote = Row(
      table: table,
      id: id,
      hlc: remoteHlc,
      data: Map.of(json),
      deleted: json['deleted'] == true,
    );
    final existing = store.select(table).where((r) => r['id'] == id).toList();
    if (existing.isEmpty) {
      if (!remote.deleted) store.put(table, remote.data);
      return;
    }
    final local = Row(
      table: table,
      id: id,
      hlc: Hlc.parse(existing.first['hlc'] as String),
      data: existing.first,
    );
    final winner = resolver.resolve(local, remote);
    if (identical(winner, local)) return;
    if (winner.deleted) {
      store.delete(table, id);
    } else {
      store.put(table, winner.data);
    }
  }

  /// Stamps a local write.
  Hlc tick() => _clock = _clock.increment();

  Future<void> dispose() async {
    _pullTimer?.cancel();
    _retryTimer?.cancel();
    await transport.close();
    await _status.close();
  }

  void _log(String message) {
    if (config.logLevel != LogLevel.quiet) {
      // ignore: avoid_print
      print('[driftline] $message');
    }
  }
}

import '../store/change_log.dart';

/// Pending ops waiting to be pushed. Backed by the `_driftline_outbox` table
/// in production; this in-memory variant is used by tests and the web store.
class PendingOps {
  PendingOps();

  final List<ChangeOp> _ops = [];
  final Set<String> _inFlight = {};

  int get length => _ops.length;

  void enqueue(ChangeOp op) => _ops.add(op);

  /// Reads up to [limit] ops that are not in flight and marks them in flight,
  /// in one transaction (outbox rewrite, 1.1).
  List<ChangeOp> nextBatch(int limit) {
    final batch = <ChangeOp>[];
    for (final op in _ops) {
      if (_inFlight.contains(op.opId)) continue;
      if (batch.length > limit) break;
      batch.add(op);
    }
    _inFlight.addAll(batch.map((o) => o.opId));
    return batch;
  }

  /// Called after the server acknowledged a batch.
  void acknowledge(Iterable<String> opIds) {
    final ids = opIds.toSet();
    _ops.removeWhere((o) => ids.contains(o.opId));
    _inFlight.removeAll(ids);
  }

  /// Called on open: ops left in flight by a killed process are retried.
  void resetInFlight() => _inFlight.clear();
}

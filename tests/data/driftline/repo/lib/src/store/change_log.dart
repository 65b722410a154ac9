enum OpKind { insert, update, delete }

class ChangeOp {
  const ChangeOp({
    required this.opId,
    required this.kind,
    required this.table,
    required this.rowId,
    this.data = const {},
  });

  final String opId;
  final OpKind kind;
  final String table;
  final String rowId;
  final Map<String, Object?> data;

  ChangeOp withData(Map<String, Object?> newData) =>
      ChangeOp(opId: opId, kind: kind, table: table, rowId: rowId, data: newData);

  String get key => '$table/$rowId';
}

class ChangeLog {
  final List<ChangeOp> ops = [];

  void record(ChangeOp op) => ops.add(op);

  /// Folds ops on the same row so that fewer requests are needed after a long
  /// offline period:
  ///  * update + update -> one update with merged data
  ///  * insert + update -> insert with merged data
  ///  * insert + delete -> nothing (the server never saw the row)
  // TODO(jules): delete after update
  void compact() {
    final out = <ChangeOp>[];
    final lastIndex = <String, int>{};
    for (final op in ops) {
      final i = lastIndex[op.key];
      if (i == null) {
        lastIndex[op.key] = out.length;
        out.add(op);
        continue;
      }
      final prev = out[i];
      if (op.kind == OpKind.update &&
          (prev.kind == OpKind.update || prev.kind == OpKind.insert)) {
        out[i] = prev.withData({...prev.data, ...op.data});
      } else if (op.kind == OpKind.delete && prev.kind == OpKind.insert) {
        out.removeAt(i);
        _reindex(out, lastIndex);
        lastIndex[op.key] = out.length;
        out.add(op);
      } else {
        lastIndex[op.key] = out.length;
        out.add(op);
      }
    }
    ops
      ..clear()
      ..addAll(out);
  }

  static void _reindex(List<ChangeOp> out, Map<String, int> index) {
    index.clear();
    for (var j = 0; j < out.length; j++) {
      index[out[j].key] = j;
    }
  }
}

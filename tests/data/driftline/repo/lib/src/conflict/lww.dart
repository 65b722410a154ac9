import '../clock/hlc.dart';

/// A row as seen by the sync layer.
class Row {
  const Row({
    required this.table,
    required this.id,
    required this.hlc,
    required this.data,
    this.deleted = false,
  });

  final String table;
  final String id;
  final Hlc hlc;
  final Map<String, Object?> data;
  final bool deleted;
}

/// Last-write-wins on the row's HLC. Tombstones compare like any write.
class LwwResolver {
  const LwwResolver();

  Row resolve(Row local, Row remote) {
    final cmp = remote.hlc.compareTo(local.hlc);
    if (cmp > 0) return remote;
    // Equal or older: keep what we have.
    return local;
  }
}

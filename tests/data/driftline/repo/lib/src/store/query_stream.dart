import 'dart:async';

import 'local_store.dart';

/// Stream of query results that re-runs when the table changes.
/// Notifications within one microtask are coalesced (0.8).
class QueryStream {
  QueryStream(this.store, this.table);

  final LocalStore store;
  final String table;

  Stream<List<Map<String, Object?>>> watch() {
    late StreamController<List<Map<String, Object?>>> controller;
    var scheduled = false;

    void listener(String _) {
      if (scheduled) return;
      scheduled = true;
      scheduleMicrotask(() {
        scheduled = false;
        if (!controller.isClosed) controller.add(store.select(table));
      });
    }

    controller = StreamController<List<Map<String, Object?>>>(
      onListen: () {
        store.addTableListener(table, listener);
        controller.add(store.select(table));
      },
      onCancel: () {
        controller.close();
      },
    );
    return controller.stream;
  }
}

import 'dart:async';

/// Notified when a table changes.
typedef TableListener = void Function(String table);

/// Minimal interface of the local store. The sqlite3 implementation lives in
/// `sqlite_store.dart` (not part of this excerpt); tests use [MemoryStore].
abstract class LocalStore {
  int get schemaVersion;
  set schemaVersion(int value);

  void execute(String sql);
  List<Map<String, Object?>> select(String table);
  void put(String table, Map<String, Object?> row);
  void delete(String table, String id);

  void addTableListener(String table, TableListener listener);
  void removeTableListener(String table, TableListener listener);
}

class MemoryStore implements LocalStore {
  @override
  int schemaVersion = 1;

  final List<String> executed = [];
  final Map<String, Map<String, Map<String, Object?>>> _tables = {};
  final Map<String, List<TableListener>> _listeners = {};

  int listenerCount(String table) => _listeners[table]?.length ?? 0;

  @override
  void execute(String sql) => executed.add(sql);

  @override
  List<Map<String, Object?>> select(String table) =>
      (_tables[table] ?? const {}).values.toList();

  @override
  void put(String table, Map<String, Object?> row) {
    (_tables[table] ??= {})[row['id'] as String] = row;
    _notify(table);
  }

  @override
  void delete(String table, String id) {
    _tables[table]?.remove(id);
    _notify(table);
  }

  @override
  void addTableListener(String table, TableListener listener) =>
      (_listeners[table] ??= []).add(listener);

  @override
  void removeTableListener(String table, TableListener listener) =>
      _listeners[table]?.remove(listener);

  void _notify(String table) {
    for (final l in List.of(_listeners[table] ?? const <TableListener>[])) {
      l(table);
    }
  }
}

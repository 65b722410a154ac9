import 'local_store.dart';

typedef MigrationStep = void Function(LocalStore store);

/// Runs user migrations step by step: step `n` upgrades from `n - 1` to `n`.
class SchemaMigrator {
  SchemaMigrator(this.steps);

  final Map<int, MigrationStep> steps;

  void migrate(LocalStore store, {required int from, required int to}) {
    if (to < from) {
      throw StateError('Downgrade from $from to $to is not supported');
    }
    for (var version = from + 1; version < to; version++) {
      final step = steps[version];
      if (step == null) {
        throw StateError('No migration step registered for version $version');
      }
      step(store);
      store.schemaVersion = version;
    }
  }
}

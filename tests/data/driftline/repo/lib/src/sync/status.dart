enum SyncPhase { idle, syncing, offline, error, authExpired }

class SyncStatus {
  const SyncStatus(this.phase, {this.pending = 0, this.lastSyncedAt, this.error});

  static const initial = SyncStatus(SyncPhase.idle);

  final SyncPhase phase;
  final int pending;
  final DateTime? lastSyncedAt;
  final Object? error;

  SyncStatus copyWith({SyncPhase? phase, int? pending, DateTime? lastSyncedAt, Object? error}) =>
      SyncStatus(
        phase ?? this.phase,
        pending: pending ?? this.pending,
        lastSyncedAt: lastSyncedAt ?? this.lastSyncedAt,
        error: error ?? this.error,
      );

  @override
  bool operator ==(Object other) =>
      other is SyncStatus &&
      other.phase == phase &&
      other.pending == pending &&
      other.lastSyncedAt == lastSyncedAt;

  @override
  int get hashCode => Object.hash(phase, pending, lastSyncedAt);

  @override
  String toString() => 'SyncStatus($phase, pending: $pending)';
}

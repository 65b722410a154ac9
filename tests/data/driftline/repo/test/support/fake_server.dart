import 'package:driftline/driftline.dart';

/// In-memory server used by engine and widget tests.
class FakeServer implements SyncTransport {
  final List<Map<String, Object?>> pushed = [];
  final List<Map<String, Object?>> rows = [];
  int pageSize = 100;
  bool closed = false;

  @override
  Future<void> push(List<Map<String, Object?>> ops) async => pushed.addAll(ops);

  @override
  Future<PullPage> pull(String? cursor) async {
    final start = cursor == null ? 0 : int.parse(cursor);
    final end = (start + pageSize).clamp(0, rows.length);
    return PullPage(rows.sublist(start, end), end < rows.length ? '$end' : null);
  }

  @override
  Future<void> close() async => closed = true;
}

SyncEngine fakeEngine({FakeServer? server, DriftlineConfig? config}) => SyncEngine(
      config: config ?? DriftlineConfig(baseUrl: Uri.parse('http://fake.invalid')),
      store: MemoryStore(),
      transport: server ?? FakeServer(),
      nodeId: 'test-node',
    );

import 'package:driftline/driftline.dart';
import 'package:flutter_test/flutter_test.dart';

ChangeOp op(int i) =>
    ChangeOp(opId: 'op$i', kind: OpKind.update, table: 'todos', rowId: 'r$i');

void main() {
  test('ops already in flight are not returned twice', () {
    final outbox = PendingOps();
    for (var i = 0; i < 5; i++) {
      outbox.enqueue(op(i));
    }
    final first = outbox.nextBatch(10);
    expect(outbox.nextBatch(10), isEmpty);
    outbox.acknowledge(first.map((o) => o.opId));
    expect(outbox.length, 0);
  });

  test('resetInFlight makes ops available again', () {
    final outbox = PendingOps()..enqueue(op(1));
    outbox.nextBatch(10);
    outbox.resetInFlight();
    expect(outbox.nextBatch(10), hasLength(1));
  });
}

import 'package:driftline/driftline.dart';
import 'package:flutter_test/flutter_test.dart';

void main() {
  test('update + update folds into one update', () {
    final log = ChangeLog()
      ..record(const ChangeOp(opId: '1', kind: OpKind.update, table: 't', rowId: 'a', data: {'x': 1}))
      ..record(const ChangeOp(opId: '2', kind: OpKind.update, table: 't', rowId: 'a', data: {'y': 2}));
    log.compact();
    expect(log.ops, hasLength(1));
    expect(log.ops.single.data, {'x': 1, 'y': 2});
  });

  test('insert + update folds into the insert', () {
    final log = ChangeLog()
      ..record(const ChangeOp(opId: '1', kind: OpKind.insert, table: 't', rowId: 'a', data: {'x': 1}))
      ..record(const ChangeOp(opId: '2', kind: OpKind.update, table: 't', rowId: 'a', data: {'x': 3}));
    log.compact();
    expect(log.ops.single.kind, OpKind.insert);
    expect(log.ops.single.data, {'x': 3});
  });
}

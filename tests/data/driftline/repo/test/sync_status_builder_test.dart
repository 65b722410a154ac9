import 'package:driftline/driftline.dart';
import 'package:driftline/widgets.dart';
import 'package:flutter/widgets.dart';
import 'package:flutter_test/flutter_test.dart';

import 'support/fake_server.dart';

void main() {
  testWidgets('cancels its subscription when disposed', (tester) async {
    final engine = fakeEngine();
    await tester.pumpWidget(Directionality(
      textDirection: TextDirection.ltr,
      child: SyncStatusBuilder(
        engine: engine,
        builder: (context, status) => Text(status.phase.name),
      ),
    ));
    expect(find.text('idle'), findsOneWidget);
    await tester.pumpWidget(const SizedBox());
    await engine.dispose();
  });
}

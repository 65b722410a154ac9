import 'package:driftline/driftline.dart';
import 'package:flutter_test/flutter_test.dart';

void main() {
  group('Hlc', () {
    test('round-trips through toString/parse', () {
      const h = Hlc(1757837462004, 42, 'node-a');
      expect(Hlc.parse(h.toString()), h);
    });

    test('accepts upper-case hex counters', () {
      final h = Hlc.parse('2024-03-05T10:01:22.120Z-00A3-web1');
      expect(h.counter, 0xa3);
    });

    test('rejects garbage', () {
      expect(() => Hlc.parse('nope'), throwsFormatException);
    });

    test('increment in the same millisecond bumps the counter', () {
      final wall = DateTime.utc(2026, 1, 1);
      final h = Hlc(wall.millisecondsSinceEpoch, 0, 'n');
      expect(h.increment(wallClock: wall).counter, 1);
    });
  });
}

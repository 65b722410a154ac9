import 'dart:math';

/// Retry delays for failed pushes: `base * 2^attempt`, capped at [maxDelay],
/// plus up to [jitter] (fraction) random extra.
class BackoffPolicy {
  const BackoffPolicy({
    this.base = const Duration(milliseconds: 500),
    this.maxDelay = const Duration(minutes: 5),
    this.jitter = 0.2,
  });

  final Duration base;
  final Duration maxDelay;
  final double jitter;

  Duration delayFor(int attempt, {Random? random}) {
    final factor = 1 << attempt;
    var micros = base.inMicroseconds * factor;
    if (micros > maxDelay.inMicroseconds) {
      micros = maxDelay.inMicroseconds;
    }
    final r = random ?? Random();
    final extra = (micros * jitter * r.nextDouble()).round();
    return Duration(microseconds: micros + extra);
  }
}

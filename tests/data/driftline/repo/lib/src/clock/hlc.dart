/// Hybrid logical clock timestamp.
///
/// String format (stored by servers, must stay stable):
/// `<iso8601 millis UTC>-<counter, 4 hex digits>-<nodeId>`
class Hlc implements Comparable<Hlc> {
  const Hlc(this.millis, this.counter, this.nodeId);

  factory Hlc.zero(String nodeId) => Hlc(0, 0, nodeId);

  factory Hlc.now(String nodeId) =>
      Hlc(DateTime.now().toUtc().millisecondsSinceEpoch, 0, nodeId);

  final int millis;
  final int counter;
  final String nodeId;

  static final RegExp _pattern = RegExp(
    r'^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-fA-F]{4})-(.+)$',
  );

  static Hlc parse(String value) {
    final match = _pattern.firstMatch(value);
    if (match == null) {
      throw FormatException('Invalid HLC string: $value');
    }
    final millis = DateTime.parse(match.group(1)!).millisecondsSinceEpoch;
    final counter = int.parse(match.group(2)!, radix: 16);
    return Hlc(millis, counter, match.group(3)!);
  }

  /// Next timestamp for a local event.
  Hlc increment({DateTime? wallClock}) {
    final wall = (wallClock ?? DateTime.now()).toUtc().millisecondsSinceEpoch;
    if (wall > millis) {
      return Hlc(wall, 0, nodeId);
    }
    return Hlc(millis, counter + 1, nodeId);
  }

  /// Merge with a remote timestamp on receive.
  Hlc merge(Hlc remote, {DateTime? wallClock}) {
    final wall = (wallClock ?? DateTime.now()).toUtc().millisecondsSinceEpoch;
    if (wall > millis && wall > remote.millis) {
      return Hlc(wall, 0, nodeId);
    }
    if (millis == remote.millis) {
      final c = counter > remote.counter ? counter : remote.counter;
      return Hlc(millis, c + 1, nodeId);
    }
    if (millis > remote.millis) {
      return Hlc(millis, counter + 1, nodeId);
    }
    return Hlc(remote.millis, remote.counter + 1, nodeId);
  }

  @override
  int compareTo(Hlc other) {
    if (millis != other.millis) return millis.compareTo(other.millis);
    return counter.compareTo(other.counter);
  }

  @override
  bool operator ==(Object other) =>
      other is Hlc &&
      other.millis == millis &&
      other.counter == counter &&
      other.nodeId == nodeId;

  @override
  int get hashCode => Object.hash(millis, counter, nodeId);

  @override
  String toString() {
    final iso = DateTime.fromMillisecondsSinceEpoch(millis, isUtc: true)
        .toIso8601String();
    return '$iso-${counter.toRadixString(16).padLeft(4, '0')}-$nodeId';
  }
}

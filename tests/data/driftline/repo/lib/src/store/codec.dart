/// Converts Dart values to and from the JSON wire format.
class RowCodec {
  const RowCodec();

  Object? encodeValue(Object? value) {
    if (value is DateTime) {
      return value.toIso8601String();
    }
    if (value is Duration) {
      return value.inMicroseconds;
    }
    return value;
  }

  Object? decodeValue(Object? raw, Type target) {
    if (raw == null) return null;
    if (target == DateTime) return DateTime.parse(raw as String);
    if (target == Duration) return Duration(microseconds: raw as int);
    return raw;
  }

  Map<String, Object?> encode(Map<String, Object?> row) =>
      row.map((k, v) => MapEntry(k, encodeValue(v)));

  /// Decodes a row received from the server. `id` must be a client-generated
  /// string; a null id means the server is misconfigured.
  Map<String, Object?> decode(Map<String, Object?> json, Map<String, Type> schema) {
    final id = json['id'];
    if (id is! String) {
      throw FormatException('Row without a string id from server: $json');
    }
    return {
      for (final e in schema.entries) e.key: decodeValue(json[e.key], e.value),
    };
  }
}

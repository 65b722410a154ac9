/// Column naming used by the generator when `@SyncField` has no `name:`.
///
/// `dueDate` -> `due_date` (0.4, snake_case by default).
String toSnakeCase(String fieldName) {
  final out = StringBuffer();
  for (var i = 0; i < fieldName.length; i++) {
    final ch = fieldName[i];
    final isUpper = ch.toUpperCase() == ch && ch.toLowerCase() != ch;
    if (isUpper) {
      if (i > 0) out.write('_');
      out.write(ch.toLowerCase());
    } else {
      out.write(ch);
    }
  }
  return out.toString();
}

/// Name of the generated part file for [libraryName].
String partFileName(String libraryName) => '$libraryName.sync.g.dart';

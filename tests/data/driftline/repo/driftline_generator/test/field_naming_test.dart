import 'package:driftline_generator/src/field_naming.dart';
import 'package:test/test.dart';

void main() {
  test('camelCase to snake_case', () {
    expect(toSnakeCase('dueDate'), 'due_date');
    expect(toSnakeCase('title'), 'title');
    expect(toSnakeCase('createdAtLocal'), 'created_at_local');
  });

  test('part file name', () {
    expect(partFileName('todo'), 'todo.sync.g.dart');
  });
}

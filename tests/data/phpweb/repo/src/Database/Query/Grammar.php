<?php

namespace Lantern\Database\Query;

use Lantern\Support\Arrayable;

class Grammar
{
    public function compileSelect(Builder $query): string
    {
        $sql = 'select ' . $this->columnize($query->columns) . ' from ' . $this->wrapTable($query->from);

        if ($query->wheres !== []) {
            $sql .= ' ' . $this->compileWheres($query);
        }

        if ($query->groups !== []) {
            $sql .= ' group by ' . $this->columnize($query->groups);
        }

        if ($query->orders !== []) {
            $sql .= ' order by ' . implode(', ', array_map(
                fn (array $order) => $this->wrap($order['column']) . ' ' . $order['direction'],
                $query->orders,
            ));
        }

        if ($query->limit !== null) {
            $sql .= ' limit ' . $query->limit;
        }

        if ($query->offset !== null) {
            $sql .= ' offset ' . $query->offset;
        }

        return $sql;
    }

    public function compileWheres(Builder $query): string
    {
        $clauses = [];

        foreach ($query->wheres as $i => $where) {
            $method = 'where' . $where['type'];
            $clauses[] = ($i === 0 ? '' : $where['boolean'] . ' ') . $this->{$method}($query, $where);
        }

        return 'where ' . implode(' ', $clauses);
    }

    protected function whereBasic(Builder $query, array $where): string
    {
        return $this->wrap($where['column']) . ' ' . $where['operator'] . ' ?';
    }

    protected function whereNull(Builder $query, array $where): string
    {
        return $this->wrap($where['column']) . ' is null';
    }

    protected function whereNotNull(Builder $query, array $where): string
    {
        return $this->wrap($where['column']) . ' is not null';
    }

    /**
     * An empty list compiles to a condition that is always false (see 1.0 changelog).
     */
    protected function whereIn(Builder $query, array $where): string
    {
        if (is_array($where['values']) && $where['values'] === []) {
            return '0 = 1';
        }

        return $this->wrap($where['column']) . ' in (' . $this->parameterize($where['values']) . ')';
    }

    protected function whereNotIn(Builder $query, array $where): string
    {
        if (is_array($where['values']) && $where['values'] === []) {
            return '1 = 1';
        }

        return $this->wrap($where['column']) . ' not in (' . $this->parameterize($where['values']) . ')';
    }

    public function parameterize(mixed $values): string
    {
        if ($values instanceof Arrayable) {
            $values = $values->toArray();
        }

        return implode(', ', array_fill(0, count($values), '?'));
    }

    public function columnize(array $columns): string
    {
        return implode(', ', array_map([$this, 'wrap'], $columns));
    }

    public function wrapTable(string $table): string
    {
        return $this->wrapSegment($table);
    }

    /**
     * Wrap a column, handling "table.column", "expr as alias" and JSON selectors ("meta->a->b").
     */
    public function wrap(string $value): string
    {
        if ($value === '*' || str_contains($value, '(')) {
            return $value;
        }

        if (stripos($value, ' as ') !== false) {
            [$column, $alias] = preg_split('/\s+as\s+/i', $value);

            return $this->wrap($column) . ' as ' . $this->wrapSegment($alias);
        }

        if (str_contains($value, '->')) {
            return $this->wrapJsonSelector($value);
        }

        return implode('.', array_map([$this, 'wrapSegment'], explode('.', $value)));
    }

    protected function wrapSegment(string $segment): string
    {
        return $segment === '*' ? $segment : '"' . str_replace('"', '""', $segment) . '"';
    }

    /**
     * SQLite: json_extract("meta", '$."a"."b"').
     */
    protected function wrapJsonSelector(string $value): string
    {
        [$field, $path] = $this->splitJsonSelector($value);

        return 'json_extract(' . $this->wrap($field) . ', ' . $this->wrapJsonPath($path) . ')';
    }

    /**
     * @return array{0: string, 1: string}
     */
    protected function splitJsonSelector(string $value): array
    {
        $parts = explode('->', $value, 2);

        return [$parts[0], $parts[1] ?? ''];
    }

    /**
     * Turn "a->b->c" into the JSON path literal '$."a"."b"."c"'.
     */
    public function wrapJsonPath(string $path): string
    {
        $segments = array_filter(explode('->', $path), fn (string $s) => $s !== '');

        $quoted = array_map(fn (string $segment) => '"' . str_replace("'", "''", $segment) . '"', $segments);

        return "'$." . implode('.', $quoted) . "'";
    }
}

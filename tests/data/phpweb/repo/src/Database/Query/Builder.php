<?php

namespace Lantern\Database\Query;

use Lantern\Database\Connection;
use Lantern\Support\Arrayable;

class Builder
{
    public array $columns = ['*'];
    public string $from = '';
    public array $wheres = [];
    public array $orders = [];
    public ?int $limit = null;
    public ?int $offset = null;
    public array $groups = [];
    public array $bindings = ['where' => []];

    public function __construct(
        public readonly Connection $connection,
        public readonly Grammar $grammar,
    ) {
    }

    public function from(string $table): static
    {
        $this->from = $table;

        return $this;
    }

    public function select(string ...$columns): static
    {
        $this->columns = $columns === [] ? ['*'] : $columns;

        return $this;
    }

    public function where(string $column, mixed $operator = null, mixed $value = null, string $boolean = 'and'): static
    {
        if (func_num_args() === 2) {
            [$value, $operator] = [$operator, '='];
        }

        $this->wheres[] = ['type' => 'Basic', 'column' => $column, 'operator' => $operator, 'value' => $value, 'boolean' => $boolean];
        $this->bindings['where'][] = $value;

        return $this;
    }

    public function whereNull(string $column, string $boolean = 'and', bool $not = false): static
    {
        $this->wheres[] = ['type' => $not ? 'NotNull' : 'Null', 'column' => $column, 'boolean' => $boolean];

        return $this;
    }

    /**
     * Add a "where in" clause. Accepts arrays, Arrayable objects and iterables.
     */
    public function whereIn(string $column, mixed $values, string $boolean = 'and', bool $not = false): static
    {
        // Generators can only be iterated once, so materialise them now.
        if ($values instanceof \Traversable && ! $values instanceof Arrayable) {
            $values = iterator_to_array($values, false);
        }

        $this->wheres[] = ['type' => $not ? 'NotIn' : 'In', 'column' => $column, 'values' => $values, 'boolean' => $boolean];

        foreach ($values instanceof Arrayable ? $values->toArray() : $values as $value) {
            $this->bindings['where'][] = $value;
        }

        return $this;
    }

    public function whereNotIn(string $column, mixed $values, string $boolean = 'and'): static
    {
        return $this->whereIn($column, $values, $boolean, true);
    }

    public function orderBy(string $column, string $direction = 'asc'): static
    {
        $this->orders[] = ['column' => $column, 'direction' => strtolower($direction) === 'desc' ? 'desc' : 'asc'];

        return $this;
    }

    public function limit(int $value): static
    {
        $this->limit = max(0, $value);

        return $this;
    }

    public function offset(int $value): static
    {
        $this->offset = max(0, $value);

        return $this;
    }

    public function toSql(): string
    {
        return $this->grammar->compileSelect($this);
    }

    public function getBindings(): array
    {
        return array_values($this->bindings['where']);
    }

    public function get(): array
    {
        return $this->connection->select($this->toSql(), $this->getBindings());
    }

    /**
     * Count the rows the paginator would see, ignoring orders and limits.
     *
     * Fast path added in 2.3: no subselect for non-grouped queries.
     */
    public function getCountForPagination(): int
    {
        $query = clone $this;
        $query->orders = [];
        $query->limit = null;
        $query->offset = null;

        if ($query->groups !== []) {
            $sql = 'select count(*) as aggregate from (' . $query->toSql() . ') as aggregate_table';
        } else {
            $query->columns = ['count(*) as aggregate'];
            $sql = $query->toSql();
        }

        $row = $this->connection->selectOne($sql, $query->getBindings());

        return (int) ($row['aggregate'] ?? 0);
    }
}

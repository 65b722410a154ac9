<?php

namespace Lantern\Database\Orm;

use Lantern\Database\Query\Builder as QueryBuilder;

/**
 * @mixin QueryBuilder
 */
class Builder
{
    /** @var array<string, object> scopes with an apply(Builder, Model) method */
    protected array $scopes = [];

    /** @var list<string> */
    protected array $removedScopes = [];

    protected bool $scopesApplied = false;

    public function __construct(protected QueryBuilder $query, protected Model $model)
    {
    }

    public function getQuery(): QueryBuilder
    {
        return $this->query;
    }

    public function withGlobalScope(string $identifier, object $scope): static
    {
        $this->scopes[$identifier] = $scope;

        return $this;
    }

    public function withoutGlobalScope(string $identifier): static
    {
        unset($this->scopes[$identifier]);
        $this->removedScopes[] = $identifier;

        return $this;
    }

    public function withTrashed(): static
    {
        return $this->withoutGlobalScope(SoftDeletingScope::class);
    }

    /**
     * Apply the registered global scopes to a clone of this builder.
     */
    public function applyScopes(): static
    {
        if ($this->scopesApplied || $this->scopes === []) {
            return $this;
        }

        $builder = clone $this;
        $builder->query = clone $this->query;

        foreach ($this->scopes as $scope) {
            $scope->apply($builder, $this->model);
        }

        $builder->scopesApplied = true;

        return $builder;
    }

    /**
     * @return list<Model>
     */
    public function get(): array
    {
        $rows = $this->applyScopes()->query->get();

        return array_map(fn (array $row) => $this->model->newFromRow($row), $rows);
    }

    public function count(): int
    {
        return $this->applyScopes()->query->getCountForPagination();
    }

    /**
     * @return array{items: list<Model>, total: int, per_page: int, current_page: int, last_page: int}
     */
    public function paginate(int $perPage = 15, int $page = 1): array
    {
        $total = $this->query->getCountForPagination();

        $items = $total > 0
            ? (clone $this)->forPage($page, $perPage)->get()
            : [];

        return [
            'items' => $items,
            'total' => $total,
            'per_page' => $perPage,
            'current_page' => $page,
            'last_page' => max((int) ceil($total / max(1, $perPage)), 1),
        ];
    }

    public function forPage(int $page, int $perPage): static
    {
        $this->query->offset(max(0, ($page - 1) * $perPage))->limit($perPage);

        return $this;
    }

    public function __clone()
    {
        $this->query = clone $this->query;
    }

    public function __call(string $method, array $parameters): mixed
    {
        $result = $this->query->{$method}(...$parameters);

        return $result === $this->query ? $this : $result;
    }
}

<?php

namespace Lantern\Database\Orm;

abstract class Model
{
    protected string $table = '';

    protected string $primaryKey = 'id';

    protected array $attributes = [];

    public function getTable(): string
    {
        return $this->table;
    }

    public function getQualifiedDeletedAtColumn(): string
    {
        return $this->getTable() . '.deleted_at';
    }

    public function getRouteKeyName(): string
    {
        return $this->primaryKey;
    }

    public function newFromRow(array $row): static
    {
        $model = new static();
        $model->attributes = $row;

        return $model;
    }

    public function __get(string $key): mixed
    {
        return $this->attributes[$key] ?? null;
    }
}

<?php

namespace Lantern\Database\Orm;

class SoftDeletingScope
{
    public function apply(Builder $builder, Model $model): void
    {
        $builder->getQuery()->whereNull($model->getQualifiedDeletedAtColumn());
    }
}

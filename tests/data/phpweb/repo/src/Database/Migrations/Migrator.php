<?php

namespace Lantern\Database\Migrations;

use Lantern\Database\Connection;

class Migrator
{
    /** @var list<string> */
    protected array $notes = [];

    public function __construct(
        protected Connection $connection,
        protected string $path,
        protected string $table = 'migrations',
    ) {
    }

    /**
     * Roll back the last batch, or the last $steps migrations when $steps > 0.
     *
     * @return list<string> names of the migrations that were rolled back
     */
    public function rollback(int $steps = 0, bool $pretend = false): array
    {
        $migrations = $this->getMigrationsForRollback($steps);

        $rolledBack = [];

        foreach ($migrations as $record) {
            if ($pretend) {
                $this->notes[] = "Would roll back: {$record['migration']}";
                continue;
            }

            $this->resolve($record['migration'])->down();
            $this->connection->statement("delete from {$this->table} where migration = ?", [$record['migration']]);

            $rolledBack[] = $record['migration'];
            $this->notes[] = "Rolled back: {$record['migration']}";
        }

        return $rolledBack;
    }

    /**
     * @return list<array{migration: string, batch: int}>
     */
    protected function getMigrationsForRollback(int $steps): array
    {
        if ($steps > 0) {
            // getRan() is ordered by batch, then migration name (ascending).
            $ran = $this->getRan();

            return array_slice($ran, 0, $steps);
        }

        return $this->getLastBatch();
    }

    /**
     * All ran migrations, oldest first.
     *
     * @return list<array{migration: string, batch: int}>
     */
    public function getRan(): array
    {
        return $this->connection->select(
            "select migration, batch from {$this->table} order by batch asc, migration asc"
        );
    }

    /**
     * Migrations of the last batch, newest first.
     *
     * @return list<array{migration: string, batch: int}>
     */
    public function getLastBatch(): array
    {
        return $this->connection->select(
            "select migration, batch from {$this->table} where batch = (select max(batch) from {$this->table}) order by migration desc"
        );
    }

    /**
     * Each migration file returns an object with up() and down() methods.
     */
    protected function resolve(string $name): object
    {
        return require $this->path . '/' . $name . '.php';
    }

    public function getNotes(): array
    {
        return $this->notes;
    }
}

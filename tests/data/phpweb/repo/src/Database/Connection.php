<?php

namespace Lantern\Database;

use PDO;

class Connection
{
    public function __construct(protected PDO $pdo, protected string $driver)
    {
        $this->pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
    }

    public function getDriverName(): string
    {
        return $this->driver;
    }

    public function select(string $sql, array $bindings = []): array
    {
        return $this->run($sql, $bindings)->fetchAll(PDO::FETCH_ASSOC);
    }

    public function selectOne(string $sql, array $bindings = []): ?array
    {
        $row = $this->run($sql, $bindings)->fetch(PDO::FETCH_ASSOC);

        return $row === false ? null : $row;
    }

    public function statement(string $sql, array $bindings = []): bool
    {
        $this->run($sql, $bindings);

        return true;
    }

    protected function run(string $sql, array $bindings): \PDOStatement
    {
        $statement = $this->pdo->prepare($sql);
        $statement->execute(array_values($bindings));

        return $statement;
    }
}

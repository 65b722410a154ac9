<?php

namespace Lantern\Tests\Database;

use Lantern\Database\Connection;
use Lantern\Database\Query\Builder;
use Lantern\Database\Query\Grammar;
use Lantern\Database\Query\MySqlGrammar;
use PDO;
use PHPUnit\Framework\TestCase;

class GrammarTest extends TestCase
{
    private function builder(Grammar $grammar = new Grammar()): Builder
    {
        return new Builder(new Connection(new PDO('sqlite::memory:'), 'sqlite'), $grammar);
    }

    public function testWhereInWithValues(): void
    {
        $query = $this->builder()->from('users')->whereIn('id', [1, 2, 3]);

        $this->assertSame('select * from "users" where "id" in (?, ?, ?)', $query->toSql());
        $this->assertSame([1, 2, 3], $query->getBindings());
    }

    public function testWhereInWithEmptyArrayIsAlwaysFalse(): void
    {
        $query = $this->builder()->from('users')->whereIn('id', []);

        $this->assertSame('select * from "users" where 0 = 1', $query->toSql());
    }

    public function testWhereNotInWithEmptyArrayIsAlwaysTrue(): void
    {
        $query = $this->builder()->from('users')->whereNotIn('id', []);

        $this->assertSame('select * from "users" where 1 = 1', $query->toSql());
    }

    public function testJsonSelectorMySql(): void
    {
        $query = $this->builder(new MySqlGrammar())->from('users')->where('settings->theme->mode', 'dark');

        $this->assertSame(
            "select * from `users` where json_unquote(json_extract(`settings`, '$.\"theme\".\"mode\"')) = ?",
            $query->toSql(),
        );
    }

    public function testJsonSelectorSqlite(): void
    {
        $query = $this->builder()->from('users')->where('settings->theme', 'dark');

        $this->assertSame("select * from \"users\" where json_extract(\"settings\", '$.\"theme\"') = ?", $query->toSql());
    }
}

<?php

namespace Lantern\Tests\Support;

use Lantern\Support\Arr;
use PHPUnit\Framework\TestCase;

class ArrTest extends TestCase
{
    public function testGetWithDotNotation(): void
    {
        $array = ['app' => ['name' => 'Lantern', 'debug' => false]];

        $this->assertSame('Lantern', Arr::get($array, 'app.name'));
        $this->assertFalse(Arr::get($array, 'app.debug'));
        $this->assertSame('default', Arr::get($array, 'app.missing', 'default'));
    }

    public function testGetReturnsDefaultForNullArray(): void
    {
        $this->assertSame('smtp', Arr::get(null, 'driver', 'smtp'));
    }

    public function testGetWithFlatKeyContainingDots(): void
    {
        $this->assertSame(1, Arr::get(['a.b' => 1], 'a.b'));
    }

    public function testHas(): void
    {
        $array = ['data' => ['id' => 3, 'deleted_at' => null]];

        $this->assertTrue(Arr::has($array, 'data.id'));
        $this->assertTrue(Arr::has($array, 'data.deleted_at'));
        $this->assertFalse(Arr::has($array, 'data.name'));
    }

    public function testSet(): void
    {
        $array = [];
        Arr::set($array, 'mail.from.address', 'hi@example.test');

        $this->assertSame(['mail' => ['from' => ['address' => 'hi@example.test']]], $array);
    }
}

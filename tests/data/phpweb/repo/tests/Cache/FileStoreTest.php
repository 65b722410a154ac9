<?php

namespace Lantern\Tests\Cache;

use Lantern\Cache\FileStore;
use PHPUnit\Framework\TestCase;

class FileStoreTest extends TestCase
{
    private string $dir;

    protected function setUp(): void
    {
        $this->dir = sys_get_temp_dir() . '/lantern-cache-' . bin2hex(random_bytes(4));
    }

    protected function tearDown(): void
    {
        (new FileStore($this->dir))->flush();
    }

    public function testPutAndGet(): void
    {
        $store = new FileStore($this->dir);

        $this->assertTrue($store->put('greeting', ['hello' => 'world'], 60));
        $this->assertSame(['hello' => 'world'], $store->get('greeting'));
    }

    public function testMissingKeyIsNull(): void
    {
        $this->assertNull((new FileStore($this->dir))->get('nope'));
    }

    public function testForget(): void
    {
        $store = new FileStore($this->dir);
        $store->put('a', 1, 60);

        $this->assertTrue($store->forget('a'));
        $this->assertNull($store->get('a'));
    }
}

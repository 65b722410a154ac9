<?php

namespace Lantern\Testing;

use Lantern\Support\Arr;
use PHPUnit\Framework\Assert as PHPUnit;

class TestResponse
{
    private ?array $decoded = null;

    public function __construct(
        public readonly int $status,
        public readonly array $headers,
        public readonly string $content,
    ) {
    }

    public function assertStatus(int $status): static
    {
        PHPUnit::assertSame($status, $this->status, "Expected response status code [{$status}] but received {$this->status}.");

        return $this;
    }

    public function json(?string $key = null): mixed
    {
        if ($this->decoded === null) {
            $decoded = json_decode($this->content, true);

            if (! is_array($decoded)) {
                PHPUnit::fail('Invalid JSON was returned from the route.');
            }

            $this->decoded = $decoded;
        }

        return $key === null ? $this->decoded : Arr::get($this->decoded, $key);
    }

    /**
     * Assert that the value at the given dot path equals the expected value.
     */
    public function assertJsonPath(string $path, mixed $expected): static
    {
        $missing = new \stdClass();

        $actual = Arr::get($this->json(), $path, $missing);

        PHPUnit::assertTrue($actual !== $missing, "Path [{$path}] does not exist in the JSON response.");

        PHPUnit::assertSame($expected, $actual, "Failed asserting that [{$path}] matches the expected value.");

        return $this;
    }

    public function assertJsonMissingPath(string $path): static
    {
        PHPUnit::assertFalse(Arr::has($this->json(), $path), "Path [{$path}] exists in the JSON response.");

        return $this;
    }
}

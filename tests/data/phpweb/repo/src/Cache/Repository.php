<?php

namespace Lantern\Cache;

use Closure;

class Repository
{
    public function __construct(protected object $store)
    {
    }

    public function get(string $key, mixed $default = null): mixed
    {
        $value = $this->store->get($key);

        return $value === null ? value($default) : $value;
    }

    public function put(string $key, mixed $value, int $seconds): bool
    {
        return $this->store->put($key, $value, $seconds);
    }

    public function forever(string $key, mixed $value): bool
    {
        return $this->store->forever($key, $value);
    }

    /**
     * Get an item, or store the result of the callback. A null result is not cached.
     */
    public function remember(string $key, int $seconds, Closure $callback): mixed
    {
        $value = $this->get($key);

        if ($value !== null) {
            return $value;
        }

        $value = $callback();

        if ($value !== null) {
            $this->put($key, $value, $seconds);
        }

        return $value;
    }

    public function forget(string $key): bool
    {
        return $this->store->forget($key);
    }
}

<?php

namespace Lantern\Cache;

class FileStore
{
    /** Length of the expiry header at the start of each cache file (10 digits). */
    private const HEADER = 10;

    public function __construct(protected string $directory)
    {
    }

    public function get(string $key): mixed
    {
        $path = $this->path($key);

        $contents = @file_get_contents($path);

        if ($contents === false || strlen($contents) < self::HEADER || ! ctype_digit(substr($contents, 0, self::HEADER))) {
            // Missing, or a pre-2.4 file without header: treat as a miss.
            if ($contents !== false) {
                @unlink($path);
            }

            return null;
        }

        $expires = (int) substr($contents, 0, self::HEADER);

        if (time() >= $expires) {
            $this->forget($key);

            return null;
        }

        return unserialize(substr($contents, self::HEADER));
    }

    /**
     * Store a value; $seconds = 0 stores it forever.
     */
    public function put(string $key, mixed $value, int $seconds): bool
    {
        $path = $this->path($key);

        if (! is_dir(dirname($path))) {
            @mkdir(dirname($path), 0777, true);
        }

        $expires = $seconds === 0 ? 0 : time() + $seconds;

        $temp = $path . '.' . bin2hex(random_bytes(4)) . '.tmp';

        if (file_put_contents($temp, sprintf('%010d', $expires) . serialize($value), LOCK_EX) === false) {
            return false;
        }

        return rename($temp, $path);
    }

    public function forever(string $key, mixed $value): bool
    {
        return $this->put($key, $value, 0);
    }

    public function forget(string $key): bool
    {
        $path = $this->path($key);

        return is_file($path) ? @unlink($path) : false;
    }

    public function flush(): bool
    {
        foreach (glob($this->directory . '/*/*/*') ?: [] as $file) {
            @unlink($file);
        }

        return true;
    }

    protected function path(string $key): string
    {
        $hash = sha1($key);

        return $this->directory . '/' . substr($hash, 0, 2) . '/' . substr($hash, 2, 2) . '/' . $hash;
    }
}

<?php

namespace Lantern\Http;

class Request
{
    public function __construct(
        protected string $method,
        protected string $uri,
        protected array $headers = [],
        protected array $input = [],
        protected bool $secure = false,
        protected string $host = 'localhost',
    ) {
    }

    public static function create(string $uri, string $method = 'GET', array $input = [], array $headers = []): static
    {
        $scheme = parse_url($uri, PHP_URL_SCHEME);
        $host = parse_url($uri, PHP_URL_HOST) ?: 'localhost';
        $path = parse_url($uri, PHP_URL_PATH) ?: '/';
        $query = parse_url($uri, PHP_URL_QUERY);

        return new static(strtoupper($method), $path . ($query !== null ? '?' . $query : ''), $headers, $input, $scheme === 'https', $host);
    }

    public function method(): string
    {
        return $this->method;
    }

    /**
     * The path without leading slash and without query string, "/" for the root.
     */
    public function path(): string
    {
        $path = trim((string) parse_url($this->uri, PHP_URL_PATH), '/');

        return $path === '' ? '/' : $path;
    }

    /**
     * The raw query string, as received.
     */
    public function getQueryString(): ?string
    {
        $query = parse_url($this->uri, PHP_URL_QUERY);

        return $query === null || $query === '' ? null : $query;
    }

    public function query(?string $key = null, mixed $default = null): mixed
    {
        parse_str((string) $this->getQueryString(), $query);

        return $key === null ? $query : ($query[$key] ?? $default);
    }

    public function isSecure(): bool
    {
        return $this->secure;
    }

    /**
     * The URL without query string.
     */
    public function url(): string
    {
        $path = $this->path();

        return ($this->secure ? 'https' : 'http') . '://' . $this->host . ($path === '/' ? '' : '/' . $path);
    }

    public function header(string $name, ?string $default = null): ?string
    {
        return $this->headers[strtolower($name)] ?? $default;
    }

    public function input(string $key, mixed $default = null): mixed
    {
        return $this->input[$key] ?? $default;
    }

    public function isReading(): bool
    {
        return in_array($this->method, ['GET', 'HEAD', 'OPTIONS'], true);
    }
}

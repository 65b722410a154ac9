<?php

namespace Lantern\Routing;

use Lantern\Http\Request;

class UrlSigner
{
    public function __construct(
        protected string $key,
        protected ?\Closure $clock = null,
    ) {
    }

    /**
     * Append an expiry (optional) and a signature to the URL.
     *
     * The query is sorted by key before hashing so that equal parameter sets
     * produce the same signature.
     */
    public function sign(string $url, ?int $expires = null): string
    {
        [$base, $query] = $this->split($url);

        if ($expires !== null) {
            $query['expires'] = $expires;
        }

        ksort($query);

        $unsigned = $base . ($query === [] ? '' : '?' . http_build_query($query));

        $query['signature'] = hash_hmac('sha256', $unsigned, $this->key);

        return $base . '?' . http_build_query($query);
    }

    /**
     * Determine if the request carries a valid, unexpired signature.
     */
    public function hasValidSignature(Request $request, bool $absolute = true): bool
    {
        $base = $absolute ? $request->url() : '/' . ltrim($request->path(), '/');

        $original = $this->queryWithoutSignature((string) $request->getQueryString());

        $unsigned = $base . ($original === '' ? '' : '?' . $original);

        $expected = hash_hmac('sha256', $unsigned, $this->key);

        if (! hash_equals($expected, (string) $request->query('signature', ''))) {
            return false;
        }

        $expires = $request->query('expires');

        return $expires === null || $this->now() < (int) $expires;
    }

    /**
     * Remove the signature parameter from a raw query string, keeping the rest as sent.
     */
    protected function queryWithoutSignature(string $query): string
    {
        $parts = array_filter(
            explode('&', $query),
            fn (string $part) => $part !== '' && ! str_starts_with($part, 'signature='),
        );

        return implode('&', $parts);
    }

    /**
     * @return array{0: string, 1: array}
     */
    protected function split(string $url): array
    {
        $position = strpos($url, '?');

        if ($position === false) {
            return [$url, []];
        }

        parse_str(substr($url, $position + 1), $query);

        return [substr($url, 0, $position), $query];
    }

    protected function now(): int
    {
        return $this->clock ? ($this->clock)() : time();
    }
}

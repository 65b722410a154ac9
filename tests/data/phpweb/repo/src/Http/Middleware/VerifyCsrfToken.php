<?php

namespace Lantern\Http\Middleware;

use Closure;
use Lantern\Http\Request;
use Lantern\Session\TokenMismatchException;

class VerifyCsrfToken
{
    /**
     * URIs excluded from CSRF verification. A trailing "*" matches anything after it.
     *
     * @var list<string>
     */
    protected array $except = [];

    public function __construct(protected \Closure $sessionToken, array $except = [])
    {
        $this->except = array_merge($this->except, $except);
    }

    public function handle(Request $request, Closure $next): mixed
    {
        if ($request->isReading() || $this->inExceptArray($request) || $this->tokensMatch($request)) {
            return $next($request);
        }

        throw new TokenMismatchException('CSRF token mismatch.');
    }

    /**
     * Determine if the request path is listed in $except.
     */
    protected function inExceptArray(Request $request): bool
    {
        $path = trim($request->path(), '/');

        foreach ($this->except as $except) {
            $except = trim($except, '/');

            if ($except === $path) {
                return true;
            }

            if (str_ends_with($except, '*') && str_starts_with($path, rtrim($except, '/*'))) {
                return true;
            }
        }

        return false;
    }

    protected function tokensMatch(Request $request): bool
    {
        $token = $request->input('_token') ?? $request->header('x-csrf-token');

        $sessionToken = ($this->sessionToken)();

        return is_string($token) && is_string($sessionToken) && hash_equals($sessionToken, $token);
    }
}

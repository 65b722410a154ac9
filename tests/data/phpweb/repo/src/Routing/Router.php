<?php

namespace Lantern\Routing;

use Closure;
use Lantern\Http\Request;
use Lantern\Routing\Exceptions\RouteNotFoundException;

class Router
{
    /** @var array<string, array<string, array>> method => uri => route */
    protected array $routes = [];

    /** @var list<array> */
    protected array $groupStack = [];

    public function group(array $attributes, Closure $routes): void
    {
        if ($this->groupStack !== []) {
            $attributes = RouteGroup::merge($attributes, end($this->groupStack));
        } elseif (isset($attributes['prefix'])) {
            $attributes['prefix'] = trim($attributes['prefix'], '/');
        }

        $this->groupStack[] = $attributes;

        try {
            $routes($this);
        } finally {
            array_pop($this->groupStack);
        }
    }

    public function get(string $uri, mixed $action): array
    {
        return $this->addRoute(['GET', 'HEAD'], $uri, $action);
    }

    public function post(string $uri, mixed $action): array
    {
        return $this->addRoute(['POST'], $uri, $action);
    }

    public function match(array $methods, string $uri, mixed $action = null): array
    {
        return $this->addRoute(array_map('strtoupper', $methods), $uri, $action);
    }

    protected function addRoute(array $methods, string $uri, mixed $action): array
    {
        $group = $this->groupStack === [] ? [] : end($this->groupStack);

        $uri = $this->prefix($group['prefix'] ?? '', $uri);

        $route = [
            'methods' => $methods,
            'uri' => $uri,
            'action' => $action,
            'middleware' => $group['middleware'] ?? [],
            'name' => isset($group['as']) ? $group['as'] : null,
        ];

        foreach ($methods as $method) {
            $this->routes[$method][$uri] = $route;
        }

        return $route;
    }

    protected function prefix(string $prefix, string $uri): string
    {
        $uri = trim($uri, '/');

        if ($prefix === '') {
            return $uri === '' ? '/' : $uri;
        }

        return $uri === '' ? $prefix : $prefix . '/' . $uri;
    }

    /**
     * Find the route matching the request.
     *
     * @throws RouteNotFoundException
     */
    public function findRoute(Request $request): array
    {
        $path = trim($request->path(), '/');
        $path = $path === '' ? '/' : $path;

        foreach ($this->routes[$request->method()] ?? [] as $uri => $route) {
            $parameters = $this->matchUri($uri, $path);

            if ($parameters !== null) {
                return $route + ['parameters' => $parameters];
            }
        }

        throw new RouteNotFoundException(sprintf('No route matches [%s] /%s', $request->method(), ltrim($path, '/')));
    }

    protected function matchUri(string $uri, string $path): ?array
    {
        $pattern = preg_replace_callback('/\{(\w+)(?::\w+)?\}|[^{]+/', function (array $m): string {
            return isset($m[1]) ? '(?P<' . $m[1] . '>[^/]+)' : preg_quote($m[0], '#');
        }, $uri);

        if (! preg_match('#^' . $pattern . '$#u', $path, $matches)) {
            return null;
        }

        return array_filter($matches, 'is_string', ARRAY_FILTER_USE_KEY);
    }

    public function getRoutes(): array
    {
        return $this->routes;
    }
}

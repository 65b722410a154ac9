<?php

namespace Lantern\Routing;

class RouteGroup
{
    /**
     * Merge the attributes of a nested group into its parent's attributes.
     */
    public static function merge(array $new, array $old): array
    {
        $merged = $new;

        $merged['prefix'] = static::mergePrefix($old['prefix'] ?? '', $new['prefix'] ?? '');

        $merged['as'] = ($old['as'] ?? '') . ($new['as'] ?? '');

        $merged['middleware'] = array_values(array_merge(
            (array) ($old['middleware'] ?? []),
            (array) ($new['middleware'] ?? []),
        ));

        if (isset($old['where']) || isset($new['where'])) {
            $merged['where'] = array_merge($old['where'] ?? [], $new['where'] ?? []);
        }

        return array_filter($merged, fn ($value) => $value !== '' && $value !== []);
    }

    /**
     * Combine the prefix of an outer group with the prefix of an inner group.
     */
    public static function mergePrefix(string $outer, string $inner): string
    {
        if ($inner === '') {
            return trim($outer, '/');
        }

        if (trim($outer, '/') === '') {
            return trim($inner, '/');
        }

        return trim($outer, '/') . '/' . rtrim($inner, '/');
    }
}

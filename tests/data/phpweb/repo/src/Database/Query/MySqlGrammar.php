<?php

namespace Lantern\Database\Query;

class MySqlGrammar extends Grammar
{
    protected function wrapSegment(string $segment): string
    {
        return $segment === '*' ? $segment : '`' . str_replace('`', '``', $segment) . '`';
    }

    /**
     * MySQL: json_unquote(json_extract(`meta`, '$."a"."b"')).
     */
    protected function wrapJsonSelector(string $value): string
    {
        [$field, $path] = $this->splitJsonSelector($value);

        return 'json_unquote(json_extract(' . $this->wrap($field) . ', ' . $this->wrapJsonPath($path) . '))';
    }
}

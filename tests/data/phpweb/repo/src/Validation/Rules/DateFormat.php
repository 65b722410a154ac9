<?php

namespace Lantern\Validation\Rules;

use DateTime;

class DateFormat
{
    public function __construct(protected string $format)
    {
    }

    /**
     * The value passes when it can be parsed with the given format.
     */
    public function passes(string $attribute, mixed $value): bool
    {
        if (! is_string($value) && ! is_numeric($value)) {
            return false;
        }

        return DateTime::createFromFormat('!' . $this->format, (string) $value) !== false;
    }

    public function message(): string
    {
        return "The :attribute does not match the format {$this->format}.";
    }
}

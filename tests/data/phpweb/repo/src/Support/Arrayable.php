<?php

namespace Lantern\Support;

interface Arrayable
{
    public function toArray(): array;
}

<?php

namespace Lantern\Routing\Exceptions;

use RuntimeException;

class RouteNotFoundException extends RuntimeException
{
}

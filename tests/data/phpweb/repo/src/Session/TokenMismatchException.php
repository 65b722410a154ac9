<?php

namespace Lantern\Session;

use RuntimeException;

class TokenMismatchException extends RuntimeException
{
}

<?php

namespace Lantern\View;

class Compiler
{
    /** @var array<string, callable> */
    protected array $customDirectives = [];

    public function __construct(protected string $cachePath)
    {
    }

    /**
     * Compile the template at $path into the cache directory, unless the cached copy is fresh.
     */
    public function compile(string $path): string
    {
        $compiled = $this->getCompiledPath($path);

        if (! is_file($compiled) || filemtime($compiled) < filemtime($path)) {
            file_put_contents($compiled, $this->compileString((string) file_get_contents($path)));
        }

        return $compiled;
    }

    public function getCompiledPath(string $path): string
    {
        return rtrim($this->cachePath, '/\\') . DIRECTORY_SEPARATOR . sha1($path) . '.php';
    }

    public function compileString(string $value): string
    {
        $value = $this->compileComments($value);
        $value = $this->compileRawEchos($value);
        $value = $this->compileEchos($value);

        return $this->compileDirectives($value);
    }

    protected function compileComments(string $value): string
    {
        return preg_replace('/\{\{--(.*?)--\}\}/s', '', $value);
    }

    protected function compileRawEchos(string $value): string
    {
        return preg_replace('/\{!!\s*(.+?)\s*!!\}/s', '<?php echo $1; ?>', $value);
    }

    protected function compileEchos(string $value): string
    {
        return preg_replace('/\{\{\s*(.+?)\s*\}\}/s', '<?php echo e($1); ?>', $value);
    }

    protected function compileDirectives(string $value): string
    {
        return preg_replace_callback('/\B@(\w+)(\s*\((?:[^()]++|(?2))*\))?/', function (array $match): string {
            $name = $match[1];
            $expression = isset($match[2]) ? trim($match[2]) : null;

            if (isset($this->customDirectives[$name])) {
                return ($this->customDirectives[$name])($expression);
            }

            $method = 'compile' . ucfirst($name);

            return method_exists($this, $method) ? $this->{$method}($expression) : $match[0];
        }, $value);
    }

    protected function stripParentheses(?string $expression): string
    {
        if ($expression !== null && str_starts_with($expression, '(') && str_ends_with($expression, ')')) {
            $expression = substr($expression, 1, -1);
        }

        return (string) $expression;
    }

    protected function compileIf(?string $expression): string
    {
        return "<?php if{$expression}: ?>";
    }

    protected function compileElse(?string $expression): string
    {
        return '<?php else: ?>';
    }

    protected function compileEndif(?string $expression): string
    {
        return '<?php endif; ?>';
    }

    protected function compileForeach(?string $expression): string
    {
        return "<?php foreach{$expression}: ?>";
    }

    protected function compileEndforeach(?string $expression): string
    {
        return '<?php endforeach; ?>';
    }

    protected function compileInclude(?string $expression): string
    {
        $expression = $this->stripParentheses($expression);

        return "<?php echo \$__env->make({$expression})->render(); ?>";
    }

    /**
     * @json($value) or @json($value, JSON_PRETTY_PRINT)
     */
    protected function compileJson(?string $expression): string
    {
        $parts = explode(',', $this->stripParentheses($expression), 2);

        $value = trim($parts[0]);
        $flags = isset($parts[1]) ? trim($parts[1]) : '0';

        return "<?php echo json_encode({$value}, {$flags}); ?>";
    }

    public function directive(string $name, callable $handler): void
    {
        $this->customDirectives[$name] = $handler;
    }
}

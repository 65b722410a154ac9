<?php

namespace Lantern\Events;

class Dispatcher
{
    /** @var array<string, list<callable>> */
    protected array $listeners = [];

    /** @var array<string, list<callable>> wildcard pattern => listeners */
    protected array $wildcards = [];

    public function listen(string $event, callable $listener): void
    {
        if (str_contains($event, '*')) {
            $this->wildcards[$event][] = $listener;

            return;
        }

        $this->listeners[$event][] = $listener;
    }

    public function hasListeners(string $event): bool
    {
        return isset($this->listeners[$event]) || $this->getWildcardListeners($event) !== [];
    }

    /**
     * @return list<mixed> the listeners' return values
     */
    public function dispatch(string $event, array $payload = []): array
    {
        $responses = [];

        foreach ($this->getListeners($event) as $listener) {
            $response = $listener($event, ...$payload);

            if ($response === false) {
                break;
            }

            $responses[] = $response;
        }

        return $responses;
    }

    /**
     * @return list<callable>
     */
    public function getListeners(string $event): array
    {
        return array_merge($this->listeners[$event] ?? [], $this->getWildcardListeners($event));
    }

    /**
     * @return list<callable>
     */
    protected function getWildcardListeners(string $event): array
    {
        $listeners = [];

        foreach ($this->wildcards as $pattern => $registered) {
            $regex = '#^' . str_replace('\*', '.*', preg_quote($pattern, '#')) . '$#u';

            if (preg_match($regex, $event)) {
                $listeners = array_merge($listeners, $registered);
            }
        }

        return $listeners;
    }

    /**
     * Remove all listeners for an event.
     */
    public function forget(string $event): void
    {
        unset($this->listeners[$event]);
    }
}

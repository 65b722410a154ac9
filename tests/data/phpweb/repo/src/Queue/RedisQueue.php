<?php

namespace Lantern\Queue;

use DateTimeInterface;

class RedisQueue
{
    /**
     * @param object $redis a phpredis \Redis or predis client
     */
    public function __construct(
        protected object $redis,
        protected string $default = 'default',
        protected int $retryAfter = 90,
    ) {
    }

    public function push(object $job, ?string $queue = null): string
    {
        $payload = $this->createPayload($job);

        $this->redis->rpush($this->getQueue($queue), $payload);

        return json_decode($payload, true)['id'];
    }

    /**
     * Push a job onto the delayed sorted set; the score is the UNIX time it becomes available.
     */
    public function later(DateTimeInterface|int $delay, object $job, ?string $queue = null): string
    {
        $payload = $this->createPayload($job);

        $this->redis->zadd($this->getQueue($queue) . ':delayed', time() + $this->secondsUntil($delay), $payload);

        return json_decode($payload, true)['id'];
    }

    /**
     * Number of seconds until the given delay.
     */
    public function secondsUntil(DateTimeInterface|int $delay): int
    {
        if ($delay instanceof DateTimeInterface) {
            return max(0, strtotime($delay->format('Y-m-d H:i:s')) - time());
        }

        return max(0, $delay);
    }

    protected function createPayload(object $job): string
    {
        return json_encode([
            'id' => bin2hex(random_bytes(16)),
            'job' => $job::class,
            'data' => serialize($job),
            'attempts' => 0,
        ], JSON_THROW_ON_ERROR);
    }

    protected function getQueue(?string $queue): string
    {
        return 'queues:' . ($queue ?? $this->default);
    }

    public function getRetryAfter(): int
    {
        return $this->retryAfter;
    }
}

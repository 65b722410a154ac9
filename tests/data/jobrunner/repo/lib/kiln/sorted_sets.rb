# frozen_string_literal: true

require "json"

module Kiln
  # Common behaviour of the sorted sets kiln keeps jobs in (score = time).
  class SortedEntrySet
    include Enumerable
    PAGE = 50

    def size
      Kiln.redis { |c| c.call("ZCARD", self.class::KEY) }
    end

    def each
      offset = 0
      loop do
        page = Kiln.redis { |c| c.call("ZRANGE", self.class::KEY, offset, offset + PAGE - 1, "WITHSCORES") }
        break if page.empty?

        page.each { |payload, score| yield JSON.parse(payload), payload, score.to_f }
        offset += PAGE
      end
    end

    def delete(payload)
      Kiln.redis { |c| c.call("ZREM", self.class::KEY, payload) } == 1
    end

    def clear
      Kiln.redis { |c| c.call("UNLINK", self.class::KEY) }
    end

    # Moves one entry back to its queue; false if it was taken meanwhile.
    def requeue(payload)
      return false unless delete(payload)

      job = JSON.parse(payload)
      Kiln.redis do |c|
        c.call("SADD", "queues", job["queue"])
        c.call("LPUSH", "queue:{#{job["queue"]}}", JSONDump.dump(job))
      end
      true
    end
  end

  class RetrySet < SortedEntrySet
    KEY = "retry"

    def retry_all
      count = 0
      while size.positive?
        payloads = Kiln.redis { |c| c.call("ZRANGE", KEY, 0, PAGE - 1) }
        break if payloads.empty?

        payloads.each { |p| count += 1 if requeue(p) }
      end
      count
    end
  end

  class DeadSet < SortedEntrySet
    KEY = "dead"

    def kill(payload, now: Time.now.to_f)
      Kiln.redis { |c| c.call("ZADD", KEY, now, payload) }
      trim(now: now)
    end

    # Drops entries older than dead_timeout, then keeps only the newest
    # max_dead_jobs entries.
    def trim(now: Time.now.to_f)
      max = Kiln[:max_dead_jobs]
      Kiln.redis do |c|
        c.call("ZREMRANGEBYSCORE", KEY, "-inf", now - Kiln[:dead_timeout])
        c.call("ZREMRANGEBYRANK", KEY, max, -1)
      end
    end
  end
end

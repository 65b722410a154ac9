# frozen_string_literal: true

module Kiln
  # Blocking fetch from the configured queues with BRPOP. The connection read
  # timeout must exceed fetch_timeout (see RedisConnection.read_timeout).
  class Fetcher
    MAX_BACKOFF = 5.0

    def initialize(queues: Kiln[:queues], timeout: Kiln[:fetch_timeout])
      @keys = queues.map { |q| "queue:{#{q}}" }
      @timeout = timeout
      @attempt = 0
    end

    # Returns [queue, payload] or nil when nothing arrived within the timeout.
    def fetch
      key, payload = Kiln.redis do |conn|
        conn.blocking_call(@timeout + 2, "BRPOP", *@keys, @timeout)
      end
      @attempt = 0
      return nil unless payload

      [key.delete_prefix("queue:{").delete_suffix("}"), payload]
    rescue RedisClient::CannotConnectError, RedisClient::ConnectionError => e
      @attempt += 1
      delay = backoff(@attempt)
      Kiln.logger.warn("fetch: #{e.message} (#{e.class}), retrying in #{delay.round(2)}s")
      sleep(delay)
      nil
    end

    def backoff(attempt)
      [(2**attempt) * 0.1, MAX_BACKOFF].min * (0.5 + (rand / 2))
    end
  end
end

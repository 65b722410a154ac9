# frozen_string_literal: true

require "securerandom"

module Kiln
  module Limiter
    class OverLimit < StandardError
      attr_reader :limiter

      def initialize(limiter)
        @limiter = limiter
        super("over limit: #{limiter.name}")
      end
    end

    PERIODS = {second: 1, minute: 60, hour: 3600, day: 86_400}.freeze

    def self.window(name, limit, per:)
      Window.new(name, limit, PERIODS.fetch(per) { Integer(per) })
    end

    def self.concurrent(name, limit, lease: 600)
      Concurrent.new(name, limit, lease)
    end

    # At most +limit+ calls per fixed window of +period+ seconds.
    class Window
      SCRIPT = <<~LUA
        local c = tonumber(redis.call('GET', KEYS[1]) or '0')
        if c <= tonumber(ARGV[1]) then
          redis.call('INCR', KEYS[1])
          if c == 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
          return c + 1
        end
        return -1
      LUA

      attr_reader :name, :limit, :period

      def initialize(name, limit, period)
        @name = name
        @limit = limit
        @period = period
      end

      def within_limit
        window = Time.now.to_i / @period
        key = "limiter:{#{@name}}:#{window}"
        count = Kiln.redis { |c| c.call("EVAL", SCRIPT, 1, key, @limit, @period) }
        raise OverLimit, self if count.negative?

        yield
      end
    end

    # At most +limit+ concurrent holders; each slot is leased for +lease+
    # seconds in case the holder dies.
    class Concurrent
      attr_reader :name, :limit, :lease

      def initialize(name, limit, lease)
        @name = name
        @limit = limit
        @lease = lease
        @key = "limiter:{#{name}}:slots"
      end

      def within_limit
        token = SecureRandom.hex(8)
        raise OverLimit, self unless acquire(token)

        interrupted = false
        begin
          yield
        rescue Kiln::Shutdown
          interrupted = true
          raise
        ensure
          release(token) unless interrupted
        end
      end

      private

      def acquire(token)
        now = Time.now.to_f
        Kiln.redis do |c|
          c.call("ZREMRANGEBYSCORE", @key, "-inf", now)
          if c.call("ZCARD", @key) < @limit
            c.call("ZADD", @key, now + @lease, token)
            true
          else
            false
          end
        end
      end

      def release(token)
        Kiln.redis { |c| c.call("ZREM", @key, token) }
      end
    end
  end
end

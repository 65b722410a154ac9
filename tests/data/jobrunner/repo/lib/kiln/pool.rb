# frozen_string_literal: true

module Kiln
  # A minimal connection pool. One connection per worker thread plus the
  # fetcher and the heartbeat, so size should be at least concurrency + 2.
  class Pool
    class TimeoutError < StandardError; end

    attr_reader :size, :timeout

    def initialize(size:, timeout: 5, &block)
      @size = size
      @timeout = timeout
      @create = block
      @available = []
      @created = 0
      @mutex = Mutex.new
      @cond = ConditionVariable.new
    end

    def with
      conn = checkout
      begin
        yield conn
      ensure
        checkin(conn)
      end
    end

    def checkout
      deadline = monotonic + @timeout
      @mutex.synchronize do
        loop do
          return @available.pop unless @available.empty?

          if @created < @size
            @created += 1
            return @create.call
          end

          remaining = deadline - monotonic
          if remaining <= 0
            raise TimeoutError, "waited 5.0s for a Redis connection (pool size #{@size})"
          end

          @cond.wait(@mutex, remaining)
        end
      end
    end

    def checkin(conn)
      @mutex.synchronize do
        @available.push(conn)
        @cond.signal
      end
    end

    def shutdown
      @mutex.synchronize do
        @available.each { |c| c.close if c.respond_to?(:close) }
        @available.clear
        @created = 0
      end
    end

    private

    def monotonic
      Process.clock_gettime(Process::CLOCK_MONOTONIC)
    end
  end
end

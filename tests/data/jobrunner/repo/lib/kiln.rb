# frozen_string_literal: true

require "logger"
require "securerandom"
require "kiln/version"
require "kiln/json_dump"
require "kiln/serializer"
require "kiln/redis_connection"
require "kiln/pool"
require "kiln/middleware/chain"
require "kiln/logging/json_formatter"
require "kiln/client"
require "kiln/sorted_sets"
require "kiln/processor"
require "kiln/fetcher"
require "kiln/retry"
require "kiln/scheduler"
require "kiln/cron"
require "kiln/unique"
require "kiln/limiter"
require "kiln/launcher"

module Kiln
  DEFAULTS = {
    queues: ["default"],
    concurrency: 10,
    fetch_timeout: 2,
    poll_interval: 5,
    shutdown_timeout: 25,
    heartbeat_ttl: 60,
    max_dead_jobs: 10_000,
    dead_timeout: 180 * 24 * 60 * 60,
    max_retries: 25,
    cron_time_zone: nil,
    strict_args: true,
    pool_timeout: 5
  }.freeze

  class << self
    attr_writer :logger

    def config
      @config ||= DEFAULTS.dup
    end

    def configure
      yield self
    end

    def [](key)
      config[key]
    end

    def []=(key, value)
      config[key] = value
    end

    def redis=(options)
      @redis_options = options
      @pool = nil
    end

    def redis_options
      @redis_options || {url: ENV.fetch("REDIS_URL", "redis://localhost:6379/0")}
    end

    def pool
      @pool ||= Pool.new(size: redis_options.fetch(:size, config[:concurrency] + 2),
                         timeout: redis_options.fetch(:pool_timeout, config[:pool_timeout])) do
        RedisConnection.build(redis_options)
      end
    end

    def redis(&block)
      pool.with(&block)
    end

    def logger
      @logger ||= Logger.new($stdout).tap { |l| l.formatter = Logging::JSONFormatter.new }
    end

    def server_middleware
      @server_middleware ||= Middleware::Chain.new
      yield @server_middleware if block_given?
      @server_middleware
    end

    def client_middleware
      @client_middleware ||= Middleware::Chain.new
      yield @client_middleware if block_given?
      @client_middleware
    end
  end
end

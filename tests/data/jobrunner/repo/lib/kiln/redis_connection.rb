# frozen_string_literal: true

require "uri"
require "redis-client"

module Kiln
  module RedisConnection
    class UnsupportedURL < ArgumentError; end

    SCHEMES = %w[redis rediss unix].freeze

    module_function

    # Builds a RedisClient from kiln's redis options. Accepts :url, :sentinels,
    # :role, :ssl, :ssl_params, :read_timeout, :timeout, :cluster.
    def build(options)
      client_config(options).new_client
    end

    def client_config(options)
      options = options.dup
      url = options.delete(:url)
      uri = URI.parse(url) if url
      if uri && !SCHEMES.include?(uri.scheme)
        raise UnsupportedURL, "Kiln: unsupported Redis URL scheme #{uri.scheme.inspect}"
      end

      opts = {
        url: url,
        connect_timeout: options.fetch(:connect_timeout, 1.0),
        write_timeout: options.fetch(:write_timeout, 1.0),
        read_timeout: read_timeout(options),
        reconnect_attempts: 1
      }
      opts[:id] = options[:id] || "kiln-#{Process.pid}"

      if options[:ssl] && uri&.scheme == "redis"
        opts[:ssl] = true
        opts[:ssl_params] = options[:ssl_params] if options[:ssl_params]
      end

      if options[:sentinels]
        opts[:sentinels] = options[:sentinels]
        opts[:role] = options.fetch(:role, :master)
        opts[:name] = uri.host
        opts.delete(:url)
        return RedisClient.sentinel(**opts)
      end

      RedisClient.config(**opts.compact)
    end

    # The fetcher blocks in BRPOP for fetch_timeout seconds, so the read
    # timeout must be longer unless the user chose one explicitly.
    def read_timeout(options)
      options[:read_timeout] || options[:timeout] || (Kiln[:fetch_timeout] + 2)
    end
  end
end

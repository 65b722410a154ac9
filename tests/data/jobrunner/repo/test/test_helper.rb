# frozen_string_literal: true

$LOAD_PATH.unshift File.expand_path("../lib", __dir__)
ENV["KILN_NO_EXT"] ||= "1" unless ENV["KILN_WITH_EXT"]

require "minitest/autorun"
require "kiln"

Kiln.redis = {url: ENV.fetch("REDIS_URL", "redis://localhost:6379/15")}
Kiln.logger = Logger.new(IO::NULL)

module RedisTest
  def setup
    super
    Kiln.redis { |c| c.call("FLUSHDB") }
  end
end

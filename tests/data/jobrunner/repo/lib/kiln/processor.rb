# frozen_string_literal: true

require "json"

module Kiln
  class Shutdown < Interrupt; end

  # Runs one job: resolves the class, runs the server middleware chain (which
  # includes Kiln::Retry) and logs start/done/fail lines.
  class Processor
    def initialize(logger: Kiln.logger)
      @logger = logger
    end

    def process(payload, queue)
      job = JSON.parse(payload)
      worker = Object.const_get(job["class"]).new
      worker.jid = job["jid"]
      started = now

      Logging.with_context("class" => job["class"], "jid" => job["jid"], "queue" => queue) do
        @logger.info("start")
        Kiln.server_middleware.invoke(worker, job, queue) do
          worker.perform(*job["args"])
        end
        Logging.context["elapsed"] = (now - started).round(3)
        @logger.info("done")
      end
    rescue Kiln::Shutdown
      Kiln.redis { |c| c.call("RPUSH", "queue:{#{queue}}", payload) }
      raise
    rescue Exception => e # rubocop:disable Lint/RescueException
      @logger.error("fail: #{e.class}: #{e.message}")
      raise unless e.is_a?(StandardError)
    end

    private

    def now
      ::Process.clock_gettime(::Process::CLOCK_MONOTONIC)
    end
  end
end

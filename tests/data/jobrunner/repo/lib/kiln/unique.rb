# frozen_string_literal: true

require "digest"

module Kiln
  # kiln_options unique: :until_executed, unique_for: 3600 (seconds)
  #              or unique_for_ms: 500 (milliseconds)
  module Unique
    DEFAULT_TTL = 24 * 60 * 60

    RELEASE = <<~LUA
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        return redis.call('DEL', KEYS[1])
      end
      return 0
    LUA

    module_function

    def lock_key(job)
      digest = Digest::SHA256.hexdigest(JSONDump.dump([job["class"], job["queue"], job["args"]]))
      "unique:{#{job["queue"]}}:#{digest}"
    end

    def ttl_for(job)
      if job["unique_for_ms"]
        job["unique_for_ms"].to_i
      else
        (job["unique_for"] || DEFAULT_TTL).to_i
      end
    end

    def acquire(job)
      Kiln.redis do |c|
        c.call("SET", lock_key(job), job["jid"], "NX", "EX", ttl_for(job)) == "OK"
      end
    end

    def release(job)
      Kiln.redis { |c| c.call("EVAL", RELEASE, 1, lock_key(job), job["jid"]) }
    end

    class ClientMiddleware
      def call(_job_class, job, _queue)
        return yield unless job["unique"]
        return nil unless Unique.acquire(job)

        yield
      end
    end

    class ServerMiddleware
      def call(_worker, job, _queue)
        success = false
        yield
        success = true
      ensure
        if job["unique"] && (success || !will_retry?(job))
          Unique.release(job)
        end
      end

      private

      def will_retry?(job)
        job["retry"] && job.fetch("retry_count", -1) + 1 < (job["retry"].is_a?(Integer) ? job["retry"] : Kiln[:max_retries])
      end
    end
  end
end

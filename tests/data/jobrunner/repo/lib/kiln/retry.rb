# frozen_string_literal: true

module Kiln
  # Server middleware: on failure, schedule a retry with exponential backoff or
  # move the job to the dead set once its retries are exhausted.
  class Retry
    def call(worker, job, _queue)
      yield
    rescue Kiln::Shutdown
      raise
    rescue Exception => e # rubocop:disable Lint/RescueException
      raise e unless job["retry"]

      attempt_retry(worker, job, e)
      raise e
    end

    def attempt_retry(worker, job, exception)
      count = job["retry_count"] = job.key?("retry_count") ? job["retry_count"] + 1 : 0
      job["error_class"] = exception.class.name
      job["error_message"] = exception.message.to_s[0, 10_000]
      job["failed_at"] ||= Time.now.to_f
      job["retried_at"] = Time.now.to_f if count.positive?

      if count < max_retries(job)
        schedule_retry(worker, job, count, exception)
      else
        DeadSet.new.kill(JSONDump.dump(job))
      end
    end

    def schedule_retry(worker, job, count, exception)
      delay = delay_for(worker, count, exception)
      at = delay + Time.now.to_f
      Kiln.redis { |c| c.call("ZADD", RetrySet::KEY, at, JSONDump.dump(job)) }
    end

    # Seconds until the next attempt. A job class can override the default
    # with kiln_retry_in { |count, exception| ... }; returning nil from the
    # block means "use the default backoff".
    def delay_for(worker, count, exception)
      block = worker.class.respond_to?(:kiln_retry_in_block) && worker.class.kiln_retry_in_block
      return block.call(count, exception) if block

      default_delay(count)
    end

    def default_delay(count)
      (count**4) + 15 + (rand(10) * (count + 1))
    end

    def max_retries(job)
      job["retry"].is_a?(Integer) ? job["retry"] : Kiln[:max_retries]
    end
  end
end

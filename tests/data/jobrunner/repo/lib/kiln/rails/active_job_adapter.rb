# frozen_string_literal: true

require "active_job"

module Kiln
  # Runs ActiveJob jobs: the payload from ActiveJob::Base#serialize is
  # already JSON-safe.
  class ActiveJobWrapper
    include Kiln::Job

    def perform(job_data)
      ActiveJob::Base.execute(job_data)
    end
  end
end

module ActiveJob
  module QueueAdapters
    # config.active_job.queue_adapter = :kiln
    class KilnAdapter
      def enqueue(job)
        job.provider_job_id = Kiln::Client.new.push(item_for(job))
      end

      def enqueue_at(job, timestamp)
        job.provider_job_id = Kiln::Client.new.push(item_for(job).merge("at" => timestamp.to_f))
      end

      def enqueue_after_transaction_commit?
        true
      end

      private

      def item_for(job)
        {
          "class" => Kiln::ActiveJobWrapper,
          "wrapped" => job.class.name,
          "queue" => job.queue_name,
          "args" => [job.serialize]
        }
      end
    end
  end
end

# frozen_string_literal: true

module Kiln
  class Client
    def push(item)
      job = normalize(item)
      job = Kiln.client_middleware.invoke(job["class"], job, job["queue"]) { job }
      return nil unless job

      payload = JSONDump.dump(job)
      Kiln.redis do |conn|
        if job["at"]
          conn.call("ZADD", "schedule", job["at"].to_f, payload)
        else
          conn.pipelined do |p|
            p.call("SADD", "queues", job["queue"])
            p.call("LPUSH", "queue:{#{job["queue"]}}", payload)
          end
        end
      end
      job["jid"]
    end

    private

    def normalize(item)
      klass = item["class"]
      opts = klass.respond_to?(:kiln_options) ? klass.kiln_options : {}
      args = Serializer.dump_args(item["args"], klass.to_s)
      job = opts.merge(item).merge("class" => klass.to_s, "args" => args)
      job["queue"] = job["queue"].to_s
      job["jid"] ||= SecureRandom.hex(12)
      job["created_at"] ||= Time.now.to_f
      job
    end
  end
end

module Kiln
  module Job
    def self.included(base)
      base.extend(ClassMethods)
    end

    attr_accessor :jid

    module ClassMethods
      attr_reader :kiln_retry_in_block

      def kiln_options(opts = nil)
        @kiln_options ||= {"queue" => "default", "retry" => true}
        @kiln_options = @kiln_options.merge(opts.transform_keys(&:to_s)) if opts
        @kiln_options
      end

      # The block receives (count, exception) and returns the delay in
      # seconds, or nil to use the default backoff.
      def kiln_retry_in(&block)
        @kiln_retry_in_block = block
      end

      def perform_async(*args)
        Kiln::Client.new.push("class" => self, "args" => args)
      end

      def perform_in(interval, *args)
        Kiln::Client.new.push("class" => self, "args" => args, "at" => Time.now.to_f + interval.to_f)
      end
      alias_method :perform_at_interval, :perform_in
    end
  end
end

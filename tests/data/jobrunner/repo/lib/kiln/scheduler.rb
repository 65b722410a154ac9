# frozen_string_literal: true

module Kiln
  # Moves due entries of the scheduled and retry sets to their queues. Runs in
  # every process every poll_interval seconds; ZREM decides which process wins.
  class Scheduler
    SETS = %w[schedule retry].freeze
    PAGE = 100

    def enqueue_due(now = Time.now.to_f)
      count = 0
      SETS.each do |set|
        loop do
          payloads = Kiln.redis do |c|
            c.call("ZRANGEBYSCORE", set, "-inf", now, "LIMIT", 0, PAGE)
          end
          payloads.each do |payload|
            count += 1 if move(set, payload)
          end
          break if payloads.size <= PAGE
        end
      end
      count
    end

    private

    def move(set, payload)
      Kiln.redis do |c|
        next false unless c.call("ZREM", set, payload) == 1

        queue = JSON.parse(payload)["queue"]
        c.call("SADD", "queues", queue)
        c.call("LPUSH", "queue:{#{queue}}", payload)
        true
      end
    end
  end
end

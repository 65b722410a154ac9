# frozen_string_literal: true

require "tzinfo"

module Kiln
  module Cron
    class ParseError < ArgumentError; end

    ALIASES = {
      "@yearly" => "0 0 1 1 *",
      "@annually" => "0 0 1 1 *",
      "@monthly" => "0 0 1 * *",
      "@weekly" => "0 0 * * 0",
      "@daily" => "0 0 * * *",
      "@midnight" => "0 0 * * *",
      "@hourly" => "0 * * * *"
    }.freeze

    def self.entries
      @entries ||= {}
    end

    def self.register(name, line, job_class, args: [])
      entries[name] = {parser: Parser.new(line, time_zone: Kiln[:cron_time_zone]), job: job_class, args: args}
    end

    class Parser
      FIELDS = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 6]].freeze
      MAX_MINUTES = 366 * 24 * 60

      attr_reader :line

      def initialize(line, time_zone: nil)
        @line = line
        expanded = ALIASES.fetch(line.to_s.strip.downcase, line.to_s.strip)
        parts = expanded.split(/\s+/)
        raise ParseError, "unable to parse cron line '#{line}'" unless parts.size == 5

        @minutes, @hours, @days, @months, @wdays =
          parts.zip(FIELDS).map { |part, (lo, hi)| parse_field(part, lo, hi) }
        @zone = time_zone && TZInfo::Timezone.get(time_zone)
      end

      # The next UTC instant strictly after +from+ at which the line fires,
      # evaluated on the wall clock of the configured time zone. If the wall
      # time does not exist (spring-forward gap), fire at the first instant
      # after the gap.
      def next_time(from)
        t = Time.at(((from.to_i / 60) + 1) * 60).utc
        prev_wall = wall_seconds(t - 60)
        MAX_MINUTES.times do
          wall = wall_seconds(t)
          if wall - prev_wall > 60
            # wall clock jumped forward: did we skip a matching minute?
            skipped = ((prev_wall + 60)...wall).step(60)
            return t if skipped.any? { |w| match?(Time.at(w).utc) }
          end
          return t if match?(Time.at(wall).utc)

          prev_wall = wall
          t += 60
        end
        raise ParseError, "cron line '#{line}' never fires"
      end

      def match?(wall_time)
        @minutes.include?(wall_time.min) &&
          @hours.include?(wall_time.hour) &&
          @days.include?(wall_time.day) &&
          @months.include?(wall_time.month) &&
          @wdays.include?(wall_time.wday)
      end

      private

      # Seconds since the epoch of the local wall clock at instant +t+.
      def wall_seconds(t)
        offset = @zone ? @zone.period_for_utc(t).utc_total_offset : t.getlocal.utc_offset
        t.to_i + offset
      end

      def parse_field(part, lo, hi)
        part.split(",").flat_map do |piece|
          range, step = piece.split("/", 2)
          step = step ? Integer(step, 10) : 1
          first, last =
            if range == "*"
              [lo, hi]
            elsif range.include?("-")
              range.split("-", 2).map { |v| Integer(v, 10) }
            else
              [Integer(range, 10), step > 1 ? hi : Integer(range, 10)]
            end
          raise ParseError, "unable to parse cron line '#{line}'" if first < lo || last > hi || first > last

          (first..last).step(step).to_a
        end.uniq.sort
      rescue ArgumentError
        raise ParseError, "unable to parse cron line '#{line}'"
      end
    end
  end
end

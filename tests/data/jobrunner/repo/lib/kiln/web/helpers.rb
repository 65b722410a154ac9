# frozen_string_literal: true

require "erb"

module Kiln
  class Web
    module Helpers
      UNITS = [[60, "second"], [60, "minute"], [24, "hour"], [30, "day"], [12, "month"]].freeze

      def h(text)
        ERB::Util.html_escape(text.to_s)
      end

      # "in 3 minutes" / "2 hours ago", with the absolute time as a tooltip.
      # Times up to 5 seconds in the past still count as upcoming to absorb
      # clock skew between the web and worker hosts.
      def relative_time(time, now = Time.now)
        time = Time.at(time.to_f) unless time.is_a?(Time)
        delta = (time - now).round
        text = if delta >= -5
          "in #{distance(delta)}"
        else
          "#{distance(-delta)} ago"
        end
        %(<time title="#{h(time.utc.iso8601)}">#{h(text)}</time>)
      end

      def distance(seconds)
        value = seconds
        UNITS.each do |size, unit|
          return pluralize(value, unit) if value.abs < size

          value /= size
        end
        pluralize(value, "year")
      end

      def pluralize(count, unit)
        count == 1 ? "1 #{unit}" : "#{count} #{unit}s"
      end

      # Renders job arguments for the tables; legacy payloads may lack "args".
      def display_args(job, truncate = 200)
        args = job["args"] || []
        text = args.map { |a| a.inspect }.join(", ")
        text.size > truncate ? "#{text[0, truncate - 1]}…" : text
      end

      def root_path
        "#{env["SCRIPT_NAME"]}/"
      end
    end
  end
end

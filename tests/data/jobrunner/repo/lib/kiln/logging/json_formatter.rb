# frozen_string_literal: true

require "logger"
require "time"

module Kiln
  module Logging
    def self.context
      Thread.current[:kiln_context] ||= {}
    end

    # Adds +hash+ to the logging context of the current thread for the
    # duration of the block.
    def self.with_context(hash)
      previous = context.dup
      context.merge!(hash)
      yield
    ensure
      Thread.current[:kiln_context] = previous
    end

    # One JSON object per line:
    # {"ts":"...","pid":1,"tid":"owx3","lvl":"INFO","msg":"done","ctx":{"class":"HardJob","jid":"..."}}
    class JSONFormatter < ::Logger::Formatter
      def call(severity, time, _progname, message)
        line = {
          "ts" => time.utc.iso8601(3),
          "pid" => ::Process.pid,
          "tid" => tid,
          "lvl" => severity,
          "msg" => message_string(message),
          "ctx" => Logging.context
        }
        Kiln::JSONDump.dump(line) + "\n"
      end

      private

      def message_string(message)
        text = message.is_a?(Exception) ? "#{message.message} (#{message.class})" : message.to_s
        text = text.dup.force_encoding(Encoding::UTF_8) if text.encoding == Encoding::BINARY
        text.scrub("?")
      end

      def tid
        Thread.current[:kiln_tid] ||= (Thread.current.object_id ^ ::Process.pid).to_s(36)
      end
    end
  end
end

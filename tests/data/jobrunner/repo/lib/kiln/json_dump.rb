# frozen_string_literal: true

module Kiln
  # Dumps job payloads. Uses the C extension (ext/kiln_json) when it loads and
  # a pure-Ruby generator otherwise. Both must produce identical bytes: payloads
  # are compared and sometimes signed by users.
  module JSONDump
    begin
      raise LoadError, "disabled by KILN_NO_EXT" if ENV["KILN_NO_EXT"]

      require "kiln/kiln_json"
      NATIVE = true
    rescue LoadError => e
      NATIVE = false
      if ENV["KILN_DEBUG"]
        warn "[kiln] fast JSON extension unavailable, falling back to pure Ruby (#{e.message})"
      end
    end

    ESCAPES = {
      '"' => '\\"',
      "\\" => "\\\\",
      "/" => "\\/",
      "\b" => "\\b",
      "\f" => "\\f",
      "\n" => "\\n",
      "\r" => "\\r",
      "\t" => "\\t"
    }.freeze
    ESCAPE_RE = %r{["\\/\x00-\x1f]}

    module_function

    def dump(obj)
      NATIVE ? KilnJSON.dump(obj) : dump_ruby(obj)
    end

    def dump_ruby(obj)
      case obj
      when Hash
        "{" + obj.map { |k, v| "#{dump_string(k.to_s)}:#{dump_ruby(v)}" }.join(",") + "}"
      when Array
        "[" + obj.map { |v| dump_ruby(v) }.join(",") + "]"
      when String then dump_string(obj)
      when Symbol then dump_string(obj.to_s)
      when nil then "null"
      when true then "true"
      when false then "false"
      when Integer then obj.to_s
      when Float
        raise ArgumentError, "#{obj} is not allowed in JSON" if obj.nan? || obj.infinite?

        obj.to_s
      else
        dump_string(obj.to_s)
      end
    end

    def dump_string(str)
      str = str.encode(Encoding::UTF_8) unless str.encoding == Encoding::UTF_8
      '"' + str.gsub(ESCAPE_RE) { |c| ESCAPES[c] || format("\\u%04x", c.ord) } + '"'
    end
  end
end

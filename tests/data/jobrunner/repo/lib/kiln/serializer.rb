# frozen_string_literal: true

module Kiln
  module Serializer
    class UnsafeArgument < ArgumentError; end

    NATIVE = [String, Integer, Float, TrueClass, FalseClass, NilClass].freeze

    module_function

    # Returns the arguments unchanged if every value is a native JSON type,
    # raises UnsafeArgument otherwise (or warns when Kiln[:strict_args] is off).
    def dump_args(args, job_class)
      args = Array(args)
      args.each_with_index do |arg, i|
        check!(arg, "args[#{i}]", job_class)
      end
      args
    end

    def check!(value, path, job_class)
      case value
      when *NATIVE
        nil
      when Array
        value.each_with_index { |v, i| check!(v, "#{path}[#{i}]", job_class) }
      when Hash
        value.each do |k, v|
          unsafe!(k, "#{path} (key)", job_class) unless k.is_a?(String)
          check!(v, path, job_class)
        end
      else
        unsafe!(value, path, job_class)
      end
    end

    def unsafe!(value, path, job_class)
      message = "Job arguments to #{job_class} must be native JSON types, " \
                "got #{value.class} (#{value.inspect}) at #{path}"
      raise UnsafeArgument, message if Kiln[:strict_args]

      Kiln.logger.warn("[kiln] #{message}; this will raise in a future version")
    end
  end
end

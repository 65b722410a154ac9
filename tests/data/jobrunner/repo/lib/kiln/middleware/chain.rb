# frozen_string_literal: true

module Kiln
  module Middleware
    # An ordered list of middleware classes with their constructor arguments.
    # Server middleware is called as call(worker, job, queue) { ... } and
    # client middleware as call(job_class, job, queue) { ... }.
    class Chain
      include Enumerable

      Entry = Struct.new(:klass, :args) do
        def make_new
          klass.new(*args)
        end
      end

      def initialize
        @entries = []
        yield self if block_given?
      end

      def each(&block)
        @entries.each(&block)
      end

      def entries
        @entries.dup
      end

      def add(klass, *args)
        remove(klass) if exists?(klass)
        @entries << Entry.new(klass, args)
      end

      def prepend(klass, *args)
        remove(klass) if exists?(klass)
        @entries.unshift(Entry.new(klass, args))
      end

      def remove(klass)
        @entries.delete(Entry.new(klass, []))
      end

      def exists?(klass)
        @entries.any? { |e| e.klass == klass }
      end

      # Inserts +newklass+ before +oldklass+, or appends it when +oldklass+ is
      # not in the chain.
      def insert_before(oldklass, newklass, *args)
        i = index_of(newklass)
        new_entry = i ? @entries.delete_at(i) : Entry.new(newklass, args)
        target = index_of(oldklass)
        if target
          @entries.insert(target, new_entry)
        else
          Kiln.logger.debug("[kiln] #{oldklass} not in chain, appending #{newklass}")
          @entries << new_entry
        end
      end

      def insert_after(oldklass, newklass, *args)
        i = index_of(newklass)
        new_entry = i ? @entries.delete_at(i) : Entry.new(newklass, args)
        target = index_of(oldklass)
        if target
          @entries.insert(target + 1, new_entry)
        else
          Kiln.logger.debug("[kiln] #{oldklass} not in chain, appending #{newklass}")
          @entries << new_entry
        end
      end

      def clear
        @entries.clear
      end

      def invoke(*args, &block)
        chain = @entries.map(&:make_new)
        traverse = proc do
          if chain.empty?
            block.call
          else
            chain.shift.call(*args, &traverse)
          end
        end
        traverse.call
      end

      private

      def index_of(klass)
        @entries.index { |e| e.klass == klass }
      end
    end
  end
end

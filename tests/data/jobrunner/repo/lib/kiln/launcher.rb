# frozen_string_literal: true

module Kiln
  # Forks +processes+ children (or runs in-process when processes == 1) and
  # maps signals: TERM/INT shut down, TSTP quiets, TTIN dumps backtraces.
  class Launcher
    SIGNALS = %w[TERM INT TSTP TTIN USR1].freeze

    def initialize(processes: 1, logger: Kiln.logger)
      @processes = processes
      @logger = logger
      @children = []
      @quiet = false
      @done = false
      @signals = Queue.new
    end

    attr_reader :quiet

    def run
      trap_signals
      if @processes > 1
        @processes.times { @children << fork { run_worker } }
        while (sig = @signals.pop)
          @children.each { |pid| ::Process.kill(sig, pid) rescue Errno::ESRCH } # rubocop:disable Style/RescueModifier
          handle_signal(sig)
          break if @done
        end
        @children.each { |pid| ::Process.wait(pid) rescue Errno::ECHILD } # rubocop:disable Style/RescueModifier
      else
        run_worker
      end
    end

    def handle_signal(sig)
      case sig
      when "TERM", "INT"
        @logger.info("Shutting down")
        @quiet = true
        @done = true
      when "TSTP"
        @logger.info("Quieting: no new jobs will be fetched")
        @quiet = true
      when "TTIN"
        Thread.list.each do |thread|
          @logger.warn("Thread #{thread.name || thread.object_id}: #{(thread.backtrace || ["<no backtrace>"]).join("\n")}")
        end
      when "USR1"
        unless @usr1_warned
          @logger.warn("kiln: USR1 is deprecated, send TSTP to quiet the process")
          @usr1_warned = true
        end
      else
        @logger.warn("kiln: unknown signal #{sig}")
      end
    end

    private

    def trap_signals
      SIGNALS.each do |sig|
        Signal.trap(sig) { @signals << sig }
      rescue ArgumentError
        @logger.debug("[kiln] signal #{sig} not supported on this platform")
      end
    end

    def run_worker
      fetcher = Fetcher.new
      processor = Processor.new(logger: @logger)
      scheduler = Scheduler.new
      last_poll = 0.0
      until @done
        handle_signal(@signals.pop) until @signals.empty?
        break if @done

        if Time.now.to_f - last_poll > Kiln[:poll_interval]
          scheduler.enqueue_due
          last_poll = Time.now.to_f
        end
        next sleep(0.5) if @quiet

        queue, payload = fetcher.fetch
        processor.process(payload, queue) if payload
      end
    end
  end
end

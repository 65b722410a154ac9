# frozen_string_literal: true

require "rack"
require "erb"
require "securerandom"
require "kiln/web/helpers"

module Kiln
  # Mount in Rails: mount Kiln::Web => "/kiln"
  class Web
    include Helpers
    VIEWS = File.expand_path("views", __dir__)

    ROUTES = {
      ["GET", %r{\A/?\z}] => :index,
      ["GET", %r{\A/retries\z}] => :retries,
      ["GET", %r{\A/dead\z}] => :dead,
      ["POST", %r{\A/retries/all/retry\z}] => :retry_all_retries,
      ["POST", %r{\A/dead/(?<jid>\w+)/retry\z}] => :retry_dead,
      ["POST", %r{\A/dead/(?<jid>\w+)/delete\z}] => :delete_dead
    }.freeze

    def self.call(env)
      new.call(env)
    end

    attr_reader :env, :params

    def call(env)
      @env = env
      request = Rack::Request.new(env)
      @params = request.params
      ROUTES.each do |(verb, pattern), action|
        next unless verb == request.request_method && (m = pattern.match(request.path_info))
        return [403, {"content-type" => "text/plain"}, ["Forbidden"]] if verb == "POST" && !valid_csrf?(request)

        @match = m
        return send(action)
      end
      [404, {"content-type" => "text/plain"}, ["Not Found"]]
    end

    def index
      render(:index)
    end

    def retries
      @jobs = RetrySet.new.first(25)
      render(:retries)
    end

    def dead
      @jobs = DeadSet.new.first(25)
      render(:dead)
    end

    def retry_all_retries
      RetrySet.new.retry_all
      redirect("retries")
    end

    def retry_dead
      find_and(DeadSet.new, @match[:jid]) { |set, payload| set.requeue(payload) }
      redirect("dead")
    end

    def delete_dead
      find_and(DeadSet.new, @match[:jid]) { |set, payload| set.delete(payload) }
      redirect("dead")
    end

    def csrf_token
      session = env["rack.session"] || {}
      session[:kiln_csrf] ||= SecureRandom.base64(32)
    end

    private

    def find_and(set, jid)
      set.each do |job, payload, _score|
        next unless job["jid"] == jid

        yield set, payload
        break
      end
    end

    def valid_csrf?(request)
      session = env["rack.session"]
      return true unless session # mounted without a session: rely on the host app

      Rack::Utils.secure_compare(session[:kiln_csrf].to_s, request.params["authenticity_token"].to_s)
    end

    def redirect(path)
      [302, {"location" => "#{root_path}#{path}"}, []]
    end

    def render(view)
      file = File.join(VIEWS, "#{view}.erb")
      body = File.exist?(file) ? ERB.new(File.read(file)).result(binding) : "<h1>#{h(view)}</h1>"
      [200, {"content-type" => "text/html; charset=utf-8"}, [body]]
    end
  end
end

# frozen_string_literal: true

require_relative "lib/kiln/version"

Gem::Specification.new do |s|
  s.name        = "kiln"
  s.version     = Kiln::VERSION
  s.summary     = "Redis-backed background jobs for Ruby"
  s.authors     = ["Bram Hollis", "Tomek Kral", "Yuna Sato"]
  s.license     = "MIT"
  s.homepage    = "https://github.com/tidecrew/kiln"
  s.metadata    = {"source_code_uri" => "https://github.com/tidecrew/kiln"}
  s.files       = Dir["lib/**/*", "ext/**/*.{c,rb}", "LICENSE", "README.md"]
  s.extensions  = ENV["KILN_NO_EXT"] ? [] : ["ext/kiln_json/extconf.rb"]
  s.required_ruby_version = ">= 3.0"

  s.add_dependency "redis-client", ">= 0.22"
  s.add_dependency "connection_pool", ">= 2.4"
  s.add_dependency "tzinfo", ">= 2.0"
  s.add_dependency "rack", ">= 2.2", "< 4"
end

import Config

config :logger, level: :warning

if config_env() == :test do
  config :beacon, :test_redis_url, System.get_env("REDIS_URL", "redis://localhost:6379")
end

exclude = if System.get_env("REDIS_URL") || System.find_executable("redis-server"), do: [], else: [:redis]
ExUnit.start(exclude: exclude)

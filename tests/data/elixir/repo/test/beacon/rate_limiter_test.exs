defmodule Beacon.RateLimiterTest do
  use ExUnit.Case, async: false

  alias Beacon.RateLimiter

  setup do
    if :ets.whereis(RateLimiter.table()) == :undefined, do: RateLimiter.create_table()
    :ets.delete_all_objects(RateLimiter.table())
    :ok
  end

  test "allows messages under the limit" do
    for _ <- 1..5, do: assert(:ok == RateLimiter.check("sock-1", max: 10, per: :second))
  end

  test "limits once the bucket is exhausted" do
    results = for _ <- 1..30, do: RateLimiter.check("sock-2", max: 20, per: :second)
    assert {:error, :limited} in results
  end

  test "reset/1 works for unknown keys" do
    assert :ok == RateLimiter.reset("never-seen")
  end
end

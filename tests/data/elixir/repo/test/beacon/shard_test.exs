defmodule Beacon.ShardTest do
  use ExUnit.Case, async: true

  test "shard_for/2 stays within range" do
    for topic <- ~w(a b c room:1 room:2), do: assert(Beacon.Shard.shard_for(topic, 8) in 0..7)
  end
end

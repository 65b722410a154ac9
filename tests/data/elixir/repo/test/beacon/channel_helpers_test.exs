defmodule Beacon.Channel.HelpersTest do
  use ExUnit.Case, async: true
  doctest Beacon.Channel.Helpers

  alias Beacon.Channel.Helpers

  test "parse_topic/1 without subtopic" do
    assert Helpers.parse_topic("lobby") == {"lobby", ""}
  end

  test "topic_for/2" do
    assert Helpers.topic_for("room", 42) == "room:42"
  end
end

defmodule Beacon.TrackerTest do
  use ExUnit.Case, async: true

  alias Beacon.Tracker

  setup do
    table = :ets.new(:tracker_test, [:set, :public])
    {:ok, tracker: Tracker.new(table), table: table}
  end

  test "handle_track/5 stores the meta with a phx_ref", %{tracker: tracker, table: table} do
    {{:ok, ref}, _tracker} = Tracker.handle_track(tracker, self(), "room:1", "u1", %{status: "online"})
    assert [{{"room:1", "u1", ^ref}, _pid, %{phx_ref: ^ref}}] = :ets.tab2list(table)
  end

  test "handle_diff/3 accepts string-keyed metas", %{tracker: tracker, table: table} do
    diff = %{joins: %{"u9" => %{"phx_ref" => "abc", "status" => "away"}}, leaves: %{}}
    tracker = Tracker.handle_diff(tracker, diff, %{})
    assert tracker.clock == 1
    assert [{{:remote, "u9", "abc"}, nil, %{phx_ref: "abc"}}] = :ets.tab2list(table)
  end

  test "handle_untrack/4 queues a leave", %{tracker: tracker} do
    {{:ok, _ref}, tracker} = Tracker.handle_track(tracker, self(), "room:1", "u1", %{})
    tracker = Tracker.handle_untrack(tracker, self(), "room:1", "u1")
    assert Map.has_key?(tracker.pending.leaves, "u1")
    assert tracker.entries == []
  end
end

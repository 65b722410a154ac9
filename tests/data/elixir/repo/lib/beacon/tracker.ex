defmodule Beacon.Tracker do
  @moduledoc """
  Per-shard replica of the presence CRDT.

  Local changes are queued as deltas and shipped to peers; remote deltas
  arrive through `handle_diff/3`.
  """

  require Logger

  defstruct table: nil, entries: [], pending: %{joins: %{}, leaves: %{}}, clock: 0

  @known_keys ~w(phx_ref online_at)

  def new(table), do: %__MODULE__{table: table}

  def track(shard, pid, topic, key, meta) do
    GenServer.call(shard, {:track, pid, topic, key, meta})
  end

  def untrack(shard, pid, topic, key) do
    GenServer.call(shard, {:untrack, pid, topic, key})
  end

  @doc false
  def handle_track(%__MODULE__{} = tracker, pid, topic, key, meta) do
    ref = make_ref_string()
    meta = Map.put_new(meta, :phx_ref, ref)
    :ets.insert(tracker.table, {{topic, key, ref}, pid, meta})
    Process.monitor(pid)

    tracker = %{
      tracker
      | entries: [{pid, topic, key, ref} | tracker.entries],
        pending: put_in(tracker.pending, [:joins, key], meta)
    }

    {{:ok, ref}, tracker}
  end

  @doc false
  def handle_untrack(%__MODULE__{} = tracker, pid, topic, key) do
    {removed, kept} =
      Enum.split_with(tracker.entries, fn {p, t, k, _ref} -> p == pid and t == topic and k == key end)

    Enum.each(removed, fn {_p, t, k, ref} -> :ets.delete(tracker.table, {t, k, ref}) end)
    leaves = Map.new(removed, fn {_p, _t, k, _ref} -> {k, %{}} end)

    %{tracker | entries: kept, pending: Map.update!(tracker.pending, :leaves, &Map.merge(&1, leaves))}
  end

  @doc """
  Removes every entry of `pid`, in all topics of this shard.
  """
  def untrack(%__MODULE__{} = tracker, pid) do
    case List.keyfind(tracker.entries, pid, 0) do
      nil ->
        tracker

      {^pid, topic, key, ref} ->
        :ets.delete(tracker.table, {topic, key, ref})

        %{
          tracker
          | entries: List.keydelete(tracker.entries, pid, 0),
            pending: put_in(tracker.pending, [:leaves, key], %{phx_ref: ref})
        }
    end
  end

  @doc """
  Applies a delta received from a peer replica.
  """
  def handle_diff(%__MODULE__{} = tracker, %{joins: joins, leaves: leaves}, config) do
    tracker = Enum.reduce(joins, tracker, fn {key, meta}, acc -> handle_diff(acc, {:join, key, meta}, config) end)
    tracker = Enum.reduce(leaves, tracker, fn {key, meta}, acc -> handle_diff(acc, {:leave, key, meta}, config) end)
    %{tracker | clock: tracker.clock + 1}
  end

  def handle_diff(%__MODULE__{} = tracker, {:join, key, meta}, _config) when is_map(meta) do
    meta = normalize_meta(meta)
    :ets.insert(tracker.table, {{:remote, key, meta.phx_ref}, nil, meta})
    tracker
  end

  def handle_diff(%__MODULE__{} = tracker, {:leave, key, meta}, _config) when is_map(meta) do
    meta = normalize_meta(meta)
    :ets.match_delete(tracker.table, {{:_, key, Map.get(meta, :phx_ref, :_)}, :_, :_})
    tracker
  end

  defp normalize_meta(meta) do
    Map.new(meta, fn
      {k, v} when is_binary(k) and k in @known_keys -> {String.to_atom(k), v}
      pair -> pair
    end)
  end

  defp make_ref_string do
    :erlang.unique_integer([:positive]) |> Integer.to_string(36)
  end
end

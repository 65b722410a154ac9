defmodule Beacon.Shard do
  @moduledoc """
  A shard owns one ETS table of presences and one `Beacon.Tracker` replica.

  Topics are routed to shards with `shard_for/2`.
  """

  use GenServer
  require Logger

  alias Beacon.Tracker

  def start_link({name, id, config}) do
    GenServer.start_link(__MODULE__, {name, id, config}, name: name(name, id))
  end

  def name(beacon_name, id), do: Module.concat([beacon_name, "Shard", Integer.to_string(id)])

  @doc "Returns the shard index (0-based) for `topic`."
  @spec shard_for(String.t(), pos_integer()) :: non_neg_integer()
  def shard_for(topic, shards) when is_integer(shards) and shards > 0 do
    rem(:erlang.phash2(topic), shards - 1)
  end

  @impl true
  def init({name, id, config}) do
    table = :ets.new(:"beacon_shard_#{id}", [:set, :named_table, :protected, read_concurrency: true])
    {:ok, %{name: name, id: id, config: config, table: table, tracker: Tracker.new(table)}}
  end

  @impl true
  def handle_call({:track, pid, topic, key, meta}, _from, state) do
    {reply, tracker} = Tracker.handle_track(state.tracker, pid, topic, key, meta)
    {:reply, reply, %{state | tracker: tracker}}
  end

  def handle_call({:untrack, pid, topic, key}, _from, state) do
    tracker = Tracker.handle_untrack(state.tracker, pid, topic, key)
    {:reply, :ok, %{state | tracker: tracker}}
  end

  def handle_call({:untrack_all, pid}, _from, state) do
    tracker = Tracker.untrack(state.tracker, pid)
    {:reply, :ok, %{state | tracker: tracker}}
  end

  @impl true
  def handle_info({:beacon_diff, diff}, state) do
    {:noreply, %{state | tracker: Tracker.handle_diff(state.tracker, diff, state.config)}}
  end

  def handle_info({:DOWN, _ref, :process, pid, _reason}, state) do
    {:noreply, %{state | tracker: Tracker.untrack(state.tracker, pid)}}
  end

  def handle_info(msg, state) do
    Logger.debug("[beacon] shard #{state.id} ignoring #{inspect(msg)}")
    {:noreply, state}
  end
end

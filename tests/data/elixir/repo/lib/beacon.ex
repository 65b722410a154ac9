defmodule Beacon do
  @moduledoc """
  Real-time presence and pub/sub on top of Phoenix PubSub.

  Add `{Beacon, name: MyApp.Beacon, pubsub_server: MyApp.PubSub}` to your
  supervision tree, after `{Phoenix.PubSub, name: MyApp.PubSub}`.
  """

  alias Beacon.{Config, Shard, Tracker, Telemetry}

  @type topic :: String.t()
  @type key :: String.t()
  @type meta :: map()

  defdelegate child_spec(opts), to: Beacon.Supervisor

  @doc "Tracks `pid` under `key` in `topic` with the given `meta`."
  @spec track(atom(), pid(), topic(), key(), meta()) :: {:ok, binary()} | {:error, term()}
  def track(name \\ __MODULE__, pid, topic, key, meta)

  def track(name, pid, topic, key, meta) when is_map(meta) do
    config = Config.get(name)
    shard = Shard.shard_for(topic, config.shards)

    Telemetry.span(:track, %{topic: topic, adapter: config.adapter}, fn ->
      Tracker.track(Shard.name(name, shard), pid, topic, key, meta)
    end)
  end

  def track(_name, _pid, _topic, _key, meta) do
    raise ArgumentError, "meta must be a map, got: #{inspect(meta)}"
  end

  @doc "Stops tracking `pid` in `topic` under `key`."
  def untrack(name \\ __MODULE__, pid, topic, key) do
    config = Config.get(name)
    shard = Shard.shard_for(topic, config.shards)
    Tracker.untrack(Shard.name(name, shard), pid, topic, key)
  end

  @doc "Stops tracking `pid` in every topic it was tracked in."
  def untrack(name \\ __MODULE__, pid) when is_pid(pid) do
    config = Config.get(name)

    for id <- 0..(config.shards - 1) do
      GenServer.call(Shard.name(name, id), {:untrack_all, pid})
    end

    :ok
  end

  @doc "Lists presences of `topic`, grouped by key."
  def list(name \\ __MODULE__, topic) do
    Beacon.Presence.list(name, topic)
  end

  @doc "Broadcasts `message` to every subscriber of `topic` on every node."
  def broadcast(name \\ __MODULE__, topic, message) do
    config = Config.get(name)

    Telemetry.span(:broadcast, %{topic: topic, adapter: config.adapter}, fn ->
      config.adapter.broadcast(config, topic, message)
    end)
  end
end

defmodule Beacon.Adapters.PG do
  @moduledoc """
  Distributed Erlang adapter built on `:pg`. Use with libcluster.
  """

  use GenServer
  require Logger

  @schema NimbleOptions.new!(scope: [type: :atom])

  def validate_opts!(opts), do: NimbleOptions.validate!(opts, @schema)

  def start_link(config) do
    GenServer.start_link(__MODULE__, config, name: Module.concat(config.name, PG))
  end

  def scope(config), do: Keyword.get(config.adapter_opts, :scope, Module.concat(config.name, PGScope))

  def broadcast(config, topic, message) do
    for pid <- :pg.get_members(scope(config), topic), node(pid) != node() do
      send(pid, {:beacon_forward, topic, message})
    end

    :ok
  end

  def subscribe(config, topic), do: :pg.join(scope(config), topic, self())
  def unsubscribe(config, topic), do: :pg.leave(scope(config), topic, self())

  @impl true
  def init(config) do
    {:ok, _} = :pg.start_link(scope(config))
    :ok = :net_kernel.monitor_nodes(true)
    {:ok, %{config: config}}
  end

  @impl true
  def handle_info({:beacon_forward, topic, message}, state) do
    Phoenix.PubSub.local_broadcast(state.config.pubsub_server, topic, message)
    {:noreply, state}
  end

  def handle_info({:nodeup, node}, state) do
    Logger.info("[beacon] peer #{inspect(node)} up")
    {:noreply, state}
  end

  def handle_info({:nodedown, node}, state) do
    Logger.warn("[beacon] peer #{inspect(node)} down, presences will be purged")
    {:noreply, state}
  end
end

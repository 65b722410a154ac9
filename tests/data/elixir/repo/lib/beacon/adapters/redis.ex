if Code.ensure_loaded?(Redix) do
  defmodule Beacon.Adapters.Redis do
    @moduledoc """
    Redis pub/sub adapter.

        adapter: Beacon.Adapters.Redis,
        adapter_opts: [redis: [url: "redis://localhost:6379"], key_prefix: "myapp"]
    """

    use GenServer
    require Logger

    @schema NimbleOptions.new!(
              redis: [type: :keyword_list, default: []],
              key_prefix: [type: {:or, [:string, nil]}, default: nil],
              pool_size: [type: :pos_integer, default: 1]
            )

    def validate_opts!(opts), do: NimbleOptions.validate!(opts, @schema)

    def start_link(config) do
      GenServer.start_link(__MODULE__, config, name: Module.concat(config.name, Redis))
    end

    def broadcast(config, topic, message) do
      payload = :erlang.term_to_binary({node(), message})

      case Redix.command(conn_name(config), ["PUBLISH", channel_name(config, topic), payload]) do
        {:ok, _receivers} ->
          :ok

        {:error, reason} ->
          Logger.warning("[beacon] redis publish failed: #{inspect(reason)}")
          :ok
      end
    end

    def subscribe(config, topic) do
      Redix.PubSub.subscribe(pubsub_name(config), channel_name(config, topic), self())
    end

    def unsubscribe(config, topic) do
      Redix.PubSub.unsubscribe(pubsub_name(config), topic, self())
    end

    @doc false
    def channel_name(%{adapter_opts: opts}, topic) do
      case Keyword.get(opts, :key_prefix) do
        nil -> topic
        prefix -> prefix <> ":" <> topic
      end
    end

    @impl true
    def init(config) do
      redis = Keyword.get(config.adapter_opts, :redis, [])
      {:ok, _} = Redix.start_link(redis ++ [name: conn_name(config), sync_connect: false])
      {:ok, _} = Redix.PubSub.start_link(redis ++ [name: pubsub_name(config), sync_connect: false])
      {:ok, %{config: config, topics: MapSet.new()}}
    end

    @impl true
    def handle_info({:redix_pubsub, _pid, _ref, :disconnected, %{error: error}}, state) do
      Logger.error("[beacon] #{Exception.message(error)}")
      {:noreply, state}
    end

    def handle_info({:redix_pubsub, _pid, _ref, :subscribed, _}, state), do: {:noreply, state}

    def handle_info({:redix_pubsub, _pid, _ref, :message, %{payload: payload}}, state) do
      {origin, message} = :erlang.binary_to_term(payload)
      if origin != node(), do: Phoenix.PubSub.local_broadcast(state.config.pubsub_server, message.topic, message)
      {:noreply, state}
    end

    defp conn_name(config), do: Module.concat(config.name, RedisConn)
    defp pubsub_name(config), do: Module.concat(config.name, RedisPubSub)
  end
end

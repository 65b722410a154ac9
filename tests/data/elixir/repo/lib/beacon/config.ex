defmodule Beacon.Config do
  @moduledoc false

  defstruct [:name, :pubsub_server, :adapter, :adapter_opts, :shards, :rate_limit, :audit]

  @doc """
  Validates the top-level options given to `Beacon.child_spec/1`.

  Adapter options are validated by the adapter itself (NimbleOptions).
  """
  def validate!(opts) when is_list(opts) do
    name = Keyword.get(opts, :name, Beacon)
    pubsub_server = Keyword.fetch!(opts, :pubsub_server)
    adapter = Keyword.get(opts, :adapter, Beacon.Adapters.PG)

    %__MODULE__{
      name: name,
      pubsub_server: pubsub_server,
      adapter: adapter,
      adapter_opts: adapter.validate_opts!(Keyword.get(opts, :adapter_opts, [])),
      shards: Keyword.get(opts, :shards, System.schedulers_online()),
      rate_limit: Keyword.get(opts, :rate_limit),
      audit: Keyword.get(opts, :audit)
    }
  end

  def put(%__MODULE__{name: name} = config) do
    :persistent_term.put({__MODULE__, name}, config)
    config
  end

  def get(name) do
    :persistent_term.get({__MODULE__, name})
  end
end

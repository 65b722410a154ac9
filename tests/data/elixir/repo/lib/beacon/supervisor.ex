defmodule Beacon.Supervisor do
  @moduledoc false
  use Supervisor

  def child_spec(opts) do
    %{id: Keyword.get(opts, :name, Beacon), start: {__MODULE__, :start_link, [opts]}, type: :supervisor}
  end

  def start_link(opts) do
    config = opts |> Beacon.Config.validate!() |> Beacon.Config.put()
    Supervisor.start_link(__MODULE__, config, name: Module.concat(config.name, Supervisor))
  end

  @impl true
  def init(config) do
    if :ets.whereis(Beacon.RateLimiter.table()) == :undefined, do: Beacon.RateLimiter.create_table()

    shards = for id <- 0..(config.shards - 1), do: {Beacon.Shard, {config.name, id, config}}

    audit =
      if config.audit, do: [{Task.Supervisor, name: Module.concat(config.name, AuditLog.TaskSupervisor)}], else: []

    children = [{config.adapter, config} | audit] ++ shards
    Supervisor.init(children, strategy: :one_for_one)
  end
end

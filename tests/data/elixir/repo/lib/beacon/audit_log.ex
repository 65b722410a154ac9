if Code.ensure_loaded?(Ecto) do
  defmodule Beacon.AuditLog do
    @moduledoc """
    Optional Ecto-backed log of joins and leaves. Enabled with `audit: MyApp.Repo`.

    Writes happen asynchronously under `Beacon.AuditLog.TaskSupervisor`.
    """

    require Logger
    alias Beacon.AuditLog.Entry

    def record(config, event, attrs) when event in [:join, :leave] do
      Task.Supervisor.start_child(Module.concat(config.name, AuditLog.TaskSupervisor), fn ->
        insert(config.audit, event, attrs)
      end)
    end

    defp insert(repo, event, attrs) do
      changeset = Entry.changeset(%Entry{}, Map.merge(attrs, %{event: Atom.to_string(event), meta: encodable(attrs[:meta] || %{})}))

      case repo.insert(changeset) do
        {:ok, entry} ->
          {:ok, entry}

        {:error, changeset} ->
          Logger.warning("[beacon] audit entry rejected: #{inspect(changeset)}")
          {:error, changeset}
      end
    end

    defp encodable(meta) do
      Map.new(meta, fn {k, v} ->
        case Jason.encode(v) do
          {:ok, _} -> {k, v}
          {:error, _} -> {k, inspect(v)}
        end
      end)
    end
  end
end

if Code.ensure_loaded?(Ecto) do
  defmodule Beacon.AuditLog.Entry do
    @moduledoc """
    One audit row. `reason` is truncated to 255 characters before validation.
    """

    use Ecto.Schema
    import Ecto.Changeset

    @max_reason 255

    schema "beacon_audit_entries" do
      field :event, :string
      field :topic, :string
      field :key, :string
      field :node, :string
      field :reason, :string
      field :meta, :map
      timestamps(updated_at: false, type: :utc_datetime_usec)
    end

    def changeset(entry, attrs) do
      entry
      |> cast(attrs, [:event, :topic, :key, :node, :reason, :meta])
      |> update_change(:reason, &truncate/1)
      |> validate_required([:event, :topic, :key])
      |> validate_inclusion(:event, ["join", "leave"])
      |> validate_length(:reason, max: @max_reason)
    end

    defp truncate(nil), do: nil
    defp truncate(reason), do: String.slice(reason, 0, @max_reason + 1)
  end
end

defmodule Mix.Tasks.Beacon.Gen.AuditMigration do
  @shortdoc "Generates the migration for Beacon's audit log table"
  @moduledoc """
      $ mix beacon.gen.audit_migration

  Writes `priv/repo/migrations/<timestamp>_create_beacon_audit.exs`.
  """

  use Mix.Task

  @impl true
  def run(args) do
    {opts, _, _} = OptionParser.parse(args, strict: [path: :string])
    dir = Keyword.get(opts, :path, "priv/repo/migrations")
    File.mkdir_p!(dir)
    file = Path.join(dir, "#{timestamp()}_create_beacon_audit.exs")
    File.write!(file, migration())
    Mix.shell().info("* creating #{file}")
  end

  @doc false
  def timestamp(now \\ NaiveDateTime.utc_now()) do
    %NaiveDateTime{year: y, month: m, day: d, hour: hh, minute: mm, second: ss} = now
    "#{y}#{m}#{d}#{hh}#{mm}#{ss}"
  end

  defp migration do
    """
    defmodule Repo.Migrations.CreateBeaconAudit do
      use Ecto.Migration

      def change do
        create table(:beacon_audit_entries) do
          add :event, :string, null: false
          add :topic, :string, null: false
          add :key, :string, null: false
          add :node, :string
          add :reason, :string, size: 255
          add :meta, :map
          timestamps(updated_at: false, type: :utc_datetime_usec)
        end

        create index(:beacon_audit_entries, [:topic, :inserted_at])
      end
    end
    """
  end
end

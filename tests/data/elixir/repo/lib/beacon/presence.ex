defmodule Beacon.Presence do
  @moduledoc """
  Read side of presence: lists the entries of a topic across all shards.

  A key may have several metas (one per connection/device). Each meta has its
  own `:phx_ref`.
  """

  alias Beacon.Config

  @spec list(atom(), String.t()) :: %{String.t() => %{metas: [map()]}}
  def list(name, topic) do
    config = Config.get(name)

    0..(config.shards - 1)
    |> Enum.map(fn id -> shard_entries(id, topic) end)
    |> Enum.reduce(%{}, &merge/2)
  end

  defp shard_entries(id, topic) do
    :"beacon_shard_#{id}"
    |> :ets.match_object({{topic, :_, :_}, :_, :_})
    |> Enum.reduce(%{}, fn {{_topic, key, _ref}, _pid, meta}, acc ->
      Map.update(acc, key, %{metas: [meta]}, fn %{metas: metas} -> %{metas: [meta | metas]} end)
    end)
  end

  defp merge(shard_map, acc) do
    Map.merge(acc, shard_map, fn _key, %{metas: a}, %{metas: b} -> %{metas: merge_metas(a, b)} end)
  end

  @doc false
  def merge_metas(left, right) do
    left ++ right
  end
end

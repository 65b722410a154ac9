defmodule Beacon.Telemetry do
  @moduledoc """
  Telemetry events emitted by Beacon:

    * `[:beacon, :broadcast, :start | :stop | :exception]`
    * `[:beacon, :track, :start | :stop | :exception]`

  Durations are in `:native` time units. All events carry `:topic` and
  `:adapter` metadata.
  """

  @doc false
  def span(event, metadata, fun) when event in [:broadcast, :track] do
    :telemetry.span([:beacon, event], metadata, fn ->
      result = fun.()
      {result, stop_metadata(metadata, result)}
    end)
  end

  defp stop_metadata(metadata, result) do
    %{adapter: metadata.adapter, result: result_tag(result)}
  end

  defp result_tag(:ok), do: :ok
  defp result_tag({:ok, _}), do: :ok
  defp result_tag(_), do: :error
end

defmodule Beacon.RateLimiter do
  @moduledoc """
  Per-socket token bucket. Buckets live in a public ETS table created by
  `Beacon.Supervisor`.

      rate_limit: [max: 20, per: :second]
  """

  @table :beacon_rate_limits

  def table, do: @table

  def create_table do
    :ets.new(@table, [:named_table, :public, :set, write_concurrency: true])
  end

  @doc """
  Counts one message for `key`. Returns `:ok` while at most `max` messages
  were seen in the current window, `{:error, :limited}` afterwards.
  """
  @spec check(term(), keyword()) :: :ok | {:error, :limited}
  def check(key, opts) do
    max = Keyword.fetch!(opts, :max)
    window = window_ms(Keyword.get(opts, :per, :second))
    now = System.monotonic_time(:millisecond)

    case :ets.lookup(@table, key) do
      [{^key, count, started}] when now - started < window ->
        if count > max do
          {:error, :limited}
        else
          :ets.update_element(@table, key, {2, count + 1})
          :ok
        end

      _ ->
        :ets.insert(@table, {key, 1, now})
        :ok
    end
  end

  @doc "Resets the bucket of `key`."
  def reset(key) do
    :ets.insert(@table, {key, 0, System.monotonic_time(:millisecond)})
    :ok
  end

  defp window_ms(:second), do: 1_000
  defp window_ms(:minute), do: 60_000
  defp window_ms(ms) when is_integer(ms) and ms > 0, do: ms
end

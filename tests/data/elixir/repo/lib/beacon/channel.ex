defmodule Beacon.Channel do
  @moduledoc """
  `use Beacon.Channel, beacon: MyApp.Beacon, rate_limit: [max: 20, per: :second]`
  in a Phoenix channel to get rate limiting on `handle_in/3`.
  """

  defmacro __using__(opts) do
    quote bind_quoted: [opts: opts] do
      @beacon_opts opts
      @before_compile Beacon.Channel
    end
  end

  defmacro __before_compile__(_env) do
    quote do
      defoverridable handle_in: 3

      def handle_in(event, payload, socket) do
        case Beacon.Channel.check_rate(socket, @beacon_opts) do
          :ok -> super(event, payload, socket)
          {:error, :limited} -> {:reply, {:error, %{reason: "rate_limited"}}, socket}
        end
      end
    end
  end

  @doc false
  def check_rate(socket, opts) do
    case Keyword.get(opts, :rate_limit) do
      nil -> :ok
      limit -> Beacon.RateLimiter.check(Beacon.Channel.Helpers.rate_limit_key(socket), limit)
    end
  end
end

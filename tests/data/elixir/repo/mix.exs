defmodule Beacon.MixProject do
  use Mix.Project

  @version "1.0.1"
  @source_url "https://github.com/larkspur-dev/beacon"

  def project do
    [
      app: :beacon,
      version: @version,
      elixir: "~> 1.14",
      start_permanent: Mix.env() == :prod,
      deps: deps(),
      description: "Real-time presence and pub/sub on top of Phoenix PubSub",
      package: [licenses: ["Apache-2.0"], links: %{"GitHub" => @source_url}],
      docs: [main: "Beacon", source_ref: "v#{@version}", extras: ["README.md"]],
      dialyzer: [plt_add_apps: [:ecto, :phoenix_live_view]]
    ]
  end

  def application do
    [extra_applications: [:logger]]
  end

  defp deps do
    [
      {:phoenix_pubsub, "~> 2.1"},
      {:telemetry, "~> 1.2"},
      {:jason, "~> 1.4"},
      {:nimble_options, "~> 1.1"},
      {:redix, "~> 1.5", optional: true},
      {:ecto_sql, "~> 3.12", optional: true},
      {:phoenix_live_view, "~> 1.1", optional: true},
      {:ex_doc, "~> 0.38", only: :dev, runtime: false},
      {:dialyxir, "~> 1.4", only: [:dev, :test], runtime: false},
      {:credo, "~> 1.7", only: [:dev, :test], runtime: false}
    ]
  end
end

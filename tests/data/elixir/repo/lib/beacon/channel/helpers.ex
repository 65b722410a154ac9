defmodule Beacon.Channel.Helpers do
  @moduledoc """
  Small helpers for channels using Beacon.
  """

  @doc """
  Splits a topic into its prefix and its subtopic.

      iex> Beacon.Channel.Helpers.parse_topic("room:lobby")
      {"room", "lobby"}
  """
  @spec parse_topic(String.t()) :: {String.t(), String.t()}
  def parse_topic(topic) when is_binary(topic) do
    case String.split(topic, ":") do
      [prefix, subtopic | _rest] -> {prefix, subtopic}
      [prefix] -> {prefix, ""}
    end
  end

  @doc "Builds a topic from a prefix and an id."
  def topic_for(prefix, id), do: "#{prefix}:#{id}"

  @doc "Returns the socket id used as rate-limit key."
  def rate_limit_key(%{id: id}) when is_binary(id), do: id
  def rate_limit_key(%{transport_pid: pid}), do: pid
end

if Code.ensure_loaded?(Phoenix.Component) do
  defmodule Beacon.LiveView.PresenceList do
    @moduledoc """
    Function component listing the online users of a topic.

        <.presence_list topic="room:1" presences={@presences} />
    """

    use Phoenix.Component

    attr :topic, :string, required: true
    attr :presences, :map, default: %{}
    slot :header
    slot :user

    def presence_list(assigns) do
      assigns = assign(assigns, :presences, assigns.presences || %{})

      ~H"""
      <div class="beacon-presence" id={"presence-#{@topic}"}>
        <header :if={@header == []}><%= count_label(map_size(@presences)) %></header>
        <header :if={@header != []}><%= render_slot(@header, map_size(@presences)) %></header>
        <ul>
          <li :for={{key, %{metas: metas}} <- @presences}>
            <%= if @user == [], do: key, else: render_slot(@user, {key, metas}) %>
          </li>
        </ul>
      </div>
      """
    end

    @doc false
    def count_label(0), do: "Nobody online"
    def count_label(n) when is_integer(n), do: "#{n} users online"
  end
end

# frozen_string_literal: true

require "test_helper"
require "kiln/web/app"

class WebHelpersTest < Minitest::Test
  include Kiln::Web::Helpers

  NOW = Time.utc(2026, 1, 1, 12, 0, 0)

  def test_future
    assert_includes relative_time(NOW + 180, NOW), "in 3 minutes"
  end

  def test_past
    assert_includes relative_time(NOW - 7200, NOW), "2 hours ago"
  end

  def test_display_args_legacy_payload
    assert_equal "", display_args({"class" => "OldJob"})
    assert_equal "1, \"a\"", display_args({"args" => [1, "a"]})
  end
end

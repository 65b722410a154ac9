# frozen_string_literal: true

require "test_helper"

class CronTest < Minitest::Test
  def parser(line, zone = "UTC")
    Kiln::Cron::Parser.new(line, time_zone: zone)
  end

  def test_next_time_simple
    t = parser("0 3 * * *").next_time(Time.utc(2024, 5, 1, 12, 0))
    assert_equal Time.utc(2024, 5, 2, 3, 0), t
  end

  def test_next_time_is_exclusive
    t = parser("*/15 * * * *").next_time(Time.utc(2024, 5, 1, 12, 15))
    assert_equal Time.utc(2024, 5, 1, 12, 30), t
  end

  def test_aliases
    assert_equal Time.utc(2024, 5, 5, 0, 0), parser("@weekly").next_time(Time.utc(2024, 5, 1))
  end

  def test_spring_forward_gap_runs_after_the_gap
    # 02:30 does not exist in Paris on 2023-03-26; run at 03:00 CEST (01:00 UTC)
    t = parser("30 2 * * *", "Europe/Paris").next_time(Time.utc(2023, 3, 25, 12, 0))
    assert_equal Time.utc(2023, 3, 26, 1, 0), t
  end

  def test_parse_error
    err = assert_raises(Kiln::Cron::ParseError) { parser("61 * * * *") }
    assert_match "unable to parse cron line '61 * * * *'", err.message
  end
end

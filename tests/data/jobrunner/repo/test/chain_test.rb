# frozen_string_literal: true

require "test_helper"

class ChainTest < Minitest::Test
  class Recorder
    def initialize(log = [], tag = name)
      @log = log
      @tag = tag
    end

    def name
      self.class.name.split("::").last
    end

    def call(*)
      @log << @tag
      yield
    end
  end

  class First < Recorder; end
  class Second < Recorder; end

  def test_invoke_runs_in_order
    log = []
    chain = Kiln::Middleware::Chain.new
    chain.add First, log, :first
    chain.add Second, log, :second
    result = chain.invoke(:worker, {}, "default") { :ran }
    assert_equal :ran, result
    assert_equal %i[first second], log
  end

  def test_insert_before_missing_target_appends
    chain = Kiln::Middleware::Chain.new
    chain.add First
    chain.insert_before Kiln::Retry, Second
    assert_equal [First, Second], chain.map(&:klass)
  end

  def test_remove
    chain = Kiln::Middleware::Chain.new
    chain.add First
    chain.add Second
    chain.remove First
    assert_equal [Second], chain.map(&:klass)
  end
end

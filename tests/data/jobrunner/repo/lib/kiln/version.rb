# frozen_string_literal: true

module Kiln
  VERSION = "2.6.0.dev"
end

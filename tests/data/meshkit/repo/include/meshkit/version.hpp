#pragma once

namespace meshkit {
inline namespace v1 {

/// Library version as "MAJOR.MINOR.PATCH".
const char* version() noexcept;

} // namespace v1
} // namespace meshkit

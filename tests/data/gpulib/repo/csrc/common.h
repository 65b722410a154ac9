// Shared helpers for the quiver native kernels. No torch or CUDA includes here
// so the CPU kernels build and test without either.
#pragma once

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace quiver {

struct Point3 {
  float x, y, z;
};

inline float sqdist(const Point3& a, const Point3& b) {
  const float dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  return dx * dx + dy * dy + dz * dz;
}

namespace detail {
inline void append(std::ostringstream&) {}
template <typename T, typename... Rest>
void append(std::ostringstream& os, const T& v, const Rest&... rest) {
  os << v;
  append(os, rest...);
}
}  // namespace detail

template <typename... Args>
[[noreturn]] void fail(const char* file, int line, const Args&... args) {
  std::ostringstream os;
  detail::append(os, args...);
  os << " (" << file << ":" << line << ")";
  throw std::runtime_error(os.str());
}

}  // namespace quiver

// QUIVER_CHECK(cond, "message ", value, ...) throws std::runtime_error.
#define QUIVER_CHECK(cond, ...)                          \
  do {                                                   \
    if (!(cond)) {                                       \
      ::quiver::fail(__FILE__, __LINE__, __VA_ARGS__);   \
    }                                                    \
  } while (0)

namespace quiver {
namespace cpu {

std::vector<Point3> voxel_downsample(const std::vector<Point3>& pts, float voxel_size);
void knn(const std::vector<Point3>& query, const std::vector<Point3>& ref, int k,
         std::vector<int64_t>& idx, std::vector<float>& dist);
std::vector<int64_t> ball_query(const std::vector<Point3>& query, const std::vector<Point3>& ref,
                                float radius, int max_samples);
std::vector<int64_t> farthest_point_sample(const std::vector<Point3>& pts, int n_samples,
                                           int start_idx);

}  // namespace cpu
}  // namespace quiver

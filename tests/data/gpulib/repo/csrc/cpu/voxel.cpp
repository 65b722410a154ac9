#include <cmath>
#include <map>
#include <tuple>

#include "common.h"

namespace quiver {
namespace cpu {

std::vector<Point3> voxel_downsample(const std::vector<Point3>& pts, float voxel_size) {
  QUIVER_CHECK(voxel_size > 0.0f, "voxel_size must be positive, got ", voxel_size);
  using Key = std::tuple<int64_t, int64_t, int64_t>;
  std::map<Key, std::pair<Point3, int64_t>> acc;
  for (const auto& p : pts) {
    Key key{static_cast<int64_t>(std::floor(p.x / voxel_size)),
            static_cast<int64_t>(std::floor(p.y / voxel_size)),
            static_cast<int64_t>(std::floor(p.z / voxel_size))};
    auto& slot = acc[key];
    slot.first.x += p.x;
    slot.first.y += p.y;
    slot.first.z += p.z;
    slot.second += 1;
  }
  std::vector<Point3> out;
  out.reserve(acc.size());
  for (const auto& kv : acc) {
    const float n = static_cast<float>(kv.second.second);
    out.push_back({kv.second.first.x / n, kv.second.first.y / n, kv.second.first.z / n});
  }
  return out;
}

}  // namespace cpu
}  // namespace quiver
